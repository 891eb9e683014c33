"""``ptce report`` end to end: exit codes, located messages, options, and the installed console script."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ptce_graph.cli import COMMANDS, main
from tests.conftest import EXAMPLES

FICTIONAL = EXAMPLES / "fictional-pole" / "bundle"
AS_OF = "2026-01-01"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["report", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_listed() -> None:
    assert "report" in COMMANDS


def test_writes_the_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "rapport"
    code, out, err = run(capsys, str(FICTIONAL), "-o", str(target), "--as-of", AS_OF)
    assert code == 0, err
    assert out == f"{target / 'index.html'} (1 pole)\n"
    assert err == ""
    assert (target / "fictional-val-d-exemple.html").is_file()
    manifest = json.loads((target / "report.json").read_text(encoding="utf-8"))
    assert manifest["lang"] == "fr" and manifest["definitions"] == ["labo-2010", "senate-2013", "law-2014",
                                                                   "decree-2015"]
    # A pole that does not fit a definition is still a successful report.
    assert manifest["poles"][0]["verdicts"]["decree-2015"] == "does-not-fit"


def test_options(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    paper = sorted(str(p) for p in (EXAMPLES / "paper-2014").glob("*.ttl"))
    target = tmp_path / "report"
    code, out, err = run(capsys, *paper, "-o", str(target), "--lang", "en", "--as-of", AS_OF, "-d", "law-2014",
                         "--definition", "senate-2013", "--no-progress")
    assert code == 0, err
    assert out.endswith("(13 poles)\n")
    manifest = json.loads((target / "report.json").read_text(encoding="utf-8"))
    assert manifest["lang"] == "en"
    assert manifest["definitions"] == ["senate-2013", "law-2014"]
    assert '<html lang="en">' in (target / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["{missing}", "-o", "{out}"], "n'existe pas"),
        (["{fictional}", "-o", "{out}", "--as-of", "2026-02-30"], "as_of: '2026-02-30' is not a date"),
        (["{empty}", "-o", "{out}"], "the input holds no pole"),
        (["{fictional}", "-o", "{notreport}"], "is not a previous ptce report"),
        (["{fictional}", "-o", "{nofolder}/r"], "does not exist"),
        (["{broken}", "-o", "{out}"], "broken.ttl"),
    ],
)
def test_bad_input_exits_2_with_a_located_message(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                   argv: list[str], message: str) -> None:
    (tmp_path / "empty.ttl").write_text("@prefix ex: <https://example.org/> .\nex:a ex:b ex:c .\n")
    (tmp_path / "broken.ttl").write_text("@prefix ex: <https://example.org/> .\nex:a ex:b \n")
    (tmp_path / "notreport").mkdir()
    (tmp_path / "notreport" / "notes.txt").write_text("mes notes")
    values = {"missing": str(tmp_path / "absent.ttl"), "out": str(tmp_path / "out"), "fictional": str(FICTIONAL),
              "empty": str(tmp_path / "empty.ttl"), "notreport": str(tmp_path / "notreport"),
              "nofolder": str(tmp_path / "nofolder"), "broken": str(tmp_path / "broken.ttl")}
    code, out, err = run(capsys, *(a.format(**values) for a in argv))
    assert code == 2
    assert out == ""
    assert err.startswith("ptce: error: ") and message in err
    assert "Traceback" not in err
    assert not (tmp_path / "out").exists()
    assert (tmp_path / "notreport" / "notes.txt").read_text() == "mes notes"


def test_broken_input_names_the_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "broken.ttl").write_text("@prefix ex: <https://example.org/> .\nex:a ex:b \n")
    code, _, err = run(capsys, str(tmp_path / "broken.ttl"), "-o", str(tmp_path / "out"))
    assert code == 2
    assert f"{tmp_path / 'broken.ttl'}:2: Turtle syntax error" in err  # file and line


def test_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["report", str(FICTIONAL)])
    assert exit_info.value.code == 2
    assert "-o/--output" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_info:
        main(["report", str(FICTIONAL), "-o", str(tmp_path / "r"), "--lang", "de"])
    assert exit_info.value.code == 2
    with pytest.raises(SystemExit) as exit_info:
        main(["report", str(FICTIONAL), "-o", str(tmp_path / "r"), "-d", "law-2015"])
    assert exit_info.value.code == 2


def test_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["report", "--help"])
    out = capsys.readouterr().out
    assert "--lang" in out and "--as-of" in out and "--definition" in out and "DIR" in out


def test_console_script(tmp_path: Path) -> None:
    ptce = shutil.which("ptce", path=str(Path(sys.executable).parent))
    if ptce is None:
        pytest.skip("the ptce console script is not installed beside this Python")
    env = {**os.environ, "PTCE_NO_PROGRESS": "1"}
    done = subprocess.run([ptce, "report", str(FICTIONAL), "-o", str(tmp_path / "r"), "--as-of", AS_OF],
                          capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert (tmp_path / "r" / "index.html").is_file()


def test_jobs_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for bad in ("-1", "deux"):
        with pytest.raises(SystemExit) as exit_info:
            main(["report", str(FICTIONAL), "-o", str(tmp_path / "r"), "--jobs", bad])
        assert exit_info.value.code == 2
        assert "--jobs" in capsys.readouterr().err
    code, _, err = run(capsys, str(FICTIONAL), "-o", str(tmp_path / "r"), "--as-of", AS_OF, "--jobs", "1")
    assert code == 0, err
