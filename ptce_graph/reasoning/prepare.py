"""What goes to the reasoner: the ontology's axioms, the data's assertions, and
the background facts about legal forms — sanitised, filtered and cut into
per-individual modules.

Why filter: HermiT accepts OWL 2 DL only, and refuses the whole input for one
literal of a datatype outside the OWL 2 datatype map (``xsd:date``,
``xsd:gYear``: the dates of the model), for a property used both as an object
and a data property, or for an ``owl:imports`` it would try to fetch.  The data
assertions that cannot affect classification (annotations such as labels,
values of undeclared properties, dates) are therefore left out, and counted in
:attr:`ReasonerInput.skipped` so that nothing disappears silently.

Why background facts: the ontology's table of legal forms (``legal-forms.ttl``)
lists the INSEE codes that matter; :mod:`ptce_graph.ess` decides the others by
the first digit of the code (INSEE nomenclature, niveau I).  The same knowledge
is given to the reasoner as facts (``cj-5710 a ptce:CommercialCompanyForm``), so
that the reasoner and the Python model reason from the same table.  And
``skos:broader`` between legal forms, an annotation in OWL 2 DL, is restated as
``ptce:broaderLegalForm``.  Background facts are inputs, not conclusions: they
never appear among the inferred triples.

Why hints: HermiT reasons about data values by cases, which made the rules on
the ESS mention (a boolean) about three times slower than rules on classes.
The ontology names the two values (``ptce:RegisteredWithESSMention`` ≡
``ptce:essMention value true``, and false); the types that equivalence gives
each individual with a mention are stated before reasoning.  They are
entailments, computed the trivial way, so they change no conclusion, only the
time; they are reported among the inferred triples like any other type.

Why nominals are approximated: the ontology names individuals inside class
expressions (``owl:oneOf`` enumerations, ``owl:hasValue ptce:PrivateLaw``).
With nominals, HermiT brings the whole data into each of its ~145 tests of
the class hierarchy, which made 10,000 actors take minutes.  By default each
nominal {a} is replaced, in what HermiT gets, by a fresh class N_a that only
``a`` is asserted to belong to (pairwise disjoint when the individuals are
declared different).  Every model of the ontology extends to a model of the
replacement (read N_a as {a}), so every conclusion HermiT draws from it holds:
the approximation is sound.  It could miss a conclusion that needs the
identity of a nominal beyond its class (none in this ontology; the tests check
both modes agree); ``nominals="exact"`` sends the ontology as written.

Security (STORES.md §3e): ``owl:imports`` and owlready2's ``python_module``
annotation are removed from the data and the ontology before anything is handed
to owlready2, which would otherwise fetch the import or import the module.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD
from rdflib.term import Node

from ptce_graph.ess import legal_form_info
from ptce_graph.namespaces import PTCE, PTCELF

__all__ = [
    "OWLR_PYTHON_MODULE",
    "OWL2_DATATYPES",
    "ReasonerInput",
    "prepare",
    "sanitize",
    "FORM_FAMILY_CLASSES",
    "SKIPPED_REASONS",
    "describe_skipped",
    "NOMINAL_CLASS_PREFIX",
    "nominal_class",
    "approximate_nominals",
]

OWLR_PYTHON_MODULE = URIRef("http://www.lesfleursdunormal.fr/static/_downloads/owlready_ontology.owl#python_module")
_OWLR = "http://www.lesfleursdunormal.fr/static/_downloads/owlready_ontology.owl#"
_UNSAFE_PREDICATES = {OWL.imports}

#: Datatypes of the OWL 2 datatype map (the only ones HermiT accepts).
OWL2_DATATYPES: frozenset[URIRef] = frozenset(
    [RDF.PlainLiteral, RDF.XMLLiteral, RDF.langString, RDFS.Literal, OWL.real, OWL.rational]
    + [XSD[n] for n in (
        "string", "normalizedString", "token", "language", "Name", "NCName", "NMTOKEN", "boolean", "decimal",
        "integer", "nonNegativeInteger", "nonPositiveInteger", "positiveInteger", "negativeInteger", "long",
        "int", "short", "byte", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte", "double",
        "float", "hexBinary", "base64Binary", "anyURI", "dateTime", "dateTimeStamp",
    )]
)

#: The four families of legal forms (disjoint classes of ptce.ttl), by ess.py family name.
FORM_FAMILY_CLASSES: dict[str, URIRef] = {
    "statutory-ess": PTCE.StatutoryESSForm,
    "commercial-company": PTCE.CommercialCompanyForm,
    "non-ess": PTCE.NonESSForm,
    "undetermined": PTCE.UndeterminedForm,
}
_PERSONALITY_INDIVIDUALS = {
    "private-law": PTCE.PrivateLaw,
    "public-law": PTCE.PublicLaw,
    "none": PTCE.NoLegalPersonality,
}

_SCHEMA_TYPES = {
    OWL.Class, RDFS.Class, OWL.Restriction, RDFS.Datatype, OWL.ObjectProperty, OWL.DatatypeProperty,
    OWL.AnnotationProperty, RDF.Property, OWL.FunctionalProperty, OWL.InverseFunctionalProperty,
    OWL.TransitiveProperty, OWL.SymmetricProperty, OWL.AsymmetricProperty, OWL.ReflexiveProperty,
    OWL.IrreflexiveProperty, OWL.AllDisjointClasses, OWL.AllDisjointProperties, OWL.Ontology,
    OWL.OntologyProperty, OWL.Axiom, OWL.NegativePropertyAssertion,
}
_SCHEMA_PREDICATES = {
    RDFS.subClassOf, OWL.equivalentClass, OWL.disjointWith, OWL.disjointUnionOf, RDFS.subPropertyOf,
    OWL.equivalentProperty, OWL.inverseOf, RDFS.domain, RDFS.range, OWL.propertyDisjointWith,
    OWL.propertyChainAxiom, OWL.hasKey, OWL.onProperty, OWL.intersectionOf, OWL.unionOf, OWL.oneOf,
    OWL.complementOf, RDF.first, RDF.rest,
}
_RESERVED = (str(RDF), str(RDFS), str(OWL), str(XSD))
_ABOX_BUILTINS = {OWL.sameAs, OWL.differentFrom}
_CODE = re.compile(r"^cj-(\d{4})$")


@dataclass
class ReasonerInput:
    """The reasoner's view of ontology + data.

    ``tbox`` holds the ontology's logical axioms (and any schema the data
    declares), without annotations; ``abox`` the data assertions that can matter
    to classification; ``background`` the facts about legal forms added by
    ptce_graph.  ``modules`` cuts ``abox`` by individual: the triples whose
    subject is that individual, with the blank nodes hanging from it — the unit
    in which contradictions are isolated.  ``hints`` are entailed types stated
    in advance for speed (see the module docstring), one set per module.
    ``approximated_tbox`` is ``tbox`` with its nominals approximated by classes.
    """

    tbox: Graph
    abox: Graph
    background: Graph
    hints: Graph
    approximated_tbox: Graph
    individuals: frozenset[URIRef]
    modules: dict[Node, frozenset[tuple[Node, Node, Node]]]
    asserted_types: dict[Node, frozenset[URIRef]]
    ontology_subjects: frozenset[Node]
    skipped: Counter[str] = field(default_factory=Counter)

    def reasoning_triples(
        self, *, exclude: Iterable[Node] = (), only: Iterable[Node] | None = None, exact: bool = False,
    ) -> Iterator[tuple[Node, Node, Node]]:
        """tbox + background + abox (+ hints), optionally without (or only with)
        some modules; with the nominals approximated unless ``exact``."""
        yield from (self.tbox if exact else self.approximated_tbox)
        yield from self.background
        excluded = set(exclude)
        keys = set(only) if only is not None else set(self.modules)
        for key, triples in self.modules.items():
            if key in keys and key not in excluded:
                yield from triples
                yield from self.hints.triples((key, None, None))

    def reasoning_graph(self, *, exclude: Iterable[Node] = (), only: Iterable[Node] | None = None,
                        exact: bool = False) -> Graph:
        """:meth:`reasoning_triples` as a graph."""
        g = Graph()
        for t in self.reasoning_triples(exclude=exclude, only=only, exact=exact):
            g.add(t)
        return g

    def hinted_types(self, node: Node) -> set[URIRef]:
        return {o for o in self.hints.objects(node, RDF.type) if isinstance(o, URIRef)}


#: What each kind of left-out assertion is, in French and English (``{}``: the datatype).
SKIPPED_REASONS: dict[str, tuple[str, str]] = {
    "reserved-type": ("type pris dans le vocabulaire RDF/OWL", "type from the RDF/OWL vocabulary"),
    "type-not-class": ("rdf:type dont l'objet n'est pas une classe", "rdf:type whose object is not a class"),
    "literal-for-object-property": ("littéral comme valeur d'une propriété d'objet",
                                    "literal as the value of an object property"),
    "iri-for-data-property": ("IRI comme valeur d'une propriété de données",
                              "IRI as the value of a data property"),
    "datatype": ("valeur de type {} (hors des types de données OWL 2)",
                 "value of type {} (not an OWL 2 datatype)"),
    "ill-typed": ("valeur mal formée de type {}", "ill-formed value of type {}"),
    "undeclared-property": ("valeur d'une propriété que l'ontologie ne déclare pas",
                            "value of a property the ontology does not declare"),
}


def _short(iri: URIRef | None) -> str:
    text = str(iri)
    return "xsd:" + text[len(str(XSD)):] if text.startswith(str(XSD)) else text


def describe_skipped(code: str, lang: str) -> str:
    """Words for a key of :attr:`ReasonerInput.skipped`."""
    kind, _, arg = code.partition(":")
    fr, en = SKIPPED_REASONS.get(kind, (code, code))
    return (fr if lang == "fr" else en).format(arg)


def sanitize(graph: Graph) -> Graph:
    """A copy of ``graph`` without ``owl:imports`` and owlready2's directives."""
    clean = Graph()
    for s, p, o in graph:
        if p in _UNSAFE_PREDICATES or str(p).startswith(_OWLR) or p == OWLR_PYTHON_MODULE:
            continue
        clean.add((s, p, o))
    return clean


