"""Check every pole against a legal definition of a PTCE, clause by clause.

The human format is a checklist, in French by default: per pole, each clause
with ✓ (met), ✗ (not met) or ? (unknown), the words of the source and the
sentence that says what is missing or wrong; then each actor's ESS status and
why; then data-quality warnings, which are not part of the verdict.  With
--definition all, a table of clauses × definitions and the differences
explained.  Exit 0 when every pole fits (every definition, with all), 1
otherwise, 2 on bad input.
"""

from __future__ import annotations

import argparse
from typing import Any

from ptce_graph import terminal
from ptce_graph.cli._common import add_inputs, add_output, add_store, check_jobs, emit, load_inputs, open_registry
from ptce_graph.errors import InputError
from ptce_graph.legal import DefinitionComparison, LegalReport, compare_definitions, validate
from ptce_graph.legal.pipeline import parse_as_of
from ptce_graph.legal.shacl.working import pole_iris

NAME = "validate"
HELP = "check poles against a legal definition of a PTCE (SHACL), clause by clause"

#: Outputs that are folders (see cli._common.check_outputs).
OUTPUT_KINDS = {"store": "store"}

_DEFINITIONS = ("labo-2010", "senate-2013", "law-2014", "decree-2015", "all")


def configure(parser: argparse.ArgumentParser) -> None:
    add_inputs(parser)
    parser.add_argument(
        "--definition",
        "-d",
        choices=_DEFINITIONS,
        default="law-2014",
        metavar="ID",
        help="labo-2010, senate-2013, law-2014 (in force, default), decree-2015, or all "
        "(every definition side by side)",
    )
    parser.add_argument(
        "--as-of",
        metavar="DATE",
        default=None,
        help="evaluation date YYYY-MM-DD (default: today); a strategy ended before it is "
        "no longer continuous",
    )
    parser.add_argument(
        "--lang", choices=("fr", "en"), default="fr", help="language of the messages (default fr)"
    )
    parser.add_argument(
        "-f",
        "--format",
        choices=("human", "json", "turtle"),
        default="human",
        help="human checklist (default), JSON report, or Turtle (sh:ValidationReport + ptce:Evaluation)",
    )
    add_output(parser)
    parser.add_argument(
        "--no-warnings",
        action="store_true",
        help="do not list data-quality warnings in the human output (they stay in JSON and Turtle)",
    )
    parser.add_argument(
        "--reason",
        action="store_true",
        help="add the facts OWL reasoning infers before validating (needs ptce_graph.reasoning)",
    )
    add_store(parser, jobs_help="run the SHACL queries on N threads and, with --store, the poles' reports "
              "in N worker processes (Linux; default 1)")
    parser.add_argument(
        "--engine",
        choices=("batch", "oxigraph", "rdflib"),
        default=None,
        help="SHACL engine: batch (default, fast, on Oxigraph), or pyshacl on an oxigraph or rdflib store",
    )


def run(args: argparse.Namespace) -> int:
    as_of = parse_as_of(args.as_of)
    check_jobs(args)
    if args.store is not None:
        stored = _on_store(args, as_of)
        _emit(stored, args)
        return 0 if stored.fits else 1
    graph = load_inputs(args)
    if not pole_iris(graph):
        raise InputError(
            "the input holds no pole (no resource of type ptce:Pole)",
            source=", ".join(args.inputs),
            expected="a spreadsheet bundle or RDF describing a ptce:Pole",
        )
    options = {"as_of": as_of, "lang": args.lang, "reason": args.reason, "engine": args.engine, "jobs": args.jobs}
    result: DefinitionComparison | LegalReport
    if args.definition == "all":
        result = compare_definitions(graph, **options)
    else:
        result = validate(graph, definition=args.definition, **options)
    _emit(result, args)
    return 0 if result.fits else 1


def _on_store(args: argparse.Namespace, as_of: Any) -> Any:
    """Validate through :class:`ptce_graph.registry.Registry` (batch engine, pole by pole)."""
    if args.reason or args.engine not in (None, "batch"):
        raise InputError("--store runs the batch engine without reasoning", source="--store",
                         expected="--store without --reason and --engine")
    with open_registry(args) as registry:
        if args.definition == "all":
            return registry.compare(as_of=as_of, lang=args.lang, jobs=args.jobs)
        return registry.validate(definition=args.definition, as_of=as_of, lang=args.lang,
                                 jobs=args.jobs)


def _emit(result: Any, args: argparse.Namespace) -> None:
    if args.format == "json":
        text = result.to_json(args.lang)
    elif args.format == "turtle":
        text = result.to_turtle()
    else:
        text = result.render_text(args.lang, warnings=not args.no_warnings, width=terminal.width(args.output))
    emit(text, args.output, kind={"json": "json", "turtle": "data"}.get(args.format, "text"))
