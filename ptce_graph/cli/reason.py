"""Classify actors and poles with an OWL reasoner (HermiT) and check the data for contradictions.

Prints each pole and actor with its declared and inferred classes (by label)
and its ESS status, then any contradiction, naming the individuals and the
axioms in conflict.  -f turtle writes the inferred triples only (deterministic
Turtle), -f json the whole result.

Exit codes: 0 the data is consistent, 1 it contradicts itself, 2 bad input.
HermiT needs a Java runtime.  Without one, the message says so on stderr, the
structural checks run instead (classification and contradictions that can be
established without a reasoner, labelled as such), and the exit code is theirs:
0 when they find no contradiction, 1 when they find one.
"""

from __future__ import annotations

import argparse
import json
import sys

from ptce_graph.cli._common import add_inputs, add_output, emit, load_inputs
from ptce_graph.io.serialize import to_turtle
from ptce_graph.reasoning import reason

NAME = "reason"
HELP = "classify actors and poles with an OWL reasoner; find contradictions"


def configure(parser: argparse.ArgumentParser) -> None:
    add_inputs(parser)
    parser.add_argument("-f", "--format", choices=("text", "json", "turtle"), default="text",
                        help="text (default), json (the whole result) or turtle (the inferred triples)")
    parser.add_argument("--lang", choices=("fr", "en"), default="fr", help="language of labels and messages")
    parser.add_argument("--reasoner", choices=("hermit", "pellet", "none"), default="hermit",
                        help="OWL reasoner (default hermit); none: structural checks only, no Java")
    parser.add_argument("--property-values", action="store_true",
                        help="also infer object property values (slower)")
    add_output(parser)


def run(args: argparse.Namespace) -> int:
    graph = load_inputs(args)
    result = reason(graph, reasoner=None if args.reasoner == "none" else args.reasoner,
                    infer_property_values=args.property_values)
    for note in result.notes:
        print(f"ptce: note: {note.message(args.lang)}", file=sys.stderr)
    if args.format == "turtle":
        emit(to_turtle(result.inferred), args.output)
    elif args.format == "json":
        emit(json.dumps(result.to_dict(args.lang), ensure_ascii=False, indent=2) + "\n", args.output)
    else:
        emit(result.render(args.lang, notes=False), args.output)
    return 0 if result.consistent else 1
