"""Packages whose public names are imported on first use say the same thing three times: keep them agreeing.

The ``TYPE_CHECKING`` imports (what type checkers and readers see), the
mapping given to :func:`ptce_graph.lazy.lazy_exports` (what runs) and
``__all__`` must name the same things from the same modules; and importing
the package must import none of them.
"""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGES = ("ptce_graph", "ptce_graph.legal", "ptce_graph.publish")


def _declared(package: str) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    module = importlib.import_module(package)
    tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
    checked: dict[str, set[str]] = {}
    lazy: dict[str, set[str]] = {}
    for node in tree.body:
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            for imp in node.body:
                assert isinstance(imp, ast.ImportFrom)
                checked.setdefault(imp.module or "", set()).update(a.name for a in imp.names)
        for call in ast.walk(node):
            if isinstance(call, ast.Call) and getattr(call.func, "id", None) == "lazy_exports":
                for key, value in zip(call.args[1].keys, call.args[1].values, strict=True):  # type: ignore[attr-defined]
                    lazy[ast.literal_eval(key)] = set(ast.literal_eval(value))
    return checked, lazy


@pytest.mark.parametrize("package", PACKAGES)
def test_the_three_lists_agree(package: str) -> None:
    checked, lazy = _declared(package)
    assert checked == lazy
    module = importlib.import_module(package)
    names = {name for names in lazy.values() for name in names}
    assert set(module.__all__) == names
    for name in sorted(names):
        assert getattr(module, name) is getattr(importlib.import_module(_module_of(lazy, name)), name)
        assert name in dir(module)


def _module_of(lazy: dict[str, set[str]], name: str) -> str:
    return next(module for module, names in lazy.items() if name in names)


def test_importing_the_package_imports_nothing_heavy() -> None:
    code = ("import sys, ptce_graph, ptce_graph.legal, ptce_graph.publish; "
            "print(sorted(m for m in ('networkx', 'rdflib', 'pyshacl', 'owlready2', 'jinja2', 'matplotlib') "
            "if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_an_unknown_name_is_an_attribute_error() -> None:
    import ptce_graph

    with pytest.raises(AttributeError):
        ptce_graph.no_such_name  # noqa: B018
