"""Contradictions: each fixture trips one axiom, and the messages name the
individual and the axiom, in French and English."""

from __future__ import annotations

import pytest
from rdflib import URIRef

from ptce_graph.namespaces import PTCE

P = PTCE
EX = "https://example.org/fictional/"

#: fixture -> (kind, individuals, classes, axiom, English message, French message)
EXPECTED = {
    "delta-form.ttl": (
        "disjoint-classes", (EX + "delta",), (P.LocalAuthority, P.CommercialCompany),
        (P.PublicLawLegalPerson, P.PrivateLawLegalPerson),
        "Commune Delta is a local authority (declared) and a commercial company (through its legal form "
        "“commercial company”), which are disjoint (public-law legal person and private-law legal person "
        "are disjoint).",
        "Commune Delta est à la fois « collectivité territoriale » (selon les données) et « société "
        "commerciale » (d'après « forme juridique » : société commerciale), classes disjointes (« personne "
        "morale de droit public » et « personne morale de droit privé » sont disjointes).",
    ),
    "delta-declared.ttl": (
        "disjoint-classes", (EX + "delta",), (P.LocalAuthority, P.CommercialCompany),
        (P.PublicLawLegalPerson, P.PrivateLawLegalPerson),
        "Commune Delta is declared both a local authority and a commercial company, which are disjoint "
        "(public-law legal person and private-law legal person are disjoint).",
        "Commune Delta est à la fois « collectivité territoriale » et « société commerciale » selon les "
        "données, classes disjointes (« personne morale de droit public » et « personne morale de droit "
        "privé » sont disjointes).",
    ),
    "two-kinds.ttl": (
        "disjoint-classes", (EX + "epsilon",), (P.Enterprise, P.LocalAuthority),
        (P.Enterprise, P.LocalAuthority),
        "Epsilon is declared both an enterprise and a local authority, which are disjoint.",
        "Epsilon est à la fois « entreprise » et « collectivité territoriale » selon les données, "
        "classes disjointes.",
    ),
    "person-association.ttl": (
        "disjoint-classes", (EX + "iota",), (P.Person, P.Association), (P.Person, P.LegalPerson),
        "Iota is a natural person (declared) and an association (through its legal form “association”), "
        "which are disjoint (natural person and legal person are disjoint).",
        "Iota est à la fois « personne physique » (selon les données) et « association » (d'après « forme "
        "juridique » : association), classes disjointes (« personne physique » et « personne morale » sont "
        "disjointes).",
    ),
    "two-mentions.ttl": (
        "functional-property", (EX + "zeta",), (), (P.essMention,),
        "Zeta SAS has two values for “ESS mention”, a functional property: false and true.",
        "Zeta SAS a deux valeurs pour « mention ESS », propriété fonctionnelle : faux et vrai.",
    ),
    "member-and-partner.ttl": (
        "functional-property", (EX + "m-theta",), (), (P.relation,),
        "adhésion de Theta has two values for “relation”, a functional property: member and partner.",
        "adhésion de Theta a deux valeurs pour « relation », propriété fonctionnelle : membre et partenaire.",
    ),
    "wrong-status.ttl": (
        "functional-property", (EX + "lambda",), (), (P.essStatus,),
        "Lambda has two values for “ESS status”, a functional property: not ESS and ESS enterprise (inferred "
        "from its classes).",
        "Lambda a deux valeurs pour « statut ESS », propriété fonctionnelle : hors ESS et entreprise de "
        "l'ESS (déduite de ses classes).",
    ),
    "not-a-boolean.ttl": (
        "datatype", (EX + "kappa",), (URIRef("http://www.w3.org/2001/XMLSchema#boolean"),),
        (P.fictional, URIRef("http://www.w3.org/2001/XMLSchema#boolean")),
        "Pôle Kappa has the value “oui” (xsd:string) for “fictional”, whose values must be of type "
        "xsd:boolean.",
        "Pôle Kappa a la valeur « oui » (xsd:string) pour « fictif », dont les valeurs doivent être de type "
        "xsd:boolean.",
    ),
}


def check(result, name: str) -> None:
    kind, individuals, classes, axiom, en, fr = EXPECTED[name]
    assert result.consistent is False
    (inc,) = result.inconsistencies
    assert inc.kind == kind
    assert inc.individuals == tuple(URIRef(i) for i in individuals)
    assert inc.classes == classes
    assert inc.axiom == axiom
    assert inc.message("en") == en
    assert inc.message("fr") == fr
    assert inc.confirmed_by == "structural"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_structural_checks_name_the_contradiction(name, load_fixture, reason_with_test_ontology) -> None:
    graph = load_fixture(f"contradictions/{name}")
    check(reason_with_test_ontology(graph, None), name)


