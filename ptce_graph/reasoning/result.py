"""What :func:`ptce_graph.reasoning.reason` returns, and how it reads.

A :class:`ReasoningResult` keeps apart what the data said and what was
concluded: the inferred triples are a separate graph (merge them yourself with
:meth:`ReasoningResult.merged`), each actor's and pole's classes are split into
asserted and inferred, and every conclusion says where it comes from
(``derivation``: the reasoner, or the structural checks when no reasoner ran).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from rdflib import Graph, URIRef
from rdflib.term import Node

from ptce_graph.ess import ESSStatus
from ptce_graph.reasoning.labels import OntologyClass
from ptce_graph.reasoning.owl import owlready_version

__all__ = ["Classification", "Inconsistency", "Note", "ReasoningResult"]


@dataclass(frozen=True)
class Note:
    """Something the reader should know about how the result was obtained."""

    code: str  # java-missing | reasoner-failed | pellet-unavailable | skipped-input | not-isolated | ...
    message_fr: str
    message_en: str

    def message(self, lang: str = "fr") -> str:
        """The note, in ``lang``."""
        return self.message_fr if lang == "fr" else self.message_en


@dataclass(frozen=True)
class Classification:
    """The classes of one actor or pole, most specific first.

    ``classes`` holds every ptce: class (and org:FormalOrganization) the
    individual belongs to, asserted or inferred; ``asserted`` those the data
    states.  ``ess_status`` (actors) is yes when the individual is a
    ptce:ESSEnterprise, no when it is a ptce:NonESSActor, unknown otherwise.
    ``derivation`` is ``hermit``/``pellet`` when the reasoner classified it,
    ``structural`` when the Python checks did (no reasoner, or the individual
    is part of a contradiction).
    """

    node: Node
    label: str
    role: str  # actor | pole
    classes: tuple[OntologyClass, ...]
    asserted: frozenset[URIRef]
    ess_status: ESSStatus | None
    derivation: str

    @property
    def inferred(self) -> tuple[OntologyClass, ...]:
        """The classes the reasoner adds to those declared."""
        return tuple(c for c in self.classes if c.iri not in self.asserted)

    @property
    def declared(self) -> tuple[OntologyClass, ...]:
        """The classes the data declares."""
        return tuple(c for c in self.classes if c.iri in self.asserted)

    def has(self, cls: URIRef) -> bool:
        """Whether the individual is of class ``cls`` (declared or inferred)."""
        return any(c.iri == cls for c in self.classes)

    def to_dict(self, lang: str = "fr") -> dict[str, Any]:
        """The classification as JSON data."""
        out: dict[str, Any] = {
            "iri": str(self.node),
            "label": self.label,
            "classes": [{"iri": str(c.iri), "label": c.label(lang), "asserted": c.iri in self.asserted}
                        for c in self.classes],
            "derivation": self.derivation,
        }
        if self.role == "actor":
            out["ess_status"] = self.ess_status.value if self.ess_status else None
        return out


@dataclass(frozen=True)
class Inconsistency:
    """One contradiction in the data, named by its individuals and axioms.

    ``kind``: ``disjoint-classes`` (``classes``: the two classes the individual
    is given; ``axiom``: the two classes a disjointness axiom separates),
    ``functional-property`` (``axiom``: the property; ``values``: two of its
    values), ``datatype`` (``axiom``: the property and its range),
    ``unexplained`` (the reasoner finds these individuals' statements
    contradictory, but the structural checks cannot name the axioms).
    ``confirmed_by`` says which engine established it.
    """

    kind: str
    individuals: tuple[Node, ...]
    labels: tuple[str, ...]
    message_fr: str
    message_en: str
    classes: tuple[URIRef, ...] = ()
    axiom: tuple[URIRef, ...] = ()
    values: tuple[str, ...] = ()
    confirmed_by: str = "structural"

    def message(self, lang: str = "fr") -> str:
        """What contradicts what, in ``lang``."""
        return self.message_fr if lang == "fr" else self.message_en

    def to_dict(self, lang: str = "fr") -> dict[str, Any]:
        """The contradiction as JSON data."""
        return {
            "kind": self.kind,
            "individuals": [str(n) for n in self.individuals],
            "labels": list(self.labels),
            "classes": [str(c) for c in self.classes],
            "axiom": [str(a) for a in self.axiom],
            "values": list(self.values),
            "message": self.message(lang),
            "confirmed_by": self.confirmed_by,
        }


@dataclass(frozen=True)
class ReasoningResult:
    """The outcome of :func:`~ptce_graph.reasoning.reason`.

    * ``consistent``: False when a contradiction was found.  With a reasoner
      (``reasoner`` = ``"hermit"``) True is a proof of consistency; without
      one (``reasoner`` None) it only means the structural checks found none.
    * ``inferred``: the inferred triples about the data's individuals, apart
      from the data (types, and values such as ``ptce:essStatus`` that a
      restriction fixes).  Never the ontology's own axioms, never owl:Thing.
    * ``actors``, ``poles``: one :class:`Classification` each, in IRI order.
    * ``inconsistencies``: what contradicts itself, with bilingual messages.
    * ``notes``: how the result was obtained (no Java, input left out...).
    * ``timings``: seconds spent per step.
    """

    consistent: bool
    reasoner: str | None
    inferred: Graph
    actors: tuple[Classification, ...]
    poles: tuple[Classification, ...]
    inconsistencies: tuple[Inconsistency, ...] = ()
    notes: tuple[Note, ...] = ()
    timings: Mapping[str, float] = field(default_factory=dict)
    _index: dict[Node, Classification] = field(init=False, repr=False, compare=False, default_factory=dict)

    def __post_init__(self) -> None:
        for c in (*self.poles, *self.actors):
            self._index[c.node] = c

    @property
    def derivation(self) -> str:
        """``reasoner`` when an OWL reasoner ran, ``structural`` when only the Python checks did."""
        return "reasoner" if self.reasoner else "structural"

    @property
    def message(self) -> str | None:
        """The first note in English (e.g. why no reasoner ran), or None."""
        return self.notes[0].message_en if self.notes else None

    def __iter__(self) -> Iterator[Classification]:
        yield from self.poles
        yield from self.actors

    def classification(self, node: Node | str) -> Classification | None:
        """The classification of an actor or pole (by node or IRI), or None."""
        key = URIRef(node) if isinstance(node, str) and not isinstance(node, URIRef) else node
        return self._index.get(key)

    def ess_status(self, actor: Node | str) -> ESSStatus | None:
        """An actor's ESS status as the reasoner classifies it, or None."""
        found = self.classification(actor)
        return found.ess_status if found is not None else None

    def merged(self, data: Graph) -> Graph:
        """A new graph: ``data`` plus the inferred triples (``data`` is not modified)."""
        out = Graph()
        for prefix, ns in data.namespaces():
            out.bind(prefix, ns, override=False)
        for t in data:
            out.add(t)
        for t in self.inferred:
            out.add(t)
        return out

    def to_dict(self, lang: str = "fr", *, timings: bool = False) -> dict[str, Any]:
        """A JSON-ready dict; ``timings`` (which vary from run to run) only on request."""
        out: dict[str, Any] = {
            "consistent": self.consistent,
            "reasoner": self.reasoner,
            "derivation": self.derivation,
            "notes": [{"code": n.code, "message": n.message(lang)} for n in self.notes],
            "poles": [c.to_dict(lang) for c in self.poles],
            "actors": [c.to_dict(lang) for c in self.actors],
            "inconsistencies": [i.to_dict(lang) for i in self.inconsistencies],
            "inferred_triples": len(self.inferred),
        }
        if timings:
            out["timings"] = {k: round(v, 3) for k, v in sorted(self.timings.items())}
        return out

    def render(self, lang: str = "fr", *, notes: bool = True) -> str:
        """Plain text for people: each pole and actor with its classes, then the contradictions."""
        fr = lang == "fr"
        lines: list[str] = []
        if self.reasoner:
            head = (f"Raisonneur : {self.reasoner_label}" if fr else f"Reasoner: {self.reasoner_label}")
        else:
            head = ("Aucun raisonneur OWL n'a tourné : vérifications structurelles seulement"
                    if fr else "No OWL reasoner ran: structural checks only")
        state = (("données cohérentes" if self.consistent else "données incohérentes") if fr
                 else ("data consistent" if self.consistent else "data inconsistent"))
        if not self.reasoner and self.consistent:
            state = "aucune contradiction trouvée" if fr else "no contradiction found"
        lines.append(f"{head} — {state}")
        for note in self.notes if notes else ():
            lines.append(f"  ! {note.message(lang)}")
        for title_fr, title_en, items in (("Pôles", "Poles", self.poles), ("Acteurs", "Actors", self.actors)):
            if not items:
                continue
            lines.append("")
            lines.append(f"{title_fr if fr else title_en} ({len(items)})")
            for c in items:
                lines.append(f"  {c.label} <{c.node}>")
                if c.role == "actor" and c.ess_status is not None:
                    words = {"yes": ("oui", "yes"), "no": ("non", "no"), "unknown": ("inconnu", "unknown")}
                    status = words[c.ess_status.value][0 if fr else 1]
                    lines.append(f"    {'statut ESS' if fr else 'ESS status'} : {status}" if fr
                                 else f"    ESS status: {status}")
                declared = ", ".join(k.label(lang) for k in c.declared) or "—"
                inferred = ", ".join(k.label(lang) for k in c.inferred) or "—"
                if fr:
                    lines.append(f"    déclarées : {declared}")
                    lines.append(f"    inférées : {inferred}")
                else:
                    lines.append(f"    declared: {declared}")
                    lines.append(f"    inferred: {inferred}")
                if c.derivation == "structural" and self.reasoner:
                    lines.append("    (vérifications structurelles : individu en contradiction)" if fr
                                 else "    (structural checks: individual in a contradiction)")
        if self.inconsistencies:
            lines.append("")
            lines.append(f"{'Incohérences' if fr else 'Inconsistencies'} ({len(self.inconsistencies)})")
            for inc in self.inconsistencies:
                lines.append(f"  - {inc.message(lang)}")
        return "\n".join(lines) + "\n"

    @property
    def reasoner_label(self) -> str:
        """The reasoner and owlready2's version, as reports name them."""
        name = {"hermit": "HermiT", "pellet": "Pellet"}.get(self.reasoner or "", self.reasoner or "")
        return f"{name} (owlready2 {owlready_version()})"
