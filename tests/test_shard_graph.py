"""A pole's shard graph answers as an rdflib graph does: patterns, changes, SPARQL, prefixes."""

from __future__ import annotations

import itertools
import random
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, XSD

from ptce_graph.model import poles_from_graph
from ptce_graph.shard_graph import ShardGraph

EX = Namespace("https://example.org/")
EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "fictional-pole" / "fictional-pole.ttl"


def _random_triples(seed: int, n: int = 300) -> list[tuple]:
    rng = random.Random(seed)
    nodes = [EX[f"n{i}"] for i in range(25)] + [BNode(f"b{i}") for i in range(4)]
    predicates = [EX[f"p{i}"] for i in range(6)] + [RDF.type]
    objects = [*nodes, *(Literal(i) for i in range(5)), Literal("x", lang="fr"),
               Literal("2024-01-01", datatype=XSD.date)]
    return [(rng.choice(nodes), rng.choice(predicates), rng.choice(objects)) for _ in range(n)]


def _patterns(triples: list[tuple]) -> list[tuple]:
    s, p, o = triples[0]
    absent = (EX.nobody, EX.nothing, Literal("none"))
    found = []
    for mask in itertools.product((True, False), repeat=3):
        for source in (triples[0], triples[len(triples) // 2], absent):
            found.append(tuple(term if keep else None for term, keep in zip(source, mask, strict=True)))
    return found


@pytest.mark.parametrize("seed", range(5))
def test_patterns_as_rdflib(seed: int) -> None:
    triples = _random_triples(seed)
    reference = Graph()
    for t in triples:
        reference.add(t)
    shard = ShardGraph(triples)
    assert len(shard) == len(reference)
    assert set(shard) == set(reference)
    for pattern in _patterns(triples):
        assert set(shard.triples(pattern)) == set(reference.triples(pattern)), pattern
    assert shard.subject_set() == set(reference.subjects())


def test_changes_keep_every_index() -> None:
    triples = _random_triples(7)
    reference = Graph()
    for t in triples:
        reference.add(t)
    shard = ShardGraph(triples)
    list(shard.triples((None, EX.p1, None)))  # builds the predicate index before the changes
    list(shard.triples((None, None, EX.n3)))  # and the object index
    extra = Graph()
    extra.add((EX.new, EX.p1, EX.n3))
    extra.add((EX.new, RDF.type, EX.Thing))
    shard += extra
    reference += extra
    shard.add((EX.n1, EX.p2, Literal("y")))
    reference.add((EX.n1, EX.p2, Literal("y")))
    shard.add((EX.n1, EX.p2, Literal("y")))  # twice: still one triple
    shard.remove((EX.n2, None, None))
    reference.remove((EX.n2, None, None))
    shard.remove((None, EX.p3, None))
    reference.remove((None, EX.p3, None))
    assert len(shard) == len(reference)
    assert set(shard) == set(reference)
    for pattern in _patterns(triples) + [(EX.new, None, None), (None, EX.p1, EX.n3), (EX.n2, None, None)]:
        assert set(shard.triples(pattern)) == set(reference.triples(pattern)), pattern
    assert shard.subject_set() == set(reference.subjects())


def test_sparql_prefixes_and_serialisation() -> None:
    shard = ShardGraph([(EX.a, RDF.type, EX.Pole), (EX.a, EX.name, Literal("A")), (EX.b, RDF.type, EX.Pole)])
    rows = shard.query("SELECT ?s WHERE { ?s a <https://example.org/Pole> } ORDER BY ?s")
    assert [row[0] for row in rows] == [EX.a, EX.b]
    shard.bind("ex", EX)
    assert ("ex", URIRef(str(EX))) in set(shard.namespaces())
    again = Graph().parse(data=shard.serialize(format="turtle"), format="turtle")
    assert set(again) == set(shard)


def test_model_reader_reads_a_shard_as_a_graph() -> None:
    """The model reader uses the shard's own indexes: the same poles as from a plain graph."""
    data = Graph().parse(EXAMPLE, format="turtle")
    shard = ShardGraph(list(data))
    assert poles_from_graph(shard) == poles_from_graph(data)
