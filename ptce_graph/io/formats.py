"""The RDF formats ptce_graph reads and writes: one table of names, aliases, file extensions, media types.

Formats go by rdflib's names (``turtle``, ``nt``, ``json-ld``, ``xml``); a
user may say ``ttl``, ``ntriples``, ``jsonld``… (:data:`FORMATS`), and a
file's extension (:data:`EXTENSIONS`) or a server's media type
(:data:`MEDIA_TYPES`) says it too.  ptce_graph's deterministic writers
produce Turtle, N-Triples and JSON-LD; with the spreadsheet ``bundle`` (a
folder of CSV files) and the workbooks (``xlsx``, ``ods``: a bundle in one
file), these are the :data:`OUTPUT_FORMATS`.
"""

from __future__ import annotations

from pathlib import Path

from ptce_graph.errors import OutputError

__all__ = [
    "FORMATS",
    "EXTENSIONS",
    "MEDIA_TYPES",
    "WORKBOOK_FORMATS",
    "WORKBOOK_EXTENSIONS",
    "TABLE_FORMATS",
    "OUTPUT_FORMATS",
    "OUTPUT_ALIASES",
    "OUTPUT_EXTENSIONS",
    "format_from_name",
    "output_format",
]

#: Every name a format goes by -> its rdflib name.
FORMATS: dict[str, str] = {
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

#: File extension -> format.
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

#: Media type of a document fetched over HTTP -> format.
MEDIA_TYPES: dict[str, str] = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "application/ld+json": "json-ld",
    "application/json": "json-ld",
    "application/rdf+xml": "xml",
}

#: The workbooks a bundle is written to and read from (one sheet per table).
WORKBOOK_FORMATS = ("xlsx", "ods")
#: Extensions read as workbooks -> format (macros of ``.xlsm`` are never run nor read; it is not written).
WORKBOOK_EXTENSIONS: dict[str, str] = {".xlsx": "xlsx", ".xlsm": "xlsx", ".ods": "ods"}
#: The forms of the spreadsheet bundle: a folder of CSV files or a workbook.
TABLE_FORMATS = ("bundle", *WORKBOOK_FORMATS)

#: What :func:`ptce_graph.io.save` and ``ptce export`` write.
OUTPUT_FORMATS = ("turtle", "json-ld", "nt", *TABLE_FORMATS)
#: Every name an output format goes by -> the format.
OUTPUT_ALIASES: dict[str, str] = {
    **{name: fmt for name, fmt in FORMATS.items() if fmt in OUTPUT_FORMATS},
    "bundle": "bundle",
    "csv": "bundle",
    **{fmt: fmt for fmt in WORKBOOK_FORMATS},
}
#: File extension -> the output format it names.
OUTPUT_EXTENSIONS: dict[str, str] = {
    **{ext: fmt for ext, fmt in EXTENSIONS.items() if fmt in OUTPUT_FORMATS},
    **{f".{fmt}": fmt for fmt in WORKBOOK_FORMATS},
}


def format_from_name(name: str) -> str | None:
    """The RDF format implied by a file name's extension, or None."""
    lowered = name.lower()
    for ext, fmt in EXTENSIONS.items():
        if lowered.endswith(ext):
            return fmt
    return None


def output_format(destination: Path, format: str | None) -> str:
    """The format to write ``destination`` in: ``format`` if given, else a folder's or the extension's."""
    if format is not None:
        fmt = OUTPUT_ALIASES.get(format.lower())
        if fmt is None:
            raise OutputError(f"unknown output format {format!r}; expected one of {', '.join(OUTPUT_FORMATS)}")
        return fmt
    if destination.is_dir() or not destination.suffix:
        return "bundle"
    fmt = OUTPUT_EXTENSIONS.get(destination.suffix.lower())
    if fmt is None:
        raise OutputError(
            f"{destination}: cannot tell the output format from {destination.suffix!r}; "
            f"use .ttl, .nt, .jsonld, .xlsx, .ods, a folder for a bundle, or say the format"
        )
    return fmt
