"""The grammar ptce_graph's outputs share, in French and English, decided once.

Every output that counts things (« 12 pôles », « 1 preuve »), lists names
(« A, B et C »), puts a colon after a word (« territoire : » in French,
"territory:" in English) or sets a label inside a sentence takes its words
and rules here, so that agreement, spacing and capitalisation are the same in
the terminal, the files and the HTML report:

* counted nouns agree with their number (French takes the singular below 2:
  « 0 acteur », « 1 acteur », « 2 acteurs »), never « acteur(s) »;
* a label inside a sentence starts in lower case (« forme juridique : société
  coopérative agricole », not « Société coopérative agricole »), unless it
  starts with an acronym or a proper noun (« SAS, société par actions
  simplifiée », « État, collectivité… »).

The words of coded values (a logic, a kind of innovation, a legal form) are
the ontology's: :mod:`ptce_graph.io.vocabularies` reads them, once.  A word of
a module's own output (a heading, a column) stays in that module's table of
texts, beside the code that writes it.
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["LANGUAGES", "NOUNS", "PROPER_NOUNS", "ACCENTED", "plural", "counted", "colon", "listing",
           "in_sentence"]

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

#: First words that keep their capital inside a sentence: proper nouns the labels of the ontology start with
#: (INSEE's catégories juridiques: « État, collectivité ou établissement public étranger », « Safer anonyme
#: à directoire », "European company").  A label with a capital further on is a name as a whole (« Banque
#: de France », « Caisse d'Épargne et de Prévoyance ») and is kept as it is.
PROPER_NOUNS: frozenset[str] = frozenset({"État", "Safer", "European"})

#: French capitals written without their accent (INSEE: « Ecole nationale… », « Etablissement public… »),
#: as the word reads in lower case.
ACCENTED: dict[str, str] = {"Ecole": "école", "Etablissement": "établissement", "Etat": "État",
                            "Ethique": "éthique", "Economie": "économie", "Education": "éducation"}


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


def in_sentence(label: str) -> str:
    """``label`` as it reads inside a sentence, after a colon or in a table cell beside others: its first
    letter in lower case (with its accent: « Ecole » → « école »), unless its first word is an acronym
    (« SARL », « SAS, … », "(SE)") or one of :data:`PROPER_NOUNS`, or a later word is capitalised (then
    the label is a name: « Banque de France »).

    « Société coopérative agricole » → « société coopérative agricole »; a first
    word in parentheses qualifies the next, which follows the same rule:
    « (Autre) Collectivité territoriale » → « (autre) collectivité territoriale ».
    """
    first, _, rest = label.partition(" ")
    if first.startswith("(") and first.endswith(")") and rest:
        first = first[0] + in_sentence(first[1:-1]) + first[-1]
        return f"{first} {in_sentence(rest)}"
    core = first.strip("()[],;:.")
    if (not core or not core[0].isupper() or core in PROPER_NOUNS or any(ch.isupper() for ch in core[1:])
            or _names_further(rest)):
        return label
    at = first.index(core[0])
    lowered = ACCENTED.get(core, core[0].lower() + core[1:])
    first = first[:at] + lowered + first[at + len(core):]
    return f"{first} {rest}" if rest else first


def _names_further(rest: str) -> bool:
    """Whether a word after the first is capitalised and not an acronym (« de France », « d'Épargne »)."""
    for word in rest.split():
        word = word.strip("()[],;:.«»\"").rpartition("'")[2].rpartition("’")[2]
        if word[:1].isupper() and not word.isupper():
            return True
    return False
