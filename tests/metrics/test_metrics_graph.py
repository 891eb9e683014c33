"""The cooperation graph, the participation graphs, groups, pole selection and GraphML."""

from __future__ import annotations

import io

import networkx as nx
import pytest
from kitchen_pole import actor, build_kitchen_pole
from rdflib import Graph

from ptce_graph.errors import InputError
from ptce_graph.ess import ESSStatus
from ptce_graph.io import save
from ptce_graph.metrics import (
    actor_group,
    cooperation_graph,
    coparticipation_graph,
    participation_graph,
    select_poles,
    write_graphml,
)
from ptce_graph.model import Pole


@pytest.mark.parametrize(
    ("kind", "ess", "group"),
    [
        ("enterprise", "yes", "ess"),
        ("training-body", "yes", "ess"),  # ESS status comes first
        ("ess-network", "yes", "ess"),
        (None, "yes", "ess"),  # unknown kind but ESS
        ("enterprise", "no", "enterprise"),
        ("enterprise", "unknown", "other"),
        ("local-authority", "no", "public"),
        ("local-authority-grouping", "unknown", "public"),
        ("research-centre", "unknown", "knowledge"),
        ("higher-education", "no", "knowledge"),
        ("training-body", "unknown", "knowledge"),
        ("ess-network", "unknown", "other"),
        ("person", "unknown", "other"),
        ("other", "no", "other"),
        (None, "unknown", "other"),
        (None, "no", "other"),
    ],
)
def test_actor_group(kind: str | None, ess: str, group: str) -> None:
    assert actor_group(kind, ess) == group
    assert actor_group(kind, ESSStatus(ess)) == group


def test_nodes_are_every_actor_with_string_attributes(kitchen: Pole) -> None:
    g = cooperation_graph(kitchen)
    assert isinstance(g, nx.MultiGraph)
    assert sorted(g.nodes()) == sorted(actor(x) for x in ("e1", "e2", "b1", "c1", "r1", "p1", "x1"))
    assert g.nodes[actor("e1")] == {"id": "e1", "label": "Coop E1", "kind": "enterprise", "ess": "yes",
                                    "relation": "member", "group": "ess", "legal_form": "5710",
                                    "siren": "732829320"}
    assert g.nodes[actor("b1")]["group"] == "enterprise" and g.nodes[actor("b1")]["ess"] == "no"
    assert g.nodes[actor("c1")]["relation"] == "partner" and g.nodes[actor("c1")]["group"] == "public"
    assert g.nodes[actor("r1")]["group"] == "knowledge"
    assert g.nodes[actor("p1")] == {"id": "p1", "label": "Habitante P1", "kind": "person", "ess": "no",
                                    "relation": "member", "group": "other"}
    assert g.nodes[actor("x1")]["relation"] == "none" and g.nodes[actor("x1")]["group"] == "other"
    for _, attrs in g.nodes(data=True):
        assert all(isinstance(v, str) for v in attrs.values())
    assert g.graph == {"pole": "https://w3id.org/ptce/id/pole/kitchen", "label": "Pôle cuisine (fictif)"}


def test_one_edge_per_link_keyed_by_logic(kitchen: Pole) -> None:
    g = cooperation_graph(kitchen)
    assert g.number_of_edges() == 7
    e1, e2 = actor("e1"), actor("e2")
    assert sorted(g[e1][e2]) == ["animation", "mutualisation", "mutualisation#2"]
    first = g[e1][e2]["mutualisation"]
    assert first == {"logic": "mutualisation", "link": "https://w3id.org/ptce/id/pole/kitchen/link/l1",
                     "source_actor": e1, "target_actor": e2, "kind": "employer-group", "start": "2014"}
    assert g[e1][e2]["mutualisation#2"]["kind"] == "shared-premises"
    partnership = g[actor("c1")][e2]["partnership"]
    assert (partnership["source_actor"], partnership["target_actor"]) == (actor("c1"), e2)
    assert g[e1][actor("b1")]["interaction"]["end"] == "2016"
    assert "start" not in g[e1][actor("r1")]["interaction"]


