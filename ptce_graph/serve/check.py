"""``/check``: a coordinator drops a workbook, a zipped bundle or a Turtle file and reads the checklist.

The page shows a form; the upload is checked in a worker process (memory cap,
deadline: :mod:`ptce_graph.serve.workers`) — read like a file given to
``ptce`` (:mod:`ptce_graph.serve.uploads`), every pole checked under the four
legal definitions as of the chosen date, its measures computed and its
figures drawn.  The answer is the pole's page as the HTML report shows it,
preceded by what was read, the list of what is left to fill in (clause by
clause, with the definitions concerned), downloads of the data in Turtle and
of the check report in JSON, and a button that shows the same check in the
other language.

Nothing is kept on the server: the downloads and the figures travel inside
the page (``data:`` addresses), and the button to change language sends the
data again (as the Turtle the check read).  A server started with a writable
registry (``--writable``) offers to add the pole to it, on the user's request
only, and refuses such requests from other sites.
"""

from __future__ import annotations

import base64
import datetime as _dt
import logging
from collections.abc import AsyncGenerator
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup
from rdflib import URIRef
from rdflib.namespace import RDF
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.formparsers import MultiPartException, MultiPartParser
from starlette.requests import Request
from starlette.responses import Response

from ptce_graph.dates import parse_day
from ptce_graph.errors import InputError, PTCEError
from ptce_graph.io.serialize import to_turtle
from ptce_graph.legal import compare_definitions, get_definition
from ptce_graph.namespaces import PTCE
from ptce_graph.report.pages import FigureRef, PoleView, pole_view, render_pole_page
from ptce_graph.serve.html import Links, render
from ptce_graph.serve.problems import html_page, problem
from ptce_graph.serve.requests import language, links
from ptce_graph.serve.uploads import KINDS, Upload, UploadError, read_upload
from ptce_graph.serve.views import Hrefs
from ptce_graph.serve.words import LANGUAGES, word
from ptce_graph.serve.workers import Refused, limit_memory, serve_jobs

__all__ = ["CheckJob", "CheckResult", "run_check", "check_worker", "form", "submit", "ACCEPTED"]

log = logging.getLogger("ptce_graph.serve")

#: What the file input accepts (the browser's file chooser shows these first).
ACCEPTED = ".zip,.xlsx,.ods,.ttl,.jsonld,.json,.nt,.rdf"
#: The same, as the form says it (.json is JSON-LD).
_KINDS_TEXT = ", ".join(f"{e} (CSV)" if e == ".zip" else e for e in ACCEPTED.split(",") if e != ".json")


@dataclass(frozen=True)
class CheckJob:
    """An upload to check: its name and bytes, the language, the evaluation date, the pole to show."""

    name: str
    data: bytes
    lang: str
    as_of: _dt.date
    base: str
    max_bytes: int
    pole: str | None = None


@dataclass
class CheckResult:
    """What the check of an upload found (picklable: a worker process sends it back)."""

    kind: str | None = None
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    poles: list[tuple[str, str]] = field(default_factory=list)  # (IRI, name)
    pole: str | None = None
    view: PoleView | None = None
    figures: dict[str, bytes] = field(default_factory=dict)  # name -> SVG
    turtle: bytes = b""
    report_json: str = ""
    to_fill: list[tuple[str, str, str]] = field(default_factory=list)  # (clause name, where, sentence)


