"""No value of the data can leave its term in what publication sends (issue 16, item 1).

Payload families, not single strings: every character Python's ``splitlines``
takes for a line end, quotes, braces, ``#``, backslashes and ``\\u`` escapes,
controls and NUL, each alone, after text, before text, with a language tag or
a datatype, and composed into injections that try to end the literal, the
triple, the graph block and the update to run ``DROP``, ``CLEAR``, ``DELETE
WHERE`` or ``INSERT DATA`` elsewhere.  They are published by both methods,
whole and in small chunks, into a store whose other graphs hold sentinels:
those must be untouched, no graph may appear, and the target must hold the
data, value for value.  Hypothesis then throws random Unicode literals at it.

The default run uses the in-process store (:func:`tests.publish.servers.in_process`:
Oxigraph's protocol over pyoxigraph, executing whatever it receives); the
``store`` tests repeat it on Oxigraph's server and on Virtuoso.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD

from ptce_graph.errors import OutputError
from ptce_graph.io.serialize import nt_term, ntriples_statements, to_ntriples, to_turtle
from ptce_graph.publish.embedded import from_oxigraph
from ptce_graph.publish.store import publish
from ptce_graph.publish.update import (
    UpdateCheckError,
    check_ntriples,
    check_update,
    checked_text,
    drop_graph,
    insert_data,
    move_graph,
    parse_update,
)
from tests.publish import servers
from tests.publish.graphs import by_value, same_graph

TARGET = "https://example.org/ptce-test/graph/target"
VICTIM = "https://example.org/ptce-test/graph/victim"
OTHER = "urn:z"
EX = "https://example.org/ptce-test/"

#: Every character str.splitlines() ends a line at, and CR LF.
LINE_ENDS = ["\n", "\r", "\r\n", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]
#: Text that would end the literal, the triple, the graph block or the update if it got out.
BREAKOUTS = [
    '"', "'", '"""', "'''", "\\", '\\"', "\\\\", "\\u0022", "\\U00000022", "\\u005C", "\\\\u0022", "\\u", "\\U",
    "\\n", "}", "} }", "{", "<urn:x>", ">", "<", "#", " # ", " . ", ".", ";", "@fr", "^^<urn:dt>", "_:b0 ",
    "\x00", "\x01", "\x1f", "\x7f", "\x9f", "\ufeff", "\ufffe", "\U0010ffff", "\U0001f600", "é", "\u200d", "\t",
]
COMMANDS = [
    f"DROP GRAPH <{VICTIM}>",
    "DROP ALL",
    "CLEAR ALL",
    f"DELETE WHERE {{ GRAPH <{VICTIM}> {{ ?s ?p ?o }} }}",
    f"INSERT DATA {{ GRAPH <{VICTIM}> {{ <urn:pwned> <urn:p> <urn:o> }} }}",
    "LOAD <http://127.0.0.1:9/evil.ttl>",
]


def injections(*, every: bool = True) -> Iterator[str]:
    """Composed payloads: a line end (or escape) that would close the literal, then an update.
    With ``every``, each line end with each command; else each line end with one command, in turn."""
    pairs = (
        itertools.product(LINE_ENDS, COMMANDS)
        if every
        else zip(LINE_ENDS, itertools.cycle(COMMANDS), strict=False)
    )
    for end, command in pairs:
        yield (
            f"x{end}_:q <urn:b> <urn:c> . }} }} ; {command} ; INSERT DATA {{ GRAPH <{OTHER}> "
            f"{{ <urn:a> <urn:b> <urn:c> . #{end}y"
        )
        yield f'x{end}" }} }} ; {command} ; INSERT DATA {{ GRAPH <{OTHER}> {{ <urn:a> <urn:b> "{end}'
        yield f"{end}<urn:a> <urn:b> <urn:c> . }} }} ; {command} #{end}"
    for escape, command in zip(["\\u0022", '"', "\\U00000022", "'"], itertools.cycle(COMMANDS), strict=False):
        yield f"{escape} }} }} ; {command} ; INSERT DATA {{ GRAPH <{OTHER}> {{ <urn:a> <urn:b> {escape}"


