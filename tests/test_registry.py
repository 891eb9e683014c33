"""A registry in an Oxigraph store gives the reports, measures and Turtle of the rdflib path."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.generate import write_registry
from ptce_graph.io import load
from ptce_graph.legal import compare_definitions, validate
from ptce_graph.metrics import metrics
from ptce_graph.registry import Registry

AS_OF = "2026-11-26"


@pytest.fixture(scope="module")
def registry_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_registry(4, tmp_path_factory.mktemp("registry") / "registry.ttl", seed=3)


def test_validation_equals_the_whole_graph_validation(registry_file: Path) -> None:
    with Registry() as registry:
        assert registry.load(registry_file) == len(load(registry_file))
        assert len(registry.poles()) == 4
        report = registry.validate(as_of=AS_OF, lang="en", jobs=2, progress=False)
    reference = validate(load(registry_file), as_of=AS_OF, lang="en")
    assert report.to_dict() == reference.to_dict()
    assert {p.verdict.value for p in report} - {"fits"}  # not every synthetic pole fits


def test_four_definitions_equal_compare_definitions(registry_file: Path) -> None:
    with Registry() as registry:
        registry.load(registry_file)
        comparison = registry.compare(as_of=AS_OF, progress=False)
    reference = compare_definitions(load(registry_file), as_of=AS_OF)
    assert [r.to_dict() for r in comparison.reports] == [r.to_dict() for r in reference.reports]


def test_metrics_and_export(registry_file: Path, tmp_path: Path) -> None:
    with Registry() as registry:
        registry.load(registry_file)
        measures = registry.metrics(progress=False)
        registry.export(tmp_path / "out.ttl", progress=False)
        registry.export(tmp_path / "again.ttl", progress=False)
    assert [m.to_dict() for m in measures] == [m.to_dict() for m in metrics(load(registry_file))]
    assert (tmp_path / "out.ttl").read_bytes() == (tmp_path / "again.ttl").read_bytes()
    exported, original = load(tmp_path / "out.ttl"), load(registry_file)
    assert len(exported) == len(original)


def test_a_persistent_store_keeps_the_registry(registry_file: Path, tmp_path: Path) -> None:
    with Registry(tmp_path / "store") as registry:
        registry.load(registry_file)
        first = registry.validate(as_of=AS_OF, progress=False)
    with Registry(tmp_path / "store") as registry:
        assert len(registry.poles()) == 4
        assert registry.validate(as_of=AS_OF, progress=False).to_dict() == first.to_dict()
        registry.load(registry_file, replace=True)  # loading again replaces, never doubles
        assert len(registry) == len(load(registry_file))


def test_data_cannot_choose_its_evaluation_date(tmp_path: Path, registry_file: Path) -> None:
    hostile = tmp_path / "hostile.ttl"
    hostile.write_text(
        registry_file.read_text(encoding="utf-8")
        + '\n<https://w3id.org/ptce/shapes/evaluation-context> <https://w3id.org/ptce/ns#asOf> '
        '"1990-01-01"^^<http://www.w3.org/2001/XMLSchema#date> .\n',
        encoding="utf-8",
    )
    with Registry() as registry:
        registry.load(hostile)
        assert registry.validate(as_of=AS_OF, progress=False).to_dict() == validate(
            load(registry_file), as_of=AS_OF
        ).to_dict()


def test_the_cli_validates_on_a_store_with_the_same_json(registry_file: Path, tmp_path: Path) -> None:
    from ptce_graph.cli import main

    args = [str(registry_file), "--as-of", AS_OF, "--format", "json"]
    assert main(["validate", *args, "-o", str(tmp_path / "memory.json")]) == 1
    assert main(["validate", *args, "--store", str(tmp_path / "store"), "-j", "2",
                 "-o", str(tmp_path / "store.json")]) == 1
    assert main(["validate", *args, "--store", ":memory:", "-o", str(tmp_path / "ox.json")]) == 1
    reference = (tmp_path / "memory.json").read_bytes()
    assert (tmp_path / "store.json").read_bytes() == reference == (tmp_path / "ox.json").read_bytes()
    assert main(["validate", *args, "--store", ":memory:", "--reason"]) == 2
    assert main(["validate", *args, "--jobs", "0"]) == 2
