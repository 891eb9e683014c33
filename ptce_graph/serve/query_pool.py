"""SPARQL queries run in worker processes with a deadline, a result cap and a read-only store.

Oxigraph evaluates a query in Rust and cannot be interrupted from Python:
``SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }`` keeps a thread busy
for as long as the cross product takes (measured: 3.3 s for 3,000 triples,
hours for a registry), and a thread cannot be killed.  So queries run in
worker processes (``spawn``ed: nothing inherited) that open the store
read-only; the server waits for the answer until the deadline, then kills
the worker and starts another.  Within a worker, rows are read lazily and
written as they come (:mod:`ptce_graph.serve.results`), the worker stops at
the result cap (the answer says it was cut) and at the deadline.

Queries that would reach the network are refused before they are sent:
Oxigraph fetches ``SERVICE`` URLs itself, out of reach of Python's network
guard.  Updates cannot run: the query parser does not accept them and the
store is opened read-only.
"""

from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import Any

import pyoxigraph as ox
from rdflib import Graph

from ptce_graph.io import serialize
from ptce_graph.namespaces import PREFIXES
from ptce_graph.publish.embedded import from_oxigraph
from ptce_graph.serve.negotiation import RDF_MEDIA_TYPES, choose
from ptce_graph.serve.results import RESULT_FORMATS, ResultWriter, boolean_result
from ptce_graph.serve.workers import ProcessPool, Refused, limit_memory, serve_jobs

__all__ = ["QueryJob", "QueryAnswer", "QueryPool", "refusal", "run_query", "GRAPH_FORMATS"]

#: Formats of CONSTRUCT and DESCRIBE answers (the names of :mod:`ptce_graph.io.serialize`).
GRAPH_FORMATS = ("turtle", "json-ld", "nt")

_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_STRINGS_IRIS_COMMENTS = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\'|"(?:[^"\\\n\r]|\\.)*"'
    r"|'(?:[^'\\\n\r]|\\.)*'|<[^<>\"{}|^`\\\x00-\x20]*>|#[^\n]*",
    re.S,
)
_SERVICE = re.compile(r"(?<![\w?$:.-])SERVICE(?![\w:-])", re.I)
_UPDATE = re.compile(r"(?<![\w?$:.-])(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)(?![\w:-])", re.I)
_QUERY = re.compile(r"(?<![\w?$:.-])(SELECT|ASK|CONSTRUCT|DESCRIBE)(?![\w:-])", re.I)


def _code_point(match: re.Match[str]) -> str:
    value = int(match.group(1) or match.group(2), 16)
    return chr(value) if value <= 0x10FFFF and not 0xD800 <= value <= 0xDFFF else "\ufffd"


def refusal(query: str) -> str | None:
    """Why a query is refused before it runs (``service`` or ``update``), or None.

    SPARQL decodes ``\\u`` escapes before parsing, so they are decoded first;
    then strings, IRIs and comments are set aside and the keywords looked for.
    """
    decoded = _ESCAPE.sub(_code_point, query)
    code = _STRINGS_IRIS_COMMENTS.sub(" ", decoded)
    if _SERVICE.search(code):
        return "service"
    update = _UPDATE.search(code)
    form = _QUERY.search(code)
    if update and (form is None or update.start() < form.start()):
        return "update"
    return None


@dataclass(frozen=True)
class QueryJob:
    """One query to run: its text, what the client accepts, the dataset, the limits."""

    query: str
    accept: str | None = None
    format: str | None = None  # an explicit choice (the ``format`` parameter)
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] | None = None
    limit: int = 10_000
    timeout: float = 10.0
    max_bytes: int = 64 * 1024 * 1024
    html: bool = False  # the client is a browser: the caller renders JSON results as a page


@dataclass
class QueryAnswer:
    """What a worker answered: a status, a body and its media type; ``truncated`` when the cap was reached."""

    status: int
    body: bytes = b""
    media_type: str = "text/plain"
    form: str | None = None  # select | ask | graph
    truncated: bool = False
    reason: str | None = None  # for a 4xx/5xx: what went wrong, a key of the endpoint's messages (bilingual)
    error: str = ""  # and the engine's own words, when it said something (it speaks English)
    offers: tuple[str, ...] = field(default_factory=tuple)
    rows: int = 0
    seconds: float = 0.0


# -- in the worker ------------------------------------------------------------------


