"""One definition's report: JSON contract 2 in French and English, len and iteration, deterministic output."""

from __future__ import annotations

import json

import pytest

from ptce_graph.legal import LegalValidationError, validate
from ptce_graph.legal.report.verdicts import ClauseStatus, Verdict
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
        "evidence": [
            {"id": f"{POLE}/actor/commune", "label": "Commune fictive", "kind": "actor", "ref": "commune"},
            {"id": f"{POLE}/actor/universite", "label": "Université fictive", "kind": "actor", "ref": "universite"},
        ],
        "evidence_message": "Autres parties prenantes en lien avec le pôle : Commune fictive et Université fictive.",
        "sources": {
            "eli": ["https://www.legifrance.gouv.fr/eli/loi/2014/7/31/ERNX1315311L/jo/article_9"],
            "legifrance": ["JORFTEXT000029313296"],
            "source": ["https://w3id.org/ptce/source/loi-2014-856-art-9"],
        },
    }
    assert territory["evidence"] == [
        {"id": f"{POLE}/actor/quartier", "label": "Association du Quartier", "kind": "actor", "ref": "quartier"}
    ]


def test_json_in_english() -> None:
    data = json.loads(validate(_broken(), as_of=AS_OF, lang="en").to_json())
    clause = data["poles"][0]["clauses"]["strategy"]
    assert clause["message"].startswith("No common strategy is recorded")
    assert clause["label"] == "common and continuous strategy"


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


