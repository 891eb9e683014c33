"""SPARQL Update text for a store: built from terms, read back before it is sent.

ptce_graph sends a store four kinds of update only, one per request:
``INSERT DATA`` and ``DELETE DATA`` of one named graph, ``DROP SILENT GRAPH``
and ``MOVE``.  An :class:`Operation` says what is intended; :func:`render`
writes it with the one term writer (:func:`ptce_graph.io.serialize.nt_term`,
one triple per line, no line break inside a term); :func:`checked_text`
renders it and reads the text back before it may leave, so that no value of
the data can ever leave its literal or IRI.  (A literal holding U+2028 once
split an N-Triples line where Python's ``splitlines`` splits, a chunk boundary
fell there, and the rest of the literal ran as a ``DROP GRAPH`` on the store.)

Reading back is done twice, by two independent parsers:

1. :func:`parse_update`, a strict reader of that subset of SPARQL 1.1 Update
   (IRIs, string literals and their escapes, language tags, ``^^``, blank-node
   labels, braces, dots, semicolons, the keywords).  Anything else - a
   comment, a prefix, a variable, a ``WHERE``, ``LOAD``, a second operation -
   is refused, and so is a ``\\u`` escape that would read as a quote, a
   backslash or a line break in a store that decodes escapes before parsing
   (SPARQL 1.1 allows that).  The operation read must be the one intended:
   same kind, same graphs, same number of triples.
2. Oxigraph, a complete SPARQL parser, reads the data of ``INSERT DATA`` /
   ``DELETE DATA``.  pyoxigraph has no parse-only entry point for updates
   (``Store.update`` executes), so the update is *executed* in a scratch
   in-memory store - safe only because step 1 has already shown the text to
   be ground data for one graph, with nothing Oxigraph could fetch or touch
   elsewhere - and the quads it leaves must be exactly the intended triples,
   added through the API to a second scratch store (both stores keep values,
   not lexical forms, so both sides are canonicalised alike).

rdflib's SPARQL parser was measured for this and is far too slow: 3.4 s to
parse an ``INSERT DATA`` of 2,000 triples, 30 s to translate it (quadratic).
The Graph Store Protocol path has no update text, but its N-Triples bodies
are read back the same way (:func:`check_ntriples`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox
from rdflib import URIRef

from ptce_graph.errors import OutputError
from ptce_graph.io.serialize import NTStatement, nt_term
from ptce_graph.publish.embedded import to_oxigraph

__all__ = [
    "Operation",
    "UpdateCheckError",
    "insert_data",
    "delete_data",
    "drop_graph",
    "move_graph",
    "render",
    "parse_update",
    "ParsedOperation",
    "check_update",
    "checked_text",
    "check_ntriples",
]

INSERT_DATA = "INSERT DATA"
DELETE_DATA = "DELETE DATA"
DROP_GRAPH = "DROP GRAPH"
MOVE = "MOVE"
KINDS = (INSERT_DATA, DELETE_DATA, DROP_GRAPH, MOVE)


class UpdateCheckError(OutputError):
    """An update (or upload) does not read back as what was intended: it is not sent."""


@dataclass(frozen=True)
class Operation:
    """One intended update: its kind, its graph (for ``MOVE``, the source and ``target``)
    and, for data, the statements (N-Triples lines with their triples)."""

    kind: str
    graph: str
    target: str | None = None
    statements: Sequence[NTStatement] = ()


def insert_data(graph: str, statements: Sequence[NTStatement]) -> Operation:
    return Operation(INSERT_DATA, graph, statements=statements)


def delete_data(graph: str, statements: Sequence[NTStatement]) -> Operation:
    return Operation(DELETE_DATA, graph, statements=statements)


def drop_graph(graph: str) -> Operation:
    return Operation(DROP_GRAPH, graph)


def move_graph(source: str, target: str) -> Operation:
    return Operation(MOVE, source, target=target)


def _iri(value: str) -> str:
    return nt_term(URIRef(value))


def render(op: Operation) -> str:
    """The SPARQL Update text of one operation."""
    if op.kind in (INSERT_DATA, DELETE_DATA):
        lines = "".join(statement.line for statement in op.statements)
        return f"{op.kind} {{ GRAPH {_iri(op.graph)} {{\n{lines}}} }}"
    if op.kind == DROP_GRAPH:
        return f"DROP SILENT GRAPH {_iri(op.graph)}"
    if op.kind == MOVE and op.target is not None:
        return f"MOVE {_iri(op.graph)} TO {_iri(op.target)}"
    raise UpdateCheckError(f"ptce_graph does not send {op.kind!r} updates")


# ---------------------------------------------------------------------------
#  The strict reader
# ---------------------------------------------------------------------------

_WS = r"[ \t\r\n]*"
_IRI = r'<[^<>"{}|^`\\\x00-\x20]*>'
_STRING = r'"(?:[^"\\\n\r]|\\[tbnrf"\'\\]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*"'
_BNODE = r"_:[A-Za-z0-9]+"
_OBJECT = rf"{_IRI}|{_BNODE}|(?P<string>{_STRING})(?:@[A-Za-z]+(?:-[A-Za-z0-9]+)*|\^\^{_IRI})?"
#: One triple as ptce_graph writes it: subject, predicate, object, dot (no ';' or ',' lists).
_TRIPLE = re.compile(rf"(?P<subject>{_IRI}|{_BNODE}){_WS}{_IRI}{_WS}(?P<object>{_OBJECT}){_WS}\.{_WS}")
_SPACE = re.compile(_WS)
_WORD = re.compile(r"[A-Za-z]+")
_IRI_TOKEN = re.compile(_IRI)
_UCHAR = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|.)")
#: What a \u escape must never stand for: read before parsing, it would end or escape the string.
_SIGNIFICANT = frozenset("\"'\\\n\r")


@dataclass(frozen=True)
class ParsedOperation:
    """An operation as read from update text."""

    kind: str
    graph: str
    target: str | None
    triples: int
    blank_nodes: bool


def _check_escapes(string: str, pos: int) -> None:
    for m in _UCHAR.finditer(string):
        code = m.group(1) or m.group(2)
        if code is not None and chr(int(code, 16)) in _SIGNIFICANT:
            raise UpdateCheckError(
                f"the string at offset {pos} holds the escape {m.group()}, which a store decoding "
                "escapes before parsing would read as a quote, a backslash or a line break"
            )


class _Reader:
    """A cursor over update text; every step skips the whitespace after it."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = _SPACE.match(text, 0).end()  # type: ignore[union-attr]

    def at_end(self) -> bool:
        return self.pos >= len(self.text)

    def _advance(self, end: int) -> None:
        self.pos = _SPACE.match(self.text, end).end()  # type: ignore[union-attr]

    def fail(self, what: str) -> UpdateCheckError:
        if self.at_end():
            return UpdateCheckError(f"the update text ends where {what} was expected")
        found = self.text[self.pos : self.pos + 20]
        return UpdateCheckError(f"the update text has {found!r} at offset {self.pos} where {what} was expected")

    def word(self, value: str | None = None) -> str | None:
        """The next keyword (upper case) if it is ``value`` (or any, when None), consumed."""
        m = _WORD.match(self.text, self.pos)
        if m is None or (value is not None and m.group().upper() != value):
            return None
        self._advance(m.end())
        return m.group().upper()

    def keyword(self, value: str) -> None:
        if self.word(value) is None:
            raise self.fail(value)

    def punct(self, char: str) -> bool:
        if self.text.startswith(char, self.pos):
            self._advance(self.pos + 1)
            return True
        return False

    def expect(self, char: str) -> None:
        if not self.punct(char):
            raise self.fail(repr(char))

    def iri(self) -> str:
        m = _IRI_TOKEN.match(self.text, self.pos)
        if m is None:
            raise self.fail("an IRI")
        self._advance(m.end())
        return m.group()[1:-1]

    def triple(self) -> tuple[bool, bool] | None:
        """Read one triple: (found, holds a blank node); None at anything that is not one."""
        m = _TRIPLE.match(self.text, self.pos)
        if m is None:
            return None
        string = m.group("string")
        if string is not None and "\\" in string:
            _check_escapes(string, m.start("string"))
        self.pos = m.end()
        return True, m.group("subject")[0] == "_" or m.group("object")[0] == "_"


