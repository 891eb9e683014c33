"""HTML documentation of the ontology and the shapes, generated from the files themselves.

``ptce docs -o DIR`` writes ``DIR/index.html`` in French and
``DIR/index.en.html`` in English (:data:`PAGES`), each linking the other: two
self-contained pages (no script, no CDN, no network) with an anchor for every
term, the same anchors in both, each heading once in its page's language (a
text missing in that language shows in the other, marked so):

* the ontology modules (title, version IRI, licence, description);
* classes as a hierarchy, then each class (definition, superclasses and
  class expressions, subclasses, properties whose domain or range it is);
* object, datatype and annotation properties (domain, range, characteristics);
* SKOS schemes (relation kinds, funding kinds, the référentiel, the typology,
  legal forms with their INSEE codes and ESS implication, clause kinds) as
  concept trees;
* the legal definitions with their verbatim text and their clauses (the
  words each clause encodes and its operational rule);
* the sources cited; the SHACL shapes (targets, property constraints,
  messages, SPARQL constraints) of every ``shapes/*.ttl`` file;
* the namespaces and the JSON-LD context.

The source files are copied beside it (``DIR/files/``) and linked.  Every
value is escaped (Jinja2 autoescaping); only ``http(s)`` IRIs become links.
The output is deterministic: the same files give the same bytes.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import rdflib
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SH, SKOS

from ptce_graph.errors import InputError
from ptce_graph.io.atomic import output_path, write_bytes_atomic
from ptce_graph.io.bnodes import relabel_bnodes
from ptce_graph.io.rdf import parse_rdf
from ptce_graph.legal.spec.definitions import clause_order
from ptce_graph.namespaces import PREFIXES, PTCE
from ptce_graph.resources import ONTOLOGY_FILES, ontology_dir, ontology_graph, read_bytes, shape_files
from ptce_graph.version import __version__

# jinja2 is imported when the page is rendered: only `ptce docs` and `ptce serve` need it.
__all__ = ["build_docs", "DocsResult", "PAGES", "language_view", "render_docs", "packaged_docs", "shapes_file_key"]

#: The documentation page of each language, in the output folder.
PAGES: dict[str, str] = {"fr": "index.html", "en": "index.en.html"}

_OURS = "https://w3id.org/ptce/"
_PROV_REVISION = URIRef("http://www.w3.org/ns/prov#wasRevisionOf")
_DEFINITION_PROPS = (SKOS.definition, RDFS.comment, DCTERMS.description)
_EXTRA_PREFIXES = {"vann": "http://purl.org/vocab/vann/", "dcat": "http://www.w3.org/ns/dcat#"}
_CHARACTERISTICS = {
    OWL.FunctionalProperty: ("fonctionnelle", "functional"),
    OWL.InverseFunctionalProperty: ("fonctionnelle inverse", "inverse functional"),
    OWL.TransitiveProperty: ("transitive", "transitive"),
    OWL.SymmetricProperty: ("symétrique", "symmetric"),
    OWL.AsymmetricProperty: ("asymétrique", "asymmetric"),
    OWL.ReflexiveProperty: ("réflexive", "reflexive"),
    OWL.IrreflexiveProperty: ("irréflexive", "irreflexive"),
}
_ESS_CLASSES = ("StatutoryESSForm", "ConditionalESSForm", "NonESSForm")

#: Headings of the facts and notes, in French and English.
HEADINGS: dict[str, tuple[str, str]] = {
    "superclasses": ("sous-classe de", "subclass of"),
    "subclasses": ("sous-classes", "subclasses"),
    "equivalent": ("classe équivalente", "equivalent class"),
    "oneOf": ("énumération", "one of"),
    "disjoint": ("disjointe de", "disjoint with"),
    "domainOf": ("domaine de", "domain of"),
    "rangeOf": ("portée de", "range of"),
    "instances": ("instances", "instances"),
    "domain": ("domaine", "domain"),
    "range": ("portée", "range"),
    "subPropertyOf": ("sous-propriété de", "subproperty of"),
    "inverseOf": ("inverse de", "inverse of"),
    "characteristics": ("caractéristiques", "characteristics"),
    "source": ("source", "source"),
    "notation": ("notation (code)", "notation (code)"),
    "type": ("type", "type"),
    "ess": ("statut ESS", "ESS status"),
    "legalPersonality": ("personnalité juridique", "legal personality"),
    "exactMatch": ("correspondance exacte", "exact match"),
    "closeMatch": ("correspondance proche", "close match"),
    "relatedMatch": ("correspondance liée", "related match"),
    "size": ("concepts", "concepts"),
    "definitionId": ("identifiant", "id"),
    "date": ("date", "date"),
    "article": ("article", "article"),
    "inForce": ("en vigueur", "in force"),
    "legifranceId": ("Légifrance", "Légifrance"),
    "nor": ("NOR", "NOR"),
    "eli": ("ELI", "ELI"),
    "legalStatus": ("statut", "status"),
    "revises": ("révise", "revises"),
    "clauseId": ("clause", "clause"),
    "clauseKind": ("type de clause", "clause kind"),
    "citation": ("citation", "citation"),
    "identifier": ("identifiant", "identifier"),
    "seeAlso": ("voir aussi", "see also"),
    "isPartOf": ("partie de", "part of"),
    "targetClass": ("cible : classe", "target class"),
    "targetNode": ("cible : nœud", "target node"),
    "targetSubjectsOf": ("cible : sujets de", "target subjects of"),
    "targetObjectsOf": ("cible : objets de", "target objects of"),
    "path": ("chemin", "path"),
    "constraints": ("contraintes", "constraints"),
    "select": ("requête SPARQL", "SPARQL query"),
    "scope": ("note d'application", "scope note"),
    "note": ("note", "note"),
    "example": ("exemple", "example"),
    "altLabel": ("autres libellés", "other labels"),
    "message": ("message", "message"),
}


@dataclass
class Text:
    """A text in French and English (either may be missing; ``plain`` has no language)."""

    fr: list[str] = field(default_factory=list)
    en: list[str] = field(default_factory=list)
    plain: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.fr or self.en or self.plain)

    @property
    def first_fr(self) -> str:
        return (self.fr or self.plain or self.en or [""])[0]

    @property
    def first_en(self) -> str:
        return (self.en or self.plain or self.fr or [""])[0]


@dataclass
class Ref:
    """A link to a term: to its anchor when documented here, else to its IRI."""

    iri: str
    label: str
    href: str | None
    internal: bool


@dataclass
class Entry:
    """One documented resource."""

    iri: str
    anchor: str
    curie: str
    label: Text
    definition: Text
    notes: list[tuple[str, Text]] = field(default_factory=list)  # (heading key, text)
    facts: list[tuple[str, list[Any]]] = field(
        default_factory=list
    )  # (heading key, values: Ref | str | Text)
    children: list[Entry] = field(default_factory=list)


def _texts(graph: Graph, node: rdflib.term.Node, props: Iterable[URIRef]) -> Text:
    out = Text()
    for prop in props:
        for value in graph.objects(node, prop):
            if not isinstance(value, Literal):
                continue
            lang = (value.language or "").lower()
            bucket = out.fr if lang.startswith("fr") else out.en if lang.startswith("en") else out.plain
            if str(value) not in bucket:
                bucket.append(str(value))
        if out:
            break
    out.fr.sort()
    out.en.sort()
    out.plain.sort()
    return out


class _Site:
    """The documented graphs, anchors and links."""

    def __init__(self, onto: Graph, shapes: Sequence[tuple[str, Graph]]) -> None:
        self.onto = onto
        self.shapes = shapes
        self.all = Graph(bind_namespaces="none")
        for t in onto:
            self.all.add(t)
        for _, g in shapes:
            for t in g:
                self.all.add(t)
        known = {**PREFIXES, **_EXTRA_PREFIXES}
        for _, g in shapes:  # the shapes files' own prefixes, where they do not clash with ours
            for prefix, ns in sorted(g.namespaces()):
                if prefix and prefix not in known and str(ns) not in known.values():
                    known[prefix] = str(ns)
        self.prefixes = sorted(known.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        self.anchors: dict[str, str] = {}
        self._used_anchors: set[str] = set()

    def curie(self, iri: str) -> str:
        for prefix, ns in self.prefixes:
            if iri.startswith(ns) and len(iri) > len(ns):
                return f"{prefix}:{iri[len(ns) :]}"
        return iri

    def register(self, iri: str) -> str:
        if iri in self.anchors:
            return self.anchors[iri]
        base = re.sub(r"[^A-Za-z0-9_-]+", "-", self.curie(iri).replace(":", "-")).strip("-") or "term"
        anchor = base
        if anchor in self._used_anchors:
            anchor = f"{base}-{hashlib.sha256(iri.encode()).hexdigest()[:8]}"
        self._used_anchors.add(anchor)
        self.anchors[iri] = anchor
        return anchor

    def label(self, node: rdflib.term.Node) -> Text:
        return _texts(self.all, node, (SKOS.prefLabel, RDFS.label, SH.name, DCTERMS.title))

    def ref(self, node: rdflib.term.Node) -> Ref | str:
        if isinstance(node, Literal):
            return str(node)
        if isinstance(node, BNode):
            return self.expression(node)
        iri = str(node)
        label = self.curie(iri)
        if iri in self.anchors:
            return Ref(iri, label, "#" + self.anchors[iri], True)
        return Ref(iri, label, iri if iri.startswith(("http://", "https://")) else None, False)

    def expression(self, node: rdflib.term.Node, depth: int = 0) -> str:
        """A class expression in a Manchester-like text."""
        g = self.all
        if not isinstance(node, BNode):
            return self.curie(str(node))
        if depth > 8:
            return "…"

        def sub(n: rdflib.term.Node) -> str:
            return self.expression(n, depth + 1)

        for op, word in ((OWL.intersectionOf, " and "), (OWL.unionOf, " or ")):
            members = g.value(node, op)
            if members is not None:
                return "(" + word.join(sub(m) for m in rdflib.collection.Collection(g, members)) + ")"
        members = g.value(node, OWL.oneOf)
        if members is not None:
            return "{" + ", ".join(sub(m) for m in rdflib.collection.Collection(g, members)) + "}"
        comp = g.value(node, OWL.complementOf)
        if comp is not None:
            return "not " + sub(comp)
        prop = g.value(node, OWL.onProperty)
        if prop is not None:
            p = self.curie(str(prop))
            for pred, word in ((OWL.someValuesFrom, "some"), (OWL.allValuesFrom, "only")):
                target = g.value(node, pred)
                if target is not None:
                    return f"{p} {word} {sub(target)}"
            value = g.value(node, OWL.hasValue)
            if value is not None:
                return (
                    f"{p} value {self.curie(str(value)) if isinstance(value, URIRef) else repr(str(value))}"
                )
            for pred, word in (
                (OWL.minQualifiedCardinality, "min"),
                (OWL.maxQualifiedCardinality, "max"),
                (OWL.qualifiedCardinality, "exactly"),
                (OWL.minCardinality, "min"),
                (OWL.maxCardinality, "max"),
                (OWL.cardinality, "exactly"),
            ):
                n = g.value(node, pred)
                if n is not None:
                    on = g.value(node, OWL.onClass) or g.value(node, OWL.onDataRange)
                    return f"{p} {word} {n}" + (f" {sub(on)}" if on is not None else "")
        return "(expression anonyme · anonymous expression)"


def _sorted_iris(nodes: Iterable[rdflib.term.Node]) -> list[URIRef]:
    return sorted({n for n in nodes if isinstance(n, URIRef)}, key=str)


def _ours(node: rdflib.term.Node) -> bool:
    return isinstance(node, URIRef) and str(node).startswith(_OURS)


def _notes(site: _Site, node: rdflib.term.Node) -> list[tuple[str, Text]]:
    out = []
    for key, prop in (
        ("scope", SKOS.scopeNote),
        ("note", SKOS.note),
        ("example", SKOS.example),
        ("altLabel", SKOS.altLabel),
    ):
        text = _texts(site.all, node, (prop,))
        if text:
            out.append((key, text))
    return out


def _entry(site: _Site, node: URIRef, facts: list[tuple[str, list[Any]]] | None = None) -> Entry:
    g = site.all
    facts = list(facts or [])
    sources = [site.ref(s) for s in _sorted_iris(g.objects(node, DCTERMS.source))]
    if sources:
        facts.append(("source", sources))
    return Entry(
        iri=str(node),
        anchor=site.register(str(node)),
        curie=site.curie(str(node)),
        label=site.label(node),
        definition=_texts(g, node, _DEFINITION_PROPS),
        notes=_notes(site, node),
        facts=facts,
    )


def _modules(site: _Site) -> list[dict[str, Any]]:
    g = site.onto
    out = []
    for onto in _sorted_iris(g.subjects(RDF.type, OWL.Ontology)):
        version = g.value(onto, OWL.versionIRI)
        out.append(
            {
                "iri": str(onto),
                "title": _texts(g, onto, (DCTERMS.title, RDFS.label)),
                "description": _texts(g, onto, (DCTERMS.description, RDFS.comment)),
                "version": str(g.value(onto, OWL.versionInfo) or ""),
                "version_iri": str(version or ""),
                "license": site.ref(g.value(onto, DCTERMS.license))  # type: ignore[arg-type]
                if g.value(onto, DCTERMS.license)
                else None,
                "modified": str(g.value(onto, DCTERMS.modified) or ""),
                "prefix": str(
                    g.value(onto, URIRef("http://purl.org/vocab/vann/preferredNamespacePrefix")) or ""
                ),
            }
        )
    return out


def _class_section(site: _Site) -> tuple[list[Entry], list[dict[str, Any]]]:
    g = site.all
    classes = [c for c in _sorted_iris(g.subjects(RDF.type, OWL.Class)) if _ours(c)]
    classes += [c for c in _sorted_iris(g.subjects(RDF.type, RDFS.Class)) if _ours(c) and c not in classes]
    classes.sort(key=str)
    known = set(classes)
    for c in classes:
        site.register(str(c))
    domains: dict[rdflib.term.Node, list] = defaultdict(list)
    ranges: dict[rdflib.term.Node, list] = defaultdict(list)
    for p, d in g.subject_objects(RDFS.domain):
        domains[d].append(p)
    for p, r in g.subject_objects(RDFS.range):
        ranges[r].append(p)
    entries = []
    for c in classes:
        supers = sorted(g.objects(c, RDFS.subClassOf), key=lambda n: (isinstance(n, BNode), str(n)))
        subs = _sorted_iris(g.subjects(RDFS.subClassOf, c))
        facts: list[tuple[str, list[Any]]] = []
        if supers:
            facts.append(("superclasses", [site.ref(s) for s in supers]))
        if subs:
            facts.append(("subclasses", [site.ref(s) for s in subs]))
        equivalent = sorted(g.objects(c, OWL.equivalentClass), key=str)
        if equivalent:
            facts.append(("equivalent", [site.ref(e) for e in equivalent]))
        one_of = g.value(c, OWL.oneOf)
        if one_of is not None:
            facts.append(("oneOf", [site.ref(m) for m in rdflib.collection.Collection(g, one_of)]))
        disjoint = _sorted_iris(g.objects(c, OWL.disjointWith)) + _sorted_iris(
            g.subjects(OWL.disjointWith, c)
        )
        if disjoint:
            facts.append(("disjoint", [site.ref(d) for d in sorted(set(disjoint), key=str)]))
        if domains.get(c):
            facts.append(("domainOf", [site.ref(p) for p in _sorted_iris(domains[c])]))
        if ranges.get(c):
            facts.append(("rangeOf", [site.ref(p) for p in _sorted_iris(ranges[c])]))
        instances = [i for i in _sorted_iris(g.subjects(RDF.type, c)) if _ours(i)]
        if instances:
            facts.append(("instances", [site.ref(i) for i in instances]))
        entries.append(_entry(site, c, facts))

    # Hierarchy: our classes under their (our) superclasses.
    parents: dict[URIRef, list[URIRef]] = {
        c: [s for s in _sorted_iris(g.objects(c, RDFS.subClassOf)) if s in known] for c in classes
    }
    children: dict[URIRef, list[URIRef]] = defaultdict(list)
    for c, ps in parents.items():
        for p in ps:
            children[p].append(c)

    def tree(node: URIRef, seen: frozenset[URIRef]) -> dict[str, Any]:
        kids = [tree(k, seen | {node}) for k in sorted(children.get(node, ()), key=str) if k not in seen]
        return {"ref": site.ref(node), "children": kids}

    roots = [c for c in classes if not parents[c]]
    return entries, [tree(r, frozenset()) for r in roots]


def _property_sections(site: _Site) -> dict[str, list[Entry]]:
    g = site.all
    kinds = (
        ("object", OWL.ObjectProperty),
        ("datatype", OWL.DatatypeProperty),
        ("annotation", OWL.AnnotationProperty),
        ("rdf", RDF.Property),
    )
    chosen: dict[str, list[URIRef]] = {}
    seen: set[URIRef] = set()
    for key, cls in kinds:
        chosen[key] = [p for p in _sorted_iris(g.subjects(RDF.type, cls)) if _ours(p) and p not in seen]
        seen.update(chosen[key])
    for props in chosen.values():
        for p in props:
            site.register(str(p))
    out: dict[str, list[Entry]] = {}
    for key, props in chosen.items():
        out[key] = []
        for p in props:
            facts: list[tuple[str, list[Any]]] = []
            for fact, pred in (
                ("domain", RDFS.domain),
                ("range", RDFS.range),
                ("subPropertyOf", RDFS.subPropertyOf),
                ("inverseOf", OWL.inverseOf),
            ):
                values = sorted(g.objects(p, pred), key=lambda n: (isinstance(n, BNode), str(n)))
                if values:
                    facts.append((fact, [site.ref(v) for v in values]))
            inverse_of_this = _sorted_iris(g.subjects(OWL.inverseOf, p))
            if inverse_of_this:
                facts.append(("inverseOf", [site.ref(v) for v in inverse_of_this]))
            chars = [c for c in _CHARACTERISTICS if (p, RDF.type, c) in g]
            if chars:
                facts.append(
                    (
                        "characteristics",
                        [Text(fr=[_CHARACTERISTICS[c][0]], en=[_CHARACTERISTICS[c][1]]) for c in chars],
                    )
                )
            out[key].append(_entry(site, p, facts))
    return out


def _concept_entry(site: _Site, concept: URIRef, scheme: URIRef, seen: set[URIRef]) -> Entry:
    g = site.all
    facts: list[tuple[str, list[Any]]] = []
    notations = sorted(str(n) for n in g.objects(concept, SKOS.notation))
    if notations:
        facts.append(("notation", notations))
    types = [
        t for t in _sorted_iris(g.objects(concept, RDF.type)) if t not in (OWL.NamedIndividual, SKOS.Concept)
    ]
    if types:
        facts.append(("type", [site.ref(t) for t in types]))
    ess = [t for t in types if str(t).rsplit("#", 1)[-1] in _ESS_CLASSES]
    if ess:
        facts.append(("ess", [site.ref(t) for t in ess]))
    personality = _sorted_iris(g.objects(concept, PTCE.legalPersonality))
    if personality:
        facts.append(("legalPersonality", [site.ref(x) for x in personality]))
    for key, prop in (
        ("exactMatch", SKOS.exactMatch),
        ("closeMatch", SKOS.closeMatch),
        ("relatedMatch", SKOS.relatedMatch),
    ):
        values = _sorted_iris(g.objects(concept, prop))
        if values:
            facts.append((key, [site.ref(v) for v in values]))
    entry = _entry(site, concept, facts)
    seen.add(concept)
    narrower = set(g.subjects(SKOS.broader, concept)) | set(g.objects(concept, SKOS.narrower))
    for child in _sorted_iris(narrower):
        if child not in seen and (child, SKOS.inScheme, scheme) in g:
            entry.children.append(_concept_entry(site, child, scheme, seen))
    return entry


def _schemes(site: _Site) -> list[Entry]:
    g = site.all
    schemes = _sorted_iris(g.subjects(RDF.type, SKOS.ConceptScheme))
    for s in schemes:
        site.register(str(s))
        for c in _sorted_iris(g.subjects(SKOS.inScheme, s)):
            site.register(str(c))
    out = []
    for s in schemes:
        members = set(_sorted_iris(g.subjects(SKOS.inScheme, s)))
        tops = set(_sorted_iris(g.objects(s, SKOS.hasTopConcept))) | set(
            _sorted_iris(g.subjects(SKOS.topConceptOf, s))
        )
        tops |= {m for m in members if not any((m, SKOS.broader, b) in g and b in members for b in members)}
        entry = _entry(site, s, [("size", [str(len(members | tops))])])
        seen: set[URIRef] = set()
        for top in sorted(tops, key=lambda c: (_sort_notation(g, c), str(c))):
            if top not in seen:
                entry.children.append(_concept_entry(site, top, s, seen))
        for rest in sorted(members - seen, key=str):
            entry.children.append(_concept_entry(site, rest, s, seen))
        out.append(entry)
    return out


def _sort_notation(g: Graph, concept: URIRef) -> str:
    notation = g.value(concept, SKOS.notation)
    return "" if notation is None else str(notation).zfill(8)


def _definitions(site: _Site) -> list[dict[str, Any]]:
    g = site.all
    out = []
    defs = _sorted_iris(g.subjects(RDF.type, PTCE.LegalDefinition))
    for d in defs:
        site.register(str(d))
        for c in _sorted_iris(g.objects(d, PTCE.hasClause)):
            site.register(str(c))
    for d in sorted(defs, key=lambda n: (str(g.value(n, DCTERMS.date) or ""), str(n))):
        facts: list[tuple[str, list[Any]]] = []
        for key, prop in (
            ("definitionId", PTCE.definitionId),
            ("date", DCTERMS.date),
            ("article", PTCE.article),
            ("inForce", PTCE.inForce),
            ("legifranceId", PTCE.legifranceId),
            ("nor", PTCE.nor),
            ("eli", PTCE.eli),
        ):
            values = sorted(str(v) for v in g.objects(d, prop))
            if values:
                facts.append((key, values))
        status = _texts(g, d, (PTCE.legalStatus,))
        if status:
            facts.append(("legalStatus", [status]))
        revises = _sorted_iris(g.objects(d, _PROV_REVISION))
        if revises:
            facts.append(("revises", [site.ref(r) for r in revises]))
        entry = _entry(site, d, facts)
        clauses = []
        for node in sorted(g.objects(d, PTCE.hasClause), key=lambda n: (_clause_order(g, n), str(n))):
            if not isinstance(node, URIRef):
                continue
            clause: URIRef = node
            cfacts: list[tuple[str, list[Any]]] = []
            clause_id = g.value(clause, PTCE.clauseId)
            if clause_id is not None:
                cfacts.append(("clauseId", [str(clause_id)]))
            kind = g.value(clause, PTCE.clauseKind)
            if kind is not None:
                cfacts.append(("clauseKind", [site.ref(kind)]))
            clause_entry = _entry(site, clause, cfacts)
            clauses.append(
                {
                    "entry": clause_entry,
                    "words": _texts(g, clause, (PTCE.sourceWords,)),
                    "rule": _texts(g, clause, (PTCE.rule,)),
                }
            )
        out.append({"entry": entry, "text": _texts(g, d, (PTCE.sourceText,)), "clauses": clauses})
    return out




def _clause_order(g: Graph, clause: rdflib.term.Node) -> tuple[int, str]:
    clause_id = str(g.value(clause, PTCE.clauseId) or "")
    order = clause_order()
    return (order.index(clause_id) if clause_id in order else len(order), clause_id)


def _sources(site: _Site) -> list[Entry]:
    g = site.all
    srcs = [s for s in _sorted_iris(g.subjects(RDF.type, DCTERMS.BibliographicResource)) if _ours(s)]
    for s in srcs:
        site.register(str(s))
    out = []
    for s in srcs:
        facts: list[tuple[str, list[Any]]] = []
        for key, prop in (
            ("date", DCTERMS.date),
            ("citation", DCTERMS.bibliographicCitation),
            ("identifier", DCTERMS.identifier),
        ):
            values = sorted(str(v) for v in g.objects(s, prop))
            if values:
                facts.append((key, values))
        links = _sorted_iris(
            list(g.objects(s, RDFS.seeAlso))
            + list(g.objects(s, URIRef("https://schema.org/url")))
            + list(g.objects(s, URIRef("http://xmlns.com/foaf/0.1/page")))
        )
        if links:
            facts.append(("seeAlso", [site.ref(x) for x in links]))
        part_of = _sorted_iris(g.objects(s, DCTERMS.isPartOf))
        if part_of:
            facts.append(("isPartOf", [site.ref(x) for x in part_of]))
        out.append(_entry(site, s, facts))
    return out


def _register_all(site: _Site) -> list[URIRef]:
    """Give every documented term its anchor before any entry links to it.

    Returns the named individuals documented in the "individuals" section
    (those no other section documents).
    """
    g = site.all
    for cls in (OWL.Class, RDFS.Class):
        for c in _sorted_iris(g.subjects(RDF.type, cls)):
            if _ours(c):
                site.register(str(c))
    for cls in (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, RDF.Property):
        for p in _sorted_iris(g.subjects(RDF.type, cls)):
            if _ours(p):
                site.register(str(p))
    for scheme in _sorted_iris(g.subjects(RDF.type, SKOS.ConceptScheme)):
        site.register(str(scheme))
        for c in _sorted_iris(
            list(g.subjects(SKOS.inScheme, scheme)) + list(g.objects(scheme, SKOS.hasTopConcept))
        ):
            site.register(str(c))
    for d in _sorted_iris(g.subjects(RDF.type, PTCE.LegalDefinition)):
        site.register(str(d))
        for c in _sorted_iris(g.objects(d, PTCE.hasClause)):
            site.register(str(c))
    for src in _sorted_iris(g.subjects(RDF.type, DCTERMS.BibliographicResource)):
        if _ours(src):
            site.register(str(src))
    individuals = [
        i
        for i in _sorted_iris(g.subjects(RDF.type, OWL.NamedIndividual))
        if _ours(i) and str(i) not in site.anchors
    ]
    for i in individuals:
        site.register(str(i))
    return individuals


def _individuals(site: _Site, individuals: list[URIRef]) -> list[Entry]:
    g = site.all
    out = []
    for i in individuals:
        types = [t for t in _sorted_iris(g.objects(i, RDF.type)) if t != OWL.NamedIndividual]
        out.append(_entry(site, i, [("type", [site.ref(t) for t in types])] if types else []))
    return out


_SHAPE_PARAMS = (
    SH.minCount,
    SH.maxCount,
    SH["class"],
    SH.datatype,
    SH.nodeKind,
    SH.node,
    SH.pattern,
    SH.flags,
    SH.minInclusive,
    SH.maxInclusive,
    SH.minExclusive,
    SH.maxExclusive,
    SH.minLength,
    SH.maxLength,
    SH.hasValue,
    SH["in"],
    SH.languageIn,
    SH.uniqueLang,
    SH.equals,
    SH.disjoint,
    SH.lessThan,
    SH.lessThanOrEquals,
    SH.qualifiedValueShape,
    SH.qualifiedMinCount,
    SH.qualifiedMaxCount,
    SH["not"],
    SH["and"],
    SH["or"],
    SH.xone,
    SH.closed,
    SH.ignoredProperties,
    SH.severity,
    SH.deactivated,
)


def _shape_value(site: _Site, node: rdflib.term.Node) -> Any:
    g = site.all
    if isinstance(node, BNode):
        if (node, RDF.first, None) in g or node == RDF.nil:
            return "(" + ", ".join(_plain(site, m) for m in rdflib.collection.Collection(g, node)) + ")"
        path = _path(site, node)
        if path is not None:
            return path
        if str(node) in site.anchors:
            return Ref(str(node), "[" + _plain(site, node) + "]", "#" + site.anchors[str(node)], True)
        return "[" + _plain(site, node) + "]"
    return site.ref(node)


def _plain(site: _Site, node: rdflib.term.Node) -> str:
    g = site.all
    if isinstance(node, URIRef):
        return site.curie(str(node))
    if isinstance(node, Literal):
        return repr(str(node)) if node.datatype is None and not node.language else str(node)
    path = _path(site, node)
    if path is not None:
        return path
    if (node, RDF.first, None) in g:
        return "(" + ", ".join(_plain(site, m) for m in rdflib.collection.Collection(g, node)) + ")"
    parts = []
    for p, o in sorted(g.predicate_objects(node), key=lambda po: (str(po[0]), str(po[1]))):
        if p in (SH.message, SH.description, SH.name):
            continue
        parts.append(f"{site.curie(str(p))} {_plain(site, o) if not isinstance(o, BNode) else '[…]'}")
    return "; ".join(parts)


def _path(site: _Site, node: rdflib.term.Node, depth: int = 0) -> str | None:
    g = site.all
    if depth > 6:
        return "…"
    if isinstance(node, URIRef):
        return site.curie(str(node))
    if not isinstance(node, BNode):
        return None
    for pred, fmt in (
        (SH.inversePath, "^{}"),
        (SH.zeroOrMorePath, "{}*"),
        (SH.oneOrMorePath, "{}+"),
        (SH.zeroOrOnePath, "{}?"),
    ):
        inner = g.value(node, pred)
        if inner is not None:
            return fmt.format(_path(site, inner, depth + 1))
    alt = g.value(node, SH.alternativePath)
    if alt is not None:
        return (
            "("
            + " | ".join(_path(site, m, depth + 1) or "?" for m in rdflib.collection.Collection(g, alt))
            + ")"
        )
    if (node, RDF.first, None) in g:
        return " / ".join(_path(site, m, depth + 1) or "?" for m in rdflib.collection.Collection(g, node))
    return None


def shapes_file_key(name: str) -> str:
    """The key of a shapes file's section among the page's anchors (``anchors[shapes_file_key("law-2014.ttl")]``):
    where a link to the file's shapes IRI leads a reader."""
    return f"urn:ptce:shapes-file:{name}"


