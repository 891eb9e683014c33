"""From SHACL results to a report: clause statuses from severities, the actors' ESS status, one verdict per pole."""

from __future__ import annotations

import json

from rdflib import Graph, URIRef
from rdflib.namespace import SH

from ptce_graph.ess import ESSStatus
from ptce_graph.legal import validate
from ptce_graph.legal.report.evaluation import STATUS_OF_SEVERITY, clause_status
from ptce_graph.legal.report.verdicts import ClauseStatus
from ptce_graph.model import Actor
from ptce_graph.namespaces import ORG
from tests.legal.cases import set_actor
from tests.legal.poles import AS_OF, fitting_pole

POLE = URIRef("https://w3id.org/ptce/id/pole/pole-fictif")


def test_the_mapping_from_severity_to_status() -> None:
    assert STATUS_OF_SEVERITY == {
        SH.Violation: ClauseStatus.NOT_MET,
        SH.Warning: ClauseStatus.UNKNOWN,
        SH.Info: None,
    }
    assert clause_status([]) is ClauseStatus.MET
    assert clause_status([SH.Info]) is ClauseStatus.MET
    assert clause_status([SH.Warning, SH.Info]) is ClauseStatus.UNKNOWN
    assert clause_status([SH.Warning, SH.Violation]) is ClauseStatus.NOT_MET


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
        "cooperative": None,
        "ess_status": "unknown",
        "why": actors["SARL Dupont"].reason("en"),
        "evidence": ["legal_form"],
        "sirene_ess": None,
        "esus": None,
        "esus_date": None,
        "commune": "Toulouse (31555)",
    }


def test_poles_are_judged_separately_and_sorted() -> None:
    graph = fitting_pole("b-pole").to_graph()
    bad = fitting_pole("a-pole")
    bad.territory = None
    bad.to_graph(graph)
    report = validate(graph, as_of=AS_OF)
    assert [p.pole.rsplit("/", 1)[1] for p in report] == ["a-pole", "b-pole"]
    assert [p.verdict.value for p in report] == ["undetermined", "fits"]


def test_a_pole_as_a_blank_node() -> None:
    graph = Graph()
    pole = fitting_pole().to_graph()
    from rdflib import BNode

    blank = BNode()
    for s, p, o in pole:
        graph.add((blank if s == POLE else s, p, blank if o == POLE else o))
    report = validate(graph, as_of=AS_OF)
    assert report[0].verdict.value == "fits"
    assert report[0].pole.startswith("_:b")
    assert ORG.organization  # (org:organization links memberships to the blank pole)
