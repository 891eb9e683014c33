"""Writing published files: the data, and beside it its DCAT/VoID metadata.

``export(data, "pole.ttl", with_metadata=True)`` writes ``pole.ttl`` and
``pole.metadata.ttl``; the metadata describes the data file as a
``dcat:Distribution`` (its size and SHA-256 checksum, so the data is written
first).  Both files are written atomically and deterministically; give
``issued``/``modified`` dates (or ``SOURCE_DATE_EPOCH``) for byte-identical
metadata.  ``skolemize=True`` replaces blank nodes by stable IRIs first
(:func:`ptce_graph.io.bnodes.skolemize`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from ptce_graph.errors import OutputError
from ptce_graph.io import Source, as_graph, save
from ptce_graph.io.atomic import write_bytes_atomic
from ptce_graph.io.bnodes import has_bnodes
from ptce_graph.io.bnodes import skolemize as _skolemize
from ptce_graph.io.formats import output_format
from ptce_graph.io.serialize import to_jsonld, to_ntriples, to_turtle
from ptce_graph.iris import DEFAULT_BASE
from ptce_graph.publish.metadata import DatasetInfo, dataset_metadata, distribution_for, merged_prefixes

__all__ = ["export", "ExportResult", "metadata_path_for"]

@dataclass(frozen=True)
class ExportResult:
    """The files written."""

    data: Path
    metadata: Path | None
    triples: int


def metadata_path_for(path: str | os.PathLike[str]) -> Path:
    """``pole.ttl`` -> ``pole.metadata.ttl`` (same folder, same format)."""
    p = Path(path)
    return p.with_name(f"{p.stem}.metadata{p.suffix}")


def _bytes(graph: Graph, fmt: str, *, metadata: bool = False) -> bytes:
    if fmt == "turtle":
        return to_turtle(graph, prefixes=merged_prefixes()) if metadata else to_turtle(graph)
    if fmt == "nt":
        return to_ntriples(graph)
    return to_jsonld(graph)


def export(
    data: Source | Graph,
    destination: str | os.PathLike[str],
    *,
    format: str | None = None,
    with_metadata: bool = False,
    info: DatasetInfo | None = None,
    metadata_destination: str | os.PathLike[str] | None = None,
    skolemize: bool = False,
    base: str = DEFAULT_BASE,
    lang: str | None = None,
    excel: bool = False,
    strict: bool = False,
) -> ExportResult:
    """Write ``data`` to ``destination`` (format from the extension or ``format``), and its metadata.

    Without ``with_metadata`` and ``skolemize`` this is :func:`ptce_graph.save`; ``lang``, ``excel``
    and ``strict`` are its options for bundles and workbooks.
    """
    path = Path(destination)
    fmt = output_format(path, format)
    graph = as_graph(data)
    if skolemize and has_bnodes(graph):
        graph = _skolemize(graph, base=base)
    if fmt in ("bundle", "xlsx", "ods"):
        if with_metadata:
            raise OutputError("--with-metadata describes RDF files; write .ttl, .jsonld or .nt")
        save(graph, path, format=fmt, lang=lang, excel=excel, strict=strict)
        return ExportResult(path, None, len(graph))
    write_bytes_atomic(path, _bytes(graph, fmt))
    if not with_metadata:
        return ExportResult(path, None, len(graph))
    meta_path = Path(metadata_destination) if metadata_destination is not None else metadata_path_for(path)
    meta_fmt = output_format(meta_path, None)
    if meta_fmt == "bundle":
        raise OutputError(f"{meta_path}: metadata is written as .ttl, .jsonld or .nt")
    if meta_path.resolve() == path.resolve():
        raise OutputError("the metadata file would overwrite the data file; choose another name")
    info = info or DatasetInfo()
    distribution = distribution_for(path, fmt)
    metadata = dataset_metadata(graph, info, distributions=[distribution], base=base)
    write_bytes_atomic(meta_path, _bytes(metadata, meta_fmt, metadata=True))
    return ExportResult(path, meta_path, len(graph))
