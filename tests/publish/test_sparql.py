"""SPARQL text handled safely: what a query uses, values bound as terms, a VALUES block placed where it binds."""

from __future__ import annotations

import re
from decimal import Decimal

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef

from ptce_graph.errors import InputError
from ptce_graph.publish import query
from ptce_graph.publish.sparql import bind_values, check_query, to_term, values_block
from tests.publish.graphs import fictional_pole

POLE = "https://w3id.org/ptce/id/pole/pole-fictif-des-coteaux"


SCOP = URIRef(POLE + "/actor/scop-a")


BY_NAME = "SELECT ?actor WHERE { ?actor a ptce:Actor ; rdfs:label ?name }"


@pytest.fixture(scope="module")
def pole_graph() -> Graph:
    return fictional_pole().to_graph()


def test_typed_bindings(pole_graph: Graph) -> None:
    amount = query(pole_graph, "SELECT ?f WHERE { ?f ptce:amount ?a }", bindings={"a": Decimal("45000.5")})
    assert len(amount) == 1
    assert to_term(3) == Literal(3) and to_term(True) == Literal(True)
    assert to_term("https://example.org/x") == Literal("https://example.org/x")  # a string is never an IRI
    with pytest.raises(InputError, match="absolute IRI"):
        to_term(URIRef("https://example.org/a b"))
    with pytest.raises(InputError, match="variable name"):
        query(pole_graph, BY_NAME, bindings={"na me": "x"})
    with pytest.raises(InputError, match="cannot bind"):
        to_term(object())


def test_updates_are_not_queries(pole_graph: Graph) -> None:
    with pytest.raises(InputError, match="not valid SPARQL"):
        query(pole_graph, "DROP ALL")
    with pytest.raises(InputError, match="not valid SPARQL"):
        query(pole_graph, "SELECT ?x WHERE { ?x ")


def test_check_query_reports_what_a_query_uses() -> None:
    info = check_query("SELECT * FROM <urn:g> WHERE { ?s ?p ?o } VALUES ?s { <urn:x> }")
    assert (info.form, info.uses_dataset, info.uses_service, info.has_values) == ("select", True, False, True)
    assert check_query("CONSTRUCT WHERE { ?s ?p ?o }").form == "construct"


def test_values_are_placed_at_the_start_of_the_where_group() -> None:
    block = values_block({"name": Literal('a "quoted" name\nwith a line'), "who": SCOP})
    assert block == (f'VALUES (?name ?who) {{ ("a \\"quoted\\" name\\nwith a line" <{SCOP}>) }}')
    cases = {
        "SELECT ?x WHERE { ?x rdfs:label ?name }": "SELECT ?x WHERE { %s  ?x rdfs:label ?name }",
        "CONSTRUCT { ?x ?p ?o } WHERE { ?x ?p ?o }": "CONSTRUCT { ?x ?p ?o } WHERE { %s  ?x ?p ?o }",
        "CONSTRUCT WHERE { ?x ?p ?name }": "CONSTRUCT { ?x ?p ?name } WHERE { %s  ?x ?p ?name  }",
        'ASK { ?x ?p "}{" } # a } comment': 'ASK { %s  ?x ?p "}{" } # a } comment',
    }
    for sparql, expected in cases.items():
        assert bind_values(sparql, check_query(sparql).form, block) == expected % block
    # A value holding the text \u0022 stays that text, even for an endpoint that decodes escapes early.
    tricky = "a \\u0022 b \\U0001F600 \u2028 c"
    block = values_block({"v": Literal(tricky)})
    early = re.sub(r"\\u([0-9A-Fa-f]{4})", lambda m: chr(int(m.group(1), 16)), block)
    for text in (block, early):
        rows = list(ox.Store().query(f"SELECT ?v WHERE {{ {text} }}"))
        assert [row["v"].value for row in rows] == [tricky]
