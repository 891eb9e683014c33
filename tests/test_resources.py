"""The packaged files as :func:`ptce_graph.resources.packaged_graph` reads them (Oxigraph's parser)."""

from __future__ import annotations

import pytest
import rdflib
from rdflib.compare import isomorphic

from ptce_graph.resources import ontology_dir, packaged_graph, read_bytes, shapes_dir


def _packaged_turtle() -> list[tuple[str, str]]:
    return [(folder, entry.name) for folder, base in (("ontology", ontology_dir()), ("shapes", shapes_dir()))
            for entry in base.iterdir() if entry.name.endswith(".ttl")]


@pytest.mark.parametrize(("folder", "name"), _packaged_turtle())
def test_packaged_graph_is_what_rdflib_parses(folder: str, name: str) -> None:
    """Same triples, literal for literal (lexical form, datatype, language), as rdflib's own parser."""
    expected = rdflib.Graph().parse(data=read_bytes(folder, name).decode("utf-8"), format="turtle")
    found = packaged_graph(folder, name)
    assert len(found) == len(expected) > 0
    assert isomorphic(found, expected)
    ground = {t for t in expected if not any(isinstance(x, rdflib.BNode) for x in t)}
    assert ground == {t for t in found if not any(isinstance(x, rdflib.BNode) for x in t)}