def hostile_literals(*, every: bool = True) -> list[Literal]:
    """The corpus: injections, each break-out and line end alone and inside text, and pairs of them
    (every pair with ``every``, else each line end with one break-out in turn); a quarter of them
    language-tagged, a quarter with a datatype, a quarter ``xsd:string``."""
    texts = list(injections(every=every))
    for piece in BREAKOUTS + LINE_ENDS:
        texts += [piece, f"avant{piece}", f"{piece}après", f"a{piece}b{piece}c"] if every else [piece, f"a{piece}b"]
    pairs = (
        itertools.product(LINE_ENDS, BREAKOUTS)
        if every
        else zip(itertools.cycle(LINE_ENDS), BREAKOUTS, strict=False)
    )
    for end, piece in pairs:
        texts.append(f"{piece}{end}{piece}")
    literals: list[Literal] = []
    for i, text in enumerate(dict.fromkeys(texts)):
        kind = i % 4
        if kind == 0:
            literals.append(Literal(text))
        elif kind == 1:
            literals.append(Literal(text, lang="fr"))
        elif kind == 2:
            literals.append(Literal(text, datatype=URIRef(EX + "datatype")))
        else:
            literals.append(Literal(text, datatype=XSD.string))
    return literals


def hostile_graph(literals: list[Literal]) -> Graph:
    graph = Graph()
    for i, literal in enumerate(literals):
        # Subjects sort the payload everywhere in the N-Triples order, so chunk boundaries fall around it.
        graph.add((URIRef(f"{EX}s{i:05d}"), URIRef(EX + "label"), literal))
    return graph


def _sentinels() -> list[ox.Quad]:
    return [
        ox.Quad(ox.NamedNode("urn:keep"), ox.NamedNode("urn:p"), ox.Literal("victim stays"), ox.NamedNode(VICTIM)),
        ox.Quad(ox.NamedNode("urn:keep"), ox.NamedNode("urn:p"), ox.Literal("default stays")),
        ox.Quad(ox.NamedNode("urn:keep"), ox.NamedNode("urn:p"), ox.Literal("other stays"), ox.NamedNode(OTHER)),
    ]


def _others(quads: list[ox.Quad]) -> set[str]:
    return {str(q) for q in quads if not (isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value == TARGET)}


def _target(quads: list[ox.Quad]) -> Graph:
    graph = Graph()
    for q in quads:
        if isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value == TARGET:
            graph.add((from_oxigraph(q.subject), from_oxigraph(q.predicate), from_oxigraph(q.object)))
    return graph


@pytest.fixture(scope="module")
def local_store() -> Iterator[servers.InProcessStore]:
    with servers.in_process() as store:
        yield store


def _publish_and_check(store: servers.InProcessStore, data: Graph, **options: object) -> None:
    store.store.clear()
    store.store.extend(_sentinels())
    before = _others(list(store.store))
    publish(data, endpoint=store.endpoint, graph=TARGET, kind="oxigraph", **options)  # type: ignore[arg-type]
    after = list(store.store)
    assert _others(after) == before  # no other graph touched, no graph added
    assert same_graph(by_value(_target(after)), by_value(data))


# ---------------------------------------------------------------------------
#  The writer: one line per triple, whatever the data
# ---------------------------------------------------------------------------


def test_every_statement_is_one_line_for_every_reader() -> None:
    graph = hostile_graph(hostile_literals())
    statements = ntriples_statements(graph)
    assert len(statements) == len(graph)
    for statement in statements:
        assert statement.line.endswith(" .\n")
        assert statement.line.splitlines() == [statement.line[:-1]]  # no line end but the last, for Python
        assert not re.search(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]", statement.line[:-1])
    # The files ptce_graph writes read back to the same graph, with Oxigraph; a control character
    # (which ptce_graph refuses to read) is refused on write too.
    readable = Graph()
    for s, p, o in graph:
        if not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", str(o)):
            readable.add((s, p, o))
    assert 0 < len(readable) < len(graph)
    for data, fmt in ((to_ntriples(readable), ox.RdfFormat.N_TRIPLES), (to_turtle(readable), ox.RdfFormat.TURTLE)):
        back = {(q.subject, q.predicate, q.object) for q in ox.parse(data, format=fmt)}
        assert len(back) == len({(str(s), str(p), nt_term(o)) for s, p, o in readable})
    for writer in (to_ntriples, to_turtle):
        with pytest.raises(OutputError, match="read it back"):
            writer(graph)


