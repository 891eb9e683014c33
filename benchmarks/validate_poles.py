"""Timings of legal validation: one pole, cold and warm, per store; then many poles.

Run: python benchmarks/validate_poles.py [N ...]   (default N = 1 10 50)
Prints seconds; single runs on the machine at hand, so treat them as rough.
The poles are fictional (the test fixture pole, copied under new ids).
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

COLD = """
import time
t = time.perf_counter()
from ptce_graph.legal import validate, compare_definitions
from tests.legal.poles import fitting_pole, AS_OF
validate(fitting_pole(), as_of=AS_OF, engine={engine!r}{definition})
print(time.perf_counter() - t)
"""


def cold(engine: str, definition: str = "") -> float:
    code = COLD.format(engine=engine, definition=definition)
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def main(sizes: list[int]) -> None:
    from ptce_graph.legal import compare_definitions, validate
    from ptce_graph.model import new_graph
    from tests.legal.poles import AS_OF, fitting_pole

    print("one pole, new process (imports, shapes, first queries):")
    for engine in ("oxigraph", "rdflib"):
        print(f"  {engine:8}  law-2014 {cold(engine):6.2f} s")
    print("one pole, warm process:")
    for engine in ("oxigraph", "rdflib"):
        validate(fitting_pole(), as_of=AS_OF, engine=engine)
        compare_definitions(fitting_pole(), as_of=AS_OF, engine=engine)
        t = time.perf_counter()
        validate(fitting_pole(), as_of=AS_OF, engine=engine)
        one = time.perf_counter() - t
        t = time.perf_counter()
        compare_definitions(fitting_pole(), as_of=AS_OF, engine=engine)
        four = time.perf_counter() - t
        print(f"  {engine:8}  law-2014 {one:6.3f} s   all four definitions {four:6.3f} s")
    print("many poles, one graph, oxigraph store, warm:")
    for n in sizes:
        graph = new_graph()
        for i in range(n):
            fitting_pole(f"pole-{i:04d}").to_graph(graph)
        t = time.perf_counter()
        report = validate(graph, as_of=AS_OF)
        elapsed = time.perf_counter() - t
        assert len(report) == n and report.fits
        per_pole = elapsed / n * 1000
        print(f"  {n:5d} poles ({len(graph):6d} triples)  law-2014 {elapsed:7.2f} s  ({per_pole:6.1f} ms/pole)")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1, 10, 50])
