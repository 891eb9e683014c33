"""The report: JSON contract 2, text checklist, Turtle, determinism, ESS table, data-quality warnings."""

from __future__ import annotations

import json

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, SH

from ptce_graph.ess import ESSStatus
from ptce_graph.legal import LegalValidationError, validate
from ptce_graph.legal.report.verdicts import ClauseStatus, Verdict
from ptce_graph.model import Actor, Link
from ptce_graph.namespaces import PTCE
from tests.legal.cases import set_actor
from tests.legal.poles import AS_OF, fitting_pole

POLE = "https://w3id.org/ptce/id/pole/pole-fictif"


def _broken():
    pole = fitting_pole()
    pole.strategy = None
    set_actor(pole, "quartier", commune="75056")
    return pole


def test_json_follows_contract_2() -> None:
    data = json.loads(validate(_broken(), as_of=AS_OF).to_json())
    assert data["definition"] == "law-2014"
    assert data["as_of"] == "2026-01-01"
    [pole] = data["poles"]
    assert pole["pole"] == POLE
    assert pole["label"] == "Pôle fictif du Sud-Est"
    assert pole["verdict"] == "does-not-fit"
    assert list(pole["clauses"]) == [
        "territory",
        "ess-enterprises",
        "other-enterprises",
        "partners",
        "strategy",
        "cooperation",
        "innovation",
        "sustainable-development",
    ]
    territory = pole["clauses"]["territory"]
    assert territory["status"] == "not-met"
    assert territory["focus"] == [f"{POLE}/actor/quartier"]
    assert "Association du Quartier" in territory["message"]
    assert territory["words"] == "« sur un même territoire »"
    assert territory["clause"] == "https://w3id.org/ptce/definition/law-2014/territory"
    [shacl] = territory["shacl"]
    assert shacl == {
        "severity": "Violation",
        "focus": POLE,
        "path": None,
        "value": f"{POLE}/actor/quartier",
        "source_shape": "https://w3id.org/ptce/shapes/law-2014/territory/not-met",
        "source_constraint": "https://w3id.org/ptce/shapes/law-2014/territory/not-met/outside",
        "constraint_component": "http://www.w3.org/ns/shacl#SPARQLConstraintComponent",
        "messages": shacl["messages"],
    }
    assert pole["clauses"]["strategy"]["status"] == "unknown"
    assert (
        pole["clauses"]["strategy"]["shacl"][0]["constraint_component"]
        == "http://www.w3.org/ns/shacl#MinCountConstraintComponent"
    )
    assert pole["clauses"]["partners"] == {
        "status": "met",
        "message": pole["clauses"]["partners"]["message"],
        "focus": [POLE],
        "label": "autres parties prenantes",
        "words": pole["clauses"]["partners"]["words"],
        "clause": "https://w3id.org/ptce/definition/law-2014/partners",
        "findings": [],
        "shacl": [],
    }


def test_json_in_english() -> None:
    data = json.loads(validate(_broken(), as_of=AS_OF, lang="en").to_json())
    clause = data["poles"][0]["clauses"]["strategy"]
    assert clause["message"].startswith("No common strategy is recorded")
    assert clause["label"] == "common and continuous strategy"


def test_actors_ess_status_and_why() -> None:
    pole = fitting_pole()
    set_actor(pole, "dupont", ess_mention=None)
    pole.add_actor(Actor(id="sans-forme", name="Initiative sans forme", kind="other"), None)
    report = validate(pole, as_of=AS_OF, lang="en")
    actors = {a.label(): a for a in report[0].actors}
    assert [a.label() for a in report[0].actors] == [
        "Association du Quartier",
        "Atelier Coop",
        "Commune fictive",
        "SARL Dupont",
        "Initiative sans forme",
        "Université fictive",
    ]
    assert actors["Atelier Coop"].status is ESSStatus.YES
    assert actors["Atelier Coop"].reason("fr") == (
        "société coopérative et participative (SCOP) : forme statutaire de l'ESS (article 1er II 1°)"
    )
    assert actors["SARL Dupont"].status is ESSStatus.UNKNOWN
    assert actors["SARL Dupont"].reason("en").endswith("is not known: fill in ess_mention")
    assert actors["Commune fictive"].status is ESSStatus.NO
    assert actors["Commune fictive"].legal_form == "7210"
    assert actors["Initiative sans forme"].relation is None
    assert actors["Université fictive"].relation == "partner"
    data = json.loads(report.to_json())["poles"][0]["actors"]
    assert data[3] == {
        "id": f"{POLE}/actor/dupont",
        "label": "SARL Dupont",
        "relation": "member",
        "kind": "enterprise",
        "legal_form": "commercial-company",
        "ess_mention": None,
        "ess_status": "unknown",
        "why": actors["SARL Dupont"].reason("en"),
    }


def test_text_is_a_checklist_in_french_by_default() -> None:
    text = str(validate(_broken(), as_of=AS_OF))
    assert text.startswith(
        "Validation PTCE — définition law-2014 : Définition légale : loi n° 2014-856, "
        "article 9, I (2014) — au 2026-01-01\n"
    )
    assert (
        "Verdict : NE RÉPOND PAS À LA DÉFINITION — 1 clause non remplie, 1 clause inconnue, 6 clauses "
        "remplies" in text
    )
    assert "  ✗ territoire — « sur un même territoire »" in text
    assert "  ? stratégie commune et continue — « une stratégie commune et continue »" in text
    assert (
        "  ✓ entreprises de l'ESS — « le regroupement … d'entreprises de l'économie sociale et solidaire,"
        in text
    )
    assert "Statut ESS des acteurs" in text and "SARL Dupont" in text
    assert text.rstrip().endswith("Bilan : 1 pôle — 0 répond, 1 ne répond pas, 0 indéterminé.")
    english = validate(_broken(), as_of=AS_OF).render_text("en")
    assert "  ✗ territory — « sur un même territoire »" in english
    assert "Verdict: DOES NOT FIT THE DEFINITION" in english


