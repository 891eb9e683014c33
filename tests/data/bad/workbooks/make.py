"""Regenerate the hostile workbooks of this folder (run from the repository root; fictional data only).

    python tests/data/bad/workbooks/make.py

Each file is a small filled template (``ptce init``) with one defect; ``../bundle-manifest.json`` says
what reading it must report.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
import zipfile
from pathlib import Path

import openpyxl

from ptce_graph.io.template import write_template

HERE = Path(__file__).resolve().parent
ROWS = {
    "pôle": {"A2": "demo", "B2": "Pôle Démo (fictif)"},
    "acteurs": {"A2": "a1", "B2": "Assoc A (fictive)", "C2": "membre", "D2": "entreprise", "A3": "a2",
                "B3": "SARL B (fictive)", "C3": "partenaire", "D3": "entreprise"},
    "liens": {"A2": "a1", "B2": "a2", "C2": "mutualisation", "E2": dt.date(2016, 1, 1)},
    "projets": {"A2": "p1", "B2": "Projet", "C2": "sociale"},
    "financements": {"A2": "État", "B2": "public", "D2": 2015, "E2": 15000},
}


def _filled(folder: Path) -> openpyxl.Workbook:
    path = write_template(folder, format="xlsx")
    book = openpyxl.load_workbook(path)
    for sheet, cells in ROWS.items():
        book[sheet].delete_rows(2)
        for ref, value in cells.items():
            book[sheet][ref] = value
    return book


def _edit_merged(book: openpyxl.Workbook) -> None:
    book["acteurs"].merge_cells("B2:B3")


def _edit_formula(book: openpyxl.Workbook) -> None:
    book["projets"]["B2"] = "=1+1"


def _edit_hidden(book: openpyxl.Workbook) -> None:
    book["liens"].sheet_state = "hidden"


def _edit_date_number(book: openpyxl.Workbook) -> None:
    book["liens"]["E2"] = 42064
    book["liens"]["E2"].number_format = "General"


def _edit_text_number(book: openpyxl.Workbook) -> None:
    book["financements"]["E2"] = "quinze mille"


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for name, edit in (("merged-cells", _edit_merged), ("formula-without-value", _edit_formula),
                           ("hidden-sheet", _edit_hidden), ("date-stored-as-number", _edit_date_number),
                           ("text-in-number-cell", _edit_text_number)):
            book = _filled(Path(tmp) / name)
            edit(book)
            book.save(HERE / f"{name}.xlsx")
        book = _filled(Path(tmp) / "ok")
        book.save(HERE / "filled.xlsx")
        shutil.copy(HERE / "filled.xlsx", HERE / "zip-bomb.xlsx")
    bomb = HERE / "zip-bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (1024 * 1024))
    data = bytearray(bomb.read_bytes())  # declare 4 GB unpacked: refused on the directory alone
    central, local = data.rfind(b"PK\x01\x02"), data.find(b"PK\x03\x04")
    data[central + 24:central + 28] = (4_000_000_000).to_bytes(4, "little")
    data[local + 22:local + 26] = (4_000_000_000).to_bytes(4, "little")
    bomb.write_bytes(bytes(data))
    (HERE / "not-a-zip.xlsx").write_bytes(b"id,name\na1,not a workbook\n")


if __name__ == "__main__":
    main()
