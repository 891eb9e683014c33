"""The template of ``ptce init``: the bundle contract, empty but for one example row per table.

A workbook (:mod:`ptce_graph.io.workbook_writer`) or a folder of CSV files —
French Excel's dialect with French headers, or the contract's form in
English — with an instructions file beside them.  Generated from
:mod:`ptce_graph.io.contract` and the ontology, never kept by hand.
"""

from __future__ import annotations

import os
from pathlib import Path

from ptce_graph.io.atomic import atomic_directory
from ptce_graph.io.csv_writer import EXCEL_FR, PLAIN, csv_bytes
from ptce_graph.io.workbook_writer import instructions, template_sheets, write_workbook

__all__ = ["write_template", "TEMPLATE_NAMES"]

#: The file (workbook) or folder (CSV) name the template takes inside DIR.
TEMPLATE_NAMES = {"xlsx": "pole.xlsx", "ods": "pole.ods", "csv": "."}


def write_template(folder: str | os.PathLike[str], *, format: str = "xlsx", lang: str = "fr") -> Path:
    """Create ``folder`` with the template in it; return the path to give ``ptce validate``.

    The folder must be new or empty (a template already there may hold what a
    coordinator typed): it is written beside it and swapped in whole
    (:func:`ptce_graph.io.atomic.atomic_directory`), so nothing is ever left half-written.
    """
    folder = Path(folder)
    sheets = template_sheets(lang)
    with atomic_directory(folder, consequence="the template's files would be written among yours") as work:
        if format in ("xlsx", "ods"):
            write_workbook(work / TEMPLATE_NAMES[format], sheets, lang=lang)
            return folder / TEMPLATE_NAMES[format]  # the block ends: the folder is swapped in
        dialect = EXCEL_FR if lang == "fr" else PLAIN
        for sheet in sheets:
            header, rows = sheet.localised(lang)
            (work / sheet.table.file).write_bytes(csv_bytes(header, rows, dialect))
        guide = instructions(lang)
        width = max(len(r) for r in guide)
        name = "mode-d-emploi.csv" if lang == "fr" else "instructions.csv"
        header = [str(v) for v in guide[0]] + [""] * (width - 1)
        (work / name).write_bytes(csv_bytes(header, [r + [""] * (width - len(r)) for r in guide[1:]], dialect))
    return folder
