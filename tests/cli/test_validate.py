"""``ptce validate``: contract 1 (options, exit codes) and contract 2 (JSON)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import SH

from ptce_graph.cli import main
from ptce_graph.io import save
from ptce_graph.io.bundle import write_bundle
from tests.legal.cases import set_actor
from tests.legal.poles import fitting_pole

AS_OF = ["--as-of", "2026-01-01"]


@pytest.fixture
def fitting_bundle(tmp_path: Path) -> Path:
    folder = tmp_path / "bundle"
    write_bundle(fitting_pole(), folder)
    return folder


@pytest.fixture
def broken_turtle(tmp_path: Path) -> Path:
    pole = fitting_pole()
    pole.strategy = None
    pole.territory = None
    path = tmp_path / "pole.ttl"
    save(pole, path)
    return path


def test_a_fitting_pole_exits_0_with_a_french_checklist(fitting_bundle: Path, capsys) -> None:
    assert main(["validate", str(fitting_bundle), *AS_OF]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Validation PTCE — définition law-2014")
    assert "au 2026-01-01" in out.split("\n=")[0]  # the title, folded at the width
    assert "Verdict : RÉPOND À LA DÉFINITION — 8 clauses remplies" in out
    assert out.count("  ✓ ") == 8


def test_a_pole_that_does_not_fit_exits_1(broken_turtle: Path, capsys) -> None:
    assert main(["validate", str(broken_turtle), *AS_OF, "--lang", "en"]) == 1
    out = capsys.readouterr().out
    assert "  ? territory — « sur un même territoire »" in out
    assert "No territory is declared" in out
    assert "Verdict: UNDETERMINED" in out


def test_json_output_follows_contract_2(broken_turtle: Path, capsys) -> None:
    assert main(["validate", str(broken_turtle), *AS_OF, "-f", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["definition"] == "law-2014" and data["as_of"] == "2026-01-01"
    [pole] = data["poles"]
    assert pole["verdict"] == "undetermined"
    assert pole["clauses"]["territory"]["status"] == "unknown"
    assert pole["clauses"]["territory"]["focus"] == [pole["pole"]]


def test_definition_all_json_and_table(fitting_bundle: Path, capsys) -> None:
    assert main(["validate", str(fitting_bundle), *AS_OF, "--definition", "all", "-f", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["as_of"] == "2026-01-01"
    assert [d["definition"] for d in data["definitions"]] == [
        "labo-2010",
        "senate-2013",
        "law-2014",
        "decree-2015",
    ]
    assert main(["validate", str(fitting_bundle), *AS_OF, "--definition", "all"]) == 0
    out = capsys.readouterr().out
    assert "labo-2010" in out and "decree-2015" in out and "Différences entre les définitions" in out


def test_turtle_output_to_a_file(broken_turtle: Path, tmp_path: Path, capsys) -> None:
    target = tmp_path / "report.ttl"
    assert (
        main(
            [
                "validate",
                str(broken_turtle),
                *AS_OF,
                "-f",
                "turtle",
                "-o",
                str(target),
                "--definition",
                "decree-2015",
            ]
        )
        == 1
    )
    assert capsys.readouterr().out == ""
    graph = Graph().parse(target, format="turtle")
    assert (None, None, SH.ValidationReport) in graph


def test_bad_input_exits_2_without_traceback(tmp_path: Path, capsys) -> None:
    assert main(["validate", str(tmp_path / "missing.ttl")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("ptce: error:") and "Traceback" not in err
    empty = tmp_path / "empty.ttl"
    empty.write_text("@prefix ex: <https://example.org/> .\nex:a ex:b ex:c .\n", encoding="utf-8")
    assert main(["validate", str(empty)]) == 2
    assert "holds no pole" in capsys.readouterr().err


def test_bad_date_and_unknown_definition_exit_2(fitting_bundle: Path, capsys) -> None:
    assert main(["validate", str(fitting_bundle), "--as-of", "2026-02-30"]) == 2
    assert "not a date" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        main(["validate", str(fitting_bundle), "--definition", "law-2016"])
    assert exc.value.code == 2


def test_reason_without_the_reasoning_module_exits_2(fitting_bundle: Path, capsys) -> None:
    import importlib.util

    if importlib.util.find_spec("ptce_graph.reasoning") is not None:
        pytest.skip("ptce_graph.reasoning is present")
    assert main(["validate", str(fitting_bundle), "--reason"]) == 2
    assert "ptce_graph.reasoning" in capsys.readouterr().err


def test_no_warnings_hides_data_quality_in_the_checklist(tmp_path: Path, capsys) -> None:
    pole = fitting_pole()
    set_actor(pole, "dupont", siret="99999999900008")
    path = tmp_path / "p.ttl"
    save(pole, path)
    assert main(["validate", str(path), *AS_OF]) == 0
    assert "Qualité des données" in capsys.readouterr().out
    assert main(["validate", str(path), *AS_OF, "--no-warnings"]) == 0
    assert "Qualité des données" not in capsys.readouterr().out


def test_python_m_ptce_graph_validate(fitting_bundle: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "ptce_graph", "validate", str(fitting_bundle), *AS_OF, "-f", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["poles"][0]["verdict"] == "fits"
