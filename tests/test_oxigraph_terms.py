"""The rdflib ↔ Oxigraph term bridge: round trips, plain literals, blank-node labels by option."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from ptce_graph.oxigraph_terms import to_oxigraph, to_rdflib

TERMS = [
    URIRef("https://example.org/é"),
    BNode("b0"),
    Literal("plain"),
    Literal("texte", lang="fr"),
    Literal("12", datatype=XSD.nonNegativeInteger),
    Literal("2016", datatype=XSD.gYear),
]


@pytest.mark.parametrize("term", TERMS, ids=repr)
def test_terms_round_trip(term) -> None:  # noqa: ANN001
    back = to_rdflib(to_oxigraph(term))
    assert back == term and type(back) is type(term)
    assert getattr(back, "datatype", None) == getattr(term, "datatype", None)


def test_a_plain_literal_comes_back_untyped() -> None:
    assert to_rdflib(ox.Literal("x", datatype=ox.NamedNode(str(XSD.string)))).datatype is None
    assert to_rdflib(ox.Literal("x", language="EN-gb")).language == "en-gb"


def test_blank_node_labels_are_kept_or_renewed_as_asked() -> None:
    assert to_oxigraph(BNode("N1f3a")) == ox.BlankNode("N1f3a")
    assert to_oxigraph(BNode("a-b"), blank_labels="alphanumeric") != ox.BlankNode("a-b")
    assert to_oxigraph(BNode("a-b")) == ox.BlankNode("a-b")


def test_what_is_not_a_term_is_refused() -> None:
    with pytest.raises(ValueError):
        to_oxigraph("https://example.org/a string")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        to_oxigraph(URIRef("not an iri"))
    with pytest.raises(ValueError, match="RDF-star"):
        to_rdflib(object())
