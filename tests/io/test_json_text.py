"""json_text.dumps writes what json.dumps(ensure_ascii=False, indent=2) writes, byte for byte."""

from __future__ import annotations

import json
from typing import Any

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
