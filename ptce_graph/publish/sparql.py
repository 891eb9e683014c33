"""SPARQL text and answers, handled safely: a query checked, user values bound as terms, the result type.

Never format user text into a query: ``FILTER(?name = "%s")`` lets a value
such as ``x" || true || "`` return every row, and an update built that way
can drop a whole store.  Values are bound as RDF terms, never parsed
(:func:`to_term`, :func:`bind_terms`): by the engine's own initial bindings
on local data and the embedded store, or as one trailing ``VALUES`` block
written by ptce_graph (:func:`values_block`, :func:`bind_values`: IRIs
checked, literals escaped) for an endpoint.  :func:`check_query` parses a
query (updates are not queries) and says whether it reaches out
(``SERVICE``, ``FROM``).  The answers of every source are a
:class:`QueryResult`.  Running a query: :func:`ptce_graph.publish.query.query`.
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

from ptce_graph.dates import PartialDate
from ptce_graph.errors import InputError
from ptce_graph.io.serialize import nt_term
from ptce_graph.iris import check_iri

__all__ = [
    "QueryResult",
    "QueryInfo",
    "check_query",
    "to_term",
    "bind_terms",
    "values_block",
    "bind_values",
]

_VARNAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_]*$")
_FORMS = {
    "SelectQuery": "select",
    "AskQuery": "ask",
    "ConstructQuery": "construct",
    "DescribeQuery": "describe",
}


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
    # rdflib's SPARQL parser (a pyparsing grammar, ~0.3 s to build) is imported when a query is checked:
    # most commands never check one.
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
    from rdflib.plugins.sparql.parser import parseQuery  # deferred: see _walk

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
    if isinstance(value, URIRef):
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


def bind_terms(bindings: Mapping[str, Any] | None) -> dict[str, rdflib.term.Node]:
    """Bindings as RDF terms by variable name (``?``/``$`` dropped; :func:`to_term`); InputError if not."""
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


def values_block(nodes: Mapping[str, rdflib.term.Node]) -> str:
    """A ``VALUES`` block binding each variable to one term, written safely."""
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
    from rdflib.plugins.sparql.parser import parseQuery  # deferred: see _walk

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


