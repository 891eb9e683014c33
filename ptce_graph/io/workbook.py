"""Reading a workbook (.xlsx, .ods) as a spreadsheet bundle: one sheet per table.

A coordinator fills the template of ``ptce init`` in Excel or LibreOffice and
gives the file itself; each sheet named after a table (``acteurs`` or
``actors``...) is read as that table's CSV would be.

Safety first, because a workbook is a zip archive of XML files:

* **sizes are checked before anything is decompressed**: the file's size, the
  number of entries and the uncompressed sizes the zip directory declares; then
  each entry is decompressed once, in chunks, and a bomb whose real size exceeds
  its declaration fails its checksum (Python's zip reader stops at the declared
  size) — so a renamed zip bomb costs a few milliseconds;
* the XML is scanned with defusedxml (no DTD, no entities) for **formulas**:
  they are never evaluated; a formula's saved value is read, and a formula
  without one (a file written by a script and never opened) is an error;
* external links and macros are never read (their parts are not opened);
* **hidden sheets** of a table and **merged cells** are errors: what is
  validated must be what the coordinator sees;
* rows and columns are capped (:data:`~ptce_graph.io.tables.MAX_ROWS`,
  :data:`~ptce_graph.io.tables.MAX_COLUMNS`).

Cells are read with python-calamine (Rust, fast): dates become ISO text, whole
numbers lose their ``.0``; every problem is located by sheet, row and column
letter as Excel shows them.
"""

from __future__ import annotations

import datetime as _dt
import posixpath
import re
import zipfile
from pathlib import Path
from typing import Any

from ptce_graph.errors import Location
from ptce_graph.io.contract import READ_TABLES, TABLES, table_of_sheet
from ptce_graph.io.formats import WORKBOOK_EXTENSIONS
from ptce_graph.io.tables import MAX_COLUMNS, MAX_ROWS, Problems, RawTable, column_letter, match_header, warn

__all__ = ["is_workbook", "read_workbook_tables", "MAX_WORKBOOK_BYTES",
           "MAX_UNCOMPRESSED_BYTES"]

MAX_WORKBOOK_BYTES = 32 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 256 * 1024 * 1024
MAX_ENTRIES = 10_000
_CHUNK = 1 << 20

_NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_NS_PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_NS_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_NS_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_CELL_REF = re.compile(r"^([A-Z]{1,3})([0-9]{1,7})$")
_XLSX_FORMULA = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s>/]")


def is_workbook(path: Path) -> bool:
    """True when ``path``'s extension says it is a workbook (.xlsx, .xlsm, .ods)."""
    return path.suffix.lower() in WORKBOOK_EXTENSIONS


def _fix(en: str, fr: str) -> tuple[str, str]:
    return en, fr


def _check_zip(path: Path, problems: Problems) -> zipfile.ZipFile | None:
    source = str(path)
    size = path.stat().st_size
    if size > MAX_WORKBOOK_BYTES:
        problems.error(f"the workbook is {size} bytes", f"le classeur fait {size} octets", source=source,
                       expected=_fix(f"at most {MAX_WORKBOOK_BYTES} bytes", f"au plus {MAX_WORKBOOK_BYTES} octets"))
        return None
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        problems.error("the file is not a workbook (not a zip archive)",
                       "le fichier n'est pas un classeur (ce n'est pas une archive zip)", source=source,
                       expected=_fix("an .xlsx or .ods file saved by Excel or LibreOffice",
                                     "un fichier .xlsx ou .ods enregistré par Excel ou LibreOffice"))
        return None
    entries = archive.infolist()
    declared = sum(info.file_size for info in entries)
    if len(entries) > MAX_ENTRIES or declared > MAX_UNCOMPRESSED_BYTES:
        archive.close()
        problems.error(f"the workbook unpacks to {declared} bytes in {len(entries)} parts",
                       f"le classeur se décompresse en {declared} octets et {len(entries)} parties", source=source,
                       expected=_fix(f"at most {MAX_UNCOMPRESSED_BYTES} bytes and {MAX_ENTRIES} parts",
                                     f"au plus {MAX_UNCOMPRESSED_BYTES} octets et {MAX_ENTRIES} parties"))
        return None
    try:
        for info in entries:  # decompress once, in chunks: a lying directory fails its checksum
            if _skipped(info.filename):
                continue
            with archive.open(info) as handle:
                while handle.read(_CHUNK):
                    pass
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError):
        archive.close()
        problems.error("the workbook is damaged or encrypted (a part does not unpack as its directory says)",
                       "le classeur est abîmé ou chiffré (une partie ne se décompresse pas comme l'annonce son "
                       "répertoire)", source=source,
                       expected=_fix("the file as Excel or LibreOffice saved it, without a password",
                                     "le fichier tel qu'Excel ou LibreOffice l'a enregistré, sans mot de passe"))
        return None
    return archive


def _skipped(name: str) -> bool:
    """Parts never read: macros, external links, embedded objects, media."""
    lowered = name.lower()
    return (lowered.endswith(".bin") or "externallink" in lowered or "/embeddings/" in lowered
            or "/media/" in lowered or lowered.startswith(("basic/", "object")))


