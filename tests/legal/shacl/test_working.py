"""The working graph: what validation adds to its copy of the data, and the pole shards."""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef

from ptce_graph.legal import validate
from ptce_graph.legal.report.verdicts import ClauseResult, ClauseStatus, PoleVerdict
from ptce_graph.legal.shacl.engine import run_shacl
from ptce_graph.legal.shacl.shapes import all_files, shape_index, shapes_graph
from ptce_graph.legal.shacl.working import pole_shard, working_graph
from ptce_graph.model import Strategy
from ptce_graph.namespaces import PTCE
from tests.legal.cases import CASES
from tests.legal.poles import AS_OF, fitting_pole, graph_of_cases, result_key


@pytest.fixture(scope="module")
def whole_graph_results(cases_comparison):
    graph, comparison = cases_comparison
    return graph, sorted({r for report in comparison for r in report.results}, key=lambda r: r.sort_key())


_XSD = "http://www.w3.org/2001/XMLSchema#"


def _one(data: object, definition: str = "law-2014", as_of: object = AS_OF) -> PoleVerdict:
    report = validate(data, definition=definition, as_of=as_of)
    assert len(report) == 1
    return report[0]


def _clause(data: object, clause: str, definition: str = "law-2014", as_of: object = AS_OF) -> ClauseResult:
    return _one(data, definition, as_of).clause(clause)


@pytest.mark.parametrize("case", CASES[::2], ids=lambda c: c.slug)
def test_a_pole_shard_validates_alone_with_identical_results(case, whole_graph_results) -> None:
    graph, results = whole_graph_results
    shapes = shapes_graph(all_files())
    pole = URIRef(f"https://w3id.org/ptce/id/pole/{case.slug}")
    whole = [r for r in results if r.focus == pole]
    shard = run_shacl(working_graph(graph, as_of=AS_OF, pole=pole), shapes)
    index = shape_index()
    # the reports keep the evidence shapes' results apart from the validation results
    legal_in_shard = [r for r in shard if r.focus == pole and not index.get(r.source_shape).evidence]
    assert result_key(legal_in_shard) == result_key(whole)
    assert whole  # each case breaks something


def test_a_shard_holds_what_is_reachable_from_its_pole_only() -> None:
    graph = graph_of_cases(CASES[:2])
    pole = URIRef("https://w3id.org/ptce/id/pole/fits")
    shard = pole_shard(graph, pole)
    subjects = {str(s) for s in shard.subjects()}
    assert all(not s.startswith("https://w3id.org/ptce/id/pole/territory-") for s in subjects)
    assert "https://w3id.org/ptce/id/pole/fits/actor/dupont" in subjects
    assert "https://w3id.org/ptce/id/geo/commune/31555" in subjects
    assert len(shard) < len(graph) / 2


def test_the_data_cannot_choose_its_own_evaluation_date() -> None:
    pole = fitting_pole()
    pole.strategy = Strategy(name="Charte", start="2015", end="2020")
    graph = pole.to_graph()
    graph.add(
        (
            URIRef("https://w3id.org/ptce/shapes/evaluation-context"),
            PTCE.asOf,
            Literal("2019-01-01", datatype=URIRef(_XSD + "date")),
        )
    )
    assert _clause(graph, "strategy").status is ClauseStatus.NOT_MET
