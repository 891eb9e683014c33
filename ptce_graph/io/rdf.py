"""Safe parsing of RDF files: Turtle, N-Triples, JSON-LD, RDF/XML.

Untrusted bytes are checked before any parser sees them, and parsed so that
nothing outside them is ever read:

* size is capped; text must be UTF-8 (a BOM is dropped); control characters
  other than tab and newlines are refused (they truncate literals in raptor and
  break XML output);
* very long IRIs are refused, after resolution whatever the syntax (``@prefix``
  and ``@base`` chains, JSON-LD contexts, ``xml:base``), and so is an input
  whose distinct IRIs add up to more than :data:`EXPANSION_FACTOR` times its
  size (prefix amplification: memory grows as IRI length times uses), before
  memory grows (:mod:`ptce_graph.io.rules`);
* Turtle and N-Triples go through Oxigraph's streaming parser, which has no
  recursion limit, checks every IRI strictly (so no datatype IRI can smuggle
  extra triples into what we publish) and reports line and column;
* JSON-LD with a remote ``@context`` or ``@import`` is refused unless the caller
  allows the network; ptce_graph's own context URL maps to the packaged file;
* RDF/XML with a DTD or entities is refused (external entities, billion laughs);
* XSD literals are checked (``"2014-13-45"^^xsd:date`` is an error), and
  ``owl:imports`` are kept as data but never followed.

Errors are :class:`~ptce_graph.errors.InputError` with the file, line and
column; parser messages are rewritten, never echoed raw (they can quote input).
"""

from __future__ import annotations

import codecs
import contextlib
import functools
import io
import json
import os
import re
import warnings
from collections.abc import Callable, Iterable, Iterator
from itertools import count
from typing import Any, BinaryIO

import pyoxigraph as ox
import rdflib
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, XSD

from ptce_graph.errors import DataWarning, InputError, NetworkDisallowedError
from ptce_graph.io.formats import FORMATS
from ptce_graph.io.netguard import no_network
from ptce_graph.io.rules import CONTROL, LONG_IRI, MAX_IRI_LENGTH, iri_problem, is_vocabulary_term, literal_problem
from ptce_graph.namespaces import PREFIXES
from ptce_graph.resources import read_bytes

__all__ = [
    "MAX_INPUT_BYTES",
    "MAX_IRI_LENGTH",
    "EXPANSION_FACTOR",
    "EXPANSION_FLOOR",
    "CONTEXT_URL",
    "parse_rdf",
    "TermRules",
    "checked_quads",
    "scan_file",
    "file_locator",
    "open_without_bom",
    "has_bom",
    "oxigraph_error",
]

#: Inputs larger than this are refused (override with ``max_bytes``).
MAX_INPUT_BYTES = 512 * 1024 * 1024
#: RDF/XML is parsed by rdflib-independent code but kept small all the same.
MAX_XML_BYTES = 64 * 1024 * 1024
#: The distinct IRIs of an input may add up to this many times its size (real data: 0.15 to 0.3)...
EXPANSION_FACTOR = 16
#: ...or to this many characters, for small inputs.
EXPANSION_FLOOR = 1_000_000
#: The URL of ptce_graph's JSON-LD context; documents may cite it, it is never fetched.
CONTEXT_URL = "https://w3id.org/ptce/context.jsonld"

_OX_POSITION = re.compile(r"^Parser error at line (\d+)(?: between columns (\d+) and \d+| column (\d+))?:\s*")
_OX_TAIL = re.compile(r"\s*\(line \d+\)\s*$")
_bnode_batches = count(1)


