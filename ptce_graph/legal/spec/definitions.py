"""The four legal definitions of a PTCE and their clauses, read from the ontology.

``ontology/definitions.ttl`` is the single source: each ``ptce:LegalDefinition``
with its id, date, label and source, and each ``ptce:LegalClause`` with its id,
kind, the words of the source it encodes (``ptce:sourceWords``) and its rule.
This module reads them once per process into frozen dataclasses, so that a
report can cite the words of the law without touching RDF.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from ptce_graph.errors import PTCEError
from ptce_graph.namespaces import PTCE
from ptce_graph.resources import ontology_graph

__all__ = [
    "Clause",
    "Definition",
    "DEFINITION_IDS",
    "DEFAULT_DEFINITION",
    "definitions",
    "get_definition",
    "UnknownDefinitionError",
]

#: Definition ids in chronological order.
DEFINITION_IDS: tuple[str, ...] = ("labo-2010", "senate-2013", "law-2014", "decree-2015")
#: The definition in force, applied by default.
DEFAULT_DEFINITION = "law-2014"


class UnknownDefinitionError(PTCEError, ValueError):
    """A definition id that is none of :data:`DEFINITION_IDS`."""


def _texts(values: object) -> dict[str, str]:
    out: dict[str, str] = {}
    for lit in values:  # type: ignore[attr-defined]
        if isinstance(lit, Literal):
            out.setdefault(lit.language or "", str(lit))
    return out


def _pick(texts: dict[str, str], lang: str) -> str:
    for key in (lang, "fr", "en", ""):
        if key in texts:
            return texts[key]
    return next(iter(texts.values()), "")


@dataclass(frozen=True)
class Clause:
    """One condition of a definition: the words of the source and the rule that decides it."""

    id: str
    iri: URIRef
    definition: str
    kind: URIRef
    labels: dict[str, str]
    kind_labels: dict[str, str]
    statements: dict[str, str]  # skos:definition: what the clause requires, in plain words
    words: str  # ptce:sourceWords, quoted, in the language of the source (French)
    rules: dict[str, str]

    def label(self, lang: str = "fr") -> str:
        """The clause kind's short label (« territoire », "territory")."""
        return _pick(self.kind_labels, lang)

    def statement(self, lang: str = "fr") -> str:
        return _pick(self.statements, lang)

    def rule(self, lang: str = "fr") -> str:
        return _pick(self.rules, lang)


@dataclass(frozen=True)
class Definition:
    """A dated, citable version of the definition of a PTCE."""

    id: str
    iri: URIRef
    labels: dict[str, str]
    date: str
    in_force: bool
    source_text: str
    sources: tuple[str, ...]
    clauses: tuple[Clause, ...]

    def label(self, lang: str = "fr") -> str:
        return _pick(self.labels, lang)

    def clause(self, clause_id: str) -> Clause:
        for c in self.clauses:
            if c.id == clause_id:
                return c
        raise KeyError(clause_id)

    def has_clause(self, clause_id: str) -> bool:
        return any(c.id == clause_id for c in self.clauses)

    @property
    def clause_ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.clauses)

    def __reduce__(self) -> Any:
        """A packaged definition pickles as its id (reports from worker processes keep the same object)."""
        if definitions().get(self.id) is self:
            return get_definition, (self.id,)
        return _definition_of, (dict(self.__dict__),)


def _definition_of(fields: dict[str, Any]) -> Definition:
    """A definition that is not one of the packaged ones, unpickled."""
    return Definition(**fields)


CLAUSE_ORDER = (
    "legal-person",
    "three-legal-persons",
    "territory",
    "ess-enterprises",
    "other-enterprises",
    "partners",
    "strategy",
    "cooperation",
    "innovation",
    "sustainable-development",
    "not-previously-funded",
)


@functools.lru_cache(maxsize=1)
def definitions() -> dict[str, Definition]:
    """Every definition by id, in chronological order, read once from the ontology."""
    graph = ontology_graph()
    found: dict[str, Definition] = {}
    for iri in graph.subjects(RDF.type, PTCE.LegalDefinition):
        def_id = str(graph.value(iri, PTCE.definitionId))
        clauses = []
        for c in graph.objects(iri, PTCE.hasClause):
            kind = graph.value(c, PTCE.clauseKind)
            clauses.append(
                Clause(
                    id=str(graph.value(c, PTCE.clauseId)),
                    iri=URIRef(str(c)),
                    definition=def_id,
                    kind=URIRef(str(kind)),
                    labels=_texts(graph.objects(c, RDFS.label)),
                    kind_labels=_texts(graph.objects(kind, SKOS.prefLabel)),
                    statements=_texts(graph.objects(c, SKOS.definition)),
                    words=_pick(_texts(graph.objects(c, PTCE.sourceWords)), "fr"),
                    rules=_texts(graph.objects(c, PTCE.rule)),
                )
            )
        clauses.sort(key=lambda c: CLAUSE_ORDER.index(c.id) if c.id in CLAUSE_ORDER else len(CLAUSE_ORDER))
        found[def_id] = Definition(
            id=def_id,
            iri=URIRef(str(iri)),
            labels=_texts(graph.objects(iri, RDFS.label)),
            date=str(graph.value(iri, DCTERMS.date) or ""),
            in_force=str(graph.value(iri, PTCE.inForce)).lower() in ("true", "1"),
            source_text=_pick(_texts(graph.objects(iri, PTCE.sourceText)), "fr"),
            sources=tuple(sorted(str(s) for s in graph.objects(iri, DCTERMS.source))),
            clauses=tuple(clauses),
        )
    return {d: found[d] for d in DEFINITION_IDS if d in found}


def get_definition(definition: str) -> Definition:
    """One definition by id; :class:`UnknownDefinitionError` names the valid ids otherwise."""
    known = definitions()
    if definition not in known:
        raise UnknownDefinitionError(f"unknown definition {definition!r}; expected one of {', '.join(known)}")
    return known[definition]
