"""Compute every cooperation measure of a pole, recording what cannot be computed.

:func:`measure_pole` measures one model pole; :func:`measure_cooperation`
does the work on a networkx cooperation multigraph
and is usable without RDF.  Each measure is computed on its own: one that has
no value (or fails) is recorded in ``PoleMetrics.missing`` with its reason and
the others go on.
"""

from __future__ import annotations

import warnings
from collections import Counter
from collections.abc import Callable, Hashable, Sequence
from typing import Any, Literal

import networkx as nx

from ptce_graph.errors import DataWarning
from ptce_graph.metrics import measures as m
from ptce_graph.metrics.brokerage import READINGS, ROLES, brokerage
from ptce_graph.metrics.graph import (
    GROUPS,
    LOGICS,
    _coparticipation,
    _participation,
    pole_graph,
)
from ptce_graph.metrics.results import (
    ActorMeasures,
    Broker,
    BrokerageSummary,
    LogicMetrics,
    Missing,
    PoleMetrics,
)
from ptce_graph.model import Pole

__all__ = ["measure_pole", "measure_cooperation", "check_options", "resolve_sample",
           "AUTO_EXACT_LIMIT", "AUTO_SAMPLE"]


class _Recorder:
    """Runs one measure at a time; an undefined or failing measure becomes a Missing entry."""

    def __init__(self, missing: dict[str, Missing], prefix: str = "") -> None:
        self.missing = missing
        self.prefix = prefix

    def child(self, prefix: str) -> _Recorder:
        return _Recorder(self.missing, f"{self.prefix}{prefix}.")

    def note(self, name: str, undefined: m.MeasureUndefined) -> None:
        self.missing[self.prefix + name] = Missing(undefined.code, undefined.k)

    def take(self, name: str, func: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except m.MeasureUndefined as undefined:
            self.note(name, undefined)
        except Exception as exc:  # noqa: BLE001 - one failing measure must not lose the others
            warnings.warn(f"metric {self.prefix}{name}: {type(exc).__name__}: {exc}", RuntimeWarning,
                          stacklevel=2)
            self.missing[self.prefix + name] = Missing("failed", type(exc).__name__)
        return None


#: ``betweenness_k="auto"``: exact betweenness up to this many actors, sampled above.
AUTO_EXACT_LIMIT = 1000
#: ``betweenness_k="auto"``: the number of source actors sampled above :data:`AUTO_EXACT_LIMIT`.
AUTO_SAMPLE = 250

BetweennessK = int | None | Literal["auto"]


def check_options(reading: str, betweenness_k: BetweennessK) -> None:
    """ValueError unless the brokerage reading and betweenness sample size are valid."""
    if reading not in READINGS:
        raise ValueError(f"brokerage_reading must be one of {', '.join(READINGS)}, not {reading!r}")
    if betweenness_k == "auto" or betweenness_k is None:
        return
    if isinstance(betweenness_k, bool) or not isinstance(betweenness_k, int) or betweenness_k < 1:
        raise ValueError("betweenness_k must be 'auto', None (exact) or a whole number ≥ 1, "
                         f"not {betweenness_k!r}")


def resolve_sample(betweenness_k: BetweennessK, actors: int) -> int | None:
    """The number of sampled source actors for a graph of ``actors`` nodes, or None for exact betweenness.

    ``"auto"``: exact up to :data:`AUTO_EXACT_LIMIT` actors, :data:`AUTO_SAMPLE`
    sources above; ``None``: always exact; ``k``: k sources when k < actors.
    """
    if betweenness_k == "auto":
        return AUTO_SAMPLE if actors > AUTO_EXACT_LIMIT else None
    if betweenness_k is None or betweenness_k >= actors:
        return None
    return int(betweenness_k)


def measure_cooperation(
    multigraph: nx.Graph,
    *,
    coparticipation: nx.Graph | None = None,
    projects: int = 0,
    betweenness_k: BetweennessK = "auto",
    seed: int = m.DEFAULT_SEED,
    brokerage_reading: str = "symmetric",
    top: int = 5,
    group_names: Sequence[str] = GROUPS,
) -> PoleMetrics:
    """Every measure of a cooperation graph (see :func:`~ptce_graph.metrics.graph.cooperation_graph`).

    Node attributes read: ``group`` (``other`` when absent), ``relation``,
    ``id``, ``label``, ``kind``, ``ess``; edge attributes: ``logic``, ``start``,
    ``end``, ``source_actor``/``target_actor`` (directed brokerage reading).
    ``coparticipation`` is the actors' co-participation graph, ``projects`` the
    number of projects.
    """
    check_options(brokerage_reading, betweenness_k)
    graph_attrs = multigraph.graph
    result = PoleMetrics(pole=str(graph_attrs.get("pole", "")), label=graph_attrs.get("label"))
    rec = _Recorder(result.missing)
    nodes = sorted(multigraph.nodes(), key=str)
    attrs = {v: multigraph.nodes[v] for v in nodes}
    groups: dict[Hashable, str] = {v: str(attrs[v].get("group", "other")) for v in nodes}

    n = len(nodes)
    result.actors = n
    relations = Counter(str(attrs[v].get("relation", "none")) for v in nodes)
    result.members, result.partners = relations["member"], relations["partner"]
    edges = [(u, v, d) for u, v, d in multigraph.edges(data=True) if u != v]
    result.links = len(edges)
    result.undated_links = sum(1 for _, _, d in edges if "start" not in d and "end" not in d)

    simple = m.simple_graph(multigraph)
    result.pairs = m.pairs(simple)
    result.density = rec.take("density", m.density, simple)
    result.components = m.components(simple)
    result.isolates = m.isolates(simple)
    result.multiplex_pairs = m.multiplex_pairs(simple)
    result.multiplexity = rec.take("multiplexity", m.multiplexity, simple)
    result.mean_degree = rec.take("mean_degree", m.mean_degree, simple)
    result.transitivity = rec.take("transitivity", m.transitivity, simple)
    result.average_clustering = rec.take("average_clustering", m.average_clustering, simple)
    result.degree_centralization = rec.take("degree_centralization", m.degree_centralization, simple)

    sample = resolve_sample(betweenness_k, n)
    result.betweenness_sample = sample
    between = rec.take("betweenness", m.betweenness, simple, k=sample, seed=seed) or {}
    result.betweenness_centralization = rec.take("betweenness_centralization", m.betweenness_centralization,
                                                 simple, values=between)
    result.top_brokers = [
        Broker(actor=str(v), id=str(attrs[v].get("id", v)), label=str(attrs[v].get("label", v)),
               group=groups[v], betweenness=b)
        for v, b in m.top_brokers(between, limit=top)
    ]

    names = list(dict.fromkeys([*group_names, *sorted(set(groups.values()))]))
    counts = Counter(groups.values())
    result.groups = {g: counts.get(g, 0) for g in names}
    result.ei_index = rec.take("ei_index", m.ei_index, simple, groups)
    for g, value in m.ei_by_group(simple, groups, names).items():
        if isinstance(value, m.MeasureUndefined):
            rec.child("ei_by_group").note(g, value)
            result.ei_by_group[g] = None
        else:
            result.ei_by_group[g] = value
    result.group_assortativity = rec.take("group_assortativity", m.group_assortativity, simple, groups)
    result.blau = rec.take("blau", m.blau, groups.values())
    result.iqv = rec.take("iqv", m.iqv, groups.values(), len(names))

    broker = rec.take("brokerage", brokerage, multigraph, groups, reading=brokerage_reading)
    if broker is not None:
        zrec = rec.child("brokerage").child("z")
        z: dict[str, float | None] = {}
        for key, value in broker.z.items():
            if isinstance(value, m.MeasureUndefined):
                zrec.note(key, value)
                z[key] = None
            else:
                z[key] = value
        if broker.arc_density is None:
            code = m.MeasureUndefined("no-actors") if n == 0 else m.MeasureUndefined("too-few-actors", 2)
            rec.child("brokerage").note("arc_density", code)
        result.brokerage = BrokerageSummary(
            reading=brokerage_reading, arc_density=broker.arc_density, counts=dict(broker.totals),
            expected={k: broker.expected.get(k) for k in (*ROLES, "total")}, z=z)

    found = rec.take("communities", m.louvain_communities, simple, seed=seed)
    community_of: dict[Hashable, int] = {}
    if found is not None:
        result.communities = len(found)
        result.community_sizes = [len(c) for c in found]
        community_of = {v: i for i, c in enumerate(found) for v in c}
        result.modularity = rec.take("modularity", m.modularity, simple, found)
    else:
        result.missing["modularity"] = result.missing["communities"]
    core = rec.take("max_core", m.max_core, simple)
    if core is not None:
        result.max_core, result.main_core_size = core
    else:
        result.missing["main_core_size"] = result.missing["max_core"]
    cores = m.core_numbers(simple) if n else {}

    for logic in LOGICS:
        count = sum(1 for _, _, d in edges if d.get("logic") == logic)
        logic_rec = rec.child("by_logic").child(logic)
        result.by_logic[logic] = _logic_metrics(simple, logic, count, groups, logic_rec, sample, seed)

    result.projects = projects
    if coparticipation is not None:
        result.coparticipation_pairs = coparticipation.number_of_edges()
        if projects == 0:
            result.missing["coparticipation_density"] = Missing("no-projects")
        else:
            result.coparticipation_density = rec.take("coparticipation_density", m.density, coparticipation)

    link_counts: Counter[Hashable] = Counter()
    logics_of: dict[Hashable, set[str]] = {v: set() for v in nodes}
    for u, v, d in edges:
        link_counts[u] += 1
        link_counts[v] += 1
        if "logic" in d:
            logics_of[u].add(str(d["logic"]))
            logics_of[v].add(str(d["logic"]))
    by_actor = broker.by_actor if broker is not None else {}
    for v in nodes:
        a = attrs[v]
        result.actor_measures.append(ActorMeasures(
            actor=str(v), id=str(a.get("id", v)), label=str(a.get("label", v)),
            kind=str(a.get("kind", "unknown")), ess=str(a.get("ess", "unknown")),
            relation=str(a.get("relation", "none")), group=groups[v],
            partners=simple.degree(v), links=link_counts[v], logics=sorted(logics_of[v]),
            betweenness=between.get(v), core=cores.get(v), community=community_of.get(v),
            brokerage=dict(by_actor.get(v, dict.fromkeys((*ROLES, "total"), 0))),
            siren=a.get("siren"),
        ))
    return result


def _logic_metrics(simple: nx.Graph, logic: str, links: int, groups: dict[Hashable, str], rec: _Recorder,
                   sample: int | None, seed: int) -> LogicMetrics:
    sub = m.logic_subgraph(simple, logic)
    out = LogicMetrics(logic=logic, links=links, pairs=m.pairs(sub), components=m.components(sub),
                       isolates=m.isolates(sub))
    out.density = rec.take("density", m.density, sub)
    out.mean_degree = rec.take("mean_degree", m.mean_degree, sub)
    out.transitivity = rec.take("transitivity", m.transitivity, sub)
    out.average_clustering = rec.take("average_clustering", m.average_clustering, sub)
    out.degree_centralization = rec.take("degree_centralization", m.degree_centralization, sub)
    out.betweenness_centralization = rec.take("betweenness_centralization", m.betweenness_centralization, sub,
                                              k=sample, seed=seed)
    out.ei_index = rec.take("ei_index", m.ei_index, sub, groups)
    return out


def measure_pole(
    pole: Pole,
    *,
    betweenness_k: BetweennessK = "auto",
    seed: int = m.DEFAULT_SEED,
    brokerage_reading: str = "symmetric",
    top: int = 5,
) -> PoleMetrics:
    """Every measure of a model pole (as read by :meth:`Pole.from_graph`)."""
    graph = pole_graph(pole)
    loops = [link for link in pole.links if link.source == link.target]
    for link in loops:
        warnings.warn(f"{link.iri or link.minted_id()}: a cooperation link from actor {link.source!r} "
                      "to itself; "
                      "not counted by the metrics", DataWarning, stacklevel=2)
    result = measure_cooperation(
        graph,
        coparticipation=_coparticipation(_participation(pole)),
        projects=len(pole.projects),
        betweenness_k=betweenness_k,
        seed=seed,
        brokerage_reading=brokerage_reading,
        top=top,
    )
    result.pole = str(pole.iri or pole.id)
    result.label = pole.name
    return result
