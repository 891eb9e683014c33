"""The batch engine: the shapes run once over all focus nodes, on Oxigraph, with pyshacl's results.

pyshacl runs a SPARQL constraint once per focus node with ``$this`` pre-bound,
through its own Python machinery; on a registry that is hundreds of thousands
of queries, and Oxigraph answers each of them in time proportional to the
whole store, so a registry validates in time quadratic in its size (see
``docs/performance.md``).  This engine reads the *same shapes graph* and:

* computes each shape's focus nodes with one query (``sh:targetClass`` through
  ``rdf:type/rdfs:subClassOf*``, ``sh:targetNode``, ``sh:targetSubjectsOf``,
  ``sh:targetObjectsOf``, exactly pyshacl's definitions);
* runs each ``sh:sparql`` constraint **once for all focus nodes**: the focus
  nodes are joined first in the query's top-level group, which gives the
  same rows as pre-binding when :func:`~ptce_graph.legal.shacl.sparql_structure.analyse`
  finds every read of ``$this`` bound (true of every packaged shape); a query
  for which it cannot prove it runs focus node by focus node, pre-bound through
  Oxigraph's ``substitutions`` exactly as pyshacl does on an Oxigraph store;
* chains the triple patterns of ``EXISTS`` groups with ``LATERAL`` so that
  Oxigraph looks them up instead of scanning the store for every row
  (:func:`~ptce_graph.legal.shacl.sparql_structure.rewrite`: same answers);
* checks the Core constraints the shapes use (``sh:minCount``, ``sh:maxCount``,
  ``sh:pattern`` with ``sh:flags``, ``sh:datatype``, ``sh:in``) in Python with
  pyshacl's own rules;
* turns every row into the :class:`~ptce_graph.legal.shacl.results.ShaclResult`
  pyshacl would report: same focus node, value (the focus node of a node shape
  when ``?value`` is unbound), path, source shape and constraint, severity, and
  messages (the constraint's and the shape's ``sh:message``, ``{?var}`` and
  ``{$this}`` filled in as pyshacl fills them).

A shapes graph that uses anything else (other constraint components, SPARQL
targets, rules, property shapes with SPARQL, ``$shapesGraph``…) raises
:class:`UnsupportedShapes`; the validation then runs pyshacl.  A differential
test checks, on many random registries, that this engine and pyshacl give the
same results (``tests/legal/shacl/test_batch_engine.py``).
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH, XSD
from rdflib.term import Node

from ptce_graph.legal.shacl.results import EngineError, ShaclResult
from ptce_graph.legal.shacl.sparql_structure import Plan, QueryShape, SparqlStructureError, Triple, analyse, rewrite
from ptce_graph.oxigraph_terms import Converted, to_oxigraph, to_rdflib
from ptce_graph.pole_workers import can_fork, map_poles

__all__ = [
    "UnsupportedShapes",
    "CompiledShapes",
    "compile_shapes",
    "run_batch",
    "lateral_supported",
]


class UnsupportedShapes(EngineError):
    """The shapes use a SHACL feature the batch engine does not implement (pyshacl runs them instead)."""


@functools.lru_cache(maxsize=1)
def lateral_supported() -> bool:
    """Whether this pyoxigraph parses ``LATERAL`` (SEP-0006); without it queries run unrewritten."""
    try:
        ox.Store().query("SELECT * WHERE { BIND(1 AS ?a) LATERAL { BIND(?a AS ?b) } }")
    except (SyntaxError, ValueError, OSError):
        return False
    return True


# ---------------------------------------------------------------------------
#  Compiling the shapes graph
# ---------------------------------------------------------------------------

_TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
#: Predicates a shape may carry: targets, the constraints implemented here, and non-validating ones.
_SHAPE_PREDICATES = {
    RDF.type, *_TARGETS, SH.path, SH.severity, SH.message, SH.name, SH.description, SH.deactivated,
    SH.sparql, SH.minCount, SH.maxCount, SH.pattern, SH.flags, SH.datatype, getattr(SH, "in"), SH.order,
    SH.group, SH.defaultValue,
}
_CONSTRAINT_PREDICATES = {RDF.type, SH.select, SH.message, SH.prefixes, SH.deactivated, SH.name,
                          SH.description}
_PREBOUND_FORBIDDEN = re.compile(r"[?$](shapesGraph|PATH|failure)\b")
_CURRENT_SHAPE = re.compile(r"([\s{}()])[\$\?]currentShape", re.M)  # pyshacl's own test
_THIS = re.compile(r"([\s{}()])[\$\?]this", re.M)  # pyshacl's own test


@dataclass(frozen=True)
class _Sparql:
    node: Node
    text: str
    prefixes: dict[str, str]
    messages: tuple[Literal, ...]
    structure: QueryShape
    current_shape: bool
    binds_this: bool


@dataclass(frozen=True)
class _Shape:
    node: Node
    severity: URIRef
    is_property: bool
    path: URIRef | None
    targets: _Targets
    messages: tuple[Literal, ...]
    min_count: int | None = None
    max_count: int | None = None
    patterns: tuple[re.Pattern, ...] = ()
    datatype: URIRef | None = None
    in_values: frozenset | None = None
    sparql: tuple[_Sparql, ...] = ()

    @property
    def has_core(self) -> bool:
        return (self.min_count is not None or self.max_count is not None or bool(self.patterns)
                or self.datatype is not None or self.in_values is not None)


@dataclass(frozen=True)
class CompiledShapes:
    """The shapes of a shapes graph, ready to run (see :func:`compile_shapes`)."""

    shapes: tuple[_Shape, ...]
    notes: dict[str, str] = field(default_factory=dict)  # constraint -> why it runs per focus node

    def __len__(self) -> int:
        return len(self.shapes)


def _sparql_term(node: Node) -> str:
    if isinstance(node, URIRef):
        text = str(node)
        if re.search(r'[\x00-\x20<>"{}|^`\\]', text):
            raise UnsupportedShapes(f"an IRI SPARQL cannot write: {text[:80]!r}")
        return f"<{text}>"
    if isinstance(node, Literal):
        return to_oxigraph(node).__str__()
    raise UnsupportedShapes(f"a blank node as a target ({node!r})")


@dataclass(frozen=True)
class _Targets:
    """A shape's target declarations, as SPARQL terms."""

    classes: tuple[str, ...]
    nodes: tuple[str, ...]
    subjects_of: tuple[str, ...]
    objects_of: tuple[str, ...]


