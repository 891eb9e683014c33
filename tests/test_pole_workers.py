"""Per-pole work in forked worker processes: order, closures, warnings and errors as in one process."""

from __future__ import annotations

import warnings

import pytest

from ptce_graph import pole_workers
from ptce_graph.pole_workers import can_fork, map_poles

pytestmark = pytest.mark.skipif(not can_fork(), reason="worker processes are forked (Linux)")


@pytest.fixture(autouse=True)
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pole_workers, "CHUNK", 2)


def test_results_come_back_in_order_from_a_closure() -> None:
    table = {i: i * i for i in range(23)}  # inherited by the workers, never pickled
    assert map_poles(lambda i: (i, table[i]), 23, jobs=2, progress=False) == [(i, i * i) for i in range(23)]
    assert map_poles(lambda i: table[i], 23, jobs=1, progress=False) == [i * i for i in range(23)]


def test_warnings_of_the_workers_reach_the_caller() -> None:
    def work(i: int) -> int:
        if i == 7:
            warnings.warn("pole 7 has a loop", UserWarning, stacklevel=1)
        return i

    with pytest.warns(UserWarning, match="pole 7 has a loop"):
        assert map_poles(work, 12, jobs=2, progress=False) == list(range(12))


def test_an_error_in_a_worker_is_raised_in_the_caller() -> None:
    def work(i: int) -> int:
        if i == 5:
            raise ValueError("pole 5 is broken")
        return i

    with pytest.raises(ValueError, match="pole 5 is broken"):
        map_poles(work, 12, jobs=2, progress=False)


def test_setup_runs_in_each_worker_not_in_the_caller() -> None:
    calls: list[int] = []
    assert map_poles(lambda i: len(calls), 8, jobs=2, progress=False, setup=lambda: calls.append(1)) == [1] * 8
    assert calls == []


def test_results_are_given_as_they_come_and_the_workers_stop_with_the_reader() -> None:
    table = {i: -i for i in range(23)}
    assert list(pole_workers.iter_poles(lambda i: table[i], 23, jobs=2, progress=False)) == [-i for i in range(23)]
    results = pole_workers.iter_poles(lambda i: table[i], 23, jobs=2, progress=False)
    assert [next(results) for _ in range(3)] == [0, -1, -2]
    results.close()  # the reader stops early: the pool is closed and the work forgotten
    assert pole_workers._FORKED is None
