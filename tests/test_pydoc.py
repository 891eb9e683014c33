"""``help(ptce_graph)`` and ``python -m pydoc`` document the package without a warning.

rdflib's ``DefinedNamespace`` used to leak here: pydoc listed every term of the
closed namespaces by its full IRI and looked each up on ``DefinedNamespace``
itself, which warned (1,840 lines for ``help(ptce_graph)``).  The namespaces
now show their attributes to ``dir()`` and list their terms in their docstring.
"""

from __future__ import annotations

import importlib
import logging
import pkgutil
import pydoc
import warnings
from types import ModuleType

import pytest

import ptce_graph
from ptce_graph.namespaces import PTCE, PTCELF


def _public_modules() -> list[str]:
    """``ptce_graph`` and every submodule without a private part in its name (``__main__`` would run)."""
    found = pkgutil.walk_packages(ptce_graph.__path__, "ptce_graph.")
    return ["ptce_graph"] + sorted(m.name for m in found if not any(p.startswith("_") for p in m.name.split(".")))


@pytest.mark.parametrize("name", _public_modules())
def test_pydoc_renders_without_warnings(name: str, caplog: pytest.LogCaptureFixture) -> None:
    module: ModuleType = importlib.import_module(name)
    with warnings.catch_warnings(record=True) as caught, caplog.at_level(logging.WARNING):
        warnings.simplefilter("always")
        text = pydoc.render_doc(module, renderer=pydoc.plaintext)
    assert not caught, [str(w.message) for w in caught[:5]]
    assert not caplog.records, [r.getMessage() for r in caplog.records[:5]]
    assert name in text


def test_namespaces_list_their_terms_in_help() -> None:
    text = pydoc.render_doc(PTCE, renderer=pydoc.plaintext)
    assert "Terms (ptce:): Actor," in text and "https://w3id.org/ptce/ns#Actor =" not in text
    assert "cj-9220" in pydoc.render_doc(PTCELF, renderer=pydoc.plaintext)
    assert "Actor" not in dir(PTCE) and "_NS" in dir(PTCE)
    assert PTCE.Actor == PTCE["Actor"] and "Actor" in PTCE  # the terms themselves are unchanged


def test_public_names_resolve() -> None:
    assert len(set(ptce_graph.__all__)) == len(ptce_graph.__all__)
    for name in ptce_graph.__all__:
        assert hasattr(ptce_graph, name), name
