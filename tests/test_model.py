"""The typed model round-trips through RDF without loss."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from rdflib import URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF

from ptce_graph.io.rdf import parse_rdf
from ptce_graph.io.serialize import to_jsonld, to_ntriples, to_turtle
from ptce_graph.model import Actor, Link, Logic, Pole, Project, Relation, poles_from_graph
from ptce_graph.namespaces import ORG, PTCE

from .strategies import examples, poles, without_iris

SETTINGS = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize("budget", examples(60))
def test_model_graph_model_is_lossless(budget: int) -> None:
    @settings(SETTINGS, max_examples=budget)
    @given(poles())
    def lossless(pole: Pole) -> None:
        back = Pole.from_graph(pole.to_graph())
        assert without_iris(back) == without_iris(pole.canonical())

    lossless()


@pytest.mark.parametrize("budget", examples(60))
def test_graph_model_graph_keeps_iris(budget: int) -> None:
    @settings(SETTINGS, max_examples=budget)
    @given(poles())
    def keeps_iris(pole: Pole) -> None:
        graph = pole.to_graph()
        again = Pole.from_graph(graph).to_graph()
        assert isomorphic(graph, again)

    keeps_iris()


@pytest.mark.parametrize("budget", examples(25))
def test_every_serialisation_parses_back_to_the_same_graph(budget: int) -> None:
    @settings(SETTINGS, max_examples=budget)
    @given(poles(max_actors=4))
    def parses_back(pole: Pole) -> None:
        graph = pole.to_graph()
        for fmt, writer in (("turtle", to_turtle), ("nt", to_ntriples), ("json-ld", to_jsonld)):
            parsed = parse_rdf(writer(graph), format=fmt, source=f"<{fmt}>")
            assert isomorphic(graph, parsed), fmt

    parses_back()


def _small() -> Pole:
    pole = Pole(id="demo", name="Démo", fictional=True)
    pole.add_actor(Actor(id="a", name="A", legal_form="association"))
    pole.add_actor(Actor(id="b", name="B", legal_form="commercial-company", ess_mention=False))
    pole.add_actor(Actor(id="c", name="Mairie", kind="local-authority"), Relation.PARTNER)
    pole.links.append(Link(source="a", target="b", logic=Logic.MUTUALISATION, kind="employer-group", start="2016"))
    pole.projects.append(Project(id="p", participants=["a", "b"], innovation="social"))
    return pole


def test_iri_pattern_and_types() -> None:
    graph = _small().to_graph()
    pole = URIRef("https://w3id.org/ptce/id/pole/demo")
    assert (pole, RDF.type, PTCE.Pole) in graph
    actor = URIRef("https://w3id.org/ptce/id/pole/demo/actor/a")
    membership = URIRef("https://w3id.org/ptce/id/pole/demo/membership/a")
    assert (membership, ORG.member, actor) in graph and (membership, ORG.organization, pole) in graph
    assert (membership, PTCE.relation, PTCE.Member) in graph
    link = next(graph.subjects(RDF.type, PTCE.MutualisationLink))
    assert (link, RDF.type, PTCE.EmployerGroup) in graph
    assert str(link).startswith("https://w3id.org/ptce/id/pole/demo/link/l-")


def test_base_is_configurable_and_ids_are_percent_encoded() -> None:
    pole = Pole(id="pôle 1")
    pole.add_actor(Actor(id="Mairie de Saint-Égrève"))
    graph = pole.to_graph(base="https://data.example.fr/ptce/")
    assert (URIRef("https://data.example.fr/ptce/pole/p%C3%B4le%201"), RDF.type, PTCE.Pole) in graph
    back = Pole.from_graph(graph)
    assert back.id == "pôle 1" and back.actors[0].id == "Mairie de Saint-Égrève"


def test_unknown_references_are_refused() -> None:
    pole = _small()
    pole.links.append(Link(source="a", target="zz", logic="interaction"))
    with pytest.raises(ValueError, match="'zz' is not an actor"):
        pole.to_graph()


def test_duplicate_actor_is_refused() -> None:
    pole = _small()
    with pytest.raises(ValueError, match="already"):
        pole.add_actor(Actor(id="a"))


def test_helpers_and_ess() -> None:
    pole = _small()
    assert [a.id for a in pole.members()] == ["a", "b"]
    assert [a.id for a in pole.partners()] == ["c"]
    assert pole.actor("a").ess().status.value == "yes"
    assert pole.actor("b").ess().status.value == "no"


def test_several_poles_in_one_graph() -> None:
    graph = _small().to_graph()
    Pole(id="other", name="Autre").to_graph(graph)
    assert [p.id for p in poles_from_graph(graph)] == ["demo", "other"]
    with pytest.raises(ValueError, match="2 poles"):
        Pole.from_graph(graph)


def test_a_pole_held_in_two_graphs_of_a_dataset_reads_once() -> None:
    """The reader's index keeps each triple once, as rdflib's own look-ups did."""
    from rdflib import Dataset

    pole = Pole(id="fictif", name="Pôle fictif", fictional=True, sources=["https://example.org/source"])
    pole.add_actor(Actor(id="a", name="Acteur A", kind="enterprise", legal_form="scop",
                         sources=["https://example.org/a"]), "member")
    dataset = Dataset(default_union=True)
    for name in ("urn:g1", "urn:g2"):
        pole.to_graph(dataset.graph(URIRef(name)))
    (read,) = poles_from_graph(dataset)
    assert read.sources == ["https://example.org/source"]
    assert [a.sources for a in read.actors] == [["https://example.org/a"]]