def run_check(job: CheckJob) -> CheckResult:
    """Read, check, measure and draw one upload (in a worker process)."""
    try:
        read = read_upload(Upload(job.name, job.data), base=job.base, max_bytes=job.max_bytes, lang=job.lang)
    except UploadError as exc:
        return CheckResult(errors=exc.messages)
    graph = read.graph
    result = CheckResult(kind=read.kind, warnings=read.warnings)
    poles = sorted(str(p) for p in graph.subjects(RDF.type, PTCE.Pole) if isinstance(p, URIRef))
    if not poles:
        shown = Upload(job.name, b"").shown
        result.errors.append(
            f"{shown} : aucun pôle dans les données (aucune ressource de type ptce:Pole) ; pole.csv, ou un "
            "ptce:Pole en RDF, en décrit un" if job.lang == "fr" else
            f"{shown}: no pole in the data (no resource of type ptce:Pole); pole.csv, or a ptce:Pole in RDF, "
            "describes one")
        return result
    try:
        comparison = compare_definitions(graph, as_of=job.as_of, lang=job.lang)
    except InputError as exc:
        result.errors.append(exc.message(job.lang))
        return result
    except PTCEError as exc:
        result.errors.append(str(exc))
        return result
    chosen = job.pole if job.pole in poles else poles[0]
    report = comparison.reports[0]
    result.poles = [(p, report[p].label or p) for p in poles]
    result.pole = chosen
    result.view = pole_view(graph, chosen, lang=job.lang, as_of=job.as_of, comparison=comparison)
    result.figures = {name: result.view.draw(name).svg for name in result.view.figure_names() if name != "thumbnail"}
    result.turtle = to_turtle(graph)
    result.report_json = comparison.to_json(job.lang)
    labels = {c.id: c.label(job.lang) for d in comparison.definitions for c in get_definition(d).clauses}
    result.to_fill = [(labels.get(clause, clause), where, sentence)
                      for clause, where, sentence in comparison.to_fill(chosen, job.lang)]
    return result


def check_worker(connection: Any, max_memory: int | None) -> None:
    """A check worker's life (:class:`~ptce_graph.serve.workers.ProcessPool`): a memory cap, then jobs."""
    import matplotlib  # deferred (heavy): only the check worker draws figures, the server never does

    matplotlib.use("Agg")  # a worker process of our own: no display, ever
    limit_memory(max_memory)

    def answer(job: CheckJob) -> CheckResult:
        try:
            return run_check(job)
        except MemoryError:
            return CheckResult(errors=[f"{Upload(job.name, b'').shown}: the file needs more memory than the server "
                                       "allows for one check"])
        except RecursionError:
            return CheckResult(errors=[f"{Upload(job.name, b'').shown}: the data is nested too deeply"])

    serve_jobs(connection, answer)


# -- HTTP ---------------------------------------------------------------------------------


def _size(n: int, lang: str) -> str:
    megabytes = n / (1024 * 1024)
    text = f"{megabytes:g} Mo" if lang == "fr" else f"{megabytes:g} MB"
    return text.replace(".", ",") if lang == "fr" else text


def _form_page(request: Request, *, status: int = 200, errors: list[str] | None = None,
               message: str | None = None, lang: str | None = None) -> Response:
    """The form, with ``errors`` above it; in ``lang`` (the language chosen in the form), else the page's."""
    settings = request.app.state.settings
    lang = lang or language(request)
    page = render(
        "check.html", lang=lang, links=links(request, lang), path="check", accepted=ACCEPTED,
        kinds=_KINDS_TEXT, size=_size(settings.upload_max_bytes, lang), errors=errors or [],
        message=message, writable=request.app.state.site.state.writable,
        as_of=request.app.state.site.state.as_of.isoformat(),
    )
    return html_page(page, status=status, headers={"Cache-Control": "no-store"})


def form(request: Request) -> Response:
    """``GET /check``: the form."""
    return _form_page(request)


async def _capped(request: Request, limit: int) -> AsyncGenerator[bytes, None]:
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise _TooLarge()
        yield chunk


class _TooLarge(Exception):
    pass


def _same_site(request: Request) -> bool:
    """A request that changes the registry must come from this server's own page (no cross-site forms)."""
    fetch_site = request.headers.get("sec-fetch-site")
    if fetch_site is not None:
        return fetch_site in ("same-origin", "none")
    origin = request.headers.get("origin")
    if origin is None:  # not a browser's form: browsers send Origin with every POST
        return True
    return origin.rstrip("/") == f"{request.url.scheme}://{request.url.netloc}"


