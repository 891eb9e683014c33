"""Turtle -> bundle or workbook -> Turtle is lossless: what the tables cannot carry goes to « non-repris »."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from rdflib.compare import isomorphic

from ptce_graph.cli import main
from ptce_graph.errors import DataWarning
from ptce_graph.io import load, save

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
PERISCOPE = EXAMPLES / "paper-2014" / "le-periscope.ttl"


@pytest.mark.parametrize("target", ["bundle", pytest.param("excel-fr", marks=pytest.mark.slow), "pole.xlsx",
                                    pytest.param("pole.ods", marks=pytest.mark.slow)])
def test_le_periscope_comes_back_whole(tmp_path: Path, target: str) -> None:
    graph = load(PERISCOPE)
    out = tmp_path / ("b" if target in ("bundle", "excel-fr") else target)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        save(graph, out, lang="fr" if target == "excel-fr" else None)
    [warning] = [w.message for w in caught if issubclass(w.category, DataWarning)]
    assert "85 triples the tables cannot carry are kept in the table non-repris (28 skos:note" in str(warning)
    assert "gardés dans la table non-repris" in warning.message("fr")  # type: ignore[union-attr]
    assert isomorphic(load(out), graph)


def test_a_pole_the_tables_carry_whole_says_nothing(tmp_path: Path) -> None:
    graph = load(EXAMPLES / "fictional-pole" / "fictional-pole.ttl")
    with warnings.catch_warnings():
        warnings.simplefilter("error", DataWarning)
        save(graph, tmp_path / "b")
    assert not (tmp_path / "b" / "non-repris.csv").exists()
    assert isomorphic(load(tmp_path / "b"), graph)


def test_strict_exits_2_and_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(PERISCOPE), "-o", str(tmp_path / "b"), "--strict"]) == 2
    assert "85 triples the tables cannot carry" in capsys.readouterr().err
    assert not (tmp_path / "b").exists()


def test_a_broken_non_repris_row_is_located(tmp_path: Path) -> None:
    from ptce_graph.errors import BundleError

    save(load(PERISCOPE), tmp_path / "b", lang="en")
    path = tmp_path / "b" / "non-repris.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[3] = "<https://example.org/s>,not-an-iri,<https://example.org/o>"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(BundleError) as info:
        load(tmp_path / "b")
    assert info.value.source.endswith("non-repris.csv") and info.value.line == 4
