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

import datetime as _dt
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import rdflib
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD

from ptce_graph.errors import InputError

__all__ = ["QueryResult", "query", "check_query", "QueryInfo", "to_term"]

_VARNAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_]*$")
_FORMS = {
    "SelectQuery": "select",
    "AskQuery": "ask",
    "ConstructQuery": "construct",
    "DescribeQuery": "describe",
}
_LEADING_FORM = re.compile(
    r"(?is)^(?:\s|#[^\n]*\n|(?:PREFIX\s+[^\s:]*:\s*<[^>]*>)|(?:BASE\s+<[^>]*>))*"
    r"(SELECT|ASK|CONSTRUCT|DESCRIBE)\b"
)


@dataclass
class QueryResult:
    """The answer to a query: rows (SELECT), a boolean (ASK) or a graph (CONSTRUCT, DESCRIBE).

    Iterating gives the rows (dicts from variable name to RDF term, unbound
    variables left out) or the triples; ``bool()`` is the ASK answer or
    whether anything was found.
    """

    kind: str  # select | ask | graph
    variables: tuple[str, ...] = ()
    rows: list[dict[str, rdflib.term.Node]] = field(default_factory=list)
    boolean: bool | None = None
    graph: Graph | None = None

    def __iter__(self) -> Iterator[Any]:
        if self.kind == "graph":
            assert self.graph is not None
            return iter(sorted(self.graph))
        return iter(self.rows)

    def __len__(self) -> int:
        if self.kind == "graph":
            return len(self.graph) if self.graph is not None else 0
        if self.kind == "ask":
            return 1
        return len(self.rows)

    def __bool__(self) -> bool:
        if self.kind == "ask":
            return bool(self.boolean)
        return len(self) > 0

    def values(self, variable: str) -> list[rdflib.term.Node]:
        """The values of one variable, row by row (unbound rows left out)."""
        name = variable.lstrip("?$")
        return [row[name] for row in self.rows if name in row]

    def to_json(self) -> dict[str, Any]:
        """SPARQL 1.1 Query Results JSON (SELECT and ASK)."""
        if self.kind == "ask":
            return {"head": {}, "boolean": bool(self.boolean)}
        if self.kind != "select":
            raise ValueError("graph results have no SPARQL JSON form; serialise result.graph")
        return {
            "head": {"vars": list(self.variables)},
            "results": {"bindings": [{k: _term_json(v) for k, v in row.items()} for row in self.rows]},
        }


def _term_json(term: rdflib.term.Node) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    assert isinstance(term, Literal)
    out = {"type": "literal", "value": str(term)}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype is not None and term.datatype != XSD.string:
        out["datatype"] = str(term.datatype)
    return out


@dataclass(frozen=True)
class QueryInfo:
    """What :func:`check_query` found in a query."""

    form: str  # select | ask | construct | describe
    uses_service: bool
    uses_dataset: bool  # FROM / FROM NAMED
    has_values: bool  # a trailing VALUES block


def _walk(node: Any, found: dict[str, bool]) -> None:
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    stack = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, CompValue):
            if n.name == "ServiceGraphPattern":
                found["service"] = True
            # CompValue.get(k) returns k itself when k is missing: test membership.
            if "datasetClause" in n:
                found["dataset"] = True
            stack.extend(n.values())
        elif isinstance(n, (list, tuple, ParseResults)):
            stack.extend(n)


def check_query(sparql: str) -> QueryInfo:
    """Parse a SPARQL query (not an update) and say what it uses; InputError if invalid."""
    from rdflib.plugins.sparql.parser import parseQuery

    if not isinstance(sparql, str) or not sparql.strip():
        raise InputError("the query is empty", source="query", expected="a SPARQL 1.1 query")
    try:
        parsed = parseQuery(sparql)
    except Exception as exc:  # noqa: BLE001 - pyparsing raises several types
        line = getattr(exc, "lineno", None)
        column = getattr(exc, "col", None)
        raise InputError(
            "the query is not valid SPARQL 1.1 (updates are not queries)",
            source="query",
            line=line if isinstance(line, int) else None,
            column=column if isinstance(column, int) else None,
            expected="SELECT, ASK, CONSTRUCT or DESCRIBE",
        ) from None
    body = parsed[1]
    found = {"service": False, "dataset": False}
    _walk(body, found)
    return QueryInfo(
        form=_FORMS.get(body.name, "select"),
        uses_service=found["service"],
        uses_dataset=found["dataset"],
        has_values="valuesClause" in body,
    )


def to_term(value: Any, *, name: str = "value") -> rdflib.term.Node:
    """A binding value as an RDF term: strings are plain literals, never IRIs.

    To bind an IRI pass a :class:`rdflib.URIRef`; it is checked strictly.
    """
    from ptce_graph.dates import PartialDate

    if isinstance(value, URIRef):
        from ptce_graph.publish.iris import check_iri

        return check_iri(value, what=f"binding {name!r}")
    if isinstance(value, (Literal, BNode)):
        return value
    if isinstance(value, PartialDate):
        return value.to_literal()
    if isinstance(value, bool):
        return Literal(value)
    if isinstance(value, int):
        return Literal(value)
    if isinstance(value, float):
        return Literal(value, datatype=XSD.double)
    if isinstance(value, Decimal):
        return Literal(value, datatype=XSD.decimal)
    if isinstance(value, _dt.datetime):
        return Literal(value, datatype=XSD.dateTime)
    if isinstance(value, _dt.date):
        return Literal(value, datatype=XSD.date)
    if isinstance(value, str):
        return Literal(value)
    raise InputError(
        f"binding {name!r}: cannot bind a {type(value).__name__}",
        source="bindings",
        expected="a str, int, float, Decimal, bool, date, URIRef or Literal",
    )