def _declared(graph: Graph, types: Iterable[URIRef]) -> set[URIRef]:
    out: set[URIRef] = set()
    for t in types:
        out.update(s for s in graph.subjects(RDF.type, t) if isinstance(s, URIRef))
    return out


_OBJECT_PROPERTY_TYPES = (OWL.ObjectProperty, OWL.TransitiveProperty, OWL.SymmetricProperty,
                          OWL.InverseFunctionalProperty, OWL.AsymmetricProperty, OWL.ReflexiveProperty,
                          OWL.IrreflexiveProperty)


def _schema_subjects(graph: Graph) -> set[Node]:
    """Subjects of ``graph`` that are classes, properties, restrictions, lists or
    axioms — everything but individuals."""
    out: set[Node] = set()
    for t in _SCHEMA_TYPES:
        out.update(graph.subjects(RDF.type, t))
    for p in _SCHEMA_PREDICATES:
        out.update(graph.subjects(p, None))
    # blank nodes hanging from schema nodes (class expressions, lists)
    stack = [n for n in out]
    while stack:
        node = stack.pop()
        for o in graph.objects(node, None):
            if isinstance(o, BNode) and o not in out:
                out.add(o)
                stack.append(o)
    return out


def _strip_annotations(ontology: Graph, annotation_properties: set[URIRef]) -> Graph:
    """The ontology's logical part: declarations and axioms, no labels or definitions."""
    builtin = {RDFS.label, RDFS.comment, RDFS.seeAlso, RDFS.isDefinedBy, OWL.versionInfo}
    out = Graph()
    for s, p, o in ontology:
        if p in annotation_properties or p in builtin:
            continue
        if isinstance(s, URIRef) and (s, RDF.type, OWL.Ontology) in ontology and p != RDF.type:
            continue
        out.add((s, p, o))
    return out


