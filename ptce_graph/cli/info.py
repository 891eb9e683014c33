"""Show what the inputs hold: poles, actors by kind and ESS status, links by logic, projects."""

from __future__ import annotations

import argparse
import json

from ptce_graph import terminal
from ptce_graph.cli._common import add_inputs, add_output, emit, load_inputs
from ptce_graph.info import summarize

NAME = "info"
HELP = "show what the inputs hold (poles, actors, links, projects)"


def configure(parser: argparse.ArgumentParser) -> None:
    add_inputs(parser)
    parser.add_argument("-f", "--format", choices=("text", "json"), default="text", help="output format")
    parser.add_argument("--lang", choices=("fr", "en"), default="fr", help="language of the text output")
    add_output(parser)


def run(args: argparse.Namespace) -> int:
    summary = summarize(load_inputs(args))
    if args.format == "json":
        emit(json.dumps(summary.to_dict(), ensure_ascii=False, indent=2) + "\n", args.output, kind="json")
    else:
        emit(summary.render(args.lang, width=terminal.width(args.output)), args.output)
    return 0
