"""Deterministic serialisation: the same graph gives the same bytes.

ptce_graph writes Turtle, N-Triples and JSON-LD itself rather than through
rdflib's serialisers, because:

* output is byte-stable: subjects in reading order (:mod:`ptce_graph.io.layout`:
  each pole, then its territory, strategy, actors, memberships, links,
  projects...), predicates and objects sorted, blank nodes labelled from their
  content (:mod:`ptce_graph.io.bnodes`, linear time, where rdflib's
  canonicalisation takes minutes on a few thousand blank nodes);
* no value can leave its term: every IRI is checked (a hostile datatype IRI
  cannot inject triples into what we publish), and every literal goes through
  one escaping function, :func:`nt_term`, whose output holds no line break of
  any kind (``\\n``, ``\\r``, U+0085, U+2028, U+2029 and the other controls are
  escaped), so that an N-Triples line is one triple for every reader, and
  reads the same in N-Triples, Turtle and SPARQL, whether or not the reader
  decodes ``\\u`` escapes before parsing (SPARQL 1.1 allows it: see
  :func:`nt_term`);
* prefixed names are only used when the local part needs no escape (Virtuoso
  does not unescape ``ex:a\\(b\\)``);
* nothing recurses: blank nodes are written flat (``_:b…``), so a chain of
  10,000 blank nodes writes as easily as one (rdflib's Turtle and JSON-LD
  serialisers overflow the stack at about 1,000);
* JSON-LD is compacted with ptce_graph's packaged context (short keys such as
  ``label``, ``territory``, ``member``), inline, only the terms used: no
  remote context, and it reads back (rdflib, Oxigraph) to the same graph.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

import rdflib
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from ptce_graph.errors import OutputError
from ptce_graph.io.bnodes import relabel_bnodes
from ptce_graph.io.layout import sections
from ptce_graph.io.rdf import packaged_context
from ptce_graph.io.rules import BIDI_CONTROLS, iri_problem, literal_problem
from ptce_graph.namespaces import PREFIXES

__all__ = [
    "to_turtle",
    "to_ntriples",
    "to_jsonld",
    "canonical_bnodes",
    "JsonLdContext",
    "nt_term",
    "ntriples_statements",
    "NTStatement",
    "bnode_labels",
]

_LANGUAGE_TAG = re.compile(r"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$")
_LOCAL = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
# Bare Turtle numbers only for lexical forms every parser keeps as they are (rdflib reads
# 007 as "7", +1.5 as "1.5", .5 as "0.5"): anything else is written "..."^^xsd:type.
_INTEGER = re.compile(r"^(0|-?[1-9][0-9]*)$")
_CANONICAL_INTEGER = re.compile(r"^(0|-?[1-9][0-9]{0,14})$")
_DECIMAL = re.compile(r"^-?(0|[1-9][0-9]*)\.[0-9]+$")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
# What a literal may not hold raw: quote and backslash, every C0 and C1 control (U+0085 is a
# line end for Python's splitlines and for XML 1.1), the Unicode line and paragraph separators, the
# bidirectional formatting characters (shown raw, they make text display as other text: io.display);
# and a u or U after a backslash, written \u0075 / \u0055 (see nt_term).
_NEEDS_ESCAPE = re.compile(rf'[\\"\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff{BIDI_CONTROLS}]|(?<=\\)[uU]')
_COMMENT_UNSAFE = re.compile(rf"[\x00-\x1f\x7f-\x9f\u2028\u2029{BIDI_CONTROLS}]+")

_RDF_TYPE = RDF.type

_PREDICATE_ORDER = {
    str(RDF.type): 0,
    str(RDFS.label): 1,
    "http://purl.org/dc/terms/identifier": 2,
}

#: Kept for callers of the first version: deterministic blank-node labels.
canonical_bnodes = relabel_bnodes


#: IRIs already checked (a registry names the same IRIs thousands of times); emptied when large.
_CHECKED: set[str] = set()
_CHECKED_MAX = 200_000


def _check_iri(iri: str) -> str:
    """The IRI, if ptce_graph could read it back (:func:`ptce_graph.io.rules.iri_problem`)."""
    if iri in _CHECKED:
        return iri
    problem = iri_problem(iri)
    if problem is not None:
        shown = iri[:80].encode("unicode_escape").decode("ascii")
        raise OutputError(f"cannot write <{shown}>: {problem}, which ptce_graph would refuse to read back")
    if len(_CHECKED) >= _CHECKED_MAX:
        _CHECKED.clear()
    _CHECKED.add(iri)
    return iri


def _check_literal(node: Literal) -> None:
    """Refuse a literal ptce_graph could not read back (:func:`ptce_graph.io.rules.literal_problem`)."""
    text = str(node)
    datatype = None if node.language or node.datatype is None else str(node.datatype)
    problem = literal_problem(text, datatype)
    if problem is not None:
        shown = text[:60].encode("unicode_escape").decode("ascii")
        raise OutputError(
            f"cannot write the literal '{shown}': ptce_graph would refuse to read it back (expected {problem})"
        )


def _escape_one(match: re.Match[str]) -> str:
    char = match.group()
    found = _ESCAPES.get(char)
    if found is not None:
        return found
    if "\ud800" <= char <= "\udfff":
        raise OutputError(f"cannot write a literal holding a lone surrogate (U+{ord(char):04X}): it has no UTF-8 form")
    return f"\\u{ord(char):04X}"


def _escape(text: str) -> str:
    if not _NEEDS_ESCAPE.search(text):
        return text
    return _NEEDS_ESCAPE.sub(_escape_one, text)


def _language(tag: str) -> str:
    if not _LANGUAGE_TAG.match(tag):
        raise OutputError(f"cannot write the language tag {tag[:20]!r}: it is not a BCP 47 tag")
    return tag.lower()


#: Prefixed names already worked out, per set of prefixes: a registry export names the same
#: predicates, classes and shared resources in every pole.  Emptied when it grows large.
_NAMES: dict[tuple[tuple[str, str], ...], dict[str, tuple[str, str | None]]] = {}
_NAMES_MAX = 100_000


class _Namer:
    def __init__(self, prefixes: dict[str, str]) -> None:
        # Longest namespace first, so that ptceid: never shadows a longer one.
        self.prefixes = sorted(prefixes.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        self.used: set[str] = set()
        key = tuple(self.prefixes)
        names = _NAMES.get(key)
        if names is None or len(names) > _NAMES_MAX:
            names = _NAMES[key] = {}
        self._names = names  # an IRI is written thousands of times

    def iri(self, iri: str) -> str:
        found = self._names.get(iri)
        if found is None:
            found = self._names[iri] = self._name(iri)
        if found[1] is not None:
            self.used.add(found[1])
        return found[0]

    def _name(self, iri: str) -> tuple[str, str | None]:
        _check_iri(iri)
        for prefix, ns in self.prefixes:
            if iri.startswith(ns):
                local = iri[len(ns) :]
                if _LOCAL.match(local):
                    return f"{prefix}:{local}", prefix
        return f"<{iri}>", None

    def term(self, node: rdflib.term.Node, *, bnodes: dict[BNode, str]) -> str:
        if isinstance(node, URIRef):
            return self.iri(str(node))
        if isinstance(node, BNode):
            return bnodes[node]
        if isinstance(node, Literal):
            _check_literal(node)
            text = str(node)
            if node.language:
                return f'"{_escape(text)}"@{_language(node.language)}'
            if node.datatype is None or node.datatype == XSD.string:
                return f'"{_escape(text)}"'
            dt = node.datatype
            if dt == XSD.boolean and text in ("true", "false"):
                return text
            if dt == XSD.integer and _INTEGER.match(text):
                return text
            if dt == XSD.decimal and _DECIMAL.match(text):
                return text
            return f'"{_escape(text)}"^^{self.iri(str(dt))}'
        raise OutputError(f"cannot write the term {node!r}")


def _object_key(node: rdflib.term.Node) -> tuple:
    if isinstance(node, URIRef):
        return (0, str(node), "", "")
    if isinstance(node, BNode):
        return (1, str(node), "", "")
    assert isinstance(node, Literal)
    return (2, str(node), node.language or "", str(node.datatype or ""))


def _blank_nodes(graph: Graph) -> set[BNode]:
    return {t for triple in graph for t in triple if isinstance(t, BNode)}


def bnode_labels(found: Iterable[BNode]) -> dict[BNode, str]:
    """N-Triples labels (``_:b…``, letters and digits only) for blank nodes, in a stable order."""
    labels: dict[BNode, str] = {}
    for node in sorted(found, key=str):
        labels[node] = "_:b" + re.sub(r"[^A-Za-z0-9]", "", str(node))[:40]
    return labels


def _comment(text: str) -> str:
    return _COMMENT_UNSAFE.sub(" ", text)[:120]


def _blocks(graph: Graph) -> tuple[dict[Any, dict[Any, set[Any]]], set[BNode]]:
    """The objects of each subject and predicate, and the blank nodes, in one pass over the triples."""
    by_subject: dict[Any, dict[Any, set[Any]]] = {}
    blank: set[BNode] = set()
    for s, p, o in graph:
        preds = by_subject.get(s)
        if preds is None:
            preds = by_subject[s] = {}
        objs = preds.get(p)
        if objs is None:
            objs = preds[p] = set()
        objs.add(o)
        if type(s) is not URIRef and isinstance(s, BNode):
            blank.add(s)
        if type(o) is not URIRef and isinstance(o, BNode):
            blank.add(o)
    return by_subject, blank


def to_turtle(graph: Graph, *, prefixes: dict[str, str] | None = None, header: Iterable[str] = ()) -> bytes:
    """Deterministic, readable Turtle: one block per subject, grouped by pole.

    Sections (pole, territory, actors, memberships, links...) are introduced by
    a comment line; see :mod:`ptce_graph.io.layout` for the order.
    """
    namer = _Namer(dict(PREFIXES if prefixes is None else prefixes))
    by_subject, blank = _blocks(graph)
    if blank:  # labels from the blank nodes' content: read the relabelled copy
        graph = relabel_bnodes(graph)
        by_subject, blank = _blocks(graph)
    bnodes = bnode_labels(blank)

    def predicate_key(p: URIRef) -> tuple:
        return (_PREDICATE_ORDER.get(str(p), 9), namer.iri(str(p)))

    def block(s: rdflib.term.Node) -> str:
        preds = by_subject[s]
        lines = []
        for p in sorted(preds, key=predicate_key):
            found = preds[p]
            objs = list(found) if len(found) == 1 else sorted(found, key=_object_key)
            verb = "a" if p == _RDF_TYPE else namer.iri(str(p))
            rendered = [namer.term(o, bnodes=bnodes) for o in objs]
            if len(rendered) > 1 and sum(len(r) for r in rendered) > 60:
                lines.append(f"    {verb} " + " ,\n        ".join(rendered))
            else:
                lines.append(f"    {verb} " + " , ".join(rendered))
        return namer.term(s, bnodes=bnodes) + "\n" + " ;\n".join(lines) + " .\n"

    parts: list[str] = []
    layout = sections(graph)
    titled = any(section.pole is not None for section in layout)
    for section in layout:
        if titled:
            if section.key == "pole" and section.pole is not None:
                name = section.pole_label or str(section.pole)
                parts.append(f"# {'=' * 76}\n# Pôle · pole : {_comment(name)}\n# {'=' * 76}\n")
            else:
                parts.append(f"# --- {section.title} ---\n")
        parts.extend(block(s) for s in section.subjects)

    head = [f"# {_comment(line)}" for line in header]
    order = list((PREFIXES if prefixes is None else prefixes).items())
    head += [f"@prefix {prefix}: <{ns}> ." for prefix, ns in order if prefix in namer.used]
    text = "\n".join(head) + ("\n\n" if head else "") + "\n".join(parts)
    return text.encode("utf-8")


def nt_term(node: rdflib.term.Node, bnodes: Mapping[BNode, str] | None = None) -> str:
    r"""One term in N-Triples syntax, which is also Turtle's and SPARQL's: the one escaping function.

    IRIs are checked (no character that could close the ``<...>`` or end a
    line); literals are escaped so that the result holds no line break of any
    kind and no raw quote or backslash; language tags are checked.  A
    backslash followed by ``u`` is written ``\\\u0075``: SPARQL 1.1 lets a
    store decode ``\u`` escapes *before* parsing, and the text ``\u0022``,
    written ``\\u0022``, would then read as a quote; written this way it reads
    the same whether a reader decodes early, late or Java-style.  Blank nodes
    take their label from ``bnodes`` (a blank node has no form outside a
    document).  Every writer of N-Triples, Turtle and SPARQL text in ptce_graph
    goes through here.
    """
    if isinstance(node, URIRef):
        return f"<{_check_iri(str(node))}>"
    if isinstance(node, Literal):
        text = _escape(str(node))
        if node.language:
            return f'"{text}"@{_language(node.language)}'
        if node.datatype is None or node.datatype == XSD.string:
            return f'"{text}"'
        return f'"{text}"^^<{_check_iri(str(node.datatype))}>'
    if isinstance(node, BNode):
        if bnodes is None:
            raise OutputError("a blank node has no N-Triples form outside a document")
        return bnodes[node]
    raise OutputError(f"cannot write the term {type(node).__name__}")


class NTStatement(NamedTuple):
    """One triple as one N-Triples line (ending in a dot and ``\\n``, no other line break), with its
    blank-node labels: what a publisher needs to chunk a graph without splitting a triple."""

    line: str
    triple: tuple[rdflib.term.Node, rdflib.term.Node, rdflib.term.Node]
    bnodes: tuple[str, ...]


def _line_key(statement: NTStatement) -> str:
    return statement.line


def ntriples_statements(graph: Graph) -> list[NTStatement]:
    """The triples of ``graph`` as N-Triples statements, sorted by line; blank nodes labelled from
    their content (the same labels as :func:`to_ntriples`)."""
    graph = relabel_bnodes(graph)
    labels = bnode_labels(_blank_nodes(graph))
    statements = []
    for s, p, o in graph:
        line = f"{nt_term(s, labels)} {nt_term(p, labels)} {nt_term(o, labels)} .\n"
        blank = tuple(labels[t] for t in (s, o) if isinstance(t, BNode))
        statements.append(NTStatement(line, (s, p, o), blank))
    statements.sort(key=_line_key)
    return statements


def to_ntriples(graph: Graph) -> bytes:
    """Sorted N-Triples, one triple per line, UTF-8."""
    graph = relabel_bnodes(graph)
    bnodes = bnode_labels(_blank_nodes(graph))
    for o in graph.objects():
        if isinstance(o, Literal):
            _check_literal(o)
    lines = sorted(f"{nt_term(s, bnodes)} {nt_term(p, bnodes)} {nt_term(o, bnodes)} .\n" for s, p, o in graph)
    return "".join(lines).encode("utf-8")


# ---------------------------------------------------------------------------
#  JSON-LD
# ---------------------------------------------------------------------------

_KEYWORD_IRIS = {"@id", "@type"}


class JsonLdContext:
    """A JSON-LD context reduced to what a compactor needs.

    Supported: prefixes, keyword aliases of ``@id``/``@type``, and terms with
    an ``@id`` and an optional ``@type`` (``@id``, ``@vocab`` or a datatype).
    Contexts with ``@vocab``, ``@base``, ``@language`` or containers are
    refused: compacting with them needs a full JSON-LD processor.
    """

    def __init__(self, context: Mapping[str, Any]) -> None:
        self.source = dict(context)
        self.aliases = {"@id": "@id", "@type": "@type"}
        self.prefixes: dict[str, str] = {}
        self.terms: dict[str, tuple[str, str | None]] = {}  # term -> (IRI, coercion)
        raw: dict[str, tuple[str, str | None]] = {}
        for key, value in context.items():
            if key.startswith("@"):
                if key in ("@version", "@protected"):
                    continue
                raise OutputError(f"JSON-LD context key {key} is not supported by ptce_graph's writer")
            if isinstance(value, str):
                if value in _KEYWORD_IRIS:
                    self.aliases[value] = key
                    continue
                raw[key] = (value, None)
            elif isinstance(value, dict):
                if set(value) - {"@id", "@type"}:
                    raise OutputError(f"JSON-LD term {key!r}: only @id and @type are supported")
                iri = value.get("@id", key)
                raw[key] = (iri, value.get("@type"))
            else:
                raise OutputError(f"JSON-LD term {key!r} has an unsupported definition")
        for key, (iri, coercion) in raw.items():
            if (iri.endswith("/") or iri.endswith("#")) and ":" in iri and coercion is None:
                self.prefixes[key] = self._expand(iri, raw)
        for key, (iri, coercion) in raw.items():
            if key in self.prefixes:
                continue
            full = self._expand(iri, raw)
            self.terms[key] = (
                full,
                self._expand(coercion, raw) if coercion not in (None, "@id", "@vocab") else coercion,
            )
        self._by_iri: dict[str, str] = {}
        for key in sorted(self.terms, key=lambda k: (len(k), k)):
            self._by_iri.setdefault(self.terms[key][0], key)
        self._prefix_order = sorted(self.prefixes.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        self._names = set(self.prefixes) | set(self.terms) | set(self.aliases.values())
        self.used: set[str] = set()

    @staticmethod
    def _expand(value: str, raw: Mapping[str, tuple[str, str | None]]) -> str:
        if ":" in value:
            head, _, tail = value.partition(":")
            if head in raw and not tail.startswith("//"):
                return raw[head][0] + tail
        return value

    def _absolute(self, iri: str) -> str:
        _check_iri(iri)
        scheme = iri.split(":", 1)[0]
        if scheme in self._names:
            raise OutputError(
                f"cannot write the IRI <{iri[:80]}> in JSON-LD: its scheme is also a context term"
            )
        return iri

    def compact_iri(self, iri: str) -> str:
        """``prefix:local`` when a prefix fits, else the absolute IRI."""
        for prefix, ns in self._prefix_order:
            if iri.startswith(ns) and len(iri) > len(ns) and not iri[len(ns) :].startswith("//"):
                _check_iri(iri)
                self.used.add(prefix)
                return f"{prefix}:{iri[len(ns) :]}"
        return self._absolute(iri)

    def vocab(self, iri: str) -> str:
        """A term when one maps to the IRI, else a compact or absolute IRI."""
        term = self._by_iri.get(iri)
        if term is not None:
            self.used.add(term)
            return term
        return self.compact_iri(iri)

    def term_for(self, predicate: str) -> tuple[str, str | None]:
        """The key for a property, and the coercion that key implies."""
        term = self._by_iri.get(predicate)
        if term is not None:
            self.used.add(term)
            return term, self.terms[term][1]
        return self.compact_iri(predicate), None

    def alias(self, keyword: str) -> str:
        name = self.aliases[keyword]
        if name != keyword:
            self.used.add(name)
        return name

    def used_context(self) -> dict[str, Any]:
        """The context restricted to what was used, with what those entries need."""
        needed = set(self.used)
        for name in list(needed):
            value = self.source.get(name)
            refs = (
                [value] if isinstance(value, str) else list(value.values()) if isinstance(value, dict) else []
            )
            for ref in refs:
                if isinstance(ref, str) and ":" in ref and not ref.startswith("@"):
                    head = ref.split(":", 1)[0]
                    if head in self.source:
                        needed.add(head)
        aliases = {
            name
            for name in needed
            if isinstance(self.source.get(name), str) and self.source[name] in _KEYWORD_IRIS
        }
        ordered = (
            sorted(aliases, key=lambda n: self.source[n])
            + sorted(n for n in needed if n not in aliases and n in self.prefixes)
            + sorted(n for n in needed if n not in aliases and n not in self.prefixes)
        )
        return {name: self.source[name] for name in ordered}


def _literal_value(lit: Literal, coercion: str | None, ctx: JsonLdContext) -> Any:
    _check_literal(lit)
    text = str(lit)
    if lit.language:
        return {"@value": text, "@language": lit.language.lower()}
    datatype = str(lit.datatype) if lit.datatype is not None else None
    if datatype is None or datatype == str(XSD.string):
        return text if coercion is None else {"@value": text}
    if datatype == str(XSD.boolean) and text in ("true", "false") and coercion in (None, datatype):
        return text == "true"
    if coercion == datatype:
        return text
    if coercion is None:
        if datatype == str(XSD.boolean) and text in ("true", "false"):
            return text == "true"
        if datatype == str(XSD.integer) and _CANONICAL_INTEGER.match(text):
            return int(text)
    return {"@value": text, "@type": ctx.vocab(datatype)}


def _node_ref(
    node: rdflib.term.Node, coercion: str | None, ctx: JsonLdContext, bnodes: dict[BNode, str]
) -> Any:
    if isinstance(node, BNode):
        ref = bnodes[node]
        return ref if coercion in ("@id", "@vocab") else {ctx.alias("@id"): ref}
    iri = str(node)
    if coercion == "@vocab":
        return ctx.vocab(iri)
    if coercion == "@id":
        return ctx.compact_iri(iri)
    return {ctx.alias("@id"): ctx.compact_iri(iri)}


def _json_sort_key(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def to_jsonld(graph: Graph, *, context: Mapping[str, Any] | None = None) -> bytes:
    """JSON-LD compacted with ptce_graph's packaged context (or ``context``).

    The output is one object: ``@context`` (inline, only the terms used) and
    ``@graph``, a flat list of node objects in the reading order of the
    Turtle writer, keys sorted (``id`` and ``type`` first), values sorted.
    Nothing refers to a remote context; rdflib and Oxigraph read it back to
    the same graph.
    """

    graph = relabel_bnodes(graph)
    ctx = JsonLdContext(context if context is not None else packaged_context())
    bnodes = bnode_labels(_blank_nodes(graph))
    id_key, type_key = ctx.alias("@id"), ctx.alias("@type")

    nodes: list[dict[str, Any]] = []
    for section in sections(graph):
        for s in section.subjects:
            node: dict[str, Any] = {id_key: bnodes[s] if isinstance(s, BNode) else ctx.compact_iri(str(s))}
            values: dict[str, list[Any]] = defaultdict(list)
            types: list[str] = []
            for p, o in graph.predicate_objects(s):
                if p == RDF.type and not isinstance(o, Literal):
                    types.append(bnodes[o] if isinstance(o, BNode) else ctx.vocab(str(o)))
                    continue
                key, coercion = ctx.term_for(str(p))
                if isinstance(o, Literal):
                    values[key].append(_literal_value(o, coercion, ctx))
                else:
                    values[key].append(_node_ref(o, coercion, ctx, bnodes))
            if types:
                node[type_key] = sorted(set(types)) if len(set(types)) > 1 else types[0]
            for key in sorted(values):
                items = sorted({_json_sort_key(v): v for v in values[key]}.items())
                node[key] = items[0][1] if len(items) == 1 else [v for _, v in items]
            nodes.append(node)
    document = {"@context": ctx.used_context(), "@graph": nodes}
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
