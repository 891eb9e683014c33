"""Across poles: the comparison rows and the registry summary."""

from __future__ import annotations

import pytest

from ptce_graph.metrics import comparison, metrics, registry_summary
from ptce_graph.model import Actor, Link, Pole


def two_poles() -> list[Pole]:
    first = Pole(id="p1", name="Premier (fictif)")
    first.add_actor(Actor(id="a", kind="enterprise", legal_form="5710", ess_mention=True,
                          siret="73282932000074"))
    first.add_actor(Actor(id="b", kind="person"))
    first.add_actor(Actor(id="c", kind="person"))
    first.links += [Link(source="a", target="b", logic="mutualisation"),
                    Link(source="b", target="c", logic="animation")]
    second = Pole(id="p2", name="Second (fictif)")
    # the same organisation (same SIREN), under another id and IRI
    second.add_actor(Actor(id="coop", kind="enterprise", legal_form="5710", ess_mention=True,
                           siret="732829320"))
    second.add_actor(Actor(id="d", kind="local-authority"))
    second.links.append(Link(source="coop", target="d", logic="partnership"))
    return [first, second]


def test_comparison_rows() -> None:
    results = [r for p in two_poles() for r in metrics(p)]
    rows = comparison(results)
    assert [row["label"] for row in rows] == ["Premier (fictif)", "Second (fictif)"]
    assert rows[0]["density"] == pytest.approx(2 / 3) and rows[1]["density"] == 1.0
    assert rows[1]["degree_centralization"] is None  # two actors: undefined
    assert comparison(results, ["by_logic.partnership.density"])[1]["by_logic.partnership.density"] == 1.0


def test_registry_summary() -> None:
    results = [r for p in two_poles() for r in metrics(p)]
    s = registry_summary(results)
    assert (s.poles, s.actors, s.distinct_actors, s.actors_in_several_poles, s.links) == (2, 5, 4, 1, 3)
    assert s.links_by_logic == {"mutualisation": 1, "interaction": 0, "animation": 1, "partnership": 1}
    assert s.groups == {"ess": 2, "enterprise": 0, "public": 1, "knowledge": 0, "other": 2}
    density = s.measures["density"]
    assert density == {"poles": 2, "mean": pytest.approx(5 / 6), "median": pytest.approx(5 / 6),
                       "min": pytest.approx(2 / 3), "max": 1.0}
    # only the first pole has a degree centralisation (the second has two actors)
    assert s.measures["degree_centralization"]["poles"] == 1
    assert s.measures["modularity"]["poles"] == 2
    assert s.to_dict()["measures"]["density"]["mean"] == 0.833333


def test_registry_summary_of_nothing() -> None:
    s = registry_summary([])
    assert (s.poles, s.actors, s.distinct_actors) == (0, 0, 0)
    assert s.measures["density"] == {"poles": 0, "mean": None, "median": None, "min": None, "max": None}
