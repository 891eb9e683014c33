"""The entry point over many poles: one pole chosen, the timeline on request, options checked first."""

from __future__ import annotations

import pytest

from ptce_graph.metrics.poles import measure_poles, metrics
from ptce_graph.metrics.temporal import pole_timeline
from ptce_graph.model import Pole


def test_every_pole_in_iri_order_or_the_one_asked(kitchen: Pole) -> None:
    other = Pole(id="autre", name="Autre pôle (fictif)")
    graph = kitchen.to_graph()
    other.to_graph(graph)
    both = metrics(graph)
    assert [r.pole for r in both] == sorted(r.pole for r in both)
    [one] = metrics(graph, pole="autre")
    assert one.label == "Autre pôle (fictif)"


def test_the_timeline_only_when_asked(kitchen: Pole) -> None:
    [plain] = measure_poles([kitchen])
    [timed] = measure_poles([kitchen], over_time=True)
    assert plain.timeline is None
    assert timed.timeline == pole_timeline(kitchen)
    assert timed.density == plain.density


def test_options_are_checked_before_any_pole() -> None:
    with pytest.raises(ValueError, match="brokerage_reading"):
        measure_poles([], brokerage_reading="sideways")
    with pytest.raises(ValueError, match="betweenness_k"):
        measure_poles([], betweenness_k=0)
