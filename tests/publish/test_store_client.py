"""The store client without a real store: URLs, credentials, chunks, timeouts, redirects.

A few tests run a tiny HTTP server of their own on loopback.
"""

from __future__ import annotations

import http.server
import socket
import threading
import time
from collections.abc import Iterator

import pytest
from rdflib import BNode, Graph, Literal, URIRef

from ptce_graph.errors import InputError
from ptce_graph.io.serialize import ntriples_statements
from ptce_graph.publish.store import (
    Credentials,
    Endpoint,
    StoreError,
    _chunks,
    _snippet,
    publish,
)


def test_credentials_come_from_the_environment_and_never_show() -> None:
    assert Credentials.from_env({}) is None
    creds = Credentials.from_env(
        {"PTCE_STORE_USER": "alice", "PTCE_STORE_PASSWORD": "s3cr3t-pw", "PTCE_STORE_AUTH": "Digest"}
    )
    assert creds == Credentials("alice", "s3cr3t-pw", "digest")
    assert "s3cr3t-pw" not in repr(creds) and "s3cr3t-pw" not in str(creds)
    with pytest.raises(InputError, match="PTCE_STORE_PASSWORD"):
        Credentials.from_env({"PTCE_STORE_USER": "alice"})
    with pytest.raises(InputError, match="basic, digest or auto"):
        Credentials("a", "b", "ntlm")


def test_password_file(tmp_path) -> None:  # noqa: ANN001
    secret = tmp_path / "pw"
    secret.write_text("from-a-file\n", encoding="utf-8")
    creds = Credentials.from_env({"PTCE_STORE_USER": "bob", "PTCE_STORE_PASSWORD_FILE": str(secret)})
    assert creds is not None and creds.password == "from-a-file"


@pytest.mark.parametrize("url", ["http://user:hunter2@127.0.0.1:1/sparql", "https://user@example.org/sparql"])
def test_credentials_in_urls_are_refused_without_echoing_them(url: str) -> None:
    with pytest.raises(InputError) as caught:
        publish(Graph(), endpoint=url, graph="https://example.org/g", kind="oxigraph")
    assert "hunter2" not in str(caught.value) and "user@" not in str(caught.value)
    assert "PTCE_STORE_USER" in str(caught.value)


@pytest.mark.parametrize(
    "url", ["ftp://example.org/sparql", "file:///etc/passwd", "javascript:alert(1)", "/sparql"]
)
def test_only_http_urls(url: str) -> None:
    with pytest.raises(InputError, match="http"):
        Endpoint.for_kind(url, "generic")


@pytest.mark.parametrize("graph", ["not an iri", "https://example.org/a>b", "relative/graph", ""])
def test_graph_names_are_checked(graph: str) -> None:
    with pytest.raises(InputError, match="graph name"):
        publish(Graph(), endpoint="http://127.0.0.1:9/sparql", graph=graph, kind="oxigraph")


def test_endpoints_by_kind_from_any_of_their_urls() -> None:
    v = Endpoint.for_kind("https://data.example.fr/virtuoso/sparql-auth", "virtuoso")
    assert v == Endpoint(
        "https://data.example.fr/virtuoso/sparql",
        "https://data.example.fr/virtuoso/sparql-auth",
        "https://data.example.fr/virtuoso/sparql-graph-crud-auth",
        "virtuoso",
    )
    o = Endpoint.for_kind("http://localhost:7878/store", "oxigraph")
    assert (o.query, o.update, o.gsp) == (
        "http://localhost:7878/query",
        "http://localhost:7878/update",
        "http://localhost:7878/store",
    )
    f = Endpoint.for_kind("http://localhost:3030/ptce/sparql", "fuseki")
    assert (f.query, f.update, f.gsp) == (
        "http://localhost:3030/ptce/sparql",
        "http://localhost:3030/ptce/update",
        "http://localhost:3030/ptce/data",
    )
    g = Endpoint.for_kind("https://example.org/sparql", "generic", update="https://example.org/update")
    assert (g.query, g.update, g.gsp) == ("https://example.org/sparql", "https://example.org/update", None)


def test_chunks_keep_blank_nodes_together() -> None:
    g = Graph()
    ex = "https://example.org/"
    for i in range(20):
        g.add((URIRef(f"{ex}s{i}"), URIRef(ex + "p"), Literal(f"v{i}")))
    head = BNode()
    g.add((URIRef(ex + "root"), URIRef(ex + "list"), head))
    node = head
    for i in range(7):
        nxt = BNode()
        g.add((node, URIRef(ex + "value"), Literal(f"_:b{i} not a label")))
        g.add((node, URIRef(ex + "next"), nxt))
        node = nxt
    statements = ntriples_statements(g)
    chunks = list(_chunks(statements, 5))
    assert sorted(s for chunk in chunks for s in chunk) == sorted(statements)
    with_bnodes = [chunk for chunk in chunks if any(s.bnodes for s in chunk)]
    assert len(with_bnodes) == 1  # the 15 lines of the chain travel together
    assert all(len(chunk) <= 5 for chunk in chunks if chunk not in with_bnodes)
    # Labels come from the triples, never from the text: a literal saying "_:b3" is no blank node.
    assert all(not s.bnodes for s in statements if "not a label" in s.line and s.line.startswith("<"))


