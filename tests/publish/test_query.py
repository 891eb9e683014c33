"""SPARQL on local data and on the embedded store: bindings only, nothing reaches out."""

from __future__ import annotations

import http.server
import threading

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import XSD

from ptce_graph.errors import InputError
from ptce_graph.publish import EmbeddedStore, query
from tests.publish.graphs import fictional_pole

POLE = "https://w3id.org/ptce/id/pole/pole-fictif-des-coteaux"
SCOP = URIRef(POLE + "/actor/scop-a")
BY_NAME = "SELECT ?actor WHERE { ?actor a ptce:Actor ; rdfs:label ?name }"


@pytest.fixture(scope="module")
def pole_graph() -> Graph:
    return fictional_pole().to_graph()


def test_values_go_through_bindings(pole_graph: Graph) -> None:
    hit = query(pole_graph, BY_NAME, bindings={"name": "SCOP A (fictive)"})
    assert hit.kind == "select" and hit.variables == ("actor",)
    assert hit.values("actor") == [SCOP]
    # The injection that returns every row when formatted into the text returns nothing here.
    assert query(pole_graph, BY_NAME, bindings={"name": 'zzz" || true || "'}).rows == []
    assert len(query(pole_graph, BY_NAME)) == 5


def test_ask_construct_and_json(pole_graph: Graph) -> None:
    assert bool(query(pole_graph, "ASK { ?p a ptce:Pole ; ptce:fictional ?f }", bindings={"f": True}))
    assert not bool(query(pole_graph, "ASK { ?p a ptce:Pole ; ptce:fictional ?f }", bindings={"f": False}))
    built = query(pole_graph, "CONSTRUCT { ?a rdfs:label ?l } WHERE { ?a a ptce:Actor ; rdfs:label ?l }")
    assert built.kind == "graph" and len(built) == 5
    rows = query(pole_graph, "SELECT ?n WHERE { ?m ptce:participantCount ?n }")
    assert rows.to_json() == {
        "head": {"vars": ["n"]},
        "results": {
            "bindings": [{"n": {"type": "literal", "value": "40", "datatype": str(XSD.nonNegativeInteger)}}]
        },
    }


@pytest.mark.parametrize(
    "sparql, feature",
    [
        ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", "SERVICE"),
        ("SELECT * FROM <http://127.0.0.1:9/data.ttl> WHERE { ?s ?p ?o }", "FROM"),
        ("SELECT * FROM NAMED <file:///etc/passwd> WHERE { GRAPH ?g { ?s ?p ?o } }", "FROM"),
        ("ASK { { SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } } } }", "SERVICE"),
    ],
)
def test_remote_features_are_refused_on_local_data(pole_graph: Graph, sparql: str, feature: str) -> None:
    with pytest.raises(InputError, match=feature):
        query(pole_graph, sparql)


def test_service_is_not_called_even_when_it_hides(pole_graph: Graph) -> None:
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802
            hits.append(self.path)
            self.send_response(500)
            self.end_headers()

        do_GET = do_POST

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        sparql = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{server.server_port}/s> {{ ?s ?p ?o }} }}"
        for source in (pole_graph, EmbeddedStore()):
            with pytest.raises(InputError, match="SERVICE"):
                query(source, sparql)
    finally:
        server.shutdown()
        server.server_close()
    assert hits == []


