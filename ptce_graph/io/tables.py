"""The rows of a bundle's tables, from CSV files or workbook sheets, and the problems found.

A bundle is read in two steps: each table (a CSV file of a folder, a sheet of a
workbook) becomes a :class:`RawTable` — its header matched to the contract
(:mod:`ptce_graph.io.contract`), its rows as text cells with their location —
then :mod:`ptce_graph.io.bundle` turns the rows into a pole.  Both steps record
every problem in one :class:`Problems` instead of stopping at the first, so a
coordinator sees all the typos of a file in one run, sorted by file, sheet and
row, each with its fix, in French or English.
"""

from __future__ import annotations

import csv
import io
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ptce_graph.errors import BundleError, BundleErrors, DataWarning, InputError, Location
from ptce_graph.io.contract import Table

__all__ = ["RawTable", "Problems", "read_csv_table", "match_header", "unprotect", "inside_folder", "MAX_CSV_BYTES",
           "MAX_ROWS", "MAX_COLUMNS", "size_problem"]

MAX_CSV_BYTES = 64 * 1024 * 1024
#: Caps on a table, whatever its form (a sheet may claim a million rows).
MAX_ROWS = 200_000
MAX_COLUMNS = 500


def size_problem(columns: int, rows: int) -> str | None:
    """What makes a table too large to read (None when it is not): the caps, checked by the writers
    too, so that every bundle or workbook ptce_graph writes reads back."""
    if columns > MAX_COLUMNS:
        return f"a table of {columns} columns (at most {MAX_COLUMNS} are read)"
    if rows > MAX_ROWS:
        return f"a table of {rows} rows (at most {MAX_ROWS} are read)"
    return None

_EXCEL_UTF8 = ("CSV saved as UTF-8 (in Excel: « CSV UTF-8 (délimité par des virgules) »)",
               "un CSV enregistré en UTF-8 (dans Excel : « CSV UTF-8 (délimité par des virgules) »)")


@dataclass
class RawTable:
    """One table as read: header cells matched to the contract, rows of text cells.

    ``columns[i]`` is the contract name of the i-th header cell, or the header
    itself (lowercased) for an annotation column, or None for an empty header.
    ``letters[i]`` is the column letter in a workbook.  A table whose header is
    unusable has ``usable`` False: its rows are not read (the header's problems
    are reported instead).
    """

    table: Table
    source: str
    sheet: str | None
    header: list[str]
    columns: list[str | None]
    rows: list[tuple[int, list[str]]] = field(default_factory=list)
    usable: bool = True

    def letter(self, index: int) -> str | None:
        return column_letter(index) if self.sheet is not None else None


