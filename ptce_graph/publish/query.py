"""SPARQL queries on a graph, an embedded store or a SPARQL endpoint; user values only through bindings.

Never format user text into a query: ``FILTER(?name = "%s")`` lets a value
such as ``x" || true || "`` return every row, and an update built that way
can drop a whole store.  :func:`query` takes the values as ``bindings``
(``{"name": "Le Périscope"}``); they are bound as RDF terms, never parsed:

* on a local graph (and the embedded store) through the engine's own
  initial bindings;
* on an endpoint, as one trailing ``VALUES`` block written by ptce_graph
  (IRIs checked, literals escaped).

ptce_graph's prefixes (``ptce:``, ``rdfs:``, ``org:``, ``skos:``...) are
predeclared on local data and the embedded store.  Queries run on local data
may not reach out: ``SERVICE`` (rdflib and Oxigraph
call the URL), and ``FROM``/``FROM NAMED`` (rdflib loads the URL or file into
a dataset) are refused unless ``allow_remote=True``, and rdflib runs under
:func:`ptce_graph.io.netguard.no_network`.  Updates are not queries: they are
refused here (publication goes through :func:`ptce_graph.publish.publish`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import pyoxigraph as ox
import rdflib
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD

from ptce_graph.errors import InputError
from ptce_graph.io import as_graph
from ptce_graph.io.netguard import network_allowed, no_network
from ptce_graph.io.rdf import parse_rdf
from ptce_graph.namespaces import PREFIXES
from ptce_graph.publish.embedded import EmbeddedStore
from ptce_graph.publish.sparql import (
    QueryInfo,
    QueryResult,
    bind_terms,
    bind_values,
    check_query,
    to_term,
    values_block,
)
from ptce_graph.publish.store import Credentials, Endpoint, StoreError, _check_graph_iri, _Client, _safe_url

__all__ = ["QueryResult", "query", "check_query", "QueryInfo", "to_term"]

_LEADING_FORM = re.compile(
    r"(?is)^(?:\s|#[^\n]*\n|(?:PREFIX\s+[^\s:]*:\s*<[^>]*>)|(?:BASE\s+<[^>]*>))*"
    r"(SELECT|ASK|CONSTRUCT|DESCRIBE)\b"
)


def _refuse_remote_features(info: QueryInfo, allow_remote: bool) -> None:
    if allow_remote:
        return
    if info.uses_service:
        raise InputError(
            "the query calls SERVICE, which would open a network connection",
            source="query",
            expected="a query on the local data (or allow_remote=True, knowingly)",
        )
    if info.uses_dataset:
        raise InputError(
            "the query names its dataset with FROM / FROM NAMED, which can read URLs and files",
            source="query",
            expected="a query on the given data (or allow_remote=True, knowingly)",
        )


def _from_rdflib(result: Any) -> QueryResult:
    if result.type == "ASK":
        return QueryResult("ask", boolean=bool(result.askAnswer))
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        g = Graph(bind_namespaces="none")
        for t in result.graph:
            g.add(t)
        return QueryResult("graph", graph=g)
    names = tuple(str(v) for v in result.vars)
    rows = []
    for row in result:
        rows.append({n: row[i] for i, n in enumerate(names) if row[i] is not None})
    return QueryResult("select", variables=names, rows=rows)


def _query_local(
    graph: Graph, sparql: str, nodes: dict[str, rdflib.term.Node], allow_remote: bool
) -> QueryResult:
    from rdflib.plugins.sparql import prepareQuery  # rdflib's SPARQL parser: only when a query runs here

    info = check_query(sparql)
    _refuse_remote_features(info, allow_remote)
    guard = network_allowed() if allow_remote else no_network()
    with guard:
        try:
            prepared = prepareQuery(sparql, initNs=PREFIXES)
            result = graph.query(prepared, initBindings=nodes)  # type: ignore[arg-type]
            return _from_rdflib(result)
        except PermissionError as exc:
            raise InputError(f"the query tried to reach the network ({exc})", source="query") from None


def query(
    source: Any,
    sparql: str,
    *,
    bindings: Mapping[str, Any] | None = None,
    graph: str | None = None,
    allow_remote: bool = False,
    kind: str = "generic",
    credentials: Any = None,
    timeout: float = 60.0,
) -> QueryResult:
    """Run a SPARQL query with ``bindings`` on ``source`` and return a :class:`QueryResult`.

    ``source`` is a graph, a file, bundle, pole or list of them (read with
    :func:`ptce_graph.load`), an :class:`~ptce_graph.publish.embedded.EmbeddedStore`,
    an :class:`~ptce_graph.publish.store.Endpoint`, or an ``http(s)://`` URL,
    which is a SPARQL *endpoint* (its query URL).  ``graph`` names the default
    graph on a store or endpoint.
    """
    nodes = bind_terms(bindings)
    if isinstance(source, EmbeddedStore):
        return source.query(sparql, bindings=nodes, graph=graph, allow_service=allow_remote)
    if isinstance(source, Endpoint) or (
        isinstance(source, str) and source.lower().startswith(("http://", "https://"))
    ):
        return _query_remote(
            source, sparql, nodes, graph=graph, kind=kind, credentials=credentials, timeout=timeout
        )
    if graph is not None:
        raise InputError("graph= names a graph of a store; local data is queried as a whole", source="graph")
    return _query_local(as_graph(source), sparql, nodes, allow_remote)


def _query_remote(
    source: Any,
    sparql: str,
    nodes: dict[str, rdflib.term.Node],
    *,
    graph: str | None,
    kind: str,
    credentials: Any,
    timeout: float,
) -> QueryResult:
    form: str | None = None
    try:
        info = check_query(sparql)
        form = info.form
    except InputError:
        if nodes:
            raise
        info = None
        m = _LEADING_FORM.match(sparql)
        form = m.group(1).lower() if m else None
    text = sparql
    if nodes:
        assert info is not None
        text = bind_values(sparql, info.form, values_block(nodes))
    creds = credentials if credentials is not None else Credentials.from_env()
    with _Client(credentials=creds, timeout=timeout) as client:
        endpoint = (
            source
            if isinstance(source, Endpoint)
            else (
                Endpoint.for_kind(source, kind) if kind != "auto" else Endpoint.resolve(source, client=client)
            )
        )
        if creds is not None:
            client.prepare_auth(endpoint.query, kind=endpoint.kind)
        params = {"query": text}
        if graph is not None:
            params["default-graph-uri"] = _check_graph_iri(graph)
        accept = (
            "application/n-triples, text/turtle;q=0.9"
            if form in ("construct", "describe")
            else "application/sparql-results+json"
        )
        response = client.request(
            "POST", endpoint.query, data=params, headers={"Accept": accept}, what="query"
        )
    content_type = (response.headers.get("Content-Type") or "").split(";")[0].strip().lower()
    where = _safe_url(endpoint.query)
    if "json" in content_type:
        try:
            payload = response.json()
        except ValueError:
            raise StoreError(f"the answer of {where} is not valid JSON") from None
        return _from_json(payload, where, form)
    fmt = "turtle" if content_type == "text/turtle" else "nt"
    body = response.content
    g = parse_rdf(body, format=fmt, source=where) if body.strip() else Graph(bind_namespaces="none")
    return QueryResult("graph", graph=g)


def _from_json(payload: Any, where: str, form: str | None = None) -> QueryResult:
    if not isinstance(payload, dict):
        raise StoreError(f"the answer of {where} is not SPARQL JSON results")
    if "boolean" in payload:
        return QueryResult("ask", boolean=bool(payload["boolean"]))
    if form == "ask":
        # Virtuoso answers ASK with one row binding __ASK_RETVAL to 1 or 0.
        try:
            rows = payload["results"]["bindings"]
            value = next(iter(rows[0].values()))["value"] if rows else "0"
        except (KeyError, TypeError, IndexError, StopIteration, AttributeError):
            raise StoreError(f"the answer of {where} to an ASK query is not understood") from None
        return QueryResult("ask", boolean=str(value).strip().lower() in ("1", "true"))
    try:
        names = tuple(payload["head"].get("vars", []))
        rows = [{k: _json_term(v) for k, v in binding.items()} for binding in payload["results"]["bindings"]]
    except (KeyError, TypeError, AttributeError, ValueError) as exc:
        raise StoreError(f"the answer of {where} is not SPARQL JSON results ({type(exc).__name__})") from None
    return QueryResult("select", variables=names, rows=rows)


def _json_term(value: Mapping[str, Any]) -> rdflib.term.Node:
    kind = value["type"]
    text = value["value"]
    if kind == "uri":
        ox.NamedNode(text)  # raises ValueError on an invalid IRI
        return URIRef(text)
    if kind == "bnode":
        return BNode(text)
    if kind in ("literal", "typed-literal"):
        lang = value.get("xml:lang")
        if lang:
            return Literal(text, lang=str(lang).lower())
        datatype = value.get("datatype")
        if datatype and datatype != str(XSD.string):
            ox.NamedNode(datatype)
            return Literal(text, datatype=URIRef(datatype))
        return Literal(text)
    raise ValueError(f"unknown term type {kind!r}")
