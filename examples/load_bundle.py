"""Load a spreadsheet bundle and look at what it holds.

    python examples/load_bundle.py [BUNDLE]   # default: the fictional pole's bundle

A bundle (a folder of CSV files a coordinator fills in a spreadsheet) becomes
one RDF graph; the typed model reads the pole back from it.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from ptce_graph import load, poles_from_graph, summarize

HERE = Path(__file__).resolve().parent
DEFAULT = HERE / "fictional-pole" / "bundle"


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else DEFAULT
    graph = load(folder)  # bad input raises ptce_graph.InputError, located (file, row, column)
    print(summarize(graph).render("fr"))
    for pole in poles_from_graph(graph):
        print(f"{pole.name} — {len(pole.members())} membres, {len(pole.partners())} partenaires")
        for actor in pole.actors:
            ess = actor.ess()
            relation = pole.relation_of(actor.id)
            how = relation.value if relation else "?"
            print(f"  {actor.id:<22} {how:<8} {ess.status.value:<8} {ess.reason('fr')}")
        logics = Counter(link.logic.value for link in pole.links)
        print("  liens :", ", ".join(f"{logic} {n}" for logic, n in sorted(logics.items())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
