"""Structural checks: classification and contradictions computed in Python.

This is *not* an OWL reasoner.  It forward-chains the ontology's axioms over
the data as far as they go without case analysis: the told class hierarchy,
the defined classes whose conditions the data states outright (an actor with a
statutory ESS form is an ESS enterprise), domains and ranges, value
restrictions, disjointness, functional properties and data ranges.  What it
concludes is sound — every class it gives an individual is entailed, every
contradiction it reports is one — but it can miss conclusions that need
reasoning by cases or about unnamed individuals.

It serves twice: without a Java runtime it is what ptce_graph can do (results
labelled ``derivation="structural"``, never passed off as the reasoner's), and
when HermiT finds the data inconsistent it names the individuals and the
axioms in conflict, which HermiT does not.  Every conclusion keeps how it was
reached (:class:`Derivation`), so that a message can say *why*.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import OWL, RDFS, XSD
from rdflib.term import Node

from ptce_graph.reasoning.axioms import (
    And,
    ClassExpression,
    Disjoint,
    HasValue,
    Named,
    Not,
    OneOf,
    Opaque,
    Or,
    Some,
    SubClass,
    TBox,
    literal_key,
)

__all__ = ["Derivation", "Conflict", "Saturation", "saturate"]


@dataclass(frozen=True, slots=True)
class Derivation:
    """How an individual came to belong to a class (or to be excluded from it).

    ``kind``: ``asserted`` (the data says so), ``super`` (through a subclass,
    ``via``), ``rule`` (a defined class or restriction whose condition holds;
    ``witnesses`` are the property values it used), ``domain`` / ``range``
    (the individual uses, or is the value of, a property), ``disjoint`` (for
    exclusions: it belongs to ``via``, disjoint with the class).
    """

    kind: str
    via: URIRef | None = None
    witnesses: tuple[tuple[URIRef, Node], ...] = ()
    axiom: SubClass | Disjoint | None = None


@dataclass(frozen=True, slots=True)
class Conflict:
    """One contradiction found on one individual.

    ``kind`` is ``disjoint-classes`` (``classes`` = the two classes, ``axiom`` =
    the disjointness axiom), ``functional-property`` (``prop`` with two
    distinct ``values``) or ``datatype`` (``prop`` whose range is ``classes[0]``
    got ``values[0]``).
    """

    kind: str
    individual: Node
    classes: tuple[URIRef, ...] = ()
    derivations: tuple[Derivation, ...] = ()
    axiom: Disjoint | None = None
    prop: URIRef | None = None
    values: tuple[Node, ...] = ()


_DECIMAL_FAMILY = {XSD[n] for n in (
    "decimal", "integer", "nonNegativeInteger", "nonPositiveInteger", "positiveInteger", "negativeInteger",
    "long", "int", "short", "byte", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte")}
_INTEGER_FAMILY = _DECIMAL_FAMILY - {XSD.decimal}
_STRING_FAMILY = {
    XSD.string, XSD.normalizedString, XSD.token, XSD.language, XSD.Name, XSD.NCName, XSD.NMTOKEN,
}


def _datatype_ok(value: Literal, range_: URIRef) -> bool | None:
    """Whether a literal fits a data range; None when the check does not apply."""
    if range_ in (RDFS.Literal,):
        return True
    dt = value.datatype
    if value.language:
        return range_ in (RDF_LANGSTRING, RDF_PLAINLITERAL)
    dt = dt or XSD.string
    if getattr(value, "ill_typed", False):
        return False
    if range_ == XSD.boolean:
        return dt == XSD.boolean
    if range_ == XSD.string:
        return dt in _STRING_FAMILY
    if range_ == XSD.integer:
        return dt in _INTEGER_FAMILY
    if range_ == XSD.decimal:
        return dt in _DECIMAL_FAMILY
    if range_ == XSD.anyURI:
        return dt == XSD.anyURI
    if range_ == XSD.dateTime:
        return dt in (XSD.dateTime, XSD.dateTimeStamp)
    return None


RDF_LANGSTRING = URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#langString")
RDF_PLAINLITERAL = URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#PlainLiteral")


@dataclass
class Saturation:
    """The classes each individual is found to belong to, and the contradictions."""

    tbox: TBox
    types: dict[Node, dict[URIRef, Derivation]] = field(default_factory=lambda: defaultdict(dict))
    excluded: dict[Node, dict[URIRef, Derivation]] = field(default_factory=lambda: defaultdict(dict))
    edges: dict[Node, dict[URIRef, set[Node]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(set)))
    derived_edges: set[tuple[Node, URIRef, Node]] = field(default_factory=set)
    #: nodes whose types, exclusions or edges changed since the rules last looked at them
    dirty: set[Node] = field(default_factory=set)
    #: node -> the nodes with an edge to it (what a change may affect through ∃)
    preds: dict[Node, set[Node]] = field(default_factory=lambda: defaultdict(set))

    # -- facts ---------------------------------------------------------------

    def classes_of(self, node: Node) -> set[URIRef]:
        return set(self.types.get(node, {}))

    def values(self, node: Node, prop: URIRef) -> set[Node]:
        return self.edges.get(node, {}).get(prop, set())

    def is_excluded(self, node: Node, cls: URIRef) -> bool:
        """True when ``node`` is known not to belong to ``cls``."""
        exc = self.excluded.get(node)
        if not exc:
            return False
        return any(s in exc for s in self.tbox.super_classes(cls))

    # -- conclusions ---------------------------------------------------------

    def add_type(self, node: Node, cls: URIRef, why: Derivation) -> bool:
        known = self.types[node]
        if cls in known:
            return False
        known[cls] = why
        for sup in sorted(self.tbox.super_classes(cls) - {cls}, key=str):
            if sup not in known:
                known[sup] = Derivation("super", via=cls)
        self.dirty.add(node)
        return True

    def add_excluded(self, node: Node, cls: URIRef, why: Derivation) -> bool:
        known = self.excluded[node]
        if cls in known:
            return False
        known[cls] = why
        self.dirty.add(node)
        return True

    def add_edge(self, s: Node, p: URIRef, o: Node, *, derived: bool) -> bool:
        changed = False
        for q in self.tbox.property_closure(p):
            if o not in self.edges[s][q]:
                self.edges[s][q].add(o)
                changed = True
                if derived:
                    self.derived_edges.add((s, q, o))
            for inv in self.tbox.inverse.get(q, ()):
                if not isinstance(o, Literal) and s not in self.edges[o][inv]:
                    self.edges[o][inv].add(s)
                    self.preds[s].add(o)
                    changed = True
                    if derived:
                        self.derived_edges.add((o, inv, s))
        if changed:
            self.dirty.add(s)
            if not isinstance(o, Literal):
                self.dirty.add(o)
                self.preds[o].add(s)
        return changed

    # -- evaluation of class expressions -----------------------------------

    def holds(
        self, node: Node, ce: ClassExpression, depth: int = 0
    ) -> tuple[tuple[URIRef, Node], ...] | None:
        """The property values that make ``node`` an instance of ``ce``, or None
        if that does not follow from what is known."""
        if depth > 12:
            return None
        if isinstance(ce, Named):
            if ce.iri == OWL.Thing:
                return ()
            return () if ce.iri in self.types.get(node, {}) else None
        if isinstance(ce, And):
            found: list[tuple[URIRef, Node]] = []
            for part in sorted(ce.parts, key=lambda p: not isinstance(p, Named)):
                w = self.holds(node, part, depth + 1)
                if w is None:
                    return None
                found.extend(w)
            return tuple(found)
        if isinstance(ce, Or):
            for part in ce.parts:
                w = self.holds(node, part, depth + 1)
                if w is not None:
                    return w
            return None
        if isinstance(ce, Not):
            if isinstance(ce.arg, Named):
                return () if self.is_excluded(node, ce.arg.iri) else None
            return None
        if isinstance(ce, Some):
            for value in sorted(self.values(node, ce.prop), key=str):
                if isinstance(value, Literal):
                    if ce.filler == Named(RDFS.Literal) or ce.filler == Named(OWL.Thing):
                        return ((ce.prop, value),)
                    if isinstance(ce.filler, Named) and _datatype_ok(value, ce.filler.iri):
                        return ((ce.prop, value),)
                    continue
                w = self.holds(value, ce.filler, depth + 1)
                if w is not None:
                    return ((ce.prop, value), *w)
            return None
        if isinstance(ce, HasValue):
            wanted = ce.value
            for value in self.values(node, ce.prop):
                if value == wanted or (isinstance(value, Literal) and isinstance(wanted, Literal)
                                       and literal_key(value) == literal_key(wanted)):
                    return ((ce.prop, value),)
            return None
        if isinstance(ce, OneOf):
            return () if node in ce.members else None
        return None  # Opaque

    def conclude(self, node: Node, ce: ClassExpression, why: Derivation) -> bool:
        """Add what ``node`` ∈ ``ce`` implies, where it can be stated outright."""
        if isinstance(ce, Named):
            if ce.iri == OWL.Thing:
                return False
            return self.add_type(node, ce.iri, why)
        if isinstance(ce, And):
            changed = False
            for part in ce.parts:
                changed |= self.conclude(node, part, why)
            return changed
        if isinstance(ce, Not) and isinstance(ce.arg, Named):
            return self.add_excluded(node, ce.arg.iri, why)
        if isinstance(ce, HasValue) and not isinstance(node, Literal):
            return self.add_edge(node, ce.prop, ce.value, derived=True)
        return False  # Or, Some, OneOf, Opaque: nothing to state outright

    # -- contradictions -----------------------------------------------------

    def conflicts(self) -> list[Conflict]:
        out: list[Conflict] = []
        pairs = self.tbox.disjoint_pairs()
        for node in sorted(self.types, key=_node_key):
            types = self.types[node]
            seen: set[frozenset[URIRef]] = set()
            for a in sorted(types, key=str):
                for b, axiom in pairs.get(a, ()):
                    if b in types and frozenset((a, b)) not in seen:
                        seen.add(frozenset((a, b)))
                        out.append(Conflict("disjoint-classes", node, (a, b), (types[a], types[b]),
                                            axiom=axiom))
            for cls, why in sorted(self.excluded.get(node, {}).items(), key=lambda kv: str(kv[0])):
                if why.kind == "disjoint":
                    continue  # already reported as a disjoint pair
                for t in sorted(types, key=str):
                    if cls in self.tbox.super_classes(t):
                        out.append(Conflict("disjoint-classes", node, (t, cls), (types[t], why)))
                        break
        for node in sorted(self.edges, key=_node_key):
            for prop in sorted(self.edges[node], key=str):
                values = self.edges[node][prop]
                if prop in self.tbox.functional and len(values) > 1:
                    literals = [v for v in values if isinstance(v, Literal)]
                    if literals and len({literal_key(v) for v in literals}) > 1:
                        two = tuple(sorted(literals, key=lambda v: (str(v), str(v.datatype))))[:2]
                        out.append(Conflict("functional-property", node, prop=prop, values=two))
                        continue
                    things = sorted((v for v in values if not isinstance(v, Literal)), key=str)
                    for i, first in enumerate(things):
                        different = self.tbox.different
                        clash = next((b for b in things[i + 1:] if frozenset((first, b)) in different), None)
                        if clash is not None:
                            out.append(Conflict("functional-property", node, prop=prop,
                                                values=(first, clash)))
                            break
                for range_ in sorted(self.tbox.data_ranges.get(prop, ()), key=str):
                    for value in sorted((v for v in values if isinstance(v, Literal)), key=str):
                        if _datatype_ok(value, range_) is False:
                            out.append(Conflict("datatype", node, classes=(range_,), prop=prop,
                                                values=(value,)))
        return out


def _node_key(node: Node) -> tuple[int, str]:
    return (1 if isinstance(node, BNode) else 0, str(node))


def _antecedent_index(tbox: TBox) -> tuple[dict[URIRef, list[SubClass]], list[SubClass]]:
    by_class: dict[URIRef, list[SubClass]] = defaultdict(list)
    complex_: list[SubClass] = []
    for ax in tbox.subclass_axioms:
        if isinstance(ax.sub, Named):
            by_class[ax.sub.iri].append(ax)
        elif not isinstance(ax.sub, Opaque):
            complex_.append(ax)
    return by_class, complex_


def _required_class(ce: ClassExpression) -> URIRef | None:
    """A named class every instance of ``ce`` must be told to belong to, to
    narrow down the candidates (None if there is none)."""
    if isinstance(ce, Named) and ce.iri != OWL.Thing:
        return ce.iri
    if isinstance(ce, And):
        for part in ce.parts:
            found = _required_class(part)
            if found is not None:
                return found
    return None


def saturate(tbox: TBox, triples: set[tuple[Node, Node, Node]] | list[tuple[Node, Node, Node]],
             *, depth: int = 3) -> Saturation:
    """Forward-chain ``tbox`` over ``triples`` (ontology individuals + data).

    Semi-naive: after the first pass, the rules only look again at the nodes
    whose facts changed, and at the nodes up to ``depth`` edges before them
    (the axioms' existential restrictions nest at most that deep), so that the
    time grows with the data, not with its square.
    """
    from rdflib.namespace import RDF

    sat = Saturation(tbox)
    by_class, complex_axioms = _antecedent_index(tbox)
    disjoint = tbox.disjoint_pairs()
    required = [(ax, _required_class(ax.sub)) for ax in complex_axioms]
    applied: dict[Node, set[URIRef]] = defaultdict(set)

    ordered = sorted(triples, key=lambda t: (_node_key(t[0]), str(t[1]), str(t[2])))
    for s, p, o in ordered:
        if p == RDF.type:
            if isinstance(o, URIRef):
                sat.add_type(s, o, Derivation("asserted"))
        elif isinstance(p, URIRef):
            sat.add_edge(s, p, o, derived=False)

    def close_transitive(node: Node) -> None:
        for prop in tbox.transitive:
            direct = sat.edges.get(node, {}).get(prop)
            if not direct:
                continue
            seen = set(direct)
            stack = sorted((v for v in seen if not isinstance(v, Literal)), key=str)
            while stack:
                for nxt in sorted(sat.edges.get(stack.pop(), {}).get(prop, ()), key=str):
                    if nxt not in seen and nxt != node:
                        seen.add(nxt)
                        stack.append(nxt)
                        sat.add_edge(node, prop, nxt, derived=True)

    def local_rules(node: Node) -> None:
        """Named-antecedent axioms, disjointness, domains and ranges, transitivity."""
        close_transitive(node)
        types = sat.types.get(node, {})
        for cls in sorted(set(types) - applied[node], key=str):
            applied[node].add(cls)
            for ax in by_class.get(cls, ()):
                sat.conclude(node, ax.sup, Derivation("rule", via=cls, axiom=ax))
            for other, axiom in disjoint.get(cls, ()):
                sat.add_excluded(node, other, Derivation("disjoint", via=cls, axiom=axiom))
        for prop, values in sorted(sat.edges.get(node, {}).items(), key=lambda kv: str(kv[0])):
            ordered_values = sorted(values, key=str)
            for dom in tbox.domains.get(prop, ()):
                if dom != Named(OWL.Thing) and ordered_values:
                    sat.conclude(node, dom, Derivation("domain", witnesses=((prop, ordered_values[0]),)))
            for rng in tbox.ranges.get(prop, ()):
                for v in ordered_values:
                    if not isinstance(v, Literal):
                        sat.conclude(v, rng, Derivation("range", witnesses=((prop, node),)))

    while sat.dirty:
        batch = sorted(sat.dirty, key=_node_key)
        sat.dirty = set()
        for node in batch:
            if not isinstance(node, Literal):
                local_rules(node)
        affected = set(batch) | sat.dirty
        frontier = set(affected)
        for _ in range(depth):
            frontier = {p for n in frontier for p in sat.preds.get(n, ())} - affected
            affected |= frontier
        for node in sorted(affected, key=_node_key):
            if isinstance(node, Literal):
                continue
            types = sat.types.get(node, {})
            for ax, req in required:
                if req is not None and req not in types:
                    continue
                witnesses = sat.holds(node, ax.sub)
                if witnesses is not None:
                    sat.conclude(node, ax.sup, Derivation("rule", witnesses=witnesses, axiom=ax))
    return sat
