"""Generate ``ontology/context.jsonld``, ptce_graph's JSON-LD context, from the ontology.

Run ``python -m ptce_graph._context_gen`` after editing ``ontology/``.  A test
regenerates the context and fails on any difference.

The context gives short, readable keys:

* ``id`` and ``type`` alias ``@id`` and ``@type``;
* every term of the PTCE ontology by its local name (``Pole``, ``territory``,
  ``Member``...); object properties take IRIs, vocabulary-relative, so that
  ``"relation": "Member"`` means ``ptce:Member``; datatype properties with one
  XSD range other than ``xsd:string`` are coerced to it (``"amount": "1200.50"``);
* a fixed list of terms of the vocabularies ptce_graph writes (labels, Dublin
  Core, ORG, SKOS, PROV, DCAT, VoID, SPDX), listed in :data:`EXTERNAL_TERMS`;
* the prefixes of :data:`ptce_graph.namespaces.PREFIXES` and a few more.

The context uses JSON-LD 1.0 features only (every processor reads it) and has
no ``@vocab``: an unknown key is not silently turned into a PTCE property.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import rdflib
from rdflib import URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD

from ptce_graph.namespaces import PREFIXES
from ptce_graph.resources import ONTOLOGY_FILES, ontology_dir

__all__ = ["build_context", "render", "EXTRA_PREFIXES", "EXTERNAL_TERMS"]

PTCE_NS = "https://w3id.org/ptce/ns#"

#: Prefixes beyond the Turtle ones, for vocabularies of dataset metadata.
EXTRA_PREFIXES: dict[str, str] = {
    "vann": "http://purl.org/vocab/vann/",
    "spdx": "http://spdx.org/rdf/terms#",
}

_ID = "@id"
_VOCAB = "@vocab"

#: term -> (compact IRI, coercion or None).  Coercion: "@id" for IRIs of
#: resources, "@vocab" for IRIs that are classes or concepts, or an XSD datatype.
EXTERNAL_TERMS: dict[str, tuple[str, str | None]] = {
    # RDF Schema
    "label": ("rdfs:label", None),
    "comment": ("rdfs:comment", None),
    "seeAlso": ("rdfs:seeAlso", _ID),
    "isDefinedBy": ("rdfs:isDefinedBy", _ID),
    "subClassOf": ("rdfs:subClassOf", _VOCAB),
    "subPropertyOf": ("rdfs:subPropertyOf", _VOCAB),
    "domain": ("rdfs:domain", _VOCAB),
    "range": ("rdfs:range", _VOCAB),
    # Dublin Core terms
    "identifier": ("dcterms:identifier", None),
    "title": ("dcterms:title", None),
    "description": ("dcterms:description", None),
    "source": ("dcterms:source", _ID),
    "license": ("dcterms:license", _ID),
    "rights": ("dcterms:rights", None),
    "publisher": ("dcterms:publisher", _ID),
    "creator": ("dcterms:creator", _ID),
    "created": ("dcterms:created", None),
    "issued": ("dcterms:issued", None),
    "modified": ("dcterms:modified", None),
    "conformsTo": ("dcterms:conformsTo", _ID),
    "hasPart": ("dcterms:hasPart", _ID),
    "isPartOf": ("dcterms:isPartOf", _ID),
    "language": ("dcterms:language", _ID),
    "spatial": ("dcterms:spatial", _ID),
    "bibliographicCitation": ("dcterms:bibliographicCitation", None),
    # W3C Organization ontology
    "member": ("org:member", _ID),
    "organization": ("org:organization", _ID),
    "FormalOrganization": ("org:FormalOrganization", None),
    "OrganizationalCollaboration": ("org:OrganizationalCollaboration", None),
    # SKOS
    "Concept": ("skos:Concept", None),
    "ConceptScheme": ("skos:ConceptScheme", None),
    "prefLabel": ("skos:prefLabel", None),
    "altLabel": ("skos:altLabel", None),
    "definition": ("skos:definition", None),
    "notation": ("skos:notation", None),
    "scopeNote": ("skos:scopeNote", None),
    "note": ("skos:note", None),
    "example": ("skos:example", None),
    "inScheme": ("skos:inScheme", _ID),
    "broader": ("skos:broader", _ID),
    "narrower": ("skos:narrower", _ID),
    "hasTopConcept": ("skos:hasTopConcept", _ID),
    "topConceptOf": ("skos:topConceptOf", _ID),
    "exactMatch": ("skos:exactMatch", _ID),
    "closeMatch": ("skos:closeMatch", _ID),
    # PROV
    "Agent": ("prov:Agent", None),
    "wasDerivedFrom": ("prov:wasDerivedFrom", _ID),
    "wasRevisionOf": ("prov:wasRevisionOf", _ID),
    "wasGeneratedBy": ("prov:wasGeneratedBy", _ID),
    # OWL (ontology headers)
    "versionIRI": ("owl:versionIRI", _ID),
    "versionInfo": ("owl:versionInfo", None),
    "imports": ("owl:imports", _ID),
    # FOAF
    "name": ("foaf:name", None),
    "homepage": ("foaf:homepage", _ID),
    "mbox": ("foaf:mbox", _ID),
    # DCAT
    "Catalog": ("dcat:Catalog", None),
    "Dataset": ("dcat:Dataset", None),
    "Distribution": ("dcat:Distribution", None),
    "dataset": ("dcat:dataset", _ID),
    "distribution": ("dcat:distribution", _ID),
    "accessURL": ("dcat:accessURL", _ID),
    "downloadURL": ("dcat:downloadURL", _ID),
    "mediaType": ("dcat:mediaType", _ID),
    "byteSize": ("dcat:byteSize", "xsd:nonNegativeInteger"),
    "keyword": ("dcat:keyword", None),
    "theme": ("dcat:theme", _ID),
    "landingPage": ("dcat:landingPage", _ID),
    "contactPoint": ("dcat:contactPoint", _ID),
    # VoID
    "triples": ("void:triples", "xsd:integer"),
    "entities": ("void:entities", "xsd:integer"),
    "classes": ("void:classes", "xsd:integer"),
    "properties": ("void:properties", "xsd:integer"),
    "distinctSubjects": ("void:distinctSubjects", "xsd:integer"),
    "distinctObjects": ("void:distinctObjects", "xsd:integer"),
    "classPartition": ("void:classPartition", _ID),
    "propertyPartition": ("void:propertyPartition", _ID),
    "class": ("void:class", _VOCAB),
    "property": ("void:property", _VOCAB),
    "vocabulary": ("void:vocabulary", _ID),
    "uriSpace": ("void:uriSpace", None),
    "dataDump": ("void:dataDump", _ID),
    "sparqlEndpoint": ("void:sparqlEndpoint", _ID),
    "exampleResource": ("void:exampleResource", _ID),
    "feature": ("void:feature", _ID),
    # SPDX checksums
    "checksum": ("spdx:checksum", _ID),
    "algorithm": ("spdx:algorithm", _ID),
    "checksumValue": ("spdx:checksumValue", "xsd:hexBinary"),
}


def _coercion(onto: rdflib.Graph, term: URIRef) -> str | None:
    types = set(onto.objects(term, RDF.type))
    if OWL.ObjectProperty in types:
        return _VOCAB
    if OWL.DatatypeProperty in types:
        ranges = [r for r in onto.objects(term, RDFS.range) if isinstance(r, URIRef)]
        if len(ranges) == 1 and str(ranges[0]).startswith(str(XSD)) and ranges[0] != XSD.string:
            return "xsd:" + str(ranges[0])[len(str(XSD)) :]
    return None


def build_context(onto: rdflib.Graph) -> dict[str, Any]:
    """The ``@context`` object for the ontology graph ``onto``."""
    terms: dict[str, Any] = {}
    local_terms = sorted(
        {
            str(s)[len(PTCE_NS) :]
            for s in onto.subjects()
            if isinstance(s, URIRef) and str(s).startswith(PTCE_NS)
        }
    )
    for local in local_terms:
        if not local or not local.replace("_", "a").isalnum():
            continue
        coercion = _coercion(onto, URIRef(PTCE_NS + local))
        terms[local] = f"ptce:{local}" if coercion is None else {"@id": f"ptce:{local}", "@type": coercion}
    for name, (iri, coercion) in EXTERNAL_TERMS.items():
        if name in terms:
            raise ValueError(f"JSON-LD term {name!r} is both a PTCE term and {iri}; rename one")
        terms[name] = iri if coercion is None else {"@id": iri, "@type": coercion}
    prefixes = {**PREFIXES, **EXTRA_PREFIXES}
    for prefix in prefixes:
        if prefix in terms:
            raise ValueError(f"JSON-LD term {prefix!r} is also a prefix")
    context: dict[str, Any] = {"id": "@id", "type": "@type"}
    context.update(sorted(prefixes.items()))
    context.update(sorted(terms.items()))
    return context


def render(onto: rdflib.Graph) -> str:
    document = {"@context": build_context(onto)}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def load_ontology_fresh() -> rdflib.Graph:
    """The ontology parsed from the files (not the cached copy)."""
    graph = rdflib.Graph()
    base = ontology_dir()
    for name in ONTOLOGY_FILES:
        entry = base.joinpath(name)
        if entry.is_file():
            graph.parse(data=entry.read_bytes().decode("utf-8"), format="turtle")
    return graph


def main(argv: list[str] | None = None) -> int:
    target = Path(__file__).resolve().parent.parent / "ontology" / "context.jsonld"
    text = render(load_ontology_fresh())
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target} ({text.count(chr(10))} lines)", file=sys.stderr)
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