def _is_form(node: Node, graph: Graph, ontology: Graph) -> bool:
    if isinstance(node, URIRef) and str(node).startswith(str(PTCELF._NS)):
        return True
    forms = (PTCE.LegalForm, *FORM_FAMILY_CLASSES.values())
    return any((node, RDF.type, c) in graph or (node, RDF.type, c) in ontology for c in forms)


def _background(data: Graph, ontology: Graph) -> Graph:
    bg = Graph()
    families = set(FORM_FAMILY_CLASSES.values())
    for form in set(data.objects(None, PTCE.legalForm)):
        if not isinstance(form, URIRef) or not str(form).startswith(str(PTCELF._NS)):
            continue
        typed = any((form, RDF.type, c) in ontology or (form, RDF.type, c) in data for c in families)
        if typed:
            continue
        match = _CODE.match(str(form)[len(str(PTCELF._NS)):])
        if not match:
            continue
        info = legal_form_info(match.group(1))
        if info is None or info.listed:
            continue
        bg.add((form, RDF.type, FORM_FAMILY_CLASSES[info.family]))
        if info.personality in _PERSONALITY_INDIVIDUALS:
            bg.add((form, PTCE.legalPersonality, _PERSONALITY_INDIVIDUALS[info.personality]))
    for source in (ontology, data):
        for narrower, broader in source.subject_objects(SKOS.broader):
            if _is_form(narrower, data, ontology) and _is_form(broader, data, ontology) \
                    and isinstance(narrower, URIRef) and isinstance(broader, URIRef):
                bg.add((narrower, PTCE.broaderLegalForm, broader))
    return bg