def _bindings(bindings: Mapping[str, Any] | None) -> dict[str, rdflib.term.Node]:
    out: dict[str, rdflib.term.Node] = {}
    for raw, value in (bindings or {}).items():
        name = str(raw).lstrip("?$")
        if not _VARNAME.match(name):
            raise InputError(
                f"binding name {raw!r} is not a SPARQL variable name",
                source="bindings",
                expected="letters, digits and _",
            )
        out[name] = to_term(value, name=name)
    return out


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
    from rdflib.plugins.sparql import prepareQuery

    from ptce_graph.io.netguard import network_allowed, no_network
    from ptce_graph.namespaces import PREFIXES

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
    from ptce_graph.publish.embedded import EmbeddedStore
    from ptce_graph.publish.store import Endpoint

    nodes = _bindings(bindings)
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
    from ptce_graph.io import as_graph

    return _query_local(as_graph(source), sparql, nodes, allow_remote)


def values_block(nodes: Mapping[str, rdflib.term.Node]) -> str:
    """A ``VALUES`` block binding each variable to one term, written safely."""
    from ptce_graph.io.serialize import nt_term

    if not nodes:
        return ""
    names = sorted(nodes)
    cells = []
    for name in names:
        term = nodes[name]
        if isinstance(term, BNode):
            raise InputError(
                f"binding {name!r}: a blank node cannot be sent to an endpoint", source="bindings"
            )
        # nt_term writes values that read the same whether the endpoint decodes \u escapes
        # before parsing (SPARQL 1.1 allows it) or not: no refusal needed here.
        cells.append(nt_term(term))
    return "VALUES (" + " ".join("?" + n for n in names) + ") { (" + " ".join(cells) + ") }"


_IRIREF = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')
_STRING = re.compile(
    r'''"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\'|"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*'''
    "",
    re.S,
)


def _top_groups(sparql: str) -> list[tuple[int, int]]:
    """(open, close) offsets of the braces at depth 0, skipping strings, IRIs and comments."""
    groups: list[tuple[int, int]] = []
    depth, start, i, n = 0, -1, 0, len(sparql)
    while i < n:
        c = sparql[i]
        if c == "#":
            end = sparql.find("\n", i)
            i = n if end < 0 else end + 1
            continue
        if c in "\"'":
            m = _STRING.match(sparql, i)
            if m is None:
                raise InputError("the query has an unterminated string", source="query")
            i = m.end()
            continue
        if c == "<":
            m = _IRIREF.match(sparql, i)
            if m is not None:
                i = m.end()
                continue
        if c == "{":
            if depth == 0:
                start = i
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                groups.append((start, i))
        i += 1
    return groups


def bind_values(sparql: str, form: str, block: str) -> str:
    """The query with ``block`` (a VALUES clause) at the start of its WHERE group.

    A trailing ``VALUES`` after the query would be simpler, but Virtuoso
    rejects it when the bound variable is not projected (error SQ200).  The
    result is parsed again to check where the block landed.
    """
    groups = _top_groups(sparql)
    if not groups:
        raise InputError("the query has no WHERE group to bind values in", source="query")
    index = 0
    if form == "construct" and len(groups) > 1:
        head = sparql[: groups[0][0]]
        if not re.search(r"(?i)\bWHERE\s*$", _strip_comments(head)):
            index = 1  # CONSTRUCT { template } WHERE { pattern }
    open_at, close_at = groups[index]
    candidates = []
    if form == "construct" and len(groups) == 1:
        # CONSTRUCT WHERE { T } allows triples only: spell it CONSTRUCT { T } WHERE { VALUES ... T }.
        head = _strip_comments(sparql[:open_at])
        m = re.search(r"(?i)\bWHERE\s*$", head)
        if m:
            template = sparql[open_at + 1 : close_at]
            candidates.append(
                head[: m.start()]
                + "{"
                + template
                + "} WHERE { "
                + block
                + " "
                + template
                + " }"
                + sparql[close_at + 1 :]
            )
    candidates += [
        sparql[: open_at + 1] + " " + block + " " + sparql[open_at + 1 :],
        # A WHERE group that is a sub-query: bind around it instead.
        sparql[: open_at + 1]
        + " "
        + block
        + " {"
        + sparql[open_at + 1 : close_at]
        + "} "
        + sparql[close_at:],
    ]
    from rdflib.plugins.sparql.parser import parseQuery

    for text in candidates:
        try:
            where = parseQuery(text)[1]["where"]
            parts = where["part"] if "part" in where else []
        except Exception:  # noqa: BLE001 - try the next form
            continue
        if parts and getattr(parts[0], "name", None) == "InlineData":
            return text
    raise InputError(
        "the bindings cannot be placed in this query",
        source="query",
        expected="a query whose WHERE clause is a group pattern",
    )


def _strip_comments(text: str) -> str:
    return re.sub(r"#[^\n]*", " ", text)


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
    from ptce_graph.publish.store import (
        Credentials,
        Endpoint,
        StoreError,
        _check_graph_iri,
        _Client,
        _safe_url,
    )

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
    from ptce_graph.io.rdf import parse_rdf

    fmt = "turtle" if content_type == "text/turtle" else "nt"
    body = response.content
    g = parse_rdf(body, format=fmt, source=where) if body.strip() else Graph(bind_namespaces="none")
    return QueryResult("graph", graph=g)


def _from_json(payload: Any, where: str, form: str | None = None) -> QueryResult:
    from ptce_graph.publish.store import StoreError

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
    import pyoxigraph as ox

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
