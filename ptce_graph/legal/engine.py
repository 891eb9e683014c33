"""The SHACL engines: run shapes on a working graph, return typed SHACL results.

Everything engine-specific is here.  The rest of :mod:`ptce_graph.legal`
reads :class:`ShaclResult` values, so any engine that produces the same
results can replace another.  Three engines:

* ``"batch"`` (the default): :mod:`ptce_graph.legal.batch_engine` reads the
  same shapes and runs each SPARQL constraint once for all focus nodes on an
  Oxigraph store, instead of once per focus node.  pyshacl on a whole registry
  is quadratic on an Oxigraph store and ~75 µs per triple on rdflib; this
  engine is linear and 15-25x faster than pyshacl on rdflib at 1,000 poles
  (``docs/performance.md``).  A differential test checks that it gives
  exactly pyshacl's results.  Shapes using a SHACL feature it does not
  implement are run by pyshacl instead.
* ``"oxigraph"`` (the default when pyshacl supports it, 0.40 and later): the
  working graph is copied into an in-memory :class:`pyoxigraph.Store` and
  pyshacl runs the SPARQL constraints there.  Oxigraph parses a query in
  microseconds, where rdflib took ~3 s to parse the 20,000 characters of
  queries of one definition on first use; one pole validates in ~0.1 s.
* ``"rdflib"``: pyshacl over the rdflib graph itself, the reference
  implementation; a test checks that both give identical results on every
  fixture.  It is used when Oxigraph cannot hold the graph (an IRI Oxigraph
  rejects) or when asked for.

pyshacl is never given a string (it would read it as a location, STORES.md
§3d): only an rdflib ``Graph`` or a pyoxigraph ``Store`` that we built.  It
runs with ``inference="none"``, no ``owl:imports``, ``inplace=True`` on our
own copy (never the caller's graph), and reports every result (no abort on
the first).  Results come back sorted.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from ptce_graph.errors import PTCEError

__all__ = [
    "ShaclResult",
    "run_shacl",
    "EngineError",
    "SEVERITY_NAMES",
    "node_key",
    "ENGINES",
    "default_engine",
]

#: The engines: the batch engine, and pyshacl on either store.
ENGINES = ("batch", "oxigraph", "rdflib")

#: Short names of the SHACL severities.
SEVERITY_NAMES = {SH.Violation: "Violation", SH.Warning: "Warning", SH.Info: "Info"}


class EngineError(PTCEError):
    """The SHACL engine failed (a broken shape or query): never a data problem."""


def node_key(node: Node | None) -> tuple:
    """A total, deterministic order on RDF terms (None first, then IRIs, blank nodes, literals)."""
    if node is None:
        return (0, "")
    if isinstance(node, URIRef):
        return (1, str(node))
    if isinstance(node, BNode):
        return (2, str(node))
    if isinstance(node, Literal):
        return (3, str(node), str(node.datatype or ""), node.language or "")
    return (4, str(node))


@dataclass(frozen=True)
class ShaclResult:
    """One ``sh:ValidationResult``, kept intact."""

    focus: Node
    severity: URIRef
    source_shape: Node
    constraint_component: URIRef | None
    source_constraint: Node | None = None
    path: Node | None = None
    value: Node | None = None
    messages: tuple[str, ...] = ()

    @property
    def severity_name(self) -> str:
        return SEVERITY_NAMES.get(self.severity, str(self.severity))

    def sort_key(self) -> tuple:
        return (
            node_key(self.focus),
            node_key(self.source_shape),
            node_key(self.source_constraint),
            node_key(self.path),
            node_key(self.value),
            self.messages,
        )


def _one(graph: Graph, node: Node, prop: URIRef) -> Node | None:
    values = sorted(graph.objects(node, prop), key=node_key)
    return values[0] if values else None


def _parse_report(report: Graph) -> list[ShaclResult]:
    results = []
    for r in report.subjects(RDF.type, SH.ValidationResult):
        constraint = _one(report, r, SH.sourceConstraint)
        results.append(
            ShaclResult(
                focus=_one(report, r, SH.focusNode),  # type: ignore[arg-type]
                severity=_one(report, r, SH.resultSeverity),  # type: ignore[arg-type]
                source_shape=_one(report, r, SH.sourceShape),  # type: ignore[arg-type]
                constraint_component=_one(report, r, SH.sourceConstraintComponent),  # type: ignore[arg-type]
                # A SPARQL constraint is named by its IRI; pyshacl copies a blank-node constraint.
                source_constraint=constraint if isinstance(constraint, URIRef) else None,
                path=_one(report, r, SH.resultPath),
                value=_one(report, r, SH.value),
                messages=tuple(sorted(str(m) for m in report.objects(r, SH.resultMessage))),
            )
        )
    return sorted(set(results), key=ShaclResult.sort_key)


@functools.lru_cache(maxsize=2048)
def _prepared(text: str) -> Any:
    from rdflib.plugins.sparql import prepareQuery

    return prepareQuery(text)


def _memoise_query_parsing(graph: Graph) -> None:
    """Parse each SPARQL text once per process on *our* working graph.

    pyshacl hands rdflib the text of a SPARQL constraint for every focus node,
    and rdflib parses it again each time: parsing, not evaluation, was ~90 % of
    the validation time of one pole.  The instance's ``query`` is wrapped (the
    graph is ours, never the caller's; rdflib.Graph is not subclassed).
    """
    original = graph.query

    def query(query_object: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(query_object, str):
            try:
                query_object = _prepared(query_object)
            except Exception:  # noqa: BLE001 - let rdflib raise its own error on the text
                pass
        return original(query_object, *args, **kwargs)

    graph.query = query  # type: ignore[method-assign]


def default_engine() -> str:
    """``batch`` when this pyoxigraph has ``LATERAL`` (0.5 and later), else pyshacl on ``rdflib``.

    pyshacl on an Oxigraph store is never the default: it is quadratic on registries.
    """
    from ptce_graph.legal.batch_engine import lateral_supported

    return "batch" if lateral_supported() else "rdflib"


@functools.lru_cache(maxsize=1)
def _oxigraph_supported() -> bool:
    try:
        import pyoxigraph  # noqa: F401
        from pyshacl.graph_abstraction import has_oxigraph  # pyshacl >= 0.40
    except ImportError:
        return False
    return bool(has_oxigraph)


def _to_oxigraph(graph: Graph) -> Any:
    """A pyoxigraph store holding the graph; blank nodes keep their labels so results map back."""
    import pyoxigraph as ox

    from ptce_graph.legal.batch_engine import to_oxigraph

    store = ox.Store()
    store.extend(ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o)) for s, p, o in graph)
    return store


def _validate(data: Any, shapes: Graph) -> tuple[Any, str]:
    import pyshacl

    try:
        _conforms, report, text = pyshacl.validate(
            data,
            shacl_graph=shapes,
            inference="none",
            inplace=True,
            abort_on_first=False,
            allow_infos=False,
            allow_warnings=False,
            advanced=False,
            do_owl_imports=False,
            meta_shacl=False,
        )
    except Exception as exc:  # noqa: BLE001 - pyshacl raises its own types for broken shapes
        raise EngineError(f"the SHACL engine failed: {type(exc).__name__}: {exc}") from exc
    return report, text


def run_shacl(working: Graph, shapes: Graph, *, engine: str | None = None, jobs: int = 1) -> list[ShaclResult]:
    """Validate ``working`` (our own copy) against ``shapes``; every result, sorted.

    ``engine`` is ``"batch"``, ``"oxigraph"``, ``"rdflib"`` or None
    (:func:`default_engine`).  ``jobs``: threads of the batch engine.
    """
    engine = engine or default_engine()
    if engine not in ENGINES:
        raise EngineError(f"unknown SHACL engine {engine!r}; expected one of {', '.join(ENGINES)}")
    if engine == "batch":
        from ptce_graph.legal.batch_engine import UnsupportedShapes, compile_shapes, run_batch

        try:
            program = compile_shapes(shapes)
            store = _to_oxigraph(working)
        except (UnsupportedShapes, ValueError):  # a feature it lacks, a term Oxigraph rejects: pyshacl
            engine = "rdflib"
        else:
            return run_batch(store, program, jobs=jobs)
    data: Any = working
    if engine == "oxigraph":
        if not _oxigraph_supported():
            raise EngineError("the oxigraph engine needs pyoxigraph and pyshacl 0.40 or later")
        try:
            data = _to_oxigraph(working)
        except ValueError:  # an IRI or literal Oxigraph rejects: the rdflib store takes anything
            data = working
    if data is working:
        _memoise_query_parsing(working)
    report, text = _validate(data, shapes)
    if not isinstance(report, Graph):
        raise EngineError(f"the SHACL engine failed: {text}")
    return _parse_report(report)