def parse_update(text: str) -> list[ParsedOperation]:
    """Read update text in the subset ptce_graph writes; :class:`UpdateCheckError` on anything else."""
    reader = _Reader(text)
    operations = []
    while True:
        operations.append(_operation(reader))
        if reader.at_end():
            break
        reader.expect(";")
        if reader.at_end():
            break
    return operations


def _operation(reader: _Reader) -> ParsedOperation:
    verb = reader.word()
    if verb in ("INSERT", "DELETE") and reader.word("DATA"):
        return _data(reader, f"{verb} DATA")
    if verb == "DROP":
        reader.word("SILENT")
        reader.keyword("GRAPH")
        return ParsedOperation(DROP_GRAPH, reader.iri(), None, 0, False)
    if verb == "MOVE":
        reader.word("SILENT")
        reader.word("GRAPH")
        source = reader.iri()
        reader.keyword("TO")
        reader.word("GRAPH")
        return ParsedOperation(MOVE, source, reader.iri(), 0, False)
    raise reader.fail("INSERT DATA, DELETE DATA, DROP GRAPH or MOVE (the only updates ptce_graph sends)")


def _data(reader: _Reader, kind: str) -> ParsedOperation:
    reader.expect("{")
    reader.keyword("GRAPH")
    graph = reader.iri()
    reader.expect("{")
    triples = 0
    blank = False
    while not reader.punct("}"):
        found = reader.triple()
        if found is None:
            raise reader.fail("a triple (subject, predicate, object, '.') or '}'")
        triples += 1
        blank |= found[1]
    reader.expect("}")
    if blank and kind == DELETE_DATA:
        raise UpdateCheckError("DELETE DATA may not hold blank nodes")
    return ParsedOperation(kind, graph, None, triples, blank)

