"""json_text.dumps writes what json.dumps(ensure_ascii=False, indent=2) writes, byte for byte."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ptce_graph.io import json_text

# What reports hold: text (any character, controls, quotes, U+2028, astral), whole numbers, booleans, null.
_LEAVES = st.none() | st.booleans() | st.integers(min_value=-(2**63), max_value=2**64 - 1) | st.text()
_VALUES = st.recursive(_LEAVES, lambda inner: st.lists(inner, max_size=4)
                       | st.dictionaries(st.text(), inner, max_size=4), max_leaves=30)


@settings(max_examples=300, deadline=None)
@given(_VALUES)
def test_same_bytes_as_the_standard_library(value: Any) -> None:
    assert json_text.dumps(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_what_orjson_does_not_take_falls_back() -> None:
    for value in ({1: "a"}, 2**70, {"n": [2**64]}, (1, 2)):
        assert json_text.dumps(value) == json.dumps(value, ensure_ascii=False, indent=2)
    assert json_text.dumps({"a": [1]}, indent=None) == json.dumps({"a": [1]}, ensure_ascii=False)
    assert json_text.dumps({"a": [1]}, indent=4) == json.dumps({"a": [1]}, ensure_ascii=False, indent=4)


@settings(max_examples=200, deadline=None)
@given(_VALUES, st.data())
def test_a_document_spliced_from_parts_written_apart_is_the_whole_document(value: Any, data: Any) -> None:
    """Splice: list elements written apart (any of them, at any depth) and put back give dumps' text."""
    splice = json_text.Splice()
    parts: list[str] = []

    def cut(v: Any) -> Any:
        if isinstance(v, dict):
            return {k: cut(x) for k, x in v.items()}
        if isinstance(v, list):
            out = []
            for x in v:
                if data.draw(st.booleans()):
                    parts.append(json_text.dumps(x))
                    out.append(splice.slot(len(parts) - 1))
                else:
                    out.append(cut(x))
            return out
        return v

    skeleton = cut(value)
    assert splice.dumps(skeleton, parts) == json.dumps(value, ensure_ascii=False, indent=2)


def test_a_text_of_the_data_cannot_pass_for_a_slot() -> None:
    splice, other = json_text.Splice(), json_text.Splice()
    forged = other.slot(0)  # what data could hold: a slot of another splice, NUL and all
    assert splice.dumps([forged, splice.slot(0)], ['{\n  "a": 1\n}']) == json.dumps(
        [forged, {"a": 1}], ensure_ascii=False, indent=2)
    with pytest.raises(ValueError, match="2 parts for 1 slots"):
        splice.dumps([splice.slot(0)], ["1", "2"])
