"""The working data on an Oxigraph store: what :func:`.working.working_graph` adds, in a named graph.

The batch engine reads the data where it is (a store loaded from a file, or a
persistent registry store) instead of copying it into a new graph.  The
additions the shapes need — the support of :func:`.working.support` (legal
forms, official geography, groupings' majorities, built by the same
functions from rows read here with SPARQL) and the evaluation date — go into
a named graph of their own, and the queries
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

from ptce_graph.legal.shacl.working import (
    AREA_CLASSES,
    CONTEXT,
    AreaRow,
    MemberRow,
    Triple,
    geography_triples,
    grouping_triples,
    legal_form_triples,
)
from ptce_graph.model import legal_form_value
from ptce_graph.namespaces import PTCE
from ptce_graph.oxigraph_terms import Converted, to_oxigraph, to_rdflib

__all__ = ["working_store", "legal_form_quads", "support_quads", "support_triples", "context_quad", "drop_context"]

_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_XSD_DATE = ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")


def _quads(triples: Iterator[Triple], graph: Any) -> list[Any]:
    # The same predicates, codes and booleans come back on every area: each term is converted once.
    term = Converted(to_oxigraph)
    return [ox.Quad(term(s), term(p), term(o), graph) for s, p, o in triples]


def legal_form_quads(forms: list[Any], graph: Any) -> list[Any]:
    """Family, grouping and legal personality of each legal form (Oxigraph terms), as quads in ``graph``."""
    return _quads(legal_form_triples(URIRef(f.value) for f in forms if isinstance(f, ox.NamedNode)), graph)


_CLASSES = " ".join(f"<{c}>" for c in AREA_CLASSES)
_AREAS = f"""SELECT DISTINCT ?area ?class ?code WHERE {{
    VALUES ?class {{ {_CLASSES} }}
    ?area a ?class .
    {{ ?area <{PTCE.inseeCode}> ?code }} UNION {{ ?area <{PTCE.siren}> ?code }}
}}"""

_MEMBERS = f"""SELECT ?grouping ?member ?form ?mention ?cooperative ?person WHERE {{
    ?grouping <{PTCE.groupingMember}> ?member .
    OPTIONAL {{ ?member <{PTCE.legalForm}> ?form }}
    OPTIONAL {{ ?member <{PTCE.essMention}> ?mention }}
    OPTIONAL {{ ?member <{PTCE.cooperative}> ?cooperative }}
    OPTIONAL {{ ?member a ?person . FILTER (?person = <{PTCE.Person}>) }}
}}"""


def _boolean(term: Any) -> bool | None:
    if isinstance(term, ox.Literal):
        text = term.value.strip().lower()
        return True if text in ("true", "1") else False if text in ("false", "0") else None
    return None


def support_quads(store: Any, data: Any, as_of: _dt.date, graph: Any) -> list[Any]:
    """The support of :func:`.working.support` for the data of ``store`` (``data``: its graph), as quads."""
    forms = [row[0] for row in store.query(
        "SELECT DISTINCT ?form WHERE { ?s <https://w3id.org/ptce/ns#legalForm> ?form }", default_graph=data)]
    quads = legal_form_quads(forms, graph)
    areas: list[AreaRow] = [
        (to_rdflib(row["area"]), AREA_CLASSES[URIRef(row["class"].value)], row["code"].value)
        for row in store.query(_AREAS, default_graph=data) if isinstance(row["code"], ox.Literal)
    ]
    quads += _quads(geography_triples(sorted(areas, key=lambda a: (str(a[0]), a[1], a[2])), as_of), graph)
    chosen: dict[tuple[Any, Any], tuple[str, Any]] = {}
    for row in store.query(_MEMBERS, default_graph=data):
        key = (to_rdflib(row["grouping"]), to_rdflib(row["member"]))
        form_iri = row["form"].value if isinstance(row["form"], ox.NamedNode) else "\uffff"
        if key not in chosen or form_iri < chosen[key][0]:  # several forms: the first in IRI order, as rdflib
            chosen[key] = (form_iri, row)
    members: list[MemberRow] = []
    for (grouping, member), (form_iri, row) in chosen.items():
        form = legal_form_value(URIRef(form_iri)) if form_iri != "\uffff" else None
        members.append((grouping, member, form, _boolean(row["mention"]),
                        "person" if row["person"] is not None else None, _boolean(row["cooperative"])))
    quads += _quads(grouping_triples(members), graph)
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


def support_triples(store: Any, *, as_of: _dt.date, data_graph: Any = None) -> list[Any]:
    """The working triples (support and evaluation date) of the data of ``store``, as Oxigraph triples.

    For a caller that enters :func:`working_store` more than once on the same
    data (the shapes, then the reports): computed once, passed as ``support``.
    """
    data = ox.DefaultGraph() if data_graph is None else data_graph
    return [q.triple for q in support_quads(store, data, as_of, ox.DefaultGraph())] + [
        context_quad(as_of, ox.DefaultGraph()).triple]


@contextlib.contextmanager
def working_store(store: Any, *, as_of: _dt.date, data_graph: Any = None,
                  extra: list[Any] | None = None, support: list[Any] | None = None) -> Iterator[list[Any]]:
    """Add the working triples to ``store`` in a fresh named graph; yield the default graph to query.

    ``data_graph``: the graph holding the data (None: the default graph).  The
    data must not describe the evaluation context (see :func:`drop_context`).
    ``extra``: more quads (Oxigraph triples) to add to the working graph.
    ``support``: the working triples already computed by :func:`support_triples`
    for this data and date (the store must not have changed since).
    """
    data = ox.DefaultGraph() if data_graph is None else data_graph
    if next(iter(store.quads_for_pattern(ox.NamedNode(str(CONTEXT)), None, None, data)), None) is not None:
        raise ValueError("the data describes the evaluation context; drop those triples first")
    name = ox.NamedNode(f"urn:uuid:{uuid.uuid4()}")
    if support is None:
        quads = support_quads(store, data, as_of, name) + [context_quad(as_of, name)]
    else:
        quads = [ox.Quad(t.subject, t.predicate, t.object, name) for t in support]
    for triple in extra or ():
        quads.append(ox.Quad(triple.subject, triple.predicate, triple.object, name))
    store.extend(quads)
    try:
        yield [data, name]
    finally:
        store.remove_graph(name)
