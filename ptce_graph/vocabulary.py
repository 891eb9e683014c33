"""The words ptce_graph shares across its outputs, in French and English, decided once.

Every output that counts things (« 12 pôles », « 1 preuve »), lists names
(« A, B et C »), puts a colon after a word (« territoire : » in French,
"territory:" in English) or names a coded value of the spreadsheet bundle (a
logic, a kind of innovation, an ESS status) takes its words here, so that
agreement, spacing and capitalisation are the same in the terminal, the files
and the HTML report:

* counted nouns agree with their number (French takes the singular below 2:
  « 0 acteur », « 1 acteur », « 2 acteurs »), never « acteur(s) »;
* a coded value is named by the ontology, the one source of those words
  (``skos:prefLabel``, else ``rdfs:label`` of the value's IRI): no English code
  such as ``partnership`` or ``technological`` in a French sentence;
* a word of a module's own output (a heading, a column) stays in that module's
  table of texts, beside the code that writes it.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

from rdflib import Literal, URIRef
from rdflib.namespace import RDFS, SKOS

from ptce_graph.resources import ontology_graph

__all__ = ["LANGUAGES", "NOUNS", "plural", "counted", "colon", "listing", "value_word"]

LANGUAGES: tuple[str, ...] = ("fr", "en")

#: Nouns the outputs count: French singular and plural, English singular and plural.
NOUNS: dict[str, tuple[str, str, str, str]] = {
    "pole": ("pôle", "pôles", "pole", "poles"),
    "actor": ("acteur", "acteurs", "actor", "actors"),
    "member": ("membre", "membres", "member", "members"),
    "partner": ("partenaire", "partenaires", "partner", "partners"),
    "link": ("lien", "liens", "link", "links"),
    "undated_link": ("lien sans date", "liens sans date", "undated link", "undated links"),
    "project": ("projet", "projets", "project", "projects"),
    "clause": ("clause", "clauses", "clause", "clauses"),
    "item": ("élément", "éléments", "item", "items"),
    "evidence": ("preuve", "preuves", "piece of evidence", "pieces of evidence"),
    "triple": ("triplet RDF", "triplets RDF", "RDF triple", "RDF triples"),
}


def _check(lang: str) -> str:
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; expected one of {', '.join(LANGUAGES)}")
    return lang


def plural(n: int, lang: str) -> bool:
    """Whether ``n`` things take the plural: from 2 in French (« 0 pôle », « 1,5 pôle »), but 1 in English."""
    return abs(n) >= 2 if _check(lang) == "fr" else n != 1


def counted(n: int, noun: str, lang: str) -> str:
    """« 1 pôle », « 12 pôles », "1 pole", "12 poles" (``noun`` a key of :data:`NOUNS`)."""
    fr_one, fr_many, en_one, en_many = NOUNS[noun]
    one, many = (fr_one, fr_many) if _check(lang) == "fr" else (en_one, en_many)
    return f"{n} {many if plural(n, lang) else one}"


def colon(lang: str) -> str:
    """The colon after a word: a space before it in French (« territoire : »), none in English."""
    return " : " if _check(lang) == "fr" else ": "


def listing(items: Iterable[str], lang: str) -> str:
    """« A, B et C », "A, B and C"; a single item as is."""
    words = list(items)
    if len(words) < 2:
        return "".join(words)
    last = " et " if _check(lang) == "fr" else " and "
    return ", ".join(words[:-1]) + last + words[-1]


@functools.lru_cache(maxsize=512)
def value_word(iri: URIRef, lang: str, *, short: bool = True) -> str | None:
    """The ontology's word for a coded value in ``lang``.

    ``short``: its ``skos:prefLabel`` first (« sociale », the value in a list of
    values), else its ``rdfs:label`` first (« innovation sociale », the value on
    its own).
    """
    graph = ontology_graph()
    for prop in ((SKOS.prefLabel, RDFS.label) if short else (RDFS.label, SKOS.prefLabel)):
        words = sorted(str(o) for o in graph.objects(iri, prop) if isinstance(o, Literal) and o.language == lang)
        if words:
            return words[0]
    return None