def _shapes_section(site: _Site) -> list[dict[str, Any]]:
    out = []
    for name, sg in site.shapes:
        shapes = sorted(
            {s for s in sg.subjects(RDF.type, SH.NodeShape)}
            | {
                s
                for s in sg.subjects(RDF.type, SH.PropertyShape)
                if not any(True for _ in sg.subjects(SH.property, s))
            },
            key=lambda n: (isinstance(n, BNode), str(n)),
        )
        for s in shapes:
            site.register(str(s))
        header = [o for o in _sorted_iris(sg.subjects(RDF.type, OWL.Ontology))]
        entries = []
        for s in shapes:
            facts: list[tuple[str, list[Any]]] = []
            for key, prop in (
                ("targetClass", SH.targetClass),
                ("targetNode", SH.targetNode),
                ("targetSubjectsOf", SH.targetSubjectsOf),
                ("targetObjectsOf", SH.targetObjectsOf),
            ):
                values = sorted(sg.objects(s, prop), key=str)
                if values:
                    facts.append((key, [site.ref(v) for v in values]))
            path = sg.value(s, SH.path)
            if path is not None:
                facts.append(("path", [_path(site, path) or "?"]))
            params = []
            for prop in _SHAPE_PARAMS:
                for v in sorted(sg.objects(s, prop), key=str):
                    params.append((site.curie(str(prop)), _shape_value(site, v)))
            if params:
                facts.append(
                    ("constraints", [f"{k} {v if isinstance(v, str) else v.label}" for k, v in params])
                )
            entry = _entry(site, s if isinstance(s, URIRef) else URIRef(f"urn:bnode:{s}"), facts)
            entry.label = site.label(s)
            entry.definition = _texts(sg, s, (SH.description, RDFS.comment, SKOS.definition))
            entry.notes = [("message", _texts(sg, s, (SH.message,)))] if _texts(sg, s, (SH.message,)) else []
            for ps in sorted(
                sg.objects(s, SH.property), key=lambda n: _plain(site, sg.value(n, SH.path) or n)
            ):
                entry.children.append(_property_shape(site, sg, ps))
            for sparql in sorted(sg.objects(s, SH.sparql), key=str):
                select = sg.value(sparql, SH.select)
                sparql_iri = str(sparql) if isinstance(sparql, URIRef) else f"urn:bnode:{sparql}"
                child = Entry(
                    iri=sparql_iri,
                    anchor=site.register(sparql_iri),
                    curie="sh:sparql",
                    label=Text(plain=["SPARQL"]),
                    definition=_texts(sg, sparql, (SH.description,)),
                    notes=[("message", _texts(sg, sparql, (SH.message,)))],
                    facts=[("select", [str(select)])] if select is not None else [],
                )
                entry.children.append(child)
            entries.append(entry)
        out.append(
            {
                "file": name,
                "anchor": site.register(shapes_file_key(name)),
                "ontologies": [site.ref(o) for o in header],
                "title": _texts(sg, header[0], (DCTERMS.title, RDFS.label)) if header else Text(),
                "version": str(sg.value(header[0], OWL.versionInfo) or "") if header else "",
                "shapes": entries,
            }
        )
    return out


