"""Validate every example against the four definitions of a PTCE, side by side.

    python examples/validate_all.py [--lang en]

For each pole: its verdict under labo-2010, senate-2013, law-2014 (in force)
and decree-2015, and the clauses that are not met or unknown. The real poles
of the 2014 paper come out `undetermined`: the paper names almost none of
their members, so most clauses are `unknown` — the honest result, which tells
a coordinator what to fill in. The fictional variants each differ on one
clause. Needs ptce_graph.validate (the legal validation).
"""

from __future__ import annotations

import sys
import types
from pathlib import Path

from ptce_graph import load_all

try:
    from ptce_graph import validate
except ImportError:  # pragma: no cover - depends on the installed version
    validate = None
if isinstance(validate, types.ModuleType):  # a module of the same name: take its function
    validate = getattr(validate, "validate", None)

HERE = Path(__file__).resolve().parent
DEFINITIONS = ("labo-2010", "senate-2013", "law-2014", "decree-2015")
INPUTS = [
    HERE / "fictional-pole" / "bundle",
    *sorted(p for p in (HERE / "fictional-variants").iterdir() if p.is_dir()),
    HERE / "paper-2014" / "le-periscope.ttl",
    HERE / "paper-2014" / "poles-temoins.ttl",
]


def main(argv: list[str]) -> int:
    if validate is None or not callable(validate):
        print("this example needs ptce_graph.validate (the legal validation)", file=sys.stderr)
        return 2
    lang = "en" if "--lang" in argv and argv[-1] == "en" else "fr"
    graph = load_all(INPUTS)
    results: dict[str, dict[str, tuple[str, list[str]]]] = {}
    labels: dict[str, str] = {}
    for definition in DEFINITIONS:
        report = validate(graph, definition=definition, lang=lang).to_dict()  # contract 2, the JSON report
        for pole in report["poles"]:
            labels[pole["pole"]] = pole.get("label") or pole["pole"]
            clauses = pole["clauses"].items()
            open_clauses = [f"{cid}={c['status']}" for cid, c in clauses if c["status"] != "met"]
            results.setdefault(pole["pole"], {})[definition] = (pole["verdict"], open_clauses)
    width = max(len(v) for v in labels.values())
    print((" " * width + "  " + "  ".join(f"{d:<13}" for d in DEFINITIONS)).rstrip())
    for iri in sorted(results, key=lambda i: labels[i].casefold()):
        row = results[iri]
        cells = "  ".join(f"{row.get(d, ('-',))[0]:<13}" for d in DEFINITIONS)
        print(f"{labels[iri]:<{width}}  {cells}".rstrip())
        law = row.get("law-2014")
        if law and law[1]:
            print(f"{'':<{width}}    law-2014: {', '.join(law[1])}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
