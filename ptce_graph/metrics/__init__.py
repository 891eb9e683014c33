"""Cooperation metrics: social network analysis of how a pole's actors cooperate.

The paper's central question is how cooperation — the "intelligence
collective" — works inside a pole.  This package turns a pole's actors and
cooperation links into networkx graphs and measures them, overall and per
logic (mutualisation, interaction, animation, partnership), over time and
across poles.  Formulas, meanings and references: ``docs/metrics.md``.

>>> from ptce_graph.metrics import metrics, cooperation_graph   # doctest: +SKIP
>>> for pole in metrics("bundle/"):                              # doctest: +SKIP
...     print(pole.label, pole.density, pole.by_logic["mutualisation"].density)
"""

from __future__ import annotations

from ptce_graph.metrics.brokerage import READINGS, ROLES, BrokerageResult, brokerage
from ptce_graph.metrics.compare import RegistrySummary, comparison, registry_summary
from ptce_graph.metrics.compute import measure_cooperation, measure_pole
from ptce_graph.metrics.graph import (
    GROUPS,
    LOGICS,
    actor_group,
    cooperation_graph,
    coparticipation_graph,
    participation_graph,
    select_poles,
    write_graphml,
)
from ptce_graph.metrics.measures import DEFAULT_SEED, MeasureUndefined
from ptce_graph.metrics.poles import metrics
from ptce_graph.metrics.render import actors_to_csv, to_csv, to_json, to_table
from ptce_graph.metrics.results import (
    ActorMeasures,
    Broker,
    BrokerageSummary,
    LogicMetrics,
    Missing,
    PoleMetrics,
    PoleTimeline,
    TimePoint,
)
from ptce_graph.metrics.temporal import timeline

__all__ = [
    "metrics",
    "timeline",
    "measure_pole",
    "measure_cooperation",
    "cooperation_graph",
    "participation_graph",
    "coparticipation_graph",
    "write_graphml",
    "select_poles",
    "actor_group",
    "GROUPS",
    "LOGICS",
    "ROLES",
    "READINGS",
    "DEFAULT_SEED",
    "brokerage",
    "BrokerageResult",
    "comparison",
    "registry_summary",
    "RegistrySummary",
    "PoleMetrics",
    "LogicMetrics",
    "BrokerageSummary",
    "Broker",
    "ActorMeasures",
    "Missing",
    "MeasureUndefined",
    "PoleTimeline",
    "TimePoint",
    "to_json",
    "to_csv",
    "actors_to_csv",
    "to_table",
]
