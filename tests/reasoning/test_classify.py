"""Classification of the fictional pole of the Coteaux: exact classes and ESS
status of every actor, by HermiT and by the structural checks."""

from __future__ import annotations

import pytest
import rdflib
from rdflib import URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, RDF

from ptce_graph.ess import ESSStatus
from ptce_graph.io.serialize import to_turtle
from ptce_graph.namespaces import FOAF, ORG, PROV, PTCE

P = PTCE
YES, NO, UNKNOWN = ESSStatus.YES, ESSStatus.NO, ESSStatus.UNKNOWN
BASE = "https://w3id.org/ptce/id/pole/coteaux"

#: actor id -> (ESS status, every ptce: class it belongs to)
EXPECTED: dict[str, tuple[ESSStatus, set[URIRef]]] = {
    "artisan": (NO, {P.SoleProprietorship, P.NonESSEnterprise, P.NonESSActor, P.ActorWithoutLegalPersonality,
                     P.Enterprise, P.Actor}),
    "atelier": (YES, {P.SCOP, P.Cooperative, P.ESSEnterprise, P.PrivateLawLegalPerson, P.LegalPerson,
                      P.Enterprise, P.Actor}),
    "autre": (UNKNOWN, {P.PrivateLawLegalPerson, P.LegalPerson, P.Enterprise, P.Actor}),
    "boulangerie": (NO, {P.CommercialCompany, P.NonESSEnterprise, P.NonESSActor, P.PrivateLawLegalPerson,
                         P.LegalPerson, P.Enterprise, P.Actor, P.RegisteredWithoutESSMention}),
    "cc": (NO, {P.LocalAuthorityGrouping, P.PublicBody, P.PublicLawLegalPerson, P.NonESSActor, P.LegalPerson,
                P.Actor}),
    "collectif": (NO, {P.NonESSActor, P.ActorWithoutLegalPersonality, P.OtherBody, P.Actor}),
    "commune": (UNKNOWN, {P.LocalAuthority, P.PublicBody, P.PublicLawLegalPerson, P.LegalPerson, P.Actor}),
    "fondation": (YES, {P.Foundation, P.ESSEnterprise, P.PrivateLawLegalPerson, P.LegalPerson, P.OtherBody,
                        P.Actor}),
    "formation": (YES, {P.Association, P.ESSEnterprise, P.PrivateLawLegalPerson, P.LegalPerson,
                        P.TrainingBody, P.KnowledgeBody, P.Actor}),
    "habitante": (NO, {P.Person, P.NonESSActor, P.ActorWithoutLegalPersonality, P.Actor}),
    "inconnue": (UNKNOWN, {P.Enterprise, P.Actor}),
    "jardins": (YES, {P.Association, P.ESSEnterprise, P.PrivateLawLegalPerson, P.LegalPerson, P.Enterprise,
                      P.Actor}),
    "mention": (YES, {P.ESSCommercialCompany, P.CommercialCompany, P.ESSEnterprise, P.PrivateLawLegalPerson,
                      P.LegalPerson, P.Enterprise, P.Actor, P.RegisteredWithESSMention}),
    "mutuelle": (YES, {P.Mutual, P.ESSEnterprise, P.PrivateLawLegalPerson, P.LegalPerson, P.Enterprise,
                       P.Actor}),
    "sarl": (NO, {P.CommercialCompany, P.NonESSEnterprise, P.NonESSActor, P.PrivateLawLegalPerson,
                  P.LegalPerson, P.Enterprise, P.Actor, P.RegisteredWithoutESSMention}),
    "sas-inconnue": (UNKNOWN, {P.CommercialCompany, P.PrivateLawLegalPerson, P.LegalPerson, P.Enterprise,
                               P.Actor}),
    "universite": (NO, {P.HigherEducationEstablishment, P.KnowledgeBody, P.PublicBody, P.PublicLawLegalPerson,
                        P.NonESSActor, P.LegalPerson, P.Actor}),
}
POLE_CLASSES = {P.Pole, P.IncorporatedPole, P.PrivateLawPole, ORG.FormalOrganization}


def actor(actor_id: str) -> URIRef:
    return URIRef(f"{BASE}/actor/{actor_id}")


