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
import re
import secrets
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import orjson

__all__ = ["dumps", "Splice"]


def dumps(obj: Any, *, indent: int | None = 2) -> str:
    """``json.dumps(obj, ensure_ascii=False, indent=indent)``, with orjson's encoder where it writes the same."""
    if indent == 2:
        try:
            return orjson.dumps(obj, option=orjson.OPT_INDENT_2).decode("utf-8")
        except TypeError:  # orjson.JSONEncodeError: a key or number it does not take
            pass
    return json.dumps(obj, ensure_ascii=False, indent=indent)


class Splice:
    """A JSON document whose parts are written apart (in worker processes, say), then put in place.

    Each part, a value :func:`dumps` wrote, stands in a list of the document as :meth:`slot`;
    :meth:`dumps` writes the document with each part indented where its slot is: the text of
    :func:`dumps` on the whole.  A slot holds a NUL character and a random key, so that no text of the
    data can pass for one.
    """

    def __init__(self) -> None:
        self._key = secrets.token_hex(8)
        # A list element that is only a slot, on its own line of indented JSON.
        self._slot = re.compile(r'^( *)"\\u0000' + self._key + r':(\d+)\\u0000"(,?)$', re.MULTILINE)

    def slot(self, index: int) -> str:
        """The stand-in for part ``index``."""
        return f"\0{self._key}:{index}\0"

    def dumps(self, obj: Any, parts: Sequence[str]) -> str:
        """``dumps(obj)``, each slot replaced by its part (every part must have its one slot)."""
        used: set[int] = set()

        def part(index: int) -> str:
            used.add(index)
            return parts[index]

        text = "".join(self.pieces(obj, part))
        if len(used) != len(parts):
            raise ValueError(f"{len(parts)} parts for {len(used)} slots")
        return text

    def pieces(self, obj: Any, part: Callable[[int], str]) -> Iterator[str]:
        """:meth:`dumps`'s text in pieces, to write as they come: ``part(i)`` is asked for each slot in the
        document's order (a part may be made only then)."""
        text = dumps(obj, indent=2)
        start = 0
        for match in self._slot.finditer(text):
            yield text[start:match.start()]
            pad = match.group(1)
            yield pad + part(int(match.group(2))).replace("\n", "\n" + pad) + match.group(3)
            start = match.end()
        yield text[start:]
