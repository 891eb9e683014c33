"""The measures of every pole of some data, over time when asked: what ``ptce metrics`` calls.

:func:`metrics` reads the poles of any input (:func:`~ptce_graph.metrics.graph.select_poles`);
:func:`measure_poles` measures model poles, each with
:func:`~ptce_graph.metrics.compute.measure_pole` and, with ``over_time``,
its timeline (:func:`~ptce_graph.metrics.temporal.pole_timeline`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rdflib import URIRef

from ptce_graph.metrics import measures as m
from ptce_graph.metrics.compute import BetweennessK, check_options, measure_pole
from ptce_graph.metrics.graph import select_poles
from ptce_graph.metrics.results import PoleMetrics
from ptce_graph.metrics.temporal import pole_timeline
from ptce_graph.model import Pole

__all__ = ["metrics", "measure_poles"]


def metrics(
    data: Any,
    *,
    pole: str | URIRef | Pole | None = None,
    over_time: bool = False,
    betweenness_k: BetweennessK = "auto",
    seed: int = m.DEFAULT_SEED,
    brokerage_reading: str = "symmetric",
    top: int = 5,
) -> list[PoleMetrics]:
    """The cooperation measures of every pole of ``data`` (or of the one ``pole`` names), in IRI order.

    ``data``: an rdflib graph (never modified), a path, a model :class:`Pole`
    or a list of them.  ``pole``: a pole IRI or identifier.  ``over_time``
    adds each pole's :class:`~ptce_graph.metrics.results.PoleTimeline`.
    ``betweenness_k``: ``"auto"`` (exact up to 1000 actors, estimated from
    250 source actors above), ``None`` (always exact) or ``k`` (estimated from
    ``k`` source actors); sources are drawn with ``seed``, and the result says
    when it was estimated (``betweenness_sample``).  ``brokerage_reading``
    is ``symmetric`` (each linked pair as two arcs) or ``directed`` (the
    links' source → target).  ``top`` is the number of top brokers listed.
    """
    return measure_poles(select_poles(data, pole), over_time=over_time, betweenness_k=betweenness_k,
                         seed=seed, brokerage_reading=brokerage_reading, top=top)


def measure_poles(
    poles: Sequence[Pole],
    *,
    over_time: bool = False,
    betweenness_k: BetweennessK = "auto",
    seed: int = m.DEFAULT_SEED,
    brokerage_reading: str = "symmetric",
    top: int = 5,
) -> list[PoleMetrics]:
    """:func:`measure_pole` on each model pole, with its timeline when ``over_time``."""
    check_options(brokerage_reading, betweenness_k)
    results = []
    for model in poles:
        result = measure_pole(model, betweenness_k=betweenness_k, seed=seed,
                              brokerage_reading=brokerage_reading, top=top)
        if over_time:
            result.timeline = pole_timeline(model, betweenness_k=betweenness_k, seed=seed,
                                            brokerage_reading=brokerage_reading, top=top)
        results.append(result)
    return results
