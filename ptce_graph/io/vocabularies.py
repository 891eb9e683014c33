"""The closed vocabularies of the spreadsheet bundle, read from the ontology.

A coordinator writes ``entreprise``, ``collectivité``, ``membre`` or
``Mutualisation``; a script writes ``enterprise``, ``local-authority``,
``member``.  Both are read through one alias table, built here from the
ontology's labels of each value (``skos:prefLabel``, ``rdfs:label``,
``skos:altLabel``, in French and English) and its code: no second list is kept
by hand.  Each vocabulary is found by the IRIs of its values or by its SKOS
scheme's IRI, never by a file name, so the ontology's files may be split or
regenerated freely.

The codes themselves (``member``, ``local-authority``...) are the bundle
contract's (ARCHITECTURE.md, contract 3): they come from the model's enums,
which map each code to its ontology IRI.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS, SKOS

from ptce_graph.model import (
    LINK_SUBTYPES,
    MEETING_KINDS,
    PROGRAMMES,
    STRATEGY_KINDS,
    ActorKind,
    FundingKind,
    Innovation,
    Logic,
    Relation,
)
from ptce_graph.namespaces import PTCE, PTCELF, PTCETYP
from ptce_graph.resources import ontology_graph

__all__ = ["Vocabulary", "vocabulary", "VOCABULARIES", "normalise_key", "BOOLEAN_WORDS"]

#: Words read as yes or no in a bundle cell (French and English), and written in each language.
BOOLEAN_WORDS: dict[bool, dict[str, tuple[str, ...]]] = {
    True: {"en": ("yes", "true", "y", "1"), "fr": ("oui", "vrai", "o")},
    False: {"en": ("no", "false", "n", "0"), "fr": ("non", "faux")},
}

_LEGAL_CODE = re.compile(r"^\s*(\d{4})(?:\.0)?(?:\s*(?:[-—–:]\s*.*)?)?$", re.ASCII)


@functools.lru_cache(maxsize=8192)  # cells repeat the same few values: normalise each once
def normalise_key(text: str) -> str:
    """A header or value as the alias table compares it.

    Case, accents, spaces, hyphens, underscores and apostrophes do not count:
    ``Collectivité territoriale``, ``collectivite-territoriale`` and
    ``collectivité_territoriale`` are one key.
    """
    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"[\s\-_'’.]+", "-", plain).strip("-")


@dataclass(frozen=True)
class Vocabulary:
    """One closed list of values: its codes, their labels and every accepted alias."""

    name: str
    codes: tuple[str, ...]
    labels: dict[str, dict[str, str]]  # code -> {"fr": label, "en": label}
    aliases: dict[str, str] = field(repr=False)  # normalise_key(alias) -> code

    def lookup(self, text: str) -> str | None:
        """The code a cell means (a code, a label or an alias in French or English), or None."""
        return self.aliases.get(normalise_key(text))

    def label(self, code: str, lang: str = "fr") -> str:
        """The label a person reads for a code."""
        return self.labels.get(code, {}).get(lang) or code

    def choices(self, lang: str = "fr") -> list[str]:
        """What a drop-down list offers: codes in English, labels in French (``5710 — label`` for a number)."""
        out = []
        for code in self.codes:
            text = code if lang == "en" else self.label(code, "fr")
            out.append(f"{code} — {self.label(code, lang)}" if code.isdigit() else text)  # INSEE codes
        return out


def _labels(graph: Graph, iri: URIRef) -> tuple[dict[str, str], list[str]]:
    """The preferred label per language, and every label and alias of ``iri``."""
    preferred: dict[str, str] = {}
    every: list[str] = []
    for prop in (SKOS.prefLabel, RDFS.label, SKOS.altLabel):
        for lit in sorted(graph.objects(iri, prop), key=str):
            if not isinstance(lit, Literal):
                continue
            every.append(str(lit))
            if prop != SKOS.altLabel and lit.language in ("fr", "en"):
                preferred.setdefault(lit.language, str(lit))
    return preferred, every


def _build(name: str, items: Sequence[tuple[str, URIRef | None]], *, first_wins: bool = False) -> Vocabulary:
    """The vocabulary of ``items`` (code, IRI); an alias two codes share names neither, unless
    ``first_wins`` (then the earlier code keeps it: named legal forms before INSEE categories)."""
    graph = ontology_graph()
    labels: dict[str, dict[str, str]] = {}
    aliases: dict[str, str] = {}
    taken: dict[str, set[str]] = {}
    for code, iri in items:
        preferred, every = _labels(graph, iri) if iri is not None else ({}, [])
        labels[code] = {"fr": preferred.get("fr", code), "en": preferred.get("en", code)}
        for alias in [code, *every]:
            key = normalise_key(alias)
            if first_wins and key in taken:
                continue
            taken.setdefault(key, set()).add(code)
    for key, codes in taken.items():
        if len(codes) == 1:
            aliases[key] = next(iter(codes))
    for code, _ in items:  # a code always names itself
        aliases[normalise_key(code)] = code
    return Vocabulary(name, tuple(code for code, _ in items), labels, aliases)


def _scheme(scheme: URIRef) -> list[tuple[str, URIRef]]:
    graph = ontology_graph()
    out = []
    for concept in graph.subjects(SKOS.inScheme, scheme):
        if not isinstance(concept, URIRef):
            continue
        notation = graph.value(concept, SKOS.notation)
        code = str(notation) if notation is not None else str(concept).rsplit("/", 1)[-1].rsplit("#", 1)[-1]
        out.append((code, concept))
    return out


def _legal_forms() -> Vocabulary:
    items = _scheme(URIRef(f"{PTCELF._NS}legal-forms"))
    named = sorted((c, i) for c, i in items if not c.isdigit())
    coded = sorted((c, i) for c, i in items if c.isdigit())
    return _build("legal_form", named + coded, first_wins=True)


def _typology(scheme: str) -> Callable[[], Vocabulary]:
    def build() -> Vocabulary:
        return _build(scheme, sorted(_scheme(URIRef(f"{PTCETYP._NS}{scheme}"))))

    return build


_BUILDERS: dict[str, Callable[[], Vocabulary]] = {
    "relation": lambda: _build("relation", [(m.value, m.iri) for m in Relation]),
    "actor_kind": lambda: _build("actor_kind", [(m.value, m.iri) for m in ActorKind]),
    "logic": lambda: _build("logic", [(m.value, m.iri) for m in Logic]),
    "innovation": lambda: _build("innovation", [(m.value, m.iri) for m in Innovation]),
    "funding_kind": lambda: _build("funding_kind", [(m.value, m.iri) for m in FundingKind]),
    "link_kind": lambda: _build("link_kind", [(k, cls) for k, (cls, _) in LINK_SUBTYPES.items()]),
    "programme": lambda: _build("programme", list(PROGRAMMES.items())),
    "selection_status": lambda: _build("selection_status", sorted(_scheme(PTCE.SelectionStatuses))),
    "strategy_kind": lambda: _build("strategy_kind", list(STRATEGY_KINDS.items())),
    "meeting_kind": lambda: _build("meeting_kind", list(MEETING_KINDS.items())),
    "sector": _typology("sectors"),
    "territory_kind": _typology("territory-kinds"),
    "origin": _typology("origins"),
    "legal_form": _legal_forms,
    "boolean": lambda: Vocabulary(
        "boolean", ("yes", "no"), {"yes": {"fr": "oui", "en": "yes"}, "no": {"fr": "non", "en": "no"}},
        {normalise_key(w): ("yes" if value else "no") for value, langs in BOOLEAN_WORDS.items()
         for words in langs.values() for w in words},
    ),
}

#: Names of the vocabularies :func:`vocabulary` knows.
VOCABULARIES: tuple[str, ...] = tuple(_BUILDERS)


@functools.cache
def vocabulary(name: str) -> Vocabulary:
    """The vocabulary ``name`` (one of :data:`VOCABULARIES`), built once from the ontology."""
    return _BUILDERS[name]()


def legal_form_code(text: str) -> str | None:
    """The legal form a cell means: a named form, a label, or a 4-digit INSEE code (``5710 — SAS``)."""
    match = _LEGAL_CODE.match(text)
    if match:
        return match.group(1)
    return vocabulary("legal_form").lookup(text)


__all__ += ["legal_form_code"]