def _targets(sg: Graph, shape: Node) -> _Targets | None:
    def terms(prop: URIRef) -> tuple[str, ...]:
        return tuple(_sparql_term(n) for n in sorted(sg.objects(shape, prop), key=str))

    found = _Targets(terms(SH.targetClass), terms(SH.targetNode), terms(SH.targetSubjectsOf),
                     terms(SH.targetObjectsOf))
    if not (found.classes or found.nodes or found.subjects_of or found.objects_of):
        return None
    return found


def _prefixes(sg: Graph, constraint: Node) -> dict[str, str]:
    """The prefixes pyshacl declares for a constraint (sh:prefixes -> sh:declare, plus the ontologies')."""
    values = list(sg.objects(constraint, SH.prefixes))
    if not values:
        return {}
    ontologies = set(sg.subjects(RDF.type, OWL.Ontology))
    global_declares = {d for o in ontologies for d in sg.objects(o, SH.declare)}
    out: dict[str, str] = {}
    for value in values:
        own = set(sg.objects(value, SH.declare))
        declares = own if (own and value in ontologies) else global_declares | own
        for dec in sorted(declares, key=str):
            prefix, ns = sg.value(dec, SH.prefix), sg.value(dec, SH.namespace)
            if prefix is None or ns is None:
                raise UnsupportedShapes(f"a sh:declare without sh:prefix or sh:namespace ({dec})")
            out.setdefault(str(prefix), str(ns))
    return out


def _only(sg: Graph, node: Node, prop: URIRef, what: str) -> Node | None:
    values = list(sg.objects(node, prop))
    if len(values) > 1:
        raise UnsupportedShapes(f"{what}: several {prop}")
    return values[0] if values else None


def _flags(value: Node | None) -> int:
    flags = 0
    if value is not None:
        text = str(value.value if isinstance(value, Literal) else value).lower()
        if "i" in text:
            flags |= re.I
        if "m" in text:
            flags |= re.M
    return flags