#: Namespace of the classes that stand for nominals in what HermiT gets (never in a result).
NOMINAL_CLASS_PREFIX = "urn:x-ptce-nominal:"


def nominal_class(individual: Node) -> URIRef:
    """The class that stands for the nominal {individual}."""
    return URIRef(NOMINAL_CLASS_PREFIX + hashlib.sha1(str(individual).encode("utf-8")).hexdigest()[:20])


def approximate_nominals(tbox: Graph) -> Graph:
    """``tbox`` with each nominal {a} replaced by a class N_a that ``a`` belongs to.

    ``[owl:oneOf (a b)]`` becomes ``[owl:unionOf (N_a N_b)]``; a named class
    defined by ``owl:oneOf`` keeps only "each of them is one" (the union is a
    subclass of it); ``owl:hasValue a`` (an individual) becomes
    ``owl:someValuesFrom N_a``; individuals declared different get disjoint
    classes.  Literal values (``owl:hasValue true``) are not nominals and stay.
    """
    out = Graph()
    for t in tbox:
        out.add(t)
    nominals: set[Node] = set()
    for node, head in list(out.subject_objects(OWL.oneOf)):
        try:
            members = list(Collection(out, head))
        except Exception:  # noqa: BLE001 - a malformed list: leave the axiom as written
            continue
        out.remove((node, OWL.oneOf, head))
        new_head = BNode()
        Collection(out, new_head, [nominal_class(m) for m in members])
        if isinstance(node, BNode):
            out.add((node, OWL.unionOf, new_head))
        else:
            union = BNode()
            out.add((union, RDF.type, OWL.Class))
            out.add((union, OWL.unionOf, new_head))
            out.add((union, RDFS.subClassOf, node))
        nominals.update(members)
    for restriction, value in list(out.subject_objects(OWL.hasValue)):
        if isinstance(value, (URIRef, BNode)):
            out.remove((restriction, OWL.hasValue, value))
            out.add((restriction, OWL.someValuesFrom, nominal_class(value)))
            nominals.add(value)
    for individual in nominals:
        out.add((nominal_class(individual), RDF.type, OWL.Class))
        out.add((individual, RDF.type, nominal_class(individual)))
    different: set[frozenset[Node]] = set()
    for group in out.subjects(RDF.type, OWL.AllDifferent):
        listed = out.value(group, OWL.distinctMembers) or out.value(group, OWL.members)
        members = [m for m in Collection(out, listed) if m in nominals] if listed is not None else []
        different.update(frozenset((a, b)) for i, a in enumerate(members) for b in members[i + 1:])
    different.update(frozenset((a, b)) for a, b in out.subject_objects(OWL.differentFrom)
                     if a in nominals and b in nominals)
    for pair in different:
        a, b = sorted(pair, key=str)
        out.add((nominal_class(a), OWL.disjointWith, nominal_class(b)))
    return out


def _hints(abox: Graph) -> Graph:
    hints = Graph()
    for s, value in abox.subject_objects(PTCE.essMention):
        if not isinstance(value, Literal) or value.datatype != XSD.boolean:
            continue
        if getattr(value, "ill_typed", False):
            continue
        truth = value.toPython()
        if truth is True:
            hints.add((s, RDF.type, PTCE.RegisteredWithESSMention))
        elif truth is False:
            hints.add((s, RDF.type, PTCE.RegisteredWithoutESSMention))
    return hints


