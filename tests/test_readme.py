"""The README's promises: two Quick start commands, CI runs the second, the API example runs."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
README = (REPO / "README.md").read_text(encoding="utf-8")


def _section(title: str) -> str:
    match = re.search(rf"^## {title}\n(.*?)(?=^## )", README, re.M | re.S)
    assert match, f"README has no '## {title}' section"
    return match.group(1)


def _bash_blocks(text: str) -> list[str]:
    return [b.strip() for b in re.findall(r"```bash\n(.*?)```", text, re.S)]


def test_quick_start_has_exactly_two_commands() -> None:
    blocks = _bash_blocks(_section("Quick start"))
    commands = [line for block in blocks for line in block.splitlines() if line.strip()]
    assert len(commands) == 2, commands
    assert "pip install ." in commands[0] and "examples/" in commands[0]
    assert "pytest" in commands[1]


def test_ci_runs_the_readme_test_command() -> None:
    command = _bash_blocks(_section("Quick start"))[1].strip()
    assert command in (REPO / ".ci" / "run").read_text(encoding="utf-8")


def test_quick_start_example_exists() -> None:
    command = _bash_blocks(_section("Quick start"))[0]
    path = re.search(r"(examples/\S+)", command).group(1)
    assert (REPO / path).exists(), path


def test_python_api_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code = re.search(r"^## The Python API\n.*?```python\n(.*?)```", README, re.M | re.S).group(1)
    code = code.replace('"examples/', f'"{REPO}/examples/')
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {}
    exec(compile(code, "README.md", "exec"), namespace)  # noqa: S102 - our own README
    assert (tmp_path / "pole.ttl").is_file()
    assert os.path.getsize(tmp_path / "pole.ttl") > 100
