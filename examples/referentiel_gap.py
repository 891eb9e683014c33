"""Show a pole's self-assessment against the Labo de l'ESS référentiel, and its gaps.

    python examples/referentiel_gap.py [INPUT] [--lang en]   # default: the fictional pole

For each of the nine main objectives: the practice and the evidence the pole
records, and which objectives have none — the gap between the concept and
practice that part III of the 2014 paper discusses.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ptce_graph import referentiel_gap

HERE = Path(__file__).resolve().parent


def main(argv: list[str]) -> int:
    lang = "en" if "--lang" in argv and argv[-1] == "en" else "fr"
    inputs = [a for a in argv if a not in ("--lang", "en", "fr")]
    gap = referentiel_gap(inputs[0] if inputs else HERE / "fictional-pole" / "bundle")
    print(gap.render(lang))
    for pole in gap.poles:
        missing = len(pole.without_evidence)
        print(f"{pole.label}: {missing} objectif(s) sans preuve sur {len(pole.objectives)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
