"""Gould-Fernandez brokerage roles: who mediates between whom, by group.

networkx does not have it.  For every *open two-path* a → v → c (a ≠ c, and no
arc a → c), the broker v gets one role from the groups of a, v and c
(Gould & Fernandez 1989; the counting of R's ``sna::brokerage``):

============== ========== =============================================
role           pattern    v's group against a's and c's
============== ========== =============================================
coordinator    A → A → A  all three in one group (w_I)
itinerant      A → B → A  a and c share a group, v is outside (w_O)
representative A → A → B  v is in a's group, c elsewhere (b_IO)
gatekeeper     A → B → B  v is in c's group, a elsewhere (b_OI)
liaison        A → B → C  three different groups (b_O)
============== ========== =============================================

Two readings of a pole's links:

* ``symmetric`` (the default): each linked pair is two arcs, one each way —
  cooperation goes both ways, and the direction a spreadsheet gives is often
  arbitrary.  Each open two-path a – v – c is then counted twice (a → v → c
  and c → v → a), so representative and gatekeeper counts are always equal;
* ``directed``: the arcs are the links' own direction (``ptce:sourceActor`` →
  ``ptce:targetActor``, the one who offers or hosts → the one who receives).

Expected counts and z-scores compare each role's count with a Bernoulli random
digraph of the same arc density d = arcs / (N(N−1)) and the same group sizes
(the null model of Gould & Fernandez and of ``sna::brokerage``).  The expected
counts are sna's.  The variances are computed exactly, by summing the
covariances of every pair of ordered triples that share an arc slot
(:func:`_moments`); the tests check them against the exhaustive distribution
over all digraphs on four actors.  sna's graph-level variances are closed-form
approximations that can differ (by about 10 % on a 12-actor case), so
graph-level z-scores may differ from sna's; sna's node-level moments are exact
and ours equal them.  In
the symmetric reading arcs come in pairs, not independently, so read the
z-scores there as a description, not a test.
"""

from __future__ import annotations

import functools
import math
from collections import Counter
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import permutations

import networkx as nx

from ptce_graph.metrics.measures import MeasureUndefined

__all__ = ["ROLES", "READINGS", "BrokerageResult", "brokerage", "expected_brokerage"]

#: The five roles, in Gould and Fernandez's order (w_I, w_O, b_IO, b_OI, b_O).
ROLES: tuple[str, ...] = ("coordinator", "itinerant", "representative", "gatekeeper", "liaison")

#: The two readings of a pole's links (see the module docstring).
READINGS: tuple[str, ...] = ("symmetric", "directed")

_KEYS = (*ROLES, "total")


@dataclass
class BrokerageResult:
    """Raw role counts per actor and for the pole, with expectations under the random model."""

    reading: str
    arc_density: float | None
    group_sizes: dict[str, int]
    by_actor: dict[Hashable, dict[str, int]]
    totals: dict[str, int]
    expected: dict[str, float] = field(default_factory=dict)
    sd: dict[str, float] = field(default_factory=dict)
    z: dict[str, float | MeasureUndefined] = field(default_factory=dict)
    by_actor_z: dict[Hashable, dict[str, float | MeasureUndefined]] = field(default_factory=dict)


def _classify(ga: Hashable, gv: Hashable, gc: Hashable) -> str:
    if ga == gv:
        return "coordinator" if gv == gc else "representative"
    if gv == gc:
        return "gatekeeper"
    if ga == gc:
        return "itinerant"
    return "liaison"


def _arcs(graph: nx.Graph, reading: str) -> nx.DiGraph:
    if reading not in READINGS:
        raise ValueError(f"reading must be one of {', '.join(READINGS)}, not {reading!r}")
    arcs = nx.DiGraph()
    arcs.add_nodes_from(graph.nodes())
    if graph.is_directed():
        if reading == "symmetric":
            arcs.add_edges_from((u, v) for u, v in graph.edges() if u != v)
            arcs.add_edges_from((v, u) for u, v in graph.edges() if u != v)
        else:
            arcs.add_edges_from((u, v) for u, v in graph.edges() if u != v)
        return arcs
    if reading == "symmetric":
        for u, v in graph.edges():
            if u != v:
                arcs.add_edge(u, v)
                arcs.add_edge(v, u)
        return arcs
    # Directed reading of an undirected (multi)graph: the links' own direction.
    for u, v, data in graph.edges(data=True):
        s, t = data.get("source_actor", u), data.get("target_actor", v)
        if s != t:
            arcs.add_edge(s, t)
    return arcs