def test_a_backslash_u_reads_the_same_with_or_without_early_escape_decoding() -> None:
    # SPARQL 1.1 lets a store decode \\u escapes before parsing: the text \\u0022 must not become a quote.
    for text in ("\\u0022", "C:\\users\\Ulysse", "\\\\u005C", "\\U0001F600"):
        written = nt_term(Literal(text))
        assert not re.search(r"(?<!\\)(?:\\\\)*\\u00(22|5[cC])", written)
        early = re.sub(r"\\u([0-9A-Fa-f]{4})", lambda m: chr(int(m.group(1), 16)), written)
        for variant in (written, early):
            quads = list(ox.parse(f"<urn:s> <urn:p> {variant} .\n".encode(), format=ox.RdfFormat.N_TRIPLES))
            assert [q.object.value for q in quads] == [text]


@pytest.mark.parametrize(
    "term",
    [
        URIRef("https://example.org/a> } } ; DROP ALL ; #"),
        URIRef("https://example.org/a\u2028b\nc"),
        URIRef("https://example.org/a\x85b"),
        Literal("x", datatype=URIRef('https://example.org/dt> . <https://e.org/x> <https://e.org/p> "INJ')),
        Literal("lone \ud800 surrogate"),
    ],
    ids=["iri-breakout", "iri-line-ends", "iri-c1", "datatype-breakout", "surrogate"],
)
def test_terms_that_cannot_be_written_safely_are_refused_before_anything_is_sent(
    term: object, local_store: servers.InProcessStore
) -> None:
    # (A language tag cannot break out: rdflib refuses "fr } } ; DROP ALL" when the Literal is made.)
    graph = Graph()
    if isinstance(term, URIRef):
        graph.add((term, URIRef(EX + "p"), Literal("x")))
    else:
        graph.add((URIRef(EX + "s"), URIRef(EX + "p"), term))  # type: ignore[arg-type]
    store_before = {str(q) for q in local_store.store}
    sent = len(local_store.updates)
    with pytest.raises(OutputError):
        publish(graph, endpoint=local_store.endpoint, graph=TARGET, kind="oxigraph", method="update")
    assert len(local_store.updates) == sent
    assert {str(q) for q in local_store.store} == store_before


# ---------------------------------------------------------------------------
#  The read-back: only the intended operation passes
# ---------------------------------------------------------------------------

STAGING = "urn:ptce:staging:test"


def _op(lines: list[str]):  # noqa: ANN202 - test helper
    graph = Graph()
    for i, _ in enumerate(lines):
        graph.add((URIRef(f"{EX}s{i}"), URIRef(EX + "p"), Literal(f"v{i}")))
    return insert_data(STAGING, ntriples_statements(graph))