def _iterparse(archive: zipfile.ZipFile, name: str) -> Any:
    import defusedxml.ElementTree as safe_et  # no DTD, no entity expansion (heavy: loaded for workbooks only)

    return safe_et.iterparse(archive.open(name), events=("start", "end"), forbid_dtd=True)


def _xlsx_sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> part name of its XML (workbook.xml and its relationships)."""
    import defusedxml.ElementTree as safe_et

    names = set(archive.namelist())
    if "xl/workbook.xml" not in names or "xl/_rels/workbook.xml.rels" not in names:
        return {}
    rels = {r.get("Id"): r.get("Target", "") for r in safe_et.fromstring(
        archive.read("xl/_rels/workbook.xml.rels"), forbid_dtd=True).iter(f"{_NS_PKG}Relationship")}
    out = {}
    for sheet in safe_et.fromstring(archive.read("xl/workbook.xml"), forbid_dtd=True).iter(f"{_NS_MAIN}sheet"):
        target = rels.get(sheet.get(f"{_NS_REL}id"), "")
        part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
        if part in names:
            out[sheet.get("name", "")] = part
    return out


def _xlsx_formulas(archive: zipfile.ZipFile, part: str) -> tuple[int, list[str]]:
    """How many cells of a sheet hold a formula, and the references of those without a saved value."""
    count, empty = 0, list[str]()
    if not _XLSX_FORMULA.search(archive.read(part)):  # the usual case: no formula, no XML parse in Python
        return count, empty
    ref, has_formula, has_value = "", False, False
    for event, element in _iterparse(archive, part):
        tag = element.tag
        if event == "start":
            if tag == f"{_NS_MAIN}c":
                ref, has_formula, has_value = element.get("r", ""), False, element.get("t") == "inlineStr"
            continue
        if tag == f"{_NS_MAIN}f":
            has_formula = True
        elif tag == f"{_NS_MAIN}v":
            has_value = bool(element.text)
        elif tag == f"{_NS_MAIN}c":
            if has_formula:
                count += 1
                if not has_value:
                    empty.append(ref)
            element.clear()
    return count, empty


def _ods_formulas(archive: zipfile.ZipFile) -> dict[str, tuple[int, list[str]]]:
    """Per sheet: how many cells hold a formula, and the references of those without a saved value."""
    out: dict[str, tuple[int, list[str]]] = {}
    if "content.xml" not in archive.namelist() or b"formula=" not in archive.read("content.xml"):
        return out
    sheet, row, col, count = "", 0, 0, 0
    empty: list[str] = []
    for event, element in _iterparse(archive, "content.xml"):
        tag = element.tag
        if tag == f"{_NS_TABLE}table":
            if event == "start":
                sheet, row, count, empty = element.get(f"{_NS_TABLE}name", ""), 0, 0, []
            else:
                out[sheet] = (count, empty)
                element.clear()
        elif tag == f"{_NS_TABLE}table-row" and event == "start":
            col = 0
        elif tag == f"{_NS_TABLE}table-row" and event == "end":
            row += int(element.get(f"{_NS_TABLE}number-rows-repeated", "1"))
            element.clear()
        elif tag in (f"{_NS_TABLE}table-cell", f"{_NS_TABLE}covered-table-cell") and event == "end":
            repeat = int(element.get(f"{_NS_TABLE}number-columns-repeated", "1"))
            if element.get(f"{_NS_TABLE}formula") is not None:
                count += 1
                if element.get(f"{_NS_OFFICE}value-type") is None:
                    empty.append(f"{column_letter(col)}{row + 1}")
            col += repeat
    return out


def _text(value: Any) -> str:
    """A cell as the bundle reader reads it: dates in ISO, whole numbers without ``.0``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, _dt.datetime):
        return value.date().isoformat() if value.time() == _dt.time() else value.isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, _dt.timedelta):
        return str(value)
    return str(value)


