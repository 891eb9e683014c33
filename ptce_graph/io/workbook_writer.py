"""Writing workbooks (.xlsx with openpyxl, .ods with odfpy): ``ptce init``'s templates and bundle exports.

A workbook holds one sheet per table of the bundle contract
(:mod:`ptce_graph.io.contract`), headers in French or English, and, generated
from the contract and the ontology, never kept by hand:

* a first sheet of instructions: each column, what it holds, the values it
  takes, and the words of the law where a clause of law no. 2014-856 reads it;
* a sheet of lists, one column per closed vocabulary
  (:mod:`ptce_graph.io.vocabularies`), which the drop-down lists of the table
  sheets point to (data validation);
* formats per column: dates as ``AAAA-MM-JJ``, ids, SIRET and INSEE codes as
  text (a spreadsheet would drop their leading zeros), amounts as numbers;
* in a template, one example row per table, marked as a comment (its first cell
  starts with ``#``, a row the reader skips).

Text is always written as text, never as a formula, whatever it starts with.
Files are written atomically and deterministically (same data, same cells).
"""

from __future__ import annotations

import datetime as _dt
import io
import re
import zipfile
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from rdflib import URIRef

from ptce_graph.dates import PartialDate
from ptce_graph.errors import OutputError
from ptce_graph.io.atomic import write_bytes_atomic
from ptce_graph.io.bundle import SheetData, check_sizes, localised_value
from ptce_graph.io.contract import TABLES, Column
from ptce_graph.io.csv_writer import Comment
from ptce_graph.io.formats import WORKBOOK_FORMATS
from ptce_graph.io.tables import column_letter
from ptce_graph.io.vocabularies import vocabulary
from ptce_graph.namespaces import PTCE
from ptce_graph.resources import ontology_graph

__all__ = ["write_workbook", "template_sheets", "instructions", "VALIDATED_ROWS"]

#: How many rows of a table sheet get the drop-down lists and formats.
VALIDATED_ROWS = 500
_TEXT_KINDS = ("text", "id", "ids", "siret", "commune", "codes", "iris", "lines")
_LAW = "https://w3id.org/ptce/definition/law-2014/"
_WORDS = {
    "fr": {"instructions": "mode d'emploi", "lists": "listes", "sheet": "feuille", "column": "colonne",
           "meaning": "ce qu'elle contient", "values": "valeurs", "law": "ce que dit la loi (art. 9, loi 2014-856)",
           "list_of": "liste déroulante (feuille listes)", "date": "date AAAA-MM-JJ (ou AAAA-MM, AAAA)",
           "year": "année AAAA", "amount": "nombre (euros)", "count": "nombre entier",
           "ids": "identifiants séparés par « ; »", "example": "# exemple",
           "intro": ["Remplissez une feuille par table ; une ligne par élément ; une cellule vide veut dire "
                     "« inconnu ».",
                     "La ligne qui commence par « # » est un exemple : remplacez-la ou supprimez-la.",
                     "Les en-têtes peuvent rester en français ou être écrits en anglais.",
                     "Vérifiez le fichier avec : ptce validate CLASSEUR (toutes les erreurs sont dites d'un coup)."]},
    "en": {"instructions": "instructions", "lists": "lists", "sheet": "sheet", "column": "column",
           "meaning": "what it holds", "values": "values", "law": "what the law says (art. 9, law 2014-856)",
           "list_of": "drop-down list (sheet lists)", "date": "date YYYY-MM-DD (or YYYY-MM, YYYY)",
           "year": "year YYYY", "amount": "number (euros)", "count": "whole number",
           "ids": "ids separated by ';'", "example": "# example",
           "intro": ["Fill in one sheet per table; one row per item; an empty cell means unknown.",
                     "The row starting with '#' is an example: replace or delete it.",
                     "Headers may stay in English or be written in French.",
                     "Check the file with: ptce validate WORKBOOK (every error is reported at once)."]},
}


def _example(column: Column, lang: str) -> object:
    vocab = column.vocabulary
    if vocab is not None:
        choices = vocabulary(vocab).choices(lang)
        return choices[0] if choices else None
    return {
        "id": "a1", "ids": "a1;a2", "date": PartialDate(2015, 3, 1), "year": 2015, "amount": Decimal("15000"),
        "count": 12, "siret": "73282932000074", "commune": "31555", "codes": "31555;R76",
        "iris": "https://example.org/source", "lines": "…",
    }.get(column.kind, column.header(lang))


