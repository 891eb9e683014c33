"""Export a bundle to Turtle, JSON-LD and N-Triples: deterministic bytes, written atomically.

    python examples/export_turtle.py OUTPUT_DIR [BUNDLE]   # default bundle: the fictional pole

The same input always gives the same bytes, so exports can be kept under
version control; examples/fictional-pole/fictional-pole.ttl is such an export.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ptce_graph import load, poles_from_graph, save

HERE = Path(__file__).resolve().parent
DEFAULT = HERE / "fictional-pole" / "bundle"


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    out = Path(argv[0])
    bundle = Path(argv[1]) if len(argv) > 1 else DEFAULT
    out.mkdir(parents=True, exist_ok=True)
    graph = load(bundle)
    for name in ("pole.ttl", "pole.jsonld", "pole.nt"):
        save(graph, out / name)  # the format comes from the extension
        print(f"{out / name}: {(out / name).stat().st_size} bytes")
    # And back to a bundle: RDF -> spreadsheet, without loss.
    save(graph, out / "bundle")
    again = load(out / "bundle")
    same = poles_from_graph(again)[0].canonical() == poles_from_graph(graph)[0].canonical()
    print(f"{out / 'bundle'}: round trip {'identical' if same else 'DIFFERENT'}")
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
