"""Timings of legal validation: one pole, cold and warm, per store; then many poles.

Run: python benchmarks/validate_poles.py [N ...]   (default N = 1 10 50)
Prints seconds; single runs on the machine at hand, so treat them as rough.
The poles are fictional: those of ``benchmarks/generate.py``.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.generate import registry_graph, synthetic_pole  # noqa: E402
from ptce_graph.legal import compare_definitions, validate  # noqa: E402

AS_OF = "2026-11-26"
#: pyshacl on rdflib (engine "rdflib") takes minutes per synthetic pole: ``benchmarks/run.py --pyshacl-max``
#: measures it side by side.
ENGINES = ("batch", "oxigraph")

COLD = """
import sys, time
t = time.perf_counter()
sys.path.insert(0, {repo!r})
from benchmarks.generate import synthetic_pole
from ptce_graph.legal import validate
validate(synthetic_pole(0), as_of={as_of!r}, engine={engine!r})
print(time.perf_counter() - t)
"""


def cold(engine: str) -> float:
    code = COLD.format(repo=str(REPO), as_of=AS_OF, engine=engine)
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def main(sizes: list[int]) -> None:
    print("one pole, new process (imports, shapes, first queries):")
    for engine in ENGINES:
        print(f"  {engine:8}  law-2014 {cold(engine):6.2f} s")
    print("one pole, warm process:")
    for engine in ENGINES:
        validate(synthetic_pole(0), as_of=AS_OF, engine=engine)
        compare_definitions(synthetic_pole(0), as_of=AS_OF, engine=engine)
        t = time.perf_counter()
        validate(synthetic_pole(0), as_of=AS_OF, engine=engine)
        one = time.perf_counter() - t
        t = time.perf_counter()
        compare_definitions(synthetic_pole(0), as_of=AS_OF, engine=engine)
        four = time.perf_counter() - t
        print(f"  {engine:8}  law-2014 {one:6.3f} s   all four definitions {four:6.3f} s")
    print("many poles, one graph, the default engine, warm:")
    for n in sizes:
        graph = registry_graph(n)
        t = time.perf_counter()
        report = validate(graph, as_of=AS_OF)
        elapsed = time.perf_counter() - t
        assert len(report) == n
        per_pole = elapsed / n * 1000
        print(f"  {n:5d} poles ({len(graph):6d} triples)  law-2014 {elapsed:7.2f} s  ({per_pole:6.1f} ms/pole)")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1, 10, 50])
