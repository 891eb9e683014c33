"""Fixtures of the reasoning tests.

The tests reason with a *test ontology*: the core ontology (ptce.ttl), the
reasoning axioms (reasoning.ttl) and a small stub of the legal-form table
(data/legal-forms-stub.ttl), so that their expectations do not depend on the
full table of ontology/legal-forms.ttl.  ptce_graph.ess is pointed at the same
ontology while a test (or a fixture) runs, so that the Python model and the
reasoner read the same table.  Tests that need the packaged ontology as
shipped say so.

Tests marked ``java`` run HermiT; they are skipped when ``java`` is not on PATH.
Reasoner runs cost seconds each, so results are computed once per session.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import pytest
import rdflib

from ptce_graph import ess
from ptce_graph.resources import packaged_graph

DATA = Path(__file__).resolve().parent / "data"


def _build_test_ontology() -> rdflib.Graph:
    graph = rdflib.Graph()
    for name in ("ptce.ttl", "reasoning.ttl"):
        graph += packaged_graph("ontology", name)
    graph.parse(DATA / "legal-forms-stub.ttl", format="turtle")
    return graph


_TEST_ONTOLOGY = _build_test_ontology()


@contextlib.contextmanager
def ess_reads(ontology: rdflib.Graph) -> Iterator[None]:
    """ptce_graph.ess reads its legal-form table from ``ontology`` meanwhile."""
    mp = pytest.MonkeyPatch()
    mp.setattr(ess, "ontology_graph", lambda: ontology)
    ess._table.cache_clear()
    try:
        yield
    finally:
        mp.undo()
        ess._table.cache_clear()


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return DATA


@pytest.fixture(scope="session")
def test_onto() -> rdflib.Graph:
    """The test ontology (shared: do not modify)."""
    return _TEST_ONTOLOGY


@pytest.fixture
def onto() -> Iterator[rdflib.Graph]:
    """The test ontology, with ess.py reading its table for the test's duration."""
    with ess_reads(_TEST_ONTOLOGY):
        yield _TEST_ONTOLOGY


@pytest.fixture(scope="session")
def load_fixture():
    """Load a file or bundle of data/ (with the test table of legal forms)."""
    from ptce_graph.io import load

    def _load(name: str) -> rdflib.Graph:
        with ess_reads(_TEST_ONTOLOGY):
            return load(DATA / name)

    return _load


@pytest.fixture(scope="session")
def coteaux(load_fixture) -> rdflib.Graph:
    """The fictional pole of the Coteaux: every kind of actor and legal form case."""
    return load_fixture("coteaux-fictional")


@pytest.fixture(scope="session")
def reason_with_test_ontology():
    """reason() with the test ontology, results cached per (file, reasoner)."""
    from ptce_graph.reasoning import reason

    cache: dict[tuple[int, str | None], object] = {}

    def _reason(graph: rdflib.Graph, reasoner: str | None = "hermit", **options):
        key = (id(graph), reasoner, tuple(sorted(options.items())))
        if key not in cache:
            with ess_reads(_TEST_ONTOLOGY):
                cache[key] = (graph, reason(graph, ontology=_TEST_ONTOLOGY, reasoner=reasoner, **options))
        return cache[key][1]

    return _reason