def column_letter(index: int) -> str:
    """The column letter a spreadsheet shows for the 0-based ``index`` (0 -> A, 26 -> AA)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


class Problems:
    """Every error of an input, collected in one pass; warnings go out as they come."""

    def __init__(self) -> None:
        self.errors: list[InputError] = []

    def error(self, en: str, fr: str, *, source: str, expected: tuple[str, str] | None = None,
              line: int | None = None, field: str | None = None, sheet: str | None = None,
              letter: str | None = None, label: str | None = None) -> None:
        self.errors.append(BundleError(en, problem_fr=fr, source=source, line=line, field=field, sheet=sheet,
                                       letter=letter, label=label, expected=expected[0] if expected else None,
                                       expected_fr=expected[1] if expected else None))

    def add(self, error: InputError) -> None:
        self.errors.append(error)

    def raise_if_any(self) -> None:
        if len(self.errors) == 1:
            raise self.errors[0]
        if self.errors:
            raise BundleErrors(self.errors)


def warn(location: Location, en: str, fr: str) -> None:
    """A located data warning, in both languages."""
    warnings.warn(DataWarning(f"{location.render('en')}: {en}", fr=f"{location.render('fr')} : {fr}"),
                  stacklevel=3)


def unprotect(value: str) -> str:
    """A cell without the leading apostrophe that forces text (ptce_graph writes one before formulas)."""
    return value[1:] if value.startswith("'") else value


def match_header(raw: RawTable, problems: Problems) -> None:
    """Match the header cells to the contract's columns; report duplicates, blanks and missing columns."""
    t = raw.table
    seen: dict[str, int] = {}
    raw.columns = []
    for i, cell in enumerate(raw.header):
        text = unprotect(cell.strip().lstrip("\ufeff").strip())
        where: dict[str, Any] = {"source": raw.source, "line": 1, "sheet": raw.sheet, "letter": raw.letter(i)}
        if not text:
            raw.columns.append(None)
            continue
        name = t.match(text) or text.lower()
        if name in seen:
            problems.error(f"column {name!r} appears twice (columns {seen[name] + 1} and {i + 1})",
                           f"la colonne « {name} » apparaît deux fois (colonnes {seen[name] + 1} et {i + 1})",
                           expected=("each column once", "chaque colonne une seule fois"), field=name, **where)
            raw.usable = False
        seen.setdefault(name, i)
        raw.columns.append(name)
    missing = [c for c in t.contract_columns + t.keys if c not in seen]
    if missing:
        found = ", ".join(h for h in raw.header if h.strip()) or "none"
        names_en = ", ".join(repr(m) for m in missing)
        names_fr = ", ".join(f"« {m} » ({t.column(m).fr})" for m in missing)
        plural = "s" if len(missing) > 1 else ""
        problems.error(
            f"missing column{plural} {names_en} (found: {found})",
            f"colonne{plural} manquante{plural} : {names_fr} (trouvé : {found})",
            expected=("the columns " + ", ".join(t.contract_columns or t.keys),
                      "les colonnes " + ", ".join(t.column(c).fr for c in t.contract_columns or t.keys)
                      + " (en français ou en anglais)"),
            source=raw.source, line=1, sheet=raw.sheet,
        )
        raw.usable = False


def _decode(data: bytes, name: str, problems: Problems) -> str | None:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        problems.error("the file is UTF-16", "le fichier est en UTF-16", source=name, line=1, expected=_EXCEL_UTF8)
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        problems.error(f"byte 0x{data[exc.start]:02x} is neither UTF-8 nor Windows-1252",
                       f"l'octet 0x{data[exc.start]:02x} n'est ni de l'UTF-8 ni du Windows-1252",
                       source=name, line=line, expected=(
                           _EXCEL_UTF8[0] + "; in LibreOffice: Enregistrer sous, CSV, jeu de caractères Unicode "
                           "(UTF-8)", _EXCEL_UTF8[1] + " ; dans LibreOffice : Enregistrer sous, CSV, jeu de "
                           "caractères Unicode (UTF-8)"))
        return None
    warnings.warn(DataWarning(
        f"{name}: read as Windows-1252 (not UTF-8); save the file as « CSV UTF-8 » to be sure accents are read right",
        fr=f"{name} : lu en Windows-1252 (pas en UTF-8) ; enregistrez le fichier en « CSV UTF-8 » pour que les "
        "accents soient bien lus"), stacklevel=3)
    return text


def _separator(header: str) -> str:
    counts = {sep: 0 for sep in (",", ";", "\t")}
    quoted = False
    for ch in header:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in counts:
            counts[ch] += 1
    best = max(counts, key=lambda s: (counts[s], s == ","))
    return best if counts[best] else ","


def inside_folder(folder: Path, path: Path) -> bool:
    """False for a file of ``folder`` (a bundle, a corpus of cases) that is a symbolic link leading out of it:
    such inputs read only their own files, so that no message quotes a file the user did not name."""
    if not path.is_symlink():
        return True
    try:
        return path.resolve(strict=False).is_relative_to(folder.resolve(strict=True))
    except (OSError, RuntimeError):  # a loop of links
        return False