def _compile_shape(sg: Graph, shape: Node, notes: dict[str, str]) -> _Shape | None:
    name = str(shape)
    for prop in set(sg.predicates(shape, None)):
        if prop not in _SHAPE_PREDICATES and str(prop).startswith(str(SH)):
            raise UnsupportedShapes(f"shape {name} uses {prop}")
    deactivated = _only(sg, shape, SH.deactivated, name)
    if isinstance(deactivated, Literal) and deactivated.value is True:
        return None
    block = _targets(sg, shape)
    if block is None:
        return None  # no target: pyshacl validates nothing against it
    path = _only(sg, shape, SH.path, name)
    is_property = path is not None or (shape, RDF.type, SH.PropertyShape) in sg
    if is_property and not isinstance(path, URIRef):
        raise UnsupportedShapes(f"shape {name}: a path other than one IRI")
    severity = _only(sg, shape, SH.severity, name) or SH.Violation
    messages = tuple(m for m in sg.objects(shape, SH.message) if isinstance(m, Literal))
    min_count = _only(sg, shape, SH.minCount, name)
    max_count = _only(sg, shape, SH.maxCount, name)
    datatype = _only(sg, shape, SH.datatype, name)
    patterns = tuple(
        re.compile(str(p.value) if isinstance(p, Literal) and p.value is not None and len(str(p.value)) > 1
                   else str(p), _flags(_only(sg, shape, SH.flags, name)))
        for p in sg.objects(shape, SH.pattern)
    )
    in_values: frozenset | None = None
    in_list = _only(sg, shape, getattr(SH, "in"), name)
    if in_list is not None:
        from rdflib.collection import Collection

        in_values = frozenset(Collection(sg, in_list))
    core = any(x is not None for x in (min_count, max_count, datatype, in_list)) or patterns
    if core and not messages:
        raise UnsupportedShapes(f"shape {name}: a Core constraint without sh:message (pyshacl writes its own)")
    if core and not is_property and (min_count is not None or max_count is not None):
        raise UnsupportedShapes(f"shape {name}: a cardinality on a node shape")
    sparql = []
    for constraint in sorted(sg.objects(shape, SH.sparql), key=str):
        if is_property:
            raise UnsupportedShapes(f"shape {name}: SPARQL constraints on a property shape")
        for prop in set(sg.predicates(constraint, None)):
            if prop not in _CONSTRAINT_PREDICATES and str(prop).startswith(str(SH)):
                raise UnsupportedShapes(f"constraint {constraint} uses {prop}")
        off = _only(sg, constraint, SH.deactivated, str(constraint))
        if isinstance(off, Literal) and off.value is True:
            continue
        select = _only(sg, constraint, SH.select, str(constraint))
        if not isinstance(select, Literal):
            raise UnsupportedShapes(f"constraint {constraint}: no sh:select")
        text = str(select)
        if _PREBOUND_FORBIDDEN.search(text):
            raise UnsupportedShapes(f"constraint {constraint}: $shapesGraph, $PATH or ?failure")
        try:
            structure = analyse(text)
        except SparqlStructureError as exc:
            raise UnsupportedShapes(f"constraint {constraint}: {exc}") from None
        if structure.reason.startswith("a sub-query does not project"):
            raise UnsupportedShapes(f"constraint {constraint}: {structure.reason}")  # pyshacl refuses it
        if not structure.batchable:
            notes[str(constraint)] = structure.reason
        msgs = tuple(m for m in sg.objects(constraint, SH.message) if isinstance(m, Literal))
        sparql.append(_Sparql(
            node=constraint,
            text=text,
            prefixes=_prefixes(sg, constraint),
            messages=msgs,
            structure=structure,
            current_shape=bool(_CURRENT_SHAPE.search(text)),
            binds_this=bool(_THIS.search(text)),
        ))
    return _Shape(
        node=shape,
        severity=URIRef(str(severity)),
        is_property=is_property,
        path=path if isinstance(path, URIRef) else None,
        targets=block,
        messages=messages,
        min_count=int(min_count.value) if isinstance(min_count, Literal) else None,
        max_count=int(max_count.value) if isinstance(max_count, Literal) else None,
        patterns=patterns,
        datatype=URIRef(str(datatype)) if datatype is not None else None,
        in_values=in_values,
        sparql=tuple(sparql),
    )


