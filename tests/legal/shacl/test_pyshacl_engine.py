"""pyshacl, the reference engine: the same results on an Oxigraph store and on rdflib."""

from __future__ import annotations

import pytest
from rdflib import URIRef

from ptce_graph.legal import validate
from ptce_graph.legal.shacl.engine import run_shacl
from ptce_graph.legal.shacl.shapes import all_files, shapes_graph
from ptce_graph.legal.shacl.working import working_graph
from ptce_graph.model import new_graph
from tests.legal.cases import CASES
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


@pytest.mark.slow
def test_oxigraph_and_rdflib_stores_give_identical_results_everywhere() -> None:
    graph = _graph(CASES)
    shapes = shapes_graph(all_files())
    assert _key(run_shacl(working_graph(graph, as_of=AS_OF), shapes, engine="oxigraph")) == _key(
        run_shacl(working_graph(graph, as_of=AS_OF), shapes, engine="rdflib")
    )
