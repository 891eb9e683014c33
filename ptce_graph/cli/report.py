"""Write an HTML report: a page per pole and a registry page, with network figures and measures.

For every pole of the inputs, DIR/<pole>.html shows its identity (territory,
legal form, strategy, funding, sources cited), the legal checklist under each
definition (met / not met / unknown, and what to fill in), its actors with
their ESS status and why, the cooperation network, the measures with a
one-line meaning each, the density over time and the référentiel gap.
DIR/index.html lists the poles, sortable, with their verdicts, main measures
and a thumbnail of their network.  Figures (PNG and SVG) go to DIR/figures/.
The report works offline and needs nothing but a browser.

DIR is replaced as a whole, atomically: it must be new, empty, or a previous
report.  Exit 0 when the report is written (whatever the verdicts), 2 on bad
input or an output problem.
"""

from __future__ import annotations

import argparse

from ptce_graph.cli._common import add_inputs, emit, load_inputs
from ptce_graph.legal.pipeline import parse_as_of
from ptce_graph.report import write_report

NAME = "report"
HELP = "write an HTML report: a page per pole (checklist, actors, network, measures) and a registry page"
#: Outputs that are folders (see cli._common.check_outputs).
OUTPUT_KINDS = {"output": "folder"}

_DEFINITIONS = ("labo-2010", "senate-2013", "law-2014", "decree-2015", "all")


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 (one per processor) or more")
    return value


def configure(parser: argparse.ArgumentParser) -> None:
    add_inputs(parser)
    parser.add_argument("-o", "--output", metavar="DIR", required=True,
                        help="folder of the report (new, empty, or a previous report: it is replaced)")
    parser.add_argument("--lang", choices=("fr", "en"), default="fr",
                        help="language of the report (default fr)")
    parser.add_argument("--as-of", metavar="DATE", default=None,
                        help="evaluation date YYYY-MM-DD of the legal checklist (default: today)")
    parser.add_argument("--definition", "-d", choices=_DEFINITIONS, action="append", metavar="ID",
                        help="a definition to check: labo-2010, senate-2013, law-2014, decree-2015, or all "
                             "(default); repeat the option for several")
    parser.add_argument("--engine", choices=("oxigraph", "rdflib"), default=None,
                        help="store pyshacl runs on (default: the fastest available)")
    parser.add_argument("--jobs", "-j", metavar="N", type=_jobs, default=1,
                        help="processes working on the poles (default 1; 0: one per processor) — for registries "
                             "of many poles; the report is the same")
    parser.add_argument("--no-progress", action="store_true",
                        help="never show the progress bar (it shows only on a terminal anyway)")


def run(args: argparse.Namespace) -> int:
    as_of = parse_as_of(args.as_of)  # a bad date is reported before the inputs are read
    graph = load_inputs(args)
    report = write_report(graph, args.output, lang=args.lang, as_of=as_of, definitions=args.definition,
                          engine=args.engine, progress=False if args.no_progress else None,
                          jobs=args.jobs or None)
    emit(f"{report.index} ({len(report.poles)} pole{'s' if len(report.poles) != 1 else ''})\n", None)
    return 0
