"""The middleware stack of the server, in process: an unexpected error reaches the client as a reference only,
with every header the other answers have, and the access log records it; other sites' scripts may read the
public data, not use the check page."""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

import pytest
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response, StreamingResponse
from starlette.routing import Route

from ptce_graph.serve.middleware import ACCESS_LOGGER, http_error, internal_error, middleware
from ptce_graph.serve.settings import ServeSettings

SECRET = "/srv/ptce/secret-path"


def _fails(request: Request) -> Response:
    raise RuntimeError(SECRET)


async def _fails_midway(request: Request) -> Response:
    async def body() -> Any:
        yield b"begun"
        raise RuntimeError(SECRET)

    return StreamingResponse(body(), media_type="text/plain")


def _works(request: Request) -> Response:
    return PlainTextResponse("ok")


APP = Starlette(routes=[Route("/fails", _fails), Route("/fails-midway", _fails_midway), Route("/works", _works),
                        Route("/sparql", _works, methods=["GET", "POST"]), Route("/check", _works, methods=["POST"])],
                middleware=middleware(), exception_handlers={HTTPException: http_error, Exception: internal_error})
APP.state.settings = ServeSettings(lang="en")  # the server's default language; the requests ask for French


def call(path: str, accept: str, *, method: str = "GET",
         headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    """One request through the ASGI application, as a server would make it."""
    extra = [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": method, "scheme": "http",
             "path": path, "raw_path": path.encode(), "root_path": "", "query_string": b"",
             "headers": [(b"host", b"localhost"), (b"accept", accept.encode()), (b"accept-language", b"fr"), *extra],
             "client": ("127.0.0.1", 5000), "server": ("127.0.0.1", 8000), "state": {}}
    sent: list[dict[str, Any]] = []
    requested = False

    async def receive() -> dict[str, Any]:
        nonlocal requested
        if requested:  # the client stays connected
            await asyncio.Event().wait()
        requested = True
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    asyncio.run(APP(scope, receive, send))
    start = next(m for m in sent if m["type"] == "http.response.start")
    headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in start["headers"]}
    return start["status"], headers, b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")


@pytest.mark.parametrize("accept", ["text/html", "text/plain", "application/problem+json"])
def test_an_unexpected_error_gives_a_reference_and_the_usual_headers(accept: str,
                                                                     caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO):
        status, headers, body = call("/fails", accept)
    assert status == 500
    reference = headers["x-request-id"]
    assert reference.encode() in body
    assert SECRET.encode() not in body and b"Traceback" not in body and b"RuntimeError" not in body
    assert headers["x-content-type-options"] == "nosniff" and headers["x-frame-options"] == "DENY"
    assert "default-src 'none'" in headers["content-security-policy"]
    assert headers["cache-control"] == "no-store"
    if accept == "text/html":
        assert b'<html lang="fr">' in body and b"Erreur" in body
    logged = [r for r in caplog.records if r.name == "ptce_graph.serve" and r.exc_info]
    assert len(logged) == 1 and reference in logged[0].getMessage()  # the administrator finds it by its id
    access = [json.loads(r.getMessage()) for r in caplog.records if r.name == ACCESS_LOGGER]
    assert len(access) == 1 and access[0]["status"] == 500 and access[0]["id"] == reference


def test_an_error_after_the_answer_began_is_left_to_the_server() -> None:
    with pytest.raises(RuntimeError):  # uvicorn closes the connection: nothing else can be sent
        call("/fails-midway", "text/plain")


def test_answers_that_work_are_untouched() -> None:
    status, headers, body = call("/works", "text/plain")
    assert (status, body) == (200, b"ok")
    assert "x-request-id" in headers and headers["x-content-type-options"] == "nosniff"


PREFLIGHT = {"Origin": "https://yasgui.example", "Access-Control-Request-Method": "POST",
             "Access-Control-Request-Headers": "content-type"}


def test_other_sites_read_the_data_and_query_it() -> None:
    status, headers, _ = call("/sparql", "*/*", method="OPTIONS", headers=PREFLIGHT)
    assert status == 204
    assert headers["access-control-allow-origin"] == "*"
    assert "POST" in headers["access-control-allow-methods"]
    assert "content-type" in headers["access-control-allow-headers"].lower()
    assert "x-request-id" in headers and headers["x-content-type-options"] == "nosniff"
    status, headers, _ = call("/works", "*/*", method="OPTIONS", headers=PREFLIGHT)
    assert status == 204 and "POST" not in headers["access-control-allow-methods"]  # read only
    status, headers, _ = call("/works", "text/plain", headers={"Origin": "https://elsewhere.example"})
    assert headers["access-control-allow-origin"] == "*"
    assert "ETag" in headers["access-control-expose-headers"]
    assert "access-control-allow-credentials" not in headers


def test_the_check_page_is_for_this_site_only() -> None:
    status, headers, _ = call("/check", "*/*", method="OPTIONS", headers=PREFLIGHT)
    assert status == 405 and "access-control-allow-origin" not in headers
    status, headers, _ = call("/check", "text/plain", method="POST", headers={"Origin": "https://elsewhere.example"})
    assert "access-control-allow-origin" not in headers
