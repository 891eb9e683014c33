"""Lint the ontology like source code.

The W3C ORG ontology shipped ``subOrganzationOf`` and ``rdfs:subClasOf`` typos
that no tool caught; these tests catch such things in ours: every term used is
declared, every term is labelled and defined in French and English, no term of
the standard vocabularies is misspelt, and the whole is consistent under HermiT
when Java is present.
"""

from __future__ import annotations

import io
import shutil
from collections.abc import Iterator

import pytest
import rdflib
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SH, SKOS, XSD, DefinedNamespaceMeta

from ptce_graph.resources import ONTOLOGY_FILES, ontology_dir, packaged_graph

OURS = (
    "https://w3id.org/ptce/ns#",
    "https://w3id.org/ptce/definition/",
    "https://w3id.org/ptce/legal-form/",
    "https://w3id.org/ptce/referentiel/",
    "https://w3id.org/ptce/typology/",
    "https://w3id.org/ptce/source/",
)
#: The ontology IRI each file declares (one owl:Ontology per file).
ONTOLOGY_HEADERS = {
    "ptce.ttl": "https://w3id.org/ptce/ns",
    "schemes.ttl": "https://w3id.org/ptce/ns/schemes",
    "reasoning.ttl": "https://w3id.org/ptce/ns/reasoning",
    "definitions.ttl": "https://w3id.org/ptce/definition/",
    "legal-forms.ttl": "https://w3id.org/ptce/legal-form/",
    "referentiel.ttl": "https://w3id.org/ptce/referentiel/",
    "typology.ttl": "https://w3id.org/ptce/typology/",
    "sources.ttl": "https://w3id.org/ptce/source/",
}


def _files() -> list[str]:
    return [name for name in ONTOLOGY_FILES if ontology_dir().joinpath(name).is_file()]


def _merged() -> rdflib.Graph:
    graph = rdflib.Graph()
    for name in _files():
        graph += packaged_graph("ontology", name)
    return graph


def _iris(graph: rdflib.Graph) -> Iterator[URIRef]:
    for triple in graph:
        for term in triple:
            if isinstance(term, URIRef):
                yield term
            elif isinstance(term, Literal) and term.datatype is not None:
                yield URIRef(term.datatype)


def _is_ours(iri: str) -> bool:
    return iri.startswith(OURS) and iri not in ONTOLOGY_HEADERS.values()


def test_every_file_of_the_list_exists() -> None:
    assert _files() == list(ONTOLOGY_FILES)


def test_every_term_used_is_declared() -> None:
    graph = _merged()
    declared = {s for s in graph.subjects() if isinstance(s, URIRef)}
    versions = set(graph.objects(None, OWL.versionIRI))
    undeclared = sorted({str(i) for i in _iris(graph) if _is_ours(str(i)) and i not in declared and i not in versions})
    assert not undeclared, "used but not declared: " + ", ".join(undeclared)


def _lang_values(graph: rdflib.Graph, s: URIRef, p: URIRef) -> set[str]:
    return {o.language for o in graph.objects(s, p) if isinstance(o, Literal) and o.language}


def test_every_term_has_labels_and_definitions_in_french_and_english() -> None:
    graph = _merged()
    problems = []
    for s in sorted({s for s in graph.subjects() if isinstance(s, URIRef) and _is_ours(str(s))}, key=str):
        labels = _lang_values(graph, s, RDFS.label)
        definitions = _lang_values(graph, s, SKOS.definition) | _lang_values(graph, s, RDFS.comment)
        if not {"fr", "en"} <= labels:
            problems.append(f"{s}: rdfs:label in {sorted(labels)}")
        if not {"fr", "en"} <= definitions:
            problems.append(f"{s}: definition in {sorted(definitions)}")
        if graph.value(s, RDFS.isDefinedBy) is None:
            problems.append(f"{s}: no rdfs:isDefinedBy")
    assert not problems, "\n".join(problems[:40])


def test_each_file_declares_one_ontology() -> None:
    """One owl:Ontology per file, and no SKOS scheme beside the core's header.

    Documentation tools (pyLODE) name a file after the ontology or scheme they
    find in it: two headers in one file, and the page is named after the wrong one.
    """
    assert set(ONTOLOGY_HEADERS) == set(_files())
    for name in _files():
        graph = packaged_graph("ontology", name)
        assert [str(o) for o in graph.subjects(RDF.type, OWL.Ontology)] == [ONTOLOGY_HEADERS[name]], name
    assert not set(packaged_graph("ontology", "ptce.ttl").subjects(RDF.type, SKOS.ConceptScheme))


