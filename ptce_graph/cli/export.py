"""Convert inputs to deterministic Turtle, JSON-LD, N-Triples or a spreadsheet bundle.

The same input always gives the same bytes.  The format comes from -f or from
the extension of -o (.ttl, .jsonld, .nt; a folder for a bundle).  A bundle
holds exactly one pole.
"""

from __future__ import annotations

import argparse

from ptce_graph.cli._common import add_inputs, load_inputs

NAME = "export"
HELP = "convert inputs to Turtle, JSON-LD, N-Triples or a spreadsheet bundle"


def configure(parser: argparse.ArgumentParser) -> None:
    add_inputs(parser)
    parser.add_argument("-o", "--output", metavar="FILE", required=True,
                        help="output file (.ttl, .jsonld, .nt) or folder (bundle); written atomically")
    parser.add_argument("-f", "--format", choices=("turtle", "json-ld", "nt", "bundle"), default=None,
                        help="output format (default: from the extension of -o)")


def run(args: argparse.Namespace) -> int:
    from ptce_graph.io import save

    graph = load_inputs(args)
    save(graph, args.output, format=args.format)
    return 0
