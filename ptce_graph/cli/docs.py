"""Write the HTML documentation of the ontology and the SHACL shapes.

DIR/index.html (French) and DIR/index.en.html (English) document, from the
files themselves, the classes (with their hierarchy), the properties (domain,
range), the SKOS schemes (référentiel, typology, legal forms with INSEE codes),
the legal definitions with their verbatim text and their clauses, the sources
and the shapes.  The pages are self-contained (no network, no external
resource) and the documented files are copied to DIR/files/.
"""

from __future__ import annotations

import argparse

from ptce_graph.cli._common import say
from ptce_graph.publish.docs import PAGES, build_docs

NAME = "docs"
HELP = "write the HTML documentation of the ontology and shapes (a page in French, one in English)"
#: Outputs that are folders (see cli._common.check_outputs).
OUTPUT_KINDS = {"output": "folder"}


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-o", "--output", metavar="DIR", required=True, help="folder to write (created if needed)"
    )
    parser.add_argument(
        "--shapes",
        metavar="FILE",
        action="append",
        default=[],
        help="also document this SHACL shapes file (Turtle; repeatable)",
    )
    parser.add_argument(
        "--no-packaged-shapes",
        action="store_true",
        help="document only the --shapes files, not the shapes shipped with ptce_graph",
    )


def run(args: argparse.Namespace) -> int:
    result = build_docs(args.output, shapes=args.shapes, include_packaged_shapes=not args.no_packaged_shapes)
    say("docs", f"{result.index} ({len(result.files)} files; English: {result.index.parent / PAGES['en']})")
    return 0
