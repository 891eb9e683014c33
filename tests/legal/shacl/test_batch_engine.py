"""The batch engine gives exactly pyshacl's results: a differential test over many random registries.

pyshacl on the rdflib store is the reference implementation.  Every result is
compared whole (focus node, shape, constraint, path, value, severity and the
formatted messages), and so are the clause statuses of the reports.  The
registries are the benchmark's synthetic ones (the ``synthetic`` fixture),
then damaged at random (triples dropped) so that the unknown and not-met
branches of every clause are reached, plus the fixture cases of every clause.
"""

from __future__ import annotations

import random
from types import ModuleType

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH

from ptce_graph.legal import compare_definitions
from ptce_graph.legal.shacl.batch_engine import UnsupportedShapes, compile_shapes, run_batch
from ptce_graph.legal.shacl.engine import run_shacl
from ptce_graph.legal.shacl.pyshacl_engine import oxigraph_store
from ptce_graph.legal.shacl.shapes import all_files, shapes_graph
from ptce_graph.legal.shacl.working import working_graph
from ptce_graph.model import new_graph
from ptce_graph.namespaces import PTCE
from ptce_graph.pole_workers import can_fork
from tests.legal.cases import CASES
from tests.legal.conftest import cases_graph
from tests.legal.poles import AS_OF

# pyshacl on rdflib takes ~2.5 s per synthetic pole and definition: the default run keeps one damaged
# registry under the law of 2014 (10 s of CPU), every other comparison runs with -m slow (CI runs them).
# Each case's expected statuses under the default (batch) engine are checked in test_clauses.py.
LAW = ("law-2014.ttl", "data-quality.ttl")


def _full(results):
    return sorted((r.sort_key(), str(r.severity), str(r.constraint_component)) for r in results)


def _damaged(graph: Graph, seed: int, share: float) -> Graph:
    """A copy of ``graph`` without a random ``share`` of its triples (never the pole types)."""
    rng = random.Random(seed)
    out = Graph()
    for triple in sorted(graph, key=lambda t: tuple(map(str, t))):
        if triple[1] == RDF.type and triple[2] == PTCE.Pole or rng.random() >= share:
            out.add(triple)
    return out


def _agree(graph: Graph, files: tuple[str, ...] = all_files()) -> None:
    shapes = shapes_graph(files)
    batch = run_shacl(working_graph(graph, as_of=AS_OF), shapes, engine="batch")
    reference = run_shacl(working_graph(graph, as_of=AS_OF), shapes, engine="rdflib")
    assert batch, "every registry breaks something"
    assert _full(batch) == _full(reference)


@pytest.mark.slow
def test_identical_results_on_the_clause_cases_of_the_law() -> None:
    graph = new_graph()
    for case in CASES[:12]:
        case.pole().to_graph(graph)
    _agree(graph, LAW)


@pytest.mark.slow
def test_identical_results_on_every_clause_case() -> None:
    _agree(cases_graph())


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2])
def test_identical_results_on_random_registries(seed: int, synthetic: ModuleType) -> None:
    _agree(synthetic.registry_graph(2, seed=seed), LAW)


@pytest.mark.parametrize("seed", [pytest.param(3, marks=pytest.mark.slow), pytest.param(4, marks=pytest.mark.slow)])
def test_identical_results_on_damaged_registries(seed: int, synthetic: ModuleType) -> None:
    _agree(_damaged(synthetic.registry_graph(2, seed=seed), seed, 0.15), LAW)


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(10, 14))
def test_identical_results_on_many_random_registries(seed: int, synthetic: ModuleType) -> None:
    graph = synthetic.registry_graph(2, seed=seed)
    _agree(graph if seed % 2 else _damaged(graph, seed, 0.05 + (seed % 5) / 20))


@pytest.mark.slow
def test_identical_clause_statuses_under_the_four_definitions(synthetic: ModuleType) -> None:
    graph = _damaged(synthetic.registry_graph(1, seed=7), 7, 0.1)
    fast = compare_definitions(graph, as_of=AS_OF, engine="batch")
    slow = compare_definitions(graph, as_of=AS_OF, engine="rdflib")
    statuses = [[(p.pole, c.clause.id, c.status) for p in report for c in p.clauses] for report in fast]
    assert statuses == [[(p.pole, c.clause.id, c.status) for p in report for c in p.clauses] for report in slow]
    assert any(s for s in statuses)


def test_shapes_it_does_not_implement_are_left_to_pyshacl(synthetic: ModuleType) -> None:
    shapes = Graph()
    shape = URIRef("https://example.org/shape")
    shapes.add((shape, RDF.type, SH.NodeShape))
    shapes.add((shape, SH.targetClass, PTCE.Pole))
    shapes.add((shape, SH.node, URIRef("https://example.org/other")))
    with pytest.raises(UnsupportedShapes):
        compile_shapes(shapes)
    graph = synthetic.registry_graph(1, seed=5)
    assert _full(run_shacl(working_graph(graph, as_of=AS_OF), shapes, engine="batch")) == _full(
        run_shacl(working_graph(graph, as_of=AS_OF), shapes, engine="rdflib")
    )


@pytest.mark.skipif(not can_fork(), reason="worker processes are forked (Linux)")
def test_forked_workers_give_the_results_of_one_process(synthetic: ModuleType) -> None:
    """The queries shared out between forked workers (an in-memory store): the same results, all of them."""
    graph = _damaged(synthetic.registry_graph(2, seed=11), seed=3, share=0.05)
    store = oxigraph_store(working_graph(graph, as_of=AS_OF))
    program = compile_shapes(shapes_graph(all_files()))
    alone = run_batch(store, program, jobs=1)
    assert alone
    assert run_batch(store, program, jobs=2, fork=True) == alone
    assert run_batch(store, program, jobs=2) == alone  # threads (a remote endpoint's path)