def _position(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


def _decode(data: bytes, source: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError(
            f"byte 0x{data[exc.start]:02x} is not UTF-8",
            source=source,
            line=line,
            column=column,
            expected="a file saved as UTF-8",
        ) from None


def _prechecks(text: str, source: str) -> None:
    _scan_text([text], source)


def _scan_text(chunks: Iterable[str], source: str) -> None:
    """The rules on the text of an input, given whole or in chunks (a file read as a stream): no
    control character but tab and line breaks, no IRI in angle brackets longer than the cap."""
    tail = ""
    line = 1  # the line where ``tail`` starts
    for chunk in chunks:
        window = tail + chunk
        for pattern in (CONTROL, LONG_IRI):
            m = pattern.search(window)
            if m is None:
                continue
            at, column = _position(window, m.start())
            if pattern is CONTROL:
                raise InputError(
                    f"control character U+{ord(m.group()):04X} in the input", source=source, line=line + at - 1,
                    column=column if at > 1 or not tail else None,
                    expected="text without control characters (other than tab and line breaks)",
                )
            raise InputError(
                f"an IRI of {len(m.group()) - 2} characters", source=source, line=line + at - 1,
                column=column if at > 1 or not tail else None,
                expected=f"IRIs of at most {MAX_IRI_LENGTH} characters",
            )
        tail = window[-(MAX_IRI_LENGTH + 2):]
        line += window.count("\n") - tail.count("\n")


_BOM = b"\xef\xbb\xbf"
_CHUNK = 4 * 1024 * 1024


def has_bom(path: str | os.PathLike[str]) -> bool:
    """True when the file starts with a UTF-8 byte-order mark (Oxigraph refuses it: :func:`open_without_bom`)."""
    with open(path, "rb") as handle:
        return handle.read(3) == _BOM


@contextlib.contextmanager
def open_without_bom(path: str | os.PathLike[str]) -> Iterator[BinaryIO]:
    """A file opened for reading, past its UTF-8 byte-order mark if it has one (Oxigraph refuses it)."""
    with open(path, "rb") as handle:
        if handle.read(3) != _BOM:
            handle.seek(0)
        yield handle


def _text_chunks(path: str | os.PathLike[str], source: str) -> Iterator[str]:
    """The text of a UTF-8 file in chunks (its byte-order mark dropped); a located error if it is not UTF-8."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    line = 1
    with open_without_bom(path) as handle:
        while True:
            block = handle.read(_CHUNK)
            try:
                text = decoder.decode(block, final=not block)
            except UnicodeDecodeError as exc:
                problem = (f"byte 0x{block[exc.start]:02x} is not UTF-8" if exc.start < len(block)
                           else "the file ends inside a UTF-8 character")
                raise InputError(problem, source=source, line=line + block.count(b"\n", 0, exc.start),
                                 expected="a file saved as UTF-8") from None
            line += text.count("\n")
            if text:
                yield text
            if not block:
                return


def scan_file(path: str | os.PathLike[str], *, source: str | None = None, max_bytes: int = MAX_INPUT_BYTES) -> None:
    """The text rules of :func:`parse_rdf` on a file read as a stream (registries larger than memory
    is comfortable with): size, UTF-8 (a byte-order mark allowed), control characters, long IRIs."""
    name = source or str(path)
    size = os.path.getsize(path)
    if size > max_bytes:
        raise InputError(f"the input is {size} bytes", source=name,
                         expected=f"at most {max_bytes} bytes (raise max_bytes knowingly)")
    _scan_text(_text_chunks(path, name), name)


def file_locator(path: str | os.PathLike[str]) -> Callable[[str], int | None]:
    """For messages: the line of a piece of text in a file, found by reading it again (errors only)."""

    def locate(needle: str) -> int | None:
        if not needle:
            return None
        line, tail = 1, ""
        for chunk in _text_chunks(path, str(path)):
            window = tail + chunk
            index = window.find(needle)
            if index >= 0:
                return line + window.count("\n", 0, index)
            tail = window[-len(needle):]
            line += window.count("\n") - tail.count("\n")
        return None

    return locate


def _line_of(text: str, needle: str) -> int | None:
    index = text.find(needle)
    return None if index < 0 else text.count("\n", 0, index) + 1


class TermRules:
    """The rules every reader applies to the terms of one input (:mod:`ptce_graph.io.rules`).

    One instance per input, shared by the two ways ptce_graph reads RDF - into an
    rdflib graph (:func:`parse_rdf`) and straight into an Oxigraph store
    (:func:`checked_quads`, for registries): the same checks, the same messages.
    Each distinct IRI is checked once, after resolution, and counted against
    the expansion budget before it is kept (a prefix or base that multiplies
    long IRIs is refused while memory is still small); triples describing a
    vocabulary term are dropped, and :meth:`finish` says so.  ``locate`` finds
    the line of a piece of text in the input, for messages.
    """

    def __init__(self, source: str, size: int, locate: Callable[[str], int | None], *,
                 vocabulary: bool = False) -> None:
        self.source = source
        self.describes_vocabulary = vocabulary  # ptce_graph's own files: their terms are theirs to describe
        self.locate = locate
        self.budget = max(EXPANSION_FACTOR * size, EXPANSION_FLOOR)
        self.expanded = 0
        self.seen: set[str] = set()  # IRIs checked
        self.vocabulary: set[str] = set()  # of those, terms data may not describe
        self.local: list[str] = []  # file: IRIs
        self.dropped = 0
        self.dropped_subjects: set[str] = set()
        self.first_dropped: str | None = None
        self.typed: set[tuple[str, str]] = set()  # typed literals checked (dates and years repeat)

    def iri(self, value: str) -> None:
        if value in self.seen:
            return
        problem = iri_problem(value)
        if problem is not None:
            raise InputError(
                f"{problem}: <{value[:80]}{'…' if len(value) > 80 else ''}>",
                source=self.source,
                line=self.locate(value[:200]) or self.locate(value[-40:]),
                expected=f"absolute IRIs (RFC 3987) of at most {MAX_IRI_LENGTH} characters",
            )
        self.expanded += len(value)
        if self.expanded > self.budget:
            raise InputError(
                f"the IRIs of the input add up to more than {self.budget} characters, "
                f"{EXPANSION_FACTOR} times its size: prefixes or a base multiply long IRIs",
                source=self.source,
                expected="IRIs that do not expand far beyond the text of the input",
            )
        if value[:5].lower() == "file:":
            self.local.append(value)
        if not self.describes_vocabulary and is_vocabulary_term(value):
            self.vocabulary.add(value)
        self.seen.add(value)

    def literal(self, value: str, language: str | None, datatype: str) -> None:
        if CONTROL.search(value):
            raise InputError("a literal contains a control character", source=self.source,
                             line=self.locate(value[:40]) if value else None,
                             expected="text without control characters")
        if language or datatype == _XSD_STRING:
            return
        self.iri(datatype)
        if (value, datatype) in self.typed:
            return
        problem = literal_problem(value, datatype)
        if problem is not None:
            short = datatype.rsplit("#", 1)[-1] if datatype.startswith(str(XSD)) else datatype[:80]
            raise InputError(
                f"{value[:80]!r} is not a valid {'xsd:' + short if datatype.startswith(str(XSD)) else short}",
                source=self.source,
                line=self.locate(f'"{value[:200]}"') or self.locate(value[:200]),
                expected=problem,
            )
        if len(self.typed) < 100_000:
            self.typed.add((value, datatype))

    def drop(self, subject: str) -> None:
        """A triple describing a vocabulary term, left out."""
        self.dropped += 1
        self.dropped_subjects.add(subject)
        if self.first_dropped is None:
            self.first_dropped = subject

    def finish(self, imports: Iterable[str] = ()) -> None:
        """The warnings of the input: triples dropped, ``file:`` IRIs, ``owl:imports`` not followed."""
        if self.dropped:
            example = self.first_dropped or ""
            local_name = re.split(r"[/#:]", example)[-1]
            line = self.locate(f"<{example}>") or (self.locate(f":{local_name}") if local_name else None)
            where = f"{self.source}:{line}" if line else self.source
            warnings.warn(DataWarning(
                f"{where}: {self.dropped} triple(s) describe terms of ptce_graph's vocabularies "
                f"(e.g. <{example[:80]}>); they were left out: data cannot change the ontology, the legal forms "
                "or the shapes by which every pole is judged",
                f"{where} : {self.dropped} triplet(s) décrivent des termes des vocabulaires de ptce_graph "
                f"(p. ex. <{example[:80]}>) ; ils sont ignorés : les données ne peuvent pas modifier l'ontologie, "
                "les formes juridiques ni les formes SHACL qui jugent chaque pôle",
            ), stacklevel=3)
        if self.local:
            local = sorted(self.local)
            warnings.warn(
                f"{self.source}: {len(local)} IRI(s) use the file: scheme (e.g. <{local[0][:80]}>); they name local "
                "files, which ptce_graph never reads, and should not be published",
                DataWarning,
                stacklevel=3,
            )
        for target in sorted(imports):
            warnings.warn(
                f"{self.source}: owl:imports <{target}> is kept as data and not followed (ptce_graph never fetches "
                "imports)",
                DataWarning,
                stacklevel=3,
            )


_XSD_STRING = str(XSD.string)
_OX_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "xml": ox.RdfFormat.RDF_XML}
_OWL_IMPORTS = str(OWL.imports)


def checked_quads(data: Any, *, format: str, rules: TermRules, base: str | None = None) -> Iterator[Any]:
    """Oxigraph's quads of Turtle, N-Triples or RDF/XML (bytes or a binary file), each term checked by
    ``rules``; triples describing a vocabulary term are left out.  Syntax errors are Oxigraph's
    ``SyntaxError``, for the caller to locate.  Used by :func:`parse_rdf` and by the registry's
    store (:meth:`ptce_graph.publish.EmbeddedStore.load_file`): one set of checks."""
    named, literal_type, blank = ox.NamedNode, ox.Literal, ox.BlankNode
    seen, vocabulary, check_iri, check_literal = rules.seen, rules.vocabulary, rules.iri, rules.literal
    typed, control = rules.typed, CONTROL.search  # the checks of TermRules.literal, inlined for speed
    for quad in ox.parse(data, format=_OX_FORMATS[format], base_iri=base):
        subject, obj = quad.subject, quad.object
        if type(subject) is named:
            value = subject.value
            if value not in seen:
                check_iri(value)
            if value in vocabulary:
                rules.drop(value)
                continue
        elif type(subject) is not blank:
            raise InputError("RDF-star quoted triples are not supported", source=rules.source,
                             expected="plain RDF 1.1 triples")
        value = quad.predicate.value
        if value not in seen:
            check_iri(value)
        kind = type(obj)
        if kind is named:
            value = obj.value
            if value not in seen:
                check_iri(value)
        elif kind is literal_type:
            text = obj.value
            if control(text):
                check_literal(text, None, _XSD_STRING)  # raises, located
            if not obj.language:
                datatype = obj.datatype.value
                if datatype != _XSD_STRING and (datatype not in seen or (text, datatype) not in typed):
                    check_literal(text, None, datatype)
        elif kind is not blank:
            raise InputError("RDF-star quoted triples are not supported", source=rules.source,
                             expected="plain RDF 1.1 triples")
        yield quad


class _Converter:
    """Turns checked Oxigraph terms into rdflib terms (each IRI made once)."""

    def __init__(self) -> None:
        self.batch = f"b{next(_bnode_batches)}x"
        self.cache: dict[str, URIRef] = {}

    def node(self, term: Any) -> rdflib.term.Node:
        if isinstance(term, ox.NamedNode):
            value = term.value
            cached = self.cache.get(value)
            if cached is None:
                cached = self.cache[value] = URIRef(value)
            return cached
        if isinstance(term, ox.BlankNode):
            return BNode(self.batch + term.value)
        return self.literal(term)

    def literal(self, term: ox.Literal) -> Literal:
        if term.language:
            return Literal(term.value, lang=term.language.lower())
        datatype = term.datatype.value
        if datatype == _XSD_STRING:
            return Literal(term.value)
        dt = self.cache.get(datatype)
        if dt is None:
            dt = self.cache[datatype] = URIRef(datatype)
        return Literal(term.value, datatype=dt)


def oxigraph_error(exc: Exception, source: str, fmt: str) -> InputError:
    message = str(exc)
    line = column = None
    m = _OX_POSITION.match(message)
    if m:
        line = int(m.group(1))
        column = int(m.group(2) or m.group(3)) if (m.group(2) or m.group(3)) else None
        message = message[m.end():]
    else:
        lineno = getattr(exc, "lineno", None)
        line = lineno if isinstance(lineno, int) and lineno > 0 else None
        offset = getattr(exc, "offset", None)
        column = offset if isinstance(offset, int) and offset > 0 else None
    message = _OX_TAIL.sub("", message).strip() or "syntax error"
    # Oxigraph quotes the offending token: keep it short, never a whole line of input.
    message = re.sub(r"\S{41,}", lambda m: m.group()[:40] + "…", message)
    if len(message) > 200:
        message = message[:200] + "…"
    names = {"turtle": "Turtle", "nt": "N-Triples", "xml": "RDF/XML"}
    return InputError(f"{names.get(fmt, fmt)} syntax error: {message}", source=source, line=line, column=column,
                      expected=f"valid {names.get(fmt, fmt)}")


def _parse_with_oxigraph(text: str, fmt: str, source: str, base: str | None, rules: TermRules) -> Graph:
    graph = Graph(bind_namespaces="none")
    node = _Converter().node
    add = graph.add
    try:
        for quad in checked_quads(text.encode("utf-8"), format=fmt, rules=rules, base=base):
            add((node(quad.subject), node(quad.predicate), node(quad.object)))
    except SyntaxError as exc:
        if fmt == "xml":
            raise _xml_error(text, source, exc) from None
        raise _at_content(oxigraph_error(exc, source, fmt), text) from None
    except (ValueError, OSError) as exc:
        raise oxigraph_error(exc, source, fmt) from None
    if fmt == "turtle":
        for prefix, ns in re.findall(r"(?im)^\s*@?prefix\s+([A-Za-z][\w.-]*)?:\s*<([^>]*)>", text):
            if prefix:
                try:
                    graph.bind(prefix, ns, override=False)
                except Exception:  # noqa: BLE001 - binding is cosmetic
                    pass
    return graph


def _at_content(error: InputError, text: str) -> InputError:
    """An error the parser places after the end of the content (a statement cut
    short) is reported on the last line that has content."""
    lines = text.split("\n")  # only \n ends a line of RDF (splitlines would also split at U+2028...)
    last = max((i + 1 for i, line in enumerate(lines) if line.strip()), default=1)
    if error.line is not None and error.line > last:
        return InputError(error.problem, source=error.source, line=last, expected=error.expected)
    return error


_BAD_IRI = re.compile(r'[\s<>"{}|^`\\]')
#: The base given to rdflib's JSON-LD parser when the caller gives none: without one, rdflib resolves
#: relative IRIs against the current directory (file:///home/...).  Whatever resolves against this
#: one was relative, and is refused.  Its scheme is one Python's urljoin resolves against, so that
#: every kind of relative reference keeps it ("//host/x" included, which keeps only the scheme),
#: and one no document uses (prospero, RFC 4157, historic); its host is reserved (RFC 2606).
NO_BASE = "prospero://no-base.invalid/"
_NO_BASE_SCHEME = "prospero:"


def _jsonld_bad_iri(doc: Any, path: str = "$") -> tuple[str, str] | None:
    """The first ``@id`` / ``@type`` value that cannot be an IRI (rdflib drops them silently)."""
    if isinstance(doc, dict):
        for key, value in doc.items():
            if key in ("@id", "@type", "@vocab", "@base"):
                for item in value if isinstance(value, list) else [value]:
                    if isinstance(item, str) and _BAD_IRI.search(item):
                        return f"{path}.{key}", item
            if key != "@context" and isinstance(value, (dict, list)):
                found = _jsonld_bad_iri(value, f"{path}.{key}")
                if found:
                    return found
    elif isinstance(doc, list):
        for i, item in enumerate(doc):
            found = _jsonld_bad_iri(item, f"{path}[{i}]")
            if found:
                return found
    return None


def _xml_error(text: str, source: str, exc: Exception) -> InputError:
    import xml.sax

    class _Quiet(xml.sax.handler.ContentHandler):
        pass

    parser = xml.sax.make_parser()
    parser.setFeature(xml.sax.handler.feature_external_ges, False)
    parser.setFeature(xml.sax.handler.feature_external_pes, False)
    parser.setContentHandler(_Quiet())
    try:
        parser.parse(io.BytesIO(text.encode("utf-8")))
    except xml.sax.SAXParseException as sax:
        return InputError(f"XML syntax error: {sax.getMessage()}", source=source, line=sax.getLineNumber(),
                          column=(sax.getColumnNumber() or 0) + 1, expected="well-formed RDF/XML")
    except Exception:  # noqa: BLE001
        pass
    return oxigraph_error(exc, source, "xml")


def _jsonld_external(doc: Any, path: str = "$") -> str | None:
    """Path of the first remote ``@context``/``@import`` in a JSON-LD document."""
    if isinstance(doc, dict):
        for key, value in doc.items():
            if key == "@import":
                return f"{path}.@import"
            if key == "@context":
                items = value if isinstance(value, list) else [value]
                for i, item in enumerate(items):
                    if isinstance(item, str) and item != CONTEXT_URL:
                        return f"{path}.@context" + (f"[{i}]" if isinstance(value, list) else "")
                    if isinstance(item, dict):
                        found = _jsonld_external(item, f"{path}.@context")
                        if found:
                            return found
            elif isinstance(value, (dict, list)):
                found = _jsonld_external(value, f"{path}.{key}")
                if found:
                    return found
    elif isinstance(doc, list):
        for i, item in enumerate(doc):
            found = _jsonld_external(item, f"{path}[{i}]")
            if found:
                return found
    return None


def _inline_our_context(doc: Any, context: dict[str, Any]) -> Any:
    if isinstance(doc, dict):
        out = {}
        for key, value in doc.items():
            if key == "@context":
                if value == CONTEXT_URL:
                    value = context
                elif isinstance(value, list):
                    value = [context if v == CONTEXT_URL else v for v in value]
            out[key] = _inline_our_context(value, context) if key != "@context" else value
        return out
    if isinstance(doc, list):
        return [_inline_our_context(v, context) for v in doc]
    return doc


def packaged_context() -> dict[str, Any]:
    """ptce_graph's JSON-LD context (the ``@context`` value), from the package."""

    try:
        document = json.loads(read_bytes("ontology", "context.jsonld").decode("utf-8"))
    except FileNotFoundError:
        return dict(PREFIXES)
    return document.get("@context", document)


def _parse_jsonld(text: str, source: str, allow_network: bool, base: str | None, rules: TermRules) -> Graph:
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"JSON syntax error: {exc.msg}", source=source, line=exc.lineno, column=exc.colno,
                         expected="valid JSON-LD") from None
    except RecursionError:
        raise InputError(
            "JSON nested too deeply", source=source, expected="a JSON-LD document of reasonable depth"
        ) from None
    if not allow_network:
        where = _jsonld_external(doc)
        if where:
            raise NetworkDisallowedError(
                f"the JSON-LD document refers to a remote context at {where}; it was not fetched",
                source=source,
                line=_line_of(text, '"@context"') if "context" in where else _line_of(text, '"@import"'),
                expected=f"an inline @context or {CONTEXT_URL} (or allow the network knowingly)",
            )
    _jsonld_expansion(doc, len(text), source)
    bad = _jsonld_bad_iri(doc)
    if bad:
        where, value = bad
        raise InputError(
            f"{where} is {value[:80]!r}, which is not an IRI",
            source=source,
            line=_line_of(text, json.dumps(value)[1:-1][:40]),
            expected="absolute IRIs (RFC 3987) or compact IRIs",
        )
    doc = _inline_our_context(doc, packaged_context())
    graph = Graph(bind_namespaces="none")
    try:
        if allow_network:
            graph.parse(data=json.dumps(doc), format="json-ld", base=base or NO_BASE)
        else:
            with no_network():
                graph.parse(data=json.dumps(doc), format="json-ld", base=base or NO_BASE)
    except PermissionError as exc:
        raise NetworkDisallowedError(str(exc), source=source) from None
    except RecursionError:
        raise InputError("JSON-LD nested too deeply", source=source,
                         expected="a JSON-LD document of reasonable depth") from None
    except Exception as exc:  # noqa: BLE001 - rdflib raises many types
        raise InputError(f"JSON-LD could not be read ({type(exc).__name__})", source=source,
                         expected="valid JSON-LD 1.1") from None
    return _recheck(graph, rules)


def _relative(iri: str, rules: TermRules) -> InputError:
    relative = iri[len(NO_BASE):] if iri.startswith(NO_BASE) else iri[len(_NO_BASE_SCHEME):]
    return InputError(
        f"the relative IRI {relative[:80]!r} has no base to resolve it against",
        source=rules.source,
        line=rules.locate(f'"{relative}"') or rules.locate(f'/{relative}"') or rules.locate(relative),
        expected="absolute IRIs, an absolute @base in the @context, or a base given to the loader",
    )


def _recheck(graph: Graph, rules: TermRules) -> Graph:
    """Check the terms of a graph parsed by rdflib (JSON-LD) by the rules of the other syntaxes."""
    clean = Graph(bind_namespaces="none")
    add = clean.add
    for s, p, o in graph:
        for term in (s, p, o):
            if isinstance(term, URIRef):
                if str(term).startswith(_NO_BASE_SCHEME):
                    raise _relative(str(term), rules)
                rules.iri(str(term))
            elif isinstance(term, Literal):
                datatype = str(term.datatype) if term.datatype is not None else _XSD_STRING
                if datatype.startswith(_NO_BASE_SCHEME):
                    raise _relative(datatype, rules)
                rules.literal(str(term), term.language, datatype)
        if isinstance(s, URIRef) and str(s) in rules.vocabulary:
            rules.drop(str(s))
            continue
        if isinstance(o, Literal) and o.language and o.language != o.language.lower():
            o = Literal(str(o), lang=o.language.lower())
        add((s, p, o))
    return clean


def _jsonld_expansion(doc: Any, size: int, source: str) -> None:
    """Refuse, before rdflib expands anything, a document whose contexts could multiply long IRIs.

    Each key or string of the document expands at most by the longest IRI its
    contexts define (a prefix, a term, ``@vocab``, ``@base``); their number
    times that length is a bound on the growth, checked against the budget of
    the other syntaxes.
    """
    longest = 0
    strings = 0
    stack: list[tuple[Any, bool]] = [(doc, False)]
    while stack:
        node, in_context = stack.pop()
        if isinstance(node, dict):
            for key, value in node.items():
                if in_context:
                    for iri in (value, value.get("@id") if isinstance(value, dict) else None, key):
                        if isinstance(iri, str):
                            longest = max(longest, len(iri))
                else:
                    strings += 1
                stack.append((value, in_context or key == "@context"))
        elif isinstance(node, list):
            stack.extend((item, in_context) for item in node)
        elif isinstance(node, str) and not in_context:
            strings += 1
    if longest > MAX_IRI_LENGTH:
        raise InputError(f"an IRI of {longest} characters in a @context", source=source,
                         expected=f"IRIs of at most {MAX_IRI_LENGTH} characters")
    budget = max(EXPANSION_FACTOR * size, EXPANSION_FLOOR)
    if strings * longest > budget:
        raise InputError(
            f"the document's contexts could expand its {strings} keys and values by IRIs of {longest} "
            f"characters each, more than {EXPANSION_FACTOR} times its size",
            source=source,
            expected="contexts whose IRIs do not multiply far beyond the text of the document",
        )


def parse_rdf(
    data: bytes,
    *,
    format: str,
    source: str = "<input>",
    allow_network: bool = False,
    base: str | None = None,
    max_bytes: int = MAX_INPUT_BYTES,
    vocabulary: bool = False,
) -> Graph:
    """Parse untrusted RDF bytes into a new graph, safely (see module doc).

    ``vocabulary`` says the bytes are ptce_graph's own ontology or shapes (or
    documentation of shapes): they describe vocabulary terms by design, so those
    triples are kept; every other check still applies.
    """
    fmt = FORMATS.get(format.lower())
    if fmt is None:
        raise InputError(f"unknown RDF format {format!r}", source=source,
                         expected="turtle, nt, json-ld or xml")
    limit = min(max_bytes, MAX_XML_BYTES) if fmt == "xml" else max_bytes
    if len(data) > limit:
        raise InputError(f"the input is {len(data)} bytes", source=source,
                         expected=f"at most {limit} bytes (raise max_bytes knowingly)")
    text = _decode(data, source)
    if not text.strip():
        raise InputError("the file is empty", source=source, line=1, expected=f"{fmt} RDF data")
    _prechecks(text, source)
    if fmt == "xml":
        m = re.search(r"<!\s*(DOCTYPE|ENTITY)", text, re.IGNORECASE)
        if m:
            line, column = _position(text, m.start())
            raise InputError(
                f"RDF/XML with a <!{m.group(1).upper()}> declaration is refused (external entities and entity "
                "expansion are attack vectors)",
                source=source,
                line=line,
                column=column,
                expected="RDF/XML without a DTD",
            )
    rules = TermRules(source, len(text), functools.partial(_line_of, text), vocabulary=vocabulary)
    if fmt == "json-ld":
        graph = _parse_jsonld(text, source, allow_network, base, rules)
    else:
        graph = _parse_with_oxigraph(text, fmt, source, base, rules)
    rules.finish(str(o) for o in graph.objects(None, OWL.imports))
    return graph
