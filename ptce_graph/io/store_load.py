"""Turtle and N-Triples files straight into an Oxigraph store, checked as :func:`ptce_graph.load` checks them.

Why: a registry of 1,000 poles is 0.8 million triples; parsing it into rdflib
took ~30 s and a gigabyte and a half, Oxigraph loads it into its store in a
few seconds.  What reaches the store must still be what
:func:`~ptce_graph.io.rdf.parse_rdf` accepts, with the same warnings, so that
``ptce validate registre.ttl`` says the same whichever way the data came in.
:func:`load_into_store` reads the bytes once first (:class:`_Scan`, a few
``bytes.find`` and ``translate`` per block, no regular expression):

* a control character, a token longer than an IRI may be, an RDF-star
  ``<<`` or an empty file: only the full parse reports these right;
* in a *plain* file — no backslash escape that can write a control
  character or a ``file:`` IRI, no ``file:``, no ``owl:imports``, no derived
  integer datatype (``xsd:nonNegativeInteger``…), no number over
  :data:`~ptce_graph.io.lexical.MAX_NUMBER_LENGTH` digits — nothing
  ``parse_rdf`` checks can hide from the store, which Oxigraph then loads in
  Rust; the typed literals it holds are then checked with
  :func:`~ptce_graph.io.lexical.lexical_error` (an invalid value stays as
  written; a valid one becomes its canonical form, valid as well);
* any other file streams through Python, each term checked before the store
  turns it into a value (it would keep ``"300"^^xsd:byte`` as
  ``"300"^^xsd:integer``), ``file:`` IRIs and ``owl:imports`` warned about with
  the words of ``parse_rdf``.

Blank nodes are renamed per file, as :func:`~ptce_graph.load_all` keeps files
apart.  Whatever it does not accept raises :class:`NeedsFullParse`, the store
left as it was: the caller then runs :func:`ptce_graph.load`, which reports
the problem with its line and column (or accepts what was only unusual).
"""

from __future__ import annotations

import gc
import os
import re
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox

from ptce_graph.io.lexical import _INTEGER_BOUNDS, MAX_NUMBER_LENGTH, lexical_error
from ptce_graph.io.rdf import _CONTROL, MAX_INPUT_BYTES, MAX_IRI_LENGTH, is_local_iri, warn_local_and_imports

__all__ = ["load_into_store", "NeedsFullParse"]


class NeedsFullParse(Exception):
    """The file holds something only :func:`ptce_graph.load` reports (or accepts) the right way."""


_CHUNK = 4 * 1024 * 1024
_BOM = b"\xef\xbb\xbf"
#: Every byte but the C0 controls other than tab, newline and carriage return, and DEL.
_NOT_CONTROL = bytes(range(0x20, 0x7F)) + b"\t\n\r" + bytes(range(0x80, 0x100))
#: Bytes -> b"a" inside a token, b" " for what ends one (white space, quotes, angle brackets): tokens as runs of b"a".
_TOKENS = bytes(b" "[0] if chr(b) in ' \t\n\r<>"' else b"a"[0] for b in range(256))
#: Bytes -> b"0" for an ASCII digit, b" " otherwise: numbers as runs of b"0".
_DIGITS = bytes(b"0"[0] if 0x30 <= b <= 0x39 else b" "[0] for b in range(256))
#: Escapes that can write a control character (or any character of an IRI).
_ESCAPES = (b"\\u", b"\\U", b"\\b", b"\\f")
#: The datatype of a literal, as written after ``^^`` (an IRI or a prefixed name).
_DATATYPE = re.compile(rb"\^\^(<[^>]*>|[^\s;,.)\]]*)")
#: Datatypes Oxigraph stores as ``xsd:integer`` (their bounds would no longer be checked): their local names.
_DERIVED_INTEGERS = frozenset(
    iri.rsplit("#", 1)[1].encode() for iri in _INTEGER_BOUNDS if iri != "http://www.w3.org/2001/XMLSchema#integer"
)
_BATCH = 100_000

_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES}
_XSD_STRING = ox.NamedNode("http://www.w3.org/2001/XMLSchema#string")
_OWL_IMPORTS = ox.NamedNode("http://www.w3.org/2002/07/owl#imports")
_TYPED_LITERALS = """SELECT DISTINCT ?o WHERE {{ GRAPH {graph} {{ ?s ?p ?o }}
  FILTER (isLiteral(?o) && DATATYPE(?o) != <http://www.w3.org/2001/XMLSchema#string> && LANG(?o) = "") }}"""


