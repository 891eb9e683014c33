"""Start a pole: write a template to fill in, as a workbook (.xlsx, .ods) or a folder of CSV files.

The workbook has a sheet per table (pôle, acteurs, liens, projets,
financements, lieux, réunions, auto-évaluation, outils), a first sheet of
instructions (each column, its values, the words of the law a clause reads),
headers in the chosen language, drop-down lists for every closed vocabulary,
date and number formats, and one example row per table (its first cell starts
with « # »: the reader skips it).  With --format csv, the same as a folder of
CSV files that French Excel opens with a double-click (--lang fr) or in the
contract's form (--lang en).  Everything comes from the bundle contract and the
ontology.  DIR is created; an existing folder that is not empty is refused.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ptce_graph.errors import InputError
from ptce_graph.io.template import write_template

NAME = "init"
HELP = "write a template to fill in (a workbook .xlsx/.ods or CSV files) in a new folder"

#: Outputs that are folders (see cli._common.check_outputs).
OUTPUT_KINDS = {"dir": "folder"}


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("dir", metavar="DIR", help="folder to create (or an empty one)")
    parser.add_argument("--format", choices=("xlsx", "ods", "csv"), default="xlsx",
                        help="a workbook for Excel (xlsx, default) or LibreOffice (ods), or CSV files")
    parser.add_argument("--lang", choices=("fr", "en"), default="fr",
                        help="language of headers, lists and instructions (default fr)")


def run(args: argparse.Namespace) -> int:
    folder = Path(args.dir)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise InputError("exists and is not an empty folder" if folder.is_dir() else "exists and is not a folder",
                         problem_fr="existe déjà et n'est pas un dossier vide" if folder.is_dir()
                         else "existe déjà et n'est pas un dossier", source=str(folder),
                         expected="a new folder name", expected_fr="le nom d'un nouveau dossier")
    written = write_template(folder, format=args.format, lang=args.lang)
    if args.lang == "fr":
        print(f"Modèle écrit : {written}\nRemplissez-le, puis vérifiez-le : ptce validate {written}",
              file=sys.stderr)
    else:
        print(f"Template written: {written}\nFill it in, then check it: ptce validate {written}", file=sys.stderr)
    return 0
