"""The working triples in an Oxigraph store: added in a graph of their own, removed afterwards."""

from __future__ import annotations

import datetime as dt

import pyoxigraph as ox
import pytest

from ptce_graph.legal.shacl.working import CONTEXT
from ptce_graph.legal.shacl.working_store import drop_context, working_store
from ptce_graph.oxigraph_terms import to_oxigraph
from tests.legal.poles import fitting_pole

DATA = ox.NamedNode("https://example.org/graph/registry")


def _store() -> ox.Store:
    store = ox.Store()
    for s, p, o in fitting_pole().to_graph():
        store.add(ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), DATA))
    return store


def test_the_working_graph_holds_the_families_and_the_date_and_goes_away() -> None:
    store = _store()
    before = set(store)
    with working_store(store, as_of=dt.date(2026, 1, 1), data_graph=DATA) as default_graph:
        assert default_graph[0] == DATA
        added = set(store) - before
        assert {q.graph_name for q in added} == {default_graph[1]}
        assert any(q.subject == to_oxigraph(CONTEXT) and q.object.value == "2026-01-01" for q in added)
        assert any(q.object.value == "https://w3id.org/ptce/ns#StatutoryESSForm" for q in added)
        answer = store.query("ASK { ?form a <https://w3id.org/ptce/ns#StatutoryESSForm> }",
                             default_graph=default_graph)
        assert bool(answer)
    assert set(store) == before


def test_data_that_describes_the_evaluation_context_is_refused_until_dropped() -> None:
    store = _store()
    store.add(ox.Quad(to_oxigraph(CONTEXT), ox.NamedNode("https://w3id.org/ptce/ns#asOf"), ox.Literal("1999-01-01"),
                      DATA))
    with pytest.raises(ValueError, match="evaluation context"):
        with working_store(store, as_of=dt.date(2026, 1, 1), data_graph=DATA):
            pass
    assert drop_context(store, DATA) == 1
    with working_store(store, as_of=dt.date(2026, 1, 1), data_graph=DATA):
        pass
