"""SHACL results: one total order on RDF terms, so that every report is sorted the same way."""

from __future__ import annotations

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import SH, XSD

from ptce_graph.legal.shacl.results import ShaclResult, node_key


def test_terms_are_ordered_none_iris_blank_nodes_literals() -> None:
    terms = [Literal("b"), BNode("x"), None, URIRef("https://b.example"), Literal("a", lang="fr"),
             URIRef("https://a.example"), Literal("a", datatype=XSD.string)]
    ordered = sorted(terms, key=node_key)
    assert ordered[:4] == [None, URIRef("https://a.example"), URIRef("https://b.example"), BNode("x")]
    assert [str(t) for t in ordered[4:]] == ["a", "a", "b"]
    assert node_key(Literal("a", lang="fr")) != node_key(Literal("a", datatype=XSD.string))


def test_results_sort_by_focus_then_shape_then_value() -> None:
    def result(focus: str, shape: str, value: str | None = None) -> ShaclResult:
        return ShaclResult(focus=URIRef(focus), severity=SH.Violation, source_shape=URIRef(shape),
                           constraint_component=SH.SPARQLConstraintComponent,
                           value=None if value is None else Literal(value))

    results = [result("p2", "s1"), result("p1", "s2"), result("p1", "s1", "b"), result("p1", "s1", "a")]
    ordered = sorted(results, key=ShaclResult.sort_key)
    assert [(str(r.focus), str(r.source_shape), r.value and str(r.value)) for r in ordered] == [
        ("p1", "s1", "a"), ("p1", "s1", "b"), ("p1", "s2", None), ("p2", "s1", None)
    ]
    assert ordered[0].severity_name == "Violation"
