"""The référentiel self-assessment and the objectives left without evidence."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, SKOS

from ptce_graph import load, load_all, referentiel_gap
from ptce_graph.cli import main
from ptce_graph.model import Assessment, Pole
from ptce_graph.namespaces import PTCE, PTCEREF
from ptce_graph.referentiel import main_objectives

REPO = Path(__file__).resolve().parent.parent
FICTIONAL = REPO / "examples" / "fictional-pole" / "bundle"
FICTIONAL_TTL = REPO / "examples" / "fictional-pole" / "fictional-pole.ttl"
PERISCOPE = REPO / "examples" / "paper-2014" / "le-periscope.ttl"


def test_the_nine_main_objectives_come_from_the_ontology() -> None:
    objectives = main_objectives()
    assert [n for _, n, _ in objectives] == [f"O{i}" for i in range(1, 10)]
    assert objectives[0][0] == PTCEREF["territorial-anchoring"]
    assert objectives[0][2] == {"fr": "ancrage territorial", "en": "territorial anchoring"}
    assert objectives[8][2]["fr"] == "transversalité économique, sociale et environnementale"


def test_the_fictional_pole_leaves_exactly_four_objectives_without_evidence() -> None:
    gap = referentiel_gap(FICTIONAL)
    (pole,) = gap.poles
    assert pole.fictional is True
    assert pole.without_evidence == ["O4", "O6", "O8", "O9"]
    assert pole.not_assessed == ["O4", "O8", "O9"]
    assert pole.evidenced == ["O1", "O2", "O3", "O5", "O7"]
    o6 = next(o for o in pole.objectives if o.notation == "O6")
    assert (o6.assessed, o6.has_evidence, o6.practices) == (
        True, False, ("Une habitante bénévole siège au comité de pilotage.",))
    o3 = next(o for o in pole.objectives if o.notation == "O3")
    assert o3.evidence_count == 2 and o3.sources == ("https://example.org/ptce-fictif/convention-2013",)
    o2 = next(o for o in pole.objectives if o.notation == "O2")
    assert len(o2.evidence) == 2
    assert [g.notation for g in pole.general] == ["G2"]
    assert pole.other == []
    assert gap.has_gap


def test_bundle_and_turtle_give_the_same_gap() -> None:
    assert referentiel_gap(FICTIONAL).to_dict() == referentiel_gap(FICTIONAL_TTL).to_dict()


def test_a_real_pole_without_assessment_has_every_objective_without_evidence() -> None:
    (pole,) = referentiel_gap(PERISCOPE).poles
    assert pole.label == "Le Périscope"
    assert pole.without_evidence == [f"O{i}" for i in range(1, 10)]
    assert "Aucune auto-évaluation n'est enregistrée pour ce pôle." in referentiel_gap(PERISCOPE).render()


def test_indicators_are_an_open_list() -> None:
    # The paper names no indicator; a user adds one in the data, attached to
    # its main objective, and an assessment says it informs it.
    pole = Pole(id="p", assessments=[Assessment(objective="O5", practice="Locaux partagés",
                                                 evidence=["Bail"])])
    graph = pole.to_graph()
    indicator = URIRef("https://example.org/indicator/shared-premises")
    graph.add((indicator, RDF.type, PTCE.Indicator))
    graph.add((indicator, SKOS.broader, PTCEREF["cooperate-mutualise"]))
    graph.add((indicator, SKOS.prefLabel, Literal("locaux partagés", lang="fr")))
    assessment = next(graph.subjects(RDF.type, PTCE.ObjectiveAssessment))
    graph.add((assessment, PTCE.indicator, indicator))
    (result,) = referentiel_gap(graph).poles
    o5 = next(o for o in result.objectives if o.notation == "O5")
    assert o5.known_indicators == (str(indicator),) and o5.indicators == (str(indicator),)
    assert f"indicateurs : {indicator} ✓" in referentiel_gap(graph).render()
    assert result.without_evidence == ["O1", "O2", "O3", "O4", "O6", "O7", "O8", "O9"]


def test_an_objective_outside_the_referentiel_is_reported_apart() -> None:
    pole = Pole(id="p", assessments=[Assessment(objective="x-custom", practice="autre")])
    (result,) = referentiel_gap(pole).poles
    assert [(o.notation, o.kind, o.assessed) for o in result.other] == [("x-custom", "other", True)]
    assert len(result.objectives) == 9


def test_a_citation_alone_counts_as_evidence() -> None:
    pole = Pole(id="p", assessments=[Assessment(objective="O1", sources=["https://example.org/doc"])])
    (result,) = referentiel_gap(pole).poles
    assert result.evidenced == ["O1"]


def test_selecting_a_pole_and_rendering() -> None:
    both = [FICTIONAL_TTL, PERISCOPE]
    assert [p.label for p in referentiel_gap(load_all(both)).poles] == [
        "Le Périscope", "PTCE fictif du Val d'Exemple"]
    only = referentiel_gap(load_all(both), pole="le-periscope")
    assert [p.pole for p in only.poles] == ["https://w3id.org/ptce/id/pole/le-periscope"]
    text_en = referentiel_gap(FICTIONAL).render("en")
    assert "Main objectives without evidence: O4, O6, O8, O9 (4 of 9)" in text_en
    assert "✗ O6 citizen governance — assessed, no evidence" in text_en
    text_fr = referentiel_gap(FICTIONAL).render("fr")
    assert "Objectifs principaux sans preuve : O4, O6, O8, O9 (4 sur 9)" in text_fr
    assert "✓ G2 insuffler la coopération pour et dans le pilotage [objectif général]" in text_fr


def test_csv_and_json() -> None:
    gap = referentiel_gap(FICTIONAL)
    rows = list(csv.DictReader(io.StringIO(gap.to_csv())))
    assert [r["notation"] for r in rows] == [f"O{i}" for i in range(1, 10)] + ["G2"]
    assert [r["has_evidence"] for r in rows[:9]] == [
        "yes", "yes", "yes", "no", "yes", "no", "yes", "no", "no"]
    data = json.loads(json.dumps(gap.to_dict()))
    assert data["poles"][0]["without_evidence"] == ["O4", "O6", "O8", "O9"]


def test_cli(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["referentiel", str(FICTIONAL), "-f", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["poles"][0]["not_assessed"] == ["O4", "O8", "O9"]
    assert main(["referentiel", str(FICTIONAL), "--fail-on-gap"]) == 1
    capsys.readouterr()
    assert main(["referentiel", str(FICTIONAL), "--pole", "nope"]) == 2
    assert "no pole 'nope'" in capsys.readouterr().err


def test_the_graph_is_not_modified() -> None:
    graph = load(FICTIONAL)
    before = len(graph)
    referentiel_gap(graph)
    assert len(graph) == before
