"""The ``ptce`` command: contract 1 exit codes, located errors, deterministic output.

The command runs in this process (:func:`tests.console.run_ptce`); two tests start
real processes: ``python -m ptce_graph`` and the installed console script.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from ptce_graph import __version__
from tests.console import run_ptce as ptce

from ..io.test_bundle import make


def test_version() -> None:
    result = ptce("--version")
    assert result.returncode == 0
    assert result.stdout.strip().startswith(f"ptce {__version__} (ontology ")


def test_no_command_is_a_usage_error() -> None:
    # A real process: `python -m ptce_graph` is an entry point of its own.
    result = subprocess.run([sys.executable, "-m", "ptce_graph"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert "usage" in result.stderr.lower()
    assert ptce().returncode == 2


def test_unknown_option_is_a_usage_error() -> None:
    assert ptce("info", "--nope", "x").returncode == 2


def test_info_text_and_json(tmp_path: Path) -> None:
    folder = make(tmp_path)
    text = ptce("info", str(folder))
    assert text.returncode == 0, text.stderr
    assert "Pôle Démo" in text.stdout and "membres 2" in text.stdout
    english = ptce("info", str(folder), "--lang", "en")
    assert "members 2" in english.stdout
    data = json.loads(ptce("info", str(folder), "-f", "json").stdout)
    (pole,) = data["poles"]
    assert pole["actors"] == 3 and pole["links_by_logic"]["mutualisation"] == 1
    assert pole["actors_by_ess_status"] == {"yes": 1, "no": 2, "unknown": 0}


def test_export_is_deterministic(tmp_path: Path) -> None:
    folder = make(tmp_path)
    for name in ("a.ttl", "b.ttl", "a.jsonld", "b.jsonld", "a.nt", "b.nt"):
        result = ptce("export", str(folder), "-o", str(tmp_path / name))
        assert result.returncode == 0, result.stderr
    for ext in ("ttl", "jsonld", "nt"):
        assert (tmp_path / f"a.{ext}").read_bytes() == (tmp_path / f"b.{ext}").read_bytes()
    # Re-exporting the Turtle gives the same bytes again.
    assert ptce("export", str(tmp_path / "a.ttl"), "-o", str(tmp_path / "c.ttl")).returncode == 0
    assert (tmp_path / "c.ttl").read_bytes() == (tmp_path / "a.ttl").read_bytes()


def test_export_to_a_bundle(tmp_path: Path) -> None:
    folder = make(tmp_path)
    assert ptce("export", str(folder), "-o", str(tmp_path / "pole.ttl")).returncode == 0
    result = ptce("export", str(tmp_path / "pole.ttl"), "-o", str(tmp_path / "bundle2"), "-f", "bundle")
    assert result.returncode == 0, result.stderr
    for name in ("pole.csv", "actors.csv", "links.csv", "projects.csv"):
        assert (tmp_path / "bundle2" / name).is_file()


def test_bad_turtle_exits_2_with_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text('@prefix ex: <https://example.org/> .\nex:a ex:p "x"\nex:b ex:p ex:c .\n')
    result = ptce("info", str(bad))
    assert result.returncode == 2
    assert f"{bad}:3" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_bad_bundle_cell_exits_2_with_row_and_column(tmp_path: Path) -> None:
    folder = make(tmp_path, links_csv="source,target,logic,kind,start,end\na1,a2,friendship,,,\n")
    result = ptce("export", str(folder), "-o", str(tmp_path / "x.ttl"))
    assert result.returncode == 2
    assert "links.csv:2" in result.stderr and "logic" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "x.ttl").exists()


def test_failed_export_leaves_the_old_file(tmp_path: Path) -> None:
    out = tmp_path / "out.ttl"
    out.write_text("old content\n")
    bad = tmp_path / "bad.ttl"
    bad.write_text("not turtle at all\n")
    assert ptce("export", str(bad), "-o", str(out)).returncode == 2
    assert out.read_text() == "old content\n"


def test_missing_input_and_bad_output(tmp_path: Path) -> None:
    missing = ptce("info", str(tmp_path / "nope.ttl"))
    assert missing.returncode == 2 and "n'existe pas" in missing.stderr
    folder = make(tmp_path)
    result = ptce("export", str(folder), "-o", str(tmp_path / "no" / "such" / "dir.ttl"))
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_data_warnings_go_to_stderr(tmp_path: Path) -> None:
    folder = make(tmp_path)
    actors = (folder / "actors.csv").read_text().replace("73282932000074", "73282932000075")
    (folder / "actors.csv").write_text(actors)
    result = ptce("info", str(folder))
    assert result.returncode == 0
    assert "warning" in result.stderr and "Luhn" in result.stderr


def test_urls_are_refused_without_permission() -> None:
    result = ptce("info", "https://example.org/pole.ttl")
    assert result.returncode == 2 and "network" in result.stderr


def test_console_script_is_installed() -> None:
    script = Path(sys.executable).parent / "ptce"
    if not script.exists():
        pytest.skip("ptce console script not installed in this environment")
    result = subprocess.run([str(script), "--version"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and result.stdout.startswith("ptce ")


def test_every_subcommand_has_help() -> None:
    from ptce_graph.cli import COMMANDS

    for name in COMMANDS:
        result = ptce(name, "--help")
        assert result.returncode == 0 and "usage" in result.stdout.lower(), name
