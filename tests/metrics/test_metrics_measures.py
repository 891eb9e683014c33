"""Each measure on small graphs worked out by hand (values in the comments)."""

from __future__ import annotations

import networkx as nx
import pytest

from ptce_graph.metrics import measures as m

EXACT = 1e-12


def multigraph(edges: list[tuple[str, str, str]], nodes: list[str] = ()) -> nx.MultiGraph:
    """A cooperation multigraph from (u, v, logic) triples."""
    g = nx.MultiGraph()
    g.add_nodes_from(nodes)
    for u, v, logic in edges:
        g.add_edge(u, v, logic=logic)
    return g


@pytest.fixture
def star() -> nx.Graph:
    # centre c, leaves 1..4
    return m.simple_graph(multigraph([("c", str(i), "interaction") for i in range(1, 5)]))


@pytest.fixture
def path4() -> nx.Graph:
    # a - b - c - d
    return m.simple_graph(multigraph([("a", "b", "animation"), ("b", "c", "animation"),
                                      ("c", "d", "animation")]))


@pytest.fixture
def triangle_isolate() -> nx.Graph:
    # triangle a b c, and d alone
    return m.simple_graph(multigraph([("a", "b", "interaction"), ("b", "c", "interaction"),
                                      ("a", "c", "mutualisation")], nodes=["d"]))


# -- star -------------------------------------------------------------------------


def test_star(star: nx.Graph) -> None:
    assert star.number_of_nodes() == 5 and m.pairs(star) == 4
    assert m.density(star) == pytest.approx(4 / 10, abs=EXACT)
    assert m.components(star) == 1
    assert m.isolates(star) == 0
    assert m.mean_degree(star) == pytest.approx(8 / 5, abs=EXACT)
    # 6 connected triples at the centre, no triangle
    assert m.transitivity(star) == 0.0
    # only the centre has two partners; its clustering is 0
    assert m.average_clustering(star) == 0.0
    # Freeman: a star is maximally centralised
    assert m.degree_centralization(star) == pytest.approx(1.0, abs=EXACT)
    assert m.betweenness_centralization(star) == pytest.approx(1.0, abs=EXACT)
    b = m.betweenness(star)
    assert b["c"] == pytest.approx(1.0, abs=EXACT) and all(b[str(i)] == 0 for i in range(1, 5))
    assert m.top_brokers(b) == [("c", pytest.approx(1.0))]
    assert m.max_core(star) == (1, 5)


# -- path -------------------------------------------------------------------------


def test_path(path4: nx.Graph) -> None:
    assert m.density(path4) == pytest.approx(3 / 6, abs=EXACT)
    # degrees 1 2 2 1: Σ(2 − d) = 2 over (n−1)(n−2) = 6
    assert m.degree_centralization(path4) == pytest.approx(1 / 3, abs=EXACT)
    # raw betweenness b = c = 2, normalised 2/3; Σ(B* − B) = 4 over (n−1)²(n−2)/2 = 9
    b = m.betweenness(path4)
    assert b == pytest.approx({"a": 0.0, "b": 2 / 3, "c": 2 / 3, "d": 0.0}, abs=EXACT)
    assert m.betweenness_centralization(path4) == pytest.approx(4 / 9, abs=EXACT)
    assert m.top_brokers(b) == [("b", pytest.approx(2 / 3)), ("c", pytest.approx(2 / 3))]
    assert m.transitivity(path4) == 0.0
    assert m.average_clustering(path4) == 0.0
    assert m.max_core(path4) == (1, 4)


# -- triangle with an isolate -----------------------------------------------------------


def test_triangle_with_isolate(triangle_isolate: nx.Graph) -> None:
    g = triangle_isolate
    assert m.pairs(g) == 3
    assert m.density(g) == pytest.approx(0.5, abs=EXACT)
    assert m.components(g) == 2
    assert m.isolates(g) == 1
    assert m.mean_degree(g) == pytest.approx(1.5, abs=EXACT)
    assert m.transitivity(g) == pytest.approx(1.0, abs=EXACT)
    # d has no partner: left out of the mean (networkx would count it as 0 and give 0.75)
    assert m.average_clustering(g) == pytest.approx(1.0, abs=EXACT)
    assert nx.average_clustering(g) == pytest.approx(0.75)
    # degrees 2 2 2 0: Σ(2 − d) = 2 over 6
    assert m.degree_centralization(g) == pytest.approx(1 / 3, abs=EXACT)
    assert m.betweenness_centralization(g) == pytest.approx(0.0, abs=EXACT)
    assert m.top_brokers(m.betweenness(g)) == []
    communities = m.louvain_communities(g)
    assert communities == [frozenset({"a", "b", "c"})]
    # one community holding every link: Q = 3/3 − (6/6)² = 0
    assert m.modularity(g, communities) == pytest.approx(0.0, abs=EXACT)
    assert m.max_core(g) == (2, 3)
    assert m.core_numbers(g) == {"a": 2, "b": 2, "c": 2, "d": 0}


