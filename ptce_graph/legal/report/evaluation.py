"""From SHACL results to reports: clause statuses, messages that name what is concerned, ESS statuses.

An :class:`Evaluation` holds the SHACL results of some definitions (and of
the data-quality shapes) over one working graph; :meth:`Evaluation.report`
turns them into the :class:`~ptce_graph.legal.report.legal_report.LegalReport`
of one definition.  A clause's status comes from the severities of its
shapes' results (:func:`clause_status`, :data:`STATUS_OF_SEVERITY`), driven
by the shapes' own annotations (:mod:`ptce_graph.legal.shacl.shapes`), never
by a shape's name; each message is filled in with the names of the actors,
projects or links concerned (:mod:`.labels`); each actor gets its ESS status
(:func:`ptce_graph.ess.ess_status`); data-quality results become warnings
attached to the pole whose shard holds their focus, or to none.
"""

from __future__ import annotations

import datetime as _dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, SH
from rdflib.term import Node

from ptce_graph.ess import ess_status
from ptce_graph.legal.report.labels import Labeller, node_id
from ptce_graph.legal.report.legal_report import LegalReport
from ptce_graph.legal.report.verdicts import (
    LANGUAGES,
    ActorESS,
    ClauseResult,
    ClauseStatus,
    Concerned,
    Finding,
    PoleVerdict,
    QualityWarning,
    Verdict,
    check_lang,
)
from ptce_graph.legal.shacl.results import ShaclResult, node_key
from ptce_graph.legal.shacl.shapes import ShapeIndex, shape_index
from ptce_graph.legal.shacl.working import AREA_CLASSES, shard_nodes
from ptce_graph.legal.spec.definitions import Definition, get_definition
from ptce_graph.model import ActorKind, Relation, legal_form_value, literal_bool
from ptce_graph.namespaces import ORG, PTCE

__all__ = ["Evaluation", "clause_status", "STATUS_OF_SEVERITY"]

#: What a result of a clause shape means, by the shape's severity: the one place where
#: SHACL results become clause statuses.  No result for a clause means ``met``; a
#: ``sh:Info`` result is a note that leaves the status as it is.
STATUS_OF_SEVERITY: dict[URIRef, ClauseStatus | None] = {
    SH.Violation: ClauseStatus.NOT_MET,
    SH.Warning: ClauseStatus.UNKNOWN,
    SH.Info: None,
}


def clause_status(severities: Iterable[URIRef]) -> ClauseStatus:
    """The status of a clause from the severities of its shapes' results (not met > unknown > met)."""
    found = {STATUS_OF_SEVERITY.get(s, ClauseStatus.NOT_MET) for s in severities}
    if ClauseStatus.NOT_MET in found:
        return ClauseStatus.NOT_MET
    if ClauseStatus.UNKNOWN in found:
        return ClauseStatus.UNKNOWN
    return ClauseStatus.MET


