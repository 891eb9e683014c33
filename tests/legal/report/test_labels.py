"""The names a report gives what it mentions: the data's own, the ontology's, or composed."""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from ptce_graph.ess import legal_form_info
from ptce_graph.legal.report.labels import Labeller, node_id
from ptce_graph.namespaces import ORG, PTCE, PTCELF

EX = "https://example.org/"


def _graph() -> Graph:
    g = Graph()
    a, b = URIRef(EX + "a"), URIRef(EX + "b")
    g.add((a, RDFS.label, Literal("Atelier Coop")))
    g.add((b, RDFS.label, Literal("SARL Dupont")))
    link = URIRef(EX + "link")
    g.add((link, RDF.type, PTCE.MutualisationLink))
    g.add((link, PTCE.sourceActor, a))
    g.add((link, PTCE.targetActor, b))
    funding = URIRef(EX + "funding")
    g.add((funding, RDF.type, PTCE.Funding))
    g.add((funding, PTCE.programmeLabel, Literal("Fonds local")))
    g.add((funding, PTCE.year, Literal("2016", datatype=XSD.gYear)))
    membership = BNode()
    g.add((membership, ORG.member, a))
    return g


def test_resources_are_named_by_their_label_or_by_what_they_relate() -> None:
    g = _graph()
    fr, en = Labeller(g, "fr"), Labeller(g, "en")
    assert fr(URIRef(EX + "a")) == "Atelier Coop"
    assert fr(URIRef(EX + "link")).endswith("Atelier Coop – SARL Dupont")
    assert fr(URIRef(EX + "funding")) == "Fonds local (2016)"
    member = next(g.subjects(ORG.member, URIRef(EX + "a")))
    assert fr(member) == "adhésion de Atelier Coop" and en(member) == "membership of Atelier Coop"
    assert fr(Literal("true", datatype=XSD.boolean)) == "oui" and en(Literal("0", datatype=XSD.boolean)) == "no"
    assert fr(URIRef(EX + "without/a-name")) == "a-name"
    assert fr(None) == ""


def test_legal_forms_are_named_from_the_legal_form_table() -> None:
    for lang in ("fr", "en"):
        for form in ("scop", "association", "5710"):
            iri = PTCELF[f"cj-{form}" if form.isdigit() else form]
            info = legal_form_info(form)
            assert info is not None
            assert Labeller(Graph(), lang)(iri) == info.label(lang)


def test_a_blank_node_gets_an_id_from_what_it_says() -> None:
    g1, g2 = _graph(), _graph()
    m1 = next(g1.subjects(ORG.member, URIRef(EX + "a")))
    m2 = next(g2.subjects(ORG.member, URIRef(EX + "a")))
    assert m1 != m2
    assert node_id(g1, m1) == node_id(g2, m2)
    assert node_id(g1, m1).startswith("_:b")
    assert node_id(g1, URIRef(EX + "a")) == EX + "a"
