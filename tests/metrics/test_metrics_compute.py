"""metrics(): every measure of the kitchen pole, by hand, and what happens when one cannot be computed."""

from __future__ import annotations

import warnings

import networkx as nx
import pytest
from kitchen_pole import actor, build_kitchen_pole

from ptce_graph.errors import DataWarning
from ptce_graph.metrics import PoleMetrics, measure_cooperation, metrics
from ptce_graph.metrics import measures as m
from ptce_graph.metrics.compute import AUTO_EXACT_LIMIT, AUTO_SAMPLE, resolve_sample
from ptce_graph.model import Actor, Link, Pole

EXACT = 1e-12


@pytest.fixture
def result(kitchen: Pole) -> PoleMetrics:
    [r] = metrics(kitchen)
    return r


def test_counts(result: PoleMetrics) -> None:
    assert result.pole == "https://w3id.org/ptce/id/pole/kitchen"
    assert result.label == "Pôle cuisine (fictif)"
    assert (result.actors, result.members, result.partners) == (7, 4, 2)
    assert (result.links, result.undated_links, result.pairs) == (7, 1, 5)
    assert (result.components, result.isolates) == (2, 1)
    assert result.groups == {"ess": 2, "enterprise": 1, "public": 1, "knowledge": 1, "other": 2}


def test_cohesion(result: PoleMetrics) -> None:
    assert result.density == pytest.approx(5 / 21, abs=EXACT)
    assert result.multiplex_pairs == 1
    assert result.multiplexity == pytest.approx(1 / 5, abs=EXACT)  # e1–e2: mutualisation and animation
    assert result.mean_degree == pytest.approx(10 / 7, abs=EXACT)
    assert result.transitivity == 0.0  # a tree
    assert result.average_clustering == 0.0


def test_centralisation_and_brokers(result: PoleMetrics) -> None:
    # degrees e1 3, e2 2, b1 2, c1 1, r1 1, x1 1, p1 0: Σ(3 − d) = 11 over 6·5
    assert result.degree_centralization == pytest.approx(11 / 30, abs=EXACT)
    # raw betweenness e1 8, e2 4, b1 4: Σ(8 − B) = 40 over 6²·5/2
    assert result.betweenness_centralization == pytest.approx(40 / 90, abs=EXACT)
    assert result.betweenness_sample is None
    brokers = [(b.id, b.group) for b in result.top_brokers]
    assert brokers == [("e1", "ess"), ("b1", "enterprise"), ("e2", "ess")]
    assert [b.betweenness for b in result.top_brokers] == pytest.approx([8 / 15, 4 / 15, 4 / 15], abs=EXACT)


def test_groups(result: PoleMetrics) -> None:
    # one internal pair (e1–e2), four external
    assert result.ei_index == pytest.approx(3 / 5, abs=EXACT)
    # ess: external e1–b1, e2–c1, e1–r1; internal e1–e2
    assert result.ei_by_group["ess"] == pytest.approx((3 - 1) / 4, abs=EXACT)
    assert result.ei_by_group["public"] == 1.0 and result.ei_by_group["other"] == 1.0
    # shares 2/7 1/7 1/7 1/7 2/7
    assert result.blau == pytest.approx(38 / 49, abs=EXACT)
    assert result.iqv == pytest.approx((38 / 49) / (4 / 5), abs=EXACT)
    # link ends: ess 5, enterprise 2, public 1, knowledge 1, other 1 → Σa² = 32/100; within 1/5
    assert result.group_assortativity == pytest.approx((1 / 5 - 32 / 100) / (1 - 32 / 100), abs=EXACT)


def test_communities_and_cores(result: PoleMetrics) -> None:
    # Louvain (seed 42): {b1, x1}, {c1, e2}, {e1, r1}; p1, isolated, is in none
    assert (result.communities, result.community_sizes) == (3, [2, 2, 2])
    assert {a.id: a.community for a in result.actor_measures} == {
        "b1": 0, "x1": 0, "c1": 1, "e2": 1, "e1": 2, "r1": 2, "p1": None}
    # m = 5, one inner pair each, degree sums 3, 3, 4: Q = 3/5 − (0.3² + 0.3² + 0.4²)
    assert result.modularity == pytest.approx(0.6 - 0.34, abs=EXACT)
    assert (result.max_core, result.main_core_size) == (1, 6)
    again = metrics(build_kitchen_pole())[0]
    assert (again.communities, again.community_sizes, again.modularity) == (
        result.communities, result.community_sizes, result.modularity)