@pytest.mark.java
def test_hermit_finds_them_all_at_once(load_fixture, reason_with_test_ontology) -> None:
    """Every contradiction in one graph (ex:delta once): two reasoner runs, one
    to prove the graph inconsistent, one to prove the rest consistent."""
    import rdflib

    graph = rdflib.Graph()
    names = [n for n in sorted(EXPECTED) if n != "delta-declared.ttl"]
    for name in names:
        graph += load_fixture(f"contradictions/{name}")
    expected = {(tuple(URIRef(x) for x in EXPECTED[n][1]), EXPECTED[n][4]) for n in names}
    for mode in ("approximate", "exact"):
        result = reason_with_test_ontology(graph, "hermit", nominals=mode)
        assert result.consistent is False and result.reasoner == "hermit"
        assert result.timings["explain_runs"] == 1.0  # HermiT proves the rest consistent
        assert {(i.individuals, i.message("en")) for i in result.inconsistencies} == expected


@pytest.mark.slow
@pytest.mark.java
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_hermit_finds_it_and_the_message_names_it(name, load_fixture, reason_with_test_ontology) -> None:
    graph = load_fixture(f"contradictions/{name}")
    result = reason_with_test_ontology(graph, "hermit")
    assert result.reasoner == "hermit"
    check(result, name)
    # one reasoner run to prove it, one more without the culprit: the rest is consistent
    assert result.timings["explain_runs"] == 1.0
    assert not any(n.code == "not-isolated" for n in result.notes)


@pytest.mark.java
def test_a_contradiction_by_cases_is_isolated_by_bisection(load_fixture, reason_with_test_ontology) -> None:
    """A link of none of the four logics contradicts the disjoint union of the
    logics: only a reasoner sees it, and bisection over individuals finds it."""
    graph = load_fixture("contradictions/link-without-logic.ttl")
    assert reason_with_test_ontology(graph, None).consistent is True  # the structural checks cannot
    result = reason_with_test_ontology(graph, "hermit")
    assert result.consistent is False
    (inc,) = result.inconsistencies
    assert inc.kind == "unexplained"
    assert inc.individuals == (URIRef(EX + "link"),)
    assert inc.confirmed_by == "hermit"
    assert inc.message("en") == ("HermiT finds the statements about Lien sans logique contradictory; the "
                                 "axioms involved could not be named (declared classes: “cooperation link”).")
    assert inc.message("fr") == ("HermiT trouve contradictoires les données sur Lien sans logique ; les "
                                 "axiomes en cause n'ont pas pu être nommés (classes déclarées : « lien de "
                                 "coopération »).")
    # the actors outside the contradiction are classified by HermiT
    mu = result.classification(EX + "mu")
    assert mu.derivation == "hermit" and mu.ess_status.value == "yes"
    assert result.classification(EX + "nu").ess_status.value == "no"


@pytest.mark.java
def test_one_bad_actor_does_not_hide_the_others(coteaux, load_fixture, reason_with_test_ontology) -> None:
    """The pole of the Coteaux plus Commune Delta: Delta is reported, every other
    actor keeps the classification HermiT gives it alone."""
    from .test_classify import EXPECTED as CLASSES
    from .test_classify import actor

    mixed = load_fixture("coteaux-fictional")
    mixed += load_fixture("contradictions/delta-form.ttl")
    result = reason_with_test_ontology(mixed, "hermit")
    assert result.consistent is False
    assert [i.individuals for i in result.inconsistencies] == [(URIRef(EX + "delta"),)]
    for actor_id, (status, classes) in CLASSES.items():
        c = result.classification(actor(actor_id))
        assert c.derivation == "hermit" and c.ess_status is status
        assert {k.iri for k in c.classes} == classes
    delta = result.classification(EX + "delta")
    assert delta.derivation == "structural"
    text = result.render("en")
    assert "Inconsistencies (1)\n  - Commune Delta is a local authority (declared)" in text
    assert "(structural checks: individual in a contradiction)" in text


@pytest.mark.java
def test_the_explanation_budget_is_respected(load_fixture, reason_with_test_ontology) -> None:
    graph = load_fixture("contradictions/link-without-logic.ttl")
    result = reason_with_test_ontology(graph, "hermit", max_explanation_runs=1)
    assert result.consistent is False
    assert result.inconsistencies == ()
    (note,) = [n for n in result.notes if n.code == "not-isolated"]
    assert note.message_en == "further contradictions remain, not isolated within 1 reasoner runs"
    assert all(c.derivation == "structural" for c in result)
