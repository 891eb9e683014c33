"""Every term of the core ontology is documented in French and English.

The W3C ORG ontology shipped typos that no tool caught; this lint keeps each
``ptce:`` term (classes, properties, individuals) labelled and defined in both
languages, and attached to the ontology with ``rdfs:isDefinedBy``.
"""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from ptce_graph.namespaces import PTCE
from ptce_graph.resources import packaged_graph

CORE = packaged_graph("ontology", "ptce.ttl")
ONTOLOGY = URIRef("https://w3id.org/ptce/ns")
KINDS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.NamedIndividual)


def _terms() -> list[URIRef]:
    found = {
        s for kind in KINDS for s in CORE.subjects(RDF.type, kind)
        if isinstance(s, URIRef) and str(s).startswith(str(PTCE))
    }
    return sorted(found, key=str)


def _languages(term: URIRef, prop: URIRef) -> set[str]:
    return {o.language for o in CORE.objects(term, prop) if isinstance(o, Literal) and o.language}


@pytest.mark.parametrize("term", _terms(), ids=lambda t: str(t).rsplit("#", 1)[1])
def test_term_is_documented_in_french_and_english(term: URIRef) -> None:
    assert {"fr", "en"} <= _languages(term, RDFS.label), "rdfs:label in fr and en"
    assert {"fr", "en"} <= _languages(term, SKOS.definition), "skos:definition in fr and en"
    assert (term, RDFS.isDefinedBy, ONTOLOGY) in CORE


def test_the_set_and_tool_terms_are_there() -> None:
    # Terms added for the examples of the 2014 paper (statements about a set
    # of poles, collective tools); a typo here would be an AttributeError.
    for term in (PTCE.PoleSet, PTCE.includesPole, PTCE.setSize, PTCE.AggregateStatement, PTCE.aboutSet,
                 PTCE.characteristic, PTCE.poleCount, PTCE.proportion, PTCE.quotation, PTCE.Tool, PTCE.tool):
        assert term in _terms()
    assert (PTCE.PoleSet, RDFS.subClassOf, URIRef("http://www.w3.org/ns/prov#Collection")) in CORE
    assert (PTCE.includesPole, RDFS.subPropertyOf, URIRef("http://www.w3.org/ns/prov#hadMember")) in CORE
