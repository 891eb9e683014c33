"""Validating data held in an Oxigraph store: the shapes once over the store, the reports read from it.

Why a second path beside :func:`ptce_graph.legal.validate`: rdflib needs
~25 s and about a gigabyte to hold a registry of 1,000 poles, where Oxigraph
holds it in Rust (or on disk).  A :class:`StoreValidation` runs the shapes of
some definitions once over the whole store with the batch engine
(:mod:`ptce_graph.legal.shacl.batch_engine`, the working triples in a named
graph of their own, :mod:`ptce_graph.legal.shacl.working_store`), then builds
the reports with the same code as a graph in memory
(:class:`~ptce_graph.legal.report.evaluation.Evaluation`), reading the store
through a :class:`~ptce_graph.store_view.StoreView`: only what the reports
name (actors, legal forms, labels) is read, never a whole pole.  Which pole
each result belongs to is found by walking back from its focus node
(:func:`~ptce_graph.legal.shacl.working.poles_holding`).  The reports are
those :func:`~ptce_graph.legal.validate` gives on the same data (a test
checks it)::

    validation = StoreValidation(store, data_graph=graph, definitions=defs, as_of=date, lang="fr")
    comparison = validation.comparison()             # one report per definition
"""

from __future__ import annotations

import contextlib
import datetime as _dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, TypeVar

import pyoxigraph as ox
from rdflib import BNode, Literal

from ptce_graph.io import json_text
from ptce_graph.legal.report.comparison import DefinitionComparison
from ptce_graph.legal.report.evaluation import Evaluation
from ptce_graph.legal.report.legal_report import LegalReport
from ptce_graph.legal.report.text import comparison_pieces, comparison_pole_text, pole_text, report_pieces
from ptce_graph.legal.report.verdicts import Verdict
from ptce_graph.legal.shacl.batch_engine import compile_shapes, run_batch
from ptce_graph.legal.shacl.results import ShaclResult
from ptce_graph.legal.shacl.shapes import QUALITY_FILE, shapes_file, shapes_graph
from ptce_graph.legal.shacl.working import poles_holding
from ptce_graph.legal.shacl.working_store import drop_context, support_triples, working_store
from ptce_graph.legal.spec.definitions import Definition
from ptce_graph.oxigraph_terms import to_rdflib
from ptce_graph.pole_workers import iter_poles
from ptce_graph.store_view import StoreView

__all__ = ["StoreValidation", "drop_context", "store_poles"]

T = TypeVar("T")

_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_POLE = ox.NamedNode("https://w3id.org/ptce/ns#Pole")
_BACK = (ox.NamedNode("http://www.w3.org/ns/org#organization"), ox.NamedNode("https://w3id.org/ptce/ns#pole"))


def store_poles(store: ox.Store, graph: Any) -> set[Any]:
    """The poles (Oxigraph terms: IRIs and blank nodes) of ``graph`` in ``store``."""
    return {q.subject for q in store.quads_for_pattern(None, _RDF_TYPE, _POLE, graph)}


