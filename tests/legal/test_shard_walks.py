"""Walking back from a resource finds exactly the poles whose shard holds it.

A validation attaches each result to the poles whose shard (the triples
reachable from the pole) holds its focus node.  Walking every pole's shard
forward is the rule (:func:`walk_shard`); walking back from the focus nodes
(:func:`poles_holding`) is how reports find it cheaply.  Both must agree on
every resource, including the odd shapes of data: a pole pointing to another
pole, a pole that is itself a member of another, cycles, blank nodes, areas
shared by several poles, resources no pole reaches.
"""

from __future__ import annotations

import random

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from benchmarks.generate import registry_graph
from ptce_graph.legal.shacl.working import attachments, shard_nodes
from ptce_graph.namespaces import ORG, PTCE

EX = "https://example.org/walk/"


def _forward(graph: Graph) -> dict:
    poles = set(graph.subjects(RDF.type, PTCE.Pole))
    return {pole: shard_nodes(graph, pole) for pole in poles}


def _agree(graph: Graph) -> None:
    nodes = {t for triple in graph for t in triple if not isinstance(t, Literal)}
    forward = _forward(graph)
    backward = attachments(graph, nodes)
    assert set(backward) == set(forward)
    for pole, shard in forward.items():
        assert backward[pole] == shard & nodes, pole


def _odd_registry() -> Graph:
    g = Graph()
    a, b, c = (URIRef(EX + name) for name in "abc")
    for pole in (a, b, c):
        g.add((pole, RDF.type, PTCE.Pole))
    actor, shared, stray, blank = URIRef(EX + "actor"), URIRef(EX + "commune"), URIRef(EX + "stray"), BNode()
    for pole, m in ((a, "m1"), (b, "m2")):
        membership = URIRef(EX + m)
        g.add((membership, ORG.organization, pole))
        g.add((membership, ORG.member, actor))
    g.add((actor, PTCE.locatedIn, shared))
    g.add((shared, PTCE.partOf, URIRef(EX + "dept")))
    g.add((URIRef(EX + "dept"), PTCE.partOf, shared))  # a cycle
    g.add((a, URIRef(EX + "partnerPole"), b))  # a pole pointing to another: b's own resources stay b's
    g.add((b, PTCE.territory, URIRef(EX + "territory-b")))
    g.add((c, PTCE.pole, a))  # a pole pointing back to another: it is then in a's shard, walked into
    g.add((c, PTCE.territory, blank))
    g.add((blank, RDFS.label, Literal("territoire")))
    g.add((stray, PTCE.sourceActor, actor))  # reaches an actor, reached by no pole
    g.add((actor, RDF.type, URIRef(EX + "Kind")))  # classes are not walked into
    return g


def test_the_odd_shapes_of_data() -> None:
    _agree(_odd_registry())


@pytest.mark.parametrize("seed", [0, 1])
def test_synthetic_registries_damaged_at_random(seed: int) -> None:
    graph = registry_graph(4, seed=seed)
    rng = random.Random(seed)
    damaged = Graph()
    for triple in sorted(graph, key=lambda t: tuple(map(str, t))):
        if triple[2] == PTCE.Pole or rng.random() > 0.1:
            damaged.add(triple)
    _agree(damaged)