def brokerage(graph: nx.Graph, groups: Mapping[Hashable, str], *,
              reading: str = "symmetric") -> BrokerageResult:
    """Gould-Fernandez brokerage counts of every actor of ``graph``.

    ``graph`` is the cooperation multigraph (its ``source_actor`` /
    ``target_actor`` edge attributes give the direction for the ``directed``
    reading), a simple graph, or a DiGraph.  ``groups`` maps each node to its
    group.  Counts are raw numbers of ordered open two-paths a → v → c.
    """
    arcs = _arcs(graph, reading)
    by_actor: dict[Hashable, dict[str, int]] = {}
    for v in sorted(arcs.nodes(), key=str):
        counts = dict.fromkeys(ROLES, 0)
        gv = groups[v]
        successors = [c for c in arcs.successors(v) if c != v]
        for a in arcs.predecessors(v):
            if a == v:
                continue
            ga = groups[a]
            for c in successors:
                if c == a or arcs.has_edge(a, c):
                    continue
                counts[_classify(ga, gv, groups[c])] += 1
        counts_total = {**counts, "total": sum(counts.values())}
        by_actor[v] = counts_total
    totals = {key: sum(c[key] for c in by_actor.values()) for key in _KEYS}
    n = arcs.number_of_nodes()
    sizes = dict(sorted(Counter(groups[v] for v in arcs.nodes()).items()))
    result = BrokerageResult(reading=reading, arc_density=None, group_sizes=sizes, by_actor=by_actor,
                             totals=totals)
    d = arcs.number_of_edges() / (n * (n - 1)) if n >= 2 else 0.0
    if n >= 2:
        result.arc_density = d
    if n < 3:
        # No ordered triple of three actors: every count is 0 and so is its expectation; z has no meaning.
        result.expected = dict.fromkeys(_KEYS, 0.0)
        result.sd = dict.fromkeys(_KEYS, 0.0)
        undefined = MeasureUndefined("no-actors") if n == 0 else MeasureUndefined("too-few-actors", 3)
        result.z = dict.fromkeys(_KEYS, undefined)
        result.by_actor_z = {v: dict.fromkeys(_KEYS, undefined) for v in by_actor}
        return result
    expected, variance = expected_brokerage(list(sizes.values()), d)
    result.expected = expected
    result.sd = {key: math.sqrt(max(variance[key], 0.0)) for key in _KEYS}
    result.z = {key: _z(totals[key], expected[key], variance[key]) for key in _KEYS}
    group_moments = {g: _group_moments(sizes, g, d) for g in sizes}
    for v, counts in by_actor.items():
        e, var = group_moments[groups[v]]
        result.by_actor_z[v] = {key: _z(counts[key], e[key], var[key]) for key in _KEYS}
    return result


def _z(observed: float, expected: float, variance: float) -> float | MeasureUndefined:
    if not variance > 1e-12:
        return MeasureUndefined("no-variance")
    return (observed - expected) / math.sqrt(variance)


def _falling(n: int, k: int) -> int:
    out = 1
    for i in range(k):
        out *= n - i
    return max(out, 0)


def _requirements(a: int, v: int, c: int) -> dict[tuple[int, int], int]:
    """The arc states an open two-path a → v → c needs: a → v and v → c present, a → c absent."""
    return {(a, v): 1, (v, c): 1, (a, c): 0}


def _overlap_patterns() -> list[tuple[tuple[int, int, int], int, int, int]]:
    """Every way a second ordered triple can share an arc slot with the triple (0, 1, 2).

    A triple that shares a slot has at least two of its nodes among 0, 1, 2, so
    at most one other node (3).  Returns (triple, distinct nodes, present arcs,
    absent arcs) for the consistent overlaps, and ones with ``-1`` arcs for
    the contradictory overlaps (both cannot be open two-paths).
    """
    first = _requirements(0, 1, 2)
    out = []
    for triple in permutations(range(4), 3):
        second = _requirements(*triple)
        if not set(first) & set(second):
            continue  # no shared arc slot: independent
        nodes = 4 if 3 in triple else 3
        if any(first[slot] != state for slot, state in second.items() if slot in first):
            out.append((triple, nodes, -1, -1))
            continue
        union = {**first, **second}
        out.append((triple, nodes, sum(union.values()), len(union) - sum(union.values())))
    return out


_PATTERNS = _overlap_patterns()


def _set_partitions(n: int) -> list[tuple[int, ...]]:
    """Every partition of nodes 0..n-1, as block labels in order of first appearance (1, 2, 5, 15)."""
    out: list[tuple[int, ...]] = [(0,)]
    for _ in range(n - 1):
        out = [(*labels, b) for labels in out for b in range(max(labels) + 2)]
    return out


_PARTITIONS = {3: _set_partitions(3), 4: _set_partitions(4)}


