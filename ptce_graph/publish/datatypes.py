"""Giving back the datatypes a store folded into their base type.

Oxigraph (0.5, server and embedded) keeps *values*: it stores
``"12"^^xsd:nonNegativeInteger`` as ``"12"^^xsd:integer`` (every type derived
from ``xsd:integer``), ``xsd:dateTimeStamp`` as ``xsd:dateTime``, ``"007"``
as ``"7"`` and ``"0.10"`` as ``"0.1"``; Virtuoso 7.1 did the same with
integers (openlink/virtuoso-opensource#193).  The values are equal, but a
shape that asks for ``sh:datatype xsd:nonNegativeInteger`` would reject the
data read back.  :func:`restore_declared_datatypes` gives a literal back the
datatype that the ontology declares as the range of its property, when the
store folded it and the lexical form is valid for it; it changes nothing else.
"""

from __future__ import annotations

import functools

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD

from ptce_graph.io.lexical import lexical_error
from ptce_graph.namespaces import DCAT
from ptce_graph.resources import ontology_graph

__all__ = ["restore_declared_datatypes", "FOLDED"]

#: Datatype a store folds a type into -> the types it folds.
FOLDED: dict[URIRef, frozenset[URIRef]] = {
    XSD.integer: frozenset(
        {
            XSD.nonNegativeInteger,
            XSD.positiveInteger,
            XSD.nonPositiveInteger,
            XSD.negativeInteger,
            XSD.long,
            XSD.int,
            XSD.short,
            XSD.byte,
            XSD.unsignedLong,
            XSD.unsignedInt,
            XSD.unsignedShort,
            XSD.unsignedByte,
        }
    ),
    XSD.dateTime: frozenset({XSD.dateTimeStamp}),
}

#: Ranges of properties of other vocabularies that ptce_graph writes.
_EXTERNAL_RANGES: dict[URIRef, URIRef] = {DCAT.byteSize: XSD.nonNegativeInteger}


@functools.lru_cache(maxsize=1)
def _declared_ranges() -> dict[URIRef, URIRef]:
    onto = ontology_graph()
    ranges = dict(_EXTERNAL_RANGES)
    for prop in onto.subjects(RDF.type, OWL.DatatypeProperty):
        values = [r for r in onto.objects(prop, RDFS.range) if isinstance(r, URIRef)]
        if isinstance(prop, URIRef) and len(values) == 1:
            ranges[prop] = values[0]
    return ranges


def restore_declared_datatypes(graph: Graph, *, ranges: dict[URIRef, URIRef] | None = None) -> Graph:
    """``graph`` with folded literals given back their declared datatype.

    ``ranges`` maps properties to datatypes (default: the ontology's datatype
    properties with one range, and ``dcat:byteSize``).  The graph itself is
    returned when nothing needs restoring, else a copy; it is never modified.
    """
    table = _declared_ranges() if ranges is None else ranges
    changes: list[tuple[tuple, Literal]] = []
    for p, declared in table.items():
        folded_into = [base for base, members in FOLDED.items() if declared in members]
        if not folded_into:
            continue
        for s, o in graph.subject_objects(p):
            if (
                isinstance(o, Literal)
                and o.datatype in folded_into
                and not o.language
                and lexical_error(str(o), str(declared)) is None
            ):
                changes.append(((s, p, o), Literal(str(o), datatype=declared)))
    if not changes:
        return graph
    out = Graph(bind_namespaces="none")
    for prefix, ns in graph.namespaces():
        out.bind(prefix, ns, override=True, replace=True)
    for t in graph:
        out.add(t)
    for (s, p, o), restored in changes:
        out.remove((s, p, o))
        out.add((s, p, restored))
    return out
