"""Fixtures of the reasoning tests.

The tests reason with a *test ontology*: the core ontology (ptce.ttl), the
reasoning axioms (reasoning.ttl) and a small stub of the legal-form table
(data/legal-forms-stub.ttl), so that their expectations do not depend on the
full table in ontology/legal-forms.ttl.  ptce_graph.ess is pointed at the same
ontology for the duration of a test, so that the Python model and the reasoner
read the same table.  Tests that need the packaged ontology as shipped say so.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import rdflib

from ptce_graph import ess
from ptce_graph.resources import packaged_graph

DATA = Path(__file__).resolve().parent / "data"

requires_java = pytest.mark.skipif(shutil.which("java") is None, reason="needs a Java runtime (HermiT)")


def test_ontology() -> rdflib.Graph:
    graph = rdflib.Graph()
    for name in ("ptce.ttl", "reasoning.ttl"):
        graph += packaged_graph("ontology", name)
    graph.parse(DATA / "legal-forms-stub.ttl", format="turtle")
    return graph


_TEST_ONTOLOGY = test_ontology()
test_ontology.__test__ = False  # type: ignore[attr-defined]  # not a test


@pytest.fixture
def onto(monkeypatch: pytest.MonkeyPatch) -> Iterator[rdflib.Graph]:
    """The test ontology; ess.py reads its legal-form table meanwhile."""
    monkeypatch.setattr(ess, "ontology_graph", lambda: _TEST_ONTOLOGY)
    ess._table.cache_clear()
    yield _TEST_ONTOLOGY
    ess._table.cache_clear()


@pytest.fixture(scope="module")
def module_onto() -> Iterator[rdflib.Graph]:
    """As :func:`onto`, for module-scoped fixtures (undone at the end of the module)."""
    mp = pytest.MonkeyPatch()
    mp.setattr(ess, "ontology_graph", lambda: _TEST_ONTOLOGY)
    ess._table.cache_clear()
    yield _TEST_ONTOLOGY
    mp.undo()
    ess._table.cache_clear()
