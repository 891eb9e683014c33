"""The one rule for naming a resource in a language."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS, SKOS

from ptce_graph.labels import label, labels, pick, texts_by_language

NODE = URIRef("https://example.org/n")


def test_texts_by_language_keep_the_first_in_alphabetical_order() -> None:
    values = [Literal("Zèbre", lang="fr"), Literal("Abeille", lang="FR"), Literal("Bee", lang="en"), Literal("x"),
              URIRef("https://example.org/not-a-literal")]
    assert texts_by_language(values) == {"fr": "Abeille", "en": "Bee", "": "x"}
    assert texts_by_language(reversed(values)) == texts_by_language(values)  # never the graph's order


def test_pick_prefers_the_language_then_untagged_then_french_then_english() -> None:
    assert pick({"fr": "fr", "en": "en", "": "plain"}, "en") == "en"
    assert pick({"fr": "fr", "en": "en", "": "plain"}, "de") == "plain"
    assert pick({"fr": "fr", "en": "en"}, "de") == "fr"
    assert pick({"en": "en", "it": "it"}, "de") == "en"
    assert pick({"it": "uno", "es": "dos"}, "de") == "dos"
    assert pick({}, "fr") is None


def test_the_first_graph_and_property_with_a_text_decide() -> None:
    data, ontology = Graph(), Graph()
    data.add((NODE, RDFS.label, Literal("Nom des données")))
    ontology.add((NODE, SKOS.prefLabel, Literal("Nom de l'ontologie", lang="fr")))
    ontology.add((NODE, SKOS.prefLabel, Literal("Ontology's name", lang="en")))
    assert label([data, ontology], NODE, "en") == "Nom des données"
    assert label([ontology, data], NODE, "en") == "Ontology's name"
    assert label([data], NODE, "en", (SKOS.prefLabel,)) is None
    assert labels([data, ontology], NODE) == {"fr": "Nom de l'ontologie", "en": "Ontology's name"}
