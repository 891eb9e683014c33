"""The engine: both pyshacl stores agree, a pole's shard validates alone, bundle and Turtle agree."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import URIRef

from ptce_graph.io import load, save
from ptce_graph.io.bundle import write_bundle
from ptce_graph.legal import compare_definitions, validate
from ptce_graph.legal.report.evaluation import STATUS_OF_SEVERITY, clause_status
from ptce_graph.legal.report.verdicts import ClauseStatus
from ptce_graph.legal.shacl.engine import run_shacl
from ptce_graph.legal.shacl.results import EngineError
from ptce_graph.legal.shacl.shapes import all_files, shapes_graph
from ptce_graph.legal.shacl.working import pole_shard, working_graph
from ptce_graph.model import new_graph
from tests.legal.cases import CASES, set_actor
from tests.legal.poles import AS_OF, fitting_pole


def _key(results):
    return sorted(
        (
            str(r.focus),
            str(r.source_shape),
            str(r.source_constraint),
            str(r.path),
            str(r.value),
            str(r.severity),
        )
        for r in results
    )


def _graph(cases):
    graph = new_graph()
    fitting_pole("fits").to_graph(graph)
    for case in cases:
        case.pole().to_graph(graph)
    return graph


def test_the_mapping_from_severity_to_status() -> None:
    from rdflib.namespace import SH

    assert STATUS_OF_SEVERITY == {
        SH.Violation: ClauseStatus.NOT_MET,
        SH.Warning: ClauseStatus.UNKNOWN,
        SH.Info: None,
    }
    assert clause_status([]) is ClauseStatus.MET
    assert clause_status([SH.Info]) is ClauseStatus.MET
    assert clause_status([SH.Warning, SH.Info]) is ClauseStatus.UNKNOWN
    assert clause_status([SH.Warning, SH.Violation]) is ClauseStatus.NOT_MET


def test_oxigraph_and_rdflib_stores_give_identical_results_on_law_2014() -> None:
    graph = _graph(CASES[:6])
    shapes = shapes_graph(("law-2014.ttl", "data-quality.ttl"))
    oxigraph = run_shacl(working_graph(graph, as_of=AS_OF), shapes, engine="oxigraph")
    rdflib_ = run_shacl(working_graph(graph, as_of=AS_OF), shapes, engine="rdflib")
    assert oxigraph and _key(oxigraph) == _key(rdflib_)


def test_a_graph_oxigraph_rejects_is_validated_on_the_rdflib_store() -> None:
    from rdflib.namespace import RDFS

    graph = fitting_pole().to_graph()
    dupont = URIRef("https://w3id.org/ptce/id/pole/pole-fictif/actor/dupont")
    graph.add((dupont, RDFS.seeAlso, URIRef("https://example.org/une adresse")))  # a space: not an IRI
    report = validate(graph, as_of=AS_OF, engine="oxigraph")
    assert report[0].verdict.value == "fits"


def test_reason_true_uses_the_reasoning_module(monkeypatch: pytest.MonkeyPatch) -> None:
    from ptce_graph.legal import pipeline
    from ptce_graph.namespaces import PTCE, PTCELF

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


@pytest.mark.slow
def test_oxigraph_and_rdflib_stores_give_identical_results_everywhere() -> None:
    graph = _graph(CASES)
    shapes = shapes_graph(all_files())
    assert _key(run_shacl(working_graph(graph, as_of=AS_OF), shapes, engine="oxigraph")) == _key(
        run_shacl(working_graph(graph, as_of=AS_OF), shapes, engine="rdflib")
    )


@pytest.fixture(scope="module")
def whole_graph_results(cases_comparison):
    graph, comparison = cases_comparison
    return graph, sorted({r for report in comparison for r in report.results}, key=lambda r: r.sort_key())


@pytest.mark.parametrize("case", CASES[::2], ids=lambda c: c.slug)
def test_a_pole_shard_validates_alone_with_identical_results(case, whole_graph_results) -> None:
    graph, results = whole_graph_results
    shapes = shapes_graph(all_files())
    pole = URIRef(f"https://w3id.org/ptce/id/pole/{case.slug}")
    whole = [r for r in results if r.focus == pole]
    shard = run_shacl(working_graph(graph, as_of=AS_OF, pole=pole), shapes)
    legal_in_shard = [r for r in shard if r.focus == pole]
    assert _key(legal_in_shard) == _key(whole)
    assert whole  # each case breaks something


def test_a_shard_holds_what_is_reachable_from_its_pole_only() -> None:
    graph = _graph(CASES[:2])
    pole = URIRef("https://w3id.org/ptce/id/pole/fits")
    shard = pole_shard(graph, pole)
    subjects = {str(s) for s in shard.subjects()}
    assert all(not s.startswith("https://w3id.org/ptce/id/pole/territory-") for s in subjects)
    assert "https://w3id.org/ptce/id/pole/fits/actor/dupont" in subjects
    assert "https://w3id.org/ptce/id/geo/commune/31555" in subjects
    assert len(shard) < len(graph) / 2


def test_unknown_engine_is_an_error() -> None:
    with pytest.raises(EngineError, match="unknown SHACL engine"):
        validate(fitting_pole(), as_of=AS_OF, engine="jena")


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
