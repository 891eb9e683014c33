"""A pole's cooperation over time: the measures at each date where a link starts or ends.

Rules (``docs/metrics.md`` says the same):

* A link is active on day *d* when it has started (``start.earliest() ≤ d``;
  no start: from the beginning) and not ended (``d ≤ end.latest()``; no end:
  ongoing).  A date known to the month or year stands for its whole span: a
  link of ``2016`` starts on 2016-01-01 and ends on 2016-12-31.
* The snapshot dates are every link start (its earliest day) and the day after
  every link end (the first day without the link), in order.  Links with no
  date at all are active on every snapshot; each snapshot reports how many
  (``undated_links``), so a reader can tell the dated growth from the
  undated background.  A pole whose links carry no date has no snapshot.
* An actor is in the network on day *d* unless its membership period (when the
  data gives one) excludes *d*; an actor with an active link on *d* is always
  in.  Actors without membership dates are there at every snapshot.
"""

from __future__ import annotations

import datetime as _dt
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import networkx as nx
from rdflib import URIRef

from ptce_graph.dates import PartialDate
from ptce_graph.errors import DataWarning
from ptce_graph.metrics import measures as m
from ptce_graph.metrics.compute import BetweennessK, measure_cooperation
from ptce_graph.metrics.graph import _coparticipation, _GraphMaker, _participation, select_poles
from ptce_graph.metrics.results import PoleTimeline, TimePoint
from ptce_graph.model import Link, Pole

__all__ = ["period", "active_on", "snapshot_dates", "Snapshot", "snapshot_sets", "snapshots", "snapshot_density",
           "undated_links", "pole_timeline", "timeline"]


def period(start: PartialDate | None, end: PartialDate | None) -> tuple[_dt.date | None, _dt.date | None]:
    """The first and last day of a period (``None`` for an open bound), partial dates widened."""
    return (start.earliest() if start is not None else None, end.latest() if end is not None else None)


def active_on(start: PartialDate | None, end: PartialDate | None, day: _dt.date) -> bool:
    """True when a period with these bounds covers ``day``."""
    first, last = period(start, end)
    return (first is None or first <= day) and (last is None or day <= last)


def snapshot_dates(links: Iterable[Link]) -> list[_dt.date]:
    """Each day a link starts, and the day after each day a link ends, in order."""
    days: set[_dt.date] = set()
    for link in links:
        first, last = period(link.start, link.end)
        if first is not None:
            days.add(first)
        if last is not None and last < _dt.date.max:
            days.add(last + _dt.timedelta(days=1))
    return sorted(days)


@dataclass(frozen=True)
class Snapshot:
    """The network of a pole on one snapshot date, before any graph is built.

    ``links`` are the links active that day (self-links left out), ``actors``
    the ids of the actors present (the module's rules; the actors of active
    links are added when a graph is built).
    """

    day: _dt.date
    links: list[Link]
    actors: list[str]


def snapshot_sets(pole: Pole) -> Iterator[Snapshot]:
    """The links and actors of the pole's network on each snapshot date: the one place where the rules of the
    module docstring are applied (:func:`snapshots` builds graphs of them, :func:`snapshot_density` counts)."""
    links = [link for link in pole.links if link.source != link.target]
    for link in links:
        first, last = period(link.start, link.end)
        if first is not None and last is not None and last < first:
            warnings.warn(f"{link.iri or link.minted_id()}: the link ends ({link.end}) before it starts "
                          f"({link.start}); it is active on no date", DataWarning, stacklevel=3)
    memberships: dict[str, list[tuple[PartialDate | None, PartialDate | None]]] = {}
    for membership in pole.memberships:
        memberships.setdefault(membership.actor, []).append((membership.start, membership.end))
    for day in snapshot_dates(links):
        active = [link for link in links if active_on(link.start, link.end, day)]
        present = [a.id for a in pole.actors
                   if a.id not in memberships or any(active_on(s, e, day) for s, e in memberships[a.id])]
        yield Snapshot(day, active, present)


def snapshots(pole: Pole) -> Iterator[tuple[_dt.date, nx.MultiGraph]]:
    """The pole's cooperation multigraph as it stood on each snapshot date (rules: module docstring).

    :func:`pole_timeline` measures each graph fully; self-links are left out,
    as by the measures.
    """
    maker = _GraphMaker(pole)
    for snapshot in snapshot_sets(pole):
        yield snapshot.day, maker.graph(links=snapshot.links, actors=snapshot.actors)


def snapshot_density(pole: Pole) -> Iterator[tuple[_dt.date, float | None, int, int]]:
    """``(day, density, actors, links)`` on each snapshot date, counted without building graphs.

    The same numbers as measuring :func:`snapshots` (density of the simple
    graph, None below two actors; its nodes; its links), a graph's cost less:
    what the HTML report's density over time needs.
    """
    ids = {a.id for a in pole.actors}
    for snapshot in snapshot_sets(pole):
        present = set(snapshot.actors) & ids
        pairs = set()
        for link in snapshot.links:
            present.update((link.source, link.target))
            pairs.add((link.source, link.target) if link.source <= link.target else (link.target, link.source))
        n = len(present)
        density = len(pairs) / (n * (n - 1) / 2) if n >= 2 else None
        yield snapshot.day, density, n, len(snapshot.links)


def undated_links(pole: Pole) -> int:
    """Links (self-links excluded) with neither start nor end: present at every snapshot."""
    return sum(1 for link in pole.links if link.source != link.target and link.start is None and link.end is None)


def pole_timeline(
    pole: Pole,
    *,
    betweenness_k: BetweennessK = "auto",
    seed: int = m.DEFAULT_SEED,
    brokerage_reading: str = "symmetric",
    top: int = 5,
) -> PoleTimeline:
    """The measures of a model pole at each snapshot date (see the module docstring)."""
    out = PoleTimeline(pole=str(pole.iri or pole.id), label=pole.name, undated_links=undated_links(pole))
    coparticipation = _coparticipation(_participation(pole))
    for day, graph in snapshots(pole):
        copart = coparticipation.subgraph(graph.nodes()).copy()
        point = measure_cooperation(graph, coparticipation=copart, projects=len(pole.projects),
                                    betweenness_k=betweenness_k, seed=seed,
                                    brokerage_reading=brokerage_reading, top=top)
        point.pole, point.label = out.pole, out.label
        out.points.append(TimePoint(date=day, metrics=point))
    return out


def timeline(
    data: Any,
    *,
    pole: str | URIRef | Pole | None = None,
    betweenness_k: BetweennessK = "auto",
    seed: int = m.DEFAULT_SEED,
    brokerage_reading: str = "symmetric",
    top: int = 5,
) -> list[PoleTimeline]:
    """The timeline of every pole of ``data`` (or of ``pole``).

    Options as for :func:`~ptce_graph.metrics.metrics`.
    """
    return [pole_timeline(model, betweenness_k=betweenness_k, seed=seed, brokerage_reading=brokerage_reading,
                          top=top)
            for model in select_poles(data, pole)]
