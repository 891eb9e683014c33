"""Registries of many poles: held in an Oxigraph store, validated and measured pole by pole.

Why a second path beside :func:`ptce_graph.legal.validate`: rdflib needs ~25 s
and about a gigabyte to hold a registry of 1,000 poles (0.9 million triples),
where Oxigraph loads the same file in ~2 s and keeps it in Rust (or on disk).
A :class:`Registry` keeps the data in an Oxigraph store (in memory, or the
persistent :class:`~ptce_graph.publish.embedded.EmbeddedStore` on disk for
registries that do not fit comfortably in memory) and:

* loads Turtle and N-Triples straight into the store (checked as a stream,
  strict parser, no network), other formats through :func:`ptce_graph.io.load`;
* validates through :mod:`ptce_graph.legal.store_validation`: the shapes run
  once over the whole store (the batch engine, SPARQL in Rust), then each
  pole's verdict is built from its *shard* (the triples reachable from it, a
  few hundred), which this module reads, so rdflib never holds more than one
  pole.  The reports are those :func:`~ptce_graph.legal.validate` gives on the
  same data (a test checks it);
* measures cooperation and exports Turtle pole by pole, the same way;
* does all three in one pass (:meth:`Registry.process`), each pole's shard
  read once, the poles shared between worker processes that are forked once
  the shapes have run and share the store (:mod:`ptce_graph.pole_workers`).

A progress bar shows on a terminal for long runs (:mod:`ptce_graph.progress`).
"""

from __future__ import annotations

import datetime as _dt
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TypeVar, cast

import pyoxigraph as ox
from rdflib import Graph, URIRef

from ptce_graph.dates import parse_as_of
from ptce_graph.io import as_graph
from ptce_graph.io.atomic import write_bytes_atomic
from ptce_graph.io.formats import format_from_name
from ptce_graph.io.serialize import to_turtle
from ptce_graph.legal.report.comparison import DefinitionComparison
from ptce_graph.legal.report.legal_report import LegalReport
from ptce_graph.legal.report.verdicts import check_lang
from ptce_graph.legal.shacl.working import walk_shard
from ptce_graph.legal.spec.definitions import (
    DEFAULT_DEFINITION,
    DEFINITION_IDS,
    Definition,
    existing,
    get_definition,
)
from ptce_graph.legal.store_validation import StoreValidation, drop_context
from ptce_graph.model import poles_from_graph
from ptce_graph.oxigraph_terms import to_rdflib
from ptce_graph.pole_workers import map_poles
from ptce_graph.progress import Progress
from ptce_graph.publish.embedded import EmbeddedStore
from ptce_graph.shard_graph import ShardGraph

# ptce_graph.metrics imports networkx: imported by the passes that measure, not by those that only validate.
__all__ = ["Registry", "RegistryRun", "REGISTRY_GRAPH"]

#: The named graph of the store that holds the registry's data.
REGISTRY_GRAPH = "https://w3id.org/ptce/graph/registry"

T = TypeVar("T")

# Stores inherited by forked workers, kept alive so that a worker never closes its parent's.
_INHERITED: list[EmbeddedStore] = []

_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_POLE = ox.NamedNode("https://w3id.org/ptce/ns#Pole")
_BACK = (ox.NamedNode("http://www.w3.org/ns/org#organization"), ox.NamedNode("https://w3id.org/ptce/ns#pole"))


@dataclass
class RegistryRun:
    """What :meth:`Registry.process` computed: the reports, the measures, the bytes exported."""

    comparison: DefinitionComparison | None = None
    metrics: list[Any] | None = None
    bytes_written: int | None = None


@dataclass
class _PoleOutput:
    """One pole's share of a pass (pickled back from a worker process)."""

    turtle: bytes = b""
    subjects: set[str] = field(default_factory=set)  # keys (_subject_key): strings pickle fast
    metrics: list[Any] = field(default_factory=list)


