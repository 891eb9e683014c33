"""Draw the poles per région or per département as a choropleth (PNG or SVG), or list the counts."""

from __future__ import annotations

import argparse
import json

from ptce_graph.cli._common import add_inputs, emit, fail, load_inputs
from ptce_graph.maps import area_counts, choropleth

NAME = "map"
HELP = "map the poles per région or département (PNG, SVG, or the counts as JSON)"


def configure(parser: argparse.ArgumentParser) -> None:
    add_inputs(parser)
    parser.add_argument("-o", "--output", required=True,
                        help="file to write: .png or .svg for the map, .json for the counts per area ('-': stdout)")
    parser.add_argument("-f", "--format", choices=("png", "svg", "json"),
                        help="output format (default: from the file's extension)")
    parser.add_argument("--level", choices=("region", "departement"), default="region",
                        help="colour régions or départements (default: region)")
    parser.add_argument("--lang", choices=("fr", "en"), default="fr", help="language of the title and legend")
    parser.add_argument("--sources", help="short text naming where the data comes from, printed under the map")


def run(args: argparse.Namespace) -> int:
    fmt = args.format or (args.output.rsplit(".", 1)[-1].lower() if "." in args.output else None)
    if fmt not in ("png", "svg", "json"):
        return fail(f"{args.output}: give a .png, .svg or .json file, or --format")
    counts = area_counts(load_inputs(args), args.level)
    if fmt == "json":
        emit(json.dumps(counts.to_dict(), ensure_ascii=False, indent=2) + "\n", args.output, kind="json")
        return 0
    picture = choropleth(counts, lang=args.lang, sources=args.sources)
    emit(picture.png if fmt == "png" else picture.svg, args.output)
    return 0