@functools.lru_cache(maxsize=512)
def _partition_weights(sizes: tuple[int, ...], broker_group: int | None) -> dict[tuple[int, ...], int]:
    """How many ways to place nodes 0..n-1 (n = 3, 4) in the groups with exactly each equality pattern.

    A node's role only depends on which of its nodes share a group, so the
    sums over group assignments of :func:`_moments` group by the partition of
    the nodes into equal groups: blocks go to distinct groups, a block of b
    nodes in a group of s actors in s(s-1)...(s-b+1) ways.  With
    ``broker_group``, node 1 is that one actor of the group (the node-level
    moments): its block goes to that group, where one fewer actor is left.
    """
    g = len(sizes)
    # falling[b][group]: the ways to seat b distinct nodes in a group (b <= 4 nodes).
    falling = [[_falling(size, b) for size in sizes] for b in range(5)]
    free = [x for x in range(g) if x != broker_group]
    weights: dict[tuple[int, ...], int] = {}
    # The count only depends on the sizes of the blocks (and of the broker's): partitions of the
    # same shape (6 of the 15 partitions of 4 nodes are one pair and two singletons) share it.
    by_shape: dict[tuple[int, tuple[int, ...]], int] = {}
    for _n, partitions in _PARTITIONS.items():
        for labels in partitions:
            blocks = Counter(labels)
            pinned = labels[1] if broker_group is not None else None
            shape = (blocks[pinned] if pinned is not None else 0,
                     tuple(sorted(blocks[b] for b in range(len(blocks)) if b != pinned)))
            total = by_shape.get(shape)
            if total is None:
                total = by_shape[shape] = _placements(shape, falling, sizes, broker_group, free, g)
            if total:
                weights[labels] = total
    return weights


def _placements(shape: tuple[int, tuple[int, ...]], falling: list[list[int]], sizes: tuple[int, ...],
                broker_group: int | None, free: list[int], g: int) -> int:
    """The ways to seat blocks of these sizes in distinct groups (the broker's block in its group)."""
    pinned_size, others = shape
    groups: Sequence[int]
    if broker_group is None:
        base, groups = 1, range(g)
    else:
        base, groups = _falling(sizes[broker_group] - 1, pinned_size - 1), free
    rows = [falling[b] for b in others]
    total = 0
    for chosen in permutations(groups, len(rows)):
        w = base
        for row, group in zip(rows, chosen, strict=True):
            w *= row[group]
        total += w
    return total


@functools.lru_cache(maxsize=512)
def _moments(sizes: tuple[int, ...], d: float,
             broker_group: int | None) -> tuple[dict[str, float], dict[str, float]]:
    """Exact mean and variance of each role count under a Bernoulli digraph of density ``d``.

    X_R = Σ I_t over the ordered triples t = (a, v, c) of role R, I_t = 1 when
    t is an open two-path, P(I_t = 1) = p = d²(1 − d).  Var X_R = Σ_t Σ_s
    Cov(I_t, I_s), where only triples sharing an arc slot covary.  Triples are
    counted by which of their nodes share a group (:func:`_partition_weights`).
    With ``broker_group``, the moments of one actor of that group as broker
    (the node-level counts).
    """
    p = d * d * (1 - d)
    e = dict.fromkeys(_KEYS, 0.0)
    var = dict.fromkeys(_KEYS, 0.0)
    weights = _partition_weights(sizes, broker_group)
    for labels, w in weights.items():
        if len(labels) == 3:
            role = _classify(*labels)
            e[role] += p * w
            e["total"] += p * w
    for (x, y, z), nodes, present, absent in _PATTERNS:
        if broker_group is not None and y != 1:
            continue  # at node level both triples have the same broker
        cov = -p * p if present < 0 else d ** present * (1 - d) ** absent - p * p
        if cov == 0:
            continue
        for labels, w in weights.items():
            if len(labels) != nodes:
                continue
            first = _classify(labels[0], labels[1], labels[2])
            second = _classify(labels[x], labels[y], labels[z])
            if first == second:
                var[first] += w * cov
            var["total"] += w * cov
    return e, var


def expected_brokerage(sizes: list[int], d: float) -> tuple[dict[str, float], dict[str, float]]:
    """Expected count and exact variance of each role for the whole graph, under a Bernoulli digraph.

    ``sizes`` are the group sizes, ``d`` the arc density.  The expected counts
    are those of ``sna::brokerage``; the variances are exact (see
    :func:`_moments`), where sna uses approximations at graph level.
    """
    e, v = _moments(tuple(sizes), d, None)
    return dict(e), dict(v)  # copies: the moments are cached


def _group_moments(sizes: Mapping[str, int], group: str,
                   d: float) -> tuple[dict[str, float], dict[str, float]]:
    """Expected count and exact variance of each role for one actor of ``group`` as broker."""
    names = list(sizes)
    e, v = _moments(tuple(sizes[n] for n in names), d, names.index(group))
    return dict(e), dict(v)