def read_workbook_tables(path: Path, problems: Problems) -> dict[str, RawTable | None]:
    """Every table of a workbook, by bundle file name (None for the sheets it lacks or could not read)."""
    import python_calamine as calamine  # Rust reader of xlsx and ods (heavy: loaded for workbooks only)

    tables: dict[str, RawTable | None] = {t.file: None for t in READ_TABLES}
    source = str(path)
    archive = _check_zip(path, problems)
    if archive is None:
        return tables
    with archive:
        try:
            formulas = (_ods_formulas(archive) if path.suffix.lower() == ".ods" else
                        {name: _xlsx_formulas(archive, part) for name, part in _xlsx_sheet_parts(archive).items()})
            book = calamine.CalamineWorkbook.from_path(str(path))
        except Exception:  # noqa: BLE001 - any parser failure of a hostile file is bad input, never a crash
            problems.error("the workbook cannot be read (damaged, encrypted or not a spreadsheet)",
                           "le classeur ne peut pas être lu (abîmé, chiffré ou pas un tableur)", source=source,
                           expected=_fix("an .xlsx or .ods file saved by Excel or LibreOffice",
                                         "un fichier .xlsx ou .ods enregistré par Excel ou LibreOffice"))
            return tables
    try:
        for meta in book.sheets_metadata:
            t = table_of_sheet(meta.name)
            if t is None:
                continue  # instructions, lists, the user's own sheets
            if tables[t.file] is not None:
                problems.error(f"two sheets hold the table {t.en}", f"deux feuilles portent la table {t.fr}",
                               source=source, sheet=meta.name,
                               expected=_fix(f"one sheet named {t.fr} or {t.en}",
                                             f"une seule feuille nommée {t.fr} ou {t.en}"))
                continue
            if str(meta.visible).rsplit(".", 1)[-1].lower() != "visible":
                problems.error("the sheet is hidden: what is checked must be what you see",
                               "la feuille est masquée : ce qui est vérifié doit être ce que vous voyez",
                               source=source, sheet=meta.name,
                               expected=_fix("show the sheet (right-click on the tabs, Unhide) or delete it",
                                             "affichez la feuille (clic droit sur les onglets, Afficher) ou "
                                             "supprimez-la"))
                continue
            try:
                tables[t.file] = _sheet(book.get_sheet_by_name(meta.name), t, source, meta.name,
                                        formulas.get(meta.name, (0, [])), problems)
            except Exception:  # noqa: BLE001 - a hostile sheet is bad input, never a crash
                problems.error("the sheet cannot be read", "la feuille ne peut pas être lue", source=source,
                               sheet=meta.name, expected=_fix("a sheet saved by Excel or LibreOffice",
                                                              "une feuille enregistrée par Excel ou LibreOffice"))
    finally:
        book.close()
    for t in TABLES:
        if t.required and tables[t.file] is None and not any(
                e.location.sheet is not None and table_of_sheet(e.location.sheet) is t for e in problems.errors):
            problems.error(f"the workbook has no sheet {t.fr} ({t.en})",
                           f"le classeur n'a pas de feuille « {t.fr} »", source=source,
                           expected=_fix(f"a sheet named {t.en} or {t.fr} with a header row",
                                         f"une feuille nommée « {t.fr} » avec une ligne d'en-tête"))
    return tables


def _sheet(sheet: Any, t: Any, source: str, name: str, formulas: tuple[int, list[str]],
           problems: Problems) -> RawTable | None:
    count, empty = formulas
    if sheet.total_height > MAX_ROWS + 1 or sheet.total_width > MAX_COLUMNS:
        problems.error(f"the sheet has {sheet.total_height} rows and {sheet.total_width} columns",
                       f"la feuille a {sheet.total_height} lignes et {sheet.total_width} colonnes",
                       source=source, sheet=name,
                       expected=_fix(f"at most {MAX_ROWS} rows and {MAX_COLUMNS} columns",
                                     f"au plus {MAX_ROWS} lignes et {MAX_COLUMNS} colonnes"))
        return None
    for ref in empty:
        match = _CELL_REF.match(ref)
        problems.error("the cell holds a formula without a saved value (formulas are never computed here)",
                       "la cellule contient une formule sans valeur enregistrée (les formules ne sont jamais "
                       "calculées ici)", source=source, sheet=name,
                       line=int(match.group(2)) if match else None, letter=match.group(1) if match else None,
                       expected=_fix("the value itself, or open and save the file in Excel or LibreOffice",
                                     "la valeur elle-même, ou ouvrez et enregistrez le fichier dans Excel ou "
                                     "LibreOffice"))
    rows = sheet.to_python(skip_empty_area=False)
    if not rows:
        problems.error("the sheet is empty", "la feuille est vide", source=source, sheet=name, line=1,
                       expected=_fix("a header row naming the columns", "une ligne d'en-tête qui nomme les colonnes"))
        return None
    raw = RawTable(t, source, name, [_text(v) for v in rows[0]], [])
    match_header(raw, problems)
    for merged in sheet.merged_cell_ranges or ():
        (r0, c0), (r1, c1) = merged
        problems.error(f"cells {column_letter(c0)}{r0 + 1}:{column_letter(c1)}{r1 + 1} are merged",
                       f"les cellules {column_letter(c0)}{r0 + 1}:{column_letter(c1)}{r1 + 1} sont fusionnées",
                       source=source, sheet=name, line=r0 + 1, letter=column_letter(c0),
                       expected=_fix("one value per cell: unmerge them (Format, Merge cells)",
                                     "une valeur par cellule : annulez la fusion (Fusionner et centrer)"))
        raw.usable = False
    if count > len(empty):
        warn(Location(source, sheet=name), f"{count - len(empty)} cells hold formulas: their saved values are read, "
             "never computed", f"{count - len(empty)} cellules contiennent des formules : leurs valeurs "
             "enregistrées sont lues, jamais calculées")
    for index, cells in enumerate(rows[1:], start=2):
        texts = [_text(v) for v in cells]
        if any(texts):
            raw.rows.append((index, texts))
    return raw
