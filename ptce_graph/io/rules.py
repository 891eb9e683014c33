"""What a term must be for ptce_graph to read it: one set of rules, applied on write as on read.

The readers (RDF files, spreadsheet bundles, stores) refuse what breaks the
rules; the writers (Turtle, N-Triples, JSON-LD) refuse to write it, so that
whatever ptce_graph exports it can read back.  The rules:

* an IRI is absolute (RFC 3987, checked by Oxigraph), at most
  :data:`MAX_IRI_LENGTH` characters (prefix amplification: memory grows as IRI
  length times uses), and holds no control character, line or paragraph
  separator, nor bidirectional formatting character (RFC 3987 section 4.1
  forbids them: they make an IRI display as another; line separators end lines
  for some readers);
* a literal holds no control character other than tab and line breaks (raptor
  truncates literals at NUL; XML 1.0 cannot carry them) and, when typed with a
  common XSD datatype, is a valid lexical form of it (:mod:`ptce_graph.io.lexical`:
  strict dates, numbers of at most 100 characters);
* data does not describe the terms of ptce_graph's vocabularies
  (:func:`is_vocabulary_term`: what the packaged ontology and shapes describe,
  and every IRI of their namespaces and of RDF, RDFS, OWL, XSD, SHACL and
  SKOS): ``ptcelf:scop ptce:hasFamily ptce:NonESSForm`` in one file would change
  how every pole is judged.  Readers drop such triples with a warning, so that
  neither validation nor reasoning merges them into the ontology.
"""

from __future__ import annotations

import csv
import functools
import re

import pyoxigraph as ox

from ptce_graph.io.lexical import lexical_error
from ptce_graph.namespaces import PREFIXES
from ptce_graph.resources import ONTOLOGY_FILES, ontology_dir, read_bytes, shape_files

__all__ = [
    "MAX_IRI_LENGTH",
    "CONTROL",
    "BIDI_CONTROLS",
    "LONG_IRI",
    "iri_problem",
    "literal_problem",
    "VOCABULARY_NAMESPACES",
    "is_vocabulary_term",
    "MAX_CELL_CHARS",
    "cell_problem",
]

#: The longest CSV cell the bundle reader takes: the csv module's field limit (read here, never set:
#: it is process-wide).  The one CSV writer refuses longer cells, so that every bundle reads back.
MAX_CELL_CHARS = csv.field_size_limit()

#: Namespaces whose terms only vocabularies describe: ptce_graph's own (all but the data namespace
#: ``ptceid:``) and the W3C's it builds on.
VOCABULARY_NAMESPACES: tuple[str, ...] = tuple(
    PREFIXES[name] for name in ("ptce", "ptcedef", "ptcelf", "ptceref", "ptcetyp", "ptcesrc", "rdf", "rdfs",
                                "owl", "xsd", "sh", "skos")
)

#: Longer IRIs are refused: a real IRI is never this long, an amplification attack is.
MAX_IRI_LENGTH = 4096
#: Control characters refused in literals and in the text of an input: C0 but tab, LF, CR; DEL.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
#: Bidirectional formatting characters (ALM, LRM, RLM, LRE...RLO, LRI...PDI).
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
#: An IRI in angle brackets longer than the cap, as a pre-scan of Turtle or N-Triples text finds it.
LONG_IRI = re.compile(rf"<[^<>\s\"]{{{MAX_IRI_LENGTH + 1},}}>")
_IRI_FORBIDDEN = re.compile(rf"[\x00-\x20\x7f-\x9f\u2028\u2029\ud800-\udfff{BIDI_CONTROLS}<>\"{{}}|^`\\]")


def iri_problem(iri: str) -> str | None:
    """Why ``iri`` cannot be read or written as an IRI, or None."""
    if len(iri) > MAX_IRI_LENGTH:
        return f"an IRI of {len(iri)} characters (at most {MAX_IRI_LENGTH})"
    m = _IRI_FORBIDDEN.search(iri)
    if m:
        return f"an IRI holding the character U+{ord(m.group()):04X}"
    try:
        ox.NamedNode(iri)
    except ValueError:
        return "not an absolute IRI (RFC 3987)"
    return None


def cell_problem(text: str) -> str | None:
    """Why a CSV cell could not be read back, or None."""
    if len(text) > MAX_CELL_CHARS:
        return f"a cell of {len(text)} characters (a CSV cell is read up to {MAX_CELL_CHARS})"
    return None


def literal_problem(value: str, datatype: str | None = None) -> str | None:
    """What a literal should be instead (for an error message's "expected"), or None when it is fine."""
    if CONTROL.search(value):
        return "text without control characters (other than tab and line breaks)"
    if datatype is not None:
        return lexical_error(value, datatype)
    return None


@functools.cache
def _vocabulary_subjects() -> frozenset[str]:
    """The IRIs the packaged ontology and shapes describe (parsed once, with Oxigraph: fast)."""

    found: set[str] = set()
    files = [("ontology", name) for name in ONTOLOGY_FILES if ontology_dir().joinpath(name).is_file()]
    files += [("shapes", name) for name in shape_files()]
    for folder, name in files:
        for quad in ox.parse(read_bytes(folder, name), format=ox.RdfFormat.TURTLE):
            if isinstance(quad.subject, ox.NamedNode):
                found.add(quad.subject.value)
    return frozenset(found)


def is_vocabulary_term(iri: str) -> bool:
    """Whether data may not describe ``iri`` (as a subject): a term of ptce_graph's vocabularies."""
    return iri.startswith(VOCABULARY_NAMESPACES) or iri in _vocabulary_subjects()
