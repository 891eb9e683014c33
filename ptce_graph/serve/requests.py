"""What the server reads from a request besides its route: the language, the server's root, the raw path.

* The language of a page is ``?lang=fr|en`` when given, else the best of
  ``Accept-Language``, else the server's default (``--lang``).
* The server may sit below a path of a reverse proxy (uvicorn's
  ``--root-path``): links are built from the request's root.
* A resource's IRI is read from the *raw* path, as the client wrote it:
  ``/id/pole/Coop%20A`` names ``…/pole/Coop%20A``, which a decoded path
  would turn into an invalid IRI.
"""

from __future__ import annotations

from starlette.requests import Request

from ptce_graph.serve.html import Links
from ptce_graph.serve.negotiation import choose_language
from ptce_graph.serve.words import LANGUAGES

__all__ = ["language", "links", "raw_tail", "root"]


def language(request: Request) -> str:
    asked = request.query_params.get("lang")
    if asked in LANGUAGES:
        return asked
    default = request.app.state.settings.lang
    return choose_language(request.headers.get("accept-language"), LANGUAGES, default)


def root(request: Request) -> str:
    return str(request.scope.get("root_path") or "").rstrip("/") + "/"


def links(request: Request, lang: str | None = None) -> Links:
    return Links(root(request), lang or language(request), request.app.state.settings.lang)


def raw_tail(request: Request, prefix: str) -> str | None:
    """The raw (still percent-encoded) path after ``prefix`` (``/id/``…), or None when it does not start so."""
    raw = request.scope.get("raw_path")
    text = raw.decode("latin-1") if isinstance(raw, bytes) else request.url.path
    base = str(request.scope.get("root_path") or "").rstrip("/")
    if base and text.startswith(base + "/"):
        text = text[len(base):]
    if not text.startswith(prefix):
        return None
    return text[len(prefix):]