def read_csv_table(folder: Path, table: Table, problems: Problems) -> RawTable | None:
    """The table ``table.file`` of a bundle folder, or None when it is absent or unreadable.

    A file that is a symbolic link leading out of the folder is refused without
    being read: a bundle reads only its own files, and messages never quote
    another file's content.
    """
    path = folder / table.file
    source = str(path)
    if not inside_folder(folder, path):
        problems.error("the file is a symbolic link leading out of the bundle's folder; it was not read",
                       "le fichier est un lien symbolique qui sort du dossier du bundle ; il n'a pas été lu",
                       source=source, expected=("the file itself inside the bundle folder (copy it there)",
                                                "le fichier lui-même dans le dossier (copiez-le)"))
        return None
    if not path.is_file():
        if table.required:
            problems.error(f"the bundle has no {table.file}", f"le bundle n'a pas de fichier {table.file}",
                           source=str(folder), expected=(f"{table.file} with a header row (it may have no data rows)",
                                                         f"{table.file} avec une ligne d'en-tête (même sans données)"))
        return None
    size = path.stat().st_size
    if size > MAX_CSV_BYTES:
        problems.error(f"the file is {size} bytes", f"le fichier fait {size} octets", source=source,
                       expected=(f"at most {MAX_CSV_BYTES} bytes", f"au plus {MAX_CSV_BYTES} octets"))
        return None
    text = _decode(path.read_bytes(), source, problems)
    if text is None:
        return None
    if "\x00" in text:
        problems.error("the file contains NUL bytes (is it a spreadsheet saved as .xlsx?)",
                       "le fichier contient des octets NUL (est-ce un classeur .xlsx renommé ?)",
                       source=source, line=text.count("\n", 0, text.index("\x00")) + 1,
                       expected=("a CSV text file, or give the workbook itself (.xlsx, .ods)",
                                 "un fichier texte CSV, ou donnez le classeur lui-même (.xlsx, .ods)"))
        return None
    first_line = text.split("\n", 1)[0]
    if not first_line.strip():
        names = ", ".join(c.name for c in table.columns)
        problems.error("the file has no header row", "le fichier n'a pas de ligne d'en-tête", source=source, line=1,
                       expected=("a header row naming the columns: " + names,
                                 "une ligne d'en-tête qui nomme les colonnes : " + names))
        return None
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_separator(first_line), strict=True)
    number = 1
    try:
        header = next(reader)
        if len(header) > MAX_COLUMNS:  # before any row is kept: a wide header costs nothing more
            problems.error(f"the header names {len(header)} columns", f"l'en-tête nomme {len(header)} colonnes",
                           source=source, line=1, expected=(f"at most {MAX_COLUMNS} columns",
                                                            f"au plus {MAX_COLUMNS} colonnes"))
            return None
        raw = RawTable(table, source, None, header, [])
        match_header(raw, problems)
        width = len(header)
        for cells in reader:
            number += 1
            if len(raw.rows) >= MAX_ROWS:
                problems.error(f"more than {MAX_ROWS} rows", f"plus de {MAX_ROWS} lignes", source=source,
                               line=number, expected=(f"at most {MAX_ROWS} rows", f"au plus {MAX_ROWS} lignes"))
                break
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) > width and any(cell.strip() for cell in cells[width:]):
                problems.error(f"the row has {len(cells)} cells but the header names {width} columns",
                               f"la ligne a {len(cells)} cellules mais l'en-tête nomme {width} colonnes",
                               source=source, line=number,
                               expected=("one cell per column (quote cells that contain the separator)",
                                         "une cellule par colonne (mettez entre guillemets les cellules qui "
                                         "contiennent le séparateur)"))
                continue
            raw.rows.append((number, cells))
    except csv.Error as exc:
        problems.error(f"CSV syntax error: {exc}", f"erreur de syntaxe CSV : {exc}", source=source, line=number + 1,
                       expected=("valid CSV (check the quotes)", "du CSV valide (vérifiez les guillemets)"))
        return None
    return raw