def prepare(data: Graph, ontology: Graph) -> ReasonerInput:
    """Split ``data`` (plus ``ontology``) into what the reasoner gets."""
    ontology = sanitize(ontology)
    skipped: Counter[str] = Counter()

    data_schema_subjects = _schema_subjects(data)
    schema = Graph()
    for subject in data_schema_subjects:
        if isinstance(subject, URIRef) and str(subject).startswith(_RESERVED):
            continue
        for _, p, o in data.triples((subject, None, None)):
            if p not in _UNSAFE_PREDICATES and not str(p).startswith(_OWLR):
                schema.add((subject, p, o))

    both = Graph()
    for t in ontology:
        both.add(t)
    for t in schema:
        both.add(t)
    object_props = _declared(both, _OBJECT_PROPERTY_TYPES)
    data_props = _declared(both, (OWL.DatatypeProperty,))
    annotation_props = _declared(both, (OWL.AnnotationProperty,)) - object_props - data_props

    tbox = _strip_annotations(both, annotation_props)
    background = _background(data, ontology)
    ontology_subjects = frozenset(ontology.subjects())

    # The ESS mention (article 1 III) concerns the commercial companies of 2°; a cooperative falls under 1°
    # whatever its company form, so its mention says nothing the rules read (ptce_graph.ess.ess_status).
    cooperatives = {s for s, o in data.subject_objects(PTCE.cooperative)
                    if isinstance(o, Literal) and str(o).strip().lower() in ("true", "1")}
    abox = Graph()
    for s, p, o in data:
        if p in _UNSAFE_PREDICATES or str(p).startswith(_OWLR):
            continue
        if p == PTCE.essMention and s in cooperatives:
            continue
        if s in data_schema_subjects:
            continue
        if isinstance(s, Literal):
            continue
        if p == RDF.type:
            if isinstance(o, URIRef):
                if o in (OWL.NamedIndividual, OWL.Thing):
                    continue
                if str(o).startswith(_RESERVED) and o not in (OWL.Nothing,):
                    skipped["reserved-type"] += 1
                    continue
                abox.add((s, p, o))
            elif isinstance(o, BNode) and o in data_schema_subjects:
                abox.add((s, p, o))
            else:
                skipped["type-not-class"] += 1
            continue
        if p in _ABOX_BUILTINS:
            if not isinstance(o, Literal):
                abox.add((s, p, o))
            continue
        if p in object_props:
            if isinstance(o, Literal):
                skipped["literal-for-object-property"] += 1
            else:
                abox.add((s, p, o))
            continue
        if p in data_props:
            if not isinstance(o, Literal):
                skipped["iri-for-data-property"] += 1
                continue
            dt = o.datatype
            if o.language is None and dt is not None and dt not in OWL2_DATATYPES:
                skipped["datatype:" + _short(dt)] += 1
                continue
            if getattr(o, "ill_typed", False):
                skipped["ill-typed:" + _short(dt)] += 1
                continue
            abox.add((s, p, o))
            continue
        if p == SKOS.broader and _is_form(s, data, ontology):
            continue  # restated as ptce:broaderLegalForm in the background
        if p in annotation_props or p in (RDFS.label, RDFS.comment, RDFS.seeAlso, RDFS.isDefinedBy):
            continue  # annotations never matter to classification
        skipped["undeclared-property"] += 1

    # The ontology's own individuals (legal forms, personalities...) stay in the tbox graph;
    # the data's individuals are the IRIs the data describes and the ontology does not.
    modules: dict[Node, set[tuple[Node, Node, Node]]] = defaultdict(set)
    owner: dict[Node, Node] = {}
    by_subject: dict[Node, list[tuple[Node, Node, Node]]] = defaultdict(list)
    for t in abox:
        by_subject[t[0]].append(t)
    referenced_bnodes = {o for _, _, o in abox if isinstance(o, BNode) and o not in data_schema_subjects}
    roots = [s for s in by_subject if not (isinstance(s, BNode) and s in referenced_bnodes)]
    for root in sorted(roots, key=lambda n: (isinstance(n, BNode), str(n))):
        stack = [root]
        while stack:
            node = stack.pop()
            if node in owner:
                continue
            owner[node] = root
            for t in by_subject.get(node, ()):
                modules[root].add(t)
                if isinstance(t[2], BNode) and t[2] in by_subject and t[2] not in owner:
                    stack.append(t[2])
    for s, triples in by_subject.items():  # blank-node cycles not reached from a root
        if s not in owner:
            owner[s] = s
            modules[s].update(triples)

    individuals = frozenset(
        s for s in by_subject if isinstance(s, URIRef) and s not in ontology_subjects
    )
    asserted: dict[Node, set[URIRef]] = defaultdict(set)
    for s, _, o in data.triples((None, RDF.type, None)):
        if isinstance(o, URIRef):
            asserted[s].add(o)
    return ReasonerInput(
        tbox=tbox,
        approximated_tbox=approximate_nominals(tbox),
        abox=abox,
        background=background,
        hints=_hints(abox),
        individuals=individuals,
        modules={k: frozenset(v) for k, v in modules.items()},
        asserted_types={k: frozenset(v) for k, v in asserted.items()},
        ontology_subjects=ontology_subjects,
        skipped=skipped,
    )