_compiled: dict[int, tuple[Graph, CompiledShapes]] = {}
_compiled_lock = threading.Lock()


def compile_shapes(shapes: Graph) -> CompiledShapes:
    """Read a shapes graph into runnable shapes (cached per graph object; do not modify it after).

    Raises :class:`UnsupportedShapes` when a shape uses a feature this engine does not implement.
    """
    with _compiled_lock:
        hit = _compiled.get(id(shapes))
        if hit is not None and hit[0] is shapes:
            return hit[1]
    if any(True for _ in shapes.subjects(RDF.type, SH.ConstraintComponent)):
        raise UnsupportedShapes("the shapes graph declares its own constraint components")
    for prop in (SH.target, SH.rule, SH.node, SH.property, getattr(SH, "and"), getattr(SH, "or"),
                 getattr(SH, "not"), SH.xone, SH.qualifiedValueShape):
        if any(True for _ in shapes.subject_objects(prop)):
            raise UnsupportedShapes(f"the shapes graph uses {prop}")
    candidates = set(shapes.subjects(RDF.type, SH.NodeShape)) | set(shapes.subjects(RDF.type, SH.PropertyShape))
    for prop in _TARGETS:
        candidates |= set(shapes.subjects(prop, None))
    for shape in candidates:
        if (shape, RDF.type, RDFS.Class) in shapes or (shape, RDF.type, OWL.Class) in shapes:
            raise UnsupportedShapes(f"shape {shape} is also a class (implicit class target)")
    notes: dict[str, str] = {}
    compiled = []
    for shape in sorted(candidates, key=str):
        one = _compile_shape(shapes, shape, notes)
        if one is not None:
            compiled.append(one)
    result = CompiledShapes(tuple(compiled), notes)
    with _compiled_lock:
        _compiled[id(shapes)] = (shapes, result)
    return result


# ---------------------------------------------------------------------------
#  Running
# ---------------------------------------------------------------------------

_DATATYPE_VALUE = {
    XSD.string: (str, bytes),
    RDF.langString: (str, bytes),
    XSD.integer: int,
    XSD.float: float,
    XSD.decimal: Decimal,
    XSD.boolean: bool,
    XSD.date: __import__("datetime").date,
    XSD.time: __import__("datetime").time,
    XSD.dateTime: __import__("datetime").datetime,
}


def _datatype_ok(value: Node, rule: URIRef) -> bool:
    """pyshacl's DatatypeConstraintComponent test, on the rdflib term."""
    if not isinstance(value, Literal):
        return False
    datatype, lang = value.datatype, value.language
    if datatype == rule:
        if getattr(value, "ill_typed", None) is True:
            return False
        return _actual_datatype(value, rule)
    if rule == RDFS.Literal:
        return True
    if rule == RDFS.Datatype and datatype:
        return True
    if datatype is None and lang is None and rule == XSD.string:
        return _actual_datatype(value, rule)
    if rule == RDF.langString and lang:
        return _actual_datatype(value, rule)
    return False


def _actual_datatype(value: Literal, rule: URIRef) -> bool:
    expected = _DATATYPE_VALUE.get(rule)
    return True if expected is None else isinstance(value.value, expected)


def _value_string(value: Node) -> str:
    """pyshacl's StringBasedConstraintBase.value_node_to_string."""
    if isinstance(value, Literal) and value.value is not None and value.datatype in (None, RDF.langString,
                                                                                    XSD.string):
        return str(value.value)
    return str(value)


def _format(message: str, this: Node | None, path: Node | None, value: Node | None,
            extra: dict[str, Node]) -> str:
    """pyshacl's _format_sparql_based_result_message (same substitutions, same regular expressions)."""
    values: dict[str, Node] = dict(extra)
    if this is not None:
        values["this"] = this
    if path is not None:
        values["path"] = path
    if value is not None:
        values["value"] = value
    for var, val in values.items():
        if f"{{?{var}}}" in message or f"{{${var}}}" in message:  # else re.sub would change nothing
            message = re.sub(f"{{[?$]{var}}}", str(val), message)
    return message


_RDF_TYPE = str(RDF.type)


