"""Time ``ptce report`` on a synthetic registry of fictional poles.

Run:  python benchmarks/report_bench.py [--poles 10 100] [--actors 20] [--jobs 1 2] [--keep DIR]

Each pole is fictional (``ptce:fictional true``, names say so) and complete
enough to exercise every part of a page: a territory with INSEE-shaped codes, a
dated strategy, members and partners of every kind, links of the four logics
dated over ten years (some undated, some ended), projects, funding and a
référentiel self-assessment.  Prints the wall-clock time of the whole report
and of its stages (legal validation of each pole under the four definitions,
measures, density over time, figures, pages), in seconds and per pole, and the
processor time (this process and its workers): on a shared machine the wall
clock says more about the other load than about the report.  With ``--jobs``
above 1 (worker processes), the stages are not broken down.  Single runs on the
machine at hand: compare ratios, and note the machine's load.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rdflib import Graph  # noqa: E402

from ptce_graph.model import (  # noqa: E402
    Actor,
    Assessment,
    Funding,
    Link,
    Pole,
    Project,
    Strategy,
    Territory,
)

KINDS = (("enterprise", "association"), ("enterprise", "scop"), ("enterprise", "scic"),
         ("enterprise", "commercial-company"), ("enterprise", "5710"), ("enterprise", "sole-proprietorship"),
         ("local-authority", "7210"), ("local-authority-grouping", "7348"), ("research-centre", "public-body"),
         ("higher-education", "7383"), ("training-body", "association"), ("ess-network", "association"),
         ("person", None), ("other", "foundation"))
LOGICS = ("mutualisation", "interaction", "animation", "partnership")
COMMUNES = ("14475", "14118", "14341", "14047", "14762")


def synthetic_pole(i: int, actors: int, rng: random.Random) -> Pole:
    """A fictional pole of about ``actors`` actors, with a few leaders that cooperate most."""
    n = max(3, int(rng.gauss(actors, actors / 4)))
    pole = Pole(id=f"pole-fictif-{i:04d}", name=f"Pôle fictif n° {i}", fictional=True,
                legal_form=rng.choice(("association", "scic", None)),
                territory=Territory(name=f"Territoire fictif {i}", codes=rng.sample(COMMUNES, 2)),
                strategy=Strategy(name=f"Charte fictive {i}", start=str(rng.randint(2008, 2016)), kind="charter"))
    for a in range(n):
        kind, form = rng.choice(KINDS)
        mention = rng.random() < 0.5 if form in ("commercial-company", "5710") else None
        relation = "partner" if kind in ("local-authority", "local-authority-grouping", "higher-education") \
            else "member"
        pole.add_actor(Actor(id=f"a{a}", name=f"Acteur fictif {a} du pôle {i}", kind=kind, legal_form=form,
                             ess_mention=mention, commune=rng.choice(COMMUNES)),
                       relation, start=str(rng.randint(2008, 2020)))
    weights = [1.0 / (a + 1) ** 0.8 for a in range(n)]
    for _ in range(int(n * 1.5)):
        a, b = rng.choices(range(n), weights=weights, k=2)
        if a == b:
            continue
        start = rng.randint(2010, 2022)
        dated = rng.random() < 0.85
        end = str(start + rng.randint(1, 5)) if dated and rng.random() < 0.2 else None
        pole.links.append(Link(source=f"a{a}", target=f"a{b}", logic=rng.choice(LOGICS),
                               start=str(start) if dated else None, end=end))
    for p in range(rng.randint(1, 4)):
        pole.projects.append(Project(id=f"p{p}", name=f"Projet fictif {p}",
                                     innovation=rng.choice(("social", "technological", "both", "none")),
                                     sustainable_local_development=rng.random() < 0.7,
                                     participants=[f"a{x}" for x in rng.sample(range(n), min(3, n))]))
    pole.funding.append(Funding(funder="a0", kind="public", year=rng.randint(2014, 2022),
                                amount=rng.randint(5, 200) * 1000,
                                program=rng.choice(("state-ptce-call-2015", None))))
    for objective in rng.sample([f"O{k}" for k in range(1, 10)], 4):
        pole.assessments.append(Assessment(objective=objective, practice="Pratique fictive",
                                           evidence=["Preuve fictive"] if rng.random() < 0.6 else []))
    return pole


def registry(poles: int, actors: int, seed: int = 7) -> Graph:
    rng = random.Random(seed)
    graph = Graph()
    for i in range(poles):
        synthetic_pole(i, actors, rng).to_graph(graph)
    return graph


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
    parser.add_argument("--actors", type=int, default=20, help="mean number of actors per pole")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1], help="worker processes (0: one per CPU)")
    parser.add_argument("--keep", metavar="DIR", default=None, help="write the last report there")
    args = parser.parse_args()

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
