"""The only module that reads files shipped with ptce_graph.

The ontology and the SHACL shapes live at the repository root (``ontology/``,
``shapes/``) because they are source code reviewed on their own; the wheel puts
them inside the package (``ptce_graph/ontology``, ``ptce_graph/shapes``).  This
module finds them in either place through :mod:`importlib.resources`, never
through the current directory, and parses each file once per process.
"""

from __future__ import annotations

import functools
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

import pyoxigraph
import rdflib

from ptce_graph.oxigraph_terms import Converted, to_rdflib

__all__ = [
    "ONTOLOGY_FILES",
    "ontology_dir",
    "shapes_dir",
    "read_bytes",
    "ontology_graph",
    "packaged_graph",
    "shape_files",
]

#: Files of ``ontology/``, in the order they are merged.
ONTOLOGY_FILES: tuple[str, ...] = (
    "ptce.ttl",
    "schemes.ttl",
    "reasoning.ttl",
    "sources.ttl",
    "definitions.ttl",
    "legal-forms.ttl",
    "referentiel.ttl",
    "typology.ttl",
)


def _packaged(folder: str) -> Traversable:
    installed = resources.files("ptce_graph").joinpath(folder)
    if installed.is_dir():
        return installed
    # A source checkout (editable install or tests run from the repository):
    # the folder sits beside the package, at the repository root.
    checkout = Path(__file__).resolve().parent.parent / folder
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(
        f"ptce_graph is installed without its {folder}/ folder; reinstall the package"
    )


def ontology_dir() -> Traversable:
    """The folder holding the ontology's Turtle files."""
    return _packaged("ontology")


def shapes_dir() -> Traversable:
    """The folder holding the SHACL shapes."""
    return _packaged("shapes")


def read_bytes(folder: str, name: str) -> bytes:
    """Bytes of one packaged file, e.g. ``read_bytes("ontology", "ptce.ttl")``."""
    if folder not in ("ontology", "shapes", "context", "templates", "data"):
        raise ValueError(f"unknown packaged folder {folder!r}")
    base = _packaged(folder)
    entry = base.joinpath(name)
    if not entry.is_file():
        raise FileNotFoundError(f"no packaged file {folder}/{name}")
    return entry.read_bytes()


def shape_files() -> list[str]:
    """Names of the packaged ``shapes/*.ttl`` files, sorted."""
    try:
        base = shapes_dir()
    except FileNotFoundError:
        return []
    return sorted(e.name for e in base.iterdir() if e.name.endswith(".ttl"))


@functools.cache
def packaged_graph(folder: str, name: str) -> rdflib.Graph:
    """One packaged Turtle file, parsed once per process.

    The returned graph is shared: callers must not modify it (copy it first).
    """
    # Oxigraph's parser, the terms converted as our loader does: the same graph as rdflib's parser
    # gives (a test compares them), three times faster, which every command's start-up pays.
    graph = rdflib.Graph()
    term = Converted(to_rdflib)
    graph.addN((term(t.subject), term(t.predicate), term(t.object), graph)
               for t in pyoxigraph.parse(read_bytes(folder, name), format=pyoxigraph.RdfFormat.TURTLE))
    return graph


@functools.lru_cache(maxsize=1)
def ontology_graph() -> rdflib.Graph:
    """The whole ontology (core, sources, definitions, SKOS schemes), parsed once.

    Files listed in :data:`ONTOLOGY_FILES` that are absent are skipped, so that
    the core can be used while a scheme is being written.  Shared: do not modify.
    """
    merged = rdflib.Graph()
    base = ontology_dir()
    for name in ONTOLOGY_FILES:
        if base.joinpath(name).is_file():
            merged += packaged_graph("ontology", name)
    return merged