def _negotiate(job: QueryJob, form: str) -> tuple[str | None, tuple[str, ...]]:
    names: tuple[str, ...]
    if form == "graph":
        formats = {media: name for name, media in RDF_MEDIA_TYPES.items()}
        formats.update({"application/x-turtle": "turtle", "application/json": "json-ld"})
        names = GRAPH_FORMATS
    else:
        names = tuple(RESULT_FORMATS) if form == "select" else ("json", "xml", "csv", "tsv")
        formats = {RESULT_FORMATS[n]: n for n in names}
        formats.update({"application/json": "json", "application/xml": "xml", "text/xml": "xml"})
    offers = tuple(formats)
    if job.format is not None:
        wanted = job.format.lower()
        aliases = {"ttl": "turtle", "jsonld": "json-ld", "n-triples": "nt", "ntriples": "nt"}
        wanted = aliases.get(wanted, wanted)
        return (wanted if wanted in names else None), offers
    if job.html:
        return ("json" if form != "graph" else "turtle"), offers
    chosen = choose(job.accept, list(offers))
    return (formats[chosen] if chosen else None), offers


def run_query(store: Any, job: QueryJob) -> QueryAnswer:
    """Run one query on an Oxigraph store (in a worker process) and write its answer."""
    started = time.monotonic()
    deadline = started + job.timeout
    options: dict[str, Any] = {"prefixes": dict(PREFIXES)}
    try:
        if job.default_graphs:
            options["default_graph"] = [ox.NamedNode(g) for g in job.default_graphs]
        if job.named_graphs is not None:
            options["named_graphs"] = [ox.NamedNode(g) for g in job.named_graphs]
    except ValueError:
        return QueryAnswer(400, reason="graph_iri")
    try:
        result = store.query(job.query, **options)
    except SyntaxError as exc:
        return QueryAnswer(400, reason="invalid", error=str(exc)[:300])
    except (OSError, ValueError, RuntimeError) as exc:
        return QueryAnswer(500, reason="failed", error=str(exc)[:300])
    form = "ask" if isinstance(result, ox.QueryBoolean) else "graph" if isinstance(result, ox.QueryTriples) \
        else "select"
    fmt, offers = _negotiate(job, form)
    if fmt is None:
        return QueryAnswer(406, form=form, offers=offers, reason="format")
    try:
        if form == "ask":
            return QueryAnswer(200, boolean_result(bool(result), fmt), RESULT_FORMATS[fmt], form,
                               seconds=time.monotonic() - started)
        if form == "select":
            writer = ResultWriter(fmt, [v.value for v in result.variables])
            truncated = False
            for solution in result:
                if writer.rows >= job.limit or writer.size() > job.max_bytes:
                    truncated = True
                    break
                if time.monotonic() > deadline:
                    return QueryAnswer(503, form=form, reason="timeout")
                writer.add(solution)
            return QueryAnswer(200, writer.finish(), RESULT_FORMATS[fmt], form, truncated, rows=writer.rows,
                               seconds=time.monotonic() - started)
        graph = Graph(bind_namespaces="none")
        truncated = False
        for triple in result:
            if len(graph) >= job.limit:
                truncated = True
                break
            if time.monotonic() > deadline:
                return QueryAnswer(503, form=form, reason="timeout")
            graph.add((from_oxigraph(triple.subject), from_oxigraph(triple.predicate), from_oxigraph(triple.object)))
        return QueryAnswer(200, serialize(graph, fmt), RDF_MEDIA_TYPES[fmt], form, truncated, rows=len(graph),
                           seconds=time.monotonic() - started)
    except (SyntaxError, OSError, ValueError, RuntimeError) as exc:
        return QueryAnswer(500, reason="failed", error=str(exc)[:300])


def _worker(connection: Connection, store_path: str, max_memory: int | None) -> None:
    """A query worker's life: open the store read-only, answer jobs until told to stop."""
    limit_memory(max_memory)
    store = ox.Store.read_only(store_path)
    serve_jobs(connection, lambda job: run_query(store, job))


class QueryPool:
    """Query workers on the store at ``store_path`` (:class:`~ptce_graph.serve.workers.ProcessPool`)."""

    def __init__(self, store_path: str | os.PathLike[str], *, processes: int = 1,
                 max_memory: int | None = None) -> None:
        self.pool = ProcessPool(_worker, (str(store_path), max_memory), processes=processes,
                                name="ptce-sparql-worker")

    def start(self) -> None:
        self.pool.start()

    def run(self, job: QueryJob) -> QueryAnswer:
        answer = self.pool.run(job, job.timeout)
        if isinstance(answer, Refused):
            # busy, timeout, or crashed (the memory cap, most likely): the worker's reason, without its details
            return QueryAnswer(503, reason=answer.reason.split(" ", 1)[0], error=answer.reason)
        assert isinstance(answer, QueryAnswer)
        return answer

    def restart(self) -> None:
        self.pool.restart()

    def close(self) -> None:
        self.pool.close()
