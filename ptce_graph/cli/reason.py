"""Classify actors and poles with an OWL reasoner (HermiT) and check the data for contradictions.

Prints each pole and actor with its declared and inferred classes (by label)
and its ESS status, then any contradiction, naming the individuals and the
axioms in conflict.  -f turtle writes the inferred triples only (deterministic
Turtle), -f json the whole result.

Exit codes: 0 the data is consistent, 1 it contradicts itself, 2 bad input.
HermiT needs a Java runtime.  Without one, the message says so on stderr, the
structural checks run instead (classification and contradictions that can be
established without a reasoner, labelled as such), and the exit code is theirs:
0 when they find no contradiction, 1 when they find one.  Java may run for
--timeout seconds in all (default 900); then it is stopped, a note says so on
stderr, and the structural checks stand in the same way.
"""

from __future__ import annotations

import argparse
import json

from ptce_graph.cli._common import add_inputs, add_output, emit, load_inputs, say
from ptce_graph.io.serialize import to_turtle
from ptce_graph.reasoning import reason
from ptce_graph.reasoning.owl import DEFAULT_JAVA_TIMEOUT

NAME = "reason"
HELP = "classify actors and poles with an OWL reasoner; find contradictions"


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError("must be a positive number of seconds")
    return value


def configure(parser: argparse.ArgumentParser) -> None:
    add_inputs(parser)
    parser.add_argument("-f", "--format", choices=("text", "json", "turtle"), default="text",
                        help="text (default), json (the whole result) or turtle (the inferred triples)")
    parser.add_argument("--lang", choices=("fr", "en"), default="fr", help="language of labels and messages")
    parser.add_argument("--reasoner", choices=("hermit", "pellet", "none"), default="hermit",
                        help="OWL reasoner (default hermit); none: structural checks only, no Java")
    parser.add_argument("--property-values", action="store_true",
                        help="also infer object property values (slower)")
    parser.add_argument("--timeout", metavar="SECONDS", type=_seconds, default=DEFAULT_JAVA_TIMEOUT,
                        help=f"wall-clock time Java may run, in all (default {DEFAULT_JAVA_TIMEOUT:g}); when it "
                             "runs out, the reasoner is stopped and the structural checks stand in")
    add_output(parser)


def run(args: argparse.Namespace) -> int:
    graph = load_inputs(args)
    result = reason(graph, reasoner=None if args.reasoner == "none" else args.reasoner,
                    infer_property_values=args.property_values, timeout=args.timeout)
    for note in result.notes:
        say("note", note.message(args.lang))
    if args.format == "turtle":
        emit(to_turtle(result.inferred), args.output, kind="data")
    elif args.format == "json":
        emit(json.dumps(result.to_dict(args.lang), ensure_ascii=False, indent=2) + "\n", args.output, kind="json")
    else:
        emit(result.render(args.lang, notes=False), args.output)
    return 0 if result.consistent else 1