class _Statistics:
    """Triple counts of the data, per predicate and per class: what the LATERAL chains are ordered by.

    Two aggregate queries over the store (about half a second for a million
    triples); the estimates only choose the order of the look-ups, never the answers.
    """

    _QUERIES = (
        "SELECT ?p (COUNT(*) AS ?n) (COUNT(DISTINCT ?s) AS ?ns) WHERE { ?s ?p ?o } GROUP BY ?p",
        "SELECT ?p (COUNT(DISTINCT ?o) AS ?no) WHERE { ?s ?p ?o } GROUP BY ?p",
        f"SELECT ?c (COUNT(*) AS ?n) WHERE {{ ?s <{_RDF_TYPE}> ?c }} GROUP BY ?c",
    )

    def __init__(self, runner: _Runner, jobs: int = 1) -> None:
        def rows(text: str) -> list[tuple]:
            return [tuple(row) for row in runner.query(text)]

        # Three queries, on as many threads as there are jobs (a remote endpoint answers them at once).
        if jobs > 1:
            with ThreadPoolExecutor(max_workers=min(jobs, 3), thread_name_prefix="ptce-stats") as pool:
                by_subject, by_object, classes = pool.map(rows, self._QUERIES)
        else:
            by_subject, by_object, classes = (rows(text) for text in self._QUERIES)
        objects = {row[0].value: int(row[1].value) for row in by_object}
        self.total = 0
        self.predicates: dict[str, tuple[int, int, int]] = {}
        for row in by_subject:
            n, ns = int(row[1].value), int(row[2].value)
            self.predicates[row[0].value] = (n, max(ns, 1), max(objects.get(row[0].value, 1), 1))
            self.total += n
        self.classes = {row[0].value: int(row[1].value) for row in classes if isinstance(row[0], ox.NamedNode)}

    def estimator(self, prefixes: dict[str, str]) -> Any:
        def resolve(text: str) -> tuple[str, str | None]:
            """("var", name) | ("iri", iri) | ("const", None)."""
            if text[0] in "?$":
                return "var", text[1:]
            if text == "a":
                return "iri", _RDF_TYPE
            if text.startswith("<"):
                return "iri", text[1:-1]
            if ":" in text and text[0] not in "\"'0123456789+-":
                prefix, _, local = text.partition(":")
                ns = prefixes.get(prefix)
                return ("iri", ns + local) if ns is not None else ("const", None)
            return "const", None

        def estimate(triple: Triple, bound: frozenset[str]) -> float:
            s_kind, s = resolve(triple.subject)
            o_kind, o = resolve(triple.object)
            s_bound = s_kind != "var" or s in bound
            o_bound = o_kind != "var" or o in bound
            p_kind, p = ("path", None) if triple.path else resolve(triple.verb)
            if p_kind != "iri" or p is None:
                return 10.0 if (s_bound or o_bound) else float(self.total)
            n, ns, no = self.predicates.get(p, (0, 1, 1))
            if n == 0:
                return 0.0
            if s_bound and o_bound:
                return 0.5
            if p == _RDF_TYPE and o_kind == "iri" and o is not None:
                return float(self.classes.get(o, 0)) if not s_bound else 0.5
            if s_bound:
                return n / ns
            if o_bound:
                return n / no
            return float(n)

        return estimate


class _Shared:
    """The rows of one query, shared between the shapes (and threads) that ask it."""

    def __init__(self) -> None:
        self.done = threading.Event()
        self.value: tuple[list[str], list[tuple]] | None = None


