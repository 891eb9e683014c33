"""The IRI pattern: what the model mints, what publishers mint, and reading an IRI back."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

import pytest
from rdflib import Graph, URIRef

from ptce_graph.io import load
from ptce_graph.iris import (
    CHILD_KINDS,
    DEFAULT_BASE,
    IriParts,
    actor_iri,
    annotation_iri,
    area_iri,
    child_iri,
    link_iri,
    membership_iri,
    parse_iri,
    pole_iri,
    project_iri,
    strategy_iri,
    territory_iri,
)
from tests.publish.graphs import fictional_pole

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture(scope="module")
def pole_graph() -> Graph:
    return fictional_pole().to_graph()


def test_iri_functions_mint_what_the_model_mints(pole_graph: Graph) -> None:
    pole = fictional_pole()
    pid = pole.id
    minted = {
        pole_iri(pid),
        territory_iri(pid),
        strategy_iri(pid),
        actor_iri(pid, "scop-a"),
        membership_iri(pid, "scop-a"),
        project_iri(pid, "recyclerie"),
        link_iri(pid, pole.links[0]),
        link_iri(pid, "convention-2015"),
        area_iri("commune", "31555"),
        area_iri("region", "76"),
    }
    assert minted <= set(pole_graph.subjects())
    assert (
        str(actor_iri("le pôle", "Coop A")) == "https://w3id.org/ptce/id/pole/le%20p%C3%B4le/actor/Coop%20A"
    )
    assert str(actor_iri("p", "..")) == "https://w3id.org/ptce/id/pole/p/actor/%2E%2E"  # never a dot-segment
    assert str(pole_iri("x", base="https://data.example.org/ptce/")) == "https://data.example.org/ptce/pole/x"
    with pytest.raises(ValueError):
        pole_iri("x", base="not-a-base")


def test_iris_read_back_into_ids() -> None:
    assert parse_iri(str(actor_iri("le pôle", "Coop A"))) == IriParts("actor", "le pôle", "Coop A")
    assert parse_iri(str(pole_iri("p"))) == IriParts("pole", "p")
    assert parse_iri(str(territory_iri("p"))) == IriParts("territory", "p")
    assert parse_iri(str(area_iri("epci", "243100518"))) == IriParts("area", None, "243100518", "epci")
    assert parse_iri("https://w3id.org/ptce/id/genid/" + "a" * 32) == IriParts("skolem", child="a" * 32)
    assert parse_iri("https://example.org/pole/p") is None
    assert parse_iri("https://w3id.org/ptce/id/pole/p/unknown/x") is None


def test_every_iri_the_model_mints_is_of_the_pattern() -> None:
    graph = load(EXAMPLES / "fictional-pole" / "bundle")  # minted by the model from the bundle's ids
    fictional_pole().to_graph(graph)
    minted = {str(s) for s in graph.subjects() if str(s).startswith(DEFAULT_BASE)}
    assert len(minted) > 50
    kinds = set()
    for iri in minted:
        if "/annotation/" in iri:
            head, _, column = iri.rpartition("/annotation/")
            assert annotation_iri(head, unquote(column)) == URIRef(iri)
            continue
        parts = parse_iri(iri)
        assert parts is not None, iri
        kinds.add(parts.kind)
    assert kinds <= {"pole", "territory", "strategy", "area", *CHILD_KINDS}
    assert {"pole", "actor", "membership", "link", "project", "area"} <= kinds


def test_child_iris_are_of_the_known_kinds_only() -> None:
    pole = pole_iri("p")
    assert child_iri(pole, "tool", "wiki") == URIRef("https://w3id.org/ptce/id/pole/p/tool/wiki")
    assert child_iri(pole, "territory") == URIRef("https://w3id.org/ptce/id/pole/p/territory")
    with pytest.raises(ValueError, match="not a kind"):
        child_iri(pole, "budget", "2024")


def test_the_model_mints_under_any_base_it_is_given() -> None:
    assert str(pole_iri("x", base="urn:x:", check_base=False)) == "urn:x:pole/x"
    with pytest.raises(ValueError):
        pole_iri("x", base="urn:x:")
