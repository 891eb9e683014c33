"""SPARQL on local data and on the embedded store: bindings only, nothing reaches out."""

from __future__ import annotations

import http.server
import re
import threading
from decimal import Decimal

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS, XSD

from ptce_graph.errors import InputError
from ptce_graph.publish import EmbeddedStore, query
from ptce_graph.publish.query import bind_values, check_query, to_term, values_block
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
    import pyoxigraph as ox

    tricky = "a \\u0022 b \\U0001F600 \u2028 c"
    block = values_block({"v": Literal(tricky)})
    early = re.sub(r"\\u([0-9A-Fa-f]{4})", lambda m: chr(int(m.group(1), 16)), block)
    for text in (block, early):
        rows = list(ox.Store().query(f"SELECT ?v WHERE {{ {text} }}"))
        assert [row["v"].value for row in rows] == [tricky]


def test_embedded_store_round_trip_and_queries(tmp_path) -> None:  # noqa: ANN001
    source = fictional_pole().to_graph()
    graph = "https://example.org/registry/2026"
    with EmbeddedStore(tmp_path / "reg") as store:
        assert store.replace_graph(source, graph=graph) == len(source)
        assert store.graphs() == [graph] and graph in store and store.count(graph) == len(source)
        hit = store.query(BY_NAME, bindings={"name": "SCOP A (fictive)"}, graph=graph)
        assert hit.values("actor") == [SCOP]
        assert (
            store.query(BY_NAME, bindings={"name": "SCOP A (fictive)"}).rows == []
        )  # default graph is empty
        assert len(store.query(BY_NAME, union=True)) == 5
        assert query(store, "ASK { ?p a ptce:Pole }", graph=graph).boolean is True
    # Persistent: reopened, read-only, the same graph comes back, datatypes and all.
    with EmbeddedStore(tmp_path / "reg", read_only=True) as store:
        back = store.to_graph(graph)
        assert set(back) == set(source)
        folded = store.to_graph(graph, restore_datatypes=False)
        counts = {
            o.datatype for o in folded.objects(None, URIRef("https://w3id.org/ptce/ns#participantCount"))
        }
        assert counts == {XSD.integer}  # what Oxigraph keeps, which restore_datatypes undoes
        with pytest.raises(Exception, match="read-only"):
            store.add(source, graph=graph)


def test_embedded_store_literals_are_rdflib_literals() -> None:
    g = Graph()
    s = URIRef("https://example.org/s")
    g.add((s, RDFS.label, Literal("plain")))
    g.add((s, RDFS.label, Literal("Région", lang="fr-FR")))
    with EmbeddedStore() as store:
        store.add(g, graph="https://example.org/g")
        back = store.to_graph("https://example.org/g")
    assert set(back) == {(s, RDFS.label, Literal("plain")), (s, RDFS.label, Literal("Région", lang="fr-fr"))}
    assert all(o.datatype is None for o in back.objects())  # not xsd:string: rdflib's form


def test_replace_graph_is_atomic(tmp_path) -> None:  # noqa: ANN001
    first = fictional_pole().to_graph()
    with EmbeddedStore(tmp_path / "s") as store:
        store.replace_graph(first, graph="https://example.org/g")
        with pytest.raises(InputError):
            store.replace_graph(tmp_path / "missing.ttl", graph="https://example.org/g")
        assert set(store.to_graph("https://example.org/g")) == set(first)
        assert store.graphs() == ["https://example.org/g"]  # no staging graph left
        store.remove_graph("https://example.org/g")
        assert store.graphs() == [] and len(store) == 0


def test_embedded_store_loads_files_without_rdflib(tmp_path) -> None:  # noqa: ANN001
    from ptce_graph.io import save

    pole_file = tmp_path / "pole.ttl"
    save(fictional_pole(), pole_file)
    big = tmp_path / "big.nt"
    big.write_text(
        "".join(
            f'<https://example.org/s{i}> <https://example.org/p> "valeur {i}" .\n' for i in range(5_000)
        ),
        encoding="utf-8",
    )
    graph = "https://example.org/registry"
    with EmbeddedStore(tmp_path / "store") as store:
        assert store.load_file(big, graph=graph) == 5_000
        assert store.load_file(pole_file, graph=graph, replace=False) == len(fictional_pole().to_graph())
        assert store.count(graph) == 5_000 + len(fictional_pole().to_graph())
        assert store.load_file(pole_file, graph=graph) == len(fictional_pole().to_graph())
        assert set(store.to_graph(graph)) == set(fictional_pole().to_graph())
        before = store.count(graph)
        broken = tmp_path / "broken.ttl"
        broken.write_text("@prefix ex: <https://example.org/> .\nex:a ex:p 1 .\nex:b ex:p \n", "utf-8")
        with pytest.raises(InputError, match="syntax error"):
            store.load_file(broken, graph=graph)
        long_iri = tmp_path / "long.nt"
        long_iri.write_text(
            '<https://example.org/a> <https://example.org/p> "x" .\n'
            f'<https://example.org/{"x" * 5000}> <https://example.org/p> "y" .\n',
            "utf-8",
        )
        with pytest.raises(InputError, match="an IRI of 5020 characters") as caught:
            store.load_file(long_iri, graph=graph)
        assert caught.value.line == 2
        control = tmp_path / "control.nt"
        control.write_bytes(
            b'<https://example.org/a> <https://example.org/p> "nul \\x00 here" .\n'.replace(b"\\x00", b"\x00")
        )
        with pytest.raises(InputError, match="control character"):
            store.load_file(control, graph=graph)
        with pytest.raises(InputError, match="Turtle and N-Triples"):
            store.load_file(tmp_path / "x.jsonld", graph=graph)
        assert store.count(graph) == before and store.graphs() == [graph]
