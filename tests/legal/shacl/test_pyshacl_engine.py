"""pyshacl, the reference engine: the same results on an Oxigraph store and on rdflib.

Every clause case under every definition is compared under ``-m slow`` by
tests/legal/shacl/test_batch_engine.py, which shares the reference's run (two minutes of processor)
with the batch engine's comparison."""

from __future__ import annotations

from rdflib import URIRef

from ptce_graph.legal import validate
from ptce_graph.legal.shacl.engine import run_shacl
from ptce_graph.legal.shacl.shapes import shapes_graph
from ptce_graph.legal.shacl.working import working_graph
from tests.legal.cases import CASES
from tests.legal.poles import AS_OF, fitting_pole, graph_of_cases, result_key


def test_oxigraph_and_rdflib_stores_give_identical_results_on_law_2014() -> None:
    graph = graph_of_cases(CASES[:6])
    shapes = shapes_graph(("law-2014.ttl", "data-quality.ttl"))
    oxigraph = run_shacl(working_graph(graph, as_of=AS_OF), shapes, engine="oxigraph")
    rdflib_ = run_shacl(working_graph(graph, as_of=AS_OF), shapes, engine="rdflib")
    assert oxigraph and result_key(oxigraph) == result_key(rdflib_)


def test_a_graph_oxigraph_rejects_is_validated_on_the_rdflib_store() -> None:
    from rdflib.namespace import RDFS

    graph = fitting_pole().to_graph()
    dupont = URIRef("https://w3id.org/ptce/id/pole/pole-fictif/actor/dupont")
    graph.add((dupont, RDFS.seeAlso, URIRef("https://example.org/une adresse")))  # a space: not an IRI
    report = validate(graph, as_of=AS_OF, engine="oxigraph")
    assert report[0].verdict.value == "fits"

