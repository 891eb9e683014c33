r"""Text for people: what no terminal, figure or GraphML file may receive raw.

Values from the data reach people in messages, text reports, JSON on a
terminal, SVG figures and GraphML.  A terminal obeys control characters (ESC
and CSI - U+009B in 8-bit terminals - move the cursor, recolour, retitle;
CR writes over a line), bidirectional formatting characters make text show as
other text ("Trojan Source"), U+2028 and U+2029 end lines for some readers,
and XML 1.0 cannot carry C0 controls at all.  :func:`printable` shows them as
visible escapes (``\x1b``, ``\u202e``); :func:`json_text` escapes them inside
JSON text, where they can only stand in strings, so the JSON means the same;
:func:`page_value` is the same rule for every value an HTML template prints
(a bidi override in a pole's name would otherwise reorder the rest of a row).
"""

from __future__ import annotations

import re

from ptce_graph.io.rules import BIDI_CONTROLS

__all__ = ["printable", "json_text", "page_value", "UNSAFE"]

#: What is never shown raw: C0 controls but tab and line feed, DEL, C1, line and paragraph separators,
#: bidirectional formatting characters.
UNSAFE = re.compile(rf"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029{BIDI_CONTROLS}]")
_UNSAFE_ONE_LINE = re.compile(rf"[\x00-\x1f\x7f-\x9f\u2028\u2029{BIDI_CONTROLS}]")
_JSON_UNSAFE = re.compile(rf"[\x7f-\x9f\u2028\u2029{BIDI_CONTROLS}]")  # json.dumps escapes C0 itself


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str, *, one_line: bool = False) -> str:
    """``text`` with what must not reach a terminal or XML raw shown as escapes.

    Tabs and line feeds stay, unless ``one_line`` (a message, a label): then
    they are escaped too, so that a value cannot forge a line of output.
    """
    pattern = _UNSAFE_ONE_LINE if one_line else UNSAFE
    return pattern.sub(_escape, text) if pattern.search(text) else text


def json_text(text: str) -> str:
    """JSON text (as ``json.dumps`` writes it) with DEL, C1, line separators and bidi controls
    written as ``\\uXXXX`` escapes: the same JSON value, safe to show."""
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) if _JSON_UNSAFE.search(text) else text


def page_value(value: object) -> object:
    """What an HTML page template prints (Jinja2's ``finalize``): text as :func:`printable` shows it,
    a CRLF line end kept as a line end; markup (``__html__``: escaped already, or ours) keeps its kind."""
    if not isinstance(value, str):
        return value
    if "\r" not in value and not UNSAFE.search(value):
        return value
    shown = printable(value.replace("\r\n", "\n"))
    return type(value)(shown) if hasattr(value, "__html__") else shown
