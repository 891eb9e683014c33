"""Explaining a contradiction: which individuals, which axioms, in plain words.

owlready2 only raises ``OwlReadyInconsistentOntologyError``: HermiT proves the
data inconsistent and says nothing of why.  ptce_graph explains in two steps:

1. the structural checks (:mod:`~ptce_graph.reasoning.structural`) find the
   contradictions they can prove — an individual in two disjoint classes, two
   values of a functional property, a value outside a property's datatype —
   and trace each class back to the statement it came from (a declared type,
   a legal form...), which gives the message;
2. the reasoner then runs again without the individuals in those
   contradictions.  If it still finds the rest inconsistent, the remaining
   contradiction needs reasoning the structural checks do not do: it is
   isolated by bisection over individuals (QuickXplain, Junker 2004), one
   reasoner run per step, down to a minimal set of individuals whose
   statements are contradictory together, and reported as such.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from ptce_graph.reasoning.axioms import And, Named, SubClass
from ptce_graph.reasoning.labels import Labeller, local_name, with_article
from ptce_graph.reasoning.result import Inconsistency
from ptce_graph.reasoning.structural import Conflict, Derivation, Saturation

__all__ = [
    "describe_conflict",
    "describe_conflicts",
    "describe_unexplained",
    "quickxplain",
    "BudgetExhausted",
]


class BudgetExhausted(Exception):
    """More reasoner runs would be needed than the caller allows."""


@dataclass(frozen=True)
class _Support:
    """Why an individual belongs to a class: declared, and/or the property values
    (the individual's own statements) the rules used."""

    cls: URIRef
    asserted: bool
    facts: tuple[tuple[str, URIRef, Node], ...]  # (derivation kind, property, value)

    @property
    def inferred_only(self) -> bool:
        return not self.asserted and not self.facts


def _support(sat: Saturation, node: Node, cls: URIRef, why: Derivation, seen: frozenset = frozenset()
             ) -> tuple[bool, list[tuple[str, URIRef, Node]]]:
    if cls in seen or len(seen) > 20:
        return False, []
    seen = seen | {cls}
    types = sat.types.get(node, {})
    if why.kind == "asserted":
        return True, []
    facts: list[tuple[str, URIRef, Node]] = []
    if why.witnesses:
        prop, value = why.witnesses[0]
        facts.append((why.kind, prop, value))
    if why.via is not None and why.via in types and not why.witnesses:
        return _support(sat, node, why.via, types[why.via], seen)
    antecedent = why.axiom.sub if isinstance(why.axiom, SubClass) else None
    parts = antecedent.parts if isinstance(antecedent, And) else ((antecedent,) if antecedent else ())
    for part in parts:
        if isinstance(part, Named) and part.iri in types and part.iri != cls:
            asserted, more = _support(sat, node, part.iri, types[part.iri], seen)
            if not asserted:
                facts.extend(f for f in more if f not in facts)
    return False, facts


def _root(sat: Saturation, node: Node, cls: URIRef, why: Derivation) -> _Support:
    """The most specific class of ``node`` below ``cls``, and why the node is in it.

    "Commune Delta is a private-law legal person" is true but says less than
    "Commune Delta is a commercial company (through its legal form)": among the
    node's classes that imply ``cls``, a declared one is named first, else the
    most specific.
    """
    types = sat.types.get(node, {})
    candidates = [t for t in types if cls in sat.tbox.super_classes(t)] or [cls]
    supports = []
    for t in candidates:
        asserted, facts = _support(sat, node, t, types.get(t, why))
        supports.append(_Support(t, asserted, tuple(facts)))

    def rank(s: _Support) -> tuple[bool, bool, int, str]:
        return (s.asserted and not s.facts, bool(s.facts), len(sat.tbox.super_classes(s.cls)), str(s.cls))

    return max(supports, key=rank)


def _why(lab: Labeller, support: _Support, lang: str) -> str:
    fr = lang == "fr"
    if support.asserted and not support.facts:
        return "selon les données" if fr else "declared"
    if not support.facts:
        return "par déduction" if fr else "by inference"
    parts = []
    for kind, prop, value in support.facts:
        p = lab.term(prop, lang)
        if kind == "range":
            subject = lab.individual(value, lang)
            parts.append(f"en tant que valeur de « {p} » de {subject}" if fr
                         else f"as the value of the {p} of {subject}")
        elif kind == "domain":
            parts.append(f"en tant que sujet de « {p} »" if fr else f"as the subject of “{p}”")
        else:
            v = lab.value(value, lang)
            parts.append(f"« {p} » : {v}" if fr else f"its {p} “{v}”")
    if fr:
        plain = [x for x in parts if x.startswith("«")]
        other = [x for x in parts if not x.startswith("«")]
        return "; ".join((["d'après " + " ; ".join(plain)] if plain else []) + other)
    plain = [x for x in parts if x.startswith("its ")]
    other = [x for x in parts if not x.startswith("its ")]
    return "; ".join((["through " + " and ".join(plain)] if plain else []) + other)


def describe_conflict(conflict: Conflict, sat: Saturation, lab: Labeller) -> Inconsistency:
    """An :class:`Inconsistency` with French and English messages."""
    node = conflict.individual
    name_fr, name_en = lab.individual(node, "fr"), lab.individual(node, "en")
    if conflict.kind == "disjoint-classes":
        (a, b), (da, db) = conflict.classes, conflict.derivations
        sa, sb = _root(sat, node, a, da), _root(sat, node, b, db)
        axiom = (conflict.axiom.a, conflict.axiom.b) if conflict.axiom is not None else (a, b)
        # read in the axiom's order: the class on the side of its first member first
        if axiom[0] in sat.tbox.super_classes(sb.cls) and axiom[0] not in sat.tbox.super_classes(sa.cls):
            sa, sb = sb, sa
        ra, rb = sa.cls, sb.cls
        same_as_axiom = {ra, rb} == set(axiom)
        fr_a, fr_b = lab.term(ra, "fr"), lab.term(rb, "fr")
        en_a, en_b = lab.term(ra, "en"), lab.term(rb, "en")
        note_fr = "" if same_as_axiom else (
            f" (« {lab.term(axiom[0], 'fr')} » et « {lab.term(axiom[1], 'fr')} » sont disjointes)")
        note_en = "" if same_as_axiom else (
            f" ({lab.term(axiom[0], 'en')} and {lab.term(axiom[1], 'en')} are disjoint)")
        declared = [s.asserted and not s.facts for s in (sa, sb)]
        if all(declared):
            fr = (f"{name_fr} est à la fois « {fr_a} » et « {fr_b} » selon les données, "
                  f"classes disjointes{note_fr}.")
            en = (f"{name_en} is declared both {with_article(en_a, 'en')} and {with_article(en_b, 'en')}, "
                  f"which are disjoint{note_en}.")
        else:
            fr = (f"{name_fr} est à la fois « {fr_a} » ({_why(lab, sa, 'fr')}) et « {fr_b} » "
                  f"({_why(lab, sb, 'fr')}), classes disjointes{note_fr}.")
            en = (f"{name_en} is {with_article(en_a, 'en')} ({_why(lab, sa, 'en')}) and "
                  f"{with_article(en_b, 'en')} ({_why(lab, sb, 'en')}), which are disjoint{note_en}.")
        return Inconsistency("disjoint-classes", (node,), (name_fr,), fr, en, classes=(ra, rb), axiom=axiom)

    if conflict.kind == "functional-property" and conflict.prop is not None:
        prop = conflict.prop
        derived = {(s, p, o) for s, p, o in sat.derived_edges}

        def val(v: Node, lang: str) -> str:
            text = lab.value(v, lang)
            if (node, prop, v) in derived:
                text += " (déduite de ses classes)" if lang == "fr" else " (inferred from its classes)"
            return text

        v1, v2 = conflict.values
        fr = (f"{name_fr} a deux valeurs pour « {lab.term(prop, 'fr')} », propriété fonctionnelle : "
              f"{val(v1, 'fr')} et {val(v2, 'fr')}.")
        en = (f"{name_en} has two values for “{lab.term(prop, 'en')}”, a functional property: "
              f"{val(v1, 'en')} and {val(v2, 'en')}.")
        return Inconsistency("functional-property", (node,), (name_fr,), fr, en, axiom=(prop,),
                             values=tuple(str(v) for v in conflict.values))

    # datatype
    prop = conflict.prop or URIRef("")
    (range_,) = conflict.classes
    (value,) = conflict.values
    shown = str(value)
    dt = "xsd:" + str(range_)[len(str(XSD)):] if str(range_).startswith(str(XSD)) else local_name(range_)
    given = ""
    if isinstance(value, Literal):
        given_dt = value.datatype
        if value.language:
            given = f" (@{value.language})"
        elif given_dt is None:
            given = " (xsd:string)"
        elif str(given_dt).startswith(str(XSD)):
            given = " (xsd:" + str(given_dt)[len(str(XSD)):] + ")"
        else:
            given = f" (<{given_dt}>)"
    fr = (f"{name_fr} a la valeur « {shown} »{given} pour « {lab.term(prop, 'fr')} », "
          f"dont les valeurs doivent être de type {dt}.")
    en = (f"{name_en} has the value “{shown}”{given} for “{lab.term(prop, 'en')}”, "
          f"whose values must be of type {dt}.")
    return Inconsistency("datatype", (node,), (name_fr,), fr, en, classes=(range_,), axiom=(prop, range_),
                         values=(shown,))


def describe_conflicts(conflicts: Sequence[Conflict], sat: Saturation, lab: Labeller) -> list[Inconsistency]:
    """The contradictions worth reading, one message each.

    A contradiction drags consequences along: a company recorded both with and
    without the ESS mention is also both an ESS and a non-ESS enterprise, and
    has two ESS statuses.  Per individual, what follows from another reported
    contradiction is left out:

    * two values of a functional property that are both inferred (the ESS
      status of the example), when the individual has another contradiction;
    * a pair of disjoint classes one of which comes from a property whose two
      values are reported (the ESS mention of the example);
    * a pair of disjoint classes one of which is only inferred ("by
      inference"), when a pair without such a side is reported.
    """
    derived = sat.derived_edges
    by_node: dict[Node, list[Conflict]] = {}
    for c in conflicts:
        by_node.setdefault(c.individual, []).append(c)
    kept: list[Conflict] = []
    for node, items in by_node.items():
        clashing_props = {
            c.prop for c in items
            if c.kind == "functional-property" and not any((node, c.prop, v) in derived for v in c.values)
        }
        sides = {id(c): [_root(sat, node, k, d) for k, d in zip(c.classes, c.derivations, strict=True)]
                 for c in items if c.kind == "disjoint-classes"}
        plain_pairs = [c for c in items if c.kind == "disjoint-classes"
                       and not any(s.inferred_only for s in sides[id(c)])]
        for c in items:
            if c.kind == "functional-property" and all((node, c.prop, v) in derived for v in c.values) \
                    and len(items) > 1:
                continue
            if c.kind == "disjoint-classes":
                if any(prop in clashing_props for s in sides[id(c)] for _, prop, _ in s.facts):
                    continue
                if plain_pairs and c not in plain_pairs:
                    continue
            kept.append(c)
    # one message per contradiction: of the axioms that separate the same two
    # classes of the same individual, name the closest to them
    best: dict[tuple, tuple[tuple[int, int], Inconsistency]] = {}
    order: list[tuple] = []
    for conflict in kept:
        inc = describe_conflict(conflict, sat, lab)
        axiom = inc.axiom if inc.kind != "disjoint-classes" else ()
        key = (inc.kind, inc.individuals, frozenset(inc.classes), axiom)
        closeness = (len(set(inc.axiom) & set(inc.classes)),
                     sum(len(sat.tbox.super_classes(c)) for c in inc.axiom if isinstance(c, URIRef)))
        if key not in best:
            order.append(key)
            best[key] = (closeness, inc)
        elif closeness > best[key][0]:
            best[key] = (closeness, inc)
    return [best[k][1] for k in order]


def describe_unexplained(nodes: Sequence[Node], lab: Labeller, asserted: dict[Node, frozenset[URIRef]],
                         reasoner: str) -> Inconsistency:
    """The reasoner proves these individuals' statements contradictory; say so, and what they declare."""
    ordered = sorted(nodes, key=str)
    names_fr = [lab.individual(n, "fr") for n in ordered]
    names_en = [lab.individual(n, "en") for n in ordered]
    classes = sorted({c for n in ordered for c in asserted.get(n, ())}, key=str)
    engine = {"hermit": "HermiT", "pellet": "Pellet"}.get(reasoner, reasoner)
    declared_fr = ", ".join(f"« {lab.term(c, 'fr')} »" for c in classes) or "aucune"
    declared_en = ", ".join(f"“{lab.term(c, 'en')}”" for c in classes) or "none"
    fr = (f"{engine} trouve contradictoires les données sur {', '.join(names_fr)} ; les axiomes en cause "
          f"n'ont pas pu être nommés (classes déclarées : {declared_fr}).")
    en = (f"{engine} finds the statements about {', '.join(names_en)} contradictory; the axioms involved "
          f"could not be named (declared classes: {declared_en}).")
    return Inconsistency("unexplained", tuple(ordered), tuple(names_fr), fr, en, classes=tuple(classes),
                         confirmed_by=reasoner)


def quickxplain(inconsistent: Callable[[list[Node]], bool], candidates: list[Node]) -> list[Node]:
    """A minimal subset of ``candidates`` (modules) that is inconsistent together
    with the ontology, given that all of them together are (QuickXplain)."""

    def qx(background: list[Node], delta: bool, items: list[Node]) -> list[Node]:
        if delta and inconsistent(background):
            return []
        if len(items) == 1:
            return items
        half = len(items) // 2
        first, second = items[:half], items[half:]
        d2 = qx(background + first, bool(first), second)
        d1 = qx(background + d2, bool(d2), first)
        return d1 + d2

    if not candidates:
        return []
    return qx([], False, candidates)
