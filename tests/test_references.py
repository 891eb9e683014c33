"""Every module, object and file that a docstring or a doc page names exists.

Docstrings and docs say where things are (``ptce_graph/legal/spec/clauses.py``,
:func:`ptce_graph.legal.validate`, ``docs/validation.md``, ``:mod:`.text```); a
move that forgets one leaves a reader looking for a file that is not there.
This test reads the docstrings of every module of the package (and its
comments) and the Markdown pages, and resolves each reference: repository
paths on disk (globs allowed), dotted names by importing the module and
reading the attributes.
"""

from __future__ import annotations

import ast
import importlib
import re
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "ptce_graph"
#: Top-level folders of the repository a reference may point into.
FOLDERS = ("ptce_graph", "ontology", "shapes", "docs", "tests", "benchmarks", "examples")
#: ``ptce_graph/x.py`` or ``docs/y.md`` …: a path in the repository.
PATH = re.compile(r"(?<![\w./-])((?:" + "|".join(FOLDERS) + r")/[\w./*{}-]*[\w*}])")
#: ``ptce_graph.a.b`` written out, or ``.a.b`` / ``~.a`` in a Sphinx role (relative to the module's package).
DOTTED = re.compile(r"(?<![\w./-])(ptce_graph(?:\.\w+)+)")
ROLE = re.compile(r":(?:mod|func|class|meth|data|attr|exc):`~?(\.[\w.]+)`")


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(REPO).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


MODULES = _modules()


def _texts(path: Path) -> list[str]:
    """The docstrings and comments of a module."""
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    texts = [c for c in re.findall(r"#[^\n]*", source)]
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            doc = ast.get_docstring(node, clean=False)
            if doc:
                texts.append(doc)
    return texts


def _installed() -> dict[str, str]:
    """Folders the wheel places inside the package (pyproject's force-include): installed path -> repository path."""
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    table = config["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    return {installed: repository for repository, installed in table.items()}


INSTALLED = _installed()


def _path_exists(reference: str) -> bool:
    pattern = re.sub(r"\{[^}]*\}", "*", reference.rstrip("."))
    for installed, repository in INSTALLED.items():
        if pattern == installed or pattern.startswith(installed + "/"):
            pattern = repository + pattern[len(installed):]
    return any(REPO.glob(pattern)) if "*" in pattern else (REPO / pattern).exists()


def _resolves(dotted: str) -> bool:
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        name = ".".join(parts[:cut])
        if name in MODULES:
            obj: object = importlib.import_module(name)
            for attr in parts[cut:]:
                if not hasattr(obj, attr):
                    # a dataclass field or an instance attribute named through its class
                    fields = getattr(obj, "__dataclass_fields__", {}) or getattr(obj, "__annotations__", {})
                    if attr not in fields:
                        return False
                    return True
                obj = getattr(obj, attr)
            return True
    return False


def _references(module: str, texts: list[str]) -> tuple[set[str], set[str]]:
    paths, names = set(), set()
    package = module if MODULES[module].name == "__init__.py" else module.rsplit(".", 1)[0]
    for text in texts:
        paths.update(PATH.findall(text))
        names.update(n.rstrip(".") for n in DOTTED.findall(text))
        for relative in ROLE.findall(text):
            names.add(package + relative)
    return paths, names


@pytest.mark.parametrize("module", sorted(MODULES))
def test_the_docstrings_of_a_module_name_what_exists(module: str) -> None:
    paths, names = _references(module, _texts(MODULES[module]))
    missing = sorted(p for p in paths if not _path_exists(p)) + sorted(n for n in names if not _resolves(n))
    assert not missing, f"{module} names what does not exist: {', '.join(missing)}"


DOCS = sorted([*REPO.glob("docs/*.md"), REPO / "README.md", REPO / "CHANGELOG.md", *REPO.glob("examples/**/*.md")])


@pytest.mark.parametrize("page", DOCS, ids=lambda p: str(p.relative_to(REPO)))
def test_the_docs_name_what_exists(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    if page.name == "CHANGELOG.md":  # the history names what was there then: only the section in progress
        text = text.split("\n## ", 2)[1] if "\n## " in text else text
    paths = set(PATH.findall(text))
    names = {n.rstrip(".") for n in DOTTED.findall(text)}
    missing = sorted(p for p in paths if not _path_exists(p)) + sorted(n for n in names if not _resolves(n))
    assert not missing, f"{page.relative_to(REPO)} names what does not exist: {', '.join(missing)}"


def test_the_reader_finds_paths_and_names() -> None:
    paths, names = _references("ptce_graph.legal.report", _texts(MODULES["ptce_graph.legal.report"]))
    assert ".text" not in names and "ptce_graph.legal.report.text" in names
    assert _path_exists("shapes/*.ttl") and not _path_exists("ptce_graph/legal/_clauses.py")
    assert _resolves("ptce_graph.legal.validate") and not _resolves("ptce_graph.legal.api")
