"""Blank-node labels and skolem IRIs: deterministic, local, linear."""

from __future__ import annotations

import time

from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from ptce_graph.io.bnodes import deskolemize, is_skolem_iri, relabel_bnodes, skolemize

EX = "https://example.org/"
P, V, NEXT = URIRef(EX + "p"), URIRef(EX + "v"), URIRef(EX + "next")


def _renamed(graph: Graph) -> Graph:
    """The same graph with fresh blank-node ids."""
    mapping: dict[BNode, BNode] = {}
    out = Graph()
    for s, p, o in graph:
        s = mapping.setdefault(s, BNode()) if isinstance(s, BNode) else s
        o = mapping.setdefault(o, BNode()) if isinstance(o, BNode) else o
        out.add((s, p, o))
    return out


def _chain(n: int, start: str = "s") -> Graph:
    g = Graph()
    node: URIRef | BNode = URIRef(EX + start)
    for i in range(n):
        nxt = BNode()
        g.add((node, NEXT, nxt))
        g.add((nxt, V, Literal(i % 3)))
        node = nxt
    return g


def _cycle(n: int, anchor: str | None = "a") -> Graph:
    g = Graph()
    nodes = [BNode() for _ in range(n)]
    for i, node in enumerate(nodes):
        g.add((node, NEXT, nodes[(i + 1) % n]))
    if anchor:
        g.add((URIRef(EX + anchor), P, nodes[0]))
    return g


@st.composite
def bnode_graphs(draw: st.DrawFn) -> Graph:
    """Small graphs mixing IRIs, literals and blank nodes, with cycles and shared nodes."""
    n_b = draw(st.integers(1, 6))
    bnodes = [BNode() for _ in range(n_b)]
    iris = [URIRef(f"{EX}i{i}") for i in range(3)]
    preds = [URIRef(f"{EX}p{i}") for i in range(2)]
    g = Graph()
    for _ in range(draw(st.integers(1, 12))):
        s = draw(st.sampled_from(bnodes + iris))
        o = draw(st.one_of(st.sampled_from(bnodes + iris), st.sampled_from([Literal("x"), Literal(1)])))
        g.add((s, draw(st.sampled_from(preds)), o))
    return g


@settings(max_examples=150, deadline=None)
@given(bnode_graphs())
def test_isomorphic_graphs_get_the_same_labels(graph: Graph) -> None:
    a, b = relabel_bnodes(graph), relabel_bnodes(_renamed(graph))
    assert set(a) == set(b)
    assert len(a) == len(graph) and isomorphic(a, graph)


def test_special_shapes_are_deterministic_and_complete() -> None:
    symmetric = _cycle(3, None) + _cycle(3, None)  # two identical anonymous cycles
    twin_trees = Graph()
    for _ in range(2):  # two identical nested descriptions of the same subject
        outer, inner = BNode(), BNode()
        twin_trees.add((URIRef(EX + "s"), P, outer))
        twin_trees.add((outer, P, inner))
        twin_trees.add((inner, V, Literal("same")))
    for graph in (symmetric, twin_trees, _cycle(7), _chain(50)):
        labelled = relabel_bnodes(graph)
        assert len(labelled) == len(graph) and isomorphic(labelled, graph)
        assert set(labelled) == set(relabel_bnodes(_renamed(graph)))


def test_labels_are_local_to_their_component() -> None:
    g = _chain(5)
    before = {t for t in relabel_bnodes(g)}
    g += _chain(3, "other")
    g.add((URIRef(EX + "unrelated"), P, Literal("x")))
    after = {t for t in relabel_bnodes(g)}
    assert before <= after


def test_long_chains_and_many_blank_nodes_are_fast() -> None:
    chain = _chain(5000)
    many = Graph()
    for i in range(5000):
        node = BNode()
        many.add((URIRef(f"{EX}s{i % 50}"), P, node))
        many.add((node, V, Literal(i % 7)))
    for graph in (chain, many):
        started = time.perf_counter()
        labelled = relabel_bnodes(graph)
        assert time.perf_counter() - started < 20  # rdflib's canonicalisation: minutes
        assert len(labelled) == len(graph)


def test_skolem_iris_are_stable_and_reversible() -> None:
    g = _chain(4) + _cycle(3)
    sk = skolemize(g)
    assert not any(isinstance(t, BNode) for triple in sk for t in triple)
    minted = {t for triple in sk for t in triple if is_skolem_iri(t)}
    assert len(minted) == 7
    assert all(
        str(t).startswith("https://w3id.org/ptce/id/genid/") and len(str(t).rsplit("/", 1)[1]) == 32
        for t in minted
    )
    assert set(skolemize(_renamed(g))) == set(sk)  # same data, same IRIs
    assert set(skolemize(g, base="https://data.example.org/")) != set(sk)
    assert is_skolem_iri(
        next(iter(skolemize(g, base="https://data.example.org/").subjects(NEXT, None))),
        base="https://data.example.org/",
    )
    assert isomorphic(deskolemize(sk), g)
    assert not is_skolem_iri(URIRef(EX + "genid/abc")) and not is_skolem_iri(Literal("x"))
    plain = Graph()
    plain.add((URIRef(EX + "a"), P, Literal("no blank node")))
    assert set(skolemize(plain)) == set(plain) and skolemize(plain) is not plain
