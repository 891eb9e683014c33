"""The SPARQL 1.1 Protocol endpoint: three ways to send a query, four result formats, graphs, limits, read only.

Against the session's server (``conftest.server``: 40 rows or triples at most per answer, 3 s per query).
"""

from __future__ import annotations

import csv
import io
import json
import time
import xml.etree.ElementTree as ET

import pyoxigraph as ox
import pytest
import requests
from rdflib import Graph, URIRef

from tests.serve.conftest import FICTIONAL, Server

POLES = "SELECT ?pole ?name WHERE { ?pole a ptce:Pole ; rdfs:label ?name } ORDER BY ?pole"
NS = {"r": "http://www.w3.org/2005/sparql-results#"}


def test_get_with_prefixes_predeclared(server: Server) -> None:
    answer = server.get("/sparql", params={"query": POLES})
    assert answer.status_code == 200
    assert answer.headers["Content-Type"].startswith("application/sparql-results+json")
    data = answer.json()
    poles = [b["pole"]["value"] for b in data["results"]["bindings"]]
    assert FICTIONAL in poles and len(poles) == 16
    assert answer.headers["Access-Control-Allow-Origin"] == "*"


def test_post_form_and_post_query(server: Server) -> None:
    form = server.post("/sparql", data={"query": POLES})
    direct = server.post("/sparql", data=POLES.encode("utf-8"),
                         headers={"Content-Type": "application/sparql-query; charset=utf-8"})
    assert form.status_code == direct.status_code == 200
    assert form.json() == direct.json() == server.get("/sparql", params={"query": POLES}).json()



