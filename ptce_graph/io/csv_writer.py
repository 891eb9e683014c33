"""The one CSV writer of ptce_graph: every CSV we write goes through it.

Two promises hold for every file, whatever wrote it (bundles, ``ptce metrics``,
``ptce typology``, ``ptce referentiel``; the SPARQL results of ``ptce serve`` take :func:`inert`):

* **no formula runs** when a spreadsheet opens the file: a text cell that a
  spreadsheet would read as a formula (it starts with ``=``, ``+``, ``-``,
  ``@``, a tab or a carriage return) gets a leading apostrophe, and so does a
  text that already starts with one or with ``#`` (the comment mark of bundle
  rows), so that the bundle reader, which removes one leading apostrophe,
  reads back exactly what was written.  Numbers are
  written as numbers and never protected (``-1.5`` stays a number);
* **the dialect is chosen, not implied**: :data:`PLAIN` is the contract's form
  (comma, UTF-8 without BOM, ``.`` decimals); :data:`EXCEL_FR` is what French
  Excel opens with a double-click (``;``, UTF-8 with BOM so accents show,
  decimal comma, dates as ISO text ``AAAA-MM-JJ``).  Both read back identically.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from ptce_graph.dates import PartialDate
from ptce_graph.errors import OutputError
from ptce_graph.io.rules import cell_problem

__all__ = ["CsvDialect", "PLAIN", "EXCEL_FR", "FORMULA_START", "FORMULA_TRIGGERS", "Comment", "csv_text", "csv_bytes",
           "cell_text", "neutralise", "inert"]

#: First characters that make a spreadsheet run a cell as a formula (OWASP's list).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
#: What gets the protecting apostrophe in the CSV files ptce_graph reads back: the triggers, plus the
#: apostrophe the readers remove (so that a text starting with one survives the round trip) and
#: the "#" that marks a bundle row as a comment (so that an id starting with one stays data).
FORMULA_START = (*FORMULA_TRIGGERS, "'", "#")


@dataclass(frozen=True, slots=True)
class CsvDialect:
    """How a CSV file is laid out: separator, byte-order mark, decimal mark, line end."""

    delimiter: str = ","
    bom: bool = False
    decimal: str = "."
    lineterminator: str = "\n"

    def with_lines(self, lineterminator: str) -> CsvDialect:
        """The same dialect with another line end (metrics CSV keeps the RFC 4180 ``\\r\\n``)."""
        return replace(self, lineterminator=lineterminator)


#: The spreadsheet bundle contract's CSV: comma, UTF-8 without BOM, "." decimals.
PLAIN = CsvDialect()
#: What French Excel opens with a double-click: ";" separator, UTF-8 with BOM, decimal comma.
EXCEL_FR = CsvDialect(delimiter=";", bom=True, decimal=",", lineterminator="\r\n")


class Comment(str):
    """A cell written as is: the first cell of a template's example row, which starts with ``#``.

    The bundle reader skips a row whose first cell starts with ``#``; any other
    text starting with ``#`` is written with a protecting apostrophe and stays data.
    """

    def __new__(cls, text: str) -> Comment:
        if not text.startswith("#"):
            raise ValueError("a comment cell starts with #")
        return super().__new__(cls, text)


def neutralise(text: str) -> str:
    """A text made inert for spreadsheets: a leading apostrophe when it would start a formula."""
    return "'" + text if text.startswith(FORMULA_START) else text


def inert(text: str) -> str:
    """A text of a CSV file other programs read (SPARQL results): a leading apostrophe only where a
    spreadsheet would run it as a formula (ptce_graph does not read these files back)."""
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def cell_text(value: object, dialect: CsvDialect = PLAIN) -> str:
    """The text of one cell.

    ``None`` is an empty cell; numbers (``int``, ``float``, ``Decimal``) use the
    dialect's decimal mark and are never protected; dates are ISO 8601 text;
    booleans must be turned into words by the caller (bundles say ``yes``,
    metrics ``true``); any other value is text, neutralised.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        raise TypeError("write booleans as words (yes/no, true/false): the caller chooses")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value).replace(".", dialect.decimal)
    if isinstance(value, Decimal):
        text = format(value, "f")
        if "." in text:
            text = text.rstrip("0").rstrip(".") or "0"
        return text.replace(".", dialect.decimal)
    if isinstance(value, Comment):
        return str(value)
    if isinstance(value, (PartialDate, _dt.date)):
        return value.isoformat() if isinstance(value, _dt.date) else str(value)
    return neutralise(str(value))


def _line(cells: list[str], dialect: CsvDialect) -> str:
    # RFC 4180 quoting.  Python's csv.writer leaves a bare "\r" unquoted when the line end is "\n",
    # which splits the row for every reader: any cell holding a line break is quoted here.
    for cell in cells:
        problem = cell_problem(cell)  # what the bundle reader takes (io.rules): every CSV reads back
        if problem is not None:
            raise OutputError(f"cannot write {problem}: ptce_graph could not read it back; shorten it")
    specials = (dialect.delimiter, '"', "\r", "\n")
    fields = ['"' + c.replace('"', '""') + '"' if any(ch in c for ch in specials) else c for c in cells]
    if fields == [""]:
        fields = ['""']  # a row of one empty cell is not a blank line
    return dialect.delimiter.join(fields) + dialect.lineterminator


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]], dialect: CsvDialect = PLAIN) -> str:
    """The CSV text (without BOM) of a header and rows of cell values."""
    parts = [_line([neutralise(str(h)) for h in header], dialect)]
    parts.extend(_line([cell_text(v, dialect) for v in row], dialect) for row in rows)
    return "".join(parts)


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[object]], dialect: CsvDialect = PLAIN) -> bytes:
    """The bytes of a CSV file: UTF-8, with a BOM when the dialect asks for one."""
    data = csv_text(header, rows, dialect).encode("utf-8")
    return b"\xef\xbb\xbf" + data if dialect.bom else data