def test_graphml_round_trip(kitchen: Pole, tmp_path) -> None:
    g = cooperation_graph(kitchen)
    buffer = io.BytesIO()
    nx.write_graphml(g, buffer)
    back = nx.read_graphml(io.BytesIO(buffer.getvalue()), force_multigraph=True)
    assert sorted(back.nodes()) == sorted(g.nodes())
    assert back.number_of_edges() == 7
    assert back.nodes[actor("e1")]["group"] == "ess"
    path = tmp_path / "kitchen.graphml"
    write_graphml(g, path)
    assert nx.read_graphml(path, force_multigraph=True).number_of_edges() == 7


def test_graphml_union_of_poles(kitchen: Pole, tmp_path) -> None:
    other = Pole(id="other", name="Autre pôle (fictif)")
    from ptce_graph.model import Actor, Link

    other.add_actor(Actor(id="a", kind="person"))
    other.add_actor(Actor(id="b", kind="person"))
    other.links.append(Link(source="a", target="b", logic="animation"))
    path = tmp_path / "both.graphml"
    write_graphml([cooperation_graph(kitchen), cooperation_graph(other)], path)
    back = nx.read_graphml(path, force_multigraph=True)
    assert back.number_of_nodes() == 9 and back.number_of_edges() == 8
    poles = {d["pole"] for _, _, d in back.edges(data=True)}
    assert poles == {"https://w3id.org/ptce/id/pole/kitchen", "https://w3id.org/ptce/id/pole/other"}


def test_graphml_to_missing_folder_is_an_output_error(kitchen: Pole, tmp_path) -> None:
    from ptce_graph.errors import OutputError

    with pytest.raises(OutputError):
        write_graphml(cooperation_graph(kitchen), tmp_path / "no" / "such" / "g.graphml")


def test_participation_and_coparticipation(kitchen: Pole) -> None:
    b = participation_graph(kitchen)
    project = "https://w3id.org/ptce/id/pole/kitchen/project/proj"
    assert b.nodes[project] == {"bipartite": 1, "type": "project", "id": "proj", "label": "Projet commun",
                                "innovation": "social"}
    assert sorted(b.neighbors(project)) == sorted(actor(x) for x in ("e1", "e2", "r1"))
    assert b.nodes[actor("p1")]["bipartite"] == 0
    co = coparticipation_graph(kitchen)
    assert co.number_of_nodes() == 7
    assert sorted(tuple(sorted(e)) for e in co.edges()) == sorted(
        tuple(sorted((actor(u), actor(v)))) for u, v in (("e1", "e2"), ("e1", "r1"), ("e2", "r1")))
    assert {d["weight"] for _, _, d in co.edges(data=True)} == {1}
    nx.write_graphml(b, io.BytesIO())
    nx.write_graphml(co, io.BytesIO())


def test_data_can_be_a_graph_a_path_or_a_list(kitchen: Pole, tmp_path) -> None:
    rdf = kitchen.to_graph()
    size = len(rdf)
    assert cooperation_graph(rdf).number_of_edges() == 7
    assert len(rdf) == size  # the caller's graph is not modified
    path = tmp_path / "kitchen.ttl"
    save(rdf, path)
    assert cooperation_graph(path).number_of_nodes() == 7
    assert cooperation_graph(str(path)).number_of_nodes() == 7
    assert cooperation_graph([path]).number_of_nodes() == 7


def _two_poles() -> Graph:
    rdf = build_kitchen_pole().to_graph()
    other = Pole(id="other", name="Autre (fictif)")
    other.to_graph(rdf)
    return rdf


def test_select_poles_by_iri_or_identifier() -> None:
    rdf = _two_poles()
    assert [p.id for p in select_poles(rdf)] == ["kitchen", "other"]
    assert [p.id for p in select_poles(rdf, "https://w3id.org/ptce/id/pole/other")] == ["other"]
    assert [p.id for p in select_poles(rdf, "kitchen")] == ["kitchen"]
    with pytest.raises(InputError) as caught:
        select_poles(rdf, "nowhere")
    assert "no pole 'nowhere'" in str(caught.value) and "pole/kitchen" in str(caught.value)
    with pytest.raises(InputError):
        cooperation_graph(rdf)  # two poles: say which one
    assert cooperation_graph(rdf, "other").number_of_nodes() == 0


def test_no_pole_gives_no_poles() -> None:
    assert select_poles(Graph()) == []
