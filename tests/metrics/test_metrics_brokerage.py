"""Gould-Fernandez brokerage: the five textbook two-paths, both readings, and the random-model moments."""

from __future__ import annotations

import itertools
import math

import networkx as nx
import pytest

from ptce_graph.metrics.brokerage import ROLES, _classify, _group_moments, brokerage, expected_brokerage
from ptce_graph.metrics.measures import MeasureUndefined

ZERO = dict.fromkeys(ROLES, 0)


def digraph(arcs: list[tuple[str, str]], nodes: list[str] = ()) -> nx.DiGraph:
    g = nx.DiGraph()
    g.add_nodes_from(nodes)
    g.add_edges_from(arcs)
    return g


@pytest.mark.parametrize(
    ("groups", "role"),
    [
        ({"a": "A", "v": "A", "c": "A"}, "coordinator"),  # A → A → A
        ({"a": "A", "v": "B", "c": "A"}, "itinerant"),  # A → B → A
        ({"a": "A", "v": "A", "c": "B"}, "representative"),  # A → A → B
        ({"a": "A", "v": "B", "c": "B"}, "gatekeeper"),  # A → B → B
        ({"a": "A", "v": "B", "c": "C"}, "liaison"),  # A → B → C
    ],
)
def test_textbook_two_path(groups: dict[str, str], role: str) -> None:
    result = brokerage(digraph([("a", "v"), ("v", "c")]), groups, reading="directed")
    assert result.by_actor["v"] == {**ZERO, role: 1, "total": 1}
    assert result.by_actor["a"]["total"] == 0 and result.by_actor["c"]["total"] == 0
    assert result.totals == {**ZERO, role: 1, "total": 1}


def test_closed_two_path_is_no_brokerage() -> None:
    groups = {"a": "A", "v": "B", "c": "C"}
    closed = brokerage(digraph([("a", "v"), ("v", "c"), ("a", "c")]), groups, reading="directed")
    assert closed.totals["total"] == 0
    # only a → c closes a → v → c: the reverse arc c → a does not
    reverse = brokerage(digraph([("a", "v"), ("v", "c"), ("c", "a")]), groups, reading="directed")
    # a→v→c is open, and so are v→c→a (c brokers) and c→a→v (a brokers)
    assert reverse.by_actor["v"]["liaison"] == 1
    assert reverse.by_actor["c"]["liaison"] == 1 and reverse.by_actor["a"]["liaison"] == 1


def test_symmetric_reading_counts_both_directions() -> None:
    # a – v – c undirected, groups A A B: a→v→c is representative, c→v→a is gatekeeper
    g = nx.Graph([("a", "v"), ("v", "c")])
    result = brokerage(g, {"a": "A", "v": "A", "c": "B"})
    assert result.reading == "symmetric"
    assert result.by_actor["v"] == {**ZERO, "representative": 1, "gatekeeper": 1, "total": 2}


def test_symmetric_star_of_an_outsider_is_itinerant() -> None:
    # a centre of group B and three leaves of group A: 3 × 2 ordered pairs of leaves
    g = nx.star_graph(["v", "a1", "a2", "a3"])
    groups = {"v": "B", "a1": "A", "a2": "A", "a3": "A"}
    result = brokerage(g, groups)
    assert result.by_actor["v"] == {**ZERO, "itinerant": 6, "total": 6}


def test_directed_reading_of_a_cooperation_multigraph() -> None:
    # links a→v (mutualisation), v→c (animation), plus c→v (interaction): direction from the links
    g = nx.MultiGraph()
    g.add_edge("a", "v", key="mutualisation", logic="mutualisation", source_actor="a", target_actor="v")
    g.add_edge("v", "c", key="animation", logic="animation", source_actor="v", target_actor="c")
    g.add_edge("c", "v", key="interaction", logic="interaction", source_actor="c", target_actor="v")
    groups = {"a": "A", "v": "B", "c": "B"}
    directed = brokerage(g, groups, reading="directed")
    assert directed.by_actor["v"] == {**ZERO, "gatekeeper": 1, "total": 1}  # a → v → c only
    symmetric = brokerage(g, groups, reading="symmetric")
    assert symmetric.by_actor["v"] == {**ZERO, "gatekeeper": 1, "representative": 1, "total": 2}


def test_unknown_reading_is_refused() -> None:
    with pytest.raises(ValueError):
        brokerage(nx.Graph(), {}, reading="sideways")


