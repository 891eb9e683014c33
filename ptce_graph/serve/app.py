"""The ASGI application: routes, start and stop, worker processes, the registry page, health, dumps.

:func:`create_app` builds a Starlette application over a prepared registry
(:class:`~ptce_graph.serve.state.SiteState`).  At start it opens the store
read-only, starts the SPARQL and check worker processes and, unless told
not to, renders every pole's page in the background; at stop (SIGTERM,
SIGINT: uvicorn finishes the requests under way first) it stops them and
closes the store.  :func:`app_from_environment` is the factory uvicorn's
worker processes call (``--workers N``): they read the state the command
prepared and saved.

Routes::

    GET  /                    the registry: every pole, its verdicts, links; the dumps
    GET  /id/{path}           303 to /page/{path} or /data/{path}.ttl|.jsonld|.nt (Accept)
    GET  /page/{path}         HTML: a pole's report page, an actor's card, a table of triples
    GET  /data/{path}[.ext]   Turtle, JSON-LD, N-Triples
    GET  /figures/{pole}/{name}.svg|png
    GET  /ns, /shapes/…, /definition/…  the vocabulary (HTML documentation or RDF)
    GET  /files/{name}, /context.jsonld
    GET|POST /sparql          SPARQL 1.1 Protocol, read only
    GET  /catalog[?page=N]    DCAT catalogue, Hydra paging
    GET|POST /check           upload a pole, read its checklist
    GET  /dumps/{name}        the registry's dumps
    GET  /health              liveness and what is loaded (JSON)
"""

from __future__ import annotations

import contextlib
import functools
import json
import logging
import os
import threading
import time
from collections.abc import AsyncIterator
from typing import Any

import pyoxigraph as ox
from rdflib.namespace import RDF
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, RedirectResponse, Response
from starlette.routing import Route

from ptce_graph.errors import InputError
from ptce_graph.io.rdf import parse_rdf
from ptce_graph.namespaces import PTCE
from ptce_graph.publish.embedded import to_oxigraph
from ptce_graph.registry import REGISTRY_GRAPH
from ptce_graph.report.html import icon
from ptce_graph.serve import catalog as catalog_routes
from ptce_graph.serve import check as check_routes
from ptce_graph.serve import resources, sparql, vocabulary
from ptce_graph.serve.html import Links, policy_for
from ptce_graph.serve.http import cached
from ptce_graph.serve.middleware import http_error, internal_error, middleware
from ptce_graph.serve.problems import problem
from ptce_graph.serve.query_pool import QueryPool
from ptce_graph.serve.requests import language, links
from ptce_graph.serve.settings import ServeSettings
from ptce_graph.serve.site import Site
from ptce_graph.serve.state import SiteState, load_state, prepare
from ptce_graph.serve.views import Hrefs, home_page, pole_page
from ptce_graph.serve.words import word
from ptce_graph.serve.workers import ProcessPool

__all__ = ["create_app", "app_from_environment", "STATE_VARIABLE", "SETTINGS_VARIABLE"]

log = logging.getLogger("ptce_graph.serve")

#: Environment variables through which ``ptce serve --workers N`` hands the prepared state to its workers.
STATE_VARIABLE = "PTCE_SERVE_STATE"
SETTINGS_VARIABLE = "PTCE_SERVE_SETTINGS"


def home(request: Request) -> Response:
    site: Site = request.app.state.site
    lang = language(request)
    ways = links(request, lang)

    def compute() -> bytes:
        return home_page(site, lang, Hrefs(site, ways), lambda name: ways.root + "dumps/" + name).encode("utf-8")

    body = site.pages.get(("home", lang, ways.root), compute)
    return cached(request, body, "text/html", last_modified=site.state.loaded, vary=("Accept-Language",),
                  headers={"Link": f'<{ways.root}catalog>; rel="describedby"; type="text/turtle"',
                           "Content-Security-Policy": policy_for(body.decode("utf-8"))})


