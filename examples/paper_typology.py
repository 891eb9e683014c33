"""Reproduce the typology of the twelve pôles témoins of the 2014 paper (§ II.1).

    python examples/paper_typology.py [--lang en]

Sectors 3 / 4 / 5, territories 4 / 1 / 4 / 3, regions as the paper names
them; the origins are unknown for every pole — the paper gives them only for
the twelve together (9 / 2 / 1), and so does the output.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ptce_graph import typology

HERE = Path(__file__).resolve().parent


def main(argv: list[str]) -> int:
    lang = "en" if "--lang" in argv and argv[-1] == "en" else "fr"
    table = typology(HERE / "paper-2014" / "poles-temoins.ttl", lang=lang)
    print(table.render(lang))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