def test_report_object_protocol() -> None:
    report = validate(_broken(), as_of=AS_OF)
    assert len(report) == 1
    [pole] = list(report)
    assert report[POLE] is pole and report["Pôle fictif du Sud-Est"] is pole and report[0] is pole
    assert len(pole) == 8 and [c.id for c in pole][0] == "territory"
    assert pole.status("territory") is ClauseStatus.NOT_MET
    assert report.verdicts == {POLE: Verdict.DOES_NOT_FIT}
    assert not report.fits
    with pytest.raises(
        LegalValidationError, match="does-not-fit under law-2014 .territory not-met, strategy unknown"
    ):
        report.raise_for_results()
    validate(fitting_pole(), as_of=AS_OF).raise_for_results()


def test_output_is_deterministic() -> None:
    first, second = validate(_broken(), as_of=AS_OF), validate(_broken(), as_of=AS_OF)
    assert first.to_json() == second.to_json()
    assert first.to_turtle() == second.to_turtle()
    assert first.render_text() == second.render_text()


def test_validation_never_mutates_the_callers_graph() -> None:
    graph = _broken().to_graph()
    before = Graph()
    for triple in graph:
        before.add(triple)
    validate(graph, as_of=AS_OF)
    validate(graph, definition="decree-2015", as_of=AS_OF, engine="oxigraph")
    assert len(graph) == len(before) and isomorphic(graph, before)


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


def test_data_quality_results_are_warnings_beside_the_verdict() -> None:
    pole = fitting_pole()
    set_actor(pole, "dupont", siret="99999999900008")  # check digit wrong
    set_actor(pole, "quartier", ess_mention=True)  # an association with an ESS mention
    set_actor(pole, "universite", name=None)
    pole.links.append(Link(source="atelier", target="quartier", logic="animation", start="2018", end="2017"))
    report = validate(pole, as_of=AS_OF, lang="en")
    assert report[0].verdict is Verdict.FITS
    checks = sorted(w.to_dict("en")["check"] for w in report[0].warnings)
    assert checks == ["actor-name", "ess-mention-form", "period-order", "siret-checksum"]
    messages = {w.to_dict("en")["check"]: w.message("en") for w in report[0].warnings}
    assert messages["siret-checksum"].startswith(
        "The SIRET of SARL Dupont is invalid (check digit): 99999999900008"
    )
    assert messages["ess-mention-form"].startswith(
        "Association du Quartier has an ESS mention while its legal "
        "form (association) is not a commercial company"
    )
    assert "ends (2017) before it starts" in messages["period-order"]
    assert report.fits  # warnings are not part of the verdict


def test_la_poste_siret_exception() -> None:
    pole = fitting_pole()
    set_actor(pole, "dupont", siret="35600000010000")  # fails Luhn, digit sum a multiple of 5
    assert validate(pole, as_of=AS_OF)[0].warnings == ()


def test_insee_code_format_and_orphan_warnings() -> None:
    pole = fitting_pole()
    set_actor(pole, "quartier", commune="99123")
    graph = pole.to_graph()
    stray = URIRef("https://w3id.org/ptce/id/geo/commune/ABCDE")
    graph.add((stray, RDF.type, PTCE.Commune))
    graph.add((stray, PTCE.inseeCode, Literal("ABCDE")))
    report = validate(graph, as_of=AS_OF, lang="en")
    assert [w.to_dict("en")["check"] for w in report[0].warnings] == ["commune-code"]
    assert "99123" in report[0].warnings[0].message("en")
    assert [w.focus for w in report.warnings] == [str(stray)]
    assert "Warnings outside any pole" in report.render_text("en")
    assert "Warnings outside any pole" not in report.render_text("en", warnings=False)


def test_bad_options_are_clear_errors() -> None:
    from ptce_graph.errors import InputError, PTCEError
    from ptce_graph.legal import UnknownDefinitionError, compare_definitions

    with pytest.raises(UnknownDefinitionError, match="unknown definition 'law-2016'; expected one of labo"):
        validate(fitting_pole(), definition="law-2016")
    assert issubclass(UnknownDefinitionError, PTCEError)
    with pytest.raises(UnknownDefinitionError):
        compare_definitions(fitting_pole(), definitions=["law-2014", "nope"])
    with pytest.raises(ValueError, match="unknown language 'de'"):
        validate(fitting_pole(), lang="de")
    with pytest.raises(InputError, match="is not a date"):
        validate(fitting_pole(), as_of="2026-02-30")


def test_a_graph_without_pole_gives_an_empty_report() -> None:
    report = validate(Graph(), as_of=AS_OF)
    assert len(report) == 0 and not report.fits
    assert "Aucun pôle (ptce:Pole) dans les données." in str(report)
    with pytest.raises(LegalValidationError, match="no pole"):
        report.raise_for_results()