def test_error_pages_are_reduced_to_their_gist() -> None:
    page = "<html><head><style>x{}</style></head><body><h1>Error</h1><p>SP029: line 3</p>" + "x" * 1000
    gist = _snippet(page)
    assert gist.startswith("Error SP029: line 3") and len(gist) <= 301 and "<" not in gist


class _Handler(http.server.BaseHTTPRequestHandler):
    mode = "ok"
    seen: list[tuple[str, str, dict[str, str]]] = []

    def _answer(self) -> None:
        _Handler.seen.append((self.command, self.path, dict(self.headers)))
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        if _Handler.mode == "redirect":
            self.send_response(302)
            self.send_header("Location", "https://elsewhere.example.org/sparql?token=x")
            self.end_headers()
            return
        if _Handler.mode == "basic":
            if "Authorization" not in self.headers:
                self.send_response(401)
                self.send_header("WWW-Authenticate", 'Basic realm="ptce"')
                self.end_headers()
                return
        self.send_response(200)
        self.send_header("Server", "TinyTestStore/1.0")
        self.send_header("Content-Type", "application/sparql-results+json")
        body = b'{"head":{"vars":["n"]},"results":{"bindings":[{"n":{"type":"literal","value":"0"}}]}}'
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    do_GET = do_POST = do_PUT = do_HEAD = _answer

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def tiny_server() -> Iterator[str]:
    _Handler.seen = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_redirects_are_reported_not_followed(tiny_server: str) -> None:
    _Handler.mode = "redirect"
    with pytest.raises(StoreError) as caught:
        publish(
            Graph(),
            endpoint=tiny_server + "/sparql",
            graph="https://example.org/g",
            kind="generic",
            update_endpoint=tiny_server + "/update",
        )
    assert "redirected" in str(caught.value) and "token=x" not in str(caught.value)
    assert all("elsewhere" not in path for _, path, _ in _Handler.seen)


def test_an_unknown_server_is_a_generic_store_and_updates_go_to_its_update_endpoint(tiny_server: str) -> None:
    _Handler.mode = "ok"
    assert Endpoint.resolve(tiny_server + "/sparql").kind == "generic"
    g = Graph()
    g.add((URIRef("https://example.org/s"), URIRef("https://example.org/p"), Literal("é")))
    with pytest.raises(StoreError, match="no SPARQL Update endpoint"):
        publish(g, endpoint=tiny_server + "/sparql", graph="https://example.org/g")
    _Handler.seen = []
    # The tiny store counts 0 triples after the upload: publication reports it as a failure.
    with pytest.raises(StoreError, match="staging graph holds 0"):
        publish(
            g,
            endpoint=tiny_server + "/sparql",
            graph="https://example.org/g",
            update_endpoint=tiny_server + "/update",
        )
    methods = [(m, p.split("?")[0]) for m, p, _ in _Handler.seen]
    assert ("POST", "/update") in methods


def test_basic_authentication_is_refused_over_plain_http_to_another_host() -> None:
    from ptce_graph.publish.store import _Client

    client = _Client(credentials=Credentials("u", "p", "basic"), timeout=5)
    with pytest.raises(StoreError, match="plain HTTP"):
        client.use_scheme("basic", "http://store.example.org/sparql")
    client.use_scheme("basic", "http://127.0.0.1:8890/sparql")  # loopback is fine
    client.use_scheme("basic", "https://store.example.org/sparql")
    client.close()


def test_basic_challenge_is_answered_and_password_not_in_the_request_line(tiny_server: str) -> None:
    _Handler.mode = "basic"
    g = Graph()
    g.add((URIRef("https://example.org/s"), URIRef("https://example.org/p"), Literal("x")))
    with pytest.raises(StoreError):  # the tiny store never stores anything
        publish(
            g,
            endpoint=tiny_server + "/sparql",
            graph="https://example.org/g",
            update_endpoint=tiny_server + "/update",
            credentials=Credentials("user", "pa55word"),
        )
    auth_headers = [h.get("Authorization", "") for _, _, h in _Handler.seen]
    assert any(a.startswith("Basic ") for a in auth_headers)
    assert all("pa55word" not in path for _, path, _ in _Handler.seen)


def test_a_store_that_never_answers_times_out() -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(5)
    port = listener.getsockname()[1]
    started = time.monotonic()
    try:
        with pytest.raises(StoreError, match="no answer within 1 s"):
            publish(
                Graph(),
                endpoint=f"http://127.0.0.1:{port}/sparql",
                graph="https://example.org/g",
                kind="auto",
                timeout=1.0,
            )
    finally:
        listener.close()
    assert time.monotonic() - started < 10


def test_an_unreachable_store_is_a_located_error() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(StoreError, match=f"cannot reach the store at http://127.0.0.1:{port}/sparql"):
        publish(Graph(), endpoint=f"http://127.0.0.1:{port}/sparql", graph="https://example.org/g", timeout=2)