class Registry:
    """The poles of a registry in an Oxigraph store (in memory, or persistent at ``path``).

    ::

        with Registry("registre.oxigraph") as registry:      # or Registry() in memory
            registry.load("registre-2026.ttl")
            report = registry.validate(definition="law-2014", as_of="2026-11-26", jobs=2)
            comparison = registry.compare()                     # the four definitions
            measures = registry.metrics()
            registry.export("registre.ttl")
            run = registry.process(export="registre.ttl", jobs=2)  # all of it, in one pass

    A persistent store keeps the data between runs: open it again and validate
    without loading.  ``jobs`` is the number of threads the SHACL queries run
    on and, on Linux, of worker processes for the poles.  ``progress``:
    ``None`` shows a bar on a terminal, ``False`` never.
    """

    def __init__(self, path: str | os.PathLike[str] | None = None, *, read_only: bool = False) -> None:
        self.store = EmbeddedStore(path, read_only=read_only)
        self._graph = ox.NamedNode(REGISTRY_GRAPH)

    def __enter__(self) -> Registry:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.store.close()

    @property
    def path(self) -> Path | None:
        return self.store.path

    @property
    def graph(self) -> ox.NamedNode:
        """The store's graph that holds the registry (:data:`REGISTRY_GRAPH`)."""
        return self._graph

    # -- loading -----------------------------------------------------------------

    def load(self, *sources: Any, replace: bool = False) -> int:
        """Add files, bundles or graphs to the registry (``replace``: empty it first); the triples loaded.

        Every source is read as :func:`ptce_graph.load` reads it, with the same
        checks, errors and warnings.  Turtle and N-Triples files go straight
        into the store (:meth:`~ptce_graph.publish.embedded.EmbeddedStore.load_file`);
        JSON-LD, RDF/XML, spreadsheet bundles and rdflib graphs through
        :func:`ptce_graph.io.load`.  Triples describing the evaluation context
        are dropped (data cannot choose its own evaluation date).
        """
        if replace:
            self.store.remove_graph(REGISTRY_GRAPH)
        count = 0
        for source in sources:
            if isinstance(source, (str, os.PathLike)) and os.path.isfile(source) and format_from_name(
                Path(source).name
            ) in ("turtle", "nt"):
                count += self.store.load_file(source, graph=REGISTRY_GRAPH, replace=False)
            else:
                count += self.store.add(as_graph(source), graph=REGISTRY_GRAPH)
        drop_context(self.store.oxigraph, self._graph)
        return count

    def __len__(self) -> int:
        return self.store.count(REGISTRY_GRAPH) if REGISTRY_GRAPH in self.store else 0

    def poles(self) -> list[URIRef]:
        """The registry's poles (IRIs), sorted."""
        found = {q.subject for q in self.store.oxigraph.quads_for_pattern(None, _RDF_TYPE, _POLE, self._graph)}
        return sorted((to_rdflib(p) for p in found if isinstance(p, ox.NamedNode)), key=str)  # type: ignore[misc]

    # -- shards --------------------------------------------------------------------

    def _shard_quads(self, pole: Any, poles: set[Any]) -> list[Any]:
        """The quads reachable from ``pole``: the rule of :func:`ptce_graph.legal.shacl.working.walk_shard`."""
        store, graph = self.store.oxigraph, self._graph
        quads: list[Any] = []

        def out(node: Any) -> list[tuple[Any, Any]]:
            found = list(store.quads_for_pattern(node, None, None, graph))
            quads.extend(found)
            return [(q.predicate, q.object) for q in found]

        walk_shard(
            pole,
            back=(q.subject for prop in _BACK for q in store.quads_for_pattern(None, prop, pole, graph)),
            out=out,
            stop=lambda p, o: p == _RDF_TYPE or isinstance(o, ox.Literal) or o in poles,
        )
        return quads

    def _pole_terms(self) -> set[Any]:
        return {q.subject for q in self.store.oxigraph.quads_for_pattern(None, _RDF_TYPE, _POLE, self._graph)}

    def shard(self, pole: str | URIRef) -> Graph:
        """A new rdflib graph holding the triples reachable from ``pole``."""
        return _to_graph(self._shard_quads(ox.NamedNode(str(pole)), self._pole_terms()))

    def shards(self, *, progress: bool | None = None, label: str = "poles") -> Iterator[tuple[URIRef, Graph]]:
        """Each pole with its shard, in IRI order."""
        poles = self.poles()
        terms = self._pole_terms()
        bar = Progress(len(poles), label, enabled=False if progress is False else None)
        try:
            for pole in poles:
                yield pole, _to_graph(self._shard_quads(ox.NamedNode(str(pole)), terms))
                bar.advance()
        finally:
            bar.close()

    def map_shards(
        self,
        work: Callable[[URIRef, Graph], T],
        *,
        jobs: int = 1,
        progress: bool | None = None,
        label: str = "poles",
    ) -> list[T]:
        """``work(pole, shard)`` for each pole in IRI order, in ``jobs`` worker processes (Linux).

        The workers are forked and share the store (:mod:`ptce_graph.pole_workers`);
        ``work`` may be a closure, its results must pickle.
        """
        poles = self.poles()
        terms = self._pole_terms()
        if self.store.path is not None and not self.store.read_only:
            self.store.oxigraph.flush()  # what the workers open must hold every write

        def one(i: int) -> T:
            pole = poles[i]
            return work(pole, _to_graph(self._shard_quads(ox.NamedNode(str(pole)), terms)))

        return map_poles(one, len(poles), jobs=jobs, progress=progress, label=label, setup=self._reopen_read_only)

    def _reopen_read_only(self) -> None:
        """In a forked worker: a persistent store is opened anew, read-only (RocksDB is not fork-safe)."""
        if self.store.path is not None:
            _INHERITED.append(self.store)  # never closed nor dropped here: it belongs to the parent
            self.store = EmbeddedStore(self.store.path, read_only=True)

    # -- one pass over the poles ------------------------------------------------------

    def process(
        self,
        *,
        definitions: Sequence[str] = DEFINITION_IDS,
        as_of: _dt.date | str | None = None,
        lang: str = "fr",
        metrics: bool | dict[str, Any] = True,
        export: str | os.PathLike[str] | None = None,
        jobs: int = 1,
        progress: bool | None = None,
    ) -> RegistryRun:
        """Validate (under ``definitions``), measure and export every pole in one pass.

        Each pole's shard is read once for all three: the yearly run of an
        animation cell over a whole registry.  ``metrics``: True, False, or the
        options of :func:`ptce_graph.metrics.metrics`; ``export``: a Turtle
        file to write (as :meth:`export`).  ``jobs``: threads for the shapes and
        worker processes for the poles.  Returns a :class:`RegistryRun`.
        """
        check_lang(lang)
        date, wanted, defs = _judged(definitions, as_of)
        options = metrics if isinstance(metrics, dict) else ({} if metrics else None)
        run = self._pass(defs, date, lang, options, export, jobs, progress)
        if run.comparison is not None and len(defs) < len(wanted):
            run.comparison = replace(run.comparison, left_out=tuple(d for d in wanted if d not in defs))
        return run

    def compare(
        self,
        *,
        definitions: Sequence[str] = DEFINITION_IDS,
        as_of: _dt.date | str | None = None,
        lang: str = "fr",
        jobs: int = 1,
        progress: bool | None = None,
    ) -> DefinitionComparison:
        """Every pole under several definitions (all four by default): :func:`ptce_graph.legal.compare_definitions`."""
        if not definitions:
            raise ValueError("compare needs at least one definition")
        run = self.process(definitions=definitions, as_of=as_of, lang=lang, metrics=False, jobs=jobs,
                           progress=progress)
        assert run.comparison is not None
        return run.comparison

    def validate(
        self,
        *,
        definition: str = DEFAULT_DEFINITION,
        as_of: _dt.date | str | None = None,
        lang: str = "fr",
        jobs: int = 1,
        progress: bool | None = None,
    ) -> LegalReport:
        """Every pole against one definition: the report :func:`ptce_graph.legal.validate` gives."""
        return self.compare(definitions=(definition,), as_of=as_of, lang=lang, jobs=jobs,
                            progress=progress).reports[0]

    def validation_text(self, **options: Any) -> tuple[str, bool]:
        """What ``ptce validate`` prints (:meth:`write_validation`'s pieces joined), and whether every pole fits."""
        pieces: list[str] = []
        fits = self.write_validation(pieces.append, **options)
        return "".join(pieces), fits

    def write_validation(
        self,
        sink: Callable[[str], object],
        *,
        definitions: Sequence[str] = (DEFAULT_DEFINITION,),
        compare: bool = False,
        as_of: _dt.date | str | None = None,
        lang: str = "fr",
        warnings: bool = True,
        width: int = 100,
        jobs: int = 1,
        format: str = "human",  # noqa: A002 - ptce validate's --format
    ) -> bool:
        """Give ``sink`` what ``ptce validate`` prints, piece by piece as it is made; whether every pole fits.

        The text of :meth:`validate` (the first of ``definitions``), or of :meth:`compare` with ``compare``;
        ``format``: ``human`` (the checklist, in ``width`` columns, with the data-quality ``warnings`` or
        not) or ``json`` (their ``to_json()``).  The same text as rendering those reports, made pole by pole
        in ``jobs`` forked workers (an in-memory store) and given on as it comes: no process holds every
        pole's report, nor the whole text (:meth:`StoreValidation.write
        <ptce_graph.legal.store_validation.StoreValidation.write>`).
        """
        if format not in ("human", "json"):
            raise ValueError(f"format is human or json, not {format!r}")
        check_lang(lang)
        if not definitions:
            raise ValueError("write_validation needs at least one definition")
        date, wanted, defs = _judged(definitions if compare else definitions[:1], as_of)
        _check_jobs(jobs)
        validation = self._validation(defs, date, lang, jobs)
        return validation.write(sink, format=format, compare=compare, show_warnings=warnings, width=width,
                                jobs=jobs, progress=False, left_out=tuple(d for d in wanted if d not in defs))

    def metrics(self, *, jobs: int = 1, progress: bool | None = None, **options: Any) -> list[Any]:
        """The cooperation measures of every pole (:func:`ptce_graph.metrics.metrics` options)."""
        run = self._pass((), _dt.date.today(), "fr", dict(options), None, jobs, progress)
        assert run.metrics is not None
        return run.metrics

    def export(self, destination: str | os.PathLike[str], *, jobs: int = 1, progress: bool | None = None) -> int:
        """Write the registry as deterministic Turtle, pole by pole (atomically); the bytes written.

        Each pole is one Turtle block (its shard, through ptce_graph's writer);
        triples reachable from no pole follow.  Shared resources (a commune)
        repeat in the blocks of their poles and merge again on reading.
        """
        run = self._pass((), _dt.date.today(), "fr", None, destination, jobs, progress)
        assert run.bytes_written is not None
        return run.bytes_written

    def _validation(self, defs: tuple[Definition, ...], as_of: _dt.date, lang: str, jobs: int) -> StoreValidation:
        """The shapes of ``defs`` over the whole store (:mod:`ptce_graph.legal.store_validation`)."""
        if self.store.read_only:
            raise ValueError("validating needs a writable store (the working graph is added, then removed)")
        # An in-memory store is shared with forked workers; a store on disk (RocksDB) is not fork-safe.
        return StoreValidation(self.store.oxigraph, data_graph=self._graph, definitions=defs, as_of=as_of,
                               lang=lang, jobs=jobs, fork=self.store.path is None)

    def _pass(
        self,
        defs: tuple[Definition, ...],
        as_of: _dt.date,
        lang: str,
        metric_options: dict[str, Any] | None,
        export: str | os.PathLike[str] | None,
        jobs: int,
        progress: bool | None,
    ) -> RegistryRun:
        """The shapes over the whole store, then per pole: Turtle, measures, reports (in that order)."""
        _check_jobs(jobs)
        from ptce_graph.metrics.poles import measure_poles

        if metric_options is not None:
            measure_poles([], **metric_options)  # a wrong option fails now, not in every worker later
        validation = self._validation(defs, as_of, lang, jobs) if defs else None

        def one_pole(pole: URIRef, shard: Graph) -> _PoleOutput:
            out = _PoleOutput()
            if export is not None:
                subjects = shard.subject_set() if isinstance(shard, ShardGraph) else set(shard.subjects())
                out.turtle, out.subjects = to_turtle(shard), {_subject_key(node) for node in subjects}
            if metric_options is not None:
                out.metrics = measure_poles(poles_from_graph(shard), **metric_options)
            return out

        run = RegistryRun()
        if export is not None or metric_options is not None:
            label = "metrics" if metric_options is not None else "export"
            outputs = self.map_shards(one_pole, jobs=jobs, progress=progress, label=label)
            if metric_options is not None:
                run.metrics = sorted((m for out in outputs for m in out.metrics), key=lambda m: m.pole)
            if export is not None:
                run.bytes_written = self._write(export, outputs)
        if validation is not None:  # the reports read the store: nothing per pole to share out
            run.comparison = validation.comparison()
        return run

    def _write(self, destination: str | os.PathLike[str], outputs: list[_PoleOutput]) -> int:
        """The poles' Turtle blocks, then the triples reachable from no pole, written atomically."""
        covered: set[str] = set().union(*(out.subjects for out in outputs))
        parts = [out.turtle for out in outputs]
        rest = Graph(bind_namespaces="none")
        store = self.store.oxigraph
        subjects = cast(Iterable[Any], store.query("SELECT DISTINCT ?s WHERE { ?s ?p ?o }",
                                                   default_graph=self._graph))
        for row in subjects:  # the distinct subjects (a tenth of the triples), not every triple
            node = row[0]
            if (node.value if isinstance(node, ox.NamedNode) else "_:" + node.value) not in covered:
                for q in store.quads_for_pattern(row[0], None, None, self._graph):
                    rest.add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))
        if len(rest):
            parts.append(to_turtle(rest))
        data = b"\n".join(parts)
        write_bytes_atomic(Path(destination), data)
        return len(data)


