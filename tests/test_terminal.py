"""Terminal layout: the width comes from COLUMNS or the terminal, tables fit it, cuts are marked with « … »."""

from __future__ import annotations

import pytest

from ptce_graph.cli import main
from ptce_graph.terminal import DEFAULT_WIDTH, MIN_WIDTH, fold, grid, shorten, width
from tests.conftest import EXAMPLES


def test_width_from_columns_and_for_files(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "132")
    assert width() == 132 and width("-") == 132
    assert width("report.txt") == DEFAULT_WIDTH  # a file is the same wherever it is written
    monkeypatch.setenv("COLUMNS", "20")
    assert width() == MIN_WIDTH


def test_shorten_marks_the_cut() -> None:
    assert shorten("Association fictive Tremplin du Val", 12) == "Association…"
    assert shorten("court", 12) == "court" and len(shorten("x" * 50, 10)) == 10


def test_grid_fits_the_width_and_cuts_texts_not_numbers() -> None:
    rows = [["Coopérative agricole fictive du Plateau et de la Vallée", "0,119", "12"], ["Pixel", "1,000", "3"]]
    lines = grid(["acteur", "intermédiarité", "liens"], rows, width=40)
    assert all(len(line) <= 40 for line in lines)
    assert lines[2].split()[-2:] == ["0,119", "12"] and "…" in lines[2]
    assert grid(["acteur", "n"], [["Pixel", "3"]], width=40) == ["  acteur  n", "  ──────  ─", "  Pixel   3"]


def test_fold_never_starts_a_line_with_a_colon() -> None:
    text = "Le pôle a déjà bénéficié d'un soutien de l'État : appel à projets PTCE 2013-2014 (2014) ; voir ci-dessus."
    for w in range(30, 80):
        lines = fold(text, w, "  ").splitlines()
        assert not any(line.strip().startswith((":", ";")) for line in lines), w
        assert " ".join(line.strip() for line in lines) == text


@pytest.mark.parametrize("columns", [70, 140])
def test_validate_uses_the_terminal_width(columns: int, monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    assert main(["validate", "--definition", "all", str(EXAMPLES / "fictional-pole" / "bundle")]) in (0, 1)
    lines = capsys.readouterr().out.splitlines()
    assert max(len(line) for line in lines) <= columns
    actors = lines[lines.index("  Statut ESS des acteurs (article 1er de la loi n° 2014-856)") + 1:]
    if columns == 70:  # names cut to leave the reasons room, the cut marked
        assert any("…" in line[:36] for line in actors)
    else:
        assert any(line.startswith("    Association fictive Tremplin du Val ") for line in actors)