def test_expected_counts_by_hand() -> None:
    # one group of 3, density d: 3·2·1 ordered triples, each open with p = d²(1−d)
    d = 0.5
    expected, variance = expected_brokerage([3], d)
    p = d * d * (1 - d)
    assert expected["coordinator"] == pytest.approx(6 * p)
    assert expected["total"] == pytest.approx(6 * p)
    assert expected["liaison"] == expected["itinerant"] == 0.0
    # sizes 1, 1, 1: every ordered triple is a liaison
    expected, _ = expected_brokerage([1, 1, 1], d)
    assert expected["liaison"] == pytest.approx(6 * p) and expected["coordinator"] == 0.0


def _exhaustive(groups: dict[str, str], d: float):
    """Exact moments of the role counts over every digraph on the nodes (Bernoulli(d) arcs)."""
    nodes = list(groups)
    slots = [(u, v) for u in nodes for v in nodes if u != v]
    keys = (*ROLES, "total")
    first = dict.fromkeys(keys, 0.0)
    second = dict.fromkeys(keys, 0.0)
    node_first = dict.fromkeys(keys, 0.0)
    node_second = dict.fromkeys(keys, 0.0)
    broker = nodes[0]
    for bits in itertools.product((0, 1), repeat=len(slots)):
        arcs = {s for s, b in zip(slots, bits, strict=True) if b}
        prob = d ** len(arcs) * (1 - d) ** (len(slots) - len(arcs))
        counts = dict.fromkeys(keys, 0)
        mine = dict.fromkeys(keys, 0)
        for a, v, c in itertools.permutations(nodes, 3):
            if (a, v) in arcs and (v, c) in arcs and (a, c) not in arcs:
                role = _classify(groups[a], groups[v], groups[c])
                counts[role] += 1
                counts["total"] += 1
                if v == broker:
                    mine[role] += 1
                    mine["total"] += 1
        for k in keys:
            first[k] += prob * counts[k]
            second[k] += prob * counts[k] ** 2
            node_first[k] += prob * mine[k]
            node_second[k] += prob * mine[k] ** 2
    var = {k: second[k] - first[k] ** 2 for k in keys}
    node_var = {k: node_second[k] - node_first[k] ** 2 for k in keys}
    return first, var, node_first, node_var


@pytest.mark.parametrize("sizes", [[2, 1, 1], [3, 1], [1, 1, 1, 1]])
def test_moments_are_exact(sizes: list[int]) -> None:
    """Against the exact distribution over all 4 096 digraphs on four actors."""
    groups = {f"g{i}-{j}": f"g{i}" for i, n in enumerate(sizes) for j in range(n)}
    d = 0.37
    mean, var, node_mean, node_var = _exhaustive(groups, d)
    expected, variance = expected_brokerage(sizes, d)
    node_expected, node_variance = _group_moments({f"g{i}": n for i, n in enumerate(sizes)}, "g0", d)
    for key in (*ROLES, "total"):
        assert expected[key] == pytest.approx(mean[key], abs=1e-12)
        assert variance[key] == pytest.approx(var[key], abs=1e-12)
        assert node_expected[key] == pytest.approx(node_mean[key], abs=1e-12)
        assert node_variance[key] == pytest.approx(node_var[key], abs=1e-12)


def test_z_scores() -> None:
    # a – v – c in one group, symmetric: 4 arcs over 3·2 slots, d = 2/3; coordinator count 2
    g = nx.Graph([("a", "v"), ("v", "c")])
    groups = dict.fromkeys("avc", "ess")
    result = brokerage(g, groups)
    d = 2 / 3
    assert result.arc_density == pytest.approx(d)
    expected, variance = expected_brokerage([3], d)
    assert result.totals["coordinator"] == 2
    z = (2 - expected["coordinator"]) / math.sqrt(variance["coordinator"])
    assert result.z["coordinator"] == pytest.approx(z)
    # no one is in another group: other roles have no variance
    assert isinstance(result.z["liaison"], MeasureUndefined) and result.z["liaison"].code == "no-variance"


def test_z_scores_need_three_actors_and_variance() -> None:
    small = brokerage(nx.Graph([("a", "b")]), {"a": "A", "b": "B"})
    assert small.totals["total"] == 0 and small.arc_density == 1.0
    assert small.expected == {key: 0.0 for key in (*ROLES, "total")}
    assert all(isinstance(z, MeasureUndefined) and z.code == "too-few-actors" for z in small.z.values())
    complete = brokerage(nx.complete_graph(4), dict.fromkeys(range(4), "A"))
    assert complete.arc_density == 1.0 and complete.totals["total"] == 0
    assert all(isinstance(z, MeasureUndefined) for z in complete.z.values())
    empty = brokerage(nx.Graph(), {})
    assert empty.totals["total"] == 0 and empty.by_actor == {} and empty.arc_density is None