def _judged(definitions: Sequence[str], as_of: _dt.date | str | None
            ) -> tuple[_dt.date, tuple[Definition, ...], tuple[Definition, ...]]:
    """The evaluation date, the definitions asked for (in time order) and those whose text existed then
    (the others are left out, and said so); UnknownDefinitionError for an unknown id."""
    for d in definitions:
        get_definition(d)
    date = parse_as_of(as_of)
    wanted = tuple(get_definition(d) for d in DEFINITION_IDS if d in set(definitions))
    return date, wanted, existing(wanted, date)


def _check_jobs(jobs: int) -> None:
    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1:
        raise ValueError(f"jobs must be a whole number, 1 or more, not {jobs!r}")


#: Oxigraph terms already converted, across the poles of this process: predicates, classes,
#: legal forms, communes and dates recur in every shard.  Emptied when it grows large.
_TERMS: dict[Any, Any] = {}
_TERMS_MAX = 200_000


def _subject_key(node: Any) -> str:
    """An IRI as itself, a blank node as ``_:label`` (the labels the store gave it)."""
    return str(node) if isinstance(node, URIRef) else "_:" + str(node)


def _to_graph(quads: Iterable[Any]) -> ShardGraph:
    """The quads as a new rdflib graph (:mod:`ptce_graph.shard_graph`: cheap to build, read in place)."""
    if len(_TERMS) > _TERMS_MAX:
        _TERMS.clear()
    cache = _TERMS

    def term(t: Any) -> Any:
        node = cache.get(t)
        if node is None:
            node = cache[t] = to_rdflib(t)
        return node

    return ShardGraph([(term(q.subject), term(q.predicate), term(q.object)) for q in quads])
