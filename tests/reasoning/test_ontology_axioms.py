"""The reasoning axioms (ontology/reasoning.ttl): written like the rest of the
ontology, free of typos, OWL 2 DL, consistent, and entailing what they claim."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import rdflib
from rdflib import URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from ptce_graph.namespaces import ORG, PTCE
from ptce_graph.resources import ONTOLOGY_FILES, ontology_graph, packaged_graph, read_bytes

NS = URIRef("https://w3id.org/ptce/ns")
NEW_TERMS = {
    PTCE.broaderLegalForm, PTCE.ActorWithoutLegalPersonality, PTCE.NonESSActor,
    PTCE.IncorporatedPole, PTCE.PrivateLawPole, PTCE.UnincorporatedPole,
    PTCE.RegisteredWithESSMention, PTCE.RegisteredWithoutESSMention, PTCE.RecordedAsCooperative,
}


def reasoning() -> rdflib.Graph:
    return packaged_graph("ontology", "reasoning.ttl")


def test_reasoning_file_is_part_of_the_ontology() -> None:
    assert "reasoning.ttl" in ONTOLOGY_FILES
    assert read_bytes("ontology", "reasoning.ttl").startswith(b"# ====")
    merged = ontology_graph()
    for t in reasoning():
        assert t in merged


def test_new_terms_are_documented_like_the_core() -> None:
    g = reasoning()
    declared = {s for s in g.subjects(RDF.type, None)
                if isinstance(s, URIRef) and str(s).startswith(str(PTCE._NS))
                and (s, RDF.type, OWL.FunctionalProperty) not in g}
    assert declared == NEW_TERMS
    for term in NEW_TERMS:
        langs = {lit.language for lit in g.objects(term, RDFS.label)}
        assert langs == {"fr", "en"}, term
        assert {lit.language for lit in g.objects(term, SKOS.definition)} == {"fr", "en"}, term
        assert (term, RDFS.isDefinedBy, NS) in g, term


def test_every_ptce_term_used_is_declared() -> None:
    """A typo (ptce:NonESSActr) would be a new, empty class: the W3C ORG lesson."""
    merged = ontology_graph()
    declared = set(merged.subjects(RDF.type, None))
    used = {n for t in reasoning() for n in t if isinstance(n, URIRef) and str(n).startswith(str(PTCE._NS))}
    assert used - declared == set()


def test_properties_are_used_as_declared() -> None:
    """OWL 2 DL: no property is both an object and a data (or annotation) property,
    and every restricted property is declared."""
    g = ontology_graph()
    obj = set(g.subjects(RDF.type, OWL.ObjectProperty))
    data = set(g.subjects(RDF.type, OWL.DatatypeProperty))
    ann = set(g.subjects(RDF.type, OWL.AnnotationProperty))
    assert obj & data == set()
    assert (obj | data) & ann == set()
    for prop in g.objects(None, OWL.onProperty):
        assert prop in obj or prop in data, prop
    for restriction in g.subjects(OWL.onProperty, PTCE.essMention):
        value = g.value(restriction, OWL.hasValue)
        assert value is None or value.datatype == rdflib.XSD.boolean


def test_new_terms_are_in_the_generated_namespace() -> None:
    for term in NEW_TERMS:
        assert getattr(PTCE, str(term)[len(str(PTCE._NS)):]) == term


def _hermit_classes():
    from ptce_graph.reasoning.owl import run_reasoner
    from ptce_graph.reasoning.prepare import prepare

    rin = prepare(rdflib.Graph(), ontology_graph())
    return run_reasoner(rin.reasoning_graph(exact=True))


@pytest.fixture(scope="module")
def shipped_ontology_run():
    return _hermit_classes()


@pytest.mark.java
def test_shipped_ontology_is_consistent_with_no_empty_class(shipped_ontology_run) -> None:
    run = shipped_ontology_run
    assert run.consistent
    assert not any(OWL.Nothing in pair for pair in run.hierarchy if pair[0] != OWL.Nothing)


@pytest.mark.java
def test_hermit_entails_the_claimed_subsumptions(shipped_ontology_run) -> None:
    from ptce_graph.reasoning.classify import _closure

    supers = _closure(shipped_ontology_run.hierarchy)
    # a grouping of local authorities is a public body
    assert PTCE.PublicBody in supers[PTCE.LocalAuthorityGrouping]
    # a person, a sole proprietorship: no legal person
    assert PTCE.ActorWithoutLegalPersonality in supers[PTCE.Person]
    assert PTCE.ActorWithoutLegalPersonality in supers[PTCE.SoleProprietorship]
    # a public body is exactly a public-law legal person
    assert PTCE.PublicLawLegalPerson in supers[PTCE.PublicBody]
    assert PTCE.PublicBody in supers[PTCE.PublicLawLegalPerson]
    # a pole with legal personality is a formal organisation
    assert ORG.FormalOrganization in supers[PTCE.IncorporatedPole]
    assert PTCE.IncorporatedPole in supers[PTCE.PrivateLawPole]


def _has_compiler() -> bool:
    java = shutil.which("java")
    if java is None:
        return False
    listed = subprocess.run([java, "--list-modules"], capture_output=True, text=True, check=False).stdout
    return "jdk.compiler" in listed


@pytest.mark.java
def test_shipped_ontology_is_owl2_dl(tmp_path: Path) -> None:
    """The OWL API's OWL 2 DL profile checker (in owlready2's HermiT.jar) finds no violation."""
    if not _has_compiler():
        pytest.skip("the Java source launcher needs a JDK (jdk.compiler); a JRE cannot run this check")
    import owlready2.reasoning

    jar = Path(owlready2.reasoning.__file__).parent / "hermit" / "HermiT.jar"
    source = Path(__file__).parent / "java" / "DLProfile.java"
    document = tmp_path / "ontology.ttl"
    ontology_graph().serialize(document, format="turtle")
    out = subprocess.run(["java", "-cp", str(jar), str(source), str(document)],
                         capture_output=True, text=True, check=False, timeout=300)
    assert out.stdout.strip().splitlines()[-1] == "IN-PROFILE", out.stdout + out.stderr
