"""The shapes alone in another SHACL engine: ``ptce export --for-shacl``, then the engine's own command.

The shapes read, beside the data, each legal form's family and legal
personality and the evaluation date; ``ptce export --for-shacl`` writes them
with the data, so that ``pyshacl -s shapes/law-2014.ttl DATA`` (the command
docs/validation.md gives) finds what ``ptce validate`` finds: the same
results (focus node, shape, path, value, severity, component).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SH, XSD

from ptce_graph.cli import main
from ptce_graph.legal.shacl.pyshacl_engine import parse_report
from ptce_graph.legal.shacl.working import CONTEXT
from ptce_graph.namespaces import PTCE

ROOT = Path(__file__).resolve().parents[3]
AS_OF = "2026-11-26"


def _shape_nodes(shapes: Graph) -> set:
    return (set(shapes.subjects(RDF.type, SH.NodeShape)) | set(shapes.subjects(RDF.type, SH.PropertyShape))
            | set(shapes.objects(None, SH.property)))


def _key(result: object) -> tuple:
    return (result.focus, result.source_shape, result.path, result.value,  # type: ignore[attr-defined]
            result.severity, result.constraint_component)  # type: ignore[attr-defined]


def test_for_shacl_adds_the_legal_forms_and_the_date(tmp_path: Path) -> None:
    out = tmp_path / "pole-shacl.ttl"
    assert main(["export", str(ROOT / "examples/fictional-pole/fictional-pole.ttl"), "--for-shacl",
                 "--as-of", AS_OF, "-o", str(out)]) == 0
    graph = Graph().parse(out)
    assert (CONTEXT, PTCE.asOf, Literal(AS_OF, datatype=XSD.date)) in graph
    forms = set(graph.objects(None, PTCE.legalForm))
    assert forms and all(isinstance(f, URIRef) for f in forms)
    families = {PTCE.StatutoryESSForm, PTCE.CommercialCompanyForm, PTCE.NonESSForm, PTCE.UndeterminedForm}
    for form in forms:
        assert set(graph.objects(form, RDF.type)) & families, form


def test_for_shacl_options_are_checked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = str(ROOT / "examples/fictional-pole/fictional-pole.ttl")
    assert main(["export", source, "--as-of", AS_OF, "-o", str(tmp_path / "a.ttl")]) == 2
    assert "--for-shacl" in capsys.readouterr().err
    assert main(["export", source, "--for-shacl", "-o", str(tmp_path / "bundle"), "-f", "bundle"]) == 2
    assert main(["export", source, "--for-shacl", "--as-of", "2026-13-45", "-o", str(tmp_path / "b.ttl")]) == 2
    assert not any(tmp_path.iterdir())


@pytest.mark.slow  # pyshacl needs ~13 s of processor per synthetic pole
def test_pyshacl_alone_agrees_with_ptce_validate(tmp_path: Path, synthetic: object) -> None:
    registry = synthetic.write_registry(5, tmp_path / "registry.ttl")  # type: ignore[attr-defined]
    data, ours, theirs = tmp_path / "data.ttl", tmp_path / "ours.ttl", tmp_path / "theirs.ttl"
    assert main(["export", str(registry), "--for-shacl", "--as-of", AS_OF, "-o", str(data)]) == 0
    assert main(["validate", str(registry), "--as-of", AS_OF, "-f", "turtle", "-o", str(ours)]) == 1
    shapes_file = ROOT / "shapes" / "law-2014.ttl"
    pyshacl = Path(sys.executable).with_name("pyshacl")
    command = [str(pyshacl)] if pyshacl.exists() else [sys.executable, "-m", "pyshacl"]
    done = subprocess.run([*command, "-s", str(shapes_file), "-f", "turtle", "-o", str(theirs), str(data)],
                          capture_output=True, text=True, timeout=900)
    assert done.returncode in (0, 1), done.stderr
    shapes = Graph().parse(shapes_file)
    # The clauses' shapes; an evidence shape (ptce:showsClause) reports what met a clause, which ptce's
    # Turtle report gives as ptce:decidedBy rather than as a validation result.
    names = {s for s in _shape_nodes(shapes) if (s, PTCE.showsClause, None) not in shapes}
    found = {_key(r) for r in parse_report(Graph().parse(theirs)) if r.source_shape in names}
    expected = {_key(r) for r in parse_report(Graph().parse(ours)) if r.source_shape in names}
    assert found == expected
    assert len(found) >= 3  # the synthetic registry breaks clauses: the comparison is not vacuous
