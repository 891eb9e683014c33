"""Across poles: a comparison table and a registry-level summary.

A registry (a network of PTCE, a regional observatory, the national list)
wants to see its poles side by side and what they add up to: how many actors
in all, how many take part in several poles, and the spread of each measure.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ptce_graph.metrics.graph import LOGICS
from ptce_graph.metrics.results import PoleMetrics, round_value

__all__ = ["COMPARISON_COLUMNS", "SUMMARY_MEASURES", "comparison", "RegistrySummary", "registry_summary"]

#: The columns of the comparison table (flattened measure names).
COMPARISON_COLUMNS: tuple[str, ...] = (
    "actors", "links", "pairs", "density", "components", "isolates", "multiplexity", "mean_degree",
    "transitivity", "degree_centralization", "betweenness_centralization", "ei_index", "blau", "modularity",
)

#: The measures summarised across poles (mean, median, min, max over the poles that have a value).
SUMMARY_MEASURES: tuple[str, ...] = (
    "actors", "links", "pairs", "density", "components", "isolates", "multiplexity", "mean_degree",
    "transitivity", "average_clustering", "degree_centralization", "betweenness_centralization", "ei_index",
    "group_assortativity", "blau", "iqv", "communities", "modularity", "max_core",
    *(f"by_logic.{logic}.density" for logic in LOGICS),
)


def comparison(results: Sequence[PoleMetrics],
               columns: Sequence[str] = COMPARISON_COLUMNS) -> list[dict[str, Any]]:
    """One row per pole: ``pole``, ``label`` and the ``columns`` (``None`` where missing)."""
    return [{"pole": r.pole, "label": r.label, **{c: r.value(c) for c in columns}} for r in results]


@dataclass
class RegistrySummary:
    """What a set of poles adds up to."""

    poles: int
    actors: int  # sum over poles
    distinct_actors: int  # an actor in several poles counted once
    actors_in_several_poles: int
    links: int
    links_by_logic: dict[str, int]
    groups: dict[str, int]
    measures: dict[str, dict[str, float | int | None]] = field(default_factory=dict)

    def to_dict(self, *, rounded: bool = True) -> dict[str, Any]:
        """The summary as JSON data (figures rounded unless ``rounded=False``)."""
        out = {
            "poles": self.poles, "actors": self.actors, "distinct_actors": self.distinct_actors,
            "actors_in_several_poles": self.actors_in_several_poles, "links": self.links,
            "links_by_logic": dict(self.links_by_logic), "groups": dict(self.groups),
            "measures": {k: dict(v) for k, v in self.measures.items()},
        }
        return round_value(out) if rounded else out


def _identity(actor_iri: str, siren: str | None) -> str:
    return f"siren:{siren}" if siren else actor_iri


def registry_summary(results: Sequence[PoleMetrics]) -> RegistrySummary:
    """Totals over the poles and, for each measure, its spread across the poles that have a value.

    An actor is the same in two poles when it has the same IRI or the same
    SIREN (first nine digits of its SIRET).
    """
    poles_of: dict[str, set[str]] = {}
    groups: dict[str, int] = {}
    for r in results:
        for a in r.actor_measures:
            poles_of.setdefault(_identity(a.actor, a.siren), set()).add(r.pole)
        for g, n in r.groups.items():
            groups[g] = groups.get(g, 0) + n
    summary = RegistrySummary(
        poles=len(results),
        actors=sum(r.actors for r in results),
        distinct_actors=len(poles_of),
        actors_in_several_poles=sum(1 for p in poles_of.values() if len(p) > 1),
        links=sum(r.links for r in results),
        links_by_logic={logic: sum(r.by_logic[logic].links for r in results if logic in r.by_logic)
                        for logic in LOGICS},
        groups=groups,
    )
    for name in SUMMARY_MEASURES:
        values = [float(v) for v in (r.value(name) for r in results) if v is not None and not math.isnan(v)]
        summary.measures[name] = {
            "poles": len(values),
            "mean": math.fsum(values) / len(values) if values else None,
            "median": statistics.median(values) if values else None,
            "min": min(values) if values else None,
            "max": max(values) if values else None,
        }
    return summary
