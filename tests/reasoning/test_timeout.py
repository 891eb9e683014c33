"""Java has a wall-clock limit (issue 16, item 11): stopped when it runs out, and said so."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from ptce_graph.cli import main
from ptce_graph.reasoning import owl, reason

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "fictional-pole" / "fictional-pole.ttl"


def _children() -> set[int]:
    """Processes whose parent is this one (Linux)."""
    found = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == os.getpid():
                found.add(int(entry))
    return found


def test_a_reasoner_that_never_ends_is_stopped(monkeypatch: pytest.MonkeyPatch) -> None:
    # No Java needed: owlready2's subprocess call runs a process that would sleep for a minute.
    import owlready2.reasoning

    real_run = subprocess.run
    started: list[int] = []

    def endless(command: Any, **kwargs: Any) -> bytes:
        kwargs.pop("stderr", None)
        process = real_run([sys.executable, "-c", "import os, time; print(os.getpid(), flush=True); time.sleep(60)"],
                           stdout=subprocess.PIPE, **kwargs)  # raises TimeoutExpired, killing it
        started.append(process.pid)
        return process.stdout

    monkeypatch.setattr(owl, "java_executable", lambda: "/usr/bin/true")
    monkeypatch.setattr(owlready2.reasoning.subprocess, "check_output", endless)
    before = _children()
    t0 = time.monotonic()
    with pytest.raises(owl.ReasonerTimeout) as caught:
        owl.run_reasoner([], timeout=1.0)
    assert time.monotonic() - t0 < 20
    assert "did not finish within 1 s and was stopped" in caught.value.reason
    assert "--timeout" in caught.value.reason and "arrêté" in caught.value.reason_fr
    assert _children() <= before  # nothing left running
    assert "timeout" not in owlready2.reasoning._subprocess_kargs  # the limit was for that call only


def test_reason_says_the_time_ran_out_and_the_structural_checks_stand_in(monkeypatch: pytest.MonkeyPatch) -> None:
    def too_slow(triples: Any, **kwargs: Any) -> Any:
        raise owl.ReasonerTimeout(kwargs.get("reasoner", "hermit"), kwargs["timeout"])

    monkeypatch.setattr("ptce_graph.reasoning.classify.run_reasoner", too_slow)
    monkeypatch.setattr("ptce_graph.reasoning.classify.java_executable", lambda: "/usr/bin/true")
    result = reason(EXAMPLE, timeout=2.5)
    assert result.reasoner is None
    assert [n.code for n in result.notes if n.code == "reasoner-timeout"] == ["reasoner-timeout"]
    note = next(n for n in result.notes if n.code == "reasoner-timeout")
    assert "within 2.5 s" in note.message("en") and "structural checks ran instead" in note.message("en")
    with pytest.raises(ValueError):
        reason(EXAMPLE, timeout=0)


@pytest.mark.parametrize("value", ["0", "-5", "abc", "inf", "nan"])
def test_the_timeout_option_is_checked(value: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["reason", str(EXAMPLE), "--timeout", value])
    assert caught.value.code == 2 and "--timeout" in capsys.readouterr().err


@pytest.mark.java
def test_hermit_is_stopped_by_the_command_line_timeout() -> None:
    result = subprocess.run([sys.executable, "-m", "ptce_graph", "reason", str(EXAMPLE), "--timeout", "0.2",
                             "--lang", "en"], capture_output=True, text=True, timeout=300)
    assert result.returncode in (0, 1), result.stderr
    assert "ptce: note: HermiT did not finish within 0.2 s and was stopped" in result.stderr
    assert "Traceback" not in result.stderr
