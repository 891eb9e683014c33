"""Which words name a resource in a language: the one rule for picking a text among RDF literals.

RDF lets a resource have any number of labels, in any languages, or none
tagged.  Every report, page, message and table of ptce_graph picks among
them by the same rule, so that a pole, a clause or a legal form is named the
same everywhere:

* the texts are grouped by language tag (in lower case; ``""`` for an
  untagged literal); of several in one language, the first in alphabetical
  order (never the order of the graph, which depends on how it was read);
* in a language ``lang``: the text in ``lang``, else the untagged one, else
  French, else English, else the first of the others in alphabetical order;
* across graphs and properties (the data before the ontology,
  ``skos:prefLabel`` before ``rdfs:label``, as the caller orders them): the
  first graph and property that give the resource any text decide
  (:func:`label`); for the texts in every language, each language's from the
  first that has one (:func:`labels`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS, SKOS
from rdflib.term import Node

__all__ = ["NAME_PROPERTIES", "texts_by_language", "pick", "label", "labels"]

#: The properties that name a resource, in the order they are read.
NAME_PROPERTIES: tuple[URIRef, ...] = (SKOS.prefLabel, RDFS.label)


def texts_by_language(values: Iterable[object]) -> dict[str, str]:
    """The texts of the literals among ``values`` by language tag (lower case, ``""`` untagged).

    Of several texts in one language, the first in alphabetical order.
    """
    out: dict[str, str] = {}
    for value in values:
        if isinstance(value, Literal):
            lang = (value.language or "").lower()
            text = str(value)
            if lang not in out or text < out[lang]:
                out[lang] = text
    return out


def pick(texts: Mapping[str, str], lang: str) -> str | None:
    """The text in ``lang``, else untagged, else French, else English, else the first other one; None if none."""
    for key in (lang, "", "fr", "en"):
        if key in texts:
            return texts[key]
    return min(texts.values(), default=None)


def label(
    graphs: Sequence[Graph], node: Node, lang: str, properties: Sequence[URIRef] = NAME_PROPERTIES
) -> str | None:
    """``node``'s words in ``lang``, from the first graph and property that give it any literal."""
    for graph in graphs:
        for prop in properties:
            texts = texts_by_language(graph.objects(node, prop))
            if texts:
                return pick(texts, lang)
    return None


def labels(
    graphs: Sequence[Graph],
    node: Node,
    properties: Sequence[URIRef] = NAME_PROPERTIES,
    languages: Sequence[str] = ("fr", "en"),
) -> dict[str, str]:
    """``node``'s text in each of ``languages`` that has one, each from the first graph and property giving it."""
    out: dict[str, str] = {}
    for graph in graphs:
        for prop in properties:
            for lang, text in texts_by_language(graph.objects(node, prop)).items():
                if lang in languages and lang not in out:
                    out[lang] = text
    return out