def template_sheets(lang: str) -> list[SheetData]:
    """Every table with all its columns and one example row (marked as a comment)."""
    sheets = []
    for t in TABLES:
        row = [_example(c, lang) for c in t.columns]
        sep = " : " if lang == "fr" else ": "
        row[0] = Comment(f"{_WORDS[lang]['example']}{sep}{row[0]}")
        sheets.append(SheetData(t, [c.name for c in t.columns], [row], example=True))
    return sheets


def _law_words(clause: str | None) -> str:
    if clause is None:
        return ""
    words = ontology_graph().value(URIRef(_LAW + clause), PTCE.sourceWords)
    return str(words) if words is not None else ""


def _values_text(column: Column, lang: str) -> str:
    w = _WORDS[lang]
    if column.vocabulary is not None:
        choices = vocabulary(column.vocabulary).choices(lang)
        shown = ", ".join(choices[:12]) + (", …" if len(choices) > 12 else "")
        return f"{w['list_of']} : {shown}" if lang == "fr" else f"{w['list_of']}: {shown}"
    return str(w.get(column.kind, ""))


def instructions(lang: str) -> list[list[object]]:
    """The rows of the instructions sheet: how to fill in, then each table and column."""
    w = _WORDS[lang]
    rows: list[list[object]] = [[line] for line in w["intro"]]
    rows.append([])
    rows.append([w["sheet"], w["column"], w["meaning"], w["values"], w["law"]])
    for t in TABLES:
        rows.append([t.sheet(lang), "", t.help_fr if lang == "fr" else t.help_en, "", ""])
        for c in t.columns:
            rows.append(["", c.header(lang), c.help_fr if lang == "fr" else c.help_en, _values_text(c, lang),
                         _law_words(c.clause)])
    return rows


def _lists(sheets: Sequence[SheetData]) -> list[str]:
    """The vocabularies the sheets' columns use, in a stable order."""
    names: list[str] = []
    for sheet in sheets:
        for name in sheet.columns:
            column = sheet.column(name)
            if column is not None and column.vocabulary is not None and column.vocabulary not in names:
                names.append(column.vocabulary)
    return names


def _cell_value(value: object, kind: str) -> object:
    """A value as a workbook cell holds it: dates as dates, numbers as numbers, the rest as text."""
    if value is None or value == "":
        return None
    if isinstance(value, PartialDate):
        return value.earliest() if value.precision == "day" else str(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Decimal):
        return float(value) if len(value.as_tuple().digits) <= 15 else format(value, "f")
    if isinstance(value, (int, float, _dt.date)) or isinstance(value, Comment):
        return value
    text = str(value)
    # The reader removes one leading apostrophe and skips rows starting with "#": protect such text.
    return "'" + text if text.startswith(("'", "#")) else text


_Prepared = tuple[str, list[str], list[str], list[list[object]], bool]


def _prepare(sheets: Sequence[SheetData], lang: str) -> list[_Prepared]:
    """Per sheet: name, header, column kinds, cells (localised), example flag."""
    out = []
    for sheet in sheets:
        specs = [sheet.column(c) for c in sheet.columns]
        kinds = [spec.kind if spec else "text" for spec in specs]
        header = [spec.header(lang) if spec else c for spec, c in zip(specs, sheet.columns, strict=True)]
        rows = [[_cell_value(localised_value(v, k, lang), k) for v, k in zip(row, kinds, strict=True)]
                for row in sheet.rows]
        out.append((sheet.table.sheet(lang), header, kinds, rows, sheet.example))
    return out


def write_workbook(path: str | Path, sheets: Sequence[SheetData], *, lang: str = "fr",
                   extra: Sequence[tuple[str, list[str], list[list[object]]]] = ()) -> None:
    """Write ``sheets`` (and ``extra`` plain sheets: name, header, rows) as an .xlsx or .ods workbook, atomically."""
    path = Path(path)
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in WORKBOOK_FORMATS:
        raise OutputError(f"{path}: a workbook ends in .xlsx or .ods")
    check_sizes([(sheet.table.sheet(lang), len(sheet.columns), len(sheet.rows)) for sheet in sheets]
                + [(name, len(header), len(rows)) for name, header, rows in extra])
    prepared = _prepare(sheets, lang)
    lists = [(name, vocabulary(name).choices(lang)) for name in _lists(sheets)]
    w = _WORDS[lang]
    data = (_xlsx if fmt == "xlsx" else _ods)(prepared, lists, instructions(lang), w, list(extra), sheets)
    write_bytes_atomic(path, data)


def _list_ranges(lists: list[tuple[str, list[str]]], sheet_name: str, ods: bool) -> dict[str, str]:
    out = {}
    for i, (name, choices) in enumerate(lists):
        letter = column_letter(i)
        last = len(choices) + 1
        out[name] = (f"$'{sheet_name}'.${letter}$2:${letter}${last}" if ods
                     else f"'{sheet_name}'!${letter}$2:${letter}${last}")
    return out


