"""Measure how each pole's actors cooperate: density, multiplexity, centralisation, brokerage, E-I, Blau…

Social network measures of the cooperation links, overall and per logic
(mutualisation, interaction, animation, partnership), for every pole of the
inputs (or the one --pole names), with a comparison and a summary when there
are several.  --over-time adds the measures at each date where a link starts
or ends.  Formulas and references: docs/metrics.md.
"""

from __future__ import annotations

import argparse

from ptce_graph import terminal
from ptce_graph.cli._common import (
    add_inputs,
    add_output,
    add_store,
    check_jobs,
    emit,
    load_inputs,
    open_registry,
    refuse_with_store,
)
from ptce_graph.errors import InputError

# ptce_graph.metrics imports networkx (a few tenths of a second): imported when the command runs, not
# when the parser of every command is built.
NAME = "metrics"
HELP = "measure cooperation inside each pole (network analysis), overall, per logic and over time"

#: Outputs that are folders (see cli._common.check_outputs).
OUTPUT_KINDS = {"store": "store"}


def _sample(text: str) -> int | str | None:
    if text in ("auto", "exact"):
        return None if text == "exact" else "auto"
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not 'auto', 'exact' or a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _integer(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None


def configure(parser: argparse.ArgumentParser) -> None:
    add_inputs(parser)
    parser.add_argument("-f", "--format", choices=("table", "json", "csv"), default="table",
                        help="output format (default: table)")
    add_output(parser)
    parser.add_argument("--lang", choices=("fr", "en"), default="fr",
                        help="language of labels and reasons (default: fr)")
    parser.add_argument("--excel", action="store_true",
                        help="with -f csv, the CSV French Excel opens with a double-click: ';' separator, "
                             "UTF-8 with BOM, decimal comma")
    parser.add_argument("--pole", metavar="IRI", default=None,
                        help="measure only this pole (its IRI or identifier)")
    parser.add_argument("--over-time", action="store_true",
                        help="add the measures at each date where a link starts or ends")
    parser.add_argument("--actors", action="store_true",
                        help="each actor's position (partners, betweenness, core, community, brokerage): "
                             "added to the JSON and the table; with -f csv, one row per actor")
    parser.add_argument("--brokerage", choices=("symmetric", "directed"), default="symmetric",
                        help="read links as two arcs each (symmetric, default) or from source to target "
                             "(directed)")
    parser.add_argument("--betweenness-sample", metavar="K", type=_sample, default="auto",
                        help="betweenness from K sampled source actors, 'exact', or 'auto' (default: exact "
                             "up to 1000 actors, 250 sampled sources above)")
    parser.add_argument("--seed", metavar="N", type=_integer, default=None,
                        help="seed of Louvain and of betweenness sampling (default 42)")
    parser.add_argument("--graphml", metavar="FILE", default=None,
                        help="also write the cooperation graph(s) as GraphML (for Gephi, Cytoscape…)")
    add_store(parser, jobs_help="with --store, measure the poles in N worker processes (Linux; default 1)")


def run(args: argparse.Namespace) -> int:
    from ptce_graph.metrics.graph import pole_graph, select_poles, write_graphml
    from ptce_graph.metrics.measures import DEFAULT_SEED
    from ptce_graph.metrics.poles import measure_poles
    from ptce_graph.metrics.render import actors_to_csv, to_csv, to_json, to_table

    check_jobs(args)
    options = {"over_time": args.over_time, "betweenness_k": args.betweenness_sample,
               "seed": DEFAULT_SEED if args.seed is None else args.seed, "brokerage_reading": args.brokerage}
    poles = []
    if args.store is not None:  # a registry: pole by pole from an Oxigraph store
        refuse_with_store(args, pole=args.pole is not None, graphml=args.graphml is not None)
        with open_registry(args) as registry:
            results = registry.metrics(jobs=args.jobs, **options)
    else:
        poles = select_poles(load_inputs(args), args.pole)
        if not poles:
            raise InputError("the inputs hold no pole (no resource typed ptce:Pole)",
                             source=", ".join(args.inputs), expected="a pole to measure")
        results = measure_poles(poles, **options)
    if args.format == "json":
        text = to_json(results, lang=args.lang, actors=args.actors)
    elif args.format == "csv":
        text = actors_to_csv(results, excel=args.excel) if args.actors else to_csv(results, lang=args.lang,
                                                                                  excel=args.excel)
        if args.excel:
            text = "\ufeff" + text  # UTF-8 with BOM: French Excel then reads the accents right
    else:
        text = to_table(results, lang=args.lang, actors=args.actors, width=terminal.width(args.output))
    if args.graphml:
        write_graphml([pole_graph(pole) for pole in poles], args.graphml)  # (never with --store)
    emit(text, args.output, kind={"json": "json", "csv": "data"}.get(args.format, "text"))
    return 0
