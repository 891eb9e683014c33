"""The one table of RDF formats: names, aliases, extensions, media types, output formats."""

from __future__ import annotations

from pathlib import Path

import pytest

from ptce_graph.errors import OutputError
from ptce_graph.io.formats import (
    EXTENSIONS,
    FORMATS,
    MEDIA_TYPES,
    OUTPUT_ALIASES,
    OUTPUT_FORMATS,
    format_from_name,
    output_format,
)


def test_every_alias_extension_and_media_type_names_a_known_format() -> None:
    known = set(FORMATS.values())
    assert known == {"turtle", "nt", "json-ld", "xml"}
    assert set(EXTENSIONS.values()) <= known and set(MEDIA_TYPES.values()) <= known
    assert set(OUTPUT_ALIASES.values()) == set(OUTPUT_FORMATS)
    assert all(FORMATS[alias] == fmt for alias, fmt in OUTPUT_ALIASES.items() if alias in FORMATS)


def test_format_from_a_file_name() -> None:
    assert format_from_name("pole.TTL") == "turtle"
    assert format_from_name("pole.jsonld") == "json-ld"
    assert format_from_name("ontology.owl") == "xml"
    assert format_from_name("notes.txt") is None


def test_the_output_format_from_the_option_the_folder_or_the_extension(tmp_path: Path) -> None:
    assert output_format(tmp_path / "x.ttl", "ntriples") == "nt"
    assert output_format(tmp_path / "x.ttl", None) == "turtle"
    assert output_format(tmp_path / "x.json", None) == "json-ld"
    assert output_format(tmp_path / "bundle", None) == "bundle"
    assert output_format(tmp_path, None) == "bundle"
    with pytest.raises(OutputError, match="unknown output format 'xml'"):
        output_format(tmp_path / "x.rdf", "xml")
    with pytest.raises(OutputError, match="cannot tell the output format"):
        output_format(tmp_path / "x.rdf", None)
