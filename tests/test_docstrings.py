"""Public enums and result types say what they are: ``help()`` on them is a reference, not a list of names."""

from __future__ import annotations

import dataclasses
import enum
import importlib
import inspect

import pytest

#: The packages whose public names the README and the docs use.
PUBLIC = ("ptce_graph", "ptce_graph.legal", "ptce_graph.metrics", "ptce_graph.reasoning", "ptce_graph.publish")


def _types() -> list[type]:
    found: dict[str, type] = {}
    for package in PUBLIC:
        module = importlib.import_module(package)
        for name in module.__all__:
            obj = getattr(module, name)
            if inspect.isclass(obj) and (issubclass(obj, enum.Enum) or dataclasses.is_dataclass(obj)):
                found[f"{obj.__module__}.{obj.__qualname__}"] = obj
    return [found[k] for k in sorted(found)]


TYPES = _types()


def _own_doc(cls: type) -> str | None:
    doc = cls.__dict__.get("__doc__")
    if dataclasses.is_dataclass(cls) and doc and doc.startswith(cls.__name__ + "("):
        return None  # the signature dataclasses write when there is no docstring
    return doc


def test_there_are_types_to_check() -> None:
    names = {t.__name__ for t in TYPES}
    assert {"LegalReport", "PoleVerdict", "ClauseStatus", "Verdict", "ActorKind", "PoleMetrics"} <= names


@pytest.mark.parametrize("cls", TYPES, ids=lambda c: c.__name__)
def test_a_public_enum_or_result_type_and_its_methods_have_docstrings(cls: type) -> None:
    assert _own_doc(cls), f"{cls.__qualname__} has no docstring"
    silent = []
    for klass in cls.__mro__:
        if klass.__module__.split(".")[0] != "ptce_graph":
            continue
        for name, value in vars(klass).items():
            if name.startswith("_"):
                continue
            func = value.fget if isinstance(value, property) else getattr(value, "__func__", value)
            if inspect.isfunction(func) and not func.__doc__:
                silent.append(f"{klass.__qualname__}.{name}")
    assert not silent, "no docstring: " + ", ".join(sorted(set(silent)))
