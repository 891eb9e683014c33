"""rdflib ↔ Oxigraph terms: the one bridge between the two libraries' RDF terms.

Two conventions meet here.  Oxigraph types a plain literal ``xsd:string``
where rdflib leaves it untyped, and rdflib does not take the two as equal
(hundreds of false SHACL violations were measured that way): a literal comes
back untyped.  Oxigraph keeps language tags in lower case.

The two users need different things of blank nodes, so the choice is an
explicit option of :func:`to_oxigraph`:

* the SHACL engines (:mod:`ptce_graph.legal.shacl`) keep every label
  (``blank_labels="keep"``): a result about ``_:b1`` in the store must name
  the ``_:b1`` of the rdflib working graph; a label Oxigraph refuses raises
  :class:`ValueError`, and the validation falls back to pyshacl on rdflib;
* a store receiving data (:mod:`ptce_graph.publish.embedded`) keeps the
  alphanumeric labels rdflib mints and gives a new blank node to any other
  (``blank_labels="alphanumeric"``).
"""

from __future__ import annotations

from typing import Any
from typing import Literal as Choice

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

__all__ = ["to_oxigraph", "to_rdflib", "Converted"]

_XSD_STRING = str(XSD.string)


def to_oxigraph(node: Node, *, blank_labels: Choice["keep", "alphanumeric"] = "keep") -> Any:
    """An rdflib term as an Oxigraph term; ValueError for a term Oxigraph cannot hold.

    ``blank_labels``: ``"keep"`` every blank-node label (ValueError if Oxigraph
    refuses it), or keep only ``"alphanumeric"`` ones and give any other blank
    node a new label.
    """
    if isinstance(node, URIRef):
        return ox.NamedNode(str(node))
    if isinstance(node, BNode):
        if blank_labels == "alphanumeric" and not str(node).isalnum():
            return ox.BlankNode()
        return ox.BlankNode(str(node))
    if isinstance(node, Literal):
        if node.language:
            return ox.Literal(str(node), language=node.language.lower())
        if node.datatype is not None:
            return ox.Literal(str(node), datatype=ox.NamedNode(str(node.datatype)))
        return ox.Literal(str(node))
    raise ValueError(f"unsupported term {node!r}")


def to_rdflib(term: Any) -> Node:
    """An Oxigraph term as the rdflib term our loader would have built; ValueError for a triple term.

    Plain literals come back untyped, language tags in lower case, blank nodes
    with their labels.
    """
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language.lower())
        datatype = term.datatype.value
        if datatype == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    raise ValueError(f"unsupported term {term!r} (RDF-star is not supported)")


class Converted:
    """One of this module's conversions with a memory: each distinct term converted once.

    A registry repeats the same predicates, classes, communes and dates in
    every pole; ``Converted(to_rdflib)`` (or ``to_oxigraph``) makes each one
    once for the life of the object.  Not bounded: make one per pass.
    """

    def __init__(self, convert: Any) -> None:
        self.convert = convert
        self.cache: dict[Any, Any] = {}

    def __call__(self, term: Any) -> Any:
        found = self.cache.get(term)
        if found is None:
            found = self.cache[term] = self.convert(term)
        return found