# ---------------------------------------------------------------------------
#  xlsx (openpyxl)
# ---------------------------------------------------------------------------


def _xlsx(prepared: Any, lists: list[tuple[str, list[str]]], instructions: list[list[object]], w: dict[str, Any],
          extra: list[tuple[str, list[str], list[list[object]]]], sheets: Sequence[SheetData]) -> bytes:
    from openpyxl import Workbook  # writer of xlsx (heavy: loaded only to write a workbook)
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    guide = book.active
    guide.title = w["instructions"]
    for row in instructions:
        guide.append(row)
    guide.column_dimensions["A"].width = 18
    guide.column_dimensions["B"].width = 28
    guide.column_dimensions["C"].width = 60
    guide.column_dimensions["D"].width = 50
    guide.column_dimensions["E"].width = 60
    ranges = _list_ranges(lists, w["lists"], ods=False)
    bold, grey = Font(bold=True), Font(italic=True, color="808080")
    for (name, header, kinds, rows, example), sheet in zip(prepared, sheets, strict=True):
        ws = book.create_sheet(name)
        ws.append(header)
        for cell in ws[1]:
            cell.font = bold
            cell.data_type = "s"
        ws.freeze_panes = "A2"
        for r, row in enumerate(rows, start=2):
            for c, value in enumerate(row, start=1):
                cell = ws.cell(row=r, column=c)
                cell.value = value
                if isinstance(value, str):
                    cell.data_type = "s"  # text, never a formula
                if example:
                    cell.font = grey
        last = max(len(rows) + 1, VALIDATED_ROWS)
        for c, (column, kind) in enumerate(zip(sheet.columns, kinds, strict=True), start=1):
            letter = column_letter(c - 1)
            ws.column_dimensions[letter].width = max(12, min(40, len(header[c - 1]) + 4))
            fmt = "yyyy-mm-dd" if kind == "date" else "@" if kind in _TEXT_KINDS else "0" if kind in (
                "year", "count") else "#,##0.00" if kind == "amount" else None
            if fmt is not None:  # the column's style: cells typed later take it too
                ws.column_dimensions[letter].number_format = fmt
                for r in range(2, len(rows) + 2):
                    ws.cell(row=r, column=c).number_format = fmt
            spec = sheet.column(column)
            if spec is not None and spec.vocabulary in ranges:
                validation = DataValidation(type="list", formula1=ranges[spec.vocabulary], allow_blank=True,
                                            showErrorMessage=spec.vocabulary != "link_kind")
                validation.add(f"{letter}2:{letter}{last}")
                ws.add_data_validation(validation)
    lists_sheet = book.create_sheet(w["lists"])
    for i, (name, choices) in enumerate(lists, start=1):
        lists_sheet.cell(row=1, column=i, value=name).font = bold
        for r, choice in enumerate(choices, start=2):
            lists_sheet.cell(row=r, column=i, value=choice).data_type = "s"
        lists_sheet.column_dimensions[column_letter(i - 1)].width = 30
    for name, header, rows in extra:
        ws = book.create_sheet(name)
        ws.append(header)
        for row in rows:
            ws.append(row)
            for written in ws[ws.max_row]:
                if isinstance(written.value, str):
                    written.data_type = "s"
    buffer = io.BytesIO()
    book.save(buffer)
    return _deterministic_zip(buffer.getvalue())


