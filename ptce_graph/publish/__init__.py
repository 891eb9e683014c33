"""Linked-data publication: files, dataset metadata, persistent IRIs, SPARQL stores.

* :func:`export` writes deterministic Turtle, JSON-LD or N-Triples and, with
  ``with_metadata=True``, a DCAT/VoID description beside it
  (:mod:`~ptce_graph.publish.metadata`);
* :mod:`~ptce_graph.iris` documents and mints the persistent IRIs;
  :func:`skolemize` gives blank nodes stable IRIs;
* :func:`publish` replaces a named graph of a SPARQL store (Oxigraph,
  Virtuoso, Fuseki, any SPARQL 1.1 store) safely; :func:`read_graph` reads it
  back; :func:`query` runs SPARQL with bindings on a graph, a store or an
  endpoint;
* :class:`EmbeddedStore` is a persistent on-disk store (Oxigraph);
* :func:`build_docs` writes the HTML documentation of the ontology and shapes.

See ``docs/publishing.md``.
"""

from __future__ import annotations

from ptce_graph.io.bnodes import deskolemize, skolemize
from ptce_graph.publish.docs import build_docs  # noqa: I001
from ptce_graph.publish.embedded import EmbeddedStore
from ptce_graph.publish.files import ExportResult, export
from ptce_graph.publish.metadata import DatasetInfo, Distribution, dataset_metadata
from ptce_graph.publish.query import query
from ptce_graph.publish.sparql import QueryResult
from ptce_graph.publish.store import (
    Credentials,
    Endpoint,
    PublishReport,
    StoreError,
    drop_graph,
    publish,
    read_graph,
)

__all__ = [
    "export",
    "ExportResult",
    "DatasetInfo",
    "Distribution",
    "dataset_metadata",
    "skolemize",
    "deskolemize",
    "publish",
    "read_graph",
    "drop_graph",
    "PublishReport",
    "Endpoint",
    "Credentials",
    "StoreError",
    "query",
    "QueryResult",
    "EmbeddedStore",
    "build_docs",
]
