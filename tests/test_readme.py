"""The README's promises: every code block runs, as a reader would run it.

Every fenced ``python``, ``bash`` and ``sh`` block of the README is a test.  A
block runs in a fresh temporary folder holding a copy of ``examples/`` and
``benchmarks/`` (the README's commands run from the root of a clone), with the
current interpreter's ``bin`` folder first on ``PATH`` — its ``ptce`` and
``python``, as in an activated virtual environment.  Shell blocks run in bash
with ``set -e -o pipefail``; Python blocks run in this process, in that folder.
Each block stands alone: it uses the shipped examples, not what another block
wrote.  Shell blocks but the shortest run under ``-m slow`` (CI runs them).

An HTML comment on the line before a block says what the harness cannot see:

* ``<!-- readme-test: skip REASON -->``: not run (a server, the network, or the
  test suite itself), reported as skipped with REASON;
* ``<!-- readme-test: exit N -->``: the block exits with N (1: a pole does not
  fit); such a block holds one command, so that N is that command's answer.

The two Quick start commands create a virtual environment and install the
package: they are skipped there and checked here instead (the command CI runs,
the example it validates).
"""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

import ptce_graph

REPO = Path(__file__).resolve().parent.parent
README_PATH = REPO / "README.md"
README = README_PATH.read_text(encoding="utf-8")
RUNNABLE = ("python", "bash", "sh")
#: What a block's folder holds: the folders of a clone the README's commands use.
COPIED = ("examples", "benchmarks")

_FENCE = re.compile(r"^```(\S*)\s*$")
_DIRECTIVE = re.compile(r"^<!--\s*readme-test:\s*(?P<word>\w+)\s*(?P<rest>.*?)\s*-->$")


@dataclass(frozen=True)
class Block:
    """One fenced code block of the README."""

    line: int  # of the opening fence, 1-based
    section: str  # the ``## `` heading it sits under
    language: str
    code: str
    skip: str | None = None  # the reason it is not run
    exit: int = 0  # the exit code it should end with

    @property
    def name(self) -> str:
        return f"README.md:{self.line} ({self.section}, {self.language})"


def parse_blocks(text: str) -> list[Block]:
    """Every fenced block of ``text``, with the directive of the line before it."""
    blocks: list[Block] = []
    lines = text.splitlines()
    section = ""
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("## "):
            section = line[3:].strip()
        fence = _FENCE.match(line)
        if not fence:
            i += 1
            continue
        end = next(j for j in range(i + 1, len(lines)) if lines[j].startswith("```"))
        skip, exit_code = None, 0
        directive = _DIRECTIVE.match(lines[i - 1].strip()) if i else None
        if directive:
            word, rest = directive["word"], directive["rest"]
            if word == "skip" and rest:
                skip = rest
            elif word == "exit" and rest.isdigit():
                exit_code = int(rest)
            else:
                raise ValueError(f"README.md:{i}: unknown directive {lines[i - 1]!r} "
                                 "(readme-test: skip REASON | exit N)")
        blocks.append(Block(line=i + 1, section=section, language=fence[1], code="\n".join(lines[i + 1:end]) + "\n",
                            skip=skip, exit=exit_code))
        i = end + 1
    return blocks


BLOCKS = parse_blocks(README)
RUN = [b for b in BLOCKS if b.language in RUNNABLE]


