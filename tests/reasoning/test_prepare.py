"""What goes to the reasoner: sanitised, filtered, with the background facts."""

from __future__ import annotations

import pytest
import rdflib
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from ptce_graph.namespaces import PTCE
from ptce_graph.namespaces import PTCELF as _PTCELF
from ptce_graph.reasoning.prepare import OWLR_PYTHON_MODULE, describe_skipped, prepare, sanitize

EX = rdflib.Namespace("https://example.org/fictional/")
PTCELF = rdflib.Namespace(str(_PTCELF._NS))  # open: the codes need not be in the table


def test_sanitize_drops_imports_and_owlready_directives() -> None:
    g = rdflib.Graph()
    g.add((EX.onto, RDF.type, OWL.Ontology))
    g.add((EX.onto, OWL.imports, URIRef("http://example.invalid/elsewhere.owl")))
    g.add((EX.onto, OWLR_PYTHON_MODULE, Literal("planted_payload")))
    g.add((EX.a, RDF.type, PTCE.Actor))
    clean = sanitize(g)
    assert set(clean) == {(EX.onto, RDF.type, OWL.Ontology), (EX.a, RDF.type, PTCE.Actor)}
    assert len(g) == 4  # the caller's graph is untouched


@pytest.mark.filterwarnings("ignore:Parsing weird boolean")
def test_assertions_are_filtered_and_counted(onto: rdflib.Graph) -> None:
    g = rdflib.Graph()
    g.add((EX.a, RDF.type, PTCE.Enterprise))
    g.add((EX.a, RDF.type, OWL.NamedIndividual))
    g.add((EX.a, RDFS.label, Literal("A")))  # annotation: never needed
    g.add((EX.a, PTCE.legalForm, PTCELF.association))
    g.add((EX.a, PTCE.essMention, Literal(True)))
    g.add((EX.a, PTCE.startDate, Literal("2014", datatype=rdflib.XSD.gYear)))  # HermiT refuses gYear
    g.add((EX.a, PTCE.essMention, Literal("abc", datatype=rdflib.XSD.boolean)))  # ill-typed
    g.add((EX.a, PTCE.legalForm, Literal("association")))  # a literal for an object property
    g.add((EX.a, EX.undeclared, EX.b))
    before = set(g)
    rin = prepare(g, onto)
    assert set(rin.abox) == {
        (EX.a, RDF.type, PTCE.Enterprise),
        (EX.a, PTCE.legalForm, PTCELF.association),
        (EX.a, PTCE.essMention, Literal(True)),
    }
    assert dict(rin.skipped) == {
        "datatype:xsd:gYear": 1,
        "ill-typed:xsd:boolean": 1,
        "literal-for-object-property": 1,
        "undeclared-property": 1,
    }
    assert describe_skipped("datatype:xsd:gYear", "en") == "value of type xsd:gYear (not an OWL 2 datatype)"
    assert rin.individuals == frozenset({EX.a})
    assert rin.asserted_types[EX.a] == frozenset({PTCE.Enterprise, OWL.NamedIndividual})
    assert set(g) == before


def test_unlisted_insee_codes_get_the_family_ess_py_gives_them(onto: rdflib.Graph) -> None:
    """cj-5499 is not in the (test) table: the first digit makes it a commercial company
    form, as ess.legal_form_info says; listed codes get no background fact."""
    g = rdflib.Graph()
    g.add((EX.a, PTCE.legalForm, PTCELF["cj-5499"]))
    g.add((EX.b, PTCE.legalForm, PTCELF["cj-7111"]))
    g.add((EX.c, PTCE.legalForm, PTCELF["cj-5710"]))  # listed in the test table
    g.add((EX.d, PTCE.legalForm, PTCELF["not-a-form"]))
    rin = prepare(g, onto)
    facts = {t for t in rin.background if t[1] != PTCE.broaderLegalForm}
    assert facts == {
        (PTCELF["cj-5499"], RDF.type, PTCE.CommercialCompanyForm),
        (PTCELF["cj-5499"], PTCE.legalPersonality, PTCE.PrivateLaw),
        (PTCELF["cj-7111"], RDF.type, PTCE.NonESSForm),
        (PTCELF["cj-7111"], PTCE.legalPersonality, PTCE.PublicLaw),
    }


