"""The report as RDF: the SHACL validation report and the evaluations."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SH

from ptce_graph.legal import validate
from ptce_graph.namespaces import PTCE
from tests.legal.cases import set_actor
from tests.legal.poles import AS_OF, fitting_pole

POLE = "https://w3id.org/ptce/id/pole/pole-fictif"


def _broken():
    pole = fitting_pole()
    pole.strategy = None
    set_actor(pole, "quartier", commune="75056")
    return pole


def test_turtle_report_holds_the_shacl_report_and_the_evaluations() -> None:
    report = validate(_broken(), as_of=AS_OF)
    graph = Graph().parse(data=report.to_turtle(), format="turtle")
    [vr] = graph.subjects(RDF.type, SH.ValidationReport)
    assert graph.value(vr, SH.conforms) == Literal(False)
    results = list(graph.objects(vr, SH.result))
    assert len(results) == len(report.results) == 2
    [ev] = graph.subjects(RDF.type, PTCE.Evaluation)
    assert graph.value(ev, PTCE.evaluatedPole) == URIRef(POLE)
    assert graph.value(ev, PTCE.verdict) == PTCE.DoesNotFit
    assert graph.value(ev, PTCE.underDefinition) == URIRef("https://w3id.org/ptce/definition/law-2014")
    assert str(graph.value(ev, PTCE.asOf)) == "2026-01-01"
    clauses = {graph.value(ce, PTCE.clause): ce for ce in graph.objects(ev, PTCE.hasClauseEvaluation)}
    assert len(clauses) == 8
    territory = clauses[URIRef("https://w3id.org/ptce/definition/law-2014/territory")]
    assert graph.value(territory, PTCE.status) == PTCE.NotMet
    assert graph.value(territory, PTCE.concerns) == URIRef(f"{POLE}/actor/quartier")
    comments = {
        c.language for c in graph.objects(territory, URIRef("http://www.w3.org/2000/01/rdf-schema#comment"))
    }
    assert comments == {"fr", "en"}
    result = next(r for r in results if graph.value(r, SH.value) == URIRef(f"{POLE}/actor/quartier"))
    assert {m.language for m in graph.objects(result, SH.resultMessage)} == {"fr", "en"}
    assert graph.value(URIRef(f"{POLE}/actor/atelier"), PTCE.essStatus) == PTCE.ESSYes