class StoreValidation:
    """The shapes of ``definitions`` (and the data-quality shapes) run once over the data in ``store``.

    ``data_graph``: the store's graph holding the data (an Oxigraph
    ``NamedNode``, or ``DefaultGraph()``); the store must be writable (the
    working triples are added to it, then removed) and must not change until
    the reports are built.  ``lang``: the language of the reports; ``jobs``:
    processes (``fork``: an in-memory store) or threads of the SPARQL queries
    (:func:`~ptce_graph.legal.shacl.batch_engine.run_batch`).
    """

    def __init__(
        self,
        store: ox.Store,
        *,
        data_graph: Any,
        definitions: Sequence[Definition],
        as_of: _dt.date,
        lang: str = "fr",
        jobs: int = 1,
        fork: bool = False,
    ) -> None:
        self.store = store
        self.data_graph = ox.DefaultGraph() if data_graph is None else data_graph
        self.definitions = tuple(definitions)
        self.as_of = as_of
        self.lang = lang
        self.fork = fork
        files = tuple(shapes_file(d.id) for d in self.definitions) + (QUALITY_FILE,)
        program = compile_shapes(shapes_graph(files))
        self._support = support_triples(store, as_of=as_of, data_graph=self.data_graph)
        with working_store(store, as_of=as_of, data_graph=self.data_graph, support=self._support) as default_graph:
            self.results: list[ShaclResult] = run_batch(store, program, default_graph=default_graph, jobs=jobs,
                                                          fork=fork)

    def evaluation(self, graphs: Sequence[Any] | None = None) -> Evaluation:
        """The results, ready to become reports: names and actors read from the store when asked for.

        ``graphs``: the graphs the reports read (default: the data graph); :meth:`comparison` gives the data
        and the working triples (support facts the reports name: official names of areas, legal forms), the
        working graph of the rdflib path.
        """
        store, graph = self.store, self.data_graph
        poles = store_poles(store, graph)
        chosen = tuple(graphs) if graphs is not None else (graph,)
        # The reports read nearly every resource of every pole: the graphs read whole, in one pass each.
        view = StoreView(store, chosen, whole=chosen)
        held: dict[Any, set[Any]] = {view.store.term(p): set() for p in poles}
        for focus in {r.focus for r in self.results}:
            if isinstance(focus, Literal):
                continue
            for pole in poles_holding(
                view.store.node(focus),
                incoming=lambda n: (q.subject for q in store.quads_for_pattern(None, None, n, graph)
                                    if q.predicate != _RDF_TYPE),
                back=lambda n: (q.object for prop in _BACK for q in store.quads_for_pattern(n, prop, None, graph)
                                if q.object in poles),
                is_pole=poles.__contains__,
            ):
                held[to_rdflib(pole)].add(focus)
        return Evaluation(
            working=view,
            as_of=self.as_of,
            definitions=self.definitions,
            results=tuple(self.results),
            engine="batch",
            poles=tuple(sorted(held, key=lambda n: (isinstance(n, BNode), str(n)))),
            shards=held,
        )

    def comparison(self) -> DefinitionComparison:
        """One report per definition, as :func:`ptce_graph.legal.compare_definitions` gives them."""
        with working_store(self.store, as_of=self.as_of, data_graph=self.data_graph,
                           support=self._support) as graphs:
            run = self.evaluation(graphs)
            return DefinitionComparison(as_of=self.as_of, lang=self.lang,
                                        reports=tuple(run.report(d, self.lang) for d in self.definitions))

    def text(self, *, compare: bool, show_warnings: bool = True, width: int = 100, jobs: int = 1,
             left_out: tuple[Definition, ...] = (), progress: bool | None = None) -> tuple[str, bool]:
        """What :meth:`comparison` renders as text (``compare``; else its one report), and whether every pole fits.

        The same text (a test compares them), made by :meth:`write`.  ``left_out``: the definitions a
        comparison says were not judged.
        """
        pieces: list[str] = []
        fits = self.write(pieces.append, format="human", compare=compare, show_warnings=show_warnings, width=width,
                          jobs=jobs, left_out=left_out, progress=progress)
        return "".join(pieces), fits

    def json(self, *, compare: bool, jobs: int = 1, left_out: tuple[Definition, ...] = (),
             progress: bool | None = None) -> tuple[str, bool]:
        """What :meth:`comparison` gives as JSON (``compare``; else its one report), and whether every pole fits.

        The same text as ``to_json()`` (a test compares them), made by :meth:`write`.
        """
        pieces: list[str] = []
        fits = self.write(pieces.append, format="json", compare=compare, jobs=jobs, left_out=left_out,
                          progress=progress)
        return "".join(pieces), fits

    def write(self, sink: Callable[[str], object], *, format: str, compare: bool,  # noqa: A002 - --format
              show_warnings: bool = True, width: int = 100, jobs: int = 1, left_out: tuple[Definition, ...] = (),
              progress: bool | None = None) -> bool:
        """Give ``sink`` the pieces of :meth:`text` (``format="human"``) or :meth:`json` (``"json"``), in
        order, as they are made; whether every pole fits.

        Each pole's part is made by :meth:`_pole_by_pole` (in worker processes) and given on as it comes:
        no process holds every pole's verdicts nor, but for a comparison's JSON (whose poles come once per
        definition), the whole text.
        """
        if format not in ("human", "json"):
            raise ValueError(f"format is human or json, not {format!r}")
        lang = self.lang
        fits = [bool(self.definitions)]

        def noted(done: Iterable[tuple[T, tuple[Verdict, ...]]]) -> Iterator[tuple[T, tuple[Verdict, ...]]]:
            for made, verdicts in done:
                if any(v is not Verdict.FITS for v in verdicts):
                    fits[0] = False
                yield made, verdicts

        def one(alone: DefinitionComparison) -> Any:
            pole = alone.reports[0].poles[0]
            if format == "json":
                parts = tuple(json_text.dumps(r.poles[0].to_dict(lang)) for r in alone.reports)
                return parts + ((json_text.dumps(alone.pole_entry(pole.pole, lang)),) if compare else ())
            if compare:
                return comparison_pole_text(alone, pole.pole, lang, show_warnings=show_warnings, width=width)
            return pole_text(pole, lang, show_warnings=show_warnings, width=width)

        with self._pole_by_pole(one, jobs=jobs, left_out=left_out, progress=progress) as (whole, count, done):
            fits[0] = fits[0] and count > 0
            if format == "human" and compare:
                pieces = comparison_pieces(whole, (block for block, _ in noted(done)), lang, any_pole=count > 0,
                                           show_warnings=show_warnings, width=width)
            elif format == "human":
                pieces = report_pieces(whole.reports[0], ((block, vs[0]) for block, vs in noted(done)), lang,
                                       any_pole=count > 0, show_warnings=show_warnings, width=width)
            else:
                pieces = self._json_pieces(whole, count, noted(done), compare)
            for piece in pieces:
                sink(piece)
        return fits[0]

    def _json_pieces(self, whole: DefinitionComparison, count: int,
                     done: Iterator[tuple[tuple[str, ...], tuple[Verdict, ...]]], compare: bool) -> Iterator[str]:
        """The JSON document in pieces: each pole's parts (one per definition, then its comparison entry) put
        in place by a :class:`~ptce_graph.io.json_text.Splice`, as they come for one report."""
        lang = self.lang
        splice = json_text.Splice()
        per_pole = len(whole.reports) + (1 if compare else 0)  # the parts of pole i are i * per_pole, … + k

        def slots(k: int) -> list[str]:
            return [splice.slot(i * per_pole + k) for i in range(count)]

        if compare:  # the document lists every pole once per definition: all the parts are needed at once
            document = whole.to_dict(lang)
            for k, report in enumerate(document["definitions"]):
                report["poles"] = slots(k)
            document["comparison"] = slots(len(whole.reports))
            parts = [part for made, _ in done for part in made]
            yield from splice.pieces(document, parts.__getitem__)
        else:  # the slots in the poles' order: each pole's part is written when it comes
            document = whole.reports[0].to_dict(lang)
            document["poles"] = slots(0)
            expected = iter(range(count))

            def part(index: int) -> str:
                assert index == next(expected), "the poles' parts come in the document's order"
                return next(done)[0][0]

            yield from splice.pieces(document, part)
        yield "\n"

    @contextlib.contextmanager
    def _pole_by_pole(self, one: Callable[[DefinitionComparison], T], *, jobs: int,
                      left_out: tuple[Definition, ...], progress: bool | None
                      ) -> Iterator[tuple[DefinitionComparison, int, Iterator[tuple[T, tuple[Verdict, ...]]]]]:
        """``one`` of each pole's verdicts (a comparison of that pole alone) with the verdicts, in the
        reports' order, as they are made; the comparison with no pole (definitions, date, warnings of no
        pole) to put them in, and the number of poles.  Read them inside the ``with`` block.

        With ``jobs`` > 1 and a store that forks, in worker processes that inherit the evaluation and send
        back what ``one`` gives (text): no process then holds every pole's verdicts (the largest part of a
        registry's reports), and the reports' Python runs on every processor.
        """
        lang = self.lang
        with working_store(self.store, as_of=self.as_of, data_graph=self.data_graph,
                           support=self._support) as graphs:
            run = self.evaluation(graphs)
            order = run.ordered_poles()
            # Sorted once here, before the workers fork: each inherits them.
            whole = DefinitionComparison(as_of=self.as_of, lang=lang, left_out=left_out, reports=tuple(
                LegalReport(definition=d, as_of=self.as_of, poles=(), lang=lang,
                            warnings=tuple(run.orphan_warnings(d))) for d in self.definitions))

            def pole(i: int) -> tuple[T, tuple[Verdict, ...]]:
                verdicts = [run.pole_verdict(d, order[i], lang) for d in self.definitions]
                made = one(whole.of_one_pole(verdicts)), tuple(v.verdict for v in verdicts)
                run.release()  # the next pole needs none of this pole's actors and warnings
                return made

            done = iter_poles(pole, len(order), jobs=jobs if self.fork else 1, progress=progress, label="reports")
            try:
                yield whole, len(order), done
            finally:
                done.close()  # workers stopped if the reader stops early