def test_skos_broader_between_forms_is_restated_for_the_reasoner(onto: rdflib.Graph) -> None:
    g = rdflib.Graph()
    g.add((EX.a, PTCE.legalForm, PTCELF["cj-9220"]))
    # a form defined in the data, narrower than a named form
    g.add((EX.myform, RDF.type, PTCE.StatutoryESSForm))
    g.add((EX.myform, SKOS.broader, PTCELF.association))
    rin = prepare(g, onto)
    bridge = set(rin.background.triples((None, PTCE.broaderLegalForm, None)))
    assert (PTCELF["cj-9220"], PTCE.broaderLegalForm, PTCELF.association) in bridge
    assert (PTCELF.scop, PTCE.broaderLegalForm, PTCELF.cooperative) in bridge
    assert (EX.myform, PTCE.broaderLegalForm, PTCELF.association) in bridge
    assert not any(p == SKOS.broader for _, p, _ in rin.abox)


def test_modules_cut_the_data_by_individual_with_blank_nodes(onto: rdflib.Graph) -> None:
    g = rdflib.Graph()
    g.add((EX.a, RDF.type, PTCE.Actor))
    g.add((EX.a, PTCE.locatedIn, EX.commune))
    address = BNode()
    g.add((EX.p, RDF.type, PTCE.Pole))
    g.add((EX.p, PTCE.territory, address))
    g.add((address, RDF.type, PTCE.Territory))
    g.add((address, PTCE.comprises, EX.commune))
    rin = prepare(g, onto)
    assert set(rin.modules) == {EX.a, EX.p}
    assert (address, PTCE.comprises, EX.commune) in rin.modules[EX.p]
    assert rin.individuals == frozenset({EX.a, EX.p})
    only_a = rin.reasoning_graph(only=[EX.a])
    assert (EX.a, RDF.type, PTCE.Actor) in only_a and (EX.p, RDF.type, PTCE.Pole) not in only_a


def test_the_ontology_goes_without_annotations(onto: rdflib.Graph) -> None:
    rin = prepare(rdflib.Graph(), onto)
    assert not any(p in (RDFS.label, SKOS.definition) for _, p, _ in rin.tbox)
    assert (PTCE.NonESSActor, OWL.disjointWith, PTCE.ESSEnterprise) in rin.tbox
    # the legal forms of the table are individuals of the ontology, kept with their facts
    assert (PTCELF.association, RDF.type, PTCE.StatutoryESSForm) in rin.tbox


def test_data_schema_goes_with_the_ontology(onto: rdflib.Graph) -> None:
    g = rdflib.Graph().parse(data="""
        @prefix ptce: <https://w3id.org/ptce/ns#> .
        @prefix owl: <http://www.w3.org/2002/07/owl#> .
        @prefix ex: <https://example.org/fictional/> .
        ex:Cafe a owl:Class ; <http://www.w3.org/2000/01/rdf-schema#subClassOf> ptce:Enterprise .
        ex:c a ex:Cafe .
    """, format="turtle")
    rin = prepare(g, onto)
    assert (EX.Cafe, RDFS.subClassOf, PTCE.Enterprise) in rin.tbox
    assert set(rin.abox) == {(EX.c, RDF.type, EX.Cafe)}
    # The same triples, blank nodes included (stronger than isomorphism, which takes 6 s of CPU on the
    # ontology's restrictions).
    assert set(rin.reasoning_graph(only=[])) == set(rin.reasoning_graph(exclude=[EX.c]))


def test_nominals_are_approximated_by_classes(onto: rdflib.Graph) -> None:
    from ptce_graph.reasoning.prepare import NOMINAL_CLASS_PREFIX, nominal_class

    rin = prepare(rdflib.Graph(), onto)
    approx = rin.approximated_tbox
    assert not any(approx.triples((None, OWL.oneOf, None)))
    assert not any(isinstance(o, URIRef) for o in approx.objects(None, OWL.hasValue))
    assert any(isinstance(o, Literal) for o in approx.objects(None, OWL.hasValue))  # the ESS mention stays
    private = nominal_class(PTCE.PrivateLaw)
    assert str(private).startswith(NOMINAL_CLASS_PREFIX)
    assert (PTCE.PrivateLaw, RDF.type, private) in approx
    # declared different: disjoint stand-ins
    pairs = {frozenset(p) for p in approx.subject_objects(OWL.disjointWith)}
    assert frozenset((private, nominal_class(PTCE.PublicLaw))) in pairs
    assert frozenset((nominal_class(PTCE.ESSYes), nominal_class(PTCE.ESSNo))) in pairs
    # the exact ontology is kept as well
    assert any(rin.tbox.triples((None, OWL.oneOf, None)))
    assert set(rin.reasoning_triples(exact=True)) >= set(rin.tbox)