def test_two_triangles_make_two_communities() -> None:
    g = m.simple_graph(multigraph([("a", "b", "x"), ("b", "c", "x"), ("a", "c", "x"),
                                   ("d", "e", "x"), ("e", "f", "x"), ("d", "f", "x"), ("c", "d", "x")]))
    communities = m.louvain_communities(g, seed=7)
    assert communities == [frozenset("abc"), frozenset("def")]
    # m = 7; each side: 3 inner links, degree sum 7 → Q = 2 × (3/7 − (7/14)²) = 6/7 − 1/2
    assert m.modularity(g, communities) == pytest.approx(6 / 7 - 1 / 2, abs=EXACT)
    assert m.louvain_communities(g, seed=7) == communities  # fixed seed, same answer


# -- multiplexity -------------------------------------------------------------------------


def test_multiplex_pair() -> None:
    g = m.simple_graph(multigraph([("a", "b", "mutualisation"), ("a", "b", "animation"),
                                   ("a", "b", "mutualisation"), ("b", "c", "interaction")]))
    assert m.pairs(g) == 2
    assert g["a"]["b"] == {"logics": ("animation", "mutualisation"), "links": 3}
    assert m.multiplex_pairs(g) == 1
    assert m.multiplexity(g) == pytest.approx(0.5, abs=EXACT)
    # two links of the same logic are not multiplex
    same = m.simple_graph(multigraph([("a", "b", "mutualisation"), ("a", "b", "mutualisation")]))
    assert m.multiplexity(same) == 0.0


def test_simple_graph_drops_self_links_and_filters_logic() -> None:
    mg = multigraph([("a", "a", "animation"), ("a", "b", "animation"), ("b", "c", "interaction")])
    g = m.simple_graph(mg)
    assert sorted(g.edges()) == [("a", "b"), ("b", "c")]
    only = m.simple_graph(mg, logic="interaction")
    assert sorted(only.edges()) == [("b", "c")] and only.number_of_nodes() == 3
    sub = m.logic_subgraph(g, "animation")
    assert sorted(sub.edges()) == [("a", "b")] and sub.number_of_nodes() == 3


# -- groups ---------------------------------------------------------------------------------


GROUPS = {"a": "ess", "b": "ess", "c": "public", "d": "public"}


@pytest.fixture
def mixed() -> nx.Graph:
    # a-b internal (ess), a-c and b-c external, c-d internal (public)
    return m.simple_graph(multigraph([("a", "b", "x"), ("a", "c", "x"), ("b", "c", "x"), ("c", "d", "x")]))


def test_ei_index(mixed: nx.Graph) -> None:
    # 2 external, 2 internal
    assert m.ei_index(mixed, GROUPS) == 0.0
    assert m.ei_index(m.simple_graph(multigraph([("a", "b", "x")])), GROUPS) == -1.0
    assert m.ei_index(m.simple_graph(multigraph([("a", "c", "x")])), GROUPS) == 1.0


def test_ei_by_group(mixed: nx.Graph) -> None:
    by_group = m.ei_by_group(mixed, GROUPS, ["ess", "public", "knowledge"])
    # ess: external a-c, b-c; internal a-b → 1/3.  public: external a-c, b-c; internal c-d → 1/3
    assert by_group["ess"] == pytest.approx(1 / 3, abs=EXACT)
    assert by_group["public"] == pytest.approx(1 / 3, abs=EXACT)
    assert isinstance(by_group["knowledge"], m.MeasureUndefined)
    assert by_group["knowledge"].code == "no-group-pairs"


def test_blau_and_iqv() -> None:
    groups = ["ess", "ess", "public", "knowledge"]
    # shares ½ ¼ ¼: 1 − (¼ + 1/16 + 1/16) = 5/8
    assert m.blau(groups) == pytest.approx(5 / 8, abs=EXACT)
    # five possible groups: IQV = B / (1 − 1/5)
    assert m.iqv(groups, 5) == pytest.approx((5 / 8) / (4 / 5), abs=EXACT)
    assert m.blau(["ess"] * 4) == 0.0
    assert m.iqv(["ess", "enterprise", "public", "knowledge", "other"], 5) == pytest.approx(1.0, abs=EXACT)
    with pytest.raises(m.MeasureUndefined) as caught:
        m.blau([])
    assert caught.value.code == "no-actors"


