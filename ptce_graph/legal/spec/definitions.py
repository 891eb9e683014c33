"""The four legal definitions of a PTCE and their clauses, read from the ontology.

``ontology/definitions.ttl`` is the single source: each ``ptce:LegalDefinition``
with its id, date, label, source and clauses, each ``ptce:LegalClause`` with its
id, kind, the words of the source it encodes (``ptce:sourceWords``) and its
rule, and the order of the clause kinds (``sh:order``).
This module reads them once per process into frozen dataclasses, so that a
report can cite the words of the law without touching RDF.
"""

from __future__ import annotations

import datetime as _dt
import functools
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SH, SKOS

from ptce_graph.dates import PartialDate
from ptce_graph.errors import InputError, PTCEError
from ptce_graph.labels import pick, texts_by_language
from ptce_graph.namespaces import PTCE
from ptce_graph.resources import ontology_graph

__all__ = [
    "Clause",
    "Definition",
    "DEFINITION_IDS",
    "DEFAULT_DEFINITION",
    "definitions",
    "get_definition",
    "clause_order",
    "UnknownDefinitionError",
    "DefinitionNotYetError",
    "not_yet",
    "existing",
]

#: Definition ids in chronological order.
DEFINITION_IDS: tuple[str, ...] = ("labo-2010", "senate-2013", "law-2014", "decree-2015")
#: The definition in force, applied by default.
DEFAULT_DEFINITION = "law-2014"


class UnknownDefinitionError(PTCEError, ValueError):
    """A definition id that is none of :data:`DEFINITION_IDS`."""


class DefinitionNotYetError(InputError):
    """The evaluation date is before the definition's text existed: no judgement, a located sentence instead."""


def not_yet(definition: Definition, as_of: _dt.date) -> DefinitionNotYetError | None:
    """The error that says ``definition`` did not exist on ``as_of``, or None when it did."""
    if definition.existed_on(as_of):
        return None
    start = definition.valid_from
    return DefinitionNotYetError(
        f"{definition.id} ({definition.label('en')}) did not exist on {as_of.isoformat()}: it applies from "
        f"{start}; no judgement under a text that did not exist",
        problem_fr=f"{definition.id} ({definition.label('fr')}) n'existait pas au {as_of.isoformat()} : elle "
        f"s'applique à partir du {start} ; pas de jugement selon un texte qui n'existait pas",
        source="--as-of", expected=f"a date from {start}, or an earlier definition",
        expected_fr=f"une date à partir du {start}, ou une définition plus ancienne",
    )


def existing(defs: tuple[Definition, ...], as_of: _dt.date) -> tuple[Definition, ...]:
    """The definitions that existed on ``as_of``; :class:`DefinitionNotYetError` when none did."""
    kept = tuple(d for d in defs if d.existed_on(as_of))
    if not kept and defs:
        error = not_yet(defs[0], as_of)
        assert error is not None
        raise error
    return kept


def _strings(values: object) -> tuple[str, ...]:
    return tuple(sorted(str(v) for v in values))  # type: ignore[attr-defined]


def _day(node: object) -> PartialDate | None:
    return PartialDate.from_literal(node) if isinstance(node, Literal) else None


