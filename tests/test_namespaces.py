"""The closed namespaces are generated from the ontology and never drift from it."""

from __future__ import annotations

from pathlib import Path

import pytest

from ptce_graph import _namespace_gen
from ptce_graph.namespaces import PTCE


def test_namespaces_module_is_up_to_date() -> None:
    generated = _namespace_gen.render(_namespace_gen.load_ontology_fresh())
    current = (Path(_namespace_gen.__file__).parent / "namespaces.py").read_text(encoding="utf-8")
    assert generated == current, "run `python -m ptce_graph._namespace_gen` after editing ontology/"


def test_a_typo_is_an_error_not_a_new_iri() -> None:
    assert str(PTCE.Pole) == "https://w3id.org/ptce/ns#Pole"
    with pytest.raises(AttributeError):
        PTCE.Pol  # noqa: B018
