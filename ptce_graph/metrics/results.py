"""What the cooperation metrics of a pole are: typed results and their JSON form.

A measure that has no value is ``None`` and has an entry in ``missing`` (metric
→ :class:`Missing`, the reason in French and English), never a made-up 0.
:meth:`PoleMetrics.to_dict` gives the JSON object of ``ptce metrics -f json``
with its fixed key names and order; floats are rounded to
:data:`FLOAT_DIGITS` decimal places there (the Python objects keep full
precision).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Any

from ptce_graph.metrics.measures import REASONS

__all__ = [
    "FLOAT_DIGITS",
    "Missing",
    "Broker",
    "ActorMeasures",
    "BrokerageSummary",
    "LogicMetrics",
    "PoleMetrics",
    "TimePoint",
    "PoleTimeline",
    "round_value",
]

#: Decimal places of floats in JSON and CSV output.
FLOAT_DIGITS = 6


def round_value(value: Any, digits: int = FLOAT_DIGITS) -> Any:
    """Round floats (recursively in dicts and lists) for output; −0.0 becomes 0.0."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, float):
        rounded = round(value, digits)
        return 0.0 if rounded == 0 else rounded
    if isinstance(value, dict):
        return {k: round_value(v, digits) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [round_value(v, digits) for v in value]
    return value


@dataclass(frozen=True)
class Missing:
    """Why a measure has no value: a code of :data:`~ptce_graph.metrics.measures.REASONS`."""

    code: str
    k: object = None

    def reason(self, lang: str = "fr") -> str:
        """Why the measure has no value, in ``lang``."""
        fr, en = REASONS[self.code]
        return (fr if lang == "fr" else en).format(k=self.k)


@dataclass(frozen=True)
class Broker:
    """An actor among the pole's top brokers by betweenness."""

    actor: str  # node id (IRI)
    id: str
    label: str
    group: str
    betweenness: float

    def to_dict(self) -> dict[str, Any]:
        """The broker as JSON data."""
        return {"actor": self.actor, "id": self.id, "label": self.label, "group": self.group,
                "betweenness": self.betweenness}


@dataclass
class ActorMeasures:
    """The position of one actor in its pole's cooperation graph."""

    actor: str  # node id (IRI)
    id: str
    label: str
    kind: str
    ess: str
    relation: str
    group: str
    partners: int  # degree in the simple graph
    links: int  # links it takes part in (multigraph degree, self-links excluded)
    logics: list[str]
    betweenness: float | None
    core: int | None
    community: int | None  # index in PoleMetrics community order, None for an isolated actor
    brokerage: dict[str, int]
    siren: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The actor's measures as JSON data."""
        return {
            "actor": self.actor, "id": self.id, "label": self.label, "kind": self.kind, "ess": self.ess,
            "relation": self.relation, "group": self.group, "partners": self.partners, "links": self.links,
            "logics": list(self.logics), "betweenness": self.betweenness, "core": self.core,
            "community": self.community, "brokerage": dict(self.brokerage),
        }


@dataclass
class BrokerageSummary:
    """Gould-Fernandez role counts of the pole, with expectations and z-scores under the random model."""

    reading: str
    arc_density: float | None
    counts: dict[str, int]
    expected: dict[str, float | None]
    z: dict[str, float | None]

    def to_dict(self) -> dict[str, Any]:
        """The brokerage counts as JSON data."""
        return {"reading": self.reading, "arc_density": self.arc_density, "counts": dict(self.counts),
                "expected": dict(self.expected), "z": dict(self.z)}


#: The measures computed on each logic's graph, in output order.
LOGIC_FIELDS: tuple[str, ...] = (
    "links", "pairs", "density", "components", "isolates", "mean_degree", "transitivity",
    "average_clustering", "degree_centralization", "betweenness_centralization", "ei_index",
)


@dataclass
class LogicMetrics:
    """Measures of one logic's graph: the pairs joined by a link of that logic, every actor kept."""

    logic: str
    links: int = 0
    pairs: int = 0
    density: float | None = None
    components: int = 0
    isolates: int = 0
    mean_degree: float | None = None
    transitivity: float | None = None
    average_clustering: float | None = None
    degree_centralization: float | None = None
    betweenness_centralization: float | None = None
    ei_index: float | None = None

    def to_dict(self) -> dict[str, Any]:
        """The measures of one logic as JSON data."""
        return {name: getattr(self, name) for name in LOGIC_FIELDS}


#: The scalar measures of a pole, in output order (JSON keys after pole and label).
SCALAR_FIELDS: tuple[str, ...] = (
    "actors", "members", "partners", "links", "undated_links", "pairs", "density", "components", "isolates",
    "multiplex_pairs", "multiplexity", "mean_degree", "transitivity", "average_clustering",
    "degree_centralization", "betweenness_centralization", "betweenness_sample", "ei_index",
    "group_assortativity", "blau", "iqv", "communities", "modularity", "max_core", "main_core_size",
    "projects", "coparticipation_pairs", "coparticipation_density",
)


@dataclass
class PoleMetrics:
    """The cooperation measures of one pole (or of one pole at one date, in a timeline)."""

    pole: str
    label: str | None
    actors: int = 0
    members: int = 0
    partners: int = 0
    links: int = 0
    undated_links: int = 0
    pairs: int = 0
    density: float | None = None
    components: int = 0
    isolates: int = 0
    multiplex_pairs: int = 0
    multiplexity: float | None = None
    mean_degree: float | None = None
    transitivity: float | None = None
    average_clustering: float | None = None
    degree_centralization: float | None = None
    betweenness_centralization: float | None = None
    betweenness_sample: int | None = None  # k when betweenness was estimated from k sources
    top_brokers: list[Broker] = field(default_factory=list)
    brokerage: BrokerageSummary | None = None
    ei_index: float | None = None
    ei_by_group: dict[str, float | None] = field(default_factory=dict)
    group_assortativity: float | None = None
    groups: dict[str, int] = field(default_factory=dict)
    blau: float | None = None
    iqv: float | None = None
    communities: int | None = None
    community_sizes: list[int] = field(default_factory=list)
    modularity: float | None = None
    max_core: int | None = None
    main_core_size: int | None = None
    projects: int = 0
    coparticipation_pairs: int = 0
    coparticipation_density: float | None = None
    by_logic: dict[str, LogicMetrics] = field(default_factory=dict)
    missing: dict[str, Missing] = field(default_factory=dict)
    actor_measures: list[ActorMeasures] = field(default_factory=list)
    timeline: PoleTimeline | None = None

    def value(self, path: str) -> Any:
        """A measure by its flattened name: ``density``, ``by_logic.mutualisation.density``…"""
        head, _, rest = path.partition(".")
        if head == "by_logic" and rest:
            logic, _, name = rest.partition(".")
            return getattr(self.by_logic[logic], name)
        if head in ("groups", "ei_by_group") and rest:
            return getattr(self, head).get(rest)
        if head == "brokerage" and rest:
            if self.brokerage is None:
                return None
            part, _, role = rest.partition(".")
            if part in ("counts", "expected", "z") and role:
                return getattr(self.brokerage, part).get(role)
            return getattr(self.brokerage, part)
        return getattr(self, path)

    def to_dict(self, *, lang: str = "fr", actors: bool = False, rounded: bool = True) -> dict[str, Any]:
        """The JSON object of this pole: the issue's key names, missing values null with their reason."""
        out: dict[str, Any] = {"pole": self.pole, "label": self.label}
        for name in SCALAR_FIELDS:
            out[name] = getattr(self, name)
        out["community_sizes"] = list(self.community_sizes)
        out["groups"] = dict(self.groups)
        out["ei_by_group"] = dict(self.ei_by_group)
        out["top_brokers"] = [b.to_dict() for b in self.top_brokers]
        out["brokerage"] = self.brokerage.to_dict() if self.brokerage is not None else None
        out["by_logic"] = {logic: m.to_dict() for logic, m in self.by_logic.items()}
        out["missing"] = {name: self.missing[name].reason(lang) for name in sorted(self.missing)}
        if actors:
            out["actor_measures"] = [a.to_dict() for a in self.actor_measures]
        if self.timeline is not None:
            out["timeline"] = self.timeline.to_dict(lang=lang, rounded=False)
        return round_value(out) if rounded else out


@dataclass
class TimePoint:
    """The pole's cooperation network as it stood on one date."""

    date: _dt.date
    metrics: PoleMetrics

    def to_dict(self, *, lang: str = "fr", rounded: bool = True) -> dict[str, Any]:
        """The snapshot as JSON data."""
        body = self.metrics.to_dict(lang=lang, rounded=False)
        del body["pole"], body["label"]
        out = {"date": self.date.isoformat(), **body}
        return round_value(out) if rounded else out


@dataclass
class PoleTimeline:
    """A pole's measures at each date where one of its links starts or ends."""

    pole: str
    label: str | None
    undated_links: int
    points: list[TimePoint] = field(default_factory=list)

    def to_dict(self, *, lang: str = "fr", rounded: bool = True) -> list[dict[str, Any]]:
        """The timeline as JSON data."""
        return [p.to_dict(lang=lang, rounded=rounded) for p in self.points]