@dataclass
class Evaluation:
    """The SHACL results of some definitions (and the quality shapes) over one working graph.

    ``working``: the graph the shapes ran on (names and ESS statuses are read
    from it); ``results``: every result of ``definitions`` and of the
    data-quality shapes; ``engine``: the engine that produced them;
    ``poles``: the poles to report on; ``shards``: the resources of each pole
    when the caller already knows them (a registry's shards), otherwise
    walked from the pole in ``working`` on first use.
    """

    working: Graph
    as_of: _dt.date
    definitions: tuple[Definition, ...]
    results: tuple[ShaclResult, ...]
    engine: str
    poles: tuple[Node, ...]
    index: ShapeIndex = field(default_factory=shape_index)
    shards: dict[Node, set[Node]] = field(default_factory=dict)
    _labellers: dict[str, Labeller] = field(default_factory=dict)
    _actors: dict[Node, tuple[ActorESS, ...]] = field(default_factory=dict)
    _warnings: dict[ShaclResult, QualityWarning] = field(default_factory=dict)
    _concerned: dict[Node, Concerned] = field(default_factory=dict)
    _sorted: dict[str, _DefinitionResults] = field(default_factory=dict)

    def labeller(self, lang: str) -> Labeller:
        """Names of the working graph's resources in ``lang``."""
        if lang not in self._labellers:
            self._labellers[lang] = Labeller(self.working, lang)
        return self._labellers[lang]

    def labels(self, node: Node) -> dict[str, str]:
        """A resource's name in every language."""
        return {lang: self.labeller(lang)(node) for lang in LANGUAGES}

    def concerned(self, node: Node) -> Concerned:
        """A resource a report names: its id, names, kind and bundle id (computed once per node)."""
        found = self._concerned.get(node)
        if found is None:
            graph = self.working
            ref = graph.value(node, DCTERMS.identifier)
            found = Concerned(node_id(graph, node), self.labels(node), _kind(graph, node),
                              str(ref) if isinstance(ref, Literal) else None)
            self._concerned[node] = found
        return found

    def shard(self, pole: Node) -> set[Node]:
        """The resources of a pole (the data-quality warnings of these belong to its verdict)."""
        if pole not in self.shards:
            self.shards[pole] = shard_nodes(self.working, pole)
        return self.shards[pole]

    def actors(self, pole: Node) -> tuple[ActorESS, ...]:
        """The pole's actors with their ESS status (the same under every definition)."""
        if pole not in self._actors:
            self._actors[pole] = _actors(self, pole)
        return self._actors[pole]

    def warning(self, result: ShaclResult) -> QualityWarning:
        """A data-quality result as a warning (the same under every definition)."""
        if result not in self._warnings:
            self._warnings[result] = _warning(self, result)
        return self._warnings[result]

    def ordered_poles(self) -> list[Node]:
        """The poles in their reports' order (by id)."""
        return sorted(self.poles, key=lambda p: node_id(self.working, p))

    def pole_verdict(self, definition: Definition, pole: Node, lang: str) -> PoleVerdict:
        """One pole's verdict under one of the evaluated definitions (a pole's part of :meth:`report`)."""
        return _pole_verdict(self, _definition_results(self, definition), definition, pole, lang, None)

    def orphan_warnings(self, definition: Definition) -> list[QualityWarning]:
        """The data-quality warnings of resources no pole holds (the report's ``warnings``)."""
        return _orphan_warnings(self, _definition_results(self, definition))

    def release(self) -> None:
        """Forget the actors and warnings made so far: a worker making many poles' reports one pole at a
        time (each pole's, under every definition, at once) keeps its memory flat."""
        self._actors.clear()
        self._warnings.clear()

    def report(self, definition: str | Definition, lang: str = "fr") -> LegalReport:
        """The report of one of the evaluated definitions."""
        return _build_report(
            self,
            definition if isinstance(definition, Definition) else get_definition(definition),
            check_lang(lang),
        )


def _join(labels: list[str], lang: str) -> str:
    if len(labels) <= 1:
        return "".join(labels)
    last = " et " if lang == "fr" else " and "
    return ", ".join(labels[:-1]) + last + labels[-1]


def _fill(
    template: str, *, values: list[Node], focus: Node, labeller: Labeller, lang: str, as_of: _dt.date
) -> str:
    shown = values or [focus]
    names = sorted({labeller(v) for v in shown}, key=str.casefold)
    text = template.replace("{?value}", _join(names, lang))
    text = text.replace("{$this}", labeller(focus)).replace("{?asOf}", as_of.isoformat())
    return text


def _concerned(result: ShaclResult) -> Node:
    """What a result is about: its value when that is a resource of the data, else its focus node."""
    value = result.value
    if result.path is None and isinstance(value, (URIRef, BNode)) and value != result.focus:
        return value
    return result.focus