def check_classification(result) -> None:
    assert [c.node for c in result.actors] == sorted(actor(a) for a in EXPECTED)
    for actor_id, (status, classes) in EXPECTED.items():
        c = result.classification(actor(actor_id))
        assert c is not None and c.role == "actor"
        assert {k.iri for k in c.classes} == classes, actor_id
        assert c.ess_status is status, actor_id
    (pole,) = result.poles
    assert pole.node == URIRef(BASE)
    assert {k.iri for k in pole.classes} == POLE_CLASSES
    assert pole.label == "Pôle fictif des Coteaux"


@pytest.fixture(scope="module")
def hermit(coteaux, reason_with_test_ontology):
    return reason_with_test_ontology(coteaux, "hermit")


@pytest.fixture(scope="module")
def structural(coteaux, reason_with_test_ontology):
    return reason_with_test_ontology(coteaux, None)


@pytest.mark.java
def test_hermit_classifies_every_actor_and_the_pole(hermit) -> None:
    assert hermit.consistent is True
    assert hermit.reasoner == "hermit"
    assert hermit.inconsistencies == ()
    assert all(c.derivation == "hermit" for c in hermit)
    check_classification(hermit)


def test_structural_checks_classify_the_same_without_a_reasoner(structural) -> None:
    assert structural.consistent is True
    assert structural.reasoner is None
    assert all(c.derivation == "structural" for c in structural)
    check_classification(structural)


@pytest.mark.java
def test_classes_come_most_specific_first_with_labels(hermit, test_onto) -> None:
    from ptce_graph.reasoning.axioms import read_tbox

    tbox = read_tbox(test_onto)
    for c in hermit:
        iris = [k.iri for k in c.classes]
        for i, cls in enumerate(iris):
            for later in iris[i + 1:]:
                equivalent = later in tbox.super_classes(cls)  # PublicBody ≡ PublicLawLegalPerson
                assert equivalent or cls not in tbox.super_classes(later), (c.node, cls, later)
    jardins = hermit.classification(actor("jardins"))
    assert jardins.classes[0].iri == P.Association
    first_two = [k.label("en") for k in jardins.inferred][:2]
    assert first_two == ["association", "social and solidarity economy enterprise"]
    assert [k.label("fr") for k in jardins.declared] == ["entreprise", "acteur"]
    assert jardins.asserted == frozenset({P.Enterprise, P.Actor})


@pytest.mark.java
def test_inferred_triples_are_a_separate_graph_about_the_data(hermit, coteaux) -> None:
    inferred = hermit.inferred
    jardins, boulangerie, sas = actor("jardins"), actor("boulangerie"), actor("sas-inconnue")
    assert (jardins, RDF.type, P.ESSEnterprise) in inferred
    assert (jardins, RDF.type, P.Association) in inferred
    assert (jardins, RDF.type, FOAF.Agent) in inferred and (jardins, RDF.type, PROV.Agent) in inferred
    assert (jardins, P.essStatus, P.ESSYes) in inferred
    assert (boulangerie, P.essStatus, P.ESSNo) in inferred
    assert not any(inferred.triples((sas, P.essStatus, None)))
    assert (URIRef(f"{BASE}/membership/jardins"), RDF.type, ORG.Membership) in inferred
    # nothing the data says, nothing trivial, nothing about the ontology's own terms
    assert not any(t in coteaux for t in inferred)
    assert not any(o in (OWL.Thing, OWL.NamedIndividual) for o in inferred.objects(None, RDF.type))
    subjects = set(coteaux.subjects())
    assert set(inferred.subjects()) <= subjects


@pytest.mark.java
def test_reasoning_does_not_touch_the_callers_graph(coteaux, test_onto) -> None:
    from ptce_graph.reasoning import reason

    from .conftest import ess_reads

    copy = rdflib.Graph()
    for t in coteaux:
        copy.add(t)
    onto_size = len(test_onto)
    with ess_reads(test_onto):
        result = reason(coteaux, ontology=test_onto)
    assert isomorphic(copy, coteaux) and len(test_onto) == onto_size
    merged = result.merged(coteaux)
    assert len(merged) == len(coteaux) + len(result.inferred)
    assert isomorphic(copy, coteaux)


@pytest.mark.java
def test_structural_conclusions_are_sound(hermit, structural) -> None:
    """Everything the structural checks infer, HermiT infers too (here: the same)."""
    assert set(structural.inferred) <= set(hermit.inferred)
    assert set(hermit.inferred) - set(structural.inferred) == set()


