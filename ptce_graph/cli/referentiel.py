"""Show each pole's self-assessment against the Labo de l'ESS référentiel, and its gaps.

For each of the nine main objectives: assessed or not, the practice, the
evidence, and the list of objectives that have no evidence — the gap between
the concept and practice that part III of the 2014 paper discusses.  Exit 0,
or 1 with --fail-on-gap when some pole has a main objective without evidence.
"""

from __future__ import annotations

import argparse
import json

from ptce_graph import terminal
from ptce_graph.cli._common import add_inputs, add_output, emit, load_inputs
from ptce_graph.errors import InputError
from ptce_graph.referentiel import referentiel_gap

NAME = "referentiel"
HELP = "show the référentiel self-assessment of each pole and the objectives without evidence"


def configure(parser: argparse.ArgumentParser) -> None:
    add_inputs(parser)
    parser.add_argument("-f", "--format", choices=("text", "json", "csv"), default="text",
                        help="output format: text, JSON, or CSV with one row per pole and objective "
                             "(default: text)")
    parser.add_argument("--lang", choices=("fr", "en"), default="fr", help="language of the text output")
    parser.add_argument("--pole", metavar="IRI_OR_ID", default=None,
                        help="only this pole (its IRI or its id)")
    parser.add_argument("--fail-on-gap", action="store_true",
                        help="exit 1 when some pole has a main objective without evidence")
    add_output(parser)


def run(args: argparse.Namespace) -> int:
    result = referentiel_gap(load_inputs(args), pole=args.pole)
    if args.pole is not None and not result.poles:
        raise InputError(f"no pole {args.pole!r} in the inputs", source=", ".join(args.inputs),
                         expected="the IRI or the id of a pole of the inputs")
    if args.format == "json":
        emit(json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n", args.output, kind="json")
    elif args.format == "csv":
        emit(result.to_csv(), args.output, kind="data")
    else:
        emit(result.render(args.lang, width=terminal.width(args.output)), args.output)
    return 1 if args.fail_on_gap and result.has_gap else 0
