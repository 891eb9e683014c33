"""Validating a registry held in an Oxigraph store: the shapes once over the store, the reports pole by pole.

Why a second path beside :func:`ptce_graph.legal.validate`: rdflib needs
~25 s and about a gigabyte to hold a registry of 1,000 poles, where Oxigraph
holds it in Rust (or on disk).  A :class:`StoreValidation` runs the shapes of
some definitions once over the whole store with the batch engine
(:mod:`ptce_graph.legal.shacl.batch_engine`, the working triples in a named
graph of their own, :mod:`ptce_graph.legal.shacl.working_store`), then builds
each pole's reports from its *shard* — the triples reachable from it, a few
hundred — so rdflib never holds more than one pole.  The reports are those
:func:`~ptce_graph.legal.validate` gives on the same data (a test checks it).

The registry (:class:`ptce_graph.registry.Registry`) reads the shards and
shares the poles out between worker processes; it asks this module one thing
per step::

    validation = StoreValidation(store, data_graph=graph, definitions=defs, as_of=date, lang="fr")
    share = validation.pole(pole, shard, nodes)      # in any worker: a PoleShare, which pickles
    comparison = validation.comparison(shares)       # one report per definition, loose warnings included
"""

from __future__ import annotations

import datetime as _dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from ptce_graph.legal.report.comparison import DefinitionComparison
from ptce_graph.legal.report.evaluation import Evaluation
from ptce_graph.legal.report.legal_report import LegalReport
from ptce_graph.legal.shacl.batch_engine import compile_shapes, run_batch
from ptce_graph.legal.shacl.results import ShaclResult
from ptce_graph.legal.shacl.shapes import QUALITY_FILE, shapes_file, shapes_graph
from ptce_graph.legal.shacl.working import context_triple, support
from ptce_graph.legal.shacl.working_store import drop_context, working_store
from ptce_graph.legal.spec.definitions import Definition
from ptce_graph.oxigraph_terms import to_oxigraph, to_rdflib
from ptce_graph.shard_graph import ShardGraph

__all__ = ["StoreValidation", "PoleShare", "drop_context"]


@dataclass
class PoleShare:
    """One pole's part of a store validation: its report under each definition, and its nodes some result is about."""

    foci: set[Any] = field(default_factory=set)
    reports: list[LegalReport] = field(default_factory=list)


class StoreValidation:
    """The shapes of ``definitions`` (and the data-quality shapes) run once over a registry in ``store``.

    ``data_graph``: the store's graph holding the registry (an Oxigraph
    ``NamedNode``, or None for the default graph); the store must be writable
    (the working triples are added to it, then removed).  ``lang``: the
    language of the reports; ``jobs``: threads of the SPARQL queries.
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
    ) -> None:
        self.store = store
        self.data_graph = data_graph
        self.definitions = tuple(definitions)
        self.as_of = as_of
        self.lang = lang
        files = tuple(shapes_file(d.id) for d in self.definitions) + (QUALITY_FILE,)
        program = compile_shapes(shapes_graph(files))
        with working_store(store, as_of=as_of, data_graph=data_graph) as default_graph:
            self.results: list[ShaclResult] = run_batch(store, program, default_graph=default_graph, jobs=jobs)
        self._by_focus: dict[Any, list[ShaclResult]] = defaultdict(list)
        for r in self.results:
            self._by_focus[r.focus].append(r)
        self._context = context_triple(as_of)

    def pole(self, pole: URIRef, shard: Graph, nodes: set[Node]) -> PoleShare:
        """The reports of one pole, from its shard and its nodes (the shard's subjects and the pole).

        The working triples (legal forms' families, evaluation date) are added
        to ``shard``: call this last among what reads the shard.
        """
        share = PoleShare()
        share.foci = {node for node in nodes if node in self._by_focus}
        own = tuple(r for node in share.foci for r in self._by_focus[node])
        shard += support(shard, self.as_of)
        shard.add(self._context)
        run = Evaluation(working=shard, as_of=self.as_of, definitions=self.definitions, results=own,
                         engine="batch", poles=(pole,),
                         # The pole's nodes are known: every result kept here has its focus among them, which
                         # is all the report asks of them (a walk of the working shard would find the same ones).
                         shards={pole: nodes})
        share.reports = [run.report(d, self.lang) for d in self.definitions]
        return share

    def comparison(self, shares: Sequence[PoleShare]) -> DefinitionComparison:
        """The poles' reports gathered into one report per definition, with the loose resources' warnings."""
        defs, as_of, lang = self.definitions, self.as_of, self.lang
        verdicts: dict[str, list] = {d.id: [] for d in defs}
        messages: dict[str, dict] = {d.id: {} for d in defs}
        kept: dict[str, set[ShaclResult]] = {d.id: set() for d in defs}
        attached: set[Any] = set()
        for share in shares:
            attached |= share.foci
            for d, report in zip(defs, share.reports, strict=True):
                verdicts[d.id].extend(report.poles)
                messages[d.id].update(report.result_messages)
                kept[d.id].update(report.results)
        orphans = [r for r in self.results if r.focus not in attached]
        reports = []
        for d in defs:
            loose = self._orphan_report(d, orphans) if orphans else None
            if loose is not None:
                messages[d.id].update(loose.result_messages)
                kept[d.id].update(loose.results)
            reports.append(LegalReport(
                definition=d,
                as_of=as_of,
                poles=tuple(sorted(verdicts[d.id], key=lambda p: p.pole)),
                lang=lang,
                warnings=loose.warnings if loose is not None else (),
                results=tuple(sorted(kept[d.id], key=ShaclResult.sort_key)),
                engine="batch",
                result_messages=messages[d.id],
            ))
        return DefinitionComparison(as_of=as_of, reports=tuple(reports), lang=lang)

    def _orphan_report(self, d: Definition, orphans: list[ShaclResult]) -> LegalReport | None:
        """Warnings on resources attached to no pole (a stray link, an actor without membership)."""
        store = self.store
        working = ShardGraph(
            (to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object))
            for r in orphans if not isinstance(r.focus, Literal)
            for q in store.quads_for_pattern(to_oxigraph(r.focus), None, None, self.data_graph)
        )
        run = Evaluation(working=working, as_of=self.as_of, definitions=(d,), results=tuple(orphans),
                         engine="batch", poles=())
        report = run.report(d, self.lang)
        return report if report.warnings or report.results else None