def _property_shape(site: _Site, sg: Graph, ps: rdflib.term.Node) -> Entry:
    path = sg.value(ps, SH.path)
    facts: list[tuple[str, list[Any]]] = []
    params = []
    for prop in _SHAPE_PARAMS:
        for v in sorted(sg.objects(ps, prop), key=str):
            value = _shape_value(site, v)
            params.append(f"{site.curie(str(prop))} {value if isinstance(value, str) else value.label}")
    if params:
        facts.append(("constraints", params))
    iri = (
        str(ps)
        if isinstance(ps, URIRef)
        else f"urn:bnode:{hashlib.sha256(_plain(site, ps).encode()).hexdigest()[:12]}"
    )
    entry = Entry(
        iri=iri,
        anchor=site.register(iri),
        curie=(_path(site, path) if path is not None else None) or "?",
        label=site.label(ps),
        definition=_texts(sg, ps, (SH.description, RDFS.comment)),
        notes=[("message", _texts(sg, ps, (SH.message,)))] if _texts(sg, ps, (SH.message,)) else [],
        facts=facts,
    )
    return entry


def language_view(graph: Graph, lang: str) -> Graph:
    """A copy of ``graph`` without the literals tagged in another language than ``lang``.

    For documentation tools that print every label and title they find, in
    whatever language, one after the other: pyLODE 3 has no language option
    and runs ``"pôle"@fr`` and ``"pole"@en`` together in a heading.  Given one
    view per language it writes one clean page per language.  Untagged literals
    (notations, dates) are kept; ``graph`` is not modified.
    """
    view = Graph()
    for prefix, namespace in graph.namespaces():
        view.bind(prefix, namespace, override=True)
    for s, p, o in graph:
        if isinstance(o, Literal) and o.language and o.language.split("-")[0].lower() != lang:
            continue
        view.add((s, p, o))
    return view