# ---------------------------------------------------------------------------
#  The check
# ---------------------------------------------------------------------------


def check_update(text: str, op: Operation) -> None:
    """Raise :class:`UpdateCheckError` unless ``text`` reads back as exactly ``op``."""
    parsed = parse_update(text)
    if len(parsed) != 1:
        raise UpdateCheckError(f"the update text holds {len(parsed)} operations where one was intended")
    found = parsed[0]
    intended = (op.kind, op.graph, op.target, len(op.statements))
    if (found.kind, found.graph, found.target, found.triples) != intended:
        raise UpdateCheckError(
            f"the update text reads as {found.kind} on <{found.graph}>"
            + (f" to <{found.target}>" if found.target else "")
            + f" ({found.triples} triples) where {op.kind} on <{op.graph}>"
            + (f" to <{op.target}>" if op.target else "")
            + f" ({len(op.statements)} triples) was intended"
        )
    if op.kind in (INSERT_DATA, DELETE_DATA):
        _check_with_oxigraph(text, op)


def checked_text(op: Operation) -> str:
    """The text of ``op``, read back and checked (see the module doc)."""
    text = render(op)
    check_update(text, op)
    return text


def _expected_quads(op: Operation) -> list[Any]:
    """The intended triples as Oxigraph quads, converted from the rdflib terms (not from text)."""
    graph = ox.NamedNode(op.graph)
    iris: dict[Any, Any] = {}
    quads = []
    try:
        for statement in op.statements:
            terms = []
            for term in statement.triple:
                if type(term) is URIRef:
                    found = iris.get(term)
                    if found is None:
                        found = iris[term] = ox.NamedNode(term)
                    terms.append(found)
                else:
                    terms.append(to_oxigraph(term))
            quads.append(ox.Quad(terms[0], terms[1], terms[2], graph))
    except ValueError as exc:
        raise UpdateCheckError(f"the data holds a term no store can take ({exc})") from None
    return quads


def _signature(quads: Any) -> tuple[Counter[tuple[str, ...]], int]:
    """Quads with blank nodes blotted out, and the number of blank nodes: equal for the same
    data under other blank-node labels (labels are per request)."""
    blank: set[str] = set()
    found: Counter[tuple[str, ...]] = Counter()
    for quad in quads:
        key = []
        for term in (quad.subject, quad.predicate, quad.object, quad.graph_name):
            if isinstance(term, ox.BlankNode):
                blank.add(term.value)
                key.append("_:")
            else:
                key.append(str(term))
        found[tuple(key)] += 1
    return found, len(blank)


def _same_quads(scratch: Any, expected: list[Any], blank: bool) -> bool:
    """Whether the scratch store holds exactly ``expected`` (both canonicalised by Oxigraph)."""
    if blank:
        other = ox.Store()
        other.extend(expected)
        return _signature(scratch) == _signature(other)
    held = len(scratch)
    scratch.extend(expected)
    if len(scratch) != held:  # an intended triple was missing
        return False
    for quad in expected:
        scratch.remove(quad)
    return len(scratch) == 0  # nothing unintended was there


def _check_with_oxigraph(text: str, op: Operation) -> None:
    expected = _expected_quads(op)
    blank = any(statement.bnodes for statement in op.statements)
    scratch = ox.Store()
    if op.kind == DELETE_DATA:
        scratch.extend(expected)
    try:
        scratch.update(text)
    except (SyntaxError, ValueError, OSError) as exc:
        raise UpdateCheckError(f"Oxigraph cannot read the update ({str(exc)[:200]})") from None
    same = len(scratch) == 0 if op.kind == DELETE_DATA else _same_quads(scratch, expected, blank)
    if not same:
        raise UpdateCheckError(
            f"Oxigraph reads the {op.kind} for <{op.graph}> as other triples than those intended"
        )


def check_ntriples(body: bytes, statements: Sequence[NTStatement], *, graph: str) -> None:
    """Raise :class:`UpdateCheckError` unless the N-Triples ``body`` is exactly ``statements``."""
    scratch = ox.Store()
    try:
        scratch.load(body, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(graph))
    except (SyntaxError, ValueError, OSError) as exc:
        raise UpdateCheckError(f"the N-Triples upload does not read back ({str(exc)[:200]})") from None
    expected = _expected_quads(Operation(INSERT_DATA, graph, statements=statements))
    if not _same_quads(scratch, expected, any(statement.bnodes for statement in statements)):
        raise UpdateCheckError(f"the N-Triples upload for <{graph}> reads as other triples than those intended")