class _Runner:
    def __init__(self, store: Any, default_graph: Any, lateral: bool = True, jobs: int = 1) -> None:
        self.store = store
        self.default_graph = default_graph
        self.lateral = lateral
        self.jobs = jobs
        self._stats: _Statistics | None = None
        self._stats_lock = threading.Lock()
        self._subclasses: dict[str, list[str]] = {}
        self._shared: dict[tuple, _Shared] = {}

    def solutions(self, text: str, prefixes: dict[str, str], substitutions: dict) -> tuple[list[str], list[tuple]]:
        """The variables and rows of a query, evaluated once however many shapes ask it.

        The definitions share most of their clauses: the same query text comes
        from several shapes (68 distinct queries for 138 constraints of the
        four definitions), which only differ in their messages and severity.
        A thread asking a query another one is evaluating waits for its rows.
        """
        key = (text, tuple(sorted(prefixes.items())),
               tuple(sorted((k.value, str(v)) for k, v in substitutions.items())))
        with self._stats_lock:
            shared = self._shared.get(key)
            owner = shared is None
            if owner:
                shared = self._shared[key] = _Shared()
        assert shared is not None
        if owner:
            try:
                found = self.query(text, prefixes=prefixes, substitutions=substitutions)
                shared.value = ([v.value for v in found.variables], [tuple(row) for row in found])
            finally:
                shared.done.set()
        else:
            shared.done.wait()
        if shared.value is None:  # the evaluating thread failed: fail the same way here
            found = self.query(text, prefixes=prefixes, substitutions=substitutions)
            return [v.value for v in found.variables], [tuple(row) for row in found]
        return shared.value

    def plan(self, constraint: _Sparql) -> Plan:
        if not self.lateral:
            return Plan(lateral=False)
        with self._stats_lock:
            if self._stats is None:
                self._stats = _Statistics(self, self.jobs)
        return Plan(lateral=True, estimate=self._stats.estimator(constraint.prefixes))

    def query(self, text: str, *, prefixes: dict[str, str] | None = None,
              substitutions: dict | None = None) -> Any:
        try:
            return self.store.query(text, prefixes=prefixes or None, substitutions=substitutions or None,
                                    default_graph=self.default_graph)
        except (SyntaxError, ValueError) as exc:
            raise EngineError(f"the SHACL engine failed: {type(exc).__name__}: {exc}") from exc

    def subclasses(self, cls: str) -> list[str]:
        """``cls`` and its subclasses in the data (``rdfs:subClassOf*``, as pyshacl reads targets)."""
        with self._stats_lock:
            known = self._subclasses.get(cls)
        if known is None:
            known = sorted({str(row[0]) for row in self.query(
                f"SELECT DISTINCT ?k WHERE {{ ?k <{RDFS.subClassOf}>* {cls} }}")} | {cls})
            with self._stats_lock:
                self._subclasses[cls] = known
        return known

    def focus_targets(self, shape: _Shape) -> str:
        """Group patterns (a UNION) binding ``?this`` to every focus node of the shape."""
        t = shape.targets
        branches = []
        classes = sorted({k for cls in t.classes for k in self.subclasses(cls)})
        if len(classes) == 1:
            branches.append(f"?this <{RDF.type}> {classes[0]} .")
        elif classes:
            branches.append(f"VALUES ?targetClass {{ {' '.join(classes)} }} ?this <{RDF.type}> ?targetClass .")
        if t.nodes:
            branches.append("VALUES ?this { " + " ".join(t.nodes) + " }")
        branches += [f"?this {p} ?targetValue ." for p in t.subjects_of]
        branches += [f"?targetSubject {p} ?this ." for p in t.objects_of]
        return " UNION ".join("{ " + b + " }" for b in branches)

    def focus_block(self, shape: _Shape) -> str:
        """A sub-query of the distinct focus nodes, as ``?this``."""
        return "{ SELECT DISTINCT ?this WHERE { " + self.focus_targets(shape) + " } }"

    def focus_nodes(self, shape: _Shape) -> list[Any]:
        return [row[0] for row in self.query("SELECT ?this WHERE " + self.focus_block(shape))]

    # -- Core ------------------------------------------------------------------

    def core(self, shape: _Shape) -> list[ShaclResult]:
        """The Core constraints of one shape: cardinalities counted by Oxigraph, values tested here."""
        messages = tuple(sorted(str(m) for m in shape.messages))
        out: list[ShaclResult] = []
        convert = Converted(to_rdflib)

        def result(component: URIRef, focus: Node, value: Node | None) -> None:
            out.append(ShaclResult(focus=focus, severity=shape.severity, source_shape=shape.node,
                                   constraint_component=component, path=shape.path, value=value,
                                   messages=messages))

        block = self.focus_block(shape)
        path = f"<{shape.path}>" if shape.path is not None else None
        low, high = shape.min_count or 0, shape.max_count
        if path is not None and low > 0 and high is not None:
            # Both bounds in one query (most shapes say "exactly one"): one pass over the focus nodes.
            text = (f"SELECT ?this ?n WHERE {{ {block} OPTIONAL {{ SELECT ?this (COUNT(DISTINCT ?value) AS ?n) "
                    f"WHERE {{ ?this {path} ?value }} GROUP BY ?this }} "
                    f"FILTER (COALESCE(?n, 0) < {low} || COALESCE(?n, 0) > {high}) }}")
            for row in self.query(text):
                n = int(row[1].value) if row[1] is not None else 0
                result(SH.MinCountConstraintComponent if n < low else SH.MaxCountConstraintComponent,
                       convert(row[0]), None)
        elif path is not None and shape.min_count is not None and shape.min_count > 0:
            if shape.min_count == 1:
                text = f"SELECT ?this WHERE {{ {block} FILTER NOT EXISTS {{ ?this {path} ?value }} }}"
            else:
                text = (f"SELECT ?this WHERE {{ {block} OPTIONAL {{ SELECT ?this (COUNT(DISTINCT ?value) AS ?n) "
                        f"WHERE {{ ?this {path} ?value }} GROUP BY ?this }} "
                        f"FILTER (COALESCE(?n, 0) < {shape.min_count}) }}")
            for row in self.query(text):
                result(SH.MinCountConstraintComponent, convert(row[0]), None)
        if path is not None and shape.max_count is not None and not low:
            text = (f"SELECT ?this WHERE {{ {{ SELECT ?this (COUNT(DISTINCT ?value) AS ?n) "
                    f"WHERE {{ {block} ?this {path} ?value }} GROUP BY ?this }} FILTER (?n > {shape.max_count}) }}")
            for row in self.query(text):
                result(SH.MaxCountConstraintComponent, convert(row[0]), None)
        if shape.datatype is None and shape.in_values is None and not shape.patterns:
            return out
        if path is not None:
            pairs = ((convert(row[0]), convert(row[1]))
                     for row in self.query(f"SELECT DISTINCT ?this ?value WHERE {{ {block} ?this {path} ?value }}"))
        else:
            pairs = ((f, f) for f in (convert(t) for t in self.focus_nodes(shape)))
        for focus, value in pairs:
            if shape.datatype is not None and not _datatype_ok(value, shape.datatype):
                result(SH.DatatypeConstraintComponent, focus, value)
            if shape.in_values is not None and value not in shape.in_values:
                result(SH.InConstraintComponent, focus, value)
            for pattern in shape.patterns:
                if isinstance(value, BNode):
                    result(SH.PatternConstraintComponent, focus, value)
                    continue
                text = _value_string(value)
                if not (pattern.match(text) or pattern.search(text)):
                    result(SH.PatternConstraintComponent, focus, value)
        return out

    # -- SPARQL ----------------------------------------------------------------

    def sparql(self, shape: _Shape, constraint: _Sparql) -> list[ShaclResult]:
        subs: dict = {}
        if constraint.current_shape:
            subs[ox.Variable("currentShape")] = to_oxigraph(shape.node)
        out: list[ShaclResult] = []
        plan = self.plan(constraint)
        if constraint.structure.batchable:
            text = rewrite(constraint.structure, focus_targets=self.focus_targets(shape), plan=plan)
            self._rows(shape, constraint, *self.solutions(text, constraint.prefixes, subs), None, out)
        else:
            text = rewrite(constraint.structure, plan=plan)
            for focus in self.focus_nodes(shape):
                bound = dict(subs)
                if constraint.binds_this:
                    bound[ox.Variable("this")] = focus
                solutions = self.query(text, prefixes=constraint.prefixes, substitutions=bound)
                names = [v.value for v in solutions.variables]
                self._rows(shape, constraint, names, solutions, to_rdflib(focus), out)
        return out

    def _rows(self, shape: _Shape, constraint: _Sparql, names: list[str], solutions: Iterable,
              focus: Node | None, out: list[ShaclResult]) -> None:
        projects_this = constraint.structure.projects_this
        seen: set[tuple] = set()
        source = constraint.node if isinstance(constraint.node, URIRef) else None
        convert = Converted(to_rdflib)
        # The constraint's own messages, then the shape's: the same templates for every row.
        shape_messages = list(shape.messages)
        templates = [str(m.value) for m in constraint.messages if m not in shape_messages]
        templates += [str(m.value) for m in shape_messages]
        for solution in solutions:
            row = {name: convert(term) for name, term in zip(names, solution, strict=True) if term is not None}
            path = row.pop("path", None)
            value = row.pop("value", None)
            this = row.pop("this", None)
            f = focus if focus is not None else this
            if f is None:
                continue
            if not projects_this:
                this = None
            if path is None and value is None and this is None:
                continue
            key = (f, this, path, value, tuple(row.items()))  # the row's variables come in the query's order
            if key in seen:
                continue
            seen.add(key)
            if value is None and not shape.is_property:
                value = f
            texts = [_format(t, this, path, value, row) for t in templates]
            out.append(ShaclResult(
                focus=this or f,
                severity=shape.severity,
                source_shape=shape.node,
                constraint_component=SH.SPARQLConstraintComponent,
                source_constraint=source,
                path=path if path is not None else (shape.path if shape.is_property else None),
                value=value,
                messages=tuple(sorted(set(texts))),  # formatted messages lose their language: equal texts merge
            ))