def render_docs(onto: Graph, shapes: Sequence[tuple[str, Graph]] = (), *, files: Sequence[str] = (),
                lang: str = "fr", other: str | None = None, anchors: dict[str, str] | None = None) -> str:
    """The HTML page documenting ``onto`` and the named shapes graphs, in ``lang`` (``fr`` or ``en``).

    The page links the other language's page at ``other`` (default: its name
    in :data:`PAGES`, beside this one).  ``anchors``, when given, receives the
    anchor of every documented IRI (a server redirects a term's IRI to
    ``page#anchor``); they are the same in both languages.
    """
    import jinja2

    if lang not in PAGES:
        raise ValueError(f"unknown language {lang!r}; expected one of {', '.join(PAGES)}")

    # Blank nodes labelled from their content, so that anchors of anonymous shapes are stable.
    site = _Site(relabel_bnodes(onto), [(name, relabel_bnodes(g)) for name, g in shapes])
    lone_individuals = _register_all(site)
    modules = _modules(site)
    schemes = _schemes(site)
    definitions = _definitions(site)
    sources = _sources(site)
    classes, tree = _class_section(site)
    properties = _property_sections(site)
    individuals = _individuals(site, lone_individuals)
    shape_files = _shapes_section(site)
    env = jinja2.Environment(
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    template = env.from_string(read_bytes("templates", "ontology-docs.html.j2").decode("utf-8"))
    if anchors is not None:
        anchors.update(site.anchors)
    return template.render(
        version=__version__,
        modules=modules,
        classes=classes,
        tree=tree,
        properties=properties,
        schemes=schemes,
        definitions=definitions,
        sources=sources,
        individuals=individuals,
        shape_files=shape_files,
        prefixes=sorted({**PREFIXES, **_EXTRA_PREFIXES}.items()),
        files=list(files),
        H=HEADINGS,
        lang=lang,
        other_page=other if other is not None else PAGES["en" if lang == "fr" else "fr"],
    )


@dataclass(frozen=True)
class DocsResult:
    """The files written by :func:`build_docs`."""

    index: Path
    files: tuple[Path, ...]


def _parse_shapes_file(path: Path) -> Graph:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read the shapes file ({exc.strerror})", source=str(path)) from None
    return parse_rdf(data, format="turtle", source=str(path), vocabulary=True)


def _packaged_sources(include_shapes: bool) -> tuple[dict[str, bytes], list[tuple[str, Graph]]]:
    """The packaged files the documentation links (ontology, context, shapes) and the shapes graphs."""

    files: dict[str, bytes] = {}
    shape_graphs: list[tuple[str, Graph]] = []
    for name in ONTOLOGY_FILES:
        if ontology_dir().joinpath(name).is_file():
            files[name] = read_bytes("ontology", name)
    try:
        files["context.jsonld"] = read_bytes("ontology", "context.jsonld")
    except FileNotFoundError:
        pass
    if include_shapes:
        for name in shape_files():
            data = read_bytes("shapes", name)
            shape_graphs.append((name, parse_rdf(data, format="turtle", source=f"shapes/{name}", vocabulary=True)))
            files[name] = data
    return files, shape_graphs


def packaged_docs(*, lang: str = "fr", other: str | None = None,
                  anchors: dict[str, str] | None = None) -> tuple[str, dict[str, bytes]]:
    """The documentation page of the packaged ontology and shapes in ``lang``, and the files it links
    (name → bytes).

    What ``ptce docs`` writes, in memory: a server serves the page and, beside
    it under ``files/``, the files.  ``other`` is where the page in the other
    language is (:func:`render_docs`); ``anchors`` receives each term's anchor.
    """

    files, shape_graphs = _packaged_sources(True)
    html = render_docs(ontology_graph(), shape_graphs, files=sorted(files), lang=lang, other=other, anchors=anchors)
    return html, files


def _is_docs_folder(folder: Path) -> bool:
    """A previous output of :func:`build_docs`: ``index.html`` written by ptce_graph and ``files/``."""
    try:
        head = (folder / "index.html").read_bytes()[:4096]
    except OSError:
        return False
    names = {entry.name for entry in folder.iterdir()}
    return b'<meta name="generator" content="ptce_graph' in head and names <= {*PAGES.values(), "files"}


def build_docs(
    output: str | os.PathLike[str],
    *,
    shapes: Sequence[str | os.PathLike[str]] | None = None,
    include_packaged_shapes: bool = True,
) -> DocsResult:
    """Write ``output/index.html`` (French), ``output/index.en.html`` (English) and ``output/files/*``.

    The packaged ``shapes/*.ttl`` are documented (unless
    ``include_packaged_shapes=False``), plus the files of ``shapes``.  Nothing
    is fetched.  The folder is created if needed; it must be new, empty or a
    previous output of :func:`build_docs` (its files are then replaced
    atomically, one by one).
    """

    out = output_path(output, folder=True, replaces=_is_docs_folder, previous="ptce docs folder")
    out.mkdir(exist_ok=True)
    (out / "files").mkdir(exist_ok=True)
    files, shape_graphs = _packaged_sources(include_packaged_shapes)
    for extra in shapes or ():
        path = Path(extra)
        name = path.name
        if any(name == n for n, _ in shape_graphs):
            name = f"{path.stem}-{hashlib.sha256(str(path).encode()).hexdigest()[:6]}{path.suffix}"
        shape_graphs.append((name, _parse_shapes_file(path)))
        files[name] = path.read_bytes()
    written: list[Path] = []
    for name, data in files.items():
        target = out / "files" / name
        write_bytes_atomic(target, data)
        written.append(target)
    pages = []
    for lang, name in PAGES.items():
        html = render_docs(ontology_graph(), shape_graphs, files=sorted(files), lang=lang)
        write_bytes_atomic(out / name, html.encode("utf-8"))
        pages.append(out / name)
    return DocsResult(pages[0], tuple([*pages, *written]))
