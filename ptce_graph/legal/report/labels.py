"""Readable names of the resources a report mentions, in French or English.

A coordinator reads « SARL Dupont », not an IRI.  Names come from the data
(``rdfs:label``, ``dcterms:identifier``), from the ontology for its own terms
(funding programmes, legal forms, link logics), from INSEE's Code officiel
géographique for communes, EPCI, départements and régions (« Toulouse
(31555) »), and are composed for the
resources that have no name of their own (a cooperation link is named by its
logic and its two actors, a funding line by its programme and year).  Blank
nodes get a stable id derived from their description, so that reports stay
deterministic.
"""

from __future__ import annotations

import functools
import hashlib
from urllib.parse import unquote

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS
from rdflib.term import Node

from ptce_graph.ess import legal_form_info
from ptce_graph.geography import geography
from ptce_graph.labels import label
from ptce_graph.legal.shacl.working import AREA_CLASSES
from ptce_graph.model import legal_form_value
from ptce_graph.namespaces import ORG, PTCE
from ptce_graph.resources import ontology_graph

__all__ = ["Labeller", "node_id"]

_LOGICS = (PTCE.MutualisationLink, PTCE.InteractionLink, PTCE.AnimationLink, PTCE.PartnershipLink)
_AREA_WORDS = {"commune": ("commune", "commune"), "epci": ("EPCI", "EPCI"),
               "departement": ("département", "département"), "region": ("région", "région")}


def node_id(graph: Graph, node: Node) -> str:
    """A stable text id of a node: the IRI, or ``_:b`` + a hash of a blank node's own triples."""
    if isinstance(node, BNode):
        described = sorted(
            f"{p.n3()} {o.n3() if not isinstance(o, BNode) else '[]'}"
            for p, o in graph.predicate_objects(node)
        )
        digest = hashlib.sha1("\n".join(described).encode("utf-8")).hexdigest()[:12]
        return f"_:b{digest}"
    return str(node)


def _local(iri: str) -> str:
    text = iri.rstrip("/")
    for sep in ("#", "/"):
        if sep in text:
            text = text.rsplit(sep, 1)[1]
    return unquote(text) or iri


@functools.lru_cache(maxsize=1)
def _ontology_subjects() -> frozenset[Node]:
    """The resources the ontology says anything about (the others have no name there: no look-up)."""
    return frozenset(ontology_graph().subjects(unique=True))


@functools.lru_cache(maxsize=4096)
def _ontology_text(node: Node, lang: str, props: tuple[URIRef, ...]) -> str | None:
    """``node``'s words in the ontology (immutable, shared: read once per term and language)."""
    return label((ontology_graph(),), node, lang, props)


class Labeller:
    """Names nodes of one graph (the working graph) in one language, with a cache."""

    def __init__(self, graph: Graph, lang: str = "fr") -> None:
        self.graph = graph
        self.lang = lang
        self._cache: dict[Node, str] = {}

    def _text(self, node: Node, *props: URIRef) -> str | None:
        # The data first, then the ontology: what label() over (data, ontology) gives, the ontology's part cached.
        found = label((self.graph,), node, self.lang, props)
        if found is None and node in _ontology_subjects():
            found = _ontology_text(node, self.lang, props)
        return found

    def __call__(self, node: Node | None) -> str:
        if node is None:
            return ""
        if node not in self._cache:
            self._cache[node] = self._label(node)
        return self._cache[node]

    def _label(self, node: Node) -> str:
        if isinstance(node, Literal):
            if node.datatype is not None and str(node.datatype).endswith("#boolean"):
                yes = str(node).strip().lower() in ("true", "1")
                return ("oui" if yes else "non") if self.lang == "fr" else ("yes" if yes else "no")
            return str(node)
        form = legal_form_value(node)
        if form is not None:
            info = legal_form_info(form)
            if info is not None:
                return info.label(self.lang)
        named = self._text(node, SKOS.prefLabel, RDFS.label)
        if named:
            return named
        types = set(self.graph.objects(node, RDF.type))
        area = self._area(types, node)
        if area:
            return area
        if types & set(_LOGICS) or PTCE.CooperationLink in types:
            return self._link(node, types)
        if PTCE.Funding in types:
            return self._funding(node)
        member = self.graph.value(node, ORG.member)
        if member is not None:
            return f"{'adhésion de' if self.lang == 'fr' else 'membership of'} {self(member)}"
        ident = self._text(node, DCTERMS.identifier)
        if ident:
            return ident
        if PTCE.Territory in types:  # not its IRI's last segment (« territory »): words
            return "territoire sans nom" if self.lang == "fr" else "unnamed territory"
        return node_id(self.graph, node) if isinstance(node, BNode) else _local(str(node))

    def _area(self, types: set, node: Node) -> str | None:
        """« Toulouse (31555) », « Occitanie (76) »: an area by its official name, or its code alone."""
        for cls, kind in AREA_CLASSES.items():
            if cls in types:
                code = self.graph.value(node, PTCE.siren if kind == "epci" else PTCE.inseeCode)
                if code is None:
                    return None
                found = geography().area(kind, str(code))
                if found is not None:
                    return found.label(self.lang)
                return f"{_AREA_WORDS[kind][0 if self.lang == 'fr' else 1]} {code}"
        return None

    def _link(self, node: Node, types: set) -> str:
        logic = next((self._text(c, RDFS.label) for c in _LOGICS if c in types), None)
        if logic is None:
            logic = "lien" if self.lang == "fr" else "link"
        ends = [self.graph.value(node, PTCE.sourceActor), self.graph.value(node, PTCE.targetActor)]
        names = [self(e) if e is not None else "?" for e in ends]
        return f"{logic} {names[0]} – {names[1]}"

    def _funding(self, node: Node) -> str:
        programme = self.graph.value(node, PTCE.programme)
        what = (self(programme) if programme is not None else self._text(node, PTCE.programmeLabel)) or (
            "financement" if self.lang == "fr" else "funding"
        )
        year = self.graph.value(node, PTCE.year)
        return f"{what} ({str(year)[:4]})" if year is not None else what