async def submit(request: Request) -> Response:
    """``POST /check``: check the uploaded file and answer with the pole's page."""
    settings = request.app.state.settings
    limit = settings.upload_max_bytes + 64 * 1024  # the form's other fields and the multipart framing
    declared = request.headers.get("content-length")
    too_large = problem(request, 413, detail=lambda lang: [word("error_413_text", lang,
                                                                size=_size(settings.upload_max_bytes, lang))])
    if declared is not None and declared.isdigit() and int(declared) > limit:
        return too_large
    media = (request.headers.get("content-type") or "").split(";")[0].strip().lower()
    if media != "multipart/form-data":
        return problem(request, 415, detail=lambda lang: [word("check_not_a_form", lang)])
    try:
        parser = MultiPartParser(request.headers, _capped(request, limit), max_files=1, max_fields=16,
                                 max_part_size=settings.upload_max_bytes + 1024)
        fields = await parser.parse()
    except _TooLarge:
        return too_large
    except MultiPartException as exc:
        text = str(exc)[:200]
        return problem(request, 400, detail=lambda _lang: [text])
    try:
        upload = fields.get("file")
        name, data = "upload", b""
        if isinstance(upload, UploadFile) and upload.filename:
            name = upload.filename
            data = await upload.read(settings.upload_max_bytes + 1)
        elif isinstance(fields.get("data"), str) and fields.get("data"):
            name, data = "pole.ttl", str(fields.get("data")).encode("utf-8")
    finally:
        await fields.close()
    lang = str(fields.get("lang") or language(request))
    lang = lang if lang in LANGUAGES else settings.lang
    if not data:
        shown = Upload(name, b"").shown
        return _form_page(request, status=422, lang=lang, errors=[
            word("check_empty_file", lang, name=shown) if name != "upload" else word("check_no_file", lang)])
    if len(data) > settings.upload_max_bytes:
        return too_large
    as_of = request.app.state.site.state.as_of
    given = str(fields.get("as_of") or "").strip()
    if given:
        try:
            as_of = parse_day(given)  # strict, as everywhere: YYYY-MM-DD, ASCII digits (no week dates)
        except ValueError:
            return _form_page(request, status=422, lang=lang,
                              errors=[word("check_bad_date", lang, given=given[:40])])
    pole = str(fields.get("pole") or "") or None
    job = CheckJob(name=name, data=data, lang=lang, as_of=as_of, base=request.app.state.site.base,
                   max_bytes=settings.upload_max_bytes, pole=pole)
    result = await run_in_threadpool(request.app.state.checks.run, job, settings.check_timeout)
    if isinstance(result, Refused):
        if result.reason == "busy":
            return problem(request, 503, detail=lambda lg: [word("check_busy", lg)], headers={"Retry-After": "10"})
        log.warning("check of an upload refused: %s", result.reason)  # timeout, or crashed (the memory cap)
        return problem(request, 503, detail=lambda lg: [word("check_too_costly", lg)])
    if result.errors or result.view is None:
        return _form_page(request, status=422, lang=lang, errors=result.errors)
    stored = None
    if fields.get("store") and request.app.state.site.state.writable:
        if not _same_site(request):
            return problem(request, 403, detail=lambda lg: [word("error_403", lg)])
        stored = await run_in_threadpool(request.app.state.store_upload, result.turtle)
    return _result_page(request, result, lang, stored, name)


def _data_uri(media: str, data: bytes) -> str:
    return f"data:{media};base64," + base64.b64encode(data).decode("ascii")


def _result_page(request: Request, result: CheckResult, lang: str, stored: list[str] | None, name: str) -> Response:
    site = request.app.state.site
    ways: Links = links(request, lang)
    hrefs = Hrefs(site, ways)
    assert result.view is not None and result.pole is not None
    figures = {}
    for figure, svg in result.figures.items():
        uri = _data_uri("image/svg+xml", svg)
        width, height = result.view.figure_size(figure)
        figures[figure] = FigureRef(png=uri, svg=uri, width=width, height=height, document=False)
    preface = render(
        "check_result.html", lang=lang, links=ways, path="check", kind=word(f"kind_{_kind_word(result.kind)}", lang),
        name=Upload(name, b"").shown, result=result,
        turtle_uri=_data_uri("text/turtle", result.turtle),
        json_uri=_data_uri("application/json", result.report_json.encode("utf-8")),
        turtle_text=result.turtle.decode("utf-8"),
        stored=[(iri, hrefs.page(iri, check=False)) for iri in stored or []],
        as_of=result.view.context.as_of.isoformat(),
    )
    html = render_pole_page(
        result.view, figures, root=ways.root,
        link=lambda iri: hrefs.page(iri) if site.path_of(iri) else None,
        preface=Markup(preface),  # rendered above from our template, every value escaped
        policy={"img-src": "'self' data:", "form-action": "'self'"},
    )
    return html_page(html, images="'self' data:", headers={"Cache-Control": "no-store"})


def _kind_word(kind: str | None) -> str:
    if kind in ("xlsx", "ods"):
        return "workbook"
    return kind if kind in KINDS else "turtle"