def test_every_term_has_one_label_per_language() -> None:
    """skos:prefLabel is a sub-property of rdfs:label: a second, different one is a second label,
    and tools that print a term's labels (pyLODE, a SKOS browser) print both.  Classes, properties,
    individuals (« phase 1 »), schemes and legal forms alike: another wording is a skos:altLabel."""
    graph = _merged()
    problems = []
    for s in sorted({s for s in graph.subjects() if isinstance(s, URIRef) and s.startswith(OURS)}, key=str):
        for lang in ("fr", "en"):
            labels = {str(o) for p in (RDFS.label, SKOS.prefLabel) for o in graph.objects(s, p)
                      if isinstance(o, Literal) and o.language == lang}
            if len(labels) > 1:
                problems.append(f"{s} @{lang}: {sorted(labels)}")
    assert not problems, "\n".join(problems)


def test_ontology_headers() -> None:
    graph = _merged()
    for header in sorted(ONTOLOGY_HEADERS.values()):
        h = URIRef(header)
        assert graph.value(h, OWL.versionInfo) is not None, header
        assert graph.value(h, OWL.versionIRI) is not None, header
        assert {"fr", "en"} <= _lang_values(graph, h, DCTERMS.title), header
        assert graph.value(h, DCTERMS.license) is not None, header


def _vocabulary_terms(ns: DefinedNamespaceMeta) -> set[str]:
    names = set(getattr(ns, "__annotations__", {})) | set(getattr(ns, "_extras", []))
    return {str(ns._NS) + n for n in names}


STANDARD = {
    str(RDF._NS): _vocabulary_terms(RDF) | {str(RDF._NS) + "nil", str(RDF._NS) + "first", str(RDF._NS) + "rest"},
    str(RDFS._NS): _vocabulary_terms(RDFS),
    str(OWL._NS): _vocabulary_terms(OWL),
    str(SKOS._NS): _vocabulary_terms(SKOS),
    str(SH._NS): _vocabulary_terms(SH),
    str(DCTERMS._NS): _vocabulary_terms(DCTERMS),
    str(XSD._NS): _vocabulary_terms(XSD),
}


def _misspelt(graph: rdflib.Graph) -> list[str]:
    bad = set()
    for iri in _iris(graph):
        for ns, terms in STANDARD.items():
            if str(iri).startswith(ns) and str(iri) != ns and str(iri) not in terms:
                bad.add(str(iri))
    return sorted(bad)


def test_no_misspelt_standard_term() -> None:
    assert not _misspelt(_merged())


def test_the_misspelling_check_catches_the_org_typos() -> None:
    graph = rdflib.Graph().parse(
        data="@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . <x:a> rdfs:subClasOf <x:b> .", format="turtle"
    )
    assert _misspelt(graph) == ["http://www.w3.org/2000/01/rdf-schema#subClasOf"]


def test_properties_are_typed_once() -> None:
    graph = _merged()
    kinds = (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
    for p in {p for _, p, _ in graph} | set(graph.subjects(RDF.type, OWL.ObjectProperty)):
        if not _is_ours(str(p)):
            continue
        types = [k for k in kinds if (p, RDF.type, k) in graph]
        assert len(types) == 1, f"{p} is typed {types}"


def test_classes_and_individuals_of_ours_are_typed() -> None:
    graph = _merged()
    for s in {s for s in graph.subjects() if isinstance(s, URIRef) and _is_ours(str(s))}:
        assert graph.value(s, RDF.type) is not None, f"{s} has no rdf:type"


def test_every_definition_file_parses_alone() -> None:
    for name in _files():
        assert len(packaged_graph("ontology", name)) > 10, name


@pytest.mark.slow  # the default run has the stronger check: tests/reasoning/test_ontology_axioms.py
@pytest.mark.java
@pytest.mark.skipif(shutil.which("java") is None, reason="no Java runtime for HermiT")
def test_consistent_under_hermit() -> None:
    owlready2 = pytest.importorskip("owlready2")
    data = _merged().serialize(format="nt", encoding="utf-8")
    world = owlready2.World()
    onto = world.get_ontology("https://w3id.org/ptce/ns#").load(fileobj=io.BytesIO(data), format="ntriples")
    with onto:
        owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
    assert list(world.inconsistent_classes()) == []
