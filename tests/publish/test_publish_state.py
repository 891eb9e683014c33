"""When a publication fails part-way, its message says exactly what state the target graph is in.

Faults are injected into the in-process store (tests/publish/servers.py): a
request refused, a request that never gets an answer, an update applied whose
answer is lost.  Each message is checked against what the store really holds.
"""

from __future__ import annotations

from collections.abc import Iterator

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef

from ptce_graph.publish.store import STAGING_PREFIX, StoreError, publish
from tests.publish import servers

TARGET = "https://example.org/ptce-test/graph/state"
EX = "https://example.org/ptce-test/"


def _graph(n: int, text: str) -> Graph:
    graph = Graph()
    for i in range(n):
        graph.add((URIRef(f"{EX}s{i}"), URIRef(EX + "p"), Literal(f"{text} {i}")))
    return graph


@pytest.fixture
def store() -> Iterator[servers.InProcessStore]:
    with servers.in_process() as running:
        publish(_graph(5, "ancien"), endpoint=running.endpoint, graph=TARGET, kind="oxigraph")
        yield running


def _held(store: servers.InProcessStore) -> set[str]:
    return {str(q.object) for q in store.store.quads_for_pattern(None, None, None, ox.NamedNode(TARGET))}


def _staging_left(store: servers.InProcessStore) -> list[str]:
    return [g.value for g in store.store.named_graphs() if g.value.startswith(STAGING_PREFIX)]


def _fail_on(method: str, path: str, what: str, *, nth: int = 1, text: str = ""):  # noqa: ANN202
    """A fault for the nth request of that method and path (whose last update contains ``text``)."""
    seen = [0]

    def fault(command: str, request_path: str) -> str | None:
        if (command, request_path) == (method, path):
            seen[0] += 1
            if seen[0] == nth:
                return what
        return None

    return fault


def _publish(store: servers.InProcessStore, **options: object) -> str:
    with pytest.raises(StoreError) as caught:
        publish(_graph(12, "nouveau"), endpoint=store.endpoint, graph=TARGET, kind="oxigraph", **options)  # type: ignore[arg-type]
    return str(caught.value)


def test_a_chunk_refused_leaves_the_target_unwritten_and_the_staging_dropped(store: servers.InProcessStore) -> None:
    before = _held(store)
    store.fault = _fail_on("POST", "/update", "refuse", nth=3)
    message = _publish(store, method="update", chunk_triples=5)
    assert f"the target graph <{TARGET}> was not written to; 2 of 3 chunk(s) had been uploaded" in message
    assert "which was then dropped" in message
    assert _held(store) == before and _staging_left(store) == []


def test_a_refused_atomic_put_leaves_the_target_unchanged(store: servers.InProcessStore) -> None:
    before = _held(store)
    store.fault = _fail_on("PUT", "/store", "refuse")
    message = _publish(store, method="gsp")
    assert "HTTP 500" in message and f"the target graph <{TARGET}> was not changed" in message
    assert _held(store) == before


def test_a_move_that_never_ran_is_said_so_and_cleaned_up(store: servers.InProcessStore) -> None:
    before = _held(store)
    # Chunks go to /update; the 4th update is the MOVE (3 chunks of 5, 5, 2 triples): no answer.
    store.fault = _fail_on("POST", "/update", "hang-up", nth=4)
    message = _publish(store, method="update", chunk_triples=5)
    assert "the MOVE of the staging graph onto it failed and was not applied" in message
    assert f"the target graph <{TARGET}> was not changed (5 triples); the staging graph was dropped" in message
    assert _held(store) == before and _staging_left(store) == []


def test_a_move_applied_whose_answer_was_lost_is_said_to_be_applied(store: servers.InProcessStore) -> None:
    store.fault = _fail_on("POST", "/update", "apply-then-hang-up", nth=4)
    message = _publish(store, method="update", chunk_triples=5)
    assert "reported a failure but was applied" in message and "holds the 12 triples sent" in message
    assert len(_held(store)) == 12 and all("nouveau" in v for v in _held(store))


def test_a_store_that_stops_answering_gives_no_false_comfort(store: servers.InProcessStore) -> None:
    calls = [0]

    def fault(command: str, path: str) -> str | None:
        if (command, path) == ("POST", "/update"):
            calls[0] += 1
            return "hang-up" if calls[0] >= 4 else None
        if (command, path) == ("POST", "/query") and calls[0] >= 4:
            return "hang-up"
        return None

    store.fault = fault
    message = _publish(store, method="update", chunk_triples=5)
    assert "could not be asked what it holds now" in message and "left as it was" not in message


def test_a_put_applied_whose_answer_was_lost_is_told_by_the_counts(store: servers.InProcessStore) -> None:
    store.fault = _fail_on("PUT", "/store", "apply-then-hang-up")
    message = _publish(store, method="gsp")  # 12 triples over 5: the counts tell
    assert "reported a failure but was applied" in message and "holds 12 triples as sent (5 before)" in message


def test_when_the_counts_cannot_tell_the_message_says_so(store: servers.InProcessStore) -> None:
    publish(_graph(12, "ancien"), endpoint=store.endpoint, graph=TARGET, kind="oxigraph")
    store.fault = _fail_on("PUT", "/store", "apply-then-hang-up")
    message = _publish(store, method="gsp")  # 12 triples over 12: no count can tell
    assert "as many as before and as sent, so whether it was replaced cannot be told" in message
    assert "was applied" not in message and "not changed" not in message


@pytest.mark.parametrize(
    ("fault", "said"),
    [
        ("apply-then-hang-up", "reported a failure but was applied: the target graph"),
        ("hang-up", "failed and was not applied: the target graph"),
    ],
)
def test_a_drop_for_empty_data_is_told_by_the_counts(store: servers.InProcessStore, fault: str, said: str) -> None:
    before = _held(store)
    store.fault = _fail_on("POST", "/update", fault)
    with pytest.raises(StoreError) as caught:
        publish(Graph(), endpoint=store.endpoint, graph=TARGET, kind="oxigraph", method="update")
    message = str(caught.value)
    assert said in message and "left as it was" not in message
    assert _held(store) == (set() if fault == "apply-then-hang-up" else before)


def test_a_failed_drop_of_an_already_empty_graph_says_it_is_empty(store: servers.InProcessStore) -> None:
    publish(Graph(), endpoint=store.endpoint, graph=TARGET, kind="oxigraph", method="update")
    store.fault = _fail_on("POST", "/update", "hang-up")
    with pytest.raises(StoreError) as caught:
        publish(Graph(), endpoint=store.endpoint, graph=TARGET, kind="oxigraph", method="update")
    assert f"the target graph <{TARGET}> holds no triple, as intended" in str(caught.value)
