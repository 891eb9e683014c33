"""JSON text as ``json.dumps(obj, ensure_ascii=False, indent=2)`` writes it, at C speed.

Why: the standard library encodes indented JSON with its pure-Python encoder
(its C encoder only writes compact JSON); a registry's validation report is
tens of megabytes, which took longer to write than to check.  orjson writes
the same bytes for what our reports hold (text, whole numbers, booleans,
null, lists and objects with text keys: a test compares them); anything it
does not take (a key that is not text, a whole number beyond 64 bits) falls
back to the standard library, and so does any indent other than 2.
"""

from __future__ import annotations

import json
from typing import Any

import orjson

__all__ = ["dumps"]


def dumps(obj: Any, *, indent: int | None = 2) -> str:
    """``json.dumps(obj, ensure_ascii=False, indent=indent)``, with orjson's encoder where it writes the same."""
    if indent == 2:
        try:
            return orjson.dumps(obj, option=orjson.OPT_INDENT_2).decode("utf-8")
        except TypeError:  # orjson.JSONEncodeError: a key or number it does not take
            pass
    return json.dumps(obj, ensure_ascii=False, indent=indent)
