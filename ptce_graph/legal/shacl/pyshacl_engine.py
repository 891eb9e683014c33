"""pyshacl, the reference SHACL engine, on an rdflib graph or an Oxigraph store.

pyshacl is never given a string (it would read it as a location, STORES.md
§3d): only an rdflib ``Graph`` or a pyoxigraph ``Store`` that we built.  It
runs with ``inference="none"``, no ``owl:imports``, ``inplace=True`` on our
own copy (never the caller's graph), and reports every result (no abort on
the first).  Its report graph is read back into sorted
:class:`~ptce_graph.legal.shacl.results.ShaclResult` values.

On Oxigraph (pyshacl 0.40 and later) the working graph is copied into an
in-memory :class:`pyoxigraph.Store`: Oxigraph parses a query in microseconds,
where rdflib took ~3 s to parse the 20,000 characters of queries of one
definition on first use.  On rdflib, each SPARQL text is parsed once per
process (:func:`memoise_query_parsing`).
"""

from __future__ import annotations

import functools
from typing import Any

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from ptce_graph.legal.shacl.results import EngineError, ShaclResult, node_key
from ptce_graph.oxigraph_terms import to_oxigraph

__all__ = ["run_pyshacl", "oxigraph_supported", "oxigraph_store", "memoise_query_parsing", "parse_report"]


def _one(graph: Graph, node: Node, prop: URIRef) -> Node | None:
    values = sorted(graph.objects(node, prop), key=node_key)
    return values[0] if values else None


def parse_report(report: Graph) -> list[ShaclResult]:
    """The results of a pyshacl report graph, deduplicated and sorted."""
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
    # rdflib's SPARQL parser (~0.3 s to import) is loaded by the pyshacl engines only, never the default
    from rdflib.plugins.sparql import prepareQuery

    return prepareQuery(text)


def memoise_query_parsing(graph: Graph) -> None:
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


@functools.lru_cache(maxsize=1)
def oxigraph_supported() -> bool:
    """Whether this pyshacl validates on a pyoxigraph store (0.40 and later)."""
    try:
        from pyshacl.graph_abstraction import has_oxigraph  # pyshacl >= 0.40: imported only when asked
    except ImportError:
        return False
    return bool(has_oxigraph)


def oxigraph_store(graph: Graph) -> Any:
    """A pyoxigraph store holding the graph; blank nodes keep their labels so results map back."""
    store = ox.Store()
    store.extend(ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o)) for s, p, o in graph)
    return store


def _validate(data: Any, shapes: Graph) -> tuple[Any, str]:
    # pyshacl is imported here, not with the module: it adds ~0.1 s to the start of every
    # command, and only the reference engines (never the default) use it.
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


def run_pyshacl(working: Graph, shapes: Graph, *, store: str = "rdflib") -> list[ShaclResult]:
    """pyshacl over ``working`` (our own copy) held in ``store`` (``rdflib`` or ``oxigraph``); sorted results.

    On ``oxigraph``, a graph Oxigraph cannot hold (an IRI or literal it
    rejects) is validated on rdflib, which takes anything.
    """
    data: Any = working
    if store == "oxigraph":
        if not oxigraph_supported():
            raise EngineError("the oxigraph engine needs pyoxigraph and pyshacl 0.40 or later")
        try:
            data = oxigraph_store(working)
        except ValueError:  # an IRI or literal Oxigraph rejects: the rdflib store takes anything
            data = working
    if data is working:
        memoise_query_parsing(working)
    report, text = _validate(data, shapes)
    if not isinstance(report, Graph):
        raise EngineError(f"the SHACL engine failed: {text}")
    return parse_report(report)