def favicon(request: Request) -> Response:
    return cached(request, icon(), "image/svg+xml", last_modified=request.app.state.site.state.loaded, vary=(),
                  max_age=86400)


def index(request: Request) -> Response:
    """``/index.html``: the report pages' link back to their registry."""
    return RedirectResponse(links(request)(""), status_code=301)


def health(request: Request) -> Response:
    site: Site = request.app.state.site
    state = site.state
    body = {
        "status": "ok",
        "poles": len(state.poles),
        "as_of": state.as_of.isoformat(),
        "loaded": state.loaded.isoformat(),
        "pages_cached": len(site.pages),
        "warming": bool(getattr(request.app.state, "warming", False)),
        "writable": state.writable,
    }
    return Response(json.dumps(body), media_type="application/json", headers={"Cache-Control": "no-store"})


def dump(request: Request) -> Response:
    site: Site = request.app.state.site
    name = request.path_params["name"]
    found = next((d for d in site.state.dumps.values() if d.file_name == name), None)
    if found is None:
        return problem(request, 404, detail=lambda lang: [word("error_404_text", lang, path=request.url.path)])
    etag = f'"{found.sha256[:32]}"'
    headers = {"ETag": etag, "Cache-Control": "public, max-age=300",
               "Content-Disposition": f'attachment; filename="{name}"'}
    wanted = request.headers.get("if-none-match")
    if wanted and etag in {t.strip().removeprefix("W/") for t in wanted.split(",")}:
        return Response(status_code=304, headers=headers)
    media = "text/turtle; charset=utf-8" if name.endswith(".ttl") else "application/n-triples"
    return FileResponse(site.state.folder / name, media_type=media, headers=headers)


def _routes() -> list[Route]:
    return [
        Route("/", home),
        Route("/index.html", index),
        Route("/favicon.svg", favicon),
        Route("/health", health),
        Route("/id/{path:path}", resources.identify),
        Route("/page/{path:path}", resources.page),
        Route("/data/{path:path}", resources.data),
        Route("/figures/{path:path}", resources.figure),
        Route("/sparql", sparql.endpoint, methods=["GET", "POST"]),
        Route("/catalog", catalog_routes.catalog),
        Route("/check", check_routes.form, methods=["GET"]),
        Route("/check", check_routes.submit, methods=["POST"]),
        Route("/dumps/{name}", dump),
        Route("/files/{name}", vocabulary.documented_file),
        Route("/context.jsonld", vocabulary.context),
        Route("/{path:path}", vocabulary.term),
    ]


def _page_bytes(site: Site, pole: str, lang: str, hrefs: Hrefs) -> bytes:
    return pole_page(site, pole, lang, hrefs).encode("utf-8")


def _warm(app: Starlette, stop: threading.Event) -> None:
    """Render every pole's page once, in the background, yielding to requests between poles."""
    site: Site = app.state.site
    settings: ServeSettings = app.state.settings
    app.state.warming = True
    started = time.monotonic()
    try:
        ways = Links("/", settings.lang, settings.lang)
        hrefs = Hrefs(site, ways)
        for pole in site.state.poles:
            if stop.is_set():
                return
            key = (pole, settings.lang, ways.root)
            if key not in site.pages:
                site.pages.get(key, functools.partial(_page_bytes, site, pole, settings.lang, hrefs))
            time.sleep(0.002)
        log.info("pages of %d pole(s) rendered in %.1f s", len(site.state.poles), time.monotonic() - started)
    except Exception:  # noqa: BLE001 - warming is an optimisation: a failure is logged, pages render on demand
        log.exception("rendering the pages in the background failed; they will be rendered on demand")
    finally:
        app.state.warming = False


