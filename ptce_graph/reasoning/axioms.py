"""The OWL 2 axioms of an RDF graph, read into small Python objects.

The structural checks (:mod:`ptce_graph.reasoning.structural`) work on these:
class expressions (named classes, intersections, unions, complements,
existential and value restrictions, enumerations), subclass axioms (an
equivalence is two of them), disjointness, property characteristics, domains,
ranges, distinct individuals.  Constructs the checks cannot use (cardinality,
universal restrictions, data ranges) are kept as :class:`Opaque` so that no
axiom is misread: an opaque expression never holds and is never concluded.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, XSD
from rdflib.term import Node

__all__ = [
    "ClassExpression",
    "Named",
    "And",
    "Or",
    "Not",
    "Some",
    "HasValue",
    "OneOf",
    "Opaque",
    "THING",
    "NOTHING",
    "SubClass",
    "Disjoint",
    "TBox",
    "read_tbox",
    "literal_key",
]


@dataclass(frozen=True, slots=True)
class Named:
    iri: URIRef


@dataclass(frozen=True, slots=True)
class And:
    parts: tuple[ClassExpression, ...]


@dataclass(frozen=True, slots=True)
class Or:
    parts: tuple[ClassExpression, ...]


@dataclass(frozen=True, slots=True)
class Not:
    arg: ClassExpression


@dataclass(frozen=True, slots=True)
class Some:
    prop: URIRef
    filler: ClassExpression  # THING for "some value", a Named datatype for data properties


@dataclass(frozen=True, slots=True)
class HasValue:
    prop: URIRef
    value: Node


@dataclass(frozen=True, slots=True)
class OneOf:
    members: frozenset[Node]


@dataclass(frozen=True, slots=True)
class Opaque:
    """A construct the structural checks do not interpret (cardinality, ∀...)."""

    node: Node


ClassExpression = Named | And | Or | Not | Some | HasValue | OneOf | Opaque

THING = Named(OWL.Thing)
NOTHING = Named(OWL.Nothing)


@dataclass(frozen=True, slots=True)
class SubClass:
    """``sub`` ⊑ ``sup``; ``origin`` says which RDF statement it comes from."""

    sub: ClassExpression
    sup: ClassExpression
    origin: str  # "subClassOf" | "equivalentClass" | "disjointUnionOf"


@dataclass(frozen=True, slots=True)
class Disjoint:
    """Named classes ``a`` and ``b`` share no instance."""

    a: URIRef
    b: URIRef
    origin: str  # "disjointWith" | "AllDisjointClasses" | "disjointUnionOf" | "complementOf"


_CLASS_TYPES = {OWL.Class, RDFS.Class, OWL.Restriction}
_OBJECT_PROPERTY_TYPES = {
    OWL.ObjectProperty, OWL.TransitiveProperty, OWL.SymmetricProperty, OWL.InverseFunctionalProperty,
    OWL.AsymmetricProperty, OWL.ReflexiveProperty, OWL.IrreflexiveProperty,
}
_BUILTIN_ANNOTATIONS = {
    RDFS.label, RDFS.comment, RDFS.seeAlso, RDFS.isDefinedBy, OWL.versionInfo, OWL.deprecated,
    OWL.priorVersion, OWL.backwardCompatibleWith, OWL.incompatibleWith,
}


@dataclass
class TBox:
    """What the structural checks know of an ontology."""

    classes: set[URIRef] = field(default_factory=set)
    object_properties: set[URIRef] = field(default_factory=set)
    data_properties: set[URIRef] = field(default_factory=set)
    annotation_properties: set[URIRef] = field(default_factory=set)
    subclass_axioms: list[SubClass] = field(default_factory=list)
    disjoint: list[Disjoint] = field(default_factory=list)
    functional: set[URIRef] = field(default_factory=set)
    transitive: set[URIRef] = field(default_factory=set)
    inverse: dict[URIRef, set[URIRef]] = field(default_factory=lambda: defaultdict(set))
    super_properties: dict[URIRef, set[URIRef]] = field(default_factory=lambda: defaultdict(set))
    domains: dict[URIRef, list[ClassExpression]] = field(default_factory=lambda: defaultdict(list))
    ranges: dict[URIRef, list[ClassExpression]] = field(default_factory=lambda: defaultdict(list))
    data_ranges: dict[URIRef, set[URIRef]] = field(default_factory=lambda: defaultdict(set))
    different: set[frozenset[Node]] = field(default_factory=set)
    #: reflexive-transitive closure of the told hierarchy between named classes
    supers: dict[URIRef, frozenset[URIRef]] = field(default_factory=dict)

    def super_classes(self, iri: URIRef) -> frozenset[URIRef]:
        """``iri`` and every named class the told hierarchy puts above it."""
        found = self.supers.get(iri)
        return found if found is not None else frozenset((iri, OWL.Thing))

    def is_annotation(self, prop: URIRef) -> bool:
        return prop in self.annotation_properties or prop in _BUILTIN_ANNOTATIONS

    def property_closure(self, prop: URIRef) -> set[URIRef]:
        """``prop`` and its super-properties (transitively)."""
        return {prop} | self.super_properties.get(prop, set())

    def disjoint_pairs(self) -> dict[URIRef, list[tuple[URIRef, Disjoint]]]:
        """For each named class, the classes it is declared disjoint with."""
        out: dict[URIRef, list[tuple[URIRef, Disjoint]]] = defaultdict(list)
        for d in self.disjoint:
            out[d.a].append((d.b, d))
            out[d.b].append((d.a, d))
        return out


def literal_key(value: Literal) -> tuple:
    """A key under which two literals with the same OWL value compare equal
    (``"true"^^xsd:boolean`` and ``"1"^^xsd:boolean``; numbers across the
    decimal family)."""
    if value.language:
        return ("lang", str(value), value.language.lower())
    dt = value.datatype or XSD.string
    py = value.toPython() if not value.ill_typed else None
    if isinstance(py, bool):
        return ("boolean", py)
    if isinstance(py, (int, float, Decimal)):
        try:
            return ("number", float(py))
        except (TypeError, ValueError):
            pass
    return ("lexical", str(dt), str(value))


def _items(graph: Graph, head: Node | None) -> list[Node]:
    if head is None:
        return []
    try:
        return list(Collection(graph, head))
    except Exception:  # noqa: BLE001 - a malformed list is an opaque construct
        return []


class _Reader:
    def __init__(self, graph: Graph) -> None:
        self.g = graph
        self._cache: dict[Node, ClassExpression] = {}

    def ce(self, node: Node, depth: int = 0) -> ClassExpression:
        if isinstance(node, URIRef):
            return Named(node)
        if isinstance(node, Literal) or depth > 40:
            return Opaque(node)
        cached = self._cache.get(node)
        if cached is not None:
            return cached
        g = self.g
        result: ClassExpression = Opaque(node)
        inter = g.value(node, OWL.intersectionOf)
        union = g.value(node, OWL.unionOf)
        comp = g.value(node, OWL.complementOf)
        one = g.value(node, OWL.oneOf)
        prop = g.value(node, OWL.onProperty)
        if inter is not None:
            result = And(tuple(self.ce(n, depth + 1) for n in _items(g, inter)))
        elif union is not None:
            result = Or(tuple(self.ce(n, depth + 1) for n in _items(g, union)))
        elif comp is not None:
            result = Not(self.ce(comp, depth + 1))
        elif one is not None:
            result = OneOf(frozenset(_items(g, one)))
        elif isinstance(prop, URIRef):
            some = g.value(node, OWL.someValuesFrom)
            value = g.value(node, OWL.hasValue)
            if some is not None:
                result = Some(prop, self.ce(some, depth + 1))
            elif value is not None:
                result = HasValue(prop, value)
            else:
                minimum = g.value(node, OWL.minCardinality) or g.value(node, OWL.minQualifiedCardinality)
                on_class = g.value(node, OWL.onClass)
                if minimum is not None and str(minimum) == "1":
                    result = Some(prop, self.ce(on_class, depth + 1) if on_class is not None else THING)
        self._cache[node] = result
        return result


def _typed(graph: Graph, types: Iterable[URIRef]) -> Iterator[Node]:
    for t in types:
        yield from graph.subjects(RDF.type, t)


def read_tbox(graph: Graph) -> TBox:
    """The axioms of ``graph`` (an ontology, possibly merged with data)."""
    g = graph
    tbox = TBox()
    r = _Reader(g)

    for s in _typed(g, (OWL.Class, RDFS.Class)):
        if isinstance(s, URIRef):
            tbox.classes.add(s)
    for s in _typed(g, _OBJECT_PROPERTY_TYPES):
        if isinstance(s, URIRef):
            tbox.object_properties.add(s)
    for s in g.subjects(RDF.type, OWL.DatatypeProperty):
        if isinstance(s, URIRef):
            tbox.data_properties.add(s)
    for s in g.subjects(RDF.type, OWL.AnnotationProperty):
        if isinstance(s, URIRef):
            tbox.annotation_properties.add(s)
    for s in g.subjects(RDF.type, OWL.FunctionalProperty):
        if isinstance(s, URIRef):
            tbox.functional.add(s)
    for s in g.subjects(RDF.type, OWL.TransitiveProperty):
        if isinstance(s, URIRef):
            tbox.transitive.add(s)

    for s, o in g.subject_objects(RDFS.subClassOf):
        tbox.subclass_axioms.append(SubClass(r.ce(s), r.ce(o), "subClassOf"))
    for s, o in g.subject_objects(OWL.equivalentClass):
        a, b = r.ce(s), r.ce(o)
        tbox.subclass_axioms.append(SubClass(a, b, "equivalentClass"))
        tbox.subclass_axioms.append(SubClass(b, a, "equivalentClass"))

    for s, o in g.subject_objects(OWL.disjointWith):
        if isinstance(s, URIRef) and isinstance(o, URIRef):
            tbox.disjoint.append(Disjoint(s, o, "disjointWith"))
    for node in g.subjects(RDF.type, OWL.AllDisjointClasses):
        named = [m for m in _items(g, g.value(node, OWL.members)) if isinstance(m, URIRef)]
        for i, first in enumerate(named):
            for second in named[i + 1:]:
                tbox.disjoint.append(Disjoint(first, second, "AllDisjointClasses"))
    for whole, head in g.subject_objects(OWL.disjointUnionOf):
        parts = [m for m in _items(g, head) if isinstance(m, URIRef)]
        if isinstance(whole, URIRef):
            union = Or(tuple(Named(m) for m in parts))
            tbox.subclass_axioms.append(SubClass(Named(whole), union, "disjointUnionOf"))
            for m in parts:
                tbox.subclass_axioms.append(SubClass(Named(m), Named(whole), "disjointUnionOf"))
        for i, first in enumerate(parts):
            for second in parts[i + 1:]:
                tbox.disjoint.append(Disjoint(first, second, "disjointUnionOf"))

    # A named class below a complement is disjoint with it: A ⊑ ¬B.
    for ax in list(tbox.subclass_axioms):
        if isinstance(ax.sub, Named):
            for part in (ax.sup.parts if isinstance(ax.sup, And) else (ax.sup,)):
                if isinstance(part, Not) and isinstance(part.arg, Named):
                    tbox.disjoint.append(Disjoint(ax.sub.iri, part.arg.iri, "complementOf"))

    for sub_p, sup_p in g.subject_objects(RDFS.subPropertyOf):
        if isinstance(sub_p, URIRef) and isinstance(sup_p, URIRef):
            tbox.super_properties[sub_p].add(sup_p)
    for one, other in g.subject_objects(OWL.inverseOf):
        if isinstance(one, URIRef) and isinstance(other, URIRef):
            tbox.inverse[one].add(other)
            tbox.inverse[other].add(one)
    # transitive closure of super-properties
    changed = True
    while changed:
        changed = False
        for prop, sups in tbox.super_properties.items():
            extra = set().union(*(tbox.super_properties.get(q, set()) for q in sups)) - sups - {prop}
            if extra:
                sups |= extra
                changed = True

    for dom_p, dom_c in g.subject_objects(RDFS.domain):
        if isinstance(dom_p, URIRef):
            tbox.domains[dom_p].append(r.ce(dom_c))
    for rng_p, rng_c in g.subject_objects(RDFS.range):
        if not isinstance(rng_p, URIRef):
            continue
        datatype = isinstance(rng_c, URIRef) and (str(rng_c).startswith(str(XSD)) or rng_c == RDFS.Literal)
        if rng_p in tbox.data_properties or datatype:
            if isinstance(rng_c, URIRef):
                tbox.data_ranges[rng_p].add(rng_c)
        else:
            tbox.ranges[rng_p].append(r.ce(rng_c))

    for node in g.subjects(RDF.type, OWL.AllDifferent):
        distinct = _items(g, g.value(node, OWL.distinctMembers) or g.value(node, OWL.members))
        for i, x in enumerate(distinct):
            for y in distinct[i + 1:]:
                tbox.different.add(frozenset((x, y)))
    for x, y in g.subject_objects(OWL.differentFrom):
        tbox.different.add(frozenset((x, y)))

    _close_hierarchy(tbox)
    return tbox


def _close_hierarchy(tbox: TBox) -> None:
    direct: dict[URIRef, set[URIRef]] = defaultdict(set)
    named: set[URIRef] = set(tbox.classes)
    for ax in tbox.subclass_axioms:
        if isinstance(ax.sub, Named):
            named.add(ax.sub.iri)
            targets = ax.sup.parts if isinstance(ax.sup, And) else (ax.sup,)
            for t in targets:
                if isinstance(t, Named):
                    direct[ax.sub.iri].add(t.iri)
                    named.add(t.iri)
    supers: dict[URIRef, frozenset[URIRef]] = {}

    def visit(c: URIRef) -> frozenset[URIRef]:
        seen = {c, OWL.Thing}
        stack = [c]
        while stack:
            for s in direct.get(stack.pop(), ()):
                if s not in seen:
                    seen.add(s)
                    stack.append(s)
        return frozenset(seen)

    for c in named:
        supers[c] = visit(c)
    tbox.supers = supers
