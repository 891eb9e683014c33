"""Exit codes (issue 16, item 12): 2 for bad input or usage, 3 for a bug, which asks to be reported."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ptce_graph.cli import main

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "fictional-pole" / "fictional-pole.ttl"


def test_a_bug_exits_3_asking_for_a_report_with_the_command(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from ptce_graph.cli import info

    def broken(args: object) -> int:
        raise KeyError("a bug")

    monkeypatch.setattr(info, "run", broken)
    code = main(["info", str(EXAMPLE), "--lang", "en"])
    err = capsys.readouterr().err
    assert code == 3
    assert err.startswith("ptce: internal error: (KeyError) this is a bug of ptce_graph")
    assert "please report it" in err.lower() and f"ptce info {EXAMPLE} --lang en" in err
    assert "Traceback" not in err


def test_bad_input_and_usage_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("<https://example.org/a> <https://example.org/p> .\n")
    assert main(["info", str(bad)]) == 2
    assert capsys.readouterr().err.startswith("ptce: error: ")
    with pytest.raises(SystemExit) as caught:
        main(["info", "--no-such-option", str(bad)])
    assert caught.value.code == 2


def test_help_says_what_the_exit_codes_mean() -> None:
    result = subprocess.run([sys.executable, "-m", "ptce_graph", "validate", "--help"], capture_output=True,
                            text=True, timeout=120)
    text = " ".join(result.stdout.split())
    assert "2 bad input or usage" in text and "3 an internal error" in text and "report it" in text
