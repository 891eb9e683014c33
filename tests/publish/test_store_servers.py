"""Publication into real stores (Oxigraph's server and Virtuoso), started by fixtures.

Run with ``pytest -m store``.  Round trips compare graphs by value (stores keep
values, not lexical forms) and language tags case-insensitively.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import urllib.parse
import urllib.request

import pytest
from rdflib import Graph, Literal, URIRef

from ptce_graph.io.bnodes import skolemize
from ptce_graph.publish import EmbeddedStore, StoreError, drop_graph, publish, query, read_graph
from ptce_graph.publish.store import Credentials, Endpoint, count_triples
from tests.publish.graphs import by_value, edge_case_graph, fictional_pole, same_graph

pytestmark = pytest.mark.store

GRAPH = "https://example.org/ptce-test/graph/main"


def _same(a: Graph, b: Graph) -> bool:
    return same_graph(by_value(a), by_value(b))


def _publish(server, data, graph=GRAPH, **options):  # noqa: ANN001, ANN202 - test helper
    return publish(data, endpoint=server.endpoint, graph=graph, credentials=server.credentials, **options)


def _read(server, graph=GRAPH):  # noqa: ANN001, ANN202 - test helper
    return read_graph(server.endpoint, graph, credentials=server.credentials)


def test_the_store_is_recognised(store_server) -> None:  # noqa: ANN001
    endpoint = Endpoint.resolve(store_server.endpoint)
    assert endpoint.kind == store_server.kind
    if store_server.kind == "virtuoso":
        assert endpoint.gsp.endswith("/sparql-graph-crud-auth") and endpoint.update.endswith("/sparql-auth")
    else:
        assert endpoint.gsp.endswith("/store") and endpoint.update.endswith("/update")


@pytest.mark.parametrize("method", ["gsp", "update"])
def test_round_trip_of_a_pole(store_server, method: str) -> None:  # noqa: ANN001
    source = fictional_pole().to_graph()
    report = _publish(store_server, source, method=method)
    assert report.triples_sent == len(source)
    assert report.triples_in_store == len(source)
    single_put = store_server.kind == "oxigraph"  # Virtuoso's PUT is not atomic: always staged
    assert report.method == (
        "update-staged" if method == "update" else "gsp-put" if single_put else "gsp-staged"
    )
    back = _read(store_server)
    assert _same(back, source)


@pytest.mark.parametrize("method", ["gsp", "update"])
def test_round_trip_of_edge_cases(store_server, method: str) -> None:  # noqa: ANN001
    source = edge_case_graph()
    report = _publish(store_server, source, graph=GRAPH + "/edge", method=method)
    back = _read(store_server, GRAPH + "/edge")
    expected = skolemize(source)  # blank nodes are published as stable skolem IRIs
    assert len(back) == len(expected) == report.triples_sent
    assert _same(back, expected)
    # Republishing gives the same IRIs: nothing added, nothing lost.
    _publish(store_server, source, graph=GRAPH + "/edge", method=method)
    assert _same(_read(store_server, GRAPH + "/edge"), expected)


def test_chunked_publication_goes_through_a_staging_graph(store_server) -> None:  # noqa: ANN001
    source = fictional_pole().to_graph()
    for method in ("gsp", "update"):
        report = _publish(store_server, source, method=method, chunk_triples=10)
        assert report.method == ("gsp-staged" if method == "gsp" else "update-staged")
        assert report.requests >= len(source) // 10
        assert _same(_read(store_server), source)
    # No staging graph is left behind.
    result = query(
        Endpoint.resolve(store_server.endpoint),
        "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), 'urn:ptce:staging:')) }",
        credentials=store_server.credentials,
    )
    assert result.rows == []


def test_blank_nodes_kept_as_blank_nodes_stay_together_across_chunks(store_server) -> None:  # noqa: ANN001
    source = edge_case_graph()
    _publish(store_server, source, graph=GRAPH + "/bnodes", skolemize=False, chunk_triples=50, method="gsp")
    back = _read(store_server, GRAPH + "/bnodes")
    assert len(back) == len(source)
    assert same_graph(by_value(back), by_value(source))


def test_a_failed_upload_leaves_the_previous_graph(store_server, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    from ptce_graph.io.serialize import NTStatement, ntriples_statements
    from ptce_graph.publish import store as store_module
    from ptce_graph.publish import update as update_module

    previous = fictional_pole().to_graph()
    _publish(store_server, previous, graph=GRAPH + "/safe")
    new = edge_case_graph()
    broken = NTStatement(
        "<https://example.org/broken> <https://example.org/p> syntax error here\n",
        (URIRef("https://example.org/broken"), URIRef("https://example.org/p"), Literal("x")),
        (),
    )
    # What the store does with a request that fails half-way: the read-back, which refuses these
    # broken requests before they leave (tests/publish/test_publish_injection.py), is bypassed.
    monkeypatch.setattr(store_module, "checked_text", update_module.render)
    monkeypatch.setattr(store_module, "check_ntriples", lambda *args, **kwargs: None)

    # 1. The store rejects a request in the middle of a staged upload.
    real_chunks = store_module._chunks

    def broken_chunks(statements, size):  # noqa: ANN001, ANN202
        for i, chunk in enumerate(real_chunks(statements, size)):
            yield chunk if i < 2 else [broken]

    monkeypatch.setattr(store_module, "_chunks", broken_chunks)
    for method in ("gsp", "update"):
        with pytest.raises(StoreError) as caught:
            _publish(store_server, new, graph=GRAPH + "/safe", method=method, chunk_triples=40)
        assert "was not written to; 2 of " in str(caught.value) and "which was then dropped" in str(caught.value)
        assert _same(_read(store_server, GRAPH + "/safe"), previous)
    monkeypatch.setattr(store_module, "_chunks", real_chunks)

    # 2. A single PUT whose body is malformed half-way.
    real_statements = store_module.ntriples_statements

    def broken_statements(graph):  # noqa: ANN001, ANN202
        statements = real_statements(graph)
        return statements[: len(statements) // 2] + [broken] + statements[len(statements) // 2 :]

    monkeypatch.setattr(store_module, "ntriples_statements", broken_statements)
    with pytest.raises(StoreError) as caught:
        _publish(store_server, new, graph=GRAPH + "/safe", method="gsp")
    assert "HTTP" in str(caught.value)
    assert ("was not changed" if store_server.kind == "oxigraph" else "was not written to") in str(caught.value)
    assert _same(_read(store_server, GRAPH + "/safe"), previous)
    monkeypatch.setattr(store_module, "ntriples_statements", real_statements)
    monkeypatch.undo()

    # 3. The connection is cut in the middle of the body: the store keeps the old graph.
    endpoint = Endpoint.resolve(store_server.endpoint)
    body = "".join(statement.line for statement in ntriples_statements(new)).encode("utf-8")
    url = urllib.parse.urlsplit(endpoint.gsp)
    headers = (
        f"PUT {url.path}?graph={urllib.parse.quote(GRAPH + '/safe', safe='')} HTTP/1.1\r\n"
        f"Host: {url.netloc}\r\nContent-Type: application/n-triples\r\nContent-Length: {len(body)}\r\n"
    )
    if store_server.credentials is not None:
        import requests
        from requests.auth import HTTPDigestAuth

        auth = HTTPDigestAuth(store_server.credentials.user, store_server.credentials.password)
        requests.head(endpoint.gsp, auth=auth, timeout=10)  # learn the nonce
        headers += f"Authorization: {auth.build_digest_header('PUT', endpoint.gsp + url.query)}\r\n"
    with socket.create_connection((url.hostname, url.port), timeout=10) as sock:
        sock.sendall(headers.encode() + b"\r\n" + body[: len(body) // 2])
    assert _same(_read(store_server, GRAPH + "/safe"), previous)

    # And after all this, a good publication still works.
    _publish(store_server, new, graph=GRAPH + "/safe")
    assert _same(_read(store_server, GRAPH + "/safe"), skolemize(new))


def test_publication_replaces_only_its_graph(store_server) -> None:  # noqa: ANN001
    one, two = GRAPH + "/one", GRAPH + "/two"
    _publish(store_server, fictional_pole().to_graph(), graph=one)
    _publish(store_server, edge_case_graph(), graph=two)
    smaller = Graph()
    smaller.add((URIRef("https://example.org/x"), URIRef("https://example.org/p"), Literal("seul")))
    _publish(store_server, smaller, graph=one)
    assert _same(_read(store_server, one), smaller)
    assert len(_read(store_server, two)) == len(skolemize(edge_case_graph()))
    drop_graph(store_server.endpoint, one, credentials=store_server.credentials)
    assert len(_read(store_server, one)) == 0


def test_queries_on_the_store_take_values_through_bindings(store_server) -> None:  # noqa: ANN001
    _publish(store_server, fictional_pole().to_graph(), graph=GRAPH + "/q")
    sparql = (
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> SELECT ?actor WHERE { ?actor rdfs:label ?name }"
    )
    hit = query(
        store_server.endpoint,
        sparql,
        bindings={"name": "SCOP A (fictive)"},
        graph=GRAPH + "/q",
        kind=store_server.kind,
        credentials=store_server.credentials,
    )
    assert hit.values("actor") == [
        URIRef("https://w3id.org/ptce/id/pole/pole-fictif-des-coteaux/actor/scop-a")
    ]
    injected = query(
        store_server.endpoint,
        sparql,
        bindings={"name": 'x" || true || "'},
        graph=GRAPH + "/q",
        kind=store_server.kind,
        credentials=store_server.credentials,
    )
    assert injected.rows == []
    ask = query(
        store_server.endpoint,
        "ASK { ?s a <https://w3id.org/ptce/ns#Pole> }",
        graph=GRAPH + "/q",
        kind=store_server.kind,
        credentials=store_server.credentials,
    )
    assert ask.kind == "ask" and ask.boolean is True
    construct = query(
        store_server.endpoint,
        "CONSTRUCT { ?s a ?t } WHERE { ?s a ?t }",
        graph=GRAPH + "/q",
        kind=store_server.kind,
        credentials=store_server.credentials,
    )
    assert len(construct) == len(
        list(
            fictional_pole()
            .to_graph()
            .triples((None, URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), None))
        )
    )


def test_the_embedded_store_and_the_server_agree(store_server, tmp_path) -> None:  # noqa: ANN001
    source = fictional_pole().to_graph()
    _publish(store_server, source, graph=GRAPH + "/emb")
    with EmbeddedStore(tmp_path / "store") as store:
        store.replace_graph(_read(store_server, GRAPH + "/emb"), graph=GRAPH)
        assert _same(store.to_graph(GRAPH), source)


def test_the_cli_publishes_and_keeps_the_password_out_of_sight(store_server, tmp_path) -> None:  # noqa: ANN001
    from ptce_graph.io import save

    data = tmp_path / "pole.ttl"
    save(fictional_pole(), data)
    env = {k: v for k, v in __import__("os").environ.items() if not k.startswith("PTCE_")}
    if store_server.credentials is not None:
        env.update(
            {
                "PTCE_STORE_USER": store_server.credentials.user,
                "PTCE_STORE_PASSWORD": store_server.credentials.password,
            }
        )
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "ptce_graph",
            "publish",
            str(data),
            "--endpoint",
            store_server.endpoint,
            "--graph",
            GRAPH + "/cli",
            "-f",
            "json",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["store"] == store_server.kind and report["triples_sent"] == report["triples_in_store"] > 50
    if store_server.credentials is not None:
        assert store_server.credentials.password not in done.stdout + done.stderr
        # Wrong password: exit 2, a clear message, no password, no traceback.
        env["PTCE_STORE_PASSWORD"] = "wrong-" + store_server.credentials.password[::-1]
        bad = subprocess.run(
            [
                sys.executable,
                "-m",
                "ptce_graph",
                "publish",
                str(data),
                "--endpoint",
                store_server.endpoint,
                "--graph",
                GRAPH + "/cli",
            ],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )
        assert bad.returncode == 2
        assert "refused the credentials" in bad.stderr and "Traceback" not in bad.stderr
        assert env["PTCE_STORE_PASSWORD"] not in bad.stdout + bad.stderr
    assert (
        count_triples(Endpoint.resolve(store_server.endpoint), GRAPH + "/cli", client=_client(store_server))
        == report["triples_in_store"]
    )


def _client(server):  # noqa: ANN001, ANN202
    from ptce_graph.publish.store import _Client

    client = _Client(credentials=server.credentials, timeout=30)
    return client


def test_virtuoso_wants_digest_and_refuses_anonymous_writes(virtuoso_server) -> None:  # noqa: ANN001
    source = fictional_pole().to_graph()
    with pytest.raises(StoreError) as caught:
        publish(source, endpoint=virtuoso_server.endpoint, graph=GRAPH + "/anon", credentials=None)
    assert "refused access" in str(caught.value) and "PTCE_STORE_USER" in str(caught.value)
    basic = Credentials(virtuoso_server.credentials.user, virtuoso_server.credentials.password, "basic")
    with pytest.raises(StoreError) as caught:
        publish(source, endpoint=virtuoso_server.endpoint, graph=GRAPH + "/anon", credentials=basic)
    assert virtuoso_server.credentials.password not in str(caught.value)


def test_virtuoso_update_chunks_stay_under_its_limits(virtuoso_server) -> None:  # noqa: ANN001
    big = Graph()
    for i in range(6000):
        big.add(
            (URIRef(f"https://example.org/s{i}"), URIRef("https://example.org/p"), Literal(f"valeur {i}"))
        )
    report = publish(
        big,
        endpoint=virtuoso_server.endpoint,
        graph=GRAPH + "/big",
        method="update",
        credentials=virtuoso_server.credentials,
    )
    assert report.triples_in_store == 6000
    assert report.requests >= 12  # 500 triples per INSERT DATA
    # One INSERT DATA of 6,000 triples is more than Virtuoso's SPARQL compiler takes
    # (SP030 "memory exhausted" at about 5,000 lines here; SP031 with other shapes of data).
    with pytest.raises(StoreError) as caught:
        publish(
            big,
            endpoint=virtuoso_server.endpoint,
            graph=GRAPH + "/big",
            method="update",
            credentials=virtuoso_server.credentials,
            chunk_triples=6000,
        )
    assert "SP03" in str(caught.value)
    assert (
        len(read_graph(virtuoso_server.endpoint, GRAPH + "/big", credentials=virtuoso_server.credentials))
        == 6000
    )


def test_oxigraph_endpoint_given_as_root_url(oxigraph_server) -> None:  # noqa: ANN001
    root = oxigraph_server.endpoint.rsplit("/", 1)[0]
    report = publish(fictional_pole().to_graph(), endpoint=root, graph=GRAPH + "/root")
    assert report.kind == "oxigraph" and report.method == "gsp-put"
    with urllib.request.urlopen(
        root
        + "/query?query="
        + urllib.parse.quote(  # noqa: S310 - loopback
            f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{GRAPH}/root> {{ ?s ?p ?o }} }}"
        ),
        timeout=10,
    ) as response:
        assert response.status == 200
