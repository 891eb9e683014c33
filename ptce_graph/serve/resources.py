"""Linked data that resolves: ``/id/…`` redirects, ``/page/…`` shows, ``/data/…`` gives the data.

Following "Cool URIs for the Semantic Web" (303 URIs) and what Pubby, LodView
and Trifid do:

* ``GET /id/{path}`` — the IRI ``{base}{path}`` names a thing (a pole, an
  actor), not a document: **303 See Other** to ``/page/{path}`` for a browser,
  to ``/data/{path}.ttl`` (``.jsonld``, ``.nt``) for a linked-data client,
  chosen by ``Accept`` (``Vary: Accept``);
* ``GET /page/{path}`` — the HTML view (:mod:`ptce_graph.serve.views`);
* ``GET /data/{path}.ttl|.jsonld|.nt`` — the description in that format,
  whatever ``Accept`` says; ``GET /data/{path}`` negotiates it
  (``Content-Location`` names the document chosen);
* ``GET /figures/{pole path}/{network|thumbnail|density}.{svg|png}`` — a
  pole's figures, drawn on first request.

Unknown IRIs get 404 in the page's language and the other one.  Every answer
carries ``ETag`` and ``Last-Modified`` (304 when current) and a ``Link``
header to its other representations.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from ptce_graph.io import serialize
from ptce_graph.serve.html import policy_for
from ptce_graph.serve.http import cached, see_other
from ptce_graph.serve.negotiation import SUFFIXES, media_type_of, representation, split_suffix
from ptce_graph.serve.problems import problem
from ptce_graph.serve.requests import language, links, raw_tail
from ptce_graph.serve.site import Site, href_path
from ptce_graph.serve.views import Hrefs, actor_page, pole_page, resource_page
from ptce_graph.serve.words import word

__all__ = ["identify", "page", "data", "figure", "not_found", "FORMAT_NAMES"]

FORMAT_NAMES = ("html", *SUFFIXES)


def _site(request: Request) -> Site:
    site: Site = request.app.state.site
    return site


def not_found(request: Request, shown: str | None = None) -> Response:
    path = shown if shown is not None else request.url.path
    return problem(request, 404, detail=lambda lang: [word("error_404_text", lang, path=path)])


def _not_acceptable(request: Request, formats: list[str]) -> Response:
    listed = ", ".join(media_type_of(f) for f in formats)
    return problem(request, 406, detail=lambda lang: [word("error_406_text", lang, formats=listed)],
                   headers={"Vary": "Accept"})


def _link_header(hrefs: Hrefs, iri: str, *, page: bool = True) -> str:
    parts = [f'<{hrefs.data(iri, fmt)}>; rel="alternate"; type="{media_type_of(fmt)}"' for fmt in SUFFIXES]
    if page:
        href = hrefs.page(iri, check=False)
        if href:
            parts.append(f'<{href}>; rel="alternate"; type="text/html"')
    return ", ".join(parts)


def identify(request: Request) -> Response:
    """``/id/{path}``: 303 to the page or to the data document the client prefers."""
    site = _site(request)
    tail = raw_tail(request, "/id/")
    iri = site.resolve(tail) if tail else None
    if iri is None:
        return not_found(request)
    fmt = representation(request.headers.get("accept"))
    if fmt is None:
        return _not_acceptable(request, list(FORMAT_NAMES))
    path = href_path(site.path_of(iri) or "")
    ways = links(request)
    if fmt == "html":
        target = ways("page/" + path, lang=request.query_params.get("lang") or None)
    else:
        target = ways.root + "data/" + path + SUFFIXES[fmt]
    return see_other(target)


def page(request: Request) -> Response:
    """``/page/{path}``: the HTML view of a resource of the registry."""
    site = _site(request)
    tail = raw_tail(request, "/page/")
    iri = site.resolve(tail) if tail else None
    if iri is None:
        return not_found(request)
    lang = language(request)
    hrefs = Hrefs(site, links(request, lang))
    kind = site.kind(iri)

    def compute() -> bytes:
        with site.writing:
            if kind == "pole":
                html = pole_page(site, iri, lang, hrefs)
            elif kind == "actor":
                html = actor_page(site, iri, lang, hrefs)
            else:
                html = resource_page(site, iri, lang, hrefs)
        return html.encode("utf-8")

    body = site.pages.get((iri, lang, hrefs.links.root), compute)
    return cached(request, body, "text/html", last_modified=site.state.loaded, vary=("Accept-Language",),
                  headers={"Content-Security-Policy": policy_for(body.decode("utf-8")),
                           "Link": _link_header(hrefs, iri, page=False)})


def data(request: Request) -> Response:
    """``/data/{path}[.ttl|.jsonld|.nt]``: the description of a resource in an RDF format."""
    site = _site(request)
    tail = raw_tail(request, "/data/") or ""
    stem, fmt = split_suffix(tail)
    iri = site.resolve(stem) if fmt is not None and stem else None
    negotiated = iri is None
    if negotiated:
        iri = site.resolve(tail) if tail else None
        fmt = None
    if iri is None:
        return not_found(request)
    if fmt is None:
        fmt = representation(request.headers.get("accept"), html=False)
        if fmt is None:
            return _not_acceptable(request, list(SUFFIXES))
    chosen = fmt

    def compute() -> bytes:
        with site.writing:
            return serialize(site.describe(iri), chosen)

    body = site.documents.get((iri, chosen), compute)
    hrefs = Hrefs(site, links(request))
    headers = {"Link": _link_header(hrefs, iri)}
    if negotiated:
        headers["Content-Location"] = hrefs.data(iri, chosen)
    return cached(request, body, media_type_of(chosen), last_modified=site.state.loaded,
                  vary=("Accept",) if negotiated else (), headers=headers)


_FIGURE_TYPES = {"svg": "image/svg+xml", "png": "image/png"}


def figure(request: Request) -> Response:
    """``/figures/{pole path}/{name}.{svg|png}``: a figure of a pole's page, drawn once."""
    site = _site(request)
    tail = raw_tail(request, "/figures/") or ""
    pole_path, _, file_name = tail.rpartition("/")
    name, _, ext = file_name.rpartition(".")
    iri = site.resolve(pole_path) if pole_path else None
    if iri is None or not site.is_pole(iri) or ext not in _FIGURE_TYPES:
        return not_found(request)
    lang = language(request)
    view = site.view(iri, lang)
    if name not in view.figure_names():
        return not_found(request)

    def compute() -> bytes:
        with site.writing:
            files = view.draw(name)
        site.figures.put((iri, lang, name, "png" if ext == "svg" else "svg"),
                         files.png if ext == "svg" else files.svg)
        return files.svg if ext == "svg" else files.png

    body = site.figures.get((iri, lang, name, ext), compute)
    return cached(request, body, _FIGURE_TYPES[ext], last_modified=site.state.loaded, vary=(),
                  max_age=3600)