def _finding(run: Evaluation, pole: Node, source: Node, results: list[ShaclResult]) -> Finding:
    """The results of one constraint (or Core shape) for one pole and clause, with its message filled in."""
    info = run.index.get(source) or run.index.get(results[0].source_shape)
    severity = {SH.Violation: "violation", SH.Warning: "warning", SH.Info: "info"}.get(
        results[0].severity, "violation"
    )
    values = [r.value for r in results if r.value is not None and r.value != pole]
    messages = {}
    for lang in LANGUAGES:
        template = info.message(lang) if info else (results[0].messages[0] if results[0].messages else "")
        text = _fill(
            template, values=values, focus=pole, labeller=run.labeller(lang), lang=lang, as_of=run.as_of
        )
        if "{?value}" not in template:
            extra = sorted(
                {run.labeller(lang)(c) for c in map(_concerned, results) if c != pole}, key=str.casefold
            )
            if extra:
                text += f" ({_join(extra, lang)})"
        messages[lang] = text
    concerned_nodes = sorted({_concerned(r) for r in results}, key=node_key)
    if any(c != pole for c in concerned_nodes):
        concerned_nodes = [c for c in concerned_nodes if c != pole]
    concerned = tuple(
        sorted(
            (run.concerned(c) for c in concerned_nodes),
            key=lambda c: (c.label("fr").casefold(), c.id),
        )
    )
    return Finding(
        severity="evidence" if info is not None and info.evidence else severity,
        source=str(source),
        shape=str(results[0].source_shape),
        messages=messages,
        concerned=concerned,
        results=tuple(results),
    )


def _result_messages(run: Evaluation, pole: Node, result: ShaclResult) -> dict[str, str]:
    """One result's own message, in each language (for the Turtle report's sh:resultMessage)."""
    info = run.index.get(result.source_constraint) or run.index.get(result.source_shape)
    values = [result.value] if result.value is not None and result.value != pole else []
    return {
        lang: _fill(
            info.message(lang) if info else " ".join(result.messages),
            values=values,
            focus=pole,
            labeller=run.labeller(lang),
            lang=lang,
            as_of=run.as_of,
        )
        for lang in LANGUAGES
    }


_KINDS_OF_CLASS = (
    (PTCE.Pole, "pole"), (PTCE.Membership, "membership"), (PTCE.CooperationLink, "link"), (PTCE.Project, "project"),
    (PTCE.Funding, "funding"), (PTCE.Strategy, "strategy"), (PTCE.Territory, "territory"), (PTCE.Actor, "actor"),
    *((cls, "area") for cls in AREA_CLASSES), (PTCE.LegalForm, "legal-form"),
)


def _kind(graph: Graph, node: Node) -> str:
    """What a resource of a report is (:data:`~ptce_graph.legal.report.verdicts.CONCERNED_KINDS`)."""
    types = set(graph.objects(node, RDF.type))
    for cls, kind in _KINDS_OF_CLASS:
        if cls in types:
            return kind
    if legal_form_value(node) is not None:
        return "legal-form"
    if any(graph.subjects(ORG.member, node)):
        return "actor"
    if any(graph.subjects(PTCE.strategy, node)):
        return "strategy"
    if any(graph.subjects(PTCE.territory, node)):
        return "territory"
    if types & {PTCE.MutualisationLink, PTCE.InteractionLink, PTCE.AnimationLink, PTCE.PartnershipLink}:
        return "link"
    return "other"


def _relation(graph: Graph, pole: Node, actor: Node) -> str | None:
    relations = {
        graph.value(m, PTCE.relation)
        for m in graph.subjects(ORG.member, actor)
        if (m, ORG.organization, pole) in graph
    }
    if PTCE.Member in relations:
        return Relation.MEMBER.value
    if relations == {PTCE.Partner}:
        return Relation.PARTNER.value
    return None


