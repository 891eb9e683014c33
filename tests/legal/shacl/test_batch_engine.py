"""The batch engine gives exactly pyshacl's results: a differential test over many random registries.

pyshacl on the rdflib store is the reference implementation.  Every result is
compared whole (focus node, shape, constraint, path, value, severity and the
formatted messages), and so are the clause statuses of the reports.  The
registries are the benchmark's synthetic ones (the ``synthetic`` fixture),
then damaged at random (triples dropped) so that the unknown and not-met
branches of every clause are reached, plus the fixture cases of every clause.

The reference costs about 1 s of processor per case pole and definition,
5-10 s per synthetic pole and definition (measured with the queries parsed), so each
registry here brings something the others do not: the clause cases under
every definition (which also check pyshacl on the Oxigraph store against the
reference, sharing its run), and registries damaged at random, chosen for the
(shape, constraint, component, severity) results they reach (``DAMAGED``).
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
from ptce_graph.namespaces import PTCE
from ptce_graph.pole_workers import can_fork
from tests.legal.conftest import cases_graph
from tests.legal.poles import AS_OF, result_key

# The comparisons with pyshacl on rdflib run with -m slow (CI runs them); the default run compares the
# engines on a shapes graph the batch engine does not implement (the last test).
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


def _agree(graph: Graph, files: tuple[str, ...] = all_files()) -> list:
    """The batch engine's results are the reference's; the reference's results, for more comparisons."""
    shapes = shapes_graph(files)
    batch = run_shacl(working_graph(graph, as_of=AS_OF), shapes, engine="batch")
    reference = run_shacl(working_graph(graph, as_of=AS_OF), shapes, engine="rdflib")
    assert batch, "every registry breaks something"
    assert _full(batch) == _full(reference)
    return reference


@pytest.mark.slow
def test_identical_results_on_every_clause_case() -> None:
    """Every case of every clause under every definition; and pyshacl on the Oxigraph store agrees with the
    reference on them (test_pyshacl_engine.py compares the two stores on the law's cases in the default run).
    One reference run for both: it is the longest of this module (~2 min of processor).  The cases of the
    law are among these cases; the law's shapes alone: test_identical_results_under_the_law_alone."""
    graph = cases_graph()
    reference = _agree(graph)
    oxigraph = run_shacl(working_graph(graph, as_of=AS_OF), shapes_graph(all_files()), engine="oxigraph")
    assert result_key(oxigraph) == result_key(reference)


#: Registries damaged by a quarter, under every definition.  Chosen by what they reach: of the 150
#: registries of seeds 0-29 damaged by 0, 5, 10, 15 or 25 %, these four reach together 169 of the 180
#: (shape, constraint, component, severity) results any of them reaches (the clause cases alone reach 116),
#: each at least two that the other three and the cases do not, for ~135 s of processor with the
#: reference (intact and 5-15 % damaged registries of seeds 1-4 and 10-13 reached 151, for ~220 s).
DAMAGED = (3, 7, 9, 28)


@pytest.mark.slow
@pytest.mark.parametrize("seed", DAMAGED)
def test_identical_results_on_damaged_registries(seed: int, synthetic: ModuleType) -> None:
    _agree(_damaged(synthetic.registry_graph(2, seed=seed), seed, 0.25))


@pytest.mark.slow
def test_identical_results_under_the_law_alone(synthetic: ModuleType) -> None:
    """The shapes graph of a plain ``ptce validate``: the law's shapes and the data-quality shapes."""
    _agree(_damaged(synthetic.registry_graph(2, seed=DAMAGED[1]), DAMAGED[1], 0.25), LAW)


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
