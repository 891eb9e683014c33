"""Tabulate poles as the 2014 paper does: by sector, kind of territory, region and origin.

One row per pole, then counts per dimension with ``unknown`` as a value of its
own, then the figures a source gives about sets of poles (the paper's origins
of the twelve pilot poles), which are never spread over the poles.
"""

from __future__ import annotations

import argparse
import json

from ptce_graph import terminal
from ptce_graph.cli._common import add_inputs, add_output, emit, load_inputs
from ptce_graph.typology import typology

NAME = "typology"
HELP = "tabulate poles by sector, kind of territory, region and origin (the paper's typology)"


def configure(parser: argparse.ArgumentParser) -> None:
    add_inputs(parser)
    parser.add_argument("-f", "--format", choices=("text", "json", "csv"), default="text",
                        help="output format: text table, JSON, or CSV with one row per pole (default: text)")
    parser.add_argument("--lang", choices=("fr", "en"), default="fr", help="language of the text output")
    add_output(parser)


def run(args: argparse.Namespace) -> int:
    result = typology(load_inputs(args), lang=args.lang)
    if args.format == "json":
        emit(json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n", args.output, kind="json")
    elif args.format == "csv":
        emit(result.to_csv(), args.output, kind="data")
    else:
        emit(result.render(args.lang, width=terminal.width(args.output)), args.output)
    return 0