def _pick(texts: dict[str, str], lang: str) -> str:
    return pick(texts, lang) or ""


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
    #: The European Legislation Identifiers of the texts the clause reads (empty for a bill or the Labo's).
    elis: tuple[str, ...] = ()
    #: Their Legifrance ids (JORFTEXT…, LEGIARTI…).
    legifrance_ids: tuple[str, ...] = ()
    #: The sources it cites (ptcesrc: IRIs), always.
    sources: tuple[str, ...] = ()

    def label(self, lang: str = "fr") -> str:
        """The clause kind's short label (« territoire », "territory")."""
        return _pick(self.kind_labels, lang)

    def statement(self, lang: str = "fr") -> str:
        """What the clause requires, in plain words (``skos:definition``)."""
        return _pick(self.statements, lang)

    def rule(self, lang: str = "fr") -> str:
        """The operational rule: when the clause is met, not met or unknown."""
        return _pick(self.rules, lang)

    def citations(self) -> dict[str, list[str]]:
        """The identifiers of what the clause reads: ELI, Legifrance ids, sources."""
        return {"eli": list(self.elis), "legifrance": list(self.legifrance_ids), "source": list(self.sources)}


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
    #: The first day the definition exists as an applicable text, and the last day it is the current one.
    valid_from: PartialDate | None = None
    valid_until: PartialDate | None = None
    elis: tuple[str, ...] = ()
    legifrance_ids: tuple[str, ...] = ()

    def label(self, lang: str = "fr") -> str:
        """The definition's name in ``lang``."""
        return _pick(self.labels, lang)

    def existed_on(self, day: _dt.date) -> bool:
        """False when the text did not exist yet on ``day`` (before the earliest day its start may mean)."""
        return self.valid_from is None or day >= self.valid_from.earliest()

    def current_on(self, day: _dt.date) -> bool:
        """True when the definition is the current text on ``day`` (it existed and had not been replaced)."""
        return self.existed_on(day) and (self.valid_until is None or day <= self.valid_until.latest())

    def clause(self, clause_id: str) -> Clause:
        """One clause by id (KeyError if the definition has none)."""
        for c in self.clauses:
            if c.id == clause_id:
                return c
        raise KeyError(clause_id)

    def has_clause(self, clause_id: str) -> bool:
        """Whether the definition has a clause of this id."""
        return any(c.id == clause_id for c in self.clauses)

    @property
    def clause_ids(self) -> tuple[str, ...]:
        """The clause ids, in the order of the clause kinds."""
        return tuple(c.id for c in self.clauses)

    def __reduce__(self) -> Any:
        """A packaged definition pickles as its id (reports from worker processes keep the same object)."""
        if definitions().get(self.id) is self:
            return get_definition, (self.id,)
        return _definition_of, (dict(self.__dict__),)


def _definition_of(fields: dict[str, Any]) -> Definition:
    """A definition that is not one of the packaged ones, unpickled."""
    return Definition(**fields)


@functools.lru_cache(maxsize=1)
def clause_order() -> tuple[str, ...]:
    """Every clause id (clause kind), in the order reports list them (``sh:order`` of the clause kinds)."""
    graph = ontology_graph()
    kinds = []
    for kind in graph.subjects(RDF.type, PTCE.ClauseKind):
        order = graph.value(kind, SH.order)
        notation = graph.value(kind, SKOS.notation)
        if order is None or notation is None:
            raise PTCEError(f"ontology/definitions.ttl: the clause kind {kind} needs sh:order and skos:notation")
        kinds.append((Decimal(str(order)), str(notation)))
    return tuple(notation for _, notation in sorted(kinds))


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
                    labels=texts_by_language(graph.objects(c, RDFS.label)),
                    kind_labels=texts_by_language(graph.objects(kind, SKOS.prefLabel)),
                    statements=texts_by_language(graph.objects(c, SKOS.definition)),
                    words=_pick(texts_by_language(graph.objects(c, PTCE.sourceWords)), "fr"),
                    rules=texts_by_language(graph.objects(c, PTCE.rule)),
                    elis=_strings(graph.objects(c, PTCE.eli)),
                    legifrance_ids=_strings(graph.objects(c, PTCE.legifranceId)),
                    sources=_strings(graph.objects(c, DCTERMS.source)),
                )
            )
        order = clause_order()
        clauses.sort(key=lambda c: order.index(c.id) if c.id in order else len(order))
        found[def_id] = Definition(
            id=def_id,
            iri=URIRef(str(iri)),
            labels=texts_by_language(graph.objects(iri, RDFS.label)),
            date=str(graph.value(iri, DCTERMS.date) or ""),
            in_force=str(graph.value(iri, PTCE.inForce)).lower() in ("true", "1"),
            source_text=_pick(texts_by_language(graph.objects(iri, PTCE.sourceText)), "fr"),
            sources=tuple(sorted(str(s) for s in graph.objects(iri, DCTERMS.source))),
            clauses=tuple(clauses),
            valid_from=_day(graph.value(iri, PTCE.validFrom)),
            valid_until=_day(graph.value(iri, PTCE.validUntil)),
            elis=_strings(graph.objects(iri, PTCE.eli)),
            legifrance_ids=_strings(graph.objects(iri, PTCE.legifranceId)),
        )
    return {d: found[d] for d in DEFINITION_IDS if d in found}


def get_definition(definition: str) -> Definition:
    """One definition by id; :class:`UnknownDefinitionError` names the valid ids otherwise."""
    known = definitions()
    if definition not in known:
        raise UnknownDefinitionError(f"unknown definition {definition!r}; expected one of {', '.join(known)}")
    return known[definition]
