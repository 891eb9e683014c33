"""Every command the registry's README shows runs on the registry and says what the README says it does."""

from __future__ import annotations

import json
import re
import shlex
from collections.abc import Callable
from pathlib import Path

import pytest

from ptce_graph.cited_table import read_cited_table
from ptce_graph.cli import main

ROOT = Path(__file__).resolve().parents[2]
REGISTRY = ROOT / "examples" / "registry-public"
INPUT = "examples/registry-public/registry.ttl"


def _readme_commands() -> list[list[str]]:
    """The ``ptce`` command lines of the README's shell blocks, as argument lists (comments dropped)."""
    text = (REGISTRY / "README.md").read_text(encoding="utf-8")
    commands = []
    for block in re.findall(r"```bash\n(.*?)```", text, flags=re.S):
        for line in block.splitlines():
            words = shlex.split(line, comments=True)
            if words[:1] == ["ptce"]:
                commands.append(words[1:])
    return commands


COMMANDS = _readme_commands()


def _poles() -> int:
    return len(read_cited_table(REGISTRY / "table").pole_ids())


def _check_info(code: int, out: str, tmp_path: Path) -> None:
    assert code == 0
    assert f"\n{_poles()} pôles\n" in out and "AMI PTCE 2023 (phase 2, 2023)" in out


def _check_typology(code: int, out: str, tmp_path: Path) -> None:
    assert code == 0
    assert f"({_poles()} pôles)" in out and "Par appel de l'État" in out and "Département" in out


def _check_validate(code: int, out: str, tmp_path: Path) -> None:
    """« Most clauses unknown »: no pole fits (exit 1), none is found not to fit either."""
    assert code == 1
    report = tmp_path / "report.json"
    assert main(["validate", str(ROOT / INPUT), "--definition", "law-2014", "-f", "json", "-o", str(report)]) == 1
    poles = json.loads(report.read_text(encoding="utf-8"))["poles"]
    assert len(poles) == _poles()
    assert {p["verdict"] for p in poles} == {"undetermined"}


def _check_map(code: int, out: str, tmp_path: Path) -> None:
    assert code == 0
    written = [p for p in tmp_path.iterdir() if p.suffix == ".svg"]
    assert len(written) == 1 and written[0].read_bytes().startswith(b"<?xml")


def _check_report(code: int, out: str, tmp_path: Path) -> None:
    assert code == 0
    index = (tmp_path / "rapport" / "index.html").read_text(encoding="utf-8")
    assert 'id="maps"' in index and "figures/map-region.png" in index


CHECKS: dict[str, Callable[[int, str, Path], None]] = {
    "info": _check_info,
    "typology": _check_typology,
    "validate": _check_validate,
    "map": _check_map,
    "report": _check_report,
}
#: Commands that draw pictures: a few seconds each on an idle machine.
SLOW = {"map", "report"}


def test_the_readme_shows_the_commands_this_file_checks() -> None:
    assert sorted({c[0] for c in COMMANDS}) == sorted(CHECKS)
    assert all(INPUT in c for c in COMMANDS)


@pytest.mark.parametrize(
    "command",
    [pytest.param(c, id=c[0], marks=[pytest.mark.slow] if c[0] in SLOW else []) for c in COMMANDS],
)
def test_a_readme_command_runs_on_the_registry(command: list[str], tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)  # outputs the README writes to relative paths land here
    args = [str(ROOT / INPUT) if a == INPUT else a for a in command]
    code = main(args)
    out = capsys.readouterr().out
    CHECKS[command[0]](code, out, tmp_path)
