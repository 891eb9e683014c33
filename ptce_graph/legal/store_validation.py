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

import datetime as _dt
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Literal

from ptce_graph.legal.report.comparison import DefinitionComparison
from ptce_graph.legal.report.evaluation import Evaluation, definition_results, orphan_warnings, pole_verdict
from ptce_graph.legal.report.labels import node_id
from ptce_graph.legal.report.legal_report import LegalReport
from ptce_graph.legal.report.text import assemble_comparison, assemble_report, comparison_pole_text, pole_text
from ptce_graph.legal.report.verdicts import Verdict
from ptce_graph.legal.shacl.batch_engine import compile_shapes, run_batch
from ptce_graph.legal.shacl.results import ShaclResult
from ptce_graph.legal.shacl.shapes import QUALITY_FILE, shapes_file, shapes_graph
from ptce_graph.legal.shacl.working import poles_holding
from ptce_graph.legal.shacl.working_store import drop_context, support_triples, working_store
from ptce_graph.legal.spec.definitions import Definition
from ptce_graph.oxigraph_terms import to_rdflib
from ptce_graph.pole_workers import map_poles
from ptce_graph.store_view import StoreView

__all__ = ["StoreValidation", "drop_context", "store_poles"]

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

        The same text (a test compares them), built pole by pole: with ``jobs`` > 1 and a store that forks,
        in worker processes that inherit the evaluation and send back each pole's text.  No process then
        holds every pole's verdicts (the largest part of a registry's reports), and the reports' Python
        runs on every processor.  ``left_out``: the definitions a comparison says were not judged.
        """
        lang = self.lang
        with working_store(self.store, as_of=self.as_of, data_graph=self.data_graph,
                           support=self._support) as graphs:
            run = self.evaluation(graphs)
            order = sorted(run.poles, key=lambda p: node_id(run.working, p))  # the reports' order
            # Sorted once here, before the workers fork: each inherits them.
            sorted_results = [definition_results(run, d) for d in self.definitions]
            heads = tuple(LegalReport(definition=d, as_of=self.as_of, poles=(), lang=lang,
                                      warnings=tuple(orphan_warnings(run, r)))
                          for d, r in zip(self.definitions, sorted_results, strict=True))

            def one(i: int) -> tuple[str, tuple[Verdict, ...]]:
                verdicts = tuple(pole_verdict(run, r, d, order[i], lang, None)
                                 for d, r in zip(self.definitions, sorted_results, strict=True))
                if compare:
                    alone = DefinitionComparison(as_of=self.as_of, lang=lang, left_out=left_out, reports=tuple(
                        replace(head, poles=(v,)) for head, v in zip(heads, verdicts, strict=True)))
                    block = comparison_pole_text(alone, verdicts[0].pole, lang, show_warnings=show_warnings,
                                                 width=width)
                else:
                    block = pole_text(verdicts[0], lang, show_warnings=show_warnings, width=width)
                return block, tuple(v.verdict for v in verdicts)

            done = map_poles(one, len(order), jobs=jobs if self.fork else 1, progress=progress, label="reports")
        blocks = [block for block, _ in done]
        fits = bool(heads) and bool(done) and all(v is Verdict.FITS for _, vs in done for v in vs)
        if compare:
            whole = DefinitionComparison(as_of=self.as_of, lang=lang, left_out=left_out, reports=heads)
            return assemble_comparison(whole, blocks, lang, show_warnings=show_warnings, width=width), fits
        return assemble_report(heads[0], blocks, [vs[0] for _, vs in done], lang, show_warnings=show_warnings,
                               width=width), fits