def _tasks(compiled: CompiledShapes) -> Iterator[tuple[_Shape, _Sparql | None]]:
    for shape in compiled.shapes:
        if shape.has_core:
            yield shape, None
        for constraint in shape.sparql:
            yield shape, constraint


def run_batch(store: Any, shapes: Graph | CompiledShapes, *, default_graph: Any = None,
              jobs: int = 1, fork: bool = False) -> list[ShaclResult]:
    """Validate the data of a pyoxigraph ``store`` against ``shapes``: every result, sorted.

    ``default_graph``: the graphs the queries read as their default graph (None:
    the store's default graph).  ``jobs``: queries run on that many worker
    processes when ``fork`` is true (an in-memory store, shared copy-on-write
    with the forked workers: :mod:`ptce_graph.pole_workers`), else on that many
    threads.  pyoxigraph 0.5 holds the interpreter lock while it evaluates a
    query, so threads only overlap the waits of a remote endpoint; a store on
    disk (RocksDB) must not be forked.  A store whose ``lateral`` attribute is
    false (a SPARQL endpoint, :class:`ptce_graph.publish.remote_store.RemoteStore`)
    gets no ``LATERAL``.
    """
    compiled = shapes if isinstance(shapes, CompiledShapes) else compile_shapes(shapes)
    runner = _Runner(store, default_graph, lateral_supported() and getattr(store, "lateral", True), jobs)

    def run(task: tuple[_Shape, _Sparql | None]) -> list[ShaclResult]:
        shape, constraint = task
        return runner.core(shape) if constraint is None else runner.sparql(shape, constraint)

    tasks = list(_tasks(compiled))
    # The slowest queries first, so that threads finish together: per-focus ones, then by text length;
    # a constraint whose text an earlier task has (another definition's copy of a clause) goes after
    # every first one: by then its rows are ready, where next to the first its thread would wait for them.
    tasks.sort(key=lambda t: (t[1] is None or t[1].structure.batchable, -len(t[1].text) if t[1] else 0))
    firsts: list[tuple[_Shape, _Sparql | None]] = []
    repeats: list[tuple[_Shape, _Sparql | None]] = []
    seen: set[str] = set()
    for task in tasks:
        text = task[1].text if task[1] is not None else None
        (repeats if text in seen else firsts).append(task)
        if text is not None:
            seen.add(text)
    tasks = firsts + repeats
    if any(c is not None for _, c in tasks):
        runner.plan(next(c for _, c in tasks if c is not None))  # statistics once, before the threads
    results: set[ShaclResult] = set()
    if jobs > 1 and len(tasks) > 1 and fork and can_fork():
        # A worker runs every task of one query text, so that the text is evaluated once.
        groups: dict[str | None, list[tuple[_Shape, _Sparql | None]]] = {}
        for task in tasks:
            groups.setdefault(task[1].text if task[1] is not None else f"core {len(groups)}", []).append(task)
        units = list(groups.values())
        for part in map_poles(lambda i: [r for task in units[i] for r in run(task)], len(units), jobs=jobs,
                              progress=False, chunk=1):
            results.update(part)
    elif jobs > 1 and len(tasks) > 1:
        with ThreadPoolExecutor(max_workers=jobs, thread_name_prefix="ptce-shacl") as pool:
            for part in pool.map(run, tasks):
                results.update(part)
    else:
        for task in tasks:
            results.update(run(task))
    return sorted(results, key=ShaclResult.sort_key)
