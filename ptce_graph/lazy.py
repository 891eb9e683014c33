"""Public names of a package imported on first use, not with the package.

Why: ``import ptce_graph`` (and every ``ptce`` command) used to import the
whole library — the HTML report, the reasoner, networkx, rdflib's SPARQL
parser — about a second before anything useful; ``ptce validate`` needs a
fraction of it.  A package lists where each of its public names lives; a
name is imported the first time it is read, then kept as a plain attribute::

    if TYPE_CHECKING:                      # what type checkers and readers see
        from ptce_graph.legal.pipeline import validate
    __getattr__, __dir__ = lazy_exports(__name__, {"ptce_graph.legal.pipeline": ("validate",)})

A test checks that the ``TYPE_CHECKING`` imports, the mapping and ``__all__``
say the same (``tests/test_lazy.py``).

A name may be that of its own module (``ptce_graph.typology.typology``):
importing the submodule would then make the package's attribute the module.
The package's module class keeps the name for the function, as the eager
``from ptce_graph.typology import typology`` did.
"""

from __future__ import annotations

import importlib
import sys
import types
from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["lazy_exports"]


def lazy_exports(
    package: str, locations: Mapping[str, tuple[str, ...]]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """The module ``__getattr__`` and ``__dir__`` of ``package``: each name of ``locations`` (module -> names)
    imported from its module when first read."""
    module_of = {name: module for module, names in locations.items() for name in names}
    sys.modules[package].__class__ = _package_class(
        {f"{package}.{name}": name for name, module in module_of.items() if module == f"{package}.{name}"}
    )

    def getattr_(name: str) -> Any:
        module = module_of.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        setattr(sys.modules[package], name, value)  # read once: then a plain attribute
        return value

    def dir_() -> list[str]:
        return sorted(set(vars(sys.modules[package])) | set(module_of))

    return getattr_, dir_


def _package_class(shadowed: dict[str, str]) -> type[types.ModuleType]:
    """A module class whose submodules never replace the names they export (``shadowed``: module -> name)."""

    class LazyPackage(types.ModuleType):
        def __setattr__(self, name: str, value: Any) -> None:
            if isinstance(value, types.ModuleType) and shadowed.get(value.__name__) == name:
                value = getattr(value, name)
            super().__setattr__(name, value)

    return LazyPackage
