"""Text laid out for a terminal: its width, and table cells cut to fit with « … ».

The human-readable outputs (``ptce validate``, ``ptce metrics``, ``ptce
typology``…) are laid out for the width of the terminal they are printed in —
``COLUMNS`` when it is set, else the terminal's own — and for
:data:`DEFAULT_WIDTH` columns when they go to a file or a pipe, so that a file
is the same wherever it is written.  A table wider than that gives room to its
numbers first and cuts its longest texts, marking each cut with « … ».
"""

from __future__ import annotations

import re
import shutil
import textwrap
from collections.abc import Sequence

__all__ = ["DEFAULT_WIDTH", "MIN_WIDTH", "width", "shorten", "fold", "grid"]

#: Width of a text written to a file or a pipe, and of a terminal that does not say.
DEFAULT_WIDTH = 100
#: Narrower terminals are written for as if they had this many columns (lines then fold).
MIN_WIDTH = 40


def width(output: str | None = None) -> int:
    """The width to lay text out for: ``COLUMNS`` or the terminal's, :data:`DEFAULT_WIDTH` for a file."""
    if output not in (None, "-"):
        return DEFAULT_WIDTH
    return max(MIN_WIDTH, shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns)


def shorten(text: str, limit: int) -> str:
    """``text`` on one line of at most ``limit`` characters, cut with « … » when it is longer."""
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    if limit <= 1:
        return "…"[:max(limit, 0)]
    return text[: limit - 1].rstrip() + "…"


def fold(text: str, width: int, indent: str = "", first: str | None = None) -> str:
    """A paragraph folded at ``width``: its first line starts with ``first`` (default ``indent``), the others
    with ``indent``.  Never breaks a word, nor before « : », « ; », « ? », « ! » or « » » (French spacing)."""
    guarded = text
    for mark in (":", ";", "?", "!", "»"):
        guarded = guarded.replace(f" {mark}", f"\u00a0{mark}")
    guarded = re.sub(r"(:) (\d)", "\\1\u00a0\\2", guarded.replace("« ", "«\u00a0"))  # « outils : 1 » stays whole
    folded = textwrap.fill(guarded, width=width, initial_indent=indent if first is None else first,
                           subsequent_indent=indent, break_long_words=False, break_on_hyphens=False)
    return folded.replace("\u00a0", " ")


def grid(headers: Sequence[str] | None, rows: Sequence[Sequence[str]], *, width: int | None = None,
         indent: str = "  ", rule: str = "─", left: int = 1) -> list[str]:
    """Aligned columns: the first ``left`` left-aligned (texts), the others right-aligned (numbers).

    When the table is wider than ``width``, the text columns give up characters,
    the widest first, down to 8 each; their cells are cut with « … ».  A table
    whose numbers alone do not fit is left whole (cut names would not make it fit).
    """
    table = [list(headers)] if headers is not None else []
    table += [[str(c) for c in row] for row in rows]
    if not table:
        return []
    widths = [max(len(str(x)) for x in col) for col in zip(*table, strict=True)]
    least = len(indent) + sum(min(w, 8) if j < left else w for j, w in enumerate(widths)) + 2 * (len(widths) - 1)
    if width is not None and least <= width:
        over = len(indent) + sum(widths) + 2 * (len(widths) - 1) - width
        while over > 0:
            texts = [j for j in range(min(left, len(widths))) if widths[j] > 8]
            if not texts:
                break
            widest = max(texts, key=lambda j: widths[j])
            widths[widest] -= 1
            over -= 1
    lines = []
    for i, row in enumerate(table):
        cells = [shorten(c, w).ljust(w) if j < left else str(c).rjust(w)
                 for j, (c, w) in enumerate(zip(row, widths, strict=True))]
        lines.append(indent + "  ".join(cells).rstrip())
        if i == 0 and headers is not None and rule:
            lines.append(indent + "  ".join(rule * w for w in widths))
    return lines
