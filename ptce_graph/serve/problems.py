"""Error answers in the client's language and format: an HTML page, plain text, or JSON (RFC 9457).

Every error says what happened in the page's language and, below, in the
other one (a link followed from a French page may be read by an English
speaker).  Nothing of the server's internals reaches the client: an
unexpected error is logged with its traceback and answered with a reference
the administrator finds in the log.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence

from starlette.requests import Request
from starlette.responses import Response

from ptce_graph.serve.html import policy_for, render
from ptce_graph.serve.negotiation import choose
from ptce_graph.serve.requests import language, links
from ptce_graph.serve.words import WORDS, other_language, word

__all__ = ["problem", "html_page"]


def html_page(html: str, *, status: int = 200, headers: Mapping[str, str] | None = None,
              images: str = "'self'") -> Response:
    """An HTML answer with the Content-Security-Policy of its own content."""
    out = {"Content-Security-Policy": policy_for(html, images=images), **(headers or {})}
    return Response(html, status_code=status, media_type="text/html; charset=utf-8", headers=out)


def problem(
    request: Request,
    status: int,
    *,
    detail: Callable[[str], Sequence[str]] | None = None,
    errors: Sequence[str] = (),
    headers: Mapping[str, str] | None = None,
) -> Response:
    """An error answer; ``detail(lang)`` gives its sentences in a language, ``errors`` located messages."""
    lang = language(request)
    other = other_language(lang)
    title = word(f"error_{status}", lang) if f"error_{status}" in _known(lang) else str(status)
    lines = list(detail(lang)) if detail else []
    out = {"Cache-Control": "no-store", "Vary": "Accept, Accept-Language", **(headers or {})}
    kind = choose(request.headers.get("accept"),
                  ["text/html", "text/plain", "application/problem+json", "application/json"])
    if kind == "text/html":
        page = render("error.html", lang=lang, links=links(request, lang), path=request.url.path.lstrip("/"),
                      title=title, lines=lines, errors=list(errors),
                      other_title=word(f"error_{status}", other) if f"error_{status}" in _known(other) else "",
                      other_lines=list(detail(other)) if detail else [])
        return html_page(page, status=status, headers=out)
    if kind in ("application/problem+json", "application/json"):
        body = {"status": status, "title": title, "detail": " ".join(lines), "errors": list(errors)}
        return Response(json.dumps(body, ensure_ascii=False), status_code=status,
                        media_type="application/problem+json", headers=out)
    text = "\n".join([title, *lines, *(f"- {e}" for e in errors)])
    if detail:
        text += "\n\n" + "\n".join([word(f"error_{status}", other) if f"error_{status}" in _known(other) else "",
                                     *detail(other)])
    return Response(text + "\n", status_code=status, media_type="text/plain; charset=utf-8", headers=out)


def _known(lang: str) -> set[str]:
    return set(WORDS[lang])