def test_by_logic(result: PoleMetrics) -> None:
    assert list(result.by_logic) == ["mutualisation", "interaction", "animation", "partnership"]
    mutual = result.by_logic["mutualisation"]
    assert (mutual.links, mutual.pairs, mutual.components, mutual.isolates) == (3, 2, 5, 3)
    assert mutual.density == pytest.approx(2 / 21, abs=EXACT)
    assert mutual.ei_index == pytest.approx(0.0, abs=EXACT)  # e1–e2 internal, b1–x1 external
    inter = result.by_logic["interaction"]
    assert (inter.links, inter.pairs) == (2, 2)
    # e1 – b1, e1 – r1: a star of three in seven actors
    assert inter.degree_centralization == pytest.approx((1 + 1 + 2 * 4) / 30, abs=EXACT)
    assert inter.ei_index == 1.0
    assert result.by_logic["animation"].density == pytest.approx(1 / 21, abs=EXACT)
    assert result.by_logic["partnership"].links == 1
    assert result.by_logic["animation"].transitivity is None
    assert "by_logic.animation.transitivity" in result.missing


def test_brokerage(result: PoleMetrics) -> None:
    b = result.brokerage
    assert b is not None and b.reading == "symmetric"
    # e1 brokers e2|b1, e2|r1, b1|r1 (both ways); e2 brokers e1|c1; b1 brokers e1|x1
    # e1 (ess): e2(ess)→e1→b1(ent) representative, b1→e1→e2 gatekeeper... counted by hand:
    counts = {a.id: a.brokerage for a in result.actor_measures}
    assert counts["e1"] == {"coordinator": 0, "itinerant": 0, "representative": 2, "gatekeeper": 2,
                            "liaison": 2, "total": 6}
    assert counts["e2"]["total"] == 2 and counts["e2"]["representative"] == 1
    assert counts["b1"] == {"coordinator": 0, "itinerant": 0, "representative": 0, "gatekeeper": 0,
                            "liaison": 2, "total": 2}
    assert b.counts["total"] == 10
    assert b.arc_density == pytest.approx(10 / 42, abs=EXACT)


def test_coparticipation(result: PoleMetrics) -> None:
    assert (result.projects, result.coparticipation_pairs) == (1, 3)
    assert result.coparticipation_density == pytest.approx(3 / 21, abs=EXACT)


def test_actor_measures(result: PoleMetrics) -> None:
    by_id = {a.id: a for a in result.actor_measures}
    e1 = by_id["e1"]
    assert (e1.actor, e1.group, e1.partners, e1.links, e1.core) == (actor("e1"), "ess", 3, 5, 1)
    assert e1.logics == ["animation", "interaction", "mutualisation"]
    assert e1.betweenness == pytest.approx(8 / 15, abs=EXACT)
    assert e1.siren == "732829320"
    p1 = by_id["p1"]
    assert (p1.partners, p1.links, p1.community, p1.core, p1.betweenness) == (0, 0, None, 0, 0.0)
    assert by_id["x1"].relation == "none"


def test_missing_reasons(result: PoleMetrics) -> None:
    # only what has no value: no group holds three actors, so no coordinator triple can exist
    assert {k: v.code for k, v in result.missing.items()} == {
        "brokerage.z.coordinator": "no-variance",
        "by_logic.mutualisation.transitivity": "no-two-paths",
        "by_logic.mutualisation.average_clustering": "no-two-partners",
        "by_logic.animation.transitivity": "no-two-paths",
        "by_logic.animation.average_clustering": "no-two-partners",
        "by_logic.partnership.transitivity": "no-two-paths",
        "by_logic.partnership.average_clustering": "no-two-partners",
    }
    assert result.brokerage is not None and result.brokerage.z["coordinator"] is None
    assert result.brokerage.expected["coordinator"] == 0.0


