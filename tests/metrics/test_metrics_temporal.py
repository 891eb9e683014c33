"""Over time: snapshot dates from link periods (partial dates widened), undated links, membership periods."""

from __future__ import annotations

import datetime as dt

import pytest

from benchmarks.generate import synthetic_pole
from ptce_graph.dates import PartialDate
from ptce_graph.errors import DataWarning
from ptce_graph.metrics import metrics, timeline
from ptce_graph.metrics.measures import MeasureUndefined, density, simple_graph
from ptce_graph.metrics.temporal import active_on, period, snapshot_dates, snapshot_density, snapshots
from ptce_graph.model import Actor, Link, Pole

D = dt.date


def test_partial_dates_are_widened() -> None:
    assert period(PartialDate(2016), PartialDate(2016)) == (D(2016, 1, 1), D(2016, 12, 31))
    assert period(PartialDate(2015, 2), PartialDate(2016, 2)) == (D(2015, 2, 1), D(2016, 2, 29))
    assert period(None, None) == (None, None)
    assert active_on(PartialDate(2016), PartialDate(2016), D(2016, 12, 31))
    assert not active_on(PartialDate(2016), PartialDate(2016), D(2017, 1, 1))
    assert active_on(None, PartialDate(2016), D(1900, 1, 1))
    assert active_on(PartialDate(2016), None, D(2999, 1, 1))


def test_snapshot_dates() -> None:
    links = [Link(source="a", target="b", logic="animation", start="2014"),
             Link(source="a", target="b", logic="animation", start="2015-03-01", end="2016"),
             Link(source="a", target="b", logic="animation"),
             Link(source="a", target="b", logic="animation", end="2019-05")]
    assert snapshot_dates(links) == [D(2014, 1, 1), D(2015, 3, 1), D(2017, 1, 1), D(2019, 6, 1)]


def test_kitchen_timeline(kitchen: Pole) -> None:
    [r] = metrics(kitchen, over_time=True)
    line = r.timeline
    assert line is not None and line.undated_links == 1 and line.pole == r.pole
    assert [p.date for p in line.points] == [D(2014, 1, 1), D(2015, 3, 1), D(2015, 6, 1), D(2016, 1, 1),
                                             D(2017, 1, 1), D(2018, 1, 1)]
    rows = [(p.metrics.actors, p.metrics.links, p.metrics.pairs, p.metrics.undated_links)
            for p in line.points]
    assert rows == [
        (6, 2, 2, 1),  # l1 and the undated l5; p1 joins only in 2016
        (6, 3, 3, 1),  # + l3 (e1–b1)
        (6, 4, 3, 1),  # + l2 (e1–e2 animation: the pair becomes multiplex)
        (7, 5, 4, 1),  # + l4, and p1's membership starts
        (7, 5, 4, 1),  # l3 ended on 2016-12-31; + l6 (b1–x1)
        (7, 6, 4, 1),  # + l7 (a second mutualisation e1–e2)
    ]
    first = line.points[0].metrics
    assert first.density == pytest.approx(2 / 15)
    assert line.points[2].metrics.multiplexity == pytest.approx(1 / 3)
    assert line.points[4].metrics.by_logic["interaction"].pairs == 1  # only the undated e1–r1 left
    d = r.to_dict()
    assert [p["date"] for p in d["timeline"]] == ["2014-01-01", "2015-03-01", "2015-06-01", "2016-01-01",
                                                  "2017-01-01", "2018-01-01"]
    assert d["timeline"][0]["links"] == 2 and "pole" not in d["timeline"][0]


def test_no_dated_link_gives_no_snapshot() -> None:
    pole = Pole(id="undated", name="Sans dates (fictif)")
    pole.add_actor(Actor(id="a", kind="person"))
    pole.add_actor(Actor(id="b", kind="person"))
    pole.links.append(Link(source="a", target="b", logic="interaction"))
    [line] = timeline(pole)
    assert line.points == [] and line.undated_links == 1


def test_link_ending_before_it_starts_is_warned() -> None:
    pole = Pole(id="backwards", name="À rebours (fictif)")
    pole.add_actor(Actor(id="a", kind="person"))
    pole.add_actor(Actor(id="b", kind="person"))
    pole.links.append(Link(source="a", target="b", logic="interaction", start="2018", end="2016"))
    with pytest.warns(DataWarning, match="before it starts"):
        [line] = timeline(pole)
    assert [p.metrics.links for p in line.points] == [0, 0]


def test_an_actor_with_an_active_link_is_present_whatever_its_membership() -> None:
    pole = Pole(id="early", name="En avance (fictif)")
    pole.add_actor(Actor(id="a", kind="person"))
    pole.add_actor(Actor(id="b", kind="person"), "member", start="2020")
    pole.add_actor(Actor(id="c", kind="person"), "member", start="2020")
    pole.links.append(Link(source="a", target="b", logic="interaction", start="2015"))
    [line] = timeline(pole)
    assert [(p.date, p.metrics.actors) for p in line.points] == [(D(2015, 1, 1), 2)]


def test_snapshot_density_counts_what_the_graphs_measure(kitchen: Pole) -> None:
    """The report's density over time, counted without graphs, equals the density of each snapshot's graph."""
    for pole in [kitchen, *(synthetic_pole(i) for i in range(12))]:
        expected = []
        for day, graph in snapshots(pole):
            try:
                value: float | None = density(simple_graph(graph))
            except MeasureUndefined:
                value = None
            expected.append((day, value, graph.number_of_nodes(), sum(1 for u, v in graph.edges() if u != v)))
        assert list(snapshot_density(pole)) == expected, pole.id
