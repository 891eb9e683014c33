"""Time ``ptce report`` on a synthetic registry of fictional poles.

Run:  python benchmarks/report_bench.py [--poles 10 100] [--actors 20] [--jobs 1 2] [--keep DIR]

Each pole is fictional (``ptce:fictional true``, names say so), made by
``benchmarks/generate.py`` and complete enough to exercise every part of a
page: a territory with INSEE-shaped codes, a dated strategy, members and
partners of every kind, links of the four logics dated over fifteen years (some
undated, some ended) around a few leaders, projects, funding and a référentiel
self-assessment.  Prints the wall-clock time of the whole report
and of its stages (legal validation of each pole under the four definitions,
measures, density over time, figures, pages), in seconds and per pole, and the
processor time (this process and its workers): on a shared machine the wall
clock says more about the other load than about the report.  With ``--jobs``
above 1 (worker processes), the stages are not broken down.  Single runs on the
machine at hand: compare ratios, and note the machine's load.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import warnings
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rdflib import Graph  # noqa: E402

from benchmarks.generate import registry_graph  # noqa: E402
from ptce_graph.errors import DataWarning  # noqa: E402


def registry(poles: int, actors: int, seed: int = 7) -> Graph:
    """``poles`` fictional poles of ``actors`` actors from ``benchmarks/generate.py``, with a few leaders
    (``hubs``) and a référentiel self-assessment, so that every part of a page is filled."""
    return registry_graph(poles, seed=seed, actors=actors, hubs=True, assessments=True)


class Stages:
    """Wall-clock time spent in some functions, by name, while a report is written."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.calls: dict[str, int] = defaultdict(int)

    def wrap(self, owner: Any, name: str, label: str) -> None:
        original: Callable[..., Any] = getattr(owner, name)

        def timed(*args: Any, **kwargs: Any) -> Any:
            t0 = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self.seconds[label] += time.perf_counter() - t0
                self.calls[label] += 1

        setattr(owner, name, timed)


def _cpu() -> float:
    """Processor seconds of this process and of its finished worker processes."""
    import resource

    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--poles", type=int, nargs="+", default=[10, 100])
    parser.add_argument("--actors", type=int, default=20, help="actors per pole")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1], help="worker processes (0: one per CPU)")
    parser.add_argument("--keep", metavar="DIR", default=None, help="write the last report there")
    args = parser.parse_args()
    warnings.simplefilter("ignore", DataWarning)  # the generator's few self-links, which the metrics skip

    import ptce_graph.legal as legal
    import ptce_graph.metrics.compute as compute
    import ptce_graph.report.figures as figures
    import ptce_graph.report.pages as pages
    from ptce_graph.report import write_report

    stages = Stages()
    stages.wrap(legal, "compare_definitions", "legal validation (4 definitions)")
    stages.wrap(compute, "measure_pole", "measures")
    stages.wrap(pages, "_density_points", "density over time")
    stages.wrap(figures, "network_figure", "network figures (full + thumbnail)")
    stages.wrap(figures, "density_figure", "density figures")
    stages.wrap(pages, "_pole_page", "pole pages (HTML)")
    stages.wrap(pages, "_index_page", "registry page (HTML)")

    import os

    print(f"{os.cpu_count()} processors, load average {os.getloadavg()[0]:.1f} before the runs")
    print(f"{'poles':>6} {'actors':>7} {'links':>6} {'triples':>8} {'jobs':>5} {'report s':>9} {'s/pole':>7} "
          f"{'cpu s':>7} {'cpu s/pole':>10}")
    from ptce_graph.model import poles_from_graph

    for n in args.poles:
        graph = registry(n, args.actors)
        models = poles_from_graph(graph)
        actors = sum(len(p.actors) for p in models)
        links = sum(len(p.links) for p in models)
        for jobs in args.jobs:
            stages.seconds.clear()
            stages.calls.clear()
            with tempfile.TemporaryDirectory() as tmp:
                out = Path(args.keep) if args.keep else Path(tmp) / "report"
                t0, c0 = time.perf_counter(), _cpu()
                write_report(graph, out, as_of="2026-01-01", progress=False, jobs=jobs)
                elapsed, cpu = time.perf_counter() - t0, _cpu() - c0
            print(f"{n:>6} {actors:>7} {links:>6} {len(graph):>8} {jobs or os.cpu_count():>5} {elapsed:>9.1f} "
                  f"{elapsed / n:>7.2f} {cpu:>7.1f} {cpu / n:>10.2f}")
            for label, seconds in sorted(stages.seconds.items(), key=lambda kv: -kv[1]):
                print(f"         {label:<38} {seconds:7.1f} s  {100 * seconds / elapsed:4.0f} %  "
                      f"({stages.calls[label]} calls)")


if __name__ == "__main__":
    main()