FORGED = [
    # (what an attacker or a bug would make the text say, the text)
    ("a second operation", f'INSERT DATA {{ GRAPH <{STAGING}> {{\n<{EX}s0> <{EX}p> "v0" .\n}} }} ; DROP ALL'),
    ("a comment swallowing the end", f'INSERT DATA {{ GRAPH <{STAGING}> {{\n<{EX}s0> <{EX}p> "v0" . # }} }}'),
    ("a string that ends early", f'INSERT DATA {{ GRAPH <{STAGING}> {{\n<{EX}s0> <{EX}p> "v" "0" .\n}} }}'),
    ("an escaped quote read early", f'INSERT DATA {{ GRAPH <{STAGING}> {{\n<{EX}s0> <{EX}p> "v\\u0022" .\n}} }}'),
    ("an escaped backslash read early", f'INSERT DATA {{ GRAPH <{STAGING}> {{\n<{EX}s0> <{EX}p> "v\\u005c" .\n}} }}'),
    ("another graph", f'INSERT DATA {{ GRAPH <{VICTIM}> {{\n<{EX}s0> <{EX}p> "v0" .\n}} }}'),
    ("the default graph", f'INSERT DATA {{\n<{EX}s0> <{EX}p> "v0" .\n}}'),
    ("two graph blocks", f'INSERT DATA {{ GRAPH <{STAGING}> {{ }} GRAPH <{VICTIM}> {{ <{EX}s0> <{EX}p> "v0" . }} }}'),
    ("a WHERE", f"INSERT {{ GRAPH <{STAGING}> {{ ?s ?p ?o }} }} WHERE {{ GRAPH <{VICTIM}> {{ ?s ?p ?o }} }}"),
    ("a LOAD", f"LOAD <http://127.0.0.1:9/x> INTO GRAPH <{STAGING}>"),
    ("a CLEAR", "CLEAR ALL"),
    ("a prefix", f"PREFIX e: <{EX}> INSERT DATA {{ GRAPH <{STAGING}> {{ e:s0 e:p \"v0\" . }} }}"),
    ("a variable", f'INSERT DATA {{ GRAPH <{STAGING}> {{ ?s <{EX}p> "v0" . }} }}'),
    ("more triples", f'INSERT DATA {{ GRAPH <{STAGING}> {{ <{EX}s0> <{EX}p> "v0" . <{EX}x> <{EX}p> "y" . }} }}'),
    ("another value", f'INSERT DATA {{ GRAPH <{STAGING}> {{ <{EX}s0> <{EX}p> "pwned" . }} }}'),
    ("a triple list", f'INSERT DATA {{ GRAPH <{STAGING}> {{ <{EX}s0> <{EX}p> "v0" ; <{EX}q> "y" . }} }}'),
    ("a raw line end", f'INSERT DATA {{ GRAPH <{STAGING}> {{ <{EX}s0> <{EX}p> "v\n0" . }} }}'),
    ("a SERVICE", "INSERT { } WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"),
]


@pytest.mark.parametrize("text", [t for _, t in FORGED], ids=[w for w, _ in FORGED])
def test_forged_updates_are_refused(text: str) -> None:
    with pytest.raises(UpdateCheckError):
        check_update(text, _op(["v0"]))


def test_the_intended_operations_pass_and_nothing_else() -> None:
    op = _op(["a", "b"])
    check_update(checked_text(op), op)
    assert [o.kind for o in parse_update(checked_text(drop_graph(STAGING)))] == ["DROP GRAPH"]
    moved = parse_update(checked_text(move_graph(STAGING, TARGET)))
    assert (moved[0].graph, moved[0].target) == (STAGING, TARGET)
    with pytest.raises(UpdateCheckError):  # the same text for another target
        check_update(checked_text(move_graph(STAGING, TARGET)), move_graph(STAGING, VICTIM))
    body = "".join(s.line for s in op.statements).encode()
    check_ntriples(body, op.statements, graph=STAGING)
    with pytest.raises(UpdateCheckError):
        check_ntriples(body + f"<{EX}x> <{EX}p> <{EX}y> .\n".encode(), op.statements, graph=STAGING)


# ---------------------------------------------------------------------------
#  End to end: the in-process store (default run)
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["update", "gsp"])
def test_hostile_literals_stay_literals_and_other_graphs_survive(
    method: str, local_store: servers.InProcessStore
) -> None:
    data = hostile_graph(hostile_literals(every=False))
    _publish_and_check(local_store, data, method=method, chunk_triples=37)


def test_injections_cut_at_every_chunk_boundary(local_store: servers.InProcessStore) -> None:
    # One triple per request, each payload surrounded by plain triples: every boundary falls next to it.
    literals = [Literal(text) for text in injections(every=False)]
    data = hostile_graph([x for lit in literals for x in (Literal("avant"), lit)])
    _publish_and_check(local_store, data, method="update", chunk_triples=1)


