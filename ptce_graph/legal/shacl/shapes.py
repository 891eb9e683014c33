"""The SHACL shapes, loaded once per process, and what each shape means.

Shapes files are read through :mod:`ptce_graph.resources` (never from the
current directory) and parsed once; the shapes graph of a set of files is
built once and shared (pyshacl reads it, nothing writes it but pyshacl's own
system triples).  :func:`shape_index` says, for every shape and SPARQL
constraint, which legal clause it checks (``ptce:checksClause``) or shows the
evidence of (``ptce:showsClause``), its severity and its messages in each
language: this is what the report reads to turn SHACL results into clause
statuses and evidence, never a shape's name.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH

from ptce_graph.labels import pick, texts_by_language
from ptce_graph.legal.spec.definitions import DEFINITION_IDS, definitions
from ptce_graph.namespaces import PTCE
from ptce_graph.resources import packaged_graph

__all__ = [
    "QUALITY_FILE",
    "ShapeInfo",
    "ShapeIndex",
    "shapes_file",
    "shapes_graph",
    "shape_index",
]

#: The data-quality shapes file.
QUALITY_FILE = "data-quality.ttl"


def shapes_file(definition: str) -> str:
    """The file name of a definition's shapes (``law-2014.ttl``)."""
    return f"{definition}.ttl"


@dataclass(frozen=True)
class ShapeInfo:
    """What a shape (or a SPARQL constraint of a shape) means for the report."""

    iri: URIRef
    shape: URIRef  # the shape itself (== iri for a shape; the owning shape for a constraint)
    severity: URIRef
    clause: URIRef | None  # the ptce:LegalClause it checks; None for data quality
    definition: str | None
    clause_id: str | None
    messages: dict[str, str]
    names: dict[str, str]
    #: An evidence shape (ptce:showsClause): its results show what meets the clause, never its status.
    evidence: bool = False

    def message(self, lang: str) -> str:
        """The message in ``lang`` (:func:`ptce_graph.labels.pick`)."""
        return pick(self.messages, lang) or ""

    def name(self, lang: str) -> str:
        """The name in ``lang``, else the IRI."""
        return pick(self.names, lang) or str(self.iri)


@dataclass(frozen=True)
class ShapeIndex:
    """Shapes and SPARQL constraints by IRI."""

    entries: dict[URIRef, ShapeInfo]

    def get(self, iri: object) -> ShapeInfo | None:
        """What a shape or constraint IRI means, or None."""
        return self.entries.get(iri) if isinstance(iri, URIRef) else None

    def shapes_of_clause(self, clause: URIRef) -> list[ShapeInfo]:
        """The shapes that check a clause (not its evidence shapes)."""
        return sorted(
            (e for e in self.entries.values() if e.clause == clause and e.iri == e.shape and not e.evidence),
            key=lambda e: str(e.iri),
        )

    def __len__(self) -> int:
        return sum(1 for e in self.entries.values() if e.iri == e.shape)


@functools.cache
def _file_graph(name: str) -> Graph:
    return packaged_graph("shapes", name)


@functools.lru_cache(maxsize=16)
def shapes_graph(files: tuple[str, ...]) -> Graph:
    """The shapes graph of some shapes files, built once per set of files (shared: do not modify)."""
    merged = Graph()
    for name in files:
        merged += _file_graph(name)
    return merged


def all_files() -> tuple[str, ...]:
    return tuple(shapes_file(d) for d in DEFINITION_IDS) + (QUALITY_FILE,)


@functools.lru_cache(maxsize=1)
def shape_index() -> ShapeIndex:
    """What every packaged shape and constraint means, read once."""
    graph = shapes_graph(all_files())
    clause_ids: dict[URIRef, tuple[str | None, str | None]] = {
        c.iri: (d.id, c.id) for d in definitions().values() for c in d.clauses
    }
    entries: dict[URIRef, ShapeInfo] = {}
    shapes: Iterable = set(graph.subjects(RDF.type, SH.NodeShape)) | set(
        graph.subjects(RDF.type, SH.PropertyShape)
    )
    for shape in shapes:
        if not isinstance(shape, URIRef):
            continue
        clause_node = graph.value(shape, PTCE.checksClause)
        shown = graph.value(shape, PTCE.showsClause)
        evidence = clause_node is None and shown is not None
        if evidence:
            clause_node = shown
        clause = URIRef(str(clause_node)) if clause_node is not None else None
        definition, clause_id = clause_ids.get(clause, (None, None)) if clause is not None else (None, None)
        severity = URIRef(str(graph.value(shape, SH.severity) or SH.Violation))
        info = ShapeInfo(
            iri=shape,
            shape=shape,
            severity=severity,
            clause=clause,
            definition=definition,
            clause_id=clause_id,
            messages=texts_by_language(graph.objects(shape, SH.message)),
            names=texts_by_language(graph.objects(shape, SH.name)),
            evidence=evidence,
        )
        entries[shape] = info
        for constraint in graph.objects(shape, SH.sparql):
            if isinstance(constraint, URIRef):
                entries[constraint] = ShapeInfo(
                    iri=constraint,
                    shape=shape,
                    severity=info.severity,
                    clause=info.clause,
                    definition=definition,
                    clause_id=clause_id,
                    messages=texts_by_language(graph.objects(constraint, SH.message)) or info.messages,
                    names=info.names,
                    evidence=evidence,
                )
    return ShapeIndex(entries)
