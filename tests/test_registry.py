"""A registry in an Oxigraph store gives the reports, measures and Turtle of the rdflib path."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest

from ptce_graph.io import load
from ptce_graph.legal import compare_definitions, validate
from ptce_graph.metrics import metrics
from ptce_graph.registry import Registry

AS_OF = "2026-11-26"


@pytest.fixture(scope="module")
def registry_file(tmp_path_factory: pytest.TempPathFactory, synthetic: ModuleType) -> Path:
    return synthetic.write_registry(4, tmp_path_factory.mktemp("registry") / "registry.ttl", seed=3)


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


def test_one_pass_equals_the_separate_steps(registry_file: Path, tmp_path: Path) -> None:
    with Registry() as registry:
        registry.load(registry_file)
        run = registry.process(as_of=AS_OF, export=tmp_path / "pass.ttl", progress=False)
        comparison = registry.compare(as_of=AS_OF, progress=False)
        measures = registry.metrics(progress=False)
        written = registry.export(tmp_path / "alone.ttl", progress=False)
        only = registry.process(definitions=("law-2014",), as_of=AS_OF, metrics=False, progress=False)
    assert run.comparison is not None and run.metrics is not None
    assert [r.to_dict() for r in run.comparison.reports] == [r.to_dict() for r in comparison.reports]
    assert [m.to_dict() for m in run.metrics] == [m.to_dict() for m in measures]
    assert run.bytes_written == written
    assert (tmp_path / "pass.ttl").read_bytes() == (tmp_path / "alone.ttl").read_bytes()
    assert only.metrics is None and only.bytes_written is None and only.comparison is not None
    assert [r.definition.id for r in only.comparison.reports] == ["law-2014"]


@pytest.mark.parametrize("persistent", [False, True])
def test_worker_processes_give_what_one_process_gives(registry_file: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch, persistent: bool) -> None:
    from ptce_graph import pole_workers

    if not pole_workers.can_fork():
        pytest.skip("worker processes share the store by fork (Linux)")
    with Registry(tmp_path / "store" if persistent else None) as registry:
        registry.load(registry_file)
        serial = registry.process(as_of=AS_OF, export=tmp_path / "serial.ttl", progress=False)
        monkeypatch.setattr(pole_workers, "CHUNK", 1)  # four poles: four tasks for two workers
        parallel = registry.process(as_of=AS_OF, export=tmp_path / "parallel.ttl", jobs=2, progress=False)
    assert serial.comparison is not None and parallel.comparison is not None
    assert [r.to_dict() for r in parallel.comparison.reports] == [r.to_dict() for r in serial.comparison.reports]
    assert [m.to_dict() for m in parallel.metrics or []] == [m.to_dict() for m in serial.metrics or []]
    assert (tmp_path / "parallel.ttl").read_bytes() == (tmp_path / "serial.ttl").read_bytes()
    # The reports of the workers name the packaged definitions themselves, not copies.
    assert parallel.comparison.reports[0].poles[0].definition is serial.comparison.reports[0].definition


def test_a_broken_file_loads_nothing(registry_file: Path, tmp_path: Path) -> None:
    from ptce_graph.errors import InputError

    broken = tmp_path / "broken.ttl"
    text = registry_file.read_text(encoding="utf-8")
    broken.write_text(text[: len(text) // 2] + '\n<urn:a> <urn:b> "unterminated .\n', encoding="utf-8")
    with Registry() as registry:
        with pytest.raises(InputError, match="broken.ttl"):
            registry.load(broken)
        assert len(registry) == 0
        registry.load(registry_file)
        with pytest.raises(InputError):
            registry.load(broken)
        assert len(registry) == len(load(registry_file))


def test_the_cli_measures_and_exports_from_a_store(registry_file: Path, tmp_path: Path) -> None:
    from ptce_graph.cli import main

    source = str(registry_file)
    assert main(["metrics", source, "-f", "json", "-o", str(tmp_path / "memory.json")]) == 0
    assert main(["metrics", source, "--store", ":memory:", "-j", "2", "-f", "json",
                 "-o", str(tmp_path / "store.json")]) == 0
    assert (tmp_path / "store.json").read_bytes() == (tmp_path / "memory.json").read_bytes()
    assert main(["export", source, "--store", str(tmp_path / "store"), "-j", "2",
                 "-o", str(tmp_path / "out.ttl")]) == 0
    assert set(load(tmp_path / "out.ttl")) == set(load(registry_file))
    # What the store path does not offer is a located error, exit 2, and nothing written.
    assert main(["metrics", source, "--store", ":memory:", "--graphml", str(tmp_path / "g.graphml")]) == 2
    assert main(["export", source, "--store", ":memory:", "-o", str(tmp_path / "out.jsonld")]) == 2
    assert main(["export", source, "--store", ":memory:", "--with-metadata", "-o", str(tmp_path / "m.ttl")]) == 2
    assert not (tmp_path / "g.graphml").exists() and not (tmp_path / "out.jsonld").exists()
    assert not (tmp_path / "m.ttl").exists()


def test_bad_options_are_refused_before_any_work(registry_file: Path) -> None:
    from ptce_graph.legal.spec.definitions import UnknownDefinitionError

    with Registry() as registry:
        registry.load(registry_file)
        with pytest.raises(ValueError, match="jobs"):
            registry.process(jobs=0, progress=False)
        with pytest.raises(ValueError, match="definition"):
            registry.compare(definitions=(), progress=False)
        with pytest.raises(UnknownDefinitionError):
            registry.process(definitions=("law-2041",), progress=False)
        with pytest.raises(ValueError, match="brokerage_reading"):
            registry.process(metrics={"brokerage_reading": "sideways"}, progress=False)
        with pytest.raises(TypeError):
            registry.metrics(no_such_option=1, progress=False)


def test_export_keeps_what_no_pole_reaches(registry_file: Path, tmp_path: Path) -> None:
    """Triples whose subject no pole reaches (an IRI, a blank node) are written after the poles."""
    from rdflib.compare import isomorphic

    loose = tmp_path / "loose.ttl"
    loose.write_text(registry_file.read_text(encoding="utf-8") + """
<https://example.org/stray> <http://www.w3.org/2000/01/rdf-schema#label> "stray" ;
    <http://www.w3.org/2000/01/rdf-schema#seeAlso> [ <http://www.w3.org/2000/01/rdf-schema#label> "nested" ] .
[] <http://www.w3.org/2000/01/rdf-schema#label> "anonymous" .
""", encoding="utf-8")
    with Registry() as registry:
        registry.load(loose)
        registry.export(tmp_path / "out.ttl", jobs=2, progress=False)
    exported, original = load(tmp_path / "out.ttl"), load(loose)
    assert len(exported) == len(original)
    assert isomorphic(exported, original)