class _Scan:
    """What the bytes of a file say before it is parsed (see the module docstring)."""

    def __init__(self, path: Path) -> None:
        if path.stat().st_size > MAX_INPUT_BYTES:
            raise NeedsFullParse("too large")
        self.plain = True
        blank = True
        tail = b""
        with open(path, "rb") as handle:
            block = handle.read(_CHUNK)
            self.bom = block.startswith(_BOM)
            while block:
                if block.translate(None, _NOT_CONTROL):
                    raise NeedsFullParse("a control character")
                window = tail + block
                if b"<<" in window:
                    raise NeedsFullParse("RDF-star")
                tokens = window.translate(_TOKENS)
                if b"a" * (MAX_NUMBER_LENGTH + 1) in tokens:  # rare: then look closer
                    if b"a" * (MAX_IRI_LENGTH + 1) in tokens:
                        raise NeedsFullParse("an overlong IRI")
                    if b"0" * (MAX_NUMBER_LENGTH + 1) in window.translate(_DIGITS):
                        self.plain = False
                blank = blank and not block.strip()
                if self.plain and (
                    (b"\\" in window and any(escape in window for escape in _ESCAPES))
                    or b"imports" in window
                    or b"file:" in window.lower()
                    or any(_local_name(d) in _DERIVED_INTEGERS for d in set(_DATATYPE.findall(window)))
                ):
                    self.plain = False
                tail = window[-(MAX_IRI_LENGTH + 2):]
                block = handle.read(_CHUNK)
        if blank:
            raise NeedsFullParse("an empty file")


def _local_name(datatype: bytes) -> bytes:
    """``xsd:int`` or ``<…#int>`` -> ``int``."""
    return datatype.rstrip(b">").rsplit(b"#", 1)[-1].rsplit(b":", 1)[-1].rsplit(b"/", 1)[-1]


def load_into_store(store: ox.Store, path: str | os.PathLike[str], *, graph: Any, format: str) -> int:
    """Add the triples of a Turtle (``format="turtle"``) or N-Triples (``"nt"``) file to ``graph`` of ``store``.

    ``graph``: a named graph (Oxigraph ``NamedNode``).  Returns how many
    triples the store gained.  Raises :class:`NeedsFullParse` (the store left
    as it was) for anything :func:`ptce_graph.load` must report or may accept
    differently.
    """
    source = Path(path)
    scan = _Scan(source)
    # Into the graph itself when it is empty (undone by removing it); else through a staging graph.
    empty = next(iter(store.quads_for_pattern(None, None, None, graph)), None) is None
    target = graph if empty else ox.NamedNode(f"urn:ptce:staging:{os.urandom(16).hex()}")
    before = 0 if next(iter(store), None) is None else len(store)  # len() is a pass over the store
    collecting = gc.isenabled()
    gc.disable()  # a million short-lived terms, no cycle among them: collections would be wasted
    try:
        with open(source, "rb") as handle:
            if scan.bom:
                handle.read(len(_BOM))
            if scan.plain:
                _load_plain(store, handle, target, format)
                local: set[str] = set()
                imports: list[str] = []
            else:
                local, imports = _stream(store, handle, target, format)
        if target != graph:
            store.update(f"ADD {target} TO {graph}")
            store.remove_graph(target)
    except BaseException:
        store.remove_graph(target)
        raise
    finally:
        if collecting:
            gc.enable()
    warn_local_and_imports(str(source), local, imports, stacklevel=3)
    return len(store) - before


def _load_plain(store: ox.Store, handle: IO[bytes], target: Any, format: str) -> None:
    """Oxigraph's own load (one transaction), then each distinct typed literal's lexical form."""
    try:
        store.load(handle, _FORMATS[format], to_graph=target)
    except (SyntaxError, ValueError, OSError) as exc:
        raise NeedsFullParse(f"the parser refused it: {type(exc).__name__}") from None
    for row in store.query(_TYPED_LITERALS.format(graph=target)):  # type: ignore[union-attr]
        literal = row[0]
        if lexical_error(literal.value, literal.datatype.value):
            raise NeedsFullParse("a literal's lexical form")


def _stream(store: ox.Store, handle: IO[bytes], target: Any, format: str) -> tuple[set[str], list[str]]:
    """Parse and check the file into ``target``, a batch at a time; the ``file:`` IRIs and imports found."""
    checked: set[Any] = set()  # literals already found right
    local: set[str] = set()
    imports: list[str] = []
    parsed = iter(ox.parse(handle, _FORMATS[format], rename_blank_nodes=True, without_named_graphs=True))
    Literal, NamedNode, Quad = ox.Literal, ox.NamedNode, ox.Quad  # noqa: N806 - read once per triple
    done = False

    def batch() -> Any:
        nonlocal done
        left = _BATCH
        for t in parsed:
            s, p, o = t.subject, t.predicate, t.object
            if type(o) is Literal:
                if o not in checked:
                    datatype = o.datatype
                    if _CONTROL.search(o.value) or (
                            datatype != _XSD_STRING and not o.language and lexical_error(o.value, datatype.value)):
                        raise NeedsFullParse("a literal")
                    checked.add(o)
            elif type(o) is NamedNode:
                if is_local_iri(o.value):
                    local.add(o.value)
            elif type(o) is not ox.BlankNode:
                raise NeedsFullParse("an RDF-star term")
            if type(s) is NamedNode and is_local_iri(s.value):
                local.add(s.value)
            elif type(s) is not NamedNode and type(s) is not ox.BlankNode:
                raise NeedsFullParse("an RDF-star term")
            if is_local_iri(p.value):
                local.add(p.value)
            if p == _OWL_IMPORTS:
                imports.append(o.value)
            yield Quad(s, p, o, target)
            left -= 1
            if not left:
                return
        done = True

    try:
        while not done:
            store.extend(batch())
    except (SyntaxError, ValueError, OSError) as exc:
        raise NeedsFullParse(f"the parser refused it: {type(exc).__name__}") from None
    return local, imports