def _actors(run: Evaluation, pole: Node) -> tuple[ActorESS, ...]:
    graph = run.working
    nodes = {a for m in graph.subjects(ORG.organization, pole) for a in graph.objects(m, ORG.member)}
    out = []
    kinds = {k.iri: k.value for k in ActorKind}
    for actor in nodes:
        forms = sorted((f for f in graph.objects(actor, PTCE.legalForm)), key=node_key)
        value = legal_form_value(forms[0]) if forms else None
        mention = literal_bool(graph.value(actor, PTCE.essMention))
        cooperative = literal_bool(graph.value(actor, PTCE.cooperative))
        kind = sorted(kinds[URIRef(str(t))] for t in graph.objects(actor, RDF.type) if t in kinds)
        assessment = ess_status(value, mention, kind=kind[0] if kind else None, cooperative=cooperative)
        if forms and value is None:  # a legal form outside ptcelf: ess_status sees no form
            assessment = ess_status(str(forms[0]), mention, cooperative=cooperative)
        esus_date = graph.value(actor, PTCE.esusDate)
        out.append(
            ActorESS(
                id=node_id(graph, actor),
                labels=run.labels(actor),
                relation=_relation(graph, pole, actor),
                kind=kind[0] if kind else None,
                legal_form=value,
                legal_form_labels=run.labels(forms[0]) if forms else {},
                ess_mention=mention,
                status=assessment.status,
                reasons={"fr": assessment.reason("fr"), "en": assessment.reason("en")},
                cooperative=cooperative,
                sirene_ess=literal_bool(graph.value(actor, PTCE.sireneESS)),
                esus=literal_bool(graph.value(actor, PTCE.esusAgrement)),
                esus_date=str(esus_date) if isinstance(esus_date, Literal) else None,
                evidence=assessment.evidence,
                commune=_commune(run, actor),
            )
        )
    order = {"member": 0, None: 1, "partner": 2}
    return tuple(sorted(out, key=lambda a: (order[a.relation], a.label("fr").casefold(), a.id)))


def _commune(run: Evaluation, actor: Node) -> dict[str, str]:
    """The actor's commune, named as the official geography names it (« Toulouse (31555) »), by language."""
    for place in sorted(run.working.objects(actor, PTCE.locatedIn), key=str):
        if (place, RDF.type, PTCE.Commune) in run.working:
            return run.labels(place)
    return {}


def _warning(run: Evaluation, result: ShaclResult) -> QualityWarning:
    source = result.source_constraint or result.source_shape
    info = run.index.get(source) or run.index.get(result.source_shape)
    messages = {}
    for lang in LANGUAGES:
        template = info.message(lang) if info else " ".join(result.messages)
        values = [result.value] if result.value is not None else []
        messages[lang] = _fill(
            template,
            values=values,
            focus=result.focus,
            labeller=run.labeller(lang),
            lang=lang,
            as_of=run.as_of,
        )
    return QualityWarning(
        focus=node_id(run.working, result.focus),
        focus_labels=run.labels(result.focus),
        shape=str(result.source_shape),
        names=dict(info.names) if info else {},
        messages=messages,
        result=result,
    )


@dataclass
class _DefinitionResults:
    """One definition's results sorted for its reports (computed once per definition and evaluation)."""

    by_clause: dict[tuple[Node, str], list[ShaclResult]]
    shown: dict[tuple[Node, str], list[ShaclResult]]  # evidence: what meets a clause
    quality: list[ShaclResult]
    kept: list[ShaclResult]  # what a report lists: the clauses' results and the quality results
    # The data-quality results by focus node (their positions in ``quality``): a pole takes those of its
    # shard's nodes, in that order, without scanning every result for every pole.
    quality_at: dict[Node, list[int]]


def _definition_results(run: Evaluation, definition: Definition) -> _DefinitionResults:
    if definition not in run.definitions:
        raise ValueError(f"{definition.id} was not evaluated in this run")
    found = run._sorted.get(definition.id)
    if found is not None:
        return found
    by_clause: dict[tuple[Node, str], list[ShaclResult]] = defaultdict(list)
    shown: dict[tuple[Node, str], list[ShaclResult]] = defaultdict(list)
    quality: list[ShaclResult] = []
    kept: list[ShaclResult] = []
    for r in run.results:
        info = run.index.get(r.source_shape)
        if info is None or info.clause is None:
            quality.append(r)
            kept.append(r)
        elif info.definition != definition.id:
            continue
        elif info.evidence:  # what meets the clause: evidence, not a validation result
            shown[(r.focus, info.clause_id)].append(r)  # type: ignore[index]
        else:
            by_clause[(r.focus, info.clause_id)].append(r)  # type: ignore[index]
            kept.append(r)
    quality_at: dict[Node, list[int]] = defaultdict(list)
    for i, r in enumerate(quality):
        quality_at[r.focus].append(i)
    found = run._sorted[definition.id] = _DefinitionResults(by_clause, shown, quality, kept, quality_at)
    return found