def _commands(block: Block) -> list[str]:
    """The shell commands of a block (continuation lines joined, comments dropped)."""
    joined = re.sub(r"\\\n", " ", block.code)
    return [line for line in joined.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def _run(block: Block, folder: Path) -> None:
    """Run ``block`` in ``folder`` (the current directory) and check how it ends."""
    before = sorted(p.relative_to(folder) for p in (folder / "examples").rglob("*"))
    if block.language == "python":
        assert block.exit == 0, f"{block.name}: an exit code is for shell blocks"
        exec(compile(block.code, block.name, "exec"), {"__name__": "__readme__"})  # noqa: S102 - our own README
    else:
        if block.exit:
            assert len(_commands(block)) == 1, f"{block.name}: a block that exits {block.exit} holds one command"
        done = subprocess.run(["bash", "-e", "-o", "pipefail", "-c", block.code], cwd=folder,
                              capture_output=True, text=True, timeout=600, check=False)
        assert done.returncode == block.exit, (
            f"{block.name} exited {done.returncode}, expected {block.exit}\n{done.stdout[-3000:]}\n{done.stderr}")
        assert "Traceback" not in done.stderr, done.stderr
    after = sorted(p.relative_to(folder) for p in (folder / "examples").rglob("*"))
    assert after == before, f"{block.name} wrote into examples/"


def _marks(block: Block) -> list[pytest.MarkDecorator]:
    """Shell blocks run under ``-m slow`` (each command starts a Python process: a second of imports),
    but for the shortest one, which the default run keeps as their representative."""
    return [pytest.mark.slow] if block.language != "python" and block is not SHORTEST_SHELL else []


SHORTEST_SHELL = min((b for b in RUN if b.language != "python" and not b.skip), key=lambda b: len(_commands(b)))


@pytest.mark.parametrize("block", [pytest.param(b, marks=_marks(b), id=f"line{b.line}") for b in RUN])
def test_readme_block_runs(block: Block, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The block runs in a copy of the clone's folders, with this interpreter's ``ptce`` first on PATH."""
    if block.skip:
        pytest.skip(block.skip)
    bin_dir = Path(sys.executable).parent
    assert (bin_dir / "ptce").is_file(), f"no ptce next to {sys.executable}: pip install -e '.[test]' first"
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")
    for name in COPIED:
        shutil.copytree(REPO / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.chdir(tmp_path)
    _run(block, tmp_path)


def test_the_harness_reads_every_block() -> None:
    """Every fenced block is seen; those of the runnable languages, run or skipped with a reason."""
    assert README.count("\n```") == 2 * len(BLOCKS)
    assert {b.language for b in BLOCKS} <= {*RUNNABLE, ""}, "a block of another language: run it or say why not"
    skipped = [b for b in RUN if b.skip]
    assert len(skipped) <= 4, [b.name for b in skipped]  # the fewer, the better
    assert all(b.language == "" for b in BLOCKS if b not in RUN)


def test_directives_parse() -> None:
    blocks = parse_blocks("## A\n<!-- readme-test: skip needs a server -->\n```sh\nx\n```\n"
                          "<!-- readme-test: exit 1 -->\n```bash\ny \\\n  z\n```\n```python\nz\n```\n")
    assert [(b.section, b.language, b.skip, b.exit, b.line) for b in blocks] == [
        ("A", "sh", "needs a server", 0, 3), ("A", "bash", None, 1, 7), ("A", "python", None, 0, 11)]
    assert _commands(blocks[1]) == ["y    z"]
    with pytest.raises(ValueError, match="unknown directive"):
        parse_blocks("<!-- readme-test: skipp -->\n```sh\nx\n```\n")


def _public_names_used(code: str) -> set[str]:
    """``X`` of every ``ptce.X`` (``import ptce_graph as ptce``) and of ``from ptce_graph import X``."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "ptce":
            names.add(node.attr)
        elif isinstance(node, ast.ImportFrom) and node.module == "ptce_graph":
            names.update(alias.name for alias in node.names)
    return names


def test_readme_python_uses_only_the_public_api() -> None:
    used = set().union(*(_public_names_used(b.code) for b in BLOCKS if b.language == "python"))
    assert used, "the README shows no use of ptce_graph's top-level API"
    assert used <= set(ptce_graph.__all__), sorted(used - set(ptce_graph.__all__))
    for name in ptce_graph.__all__:
        assert hasattr(ptce_graph, name), name


# --- The Quick start: checked rather than run (it creates a virtual environment) ---------------------------------

def _quick_start() -> list[Block]:
    return [b for b in BLOCKS if b.section == "Quick start" and b.language in RUNNABLE]


def test_quick_start_has_exactly_two_commands() -> None:
    blocks = _quick_start()
    assert all(b.skip for b in blocks), "the Quick start installs: its blocks are checked here, not run"
    commands = [line for b in blocks for line in _commands(b)]
    assert len(commands) == 2, commands
    assert "pip install ." in commands[0] and "examples/" in commands[0]
    assert "pytest" in commands[1]


def test_ci_runs_the_readme_test_command() -> None:
    command = _commands(_quick_start()[1])[0].strip()
    assert command in (REPO / ".ci" / "run").read_text(encoding="utf-8")


def test_quick_start_example_exists() -> None:
    command = _commands(_quick_start()[0])[0]
    match = re.search(r"(examples/\S+)", command)
    assert match and (REPO / match[1]).exists(), command
