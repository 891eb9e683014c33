"""The package's import graph: no cycle, no import hidden in a function to dodge one, no private name shared.

The graph is read from the source (``ast``), not by importing: an edge is an
``import`` of a ``ptce_graph`` module at the top of a module (``if
TYPE_CHECKING:`` blocks are annotations, not imports).  A cycle is a design
problem (two modules that each need the other are one concern, or a third
is missing); an import inside a function hides it from this test, so those
are refused too, except where the import defers a heavy third-party library
(:data:`HEAVY`) that the importing module does not load anyway.
"""

from __future__ import annotations

import ast
import functools
from dataclasses import dataclass
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "ptce_graph"

#: Third-party libraries (or parts of one) slow enough to import (a few tenths of a second each)
#: that a module defers them to the function that needs them, so that ``ptce validate`` does not
#: pay for ``ptce report``'s figures nor every command for rdflib's SPARQL parser.  A ``ptce_graph``
#: module that imports one of these at its top may be imported inside a function by a module that
#: does not; nothing else may.  The web server's libraries (starlette, uvicorn: 0.06 s and 0.14 s) are
#: among them: every command's module is imported to build ``ptce --help``, only ``ptce serve`` serves.
HEAVY = (
    "networkx", "matplotlib", "jinja2", "owlready2", "pyshacl", "rdflib.plugins.sparql", "pyparsing",
    "starlette", "uvicorn",
)


@dataclass(frozen=True)
class Import:
    importer: str
    target: str  # a module of ptce_graph, or a third-party top-level package
    line: int
    top_level: bool
    names: tuple[str, ...]


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES: dict[str, Path] = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _is_type_checking(test: ast.expr) -> bool:
    return isinstance(test, ast.Name) and test.id == "TYPE_CHECKING" or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _targets(module: str, node: ast.Import | ast.ImportFrom) -> list[tuple[str, tuple[str, ...]]]:
    """(module imported, names taken from it) for one import statement."""
    if isinstance(node, ast.Import):
        return [(alias.name, ()) for alias in node.names]
    base = node.module or ""
    if node.level:
        package = module.split(".") if MODULES[module].name == "__init__.py" else module.split(".")[:-1]
        package = package[: len(package) - node.level + 1]
        base = ".".join([*package, *([base] if base else [])])
    out = []
    for alias in node.names:
        submodule = f"{base}.{alias.name}"
        out.append((submodule, ()) if submodule in MODULES else (base, (alias.name,)))
    return out


def _visit(module: str, node: ast.AST, top: bool, annotations: bool, found: list[Import]) -> None:
    for child in ast.iter_child_nodes(node):
        if isinstance(child, (ast.Import, ast.ImportFrom)):
            if annotations:
                continue
            for target, names in _targets(module, child):
                heavy = [h for h in HEAVY if target == h or target.startswith(h + ".")]
                if target.split(".")[0] == "ptce_graph":
                    while target not in MODULES:
                        target = target.rsplit(".", 1)[0]
                elif heavy:
                    target = heavy[0]
                else:
                    continue
                found.append(Import(module, target, child.lineno, top, names))
        elif isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            _visit(module, child, False, annotations, found)
        elif isinstance(child, ast.If) and _is_type_checking(child.test):
            _visit(module, child, top, True, found)  # the body: annotations only
            for other in child.orelse:
                _visit(module, other, top, annotations, found)
        else:
            _visit(module, child, top, annotations, found)


def _imports() -> list[Import]:
    found: list[Import] = []
    for module, path in MODULES.items():
        _visit(module, ast.parse(path.read_text(encoding="utf-8")), True, False, found)
    return found


IMPORTS = _imports()
EDGES: dict[str, set[str]] = {m: set() for m in MODULES}
for _i in IMPORTS:
    if _i.top_level and _i.target in MODULES:
        EDGES[_i.importer].add(_i.target)


def _cycles() -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), and modules importing themselves."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def strong(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(EDGES[v]):
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1 or v in EDGES[v]:
                found.append(sorted(component))

    for v in sorted(EDGES):
        if v not in index:
            strong(v)
    return found


def _closure(module: str) -> set[str]:
    """Everything ``module`` loads when imported: its top-level imports, transitively (and itself)."""
    seen = {module}
    todo = [module]
    while todo:
        for target in EDGES[todo.pop()]:
            if target not in seen:
                seen.add(target)
                todo.append(target)
    return seen


@functools.cache
def _heavy(module: str) -> frozenset[str]:
    """The heavy libraries importing ``module`` loads."""
    closure = _closure(module)
    return frozenset(i.target for i in IMPORTS if i.top_level and i.importer in closure and i.target in HEAVY)


def test_the_import_graph_is_read_from_every_module() -> None:
    assert "ptce_graph.legal.pipeline" in MODULES and "ptce_graph.cli" in MODULES
    assert sum(len(targets) for targets in EDGES.values()) > 200


def test_the_package_has_no_import_cycle() -> None:
    cycles = _cycles()
    assert not cycles, "modules that import each other (at the top of the module): " + "; ".join(
        " <-> ".join(c) for c in cycles
    )


def test_no_internal_import_inside_a_function_unless_it_defers_a_heavy_library() -> None:
    hidden = []
    for i in IMPORTS:
        if i.top_level or i.target not in MODULES:
            continue
        if not _heavy(i.target) - _heavy(i.importer):
            hidden.append(f"{i.importer}:{i.line} imports {i.target}")
    assert not hidden, (
        "import these at the top of the module (an import inside a function may only defer "
        f"one of {', '.join(HEAVY)}):\n  " + "\n  ".join(sorted(hidden))
    )


def test_heavy_libraries_imported_inside_a_function_say_why() -> None:
    """A comment says why: beside the import, or once for the module (a top-level comment naming the library)."""
    silent = []
    for i in IMPORTS:
        if i.top_level or i.target not in HEAVY:
            continue
        lines = MODULES[i.importer].read_text(encoding="utf-8").splitlines()
        around = lines[max(0, i.line - 4) : i.line]
        module_comment = any(line.startswith("#") and i.target in line for line in lines)
        if not module_comment and not any("#" in line for line in around):
            silent.append(f"{i.importer}:{i.line} imports {i.target}")
    assert not silent, "say in a comment why the import is deferred:\n  " + "\n  ".join(silent)


def _package(module: str) -> str:
    return module if MODULES[module].name == "__init__.py" else module.rsplit(".", 1)[0]


def test_no_private_name_is_imported_from_another_package() -> None:
    shared = []
    for i in IMPORTS:
        if i.target not in MODULES or _package(i.importer) == _package(i.target):
            continue
        private = [n for n in i.names if n.startswith("_") and not n.startswith("__")]
        private_module = [p for p in i.target.split(".") if p.startswith("_") and not p.startswith("__")]
        if private or private_module:
            shared.append(f"{i.importer}:{i.line} imports {', '.join(private) or i.target} from {i.target}")
    assert not shared, "make these public where they belong:\n  " + "\n  ".join(sorted(shared))
