"""The Labo de l'ESS référentiel as a self-assessment, and the gap it shows.

The référentiel (2012) sets three general objectives and nine main objectives
for a PTCE (paper of 2014, § I.3); part III of the paper discusses the gap
between this concept and what poles actually do.  A pole records, for each
main objective, how it pursues it (``ptce:practice``) and with what evidence
(``ptce:evidence``, or a cited document with ``dcterms:source``) in a
``ptce:ObjectiveAssessment`` — the ``assessments.csv`` file of a bundle.

:func:`referentiel_gap` reads those assessments and says, pole by pole and for
each of the nine main objectives, whether it is assessed, how, with how much
evidence, and which objectives have no evidence at all.  The objectives and
their names come from the packaged ontology (``ontology/referentiel.ttl``).
Indicators are an open list (the paper counts 27, then 36, without naming
them): those defined in the ontology or in the data as ``ptce:Indicator``
with ``skos:broader`` a main objective are listed with their objective.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import rdflib
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from ptce_graph.io import Source, as_graph
from ptce_graph.io.csv_writer import csv_text
from ptce_graph.labels import label
from ptce_graph.labels import labels as labels_of
from ptce_graph.model import literal_bool
from ptce_graph.namespaces import PTCE
from ptce_graph.resources import ontology_graph
from ptce_graph.terminal import DEFAULT_WIDTH, fold
from ptce_graph.wording import counted

__all__ = ["ObjectiveStatus", "PoleReferentiel", "ReferentielGap", "referentiel_gap", "main_objectives", "TEXT"]


@dataclass(frozen=True)
class ObjectiveStatus:
    """What a pole states for one objective of the référentiel."""

    objective: str
    notation: str
    kind: str  # "main", "general" or "other" (an objective the référentiel does not define)
    labels: dict[str, str] = field(default_factory=dict, hash=False, compare=True)
    assessed: bool = False
    practices: tuple[str, ...] = ()
    evidence: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    indicators: tuple[str, ...] = ()
    known_indicators: tuple[str, ...] = ()

    @property
    def has_evidence(self) -> bool:
        """True when the assessment gives evidence in words or cites a document."""
        return bool(self.evidence or self.sources)

    @property
    def evidence_count(self) -> int:
        return len(self.evidence) + len(self.sources)

    def label(self, lang: str = "fr") -> str:
        return self.labels.get(lang) or self.labels.get("fr") or self.notation

    def to_dict(self) -> dict[str, Any]:
        return {
            "objective": self.objective,
            "notation": self.notation,
            "kind": self.kind,
            "labels": dict(self.labels),
            "assessed": self.assessed,
            "practices": list(self.practices),
            "evidence": list(self.evidence),
            "sources": list(self.sources),
            "evidence_count": self.evidence_count,
            "has_evidence": self.has_evidence,
            "indicators": list(self.indicators),
            "known_indicators": list(self.known_indicators),
        }


@dataclass
class PoleReferentiel:
    """The référentiel self-assessment of one pole."""

    pole: str
    label: str | None
    fictional: bool | None
    objectives: list[ObjectiveStatus]  # the nine main objectives, in order
    general: list[ObjectiveStatus] = field(default_factory=list)  # general objectives it assessed
    other: list[ObjectiveStatus] = field(default_factory=list)  # objectives the référentiel does not define

    @property
    def not_assessed(self) -> list[str]:
        """Main objectives the pole says nothing about."""
        return [o.notation for o in self.objectives if not o.assessed]

    @property
    def without_evidence(self) -> list[str]:
        """Main objectives with no evidence: not assessed, or assessed without any."""
        return [o.notation for o in self.objectives if not o.has_evidence]

    @property
    def evidenced(self) -> list[str]:
        return [o.notation for o in self.objectives if o.has_evidence]

    def to_dict(self) -> dict[str, Any]:
        return {
            "pole": self.pole,
            "label": self.label,
            "fictional": self.fictional,
            "objectives": [o.to_dict() for o in self.objectives],
            "general_objectives": [o.to_dict() for o in self.general],
            "other_objectives": [o.to_dict() for o in self.other],
            "not_assessed": self.not_assessed,
            "without_evidence": self.without_evidence,
        }


@dataclass
class ReferentielGap:
    """For every pole, which main objectives of the référentiel have evidence and which have none."""

    poles: list[PoleReferentiel]

    def __len__(self) -> int:
        return len(self.poles)

    def __iter__(self) -> Iterator[PoleReferentiel]:
        return iter(self.poles)

    @property
    def has_gap(self) -> bool:
        """True when some pole has a main objective without evidence."""
        return any(p.without_evidence for p in self.poles)

    def to_dict(self) -> dict[str, Any]:
        """The gap as JSON data."""
        return {"poles": [p.to_dict() for p in self.poles]}

    def to_csv(self) -> str:
        """One row per pole and objective (main objectives, then the others it assessed)."""
        header = ["pole", "label", "objective", "notation", "kind", "assessed", "evidence_count", "has_evidence",
                  "practice"]
        rows = [
            [p.pole, p.label or "", o.objective, o.notation, o.kind, "yes" if o.assessed else "no", o.evidence_count,
             "yes" if o.has_evidence else "no", " | ".join(o.practices)]
            for p in self.poles
            for o in [*p.objectives, *p.general, *p.other]
        ]
        return csv_text(header, rows)

    def render(self, lang: str = "fr", *, width: int | None = None) -> str:
        """The self-assessment as text, each practice and piece of evidence folded at ``width``."""
        t = TEXT["en" if lang == "en" else "fr"]
        width = width or DEFAULT_WIDTH
        lines = [t["title"], t["subtitle"]]
        if not self.poles:
            lines += ["", t["no_pole"]]
        for p in self.poles:
            lines.append("")
            title = p.label or p.pole
            if p.fictional:
                title += f" ({t['fictional']})"
            lines.append(f"■ {title}")
            lines.append(f"  {p.pole}")
            for o in [*p.objectives, *p.general, *p.other]:
                if not o.assessed:
                    state = t["not_assessed"]
                elif o.has_evidence:
                    state = t["evidence"].format(evidence=counted(o.evidence_count, "evidence", lang))
                else:
                    state = t["no_evidence"]
                marker = "✓" if o.has_evidence else "✗"
                scope = "" if o.kind == "main" else f" [{t['kind'][o.kind]}]"
                lines.append(f"  {marker} {o.notation} {o.label(lang)}{scope} — {state}")
                for practice in o.practices:
                    lines.append(fold(f"{t['practice']} {practice}", width, "        ", "      "))
                for item in o.evidence:
                    lines.append(fold(f"{t['evidence_item']} {item}", width, "        ", "      "))
                for src in o.sources:
                    lines.append(f"      {t['cited']} {src}")
                if o.known_indicators:
                    informed = set(o.indicators)
                    listed = ", ".join(f"{i}{' ✓' if i in informed else ''}" for i in o.known_indicators)
                    lines.append(f"      {t['indicators']} {listed}")
            if not any(o.assessed for o in [*p.objectives, *p.general, *p.other]):
                lines.append("  " + t["none_recorded"])
            missing = p.without_evidence
            total = len(p.objectives)
            if missing:
                lines.append("  " + t["gap"].format(list=", ".join(missing), k=len(missing), n=total))
            else:
                lines.append("  " + t["no_gap"].format(n=total))
        return "\n".join(lines) + "\n"


def main_objectives(graph: Graph | None = None) -> list[tuple[URIRef, str, dict[str, str]]]:
    """The référentiel's main objectives: (IRI, notation, {lang: label}), in notation order.

    Read from the packaged ontology (and ``graph`` if given), never hard-coded.
    """
    return _objectives(PTCE.MainObjective, graph)


def referentiel_gap(data: Source | Iterable[Source], *, pole: str | None = None) -> ReferentielGap:
    """The référentiel self-assessment of every pole of ``data`` (or of one pole).

    ``pole`` selects a pole by IRI or by id (``dcterms:identifier``).  The
    graph is read, never modified.  Every pole gets one
    :class:`ObjectiveStatus` per main objective, assessed or not.
    """
    graph = as_graph(data)
    onto = ontology_graph()
    mains = _objectives(PTCE.MainObjective, graph)
    generals = _objectives(PTCE.GeneralObjective, graph)
    kinds: dict[rdflib.term.Node, tuple[str, str, dict[str, str]]] = {}
    for iri, notation, labels in mains:
        kinds[iri] = ("main", notation, labels)
    for iri, notation, labels in generals:
        kinds[iri] = ("general", notation, labels)
    known = _indicators(graph, onto)

    poles = sorted({p for p in graph.subjects(RDF.type, PTCE.Pole) if isinstance(p, URIRef)}, key=str)
    if pole is not None:
        poles = [p for p in poles
                 if str(p) == pole or any(str(i) == pole for i in graph.objects(p, DCTERMS.identifier))]
    result: list[PoleReferentiel] = []
    for p in poles:
        assessments: dict[rdflib.term.Node, list[rdflib.term.Node]] = {}
        for a in graph.subjects(PTCE.pole, p):
            if (a, RDF.type, PTCE.ObjectiveAssessment) not in graph:
                continue
            for objective in graph.objects(a, PTCE.objective):
                assessments.setdefault(objective, []).append(a)

        objectives = [_status(graph, assessments.get(iri, []), known, iri, "main", notation, labels)
                      for iri, notation, labels in mains]
        general = [_status(graph, assessments[iri], known, iri, "general", notation, labels)
                   for iri, notation, labels in generals if iri in assessments]
        other = [
            _status(graph, assessments[o], known, o, "other", _local(o), _labels(graph, o))
            for o in sorted(assessments, key=str)
            if o not in kinds
        ]
        result.append(
            PoleReferentiel(
                pole=str(p),
                label=_label(graph, p),
                fictional=literal_bool(graph.value(p, PTCE.fictional)),
                objectives=objectives,
                general=general,
                other=other,
            )
        )
    result.sort(key=lambda r: ((r.label or "").casefold(), r.pole))
    return ReferentielGap(poles=result)


# ---------------------------------------------------------------------------
#  Reading the graph
# ---------------------------------------------------------------------------


def _status(graph: Graph, nodes: list[rdflib.term.Node], known: dict[rdflib.term.Node, tuple[str, ...]],
            objective: rdflib.term.Node, kind: str, notation: str, labels: dict[str, str]) -> ObjectiveStatus:
    return ObjectiveStatus(
        objective=str(objective),
        notation=notation,
        kind=kind,
        labels=labels,
        assessed=bool(nodes),
        practices=_literals(graph, nodes, PTCE.practice),
        evidence=_literals(graph, nodes, PTCE.evidence),
        sources=tuple(sorted({str(s) for n in nodes for s in graph.objects(n, DCTERMS.source)})),
        indicators=tuple(sorted({str(i) for n in nodes for i in graph.objects(n, PTCE.indicator)})),
        known_indicators=known.get(objective, ()),
    )


def _objectives(cls: URIRef, graph: Graph | None) -> list[tuple[URIRef, str, dict[str, str]]]:
    onto = ontology_graph()
    graphs = [onto] if graph is None else [onto, graph]
    found: dict[URIRef, tuple[str, dict[str, str]]] = {}
    for g in graphs:
        for iri in g.subjects(RDF.type, cls):
            if not isinstance(iri, URIRef) or iri in found:
                continue
            notation = next((str(n) for gg in graphs for n in gg.objects(iri, SKOS.notation)), _local(iri))
            labels: dict[str, str] = {}
            for gg in graphs:
                labels.update({k: v for k, v in _labels(gg, iri).items() if k not in labels})
            found[iri] = (notation, labels)
    return sorted(((iri, n, labels) for iri, (n, labels) in found.items()), key=lambda t: _natural(t[1]))


def _indicators(graph: Graph, onto: Graph) -> dict[rdflib.term.Node, tuple[str, ...]]:
    out: dict[rdflib.term.Node, set[str]] = {}
    for g in (onto, graph):
        for indicator in g.subjects(RDF.type, PTCE.Indicator):
            for objective in g.objects(indicator, SKOS.broader):
                out.setdefault(objective, set()).add(str(indicator))
    return {k: tuple(sorted(v)) for k, v in out.items()}


def _labels(graph: Graph, node: rdflib.term.Node) -> dict[str, str]:
    return labels_of([graph], node)


def _label(graph: Graph, node: rdflib.term.Node) -> str | None:
    return label([graph], node, "fr", (RDFS.label,))


def _literals(graph: Graph, nodes: list[rdflib.term.Node], prop: URIRef) -> tuple[str, ...]:
    return tuple(sorted({str(o) for n in nodes for o in graph.objects(n, prop) if isinstance(o, Literal)}))


def _local(node: rdflib.term.Node) -> str:
    text = str(node).rstrip("/")
    for sep in ("#", "/"):
        if sep in text:
            text = text.rsplit(sep, 1)[1]
    return text


def _natural(text: str) -> tuple[Any, ...]:
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text))


#: The words of the tables, by language (the HTML report reads them here).
TEXT: dict[str, dict[str, Any]] = {
    "fr": {
        "title": "Référentiel d'action des PTCE (Labo de l'ESS, 2012) : auto-évaluation",
        "subtitle": "Pour chaque objectif principal : évalué ou non, avec quelle pratique et quelles "
                    "preuves. Un objectif sans preuve mesure l'écart entre le concept et la pratique "
                    "(article de 2014, partie III).",
        "no_pole": "Aucun pôle dans les données.",
        "fictional": "fictif",
        "not_assessed": "non évalué",
        "no_evidence": "évalué, sans preuve",
        "evidence": "évalué, {evidence}",
        "practice": "pratique :",
        "evidence_item": "preuve :",
        "cited": "document cité :",
        "indicators": "indicateurs :",
        "kind": {"general": "objectif général", "other": "objectif hors référentiel"},
        "none_recorded": "Aucune auto-évaluation n'est enregistrée pour ce pôle.",
        "gap": "Objectifs principaux sans preuve : {list} ({k} sur {n})",
        "no_gap": "Les {n} objectifs principaux ont des preuves.",
    },
    "en": {
        "title": "PTCE action référentiel (Labo de l'ESS, 2012): self-assessment",
        "subtitle": "For each main objective: assessed or not, with what practice and what evidence. "
                    "An objective without evidence measures the gap between concept and practice "
                    "(2014 paper, part III).",
        "no_pole": "No pole in the data.",
        "fictional": "fictional",
        "not_assessed": "not assessed",
        "no_evidence": "assessed, no evidence",
        "evidence": "assessed, {evidence}",
        "practice": "practice:",
        "evidence_item": "evidence:",
        "cited": "cited document:",
        "indicators": "indicators:",
        "kind": {"general": "general objective", "other": "objective outside the référentiel"},
        "none_recorded": "No self-assessment is recorded for this pole.",
        "gap": "Main objectives without evidence: {list} ({k} of {n})",
        "no_gap": "All {n} main objectives have evidence.",
    },
}
