"""Safe parsing of RDF files: Turtle, N-Triples, JSON-LD, RDF/XML.

Untrusted bytes are checked before any parser sees them, and parsed so that
nothing outside them is ever read:

* size is capped; text must be UTF-8 (a BOM is dropped); control characters
  other than tab and newlines are refused (they truncate literals in raptor and
  break XML output);
* very long IRIs are refused (prefix amplification: memory grows as IRI length
  times uses);
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

import io
import json
import re
import warnings
from itertools import count
from typing import Any

import pyoxigraph as ox
import rdflib
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, XSD

from ptce_graph.errors import DataWarning, InputError, NetworkDisallowedError
from ptce_graph.io.lexical import lexical_error
from ptce_graph.io.netguard import no_network

__all__ = [
    "RDF_FORMATS",
    "EXTENSIONS",
    "MAX_INPUT_BYTES",
    "MAX_IRI_LENGTH",
    "CONTEXT_URL",
    "format_from_name",
    "parse_rdf",
]

#: Formats accepted, with the names rdflib users know.
RDF_FORMATS: dict[str, str] = {
    "turtle": "turtle",
    "ttl": "turtle",
    "nt": "nt",
    "ntriples": "nt",
    "n-triples": "nt",
    "json-ld": "json-ld",
    "jsonld": "json-ld",
    "xml": "xml",
    "rdf/xml": "xml",
    "rdfxml": "xml",
    "application/rdf+xml": "xml",
}

EXTENSIONS: dict[str, str] = {
    ".ttl": "turtle",
    ".turtle": "turtle",
    ".nt": "nt",
    ".ntriples": "nt",
    ".jsonld": "json-ld",
    ".json": "json-ld",
    ".rdf": "xml",
    ".owl": "xml",
    ".xml": "xml",
}

#: Inputs larger than this are refused (override with ``max_bytes``).
MAX_INPUT_BYTES = 512 * 1024 * 1024
#: RDF/XML is parsed by rdflib-independent code but kept small all the same.
MAX_XML_BYTES = 64 * 1024 * 1024
#: Longer IRIs are refused: a real IRI is never this long, an amplification attack is.
MAX_IRI_LENGTH = 4096
#: The URL of ptce_graph's JSON-LD context; documents may cite it, it is never fetched.
CONTEXT_URL = "https://w3id.org/ptce/context.jsonld"

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_LONG_IRI = re.compile(rf"<[^<>\s\"]{{{MAX_IRI_LENGTH + 1},}}>")
_OX_POSITION = re.compile(r"^Parser error at line (\d+)(?: between columns (\d+) and \d+| column (\d+))?:\s*")
_OX_TAIL = re.compile(r"\s*\(line \d+\)\s*$")
_bnode_batches = count(1)


def format_from_name(name: str) -> str | None:
    """The RDF format implied by a file name's extension, or None."""
    lowered = name.lower()
    for ext, fmt in EXTENSIONS.items():
        if lowered.endswith(ext):
            return fmt
    return None


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
    m = _CONTROL.search(text)
    if m:
        line, column = _position(text, m.start())
        raise InputError(
            f"control character U+{ord(m.group()):04X} in the input",
            source=source,
            line=line,
            column=column,
            expected="text without control characters (other than tab and line breaks)",
        )
    m = _LONG_IRI.search(text)
    if m:
        line, column = _position(text, m.start())
        raise InputError(
            f"an IRI of {len(m.group()) - 2} characters",
            source=source,
            line=line,
            column=column,
            expected=f"IRIs of at most {MAX_IRI_LENGTH} characters",
        )


def _line_of(text: str, needle: str) -> int | None:
    index = text.find(needle)
    return None if index < 0 else text.count("\n", 0, index) + 1


class _Converter:
    """Turns Oxigraph terms into rdflib terms, checking literals on the way."""

    def __init__(self, text: str, source: str) -> None:
        self.text = text
        self.source = source
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
        if isinstance(term, ox.Literal):
            return self.literal(term)
        raise InputError("RDF-star quoted triples are not supported", source=self.source,
                         expected="plain RDF 1.1 triples")

    def literal(self, term: ox.Literal) -> Literal:
        value = term.value
        if _CONTROL.search(value):
            raise InputError("a literal contains a control character", source=self.source,
                             line=_line_of(self.text, value[:40]) if value else None,
                             expected="text without control characters")
        if term.language:
            return Literal(value, lang=term.language.lower())
        datatype = term.datatype.value
        if datatype == str(XSD.string):
            return Literal(value)
        problem = lexical_error(value, datatype)
        if problem is not None:
            short = datatype.rsplit("#", 1)[-1] if datatype.startswith(str(XSD)) else datatype
            raise InputError(
                f"{value!r} is not a valid {'xsd:' + short if datatype.startswith(str(XSD)) else short}",
                source=self.source,
                line=_line_of(self.text, f'"{value}"') or _line_of(self.text, value),
                expected=problem,
            )
        return Literal(value, datatype=URIRef(datatype))


