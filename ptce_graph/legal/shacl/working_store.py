"""The working data on an Oxigraph store: what :func:`.working.working_graph` adds, in a named graph.

The batch engine reads the data where it is (a store loaded from a file, or a
persistent registry store) instead of copying it into a new graph.  The
additions the shapes need — each legal form's family and legal personality,
and the evaluation date — go into a named graph of their own, and the queries
read the union of the data's default graph and that graph.  A data triple
about the evaluation context would let data choose its own evaluation date:
such triples are refused (a registry drops them on load; a store we built is
cleaned).  :func:`working_store` undoes its additions when the block ends, so
a caller's store is left as it was.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import uuid
from collections.abc import Iterator
from typing import Any

import pyoxigraph as ox
from rdflib import URIRef

from ptce_graph.ess import legal_form_info
from ptce_graph.legal.shacl.working import CONTEXT, FAMILY_CLASSES, PERSONALITIES
from ptce_graph.model import legal_form_value
from ptce_graph.namespaces import PTCE

__all__ = ["working_store", "legal_form_quads", "context_quad", "drop_context"]

_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_XSD_DATE = ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")


def legal_form_quads(forms: list[Any], graph: Any) -> list[Any]:
    """Family and legal personality of each legal form (Oxigraph terms), as quads in ``graph``."""
    quads = []
    for form in forms:
        if not isinstance(form, ox.NamedNode):
            continue
        value = legal_form_value(URIRef(form.value))
        info = legal_form_info(value) if value else None
        if info is None:
            continue
        quads.append(ox.Quad(form, _RDF_TYPE, ox.NamedNode(str(FAMILY_CLASSES[info.family])), graph))
        if info.personality is not None:
            quads.append(ox.Quad(form, ox.NamedNode(str(PTCE.legalPersonality)),
                                 ox.NamedNode(str(PERSONALITIES[info.personality])), graph))
    return quads


def context_quad(as_of: _dt.date, graph: Any) -> Any:
    return ox.Quad(ox.NamedNode(str(CONTEXT)), ox.NamedNode(str(PTCE.asOf)),
                   ox.Literal(as_of.isoformat(), datatype=_XSD_DATE), graph)


def drop_context(store: Any, graph: Any = None) -> int:
    """Remove the data's own evaluation-context triples from ``graph`` (default graph); how many."""
    target = ox.DefaultGraph() if graph is None else graph
    found = list(store.quads_for_pattern(ox.NamedNode(str(CONTEXT)), None, None, target))
    for quad in found:
        store.remove(quad)
    return len(found)


@contextlib.contextmanager
def working_store(store: Any, *, as_of: _dt.date, data_graph: Any = None,
                  extra: list[Any] | None = None) -> Iterator[list[Any]]:
    """Add the working triples to ``store`` in a fresh named graph; yield the default graph to query.

    ``data_graph``: the graph holding the data (None: the default graph).  The
    data must not describe the evaluation context (see :func:`drop_context`).
    ``extra``: more quads (Oxigraph triples) to add to the working graph.
    """
    data = ox.DefaultGraph() if data_graph is None else data_graph
    if next(iter(store.quads_for_pattern(ox.NamedNode(str(CONTEXT)), None, None, data)), None) is not None:
        raise ValueError("the data describes the evaluation context; drop those triples first")
    name = ox.NamedNode(f"urn:uuid:{uuid.uuid4()}")
    forms = [row[0] for row in store.query(
        "SELECT DISTINCT ?form WHERE { ?s <https://w3id.org/ptce/ns#legalForm> ?form }", default_graph=data)]
    quads = legal_form_quads(forms, name) + [context_quad(as_of, name)]
    for triple in extra or ():
        quads.append(ox.Quad(triple.subject, triple.predicate, triple.object, name))
    store.extend(quads)
    try:
        yield [data, name]
    finally:
        store.remove_graph(name)