def test_group_assortativity(mixed: nx.Graph) -> None:
    # link ends: ess 4, public 4 → Σ a² = ½; within 2/4 → r = (½ − ½) / (1 − ½) = 0
    assert m.group_assortativity(mixed, GROUPS) == pytest.approx(0.0, abs=EXACT)
    across = m.simple_graph(multigraph([("a", "c", "x"), ("b", "d", "x")]))
    assert m.group_assortativity(across, GROUPS) == pytest.approx(-1.0, abs=EXACT)
    within = m.simple_graph(multigraph([("a", "b", "x"), ("c", "d", "x")]))
    assert m.group_assortativity(within, GROUPS) == pytest.approx(1.0, abs=EXACT)
    with pytest.raises(m.MeasureUndefined) as caught:
        m.group_assortativity(m.simple_graph(multigraph([("a", "b", "x")])), GROUPS)
    assert caught.value.code == "single-group"


def test_group_assortativity_agrees_with_networkx(mixed: nx.Graph) -> None:
    pytest.importorskip("numpy")  # networkx's version needs numpy, ours does not
    g = m.simple_graph(multigraph([("a", "b", "x"), ("a", "c", "x"), ("b", "c", "x"), ("c", "d", "x"),
                                   ("d", "e", "x"), ("e", "a", "x")]))
    groups = {**GROUPS, "e": "knowledge"}
    nx.set_node_attributes(g, groups, "group")
    expected = nx.attribute_assortativity_coefficient(g, "group")
    assert m.group_assortativity(g, groups) == pytest.approx(expected)


# -- what cannot be computed ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("func", "nodes", "edges", "code", "k"),
    [
        (m.density, [], [], "no-actors", None),
        (m.density, ["a"], [], "too-few-actors", 2),
        (m.mean_degree, [], [], "no-actors", None),
        (m.degree_centralization, ["a", "b"], [("a", "b", "x")], "too-few-actors", 3),
        (m.betweenness_centralization, ["a", "b"], [("a", "b", "x")], "too-few-actors", 3),
        (m.multiplexity, ["a", "b"], [], "no-pairs", None),
        (m.transitivity, ["a", "b"], [("a", "b", "x")], "no-two-paths", None),
        (m.average_clustering, ["a", "b", "c"], [("a", "b", "x")], "no-two-partners", None),
        (m.louvain_communities, ["a", "b"], [], "no-pairs", None),
        (m.max_core, [], [], "no-actors", None),
    ],
)
def test_undefined_measures_say_why(func, nodes, edges, code, k) -> None:
    g = m.simple_graph(multigraph(edges, nodes))
    with pytest.raises(m.MeasureUndefined) as caught:
        func(g)
    assert caught.value.code == code and caught.value.k == k
    assert caught.value.reason("en") and caught.value.reason("fr") != caught.value.reason("en")


def test_ei_index_without_pairs_is_undefined_not_zero() -> None:
    with pytest.raises(m.MeasureUndefined) as caught:
        m.ei_index(m.simple_graph(multigraph([], ["a", "c"])), GROUPS)
    assert caught.value.code == "no-pairs"


def test_counts_of_an_empty_graph_are_zero() -> None:
    g = nx.Graph()
    assert (m.pairs(g), m.components(g), m.isolates(g), m.multiplex_pairs(g)) == (0, 0, 0, 0)


def test_density_of_edgeless_graph_is_zero_not_missing() -> None:
    # two actors and no link: the density is a true 0
    assert m.density(m.simple_graph(multigraph([], ["a", "b"]))) == 0.0
    assert m.degree_centralization(m.simple_graph(multigraph([], ["a", "b", "c"]))) == 0.0


# -- sampled betweenness ------------------------------------------------------------------------


def test_sampled_betweenness_is_reproducible() -> None:
    g = nx.barabasi_albert_graph(200, 2, seed=3)
    first = m.betweenness(g, k=30, seed=11)
    assert first == m.betweenness(g, k=30, seed=11)
    assert first != m.betweenness(g)  # an estimate, not the exact value
    # k at least n is exact
    assert m.betweenness(g, k=500) == m.betweenness(g)
    with pytest.raises(ValueError):
        m.betweenness(g, k=0)
