"""Write the HTML report of the example poles: a registry page and a page per pole, with figures.

    python examples/html_report.py [OUTPUT_DIR] [--lang en]   # default: ./rapport-ptce

The fictional pole and the poles of the 2014 paper, checked against the four
legal definitions as of 2026-01-01. Open OUTPUT_DIR/index.html in a browser.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ptce_graph import load_all
from ptce_graph.report import write_report

HERE = Path(__file__).resolve().parent


def main(argv: list[str]) -> int:
    lang = "en" if "--lang" in argv and argv[-1] == "en" else "fr"
    rest = [a for a in argv if a not in ("--lang", "en", "fr")]
    output = Path(rest[0]) if rest else Path("rapport-ptce")
    inputs = [HERE / "fictional-pole" / "bundle", *sorted((HERE / "paper-2014").glob("*.ttl"))]
    report = write_report(load_all(inputs), output, lang=lang, as_of="2026-01-01")
    print(report.index)
    for pole in report.poles:
        verdicts = ", ".join(f"{d} {v.verdict.value}" for d, v in pole.verdicts.items())
        print(f"  {pole.page}: {pole.label} — {verdicts}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