UNICODE_TEXT = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=24)
LITERALS = st.builds(
    lambda text, extra: Literal(text, lang=extra) if extra in ("fr", "en-GB") else Literal(text, datatype=extra),
    UNICODE_TEXT,
    st.sampled_from(["fr", "en-GB", None, XSD.string, URIRef(EX + "datatype")]),
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(st.lists(LITERALS, min_size=1, max_size=6), st.sampled_from(["update", "gsp"]), st.integers(1, 3))
def test_random_unicode_literals_round_trip_and_nothing_else_changes(
    local_store: servers.InProcessStore, literals: list[Literal], method: str, chunk: int
) -> None:
    _publish_and_check(local_store, hostile_graph(literals), method=method, chunk_triples=chunk)


# ---------------------------------------------------------------------------
#  The real stores (pytest -m store)
# ---------------------------------------------------------------------------


def _server_state(server) -> tuple[list[str], list[str]]:  # noqa: ANN001
    """The names of a real store's graphs but the target, and the triples of the seeded graphs."""
    from ptce_graph.publish import query
    from ptce_graph.publish.store import Endpoint

    endpoint = Endpoint.resolve(server.endpoint)
    names = query(endpoint, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", credentials=server.credentials)
    seeded = query(
        endpoint,
        "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } VALUES ?g { <%s> <%s> } }" % (VICTIM, OTHER),  # noqa: UP031
        credentials=server.credentials,
    )
    return (
        sorted(str(row["g"]) for row in names.rows if str(row["g"]) != TARGET),
        sorted(" ".join(nt_term(row[v]) for v in "gspo") for row in seeded.rows),
    )


def _seed(server) -> None:  # noqa: ANN001
    from rdflib import Graph as G

    for graph, text in ((VICTIM, "victim stays"), (OTHER, "other stays")):
        seed = G()
        seed.add((URIRef("urn:keep"), URIRef("urn:p"), Literal(text)))
        publish(seed, endpoint=server.endpoint, graph=graph, credentials=server.credentials)


def _check_on_server(server, data: Graph, **options: object) -> None:  # noqa: ANN001
    before = _server_state(server)
    assert len(before[1]) == 2
    publish(data, endpoint=server.endpoint, graph=TARGET, credentials=server.credentials, **options)  # type: ignore[arg-type]
    assert _server_state(server) == before
    assert same_graph(by_value(_server_target(server)), by_value(data))


def _server_target(server) -> Graph:  # noqa: ANN001
    """The target graph as the store answers a SELECT in SPARQL JSON, read without ptce_graph's loader
    (which would refuse the control characters these literals hold)."""
    import requests

    response = requests.post(
        server.query_url,
        data={"query": f"SELECT ?s ?p ?o WHERE {{ GRAPH <{TARGET}> {{ ?s ?p ?o }} }}"},
        headers={"Accept": "application/sparql-results+json"},
        timeout=60,
    )
    response.raise_for_status()

    def term(cell: dict) -> object:
        if cell["type"] == "uri":
            return URIRef(cell["value"])
        if "xml:lang" in cell:
            return Literal(cell["value"], lang=cell["xml:lang"])
        datatype = cell.get("datatype")
        return Literal(cell["value"], datatype=None if datatype in (None, str(XSD.string)) else URIRef(datatype))

    graph = Graph()
    for row in response.json()["results"]["bindings"]:
        graph.add((term(row["s"]), term(row["p"]), term(row["o"])))  # type: ignore[arg-type]
    return graph


@pytest.mark.store
@pytest.mark.parametrize("method", ["update", "gsp"])
def test_real_stores_keep_their_other_graphs(store_server, method: str) -> None:  # noqa: ANN001
    _seed(store_server)
    _check_on_server(store_server, hostile_graph(hostile_literals()), method=method, chunk_triples=97)
    _check_on_server(store_server, hostile_graph([Literal(t) for t in injections()]), method=method,
                     chunk_triples=1)


@pytest.mark.store
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(st.lists(LITERALS, min_size=1, max_size=8), st.sampled_from(["update", "gsp"]), st.integers(1, 4))
def test_random_unicode_literals_round_trip_through_real_stores(
    store_server, literals: list[Literal], method: str, chunk: int  # noqa: ANN001
) -> None:
    _check_on_server(store_server, hostile_graph(literals), method=method, chunk_triples=chunk)
