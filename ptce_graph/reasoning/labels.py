"""Names people read: labels of classes, properties and individuals, in French
and English, and the small grammar the messages need."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple
from urllib.parse import unquote

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDFS, SKOS, XSD
from rdflib.term import Node

from ptce_graph.labels import label

__all__ = ["OntologyClass", "Labeller", "local_name", "with_article"]


class OntologyClass(NamedTuple):
    """A class of the ontology, with its labels."""

    iri: URIRef
    label_fr: str
    label_en: str

    def label(self, lang: str = "fr") -> str:
        return self.label_fr if lang == "fr" else self.label_en


def local_name(node: Node) -> str:
    text = str(node)
    for sep in ("#", "/", ":"):
        if sep in text.rstrip(sep):
            text = text.rstrip(sep).rsplit(sep, 1)[1]
            break
    return unquote(text) or str(node)


def with_article(label: str, lang: str) -> str:
    """English indefinite article ("a local authority", "an ESS enterprise")."""
    if lang != "en" or not label:
        return label
    word = label.split()[0]
    first = word[0].lower()
    vowel_sound = first in "aeio" or (first == "u" and not word.lower().startswith(("uni", "use")))
    if word.isupper() and word[0] in "AEFHILMNORSX":  # initialisms read letter by letter: "an ESS ..."
        vowel_sound = True
    return ("an " if vowel_sound else "a ") + label


#: Labels of the few terms of other vocabularies that classifications show.
_EXTERNAL_LABELS: dict[str, tuple[str, str]] = {
    "http://www.w3.org/ns/org#FormalOrganization": ("organisation formelle", "formal organization"),
    "http://www.w3.org/ns/org#Organization": ("organisation", "organization"),
    "http://www.w3.org/ns/org#OrganizationalCollaboration": ("collaboration entre organisations",
                                                              "organizational collaboration"),
    "http://xmlns.com/foaf/0.1/Agent": ("agent", "agent"),
    "http://xmlns.com/foaf/0.1/Person": ("personne", "person"),
    "http://www.w3.org/ns/prov#Agent": ("agent", "agent"),
    "http://purl.org/essglobal/vocab/Network": ("réseau", "network"),
}


@dataclass
class Labeller:
    """Labels from the ontology (classes, properties) and the data (individuals)."""

    ontology: Graph
    data: Graph
    _terms: dict[tuple[Node, str], str] = field(default_factory=dict, repr=False)

    def _labels(self, node: Node, lang: str) -> str | None:
        return label((self.data, self.ontology), node, lang, (RDFS.label, SKOS.prefLabel))

    def term(self, node: Node, lang: str = "fr") -> str:
        """The label of a class or property (falls back to its local name)."""
        cached = self._terms.get((node, lang))
        if cached is not None:
            return cached
        found = self._labels(node, lang)
        if not found:
            external = _EXTERNAL_LABELS.get(str(node))
            found = external[0 if lang == "fr" else 1] if external else local_name(node)
        self._terms[(node, lang)] = found
        return found

    def klass(self, iri: URIRef) -> OntologyClass:
        return OntologyClass(iri, self.term(iri, "fr"), self.term(iri, "en"))

    def individual(self, node: Node, lang: str = "fr") -> str:
        """How a person names an individual: its label, else its identifier, else its IRI's end."""
        found = self._labels(node, lang)
        if found:
            return found
        ident = self.data.value(node, DCTERMS.identifier)
        if isinstance(ident, Literal):
            return str(ident)
        if isinstance(node, BNode):
            return "[" + ("nœud anonyme" if lang == "fr" else "blank node") + "]"
        return local_name(node)

    def value(self, node: Node, lang: str = "fr") -> str:
        """A property value as words: a literal's text, or an individual's name."""
        if isinstance(node, Literal):
            if node.datatype == XSD.boolean:
                truth = node.toPython()
                if isinstance(truth, bool):
                    return {True: ("vrai", "true"), False: ("faux", "false")}[truth][0 if lang == "fr" else 1]
            return str(node)
        if isinstance(node, URIRef):
            return self.individual(node, lang)
        return self.individual(node, lang)
