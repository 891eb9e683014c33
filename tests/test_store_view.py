"""StoreView answers rdflib's look-ups as the graph itself would, whether its graphs are read whole or lazily."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from ptce_graph.oxigraph_terms import to_oxigraph
from ptce_graph.store_view import StoreView

EX = "https://example.org/"
DATA, EXTRA = ox.NamedNode(EX + "data"), ox.NamedNode(EX + "extra")


def _graphs() -> tuple[ox.Store, Graph]:
    data, extra = Graph(), Graph()
    a, b, c = URIRef(EX + "a"), URIRef(EX + "b"), BNode("n1")
    data.add((a, RDF.type, URIRef(EX + "Actor")))
    data.add((a, RDFS.label, Literal("Atelier", lang="fr")))
    data.add((a, RDFS.label, Literal("Workshop", lang="en")))
    data.add((a, URIRef(EX + "knows"), b))
    data.add((b, URIRef(EX + "knows"), c))
    data.add((c, URIRef(EX + "size"), Literal(3)))
    extra.add((a, URIRef(EX + "knows"), c))  # a second object of a predicate the data has
    extra.add((a, RDFS.label, Literal("Atelier", lang="fr")))  # a triple in both graphs
    extra.add((URIRef(EX + "form"), RDF.type, URIRef(EX + "Form")))
    store = ox.Store()
    for graph, name in ((data, DATA), (extra, EXTRA)):
        store.extend(ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), name) for s, p, o in graph)
    return store, data + extra


@pytest.mark.parametrize("whole", [(), (EXTRA,), (DATA, EXTRA)])
def test_same_answers_as_the_graph(whole: tuple) -> None:
    store, expected = _graphs()
    view = StoreView(store, (DATA, EXTRA), whole=whole)
    subjects = set(expected.subjects()) | {URIRef(EX + "nothing")}
    for s in subjects:
        assert sorted(view.predicate_objects(s)) == sorted(set(expected.predicate_objects(s)))
        for p in set(expected.predicates()):
            assert sorted(view.objects(s, p)) == sorted(set(expected.objects(s, p)))
            assert (view.value(s, p) is None) == (expected.value(s, p) is None)
            for o in expected.objects(s, p):
                assert (s, p, o) in view
    assert set(view) == set(expected)
    assert sorted(view.subjects(URIRef(EX + "knows"), BNode("n1"))) == [URIRef(EX + "a"), URIRef(EX + "b")]


def test_the_first_object_comes_from_the_first_graph() -> None:
    store, _ = _graphs()
    for whole in ((), (DATA, EXTRA)):
        view = StoreView(store, (DATA, EXTRA), whole=whole)
        assert view.value(URIRef(EX + "a"), URIRef(EX + "knows")) == URIRef(EX + "b")
        assert list(view.objects(URIRef(EX + "a"), URIRef(EX + "knows"))) == [URIRef(EX + "b"), BNode("n1")]