def _deterministic_zip(data: bytes) -> bytes:
    """The same archive with fixed timestamps, so that the same data gives the same bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_STORED if info.filename == "mimetype" else zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            payload = source.read(info.filename)
            if info.filename == "docProps/core.xml":  # creation and modification times
                payload = re.sub(rb"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\1>", b"", payload)
            target.writestr(fixed, payload)
    return out.getvalue()


# ---------------------------------------------------------------------------
#  ods (odfpy)
# ---------------------------------------------------------------------------


def _ods(prepared: Any, lists: list[tuple[str, list[str]]], instructions: list[list[object]], w: dict[str, Any],
         extra: list[tuple[str, list[str], list[list[object]]]], sheets: Sequence[SheetData]) -> bytes:
    from odf import number as ns  # writer of ods (heavy: loaded only to write a workbook)
    from odf import table as tb
    from odf import text as tx
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.style import Style, TableCellProperties, TableColumnProperties, TextProperties

    doc = OpenDocumentSpreadsheet()
    date_style = ns.DateStyle(name="iso-date")
    for part in (ns.Year(style="long"), ns.Text(text="-"), ns.Month(style="long"), ns.Text(text="-"),
                 ns.Day(style="long")):
        date_style.addElement(part)
    doc.automaticstyles.addElement(date_style)
    text_style = ns.TextStyle(name="as-text")
    text_style.addElement(ns.TextContent())
    doc.automaticstyles.addElement(text_style)
    styles = {}
    for key, data_style in (("date", "iso-date"), ("text", "as-text")):
        style = Style(name=f"cell-{key}", family="table-cell", datastylename=data_style)
        doc.automaticstyles.addElement(style)
        styles[key] = style
    header_style = Style(name="cell-header", family="table-cell")
    header_style.addElement(TextProperties(fontweight="bold"))
    doc.automaticstyles.addElement(header_style)
    example_style = Style(name="cell-example", family="table-cell")
    example_style.addElement(TextProperties(fontstyle="italic", color="#808080"))
    example_style.addElement(TableCellProperties())
    doc.automaticstyles.addElement(example_style)
    wide = Style(name="col-wide", family="table-column")
    wide.addElement(TableColumnProperties(columnwidth="4.5cm"))
    doc.automaticstyles.addElement(wide)

    ranges = _list_ranges(lists, w["lists"], ods=True)
    validations = tb.ContentValidations()
    for name, target in ranges.items():
        validations.addElement(tb.ContentValidation(
            name=f"list-{name}", condition=f"of:cell-content-is-in-list([{target}])", allowemptycell="true",
            displaylist="unsorted"))
    doc.spreadsheet.addElement(validations)

    def cell(value: object, style: Any = None, validation: str | None = None) -> Any:
        attrs: dict[str, Any] = {}
        if style is not None:
            attrs["stylename"] = style
        if validation is not None:
            attrs["contentvalidationname"] = validation
        if value is None:
            return tb.TableCell(**attrs)
        if isinstance(value, _dt.date):
            c = tb.TableCell(valuetype="date", datevalue=value.isoformat(), **attrs)
            c.addElement(tx.P(text=value.isoformat()))
            return c
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            shown = str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)
            c = tb.TableCell(valuetype="float", value=shown, **attrs)
            c.addElement(tx.P(text=shown))
            return c
        c = tb.TableCell(valuetype="string", **attrs)
        for line in str(value).split("\n"):
            c.addElement(tx.P(text=line))
        return c

    def plain_table(name: str, rows: list[list[object]], header: list[str] | None = None) -> Any:
        t = tb.Table(name=name)
        t.addElement(tb.TableColumn(numbercolumnsrepeated=max([len(r) for r in rows] + [len(header or [])] + [1]),
                                    stylename=wide))
        if header is not None:
            r = tb.TableRow()
            for h in header:
                r.addElement(cell(h, header_style))
            t.addElement(r)
        for row in rows:
            r = tb.TableRow()
            for value in row:
                r.addElement(cell(value))
            t.addElement(r)
        return t

    doc.spreadsheet.addElement(plain_table(w["instructions"], instructions))
    for (name, header, kinds, rows, example), sheet in zip(prepared, sheets, strict=True):
        t = tb.Table(name=name)
        t.addElement(tb.TableColumn(numbercolumnsrepeated=len(header), stylename=wide))
        r = tb.TableRow()
        for h in header:
            r.addElement(cell(h, header_style))
        t.addElement(r)
        per_column = []
        for column, kind in zip(sheet.columns, kinds, strict=True):
            spec = sheet.column(column)
            validation = f"list-{spec.vocabulary}" if spec is not None and spec.vocabulary in ranges else None
            style = styles["date"] if kind == "date" else styles["text"] if kind in _TEXT_KINDS else None
            per_column.append((style, validation))
        for row in rows:
            r = tb.TableRow()
            for value, (style, validation) in zip(row, per_column, strict=True):
                r.addElement(cell(value, example_style if example else style, validation))
            t.addElement(r)
        empty = tb.TableRow(numberrowsrepeated=max(1, VALIDATED_ROWS - len(rows)))
        for style, validation in per_column:
            empty.addElement(cell(None, style, validation))
        t.addElement(empty)
        doc.spreadsheet.addElement(t)
    longest = max([len(c) for _, c in lists] + [0])
    doc.spreadsheet.addElement(plain_table(
        w["lists"], [[choices[i] if i < len(choices) else None for _, choices in lists] for i in range(longest)],
        header=[name for name, _ in lists]))
    for name, header, rows in extra:
        doc.spreadsheet.addElement(plain_table(name, rows, header=header))
    buffer = io.BytesIO()
    doc.write(buffer)
    return _deterministic_zip(buffer.getvalue())