def _oxigraph_error(exc: Exception, source: str, fmt: str) -> InputError:
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


def _parse_with_oxigraph(text: str, fmt: str, source: str, base: str | None) -> Graph:
    ox_format = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "xml": ox.RdfFormat.RDF_XML}[fmt]
    graph = Graph(bind_namespaces="none")
    conv = _Converter(text, source)
    node = conv.node
    add = graph.add
    try:
        for quad in ox.parse(text.encode("utf-8"), format=ox_format, base_iri=base):
            add((node(quad.subject), node(quad.predicate), node(quad.object)))
    except SyntaxError as exc:
        if fmt == "xml":
            raise _xml_error(text, source, exc) from None
        raise _at_content(_oxigraph_error(exc, source, fmt), text) from None
    except (ValueError, OSError) as exc:
        raise _oxigraph_error(exc, source, fmt) from None
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
    return _oxigraph_error(exc, source, "xml")


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
    from ptce_graph.resources import read_bytes

    try:
        document = json.loads(read_bytes("ontology", "context.jsonld").decode("utf-8"))
    except FileNotFoundError:
        from ptce_graph.namespaces import PREFIXES

        return dict(PREFIXES)
    return document.get("@context", document)


def _parse_jsonld(text: str, source: str, allow_network: bool, base: str | None) -> Graph:
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
    return _recheck(graph, text, source)


def _relative(iri: str, text: str, source: str) -> InputError:
    relative = iri[len(NO_BASE):] if iri.startswith(NO_BASE) else iri[len(_NO_BASE_SCHEME):]
    return InputError(
        f"the relative IRI {relative[:80]!r} has no base to resolve it against",
        source=source,
        line=_line_of(text, f'"{relative}"') or _line_of(text, f'/{relative}"') or _line_of(text, relative),
        expected="absolute IRIs, an absolute @base in the @context, or a base given to the loader",
    )


def _recheck(graph: Graph, text: str, source: str) -> Graph:
    """Check IRIs and literals of a graph parsed by rdflib (JSON-LD)."""
    clean = Graph(bind_namespaces="none")
    conv = _Converter(text, source)
    for triple in graph:
        terms: list[rdflib.term.Node] = []
        for term in triple:
            if isinstance(term, URIRef) and str(term).startswith(_NO_BASE_SCHEME):
                raise _relative(str(term), text, source)
            if (isinstance(term, Literal) and term.datatype is not None
                    and str(term.datatype).startswith(_NO_BASE_SCHEME)):
                raise _relative(str(term.datatype), text, source)
            if isinstance(term, URIRef):
                try:
                    ox.NamedNode(str(term))
                except ValueError:
                    raise InputError(f"invalid IRI <{str(term)[:80]}>", source=source,
                                     line=_line_of(text, str(term)), expected="absolute IRIs (RFC 3987)") from None
                terms.append(term)
            elif isinstance(term, Literal):
                if term.language:
                    terms.append(conv.literal(ox.Literal(str(term), language=term.language)))
                elif term.datatype is not None:
                    try:
                        dt = ox.NamedNode(str(term.datatype))
                    except ValueError:
                        raise InputError(f"invalid datatype IRI <{str(term.datatype)[:80]}>", source=source,
                                         expected="absolute IRIs (RFC 3987)") from None
                    terms.append(conv.literal(ox.Literal(str(term), datatype=dt)))
                else:
                    terms.append(conv.literal(ox.Literal(str(term))))
            else:
                terms.append(term)
        clean.add(tuple(terms))  # type: ignore[arg-type]
    return clean


def parse_rdf(
    data: bytes,
    *,
    format: str,
    source: str = "<input>",
    allow_network: bool = False,
    base: str | None = None,
    max_bytes: int = MAX_INPUT_BYTES,
) -> Graph:
    """Parse untrusted RDF bytes into a new graph, safely (see module doc)."""
    fmt = RDF_FORMATS.get(format.lower())
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
    if fmt == "json-ld":
        graph = _parse_jsonld(text, source, allow_network, base)
    else:
        graph = _parse_with_oxigraph(text, fmt, source, base)
    local = sorted(
        {str(t) for triple in graph for t in triple if isinstance(t, URIRef) and str(t)[:5].lower() == "file:"}
    )
    if local:
        warnings.warn(
            f"{source}: {len(local)} IRI(s) use the file: scheme (e.g. <{local[0][:80]}>); they name local files, "
            "which ptce_graph never reads, and should not be published",
            DataWarning,
            stacklevel=2,
        )
    for target in sorted(graph.objects(None, OWL.imports), key=str):
        warnings.warn(
            f"{source}: owl:imports <{target}> is kept as data and not followed (ptce_graph never fetches imports)",
            DataWarning,
            stacklevel=2,
        )
    return graph
