"""A registry held in a store validates to the very reports :func:`compare_definitions` gives in memory."""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS

from ptce_graph.legal import compare_definitions
from ptce_graph.legal.shacl.working import pole_iris, pole_shard
from ptce_graph.legal.spec.definitions import definitions
from ptce_graph.legal.store_validation import PoleShare, StoreValidation
from ptce_graph.model import new_graph
from ptce_graph.namespaces import PTCE
from ptce_graph.oxigraph_terms import to_oxigraph
from tests.legal.cases import CASES
from tests.legal.poles import AS_OF, fitting_pole

DATA = ox.NamedNode("https://example.org/graph/registry")


def _graph():
    graph = new_graph()
    fitting_pole("fits").to_graph(graph)
    for case in CASES[:2]:
        case.pole().to_graph(graph)
    stray = URIRef("https://w3id.org/ptce/id/stray-actor")  # attached to no pole: its warning is loose
    graph.add((stray, RDF.type, PTCE.Enterprise))
    graph.add((stray, PTCE.siret, Literal("12345678901234")))
    graph.add((stray, RDFS.label, Literal("Acteur isolé")))
    return graph


def test_the_store_path_gives_the_reports_of_the_memory_path() -> None:
    graph = _graph()
    store = ox.Store()
    store.extend(ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), DATA) for s, p, o in graph)
    before = len(store)
    validation = StoreValidation(store, data_graph=DATA, definitions=tuple(definitions().values()),
                                 as_of=AS_OF, lang="en")
    assert len(store) == before  # the working graph is gone
    shares: list[PoleShare] = []
    for pole in pole_iris(graph):
        shard = pole_shard(graph, pole)
        shares.append(validation.pole(pole, shard, set(shard.subjects()) | {pole}))
    in_store = validation.comparison(shares)
    in_memory = compare_definitions(graph, as_of=AS_OF, lang="en")
    assert in_store.to_json() == in_memory.to_json()
    assert in_store.to_turtle() == in_memory.to_turtle()
    assert any(w.focus == "https://w3id.org/ptce/id/stray-actor" for w in in_store.reports[0].warnings)
