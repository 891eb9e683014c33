"""What every answer gets: security headers, a structured access log line, and no stack trace on an error.

* Security headers (OWASP's secure-headers list): ``X-Content-Type-Options:
  nosniff``, ``Referrer-Policy: no-referrer``, ``X-Frame-Options: DENY``,
  ``Cross-Origin-Opener-Policy: same-origin``, and a Content-Security-Policy
  that forbids everything where the handler set none (HTML pages set their
  own, :func:`ptce_graph.serve.html.policy_for`).  An SVG figure may be framed
  by this site's own pages (``SAMEORIGIN``, ``frame-ancestors 'self'``): a
  pole's page shows its network as an ``<object>``, where the tooltips work.
* Cross-origin reads (CORS, :class:`CrossOrigin`): everything the server
  publishes is public and read only, so other sites' scripts may read it
  (``Access-Control-Allow-Origin: *``, no credentials) — a SPARQL client such
  as YASGUI, a JSON-LD processor fetching ``/context.jsonld`` — with the
  validators and links exposed, and preflight requests answered (POST only
  where the SPARQL protocol has it).  The check page is not open: it takes
  uploads and, on a writable server, stores them.
* The access log: one JSON object per request on the logger named
  :data:`ACCESS_LOGGER` — time, request id (also sent back as ``X-Request-Id``), client,
  method, path, query length (never the query itself: it may hold a SPARQL
  query or personal data), status, bytes, milliseconds, user agent.
* An unexpected error is logged with its traceback under the request id and
  answered with a page that gives only that id (:func:`internal_error`), by
  :class:`ErrorPage` *inside* the two others: Starlette's own handler of
  ``Exception`` sits outside every middleware, and its answer went out without
  the security headers or the request id.

:func:`middleware` is the stack, in order, that :func:`ptce_graph.serve.app.create_app` uses.
"""

from __future__ import annotations

import json
import logging
import time
import uuid
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response

from ptce_graph.serve.problems import problem
from ptce_graph.serve.words import word

__all__ = ["SecurityHeaders", "CrossOrigin", "AccessLog", "ErrorPage", "middleware", "internal_error", "http_error",
           "ACCESS_LOGGER"]

#: The name of the access log's logger (configure it to keep the log elsewhere).
ACCESS_LOGGER = "ptce_graph.serve.access"
access_log = logging.getLogger(ACCESS_LOGGER)
error_log = logging.getLogger("ptce_graph.serve")

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]

_ALWAYS = (
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
)
_NOTHING = b"default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
_SVG = b"default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'"
_NOT_OPEN = ("/check",)  # uploads (and, on a writable server, writes): for this site's own form only
_POST_OPEN = ("/sparql",)  # the SPARQL protocol's POST (a query, never an update: refused)
_PREFLIGHT_HEADERS = b"Accept, Accept-Language, Content-Type, If-None-Match, If-Modified-Since"
_EXPOSED = b"ETag, Last-Modified, Link, Content-Location, Vary, Retry-After, X-Request-Id, X-SPARQL-MaxRows"
_PREFLIGHT_CACHE = b"86400"  # a day


class SecurityHeaders:
    def __init__(self, app: App) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {name.lower() for name, _ in headers}
                svg = next((v for n, v in headers if n.lower() == b"content-type"), b"").startswith(b"image/svg")
                headers += [(name, value) for name, value in _ALWAYS if name not in names]
                if b"x-frame-options" not in names:
                    headers.append((b"x-frame-options", b"SAMEORIGIN" if svg else b"DENY"))
                if b"content-security-policy" not in names:
                    headers.append((b"content-security-policy", _SVG if svg else _NOTHING))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, sending)


class CrossOrigin:
    """CORS for the public data (module docstring): the headers on every answer but the check page's, and the
    answer to a preflight request (``OPTIONS`` with ``Access-Control-Request-Method``)."""

    def __init__(self, app: App) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = str(scope.get("path", ""))
        if scope["type"] != "http" or path.startswith(_NOT_OPEN):
            await self.app(scope, receive, send)
            return
        methods = b"GET, HEAD, POST" if path in _POST_OPEN else b"GET, HEAD"
        asked = {name.lower() for name, _ in scope.get("headers", [])}
        if scope.get("method") == "OPTIONS" and b"access-control-request-method" in asked:
            await send({"type": "http.response.start", "status": 204, "headers": [
                (b"access-control-allow-origin", b"*"),
                (b"access-control-allow-methods", methods),
                (b"access-control-allow-headers", _PREFLIGHT_HEADERS),
                (b"access-control-max-age", _PREFLIGHT_CACHE),
                (b"allow", methods),
            ]})
            await send({"type": "http.response.body", "body": b""})
            return

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {name.lower() for name, _ in headers}
                if b"access-control-allow-origin" not in names:
                    headers.append((b"access-control-allow-origin", b"*"))
                    headers.append((b"access-control-expose-headers", _EXPOSED))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, sending)


class AccessLog:
    def __init__(self, app: App) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        request_id = uuid.uuid4().hex[:16]
        scope.setdefault("state", {})["request_id"] = request_id
        status = 500
        size = 0

        async def sending(message: Message) -> None:
            nonlocal status, size
            if message["type"] == "http.response.start":
                status = int(message["status"])
                message["headers"] = [*message.get("headers", []), (b"x-request-id", request_id.encode())]
            elif message["type"] == "http.response.body":
                size += len(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
            client = scope.get("client")
            access_log.info(json.dumps({
                "time": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
                "id": request_id,
                "client": client[0] if client else None,
                "method": scope.get("method"),
                "path": scope.get("path"),
                "query_bytes": len(scope.get("query_string", b"")),
                "status": status,
                "bytes": size,
                "ms": round((time.perf_counter() - started) * 1000, 1),
                "agent": headers.get("user-agent", "")[:120],
            }, ensure_ascii=False))


class ErrorPage:
    """An exception escaping the application becomes :func:`internal_error`'s answer, sent through the
    middlewares around this one (headers, request id, access log); once an answer has started, nothing can
    replace it: the exception goes on to the server, which closes the connection."""

    def __init__(self, app: App) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def sending(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, sending)
        except Exception as exc:
            if started:
                raise
            answer = await internal_error(Request(scope, receive), exc)
            await answer(scope, receive, send)


def middleware() -> list[Middleware]:
    """The server's middlewares, outermost first: the access log sees every answer, the headers are added to
    every answer, error pages included."""
    return [Middleware(AccessLog), Middleware(SecurityHeaders), Middleware(CrossOrigin), Middleware(ErrorPage)]


async def internal_error(request: Request, exc: Exception) -> Response:
    """An unexpected error: the traceback goes to the log, the client gets the request id only."""
    reference = request.scope.get("state", {}).get("request_id", "?")
    error_log.error("unexpected error (request %s) on %s %s", reference, request.method, request.url.path,
                    exc_info=exc)
    return problem(request, 500, detail=lambda lang: [word("error_500_text", lang, ref=reference)])


async def http_error(request: Request, exc: Exception) -> Response:
    """404 and 405 raised by the router (no route matched), in the page's language."""
    status = int(getattr(exc, "status_code", 500))
    if status == 404:
        path = request.url.path
        return problem(request, 404, detail=lambda lang: [word("error_404_text", lang, path=path)])
    headers = dict(getattr(exc, "headers", None) or {})
    return problem(request, status, headers=headers)
