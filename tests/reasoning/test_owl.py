"""The owlready2 adapter: a fresh world per call, nothing fetched, nothing
imported, no temporary copy of the data left behind."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import owlready2
import pytest
import rdflib
from rdflib import Literal, URIRef
from rdflib.namespace import OWL, RDF

from ptce_graph.namespaces import PTCE
from ptce_graph.reasoning import reason
from ptce_graph.reasoning.owl import ReasonerFailure, run_reasoner
from ptce_graph.reasoning.prepare import OWLR_PYTHON_MODULE

EX = rdflib.Namespace("https://example.org/fictional/")


def hostile_graph() -> rdflib.Graph:
    g = rdflib.Graph()
    g.add((EX.onto, RDF.type, OWL.Ontology))
    g.add((EX.onto, OWL.imports, URIRef("http://example.invalid/elsewhere.owl")))  # the guard fails any fetch
    g.add((EX.onto, OWLR_PYTHON_MODULE, Literal("ptce_planted_payload_module")))
    g.add((EX.a, RDF.type, PTCE.Enterprise))
    return g


@pytest.mark.java
def test_nothing_is_fetched_or_imported(onto) -> None:
    result = reason(hostile_graph(), ontology=onto)
    assert result.consistent is True and result.reasoner == "hermit"
    assert "ptce_planted_payload_module" not in sys.modules
    assert result.classification(EX.a).ess_status.value == "unknown"


@pytest.mark.java
def test_the_default_world_is_never_used(onto) -> None:
    before = len(list(owlready2.default_world.ontologies))
    reason(hostile_graph(), ontology=onto)
    assert len(list(owlready2.default_world.ontologies)) == before


@pytest.mark.java
def test_no_copy_of_the_data_is_left_in_the_temporary_folder(tmp_path: Path, monkeypatch, load_fixture,
                                                            onto) -> None:
    """owlready2 0.51 forgets its temporary file when the ontology is inconsistent."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    result = reason(load_fixture("contradictions/two-kinds.ttl"), ontology=onto)
    assert result.consistent is False
    assert list(tmp_path.iterdir()) == []
    assert tempfile.NamedTemporaryFile.__module__ == "tempfile"  # restored


@pytest.mark.java
def test_a_java_failure_is_reported_not_raised(monkeypatch, coteaux, onto) -> None:
    """A Java that cannot run HermiT (here: too little memory) gives a note and the
    structural checks, never a traceback."""
    monkeypatch.setattr(owlready2.reasoning, "JAVA_MEMORY", 1)
    with pytest.raises(ReasonerFailure):
        run_reasoner(rdflib.Graph() + onto)
    result = reason(coteaux, ontology=onto)
    assert result.reasoner is None
    (note,) = [n for n in result.notes if n.code == "reasoner-failed"]
    assert "HermiT" in note.message_en


def test_importing_ptce_graph_does_not_load_owlready2() -> None:
    """owlready2 (and its shared default world) is imported only when a reasoner runs."""
    import subprocess

    code = "import sys, ptce_graph, ptce_graph.reasoning; print('owlready2' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          timeout=120)
    assert done.stdout.strip() == "False"