def _pole_verdict(run: Evaluation, sorted_results: _DefinitionResults, definition: Definition, pole: Node,
                  lang: str, result_messages: dict[ShaclResult, dict[str, str]] | None) -> PoleVerdict:
    """One pole's verdict; the messages of its clauses' results go into ``result_messages`` (when given)."""
    by_clause, shown = sorted_results.by_clause, sorted_results.shown
    quality, quality_at = sorted_results.quality, sorted_results.quality_at
    clauses = []
    for clause in definition.clauses:
        results = by_clause.get((pole, clause.id), [])
        groups: dict[Node, list[ShaclResult]] = defaultdict(list)
        for r in results:
            groups[r.source_constraint or r.source_shape].append(r)
        findings = sorted(
            (_finding(run, pole, source, rs) for source, rs in groups.items()),
            key=lambda f: ({"violation": 0, "warning": 1, "info": 2}[f.severity], f.source),
        )
        if result_messages is not None:
            for r in results:
                result_messages[r] = _result_messages(run, pole, r)
        evidence: dict[Node, list[ShaclResult]] = defaultdict(list)
        for r in shown.get((pole, clause.id), []):
            evidence[r.source_constraint or r.source_shape].append(r)
        clauses.append(
            ClauseResult(
                clause=clause,
                status=clause_status(r.severity for r in results),
                pole=node_id(run.working, pole),
                findings=tuple(findings),
                shown=tuple(sorted((_finding(run, pole, source, rs) for source, rs in evidence.items()),
                                   key=lambda f: f.source)),
            )
        )
    shard = run.shard(pole)
    held = sorted(i for node in shard if node in quality_at for i in quality_at[node])
    warnings = sorted(
        (run.warning(quality[i]) for i in held),
        key=lambda w: (
            w.focus_labels.get("fr", "").casefold(),
            w.focus,
            w.shape,
            node_key(w.result.value),
            w.result.sort_key(),  # one order, whatever order the engine gave the results in
        ),
    )
    return PoleVerdict(
        pole=node_id(run.working, pole),
        label=run.labeller(lang)(pole),
        definition=definition,
        verdict=Verdict.of([c.status for c in clauses]),
        clauses=tuple(clauses),
        actors=run.actors(pole),
        warnings=tuple(warnings),
    )


def _orphan_warnings(run: Evaluation, sorted_results: _DefinitionResults) -> list[QualityWarning]:
    """The data-quality warnings of resources no pole holds (shown after the poles)."""
    attached = set().union(*(run.shard(p) for p in run.poles)) if run.poles else set()
    return sorted(
        (run.warning(r) for r in sorted_results.quality if r.focus not in attached),
        key=lambda w: (w.focus, w.shape, node_key(w.result.value), w.result.sort_key()),
    )


def _build_report(run: Evaluation, definition: Definition, lang: str) -> LegalReport:
    sorted_results = _definition_results(run, definition)
    kept = sorted_results.kept
    result_messages: dict[ShaclResult, dict[str, str]] = {}
    poles = [_pole_verdict(run, sorted_results, definition, pole, lang, result_messages)
             for pole in run.ordered_poles()]
    orphans = _orphan_warnings(run, sorted_results)
    for w in list(orphans) + [w for p in poles for w in p.warnings]:
        result_messages[w.result] = dict(w.messages)
    return LegalReport(
        definition=definition,
        as_of=run.as_of,
        poles=tuple(poles),
        lang=lang,
        warnings=tuple(orphans),
        results=tuple(sorted(kept, key=ShaclResult.sort_key)),
        engine=run.engine,
        result_messages=result_messages,
    )