@pytest.mark.java
def test_inferred_turtle_is_deterministic(hermit, coteaux, reason_with_test_ontology) -> None:
    again = reason_with_test_ontology(coteaux, "hermit", explain=True)  # a second, separate run
    assert to_turtle(hermit.inferred) == to_turtle(again.inferred)


@pytest.mark.java
def test_property_values_on_request(coteaux, reason_with_test_ontology) -> None:
    result = reason_with_test_ontology(coteaux, "hermit", infer_property_values=True)
    links = list(coteaux.subjects(RDF.type, P.InteractionLink))
    assert len(links) == 1
    # ptce:sourceActor is a sub-property of ptce:linkedActor
    assert (links[0], P.linkedActor, actor("boulangerie")) in result.inferred
    assert (links[0], P.linkedActor, actor("boulangerie")) not in coteaux
    # and nothing else changes
    without = reason_with_test_ontology(coteaux, "hermit")
    assert set(without.inferred) <= set(result.inferred)
    types_with = {t for t in result.inferred if t[1] == RDF.type}
    assert types_with == {t for t in without.inferred if t[1] == RDF.type}


@pytest.mark.java
def test_pellet_is_tried_and_its_failure_said(coteaux, reason_with_test_ontology) -> None:
    result = reason_with_test_ontology(coteaux, "pellet")
    if result.reasoner == "pellet":  # a Java recent enough for owlready2's Pellet build
        check_classification(result)
        return
    assert result.reasoner == "hermit"
    (note,) = [n for n in result.notes if n.code == "pellet-unavailable"]
    assert "UnsupportedClassVersionError" in note.message_en
    assert note.message_en.endswith("; classified with HermiT instead")
    check_classification(result)


def test_render_lists_actors_with_their_classes(structural) -> None:
    text_en = structural.render("en")
    assert text_en.startswith("No OWL reasoner ran: structural checks only — no contradiction found\n")
    assert "  Association Les Jardins (fictive) <https://w3id.org/ptce/id/pole/coteaux/actor/jardins>\n" \
           "    ESS status: yes\n" \
           "    declared: enterprise, actor\n" \
           "    inferred: association, social and solidarity economy enterprise, private-law legal person, " \
           "legal person\n" in text_en
    text_fr = structural.render("fr")
    assert "    statut ESS : oui\n    déclarées : entreprise, acteur\n" in text_fr
    assert "Pôles (1)" in text_fr and "Acteurs (17)" in text_fr


def test_to_dict(structural) -> None:
    d = structural.to_dict("en")
    assert set(d) == {"consistent", "reasoner", "derivation", "notes", "poles", "actors", "inconsistencies",
                      "inferred_triples"}
    assert d["derivation"] == "structural" and d["reasoner"] is None
    (jardins,) = [a for a in d["actors"] if a["iri"].endswith("/jardins")]
    assert jardins["ess_status"] == "yes"
    assert jardins["classes"][0] == {"iri": str(P.Association), "label": "association", "asserted": False}
    assert "timings" in structural.to_dict(timings=True)


@pytest.mark.java
def test_the_nominal_approximation_changes_no_conclusion(hermit, coteaux, reason_with_test_ontology) -> None:
    exact = reason_with_test_ontology(coteaux, "hermit", nominals="exact")
    check_classification(exact)
    assert set(exact.inferred) == set(hermit.inferred)


def test_an_unknown_nominals_mode_is_a_usage_error(coteaux) -> None:
    from ptce_graph.reasoning import reason

    with pytest.raises(ValueError, match="unknown nominals mode 'fast'"):
        reason(coteaux, nominals="fast")


@pytest.mark.java
def test_enrich_for_validation_gives_a_new_graph_the_model_reads(coteaux, test_onto) -> None:
    """What validate(..., reason=True) will read: the data plus the inferred triples."""
    from ptce_graph.model import ActorKind, poles_from_graph
    from ptce_graph.reasoning import enrich_for_validation

    from .conftest import ess_reads

    size = len(coteaux)
    with ess_reads(test_onto):
        enriched = enrich_for_validation(coteaux, ontology=test_onto)
        (pole,) = poles_from_graph(enriched)
    assert len(coteaux) == size and enriched is not coteaux
    assert (actor("jardins"), P.essStatus, P.ESSYes) in enriched
    assert (actor("jardins"), RDF.type, P.LegalPerson) in enriched
    # the grouping recorded with only its INSEE code now has its kind
    assert pole.actor("cc").kind is ActorKind.LOCAL_AUTHORITY_GROUPING
    assert set(coteaux) <= set(enriched)
