"""The template of ``ptce init``: the bundle contract, empty but for one example row per table.

A workbook (:mod:`ptce_graph.io.workbook_writer`) or a folder of CSV files —
French Excel's dialect with French headers, or the contract's form in
English — with an instructions file beside them.  Generated from
:mod:`ptce_graph.io.contract` and the ontology, never kept by hand.
"""

from __future__ import annotations

import os
from pathlib import Path

from ptce_graph.errors import OutputError
from ptce_graph.io.csv_writer import EXCEL_FR, PLAIN, csv_bytes
from ptce_graph.io.workbook_writer import instructions, template_sheets, write_workbook

__all__ = ["write_template", "TEMPLATE_NAMES"]

#: The file (workbook) or folder (CSV) name the template takes inside DIR.
TEMPLATE_NAMES = {"xlsx": "pole.xlsx", "ods": "pole.ods", "csv": "."}


def write_template(folder: str | os.PathLike[str], *, format: str = "xlsx", lang: str = "fr") -> Path:
    """Create ``folder`` with the template in it; return the path to give ``ptce validate``."""
    folder = Path(folder)
    try:
        folder.mkdir(parents=False, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{folder}: cannot create the folder ({exc.strerror or exc})") from None
    sheets = template_sheets(lang)
    if format in ("xlsx", "ods"):
        target = folder / TEMPLATE_NAMES[format]
        write_workbook(target, sheets, lang=lang)
        return target
    dialect = EXCEL_FR if lang == "fr" else PLAIN
    for sheet in sheets:
        header, rows = sheet.localised(lang)
        (folder / sheet.table.file).write_bytes(csv_bytes(header, rows, dialect))
    guide = instructions(lang)
    width = max(len(r) for r in guide)
    name = "mode-d-emploi.csv" if lang == "fr" else "instructions.csv"
    header = [str(v) for v in guide[0]] + [""] * (width - 1)
    (folder / name).write_bytes(csv_bytes(header, [r + [""] * (width - len(r)) for r in guide[1:]], dialect))
    return folder