def _store_upload(app: Starlette, turtle: bytes) -> list[str]:
    """Add the poles of a checked upload to a writable registry (replacing what was minted under them)."""
    site: Site = app.state.site
    graph = parse_rdf(turtle, format="turtle", source="upload")
    poles = sorted(str(p) for p in graph.subjects(RDF.type, PTCE.Pole))
    store = site.registry.store.oxigraph
    named = ox.NamedNode(REGISTRY_GRAPH)
    with site.writing:
        for pole in poles:
            subjects: set[Any] = {q.subject for q in store.quads_for_pattern(None, None, None, named)
                                  if isinstance(q.subject, ox.NamedNode)
                                  and (q.subject.value == pole or q.subject.value.startswith(pole + "/"))}
            stack, seen = list(subjects), set(subjects)
            while stack:
                node = stack.pop()
                for quad in list(store.quads_for_pattern(node, None, None, named)):
                    if isinstance(quad.object, ox.BlankNode) and quad.object not in seen:
                        seen.add(quad.object)
                        stack.append(quad.object)
                    store.remove(quad)
        for triple in graph:
            s, p, o = (to_oxigraph(t) for t in triple)
            store.add(ox.Quad(s, p, o, named))
        store.flush()
        state = site.state
        site.state = prepare(site.registry, state.folder, base=state.base, lang=state.lang, as_of=state.as_of,
                             info=state.info, writable=True)
        site.forget()
    app.state.queries.restart()
    log.info("added to the registry: %s", ", ".join(poles))
    return poles


def _start_workers(app: Starlette) -> None:
    """Start the worker processes: the first queries and checks need them."""
    app.state.queries.start()
    app.state.checks.start()


def _build_vocabulary() -> None:
    """Build the vocabulary's documentation ahead of its first request (a few seconds)."""
    try:
        vocabulary.vocabulary()
    except Exception:  # noqa: BLE001 - built again on first request, where an error is answered properly
        log.exception("building the vocabulary's documentation failed")


def create_app(state: SiteState, settings: ServeSettings | None = None) -> Starlette:
    """The ASGI application serving a prepared registry."""
    settings = settings or ServeSettings(lang=state.lang)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        site = Site(state)
        app.state.site = site
        app.state.settings = settings
        app.state.queries = QueryPool(state.store, processes=settings.query_processes,
                                      max_memory=settings.worker_memory)
        app.state.checks = ProcessPool(check_routes.check_worker, (settings.worker_memory,),
                                       processes=settings.check_processes, name="ptce-check-worker")
        app.state.store_upload = lambda turtle: _store_upload(app, turtle)
        app.state.warming = False
        stop = threading.Event()
        starter = threading.Thread(target=_start_workers, args=(app,), name="ptce-start-workers", daemon=True)
        starter.start()
        threading.Thread(target=_build_vocabulary, name="ptce-vocabulary", daemon=True).start()
        warmer = None
        if settings.warm:
            warmer = threading.Thread(target=_warm, args=(app, stop), name="ptce-warm-pages", daemon=True)
            warmer.start()
        log.info("serving %d pole(s) as of %s", len(state.poles), state.as_of.isoformat())
        try:
            yield
        finally:
            stop.set()
            starter.join(30)
            app.state.queries.close()
            app.state.checks.close()
            if warmer is not None:
                warmer.join(30)
            site.close()
            log.info("stopped")

    return Starlette(
        routes=_routes(),
        middleware=middleware(),
        exception_handlers={HTTPException: http_error, Exception: internal_error},
        lifespan=lifespan,
    )


def app_from_environment() -> Starlette:
    """The application of a uvicorn worker process (``ptce serve --workers N``): state and settings from the
    folder the command prepared."""
    folder = os.environ.get(STATE_VARIABLE)
    if not folder:
        raise InputError("no prepared registry: run the server with `ptce serve`", source=STATE_VARIABLE)
    state = load_state(folder)
    raw: dict[str, Any] = json.loads(os.environ.get(SETTINGS_VARIABLE) or "{}")
    return create_app(state, ServeSettings(**raw))
