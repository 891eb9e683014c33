"""The choice of SHACL engine: run shapes on a working graph, return typed SHACL results.

Everything after this module reads :class:`~ptce_graph.legal.shacl.results.ShaclResult`
values, so any engine that produces the same results can replace another.  Three engines:

* ``"batch"`` (the default): :mod:`ptce_graph.legal.shacl.batch_engine` reads the
  same shapes and runs each SPARQL constraint once for all focus nodes on an
  Oxigraph store, instead of once per focus node.  pyshacl on a whole registry
  is quadratic on an Oxigraph store and ~75 µs per triple on rdflib; this
  engine is linear and 15-25x faster than pyshacl on rdflib at 1,000 poles
  (``docs/performance.md``).  A differential test checks that it gives
  exactly pyshacl's results.  Shapes using a SHACL feature it does not
  implement are run by pyshacl instead.
* ``"oxigraph"``: pyshacl on an in-memory Oxigraph store
  (:mod:`ptce_graph.legal.shacl.pyshacl_engine`, pyshacl 0.40 and later); one
  pole validates in ~0.1 s.
* ``"rdflib"``: pyshacl over the rdflib graph itself, the reference
  implementation; a test checks that both give identical results on every
  fixture.  It is used when Oxigraph cannot hold the graph (an IRI Oxigraph
  rejects) or when asked for.
"""

from __future__ import annotations

from rdflib import Graph

from ptce_graph.legal.shacl.batch_engine import UnsupportedShapes, compile_shapes, lateral_supported, run_batch
from ptce_graph.legal.shacl.pyshacl_engine import oxigraph_store, run_pyshacl
from ptce_graph.legal.shacl.results import EngineError, ShaclResult

__all__ = ["ENGINES", "default_engine", "run_shacl"]

#: The engines: the batch engine, and pyshacl on either store.
ENGINES = ("batch", "oxigraph", "rdflib")


def default_engine() -> str:
    """``batch`` when this pyoxigraph has ``LATERAL`` (0.5 and later), else pyshacl on ``rdflib``.

    pyshacl on an Oxigraph store is never the default: it is quadratic on registries.
    """
    return "batch" if lateral_supported() else "rdflib"


def run_shacl(working: Graph, shapes: Graph, *, engine: str | None = None, jobs: int = 1) -> list[ShaclResult]:
    """Validate ``working`` (our own copy) against ``shapes``; every result, sorted.

    ``engine`` is ``"batch"``, ``"oxigraph"``, ``"rdflib"`` or None
    (:func:`default_engine`).  ``jobs``: threads of the batch engine.
    """
    engine = engine or default_engine()
    if engine not in ENGINES:
        raise EngineError(f"unknown SHACL engine {engine!r}; expected one of {', '.join(ENGINES)}")
    if engine == "batch":
        try:
            program = compile_shapes(shapes)
            store = oxigraph_store(working)
        except (UnsupportedShapes, ValueError):  # a feature it lacks, a term Oxigraph rejects: pyshacl
            engine = "rdflib"
        else:
            return run_batch(store, program, jobs=jobs, fork=True)  # a store of our own, in memory
    return run_pyshacl(working, shapes, store=engine)
