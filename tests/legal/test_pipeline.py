"""validate() and compare_definitions(): reasoning when asked, bundle and Turtle alike, the caller's graph untouched."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic

from ptce_graph.io import load, save
from ptce_graph.io.bundle import write_bundle
from ptce_graph.legal import LegalValidationError, compare_definitions, validate
from ptce_graph.legal.report.verdicts import ClauseStatus
from ptce_graph.namespaces import PTCE
from tests.legal.cases import set_actor
from tests.legal.poles import AS_OF, fitting_pole


def test_reason_true_uses_the_reasoning_module(monkeypatch: pytest.MonkeyPatch) -> None:
    from ptce_graph.legal import pipeline
    from ptce_graph.namespaces import PTCELF

    calls = []

    def enrich_for_validation(graph):
        calls.append(len(graph))
        inferred = type(graph)()
        # e.g. the reasoner infers the legal form of the company from its registry category
        inferred.add((URIRef("https://w3id.org/ptce/id/pole/pole-fictif/actor/dupont"), PTCE.legalForm,
                      PTCELF["commercial-company"]))
        return inferred

    pole = fitting_pole()
    set_actor(pole, "dupont", legal_form=None)
    graph = pole.to_graph()
    size = len(graph)
    monkeypatch.setattr(pipeline, "enrich_for_validation", enrich_for_validation)
    assert validate(graph, as_of=AS_OF)[0].clause("other-enterprises").status is ClauseStatus.UNKNOWN
    assert calls == []
    assert validate(graph, as_of=AS_OF, reason=True)[0].clause("other-enterprises").status is ClauseStatus.MET
    assert calls and len(graph) == size


def test_bundle_and_its_turtle_export_give_identical_verdicts(tmp_path: Path) -> None:
    pole = fitting_pole()
    pole.strategy = None
    set_actor(pole, "dupont", ess_mention=None)
    bundle = tmp_path / "bundle"
    write_bundle(pole, bundle)
    turtle = tmp_path / "pole.ttl"
    save(load(bundle), turtle)
    from_bundle = compare_definitions(bundle, as_of=AS_OF)
    from_turtle = compare_definitions(turtle, as_of=AS_OF)
    assert from_bundle.to_dict() == from_turtle.to_dict()
    law = from_bundle["law-2014"][0]
    assert law.statuses["strategy"] is ClauseStatus.UNKNOWN
    assert law.statuses["other-enterprises"] is ClauseStatus.UNKNOWN
    assert from_bundle.to_turtle() == from_turtle.to_turtle()


def _broken():
    pole = fitting_pole()
    pole.strategy = None
    set_actor(pole, "quartier", commune="75056")
    return pole


def test_validation_never_mutates_the_callers_graph() -> None:
    graph = _broken().to_graph()
    before = Graph()
    for triple in graph:
        before.add(triple)
    validate(graph, as_of=AS_OF)
    validate(graph, definition="decree-2015", as_of=AS_OF, engine="oxigraph")
    assert len(graph) == len(before) and isomorphic(graph, before)


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


def test_as_of_defaults_to_today() -> None:
    report = validate(fitting_pole())
    assert report.as_of == dt.date.today()


def test_validation_does_not_stop_at_the_first_result() -> None:
    pole = fitting_pole("many")
    pole.territory = None
    pole.strategy = None
    pole.projects = []
    report = compare_definitions(pole, as_of=AS_OF)["law-2014"][0]
    assert report.statuses == {
        "territory": ClauseStatus.UNKNOWN,
        "ess-enterprises": ClauseStatus.MET,
        "other-enterprises": ClauseStatus.MET,
        "partners": ClauseStatus.MET,
        "strategy": ClauseStatus.UNKNOWN,
        "cooperation": ClauseStatus.MET,
        "innovation": ClauseStatus.UNKNOWN,
        "sustainable-development": ClauseStatus.UNKNOWN,
    }
