"""The reports as RDF: an ``sh:ValidationReport`` and ``ptce:Evaluation`` resources, bilingual.

Every SHACL result of a report becomes an ``sh:ValidationResult`` with its
message in French and English; every pole a ``ptce:Evaluation`` under the
definition and date, with a ``ptce:ClauseEvaluation`` per clause (status,
message, what it concerns, what decided it — ``ptce:decidedBy``) derived (``prov:wasDerivedFrom``) from its
results.  IRIs are minted from a hash of what they describe, so the same
report gives the same triples.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH, XSD

from ptce_graph.io.serialize import to_turtle
from ptce_graph.legal.shacl.results import ShaclResult
from ptce_graph.namespaces import DATA, PREFIXES, PROV, PTCE

if TYPE_CHECKING:  # a report calls these functions: annotations only
    from ptce_graph.legal.report.legal_report import LegalReport

__all__ = ["add_report_triples", "reports_turtle"]


def _mint(kind: str, *parts: object) -> URIRef:
    digest = hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:16]
    return URIRef(f"{DATA}{kind}/{digest}")


def _node(text: str) -> Any:
    return BNode(text[2:]) if text.startswith("_:") else URIRef(text)


def add_report_triples(graph: Graph, report: LegalReport) -> None:
    """Add the sh:ValidationReport and the ptce:Evaluation resources of a report to ``graph``."""
    as_of = Literal(report.as_of.isoformat(), datatype=XSD.date)
    vr = _mint("validation-report", report.definition.id, report.as_of)
    graph.add((vr, RDF.type, SH.ValidationReport))
    graph.add((vr, SH.conforms, Literal(not report.results)))
    graph.add((vr, PTCE.underDefinition, report.definition.iri))
    graph.add((vr, PTCE.asOf, as_of))
    result_iris: dict[ShaclResult, URIRef] = {}
    for r in report.results:
        iri = _mint("shacl-result", report.definition.id, report.as_of, *r.sort_key())
        result_iris[r] = iri
        graph.add((vr, SH.result, iri))
        graph.add((iri, RDF.type, SH.ValidationResult))
        graph.add((iri, SH.focusNode, r.focus))
        graph.add((iri, SH.resultSeverity, r.severity))
        graph.add((iri, SH.sourceShape, r.source_shape))
        for prop, value in (
            (SH.sourceConstraintComponent, r.constraint_component),
            (SH.sourceConstraint, r.source_constraint),
            (SH.resultPath, r.path),
            (SH.value, r.value),
        ):
            if value is not None:
                graph.add((iri, prop, value))
        messages = report.result_messages.get(r)
        if messages:
            for lang, text in sorted(messages.items()):
                graph.add((iri, SH.resultMessage, Literal(text, lang=lang)))
        else:
            for text in r.messages:
                graph.add((iri, SH.resultMessage, Literal(text)))
    for pole in report.poles:
        ev = _mint("evaluation", pole.pole, report.definition.id, report.as_of)
        pole_node = _node(pole.pole)
        graph.add((ev, RDF.type, PTCE.Evaluation))
        graph.add(
            (
                ev,
                RDFS.label,
                Literal(f"{pole.label or pole.pole} — {report.definition.id} — {report.as_of.isoformat()}"),
            )
        )
        graph.add((ev, PTCE.evaluatedPole, pole_node))
        graph.add((ev, PTCE.underDefinition, report.definition.iri))
        graph.add((ev, PTCE.asOf, as_of))
        graph.add((ev, PTCE.verdict, pole.verdict.iri))
        graph.add((ev, PROV.wasDerivedFrom, vr))
        for clause in pole.clauses:
            ce = URIRef(f"{ev}/{clause.id}")
            graph.add((ev, PTCE.hasClauseEvaluation, ce))
            graph.add((ce, RDF.type, PTCE.ClauseEvaluation))
            graph.add((ce, PTCE.clause, clause.clause.iri))
            graph.add((ce, PTCE.status, clause.status.iri))
            for lang in ("fr", "en"):
                graph.add((ce, RDFS.comment, Literal(clause.message(lang), lang=lang)))
            for concerned in clause.focus:
                graph.add((ce, PTCE.concerns, _node(concerned)))
            for evidence in clause.evidence:
                graph.add((ce, PTCE.decidedBy, _node(evidence.id)))
            for r in clause.results:
                graph.add((ce, PROV.wasDerivedFrom, result_iris[r]))
        for actor in pole.actors:
            graph.add((_node(actor.id), PTCE.essStatus, actor.status.iri))


def reports_turtle(reports: Sequence[LegalReport], *, as_of: _dt.date) -> str:
    """The triples of some reports (of one date) as deterministic Turtle, with a header naming them."""
    graph = Graph()
    for report in reports:
        add_report_triples(graph, report)
    header = [
        f"PTCE legal validation — {', '.join(r.definition.id for r in reports)} — as of {as_of.isoformat()}",
        "Generated by ptce_graph; messages in French and English.",
    ]
    return to_turtle(graph, prefixes={"sh": str(SH), **PREFIXES}, header=header).decode("utf-8")