def test_one_actor_pole_records_missing_values_never_zero() -> None:
    pole = Pole(id="solo", name="Solo (fictif)")
    pole.add_actor(Actor(id="a", kind="person"))
    [r] = metrics(pole)
    assert r.actors == 1 and r.pairs == 0 and r.components == 1 and r.isolates == 1
    for name, code in [("density", "too-few-actors"), ("multiplexity", "no-pairs"),
                       ("degree_centralization", "too-few-actors"),
                       ("betweenness_centralization", "too-few-actors"), ("ei_index", "no-pairs"),
                       ("transitivity", "no-two-paths"), ("communities", "no-pairs"),
                       ("modularity", "no-pairs"), ("by_logic.mutualisation.density", "too-few-actors"),
                       ("coparticipation_density", "no-projects")]:
        assert r.value(name) is None, name
        assert r.missing[name].code == code, name
    assert r.brokerage is not None and r.brokerage.expected["total"] == 0.0
    assert r.missing["brokerage.arc_density"].code == "too-few-actors"
    assert r.missing["brokerage.z.total"].code == "too-few-actors"
    assert r.missing["density"].reason("fr") == "il faut au moins 2 acteurs"
    assert r.missing["density"].reason("en") == "at least 2 actors are needed"
    assert r.mean_degree == 0.0 and r.blau == 0.0
    d = r.to_dict(lang="en")
    assert d["density"] is None and d["missing"]["density"] == "at least 2 actors are needed"
    assert d["by_logic"]["mutualisation"]["density"] is None


def test_empty_pole() -> None:
    [r] = metrics(Pole(id="empty", name="Vide (fictif)"))
    assert (r.actors, r.links, r.pairs, r.components, r.isolates) == (0, 0, 0, 0, 0)
    assert r.missing["density"].code == "no-actors" and r.missing["blau"].code == "no-actors"
    assert r.missing["max_core"].code == "no-actors" and r.max_core is None
    assert r.brokerage is not None and r.brokerage.counts["total"] == 0
    assert r.top_brokers == [] and r.actor_measures == []


def test_a_failing_measure_does_not_lose_the_others(kitchen: Pole, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(graph: nx.Graph) -> float:
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(m, "transitivity", broken)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        [r] = metrics(kitchen)
    assert r.transitivity is None
    assert r.missing["transitivity"].code == "failed"
    assert r.missing["transitivity"].reason("en") == "the computation failed (ZeroDivisionError)"
    assert r.density == pytest.approx(5 / 21)
    assert any("transitivity" in str(w.message) for w in caught)


def test_self_link_is_warned_and_not_counted() -> None:
    pole = Pole(id="loop", name="Boucle (fictif)")
    pole.add_actor(Actor(id="a", kind="person"))
    pole.add_actor(Actor(id="b", kind="person"))
    pole.links += [Link(source="a", target="a", logic="animation"),
                   Link(source="a", target="b", logic="animation")]
    with pytest.warns(DataWarning, match="to itself"):
        [r] = metrics(pole)
    assert (r.links, r.pairs) == (1, 1)


def test_betweenness_sampling_options(kitchen: Pole) -> None:
    assert resolve_sample("auto", AUTO_EXACT_LIMIT) is None
    assert resolve_sample("auto", AUTO_EXACT_LIMIT + 1) == AUTO_SAMPLE
    assert resolve_sample(None, 10_000) is None
    assert resolve_sample(5, 4) is None and resolve_sample(5, 6) == 5
    [sampled] = metrics(kitchen, betweenness_k=3, seed=1)
    assert sampled.betweenness_sample == 3
    assert metrics(kitchen, betweenness_k=3, seed=1)[0].top_brokers == sampled.top_brokers
    [exact] = metrics(kitchen, betweenness_k=None)
    assert exact.betweenness_sample is None
    assert exact.betweenness_centralization == pytest.approx(40 / 90)
    with pytest.raises(ValueError):
        metrics(kitchen, betweenness_k=0)
    with pytest.raises(ValueError):
        metrics(kitchen, brokerage_reading="sideways")


def test_directed_brokerage_reading(kitchen: Pole) -> None:
    [r] = metrics(kitchen, brokerage_reading="directed")
    assert r.brokerage is not None and r.brokerage.reading == "directed"
    # arcs: e1→e2, e1→b1, c1→e2, e1→r1, b1→x1: open two-paths e1→b1→x1 only (liaison: ess → ent → other)
    assert r.brokerage.counts == {"coordinator": 0, "itinerant": 0, "representative": 0, "gatekeeper": 0,
                                  "liaison": 1, "total": 1}


def test_measure_cooperation_on_a_bare_networkx_graph() -> None:
    g = nx.MultiGraph()
    g.add_edge("a", "b", logic="mutualisation")
    g.add_edge("a", "b", logic="interaction")
    g.add_edge("b", "c", logic="interaction")
    r = measure_cooperation(g)
    assert (r.actors, r.links, r.pairs, r.multiplexity) == (3, 3, 2, 0.5)
    assert r.groups["other"] == 3 and r.ei_index == -1.0
    assert r.by_logic["interaction"].pairs == 2