def test_a_client_on_another_site_may_post_queries(server: Server) -> None:
    """A browser asks first (a preflight) before it POSTs application/sparql-query from another site."""
    asked = requests.options(server.url + "/sparql", timeout=60, headers={
        "Origin": "https://yasgui.example", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    assert asked.status_code == 204 and asked.headers["Access-Control-Allow-Origin"] == "*"
    assert "POST" in asked.headers["Access-Control-Allow-Methods"]
    answer = server.post("/sparql", data=POLES.encode("utf-8"), headers={
        "Content-Type": "application/sparql-query", "Origin": "https://yasgui.example"})
    assert answer.status_code == 200 and answer.headers["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize(
    ("accept", "media"),
    [
        ("application/sparql-results+json", "application/sparql-results+json"),
        ("application/json", "application/sparql-results+json"),
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv", "text/csv"),
        ("text/tab-separated-values", "text/tab-separated-values"),
        ("text/csv;q=0.5, application/sparql-results+xml", "application/sparql-results+xml"),
    ],
)
def test_result_formats(server: Server, accept: str, media: str) -> None:
    answer = server.get("/sparql", params={"query": POLES}, headers={"Accept": accept})
    assert answer.status_code == 200
    assert answer.headers["Content-Type"].split(";")[0] == media
    text = answer.content.decode("utf-8")
    if media.endswith("json"):
        rows = len(json.loads(text)["results"]["bindings"])
    elif media.endswith("xml"):
        rows = len(ET.fromstring(text).findall("r:results/r:result", NS))
    elif media == "text/csv":
        rows = len(list(csv.reader(io.StringIO(text, newline="")))) - 1
    else:
        rows = len(text.strip().split("\n")) - 1
    assert rows == 16


def test_the_form_says_the_limits_as_people_write_numbers(server: Server) -> None:
    english = server.get("/sparql", headers={"Accept": "text/html", "Accept-Language": "en"}).text
    assert "Limits: 3 s per query, at most 40 results." in english
    french = server.get("/sparql", headers={"Accept": "text/html", "Accept-Language": "fr"}).text
    assert "Limites : 3 s par requête, 40 résultats au plus." in french


def test_format_parameter(server: Server) -> None:
    answer = server.get("/sparql", params={"query": POLES, "format": "csv"}, headers={"Accept": "application/json"})
    assert answer.headers["Content-Type"].startswith("text/csv")


def test_ask(server: Server) -> None:
    yes = server.get("/sparql", params={"query": f"ASK {{ <{FICTIONAL}> a ptce:Pole }}"})
    assert yes.json() == {"head": {}, "boolean": True}
    no = server.get("/sparql", params={"query": "ASK { <https://example.org/nothing> ?p ?o }"},
                    headers={"Accept": "application/sparql-results+xml"})
    found = ET.fromstring(no.content).find("r:boolean", NS)
    assert found is not None and found.text == "false"


@pytest.mark.parametrize(("accept", "fmt"), [("text/turtle", "turtle"), ("application/ld+json", "json-ld"),
                                              ("application/n-triples", "nt"), (None, "turtle")])
def test_construct_and_describe(server: Server, accept: str | None, fmt: str) -> None:
    headers = {"Accept": accept} if accept else {}
    construct = server.get("/sparql", headers=headers, params={
        "query": f"CONSTRUCT {{ ?a rdfs:label ?n }} WHERE {{ ?m org:organization <{FICTIONAL}> ; org:member ?a . "
                 "?a rdfs:label ?n }"})
    assert construct.status_code == 200
    graph = Graph().parse(data=construct.text, format=fmt)
    assert 0 < len(graph) <= 40
    describe = server.get("/sparql", headers=headers, params={"query": f"DESCRIBE <{FICTIONAL}>"})
    described = Graph().parse(data=describe.text, format=fmt)
    assert (URIRef(FICTIONAL), None, None) in described


def test_the_result_cap_is_said(server: Server) -> None:
    many = server.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert many.status_code == 200
    assert len(many.json()["results"]["bindings"]) == 40
    assert many.headers["X-SPARQL-MaxRows"] == "40"
    few = server.get("/sparql", params={"query": POLES})
    assert "X-SPARQL-MaxRows" not in few.headers
    triples = server.get("/sparql", params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"},
                         headers={"Accept": "application/n-triples"})
    assert len(list(ox.parse(triples.content, format=ox.RdfFormat.N_TRIPLES))) == 40
    assert triples.headers["X-SPARQL-MaxRows"] == "40"


def test_dataset_parameters(server: Server) -> None:
    empty = server.get("/sparql", params={"query": POLES, "default-graph-uri": "https://example.org/no-graph"})
    assert empty.json()["results"]["bindings"] == []
    named = server.get("/sparql", params={
        "query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }",
        "named-graph-uri": "https://w3id.org/ptce/graph/registry"})
    assert [b["g"]["value"] for b in named.json()["results"]["bindings"]] == ["https://w3id.org/ptce/graph/registry"]
    assert server.get("/sparql", params={"query": POLES, "default-graph-uri": "not an iri"}).status_code == 400


@pytest.mark.parametrize(
    ("how", "payload"),
    [
        ("update parameter", {"data": {"update": "INSERT DATA { <a:b> <a:c> <a:d> }"}}),
        ("update content type", {"data": b"DROP ALL", "headers": {"Content-Type": "application/sparql-update"}}),
        ("update as a query", {"data": {"query": "DELETE WHERE { ?s ?p ?o }"}}),
        ("update escaped", {"data": {"query": "CLEAR DEFAULT"}}),
        ("service", {"data": {"query": "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"}}),
        ("service escaped", {"data": {"query": "SELECT * WHERE { \\u0053ERVICE <http://127.0.0.1:9/> {?s ?p ?o} }"}}),
    ],
)
def test_read_only(server: Server, how: str, payload: dict) -> None:
    answer = server.post("/sparql", **payload)
    assert answer.status_code == 403, how
    still = server.get("/sparql", params={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"})
    assert int(still.json()["results"]["bindings"][0]["n"]["value"]) > 1000


@pytest.mark.parametrize(
    ("request_options", "status"),
    [
        ({"params": {"query": "SELECT * WHERE { ?s ?p }"}}, 400),
        ({"params": {"query": ["ASK {}", "ASK {}"]}}, 400),
        ({"params": {"query": POLES}, "headers": {"Accept": "image/png"}}, 406),
    ],
)
def test_bad_requests(server: Server, request_options: dict, status: int) -> None:
    answer = server.get("/sparql", **request_options)
    assert answer.status_code == status
    assert "Traceback" not in answer.text


def test_errors_in_the_clients_language_with_the_engines_words(server: Server) -> None:
    bad = {"query": "SELECT * WHERE { ?s ?p }"}
    french = server.get("/sparql", params=bad, headers={"Accept": "text/plain", "Accept-Language": "fr"}).text
    assert french.startswith("Requête incorrecte\nLa requête n'est pas du SPARQL 1.1 valide. L'analyseur dit : ")
    assert "1:" in french  # where the parser stopped
    english = server.get("/sparql", params=bad, headers={"Accept": "application/problem+json",
                                                         "Accept-Language": "en"}).json()
    assert english["detail"].startswith("The query is not valid SPARQL 1.1. The parser says: ")
    graph = server.get("/sparql", params={"query": POLES, "default-graph-uri": "not an IRI"},
                       headers={"Accept": "application/problem+json", "Accept-Language": "en"})
    assert graph.status_code == 400 and "is not an absolute IRI" in graph.json()["detail"]


def test_a_query_too_long(server: Server) -> None:
    long = "SELECT ?x WHERE { ?x ?y ?z } #" + "x" * 70_000
    assert server.post("/sparql", data={"query": long}).status_code == 413
    assert server.post("/sparql", data=long.encode(), headers={"Content-Type": "application/sparql-query"}
                       ).status_code == 413


def test_wrong_content_type(server: Server) -> None:
    assert server.post("/sparql", data=b"{}", headers={"Content-Type": "application/json"}).status_code == 415
    assert server.post("/sparql", data={"lang": "fr"}).status_code == 400  # no query


def test_the_form_and_the_service_description(server: Server) -> None:
    form = server.get("/sparql", headers={"Accept": "text/html"})
    assert form.status_code == 200 and "<textarea" in form.text
    description = server.get("/sparql", headers={"Accept": "text/turtle"})
    graph = Graph().parse(data=description.text, format="turtle")
    sd = "http://www.w3.org/ns/sparql-service-description#"
    assert (None, URIRef(sd + "endpoint"), None) in graph
    table = server.get("/sparql", params={"query": POLES}, headers={"Accept": "text/html"})
    assert 'id="results"' in table.text and f'href="/page/{FICTIONAL.split("/id/")[1]}"' in table.text


@pytest.mark.slow
def test_a_runaway_query_is_stopped_and_the_endpoint_lives_on(server: Server) -> None:
    started = time.monotonic()
    answer = server.get("/sparql", params={
        "query": "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"})
    assert answer.status_code == 503
    assert time.monotonic() - started < 3 + 10  # the deadline, plus a second of grace, plus a loaded machine
    assert server.get("/sparql", params={"query": POLES}).status_code == 200
