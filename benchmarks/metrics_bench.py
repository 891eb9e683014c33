"""Time the cooperation metrics on synthetic (fictional) poles of growing size.

Run:  python benchmarks/metrics_bench.py [--sizes 50 500 5000] [--sample 100] [--skip-rdf-above 5000]

For each size it builds a fictional pole whose actors have about four partners
each on average (a few "leader" actors have many more, as in real poles), with
links of the four logics and dates over ten years, and prints:

* rdf     — reading the pole from RDF into the cooperation graph (Pole.from_graph + graph);
* measures — every measure of the pole with the default betweenness (``auto``: exact up to 1000
  actors, 250 sampled sources above) — what ``ptce metrics`` does;
* betw.    — betweenness of the whole pole alone: exact, then sampled from k sources (seed 42);
* measures(k) — every measure with betweenness sampled from k sources;
* timeline — the measures at every snapshot date (default betweenness).

Figures are wall-clock seconds of one run on this machine: rough, compare ratios.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ptce_graph.metrics import measures as m  # noqa: E402
from ptce_graph.metrics.compute import measure_cooperation, measure_pole  # noqa: E402
from ptce_graph.metrics.graph import pole_graph  # noqa: E402
from ptce_graph.metrics.temporal import pole_timeline  # noqa: E402
from ptce_graph.model import Actor, Link, Pole  # noqa: E402

KINDS = ("enterprise", "enterprise", "enterprise", "local-authority", "research-centre", "training-body",
         "ess-network", "person", "other")
LOGICS = ("mutualisation", "interaction", "animation", "partnership")


def synthetic_pole(n: int, *, seed: int = 1, mean_partners: float = 4.0) -> Pole:
    """A fictional pole of ``n`` actors with preferential attachment to a few leaders."""
    rng = random.Random(seed)
    pole = Pole(id=f"bench-{n}", name=f"Pôle synthétique {n} (fictif)", fictional=True)
    for i in range(n):
        kind = rng.choice(KINDS)
        form, mention = (("5710", rng.random() < 0.4) if kind == "enterprise" else (None, None))
        pole.add_actor(Actor(id=f"a{i}", name=f"Acteur {i}", kind=kind, legal_form=form, ess_mention=mention),
                       "member" if rng.random() < 0.7 else "partner")
    target_links = int(n * mean_partners / 2)
    weights = [1.0 / (i + 1) ** 0.8 for i in range(n)]  # a few leaders get many partners
    for _ in range(target_links):
        a, b = rng.choices(range(n), weights=weights, k=2)
        if a == b:
            continue
        start = rng.randint(2012, 2021)
        end = start + rng.randint(1, 6) if rng.random() < 0.3 else None
        pole.links.append(Link(source=f"a{a}", target=f"a{b}", logic=rng.choice(LOGICS),
                               start=str(start) if rng.random() < 0.9 else None,
                               end=str(end) if end else None))
    return pole


def timed(func, *args, **kwargs):
    t0 = time.perf_counter()
    value = func(*args, **kwargs)
    return value, time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[50, 500, 5000])
    parser.add_argument("--sample", type=int, default=100, help="k for sampled betweenness")
    parser.add_argument("--skip-rdf-above", type=int, default=5000,
                        help="skip the RDF round trip above this size")
    args = parser.parse_args()
    print(f"{'actors':>7} {'links':>7} {'pairs':>7} {'rdf':>8} {'measures':>9} {'betw.exact':>11} "
          f"{'betw.k=' + str(args.sample):>11} {'ratio':>6} {'measures(k)':>11} {'timeline':>9} {'dates':>6}")
    for n in args.sizes:
        pole = synthetic_pole(n)
        if n <= args.skip_rdf_above:
            graph_rdf = pole.to_graph()
            (model, t_rdf) = timed(Pole.from_graph, graph_rdf)
            t_rdf += timed(pole_graph, model)[1]
        else:
            model, t_rdf = pole, float("nan")
        graph = pole_graph(model)
        simple = m.simple_graph(graph)
        result, t_measures = timed(measure_pole, model)
        _, t_exact = timed(m.betweenness, simple)
        _, t_sampled = timed(m.betweenness, simple, k=args.sample)
        _, t_measures_k = timed(measure_cooperation, graph, betweenness_k=args.sample)
        line, t_timeline = timed(pole_timeline, model)
        print(f"{n:>7} {result.links:>7} {result.pairs:>7} {t_rdf:>8.2f} {t_measures:>9.2f} {t_exact:>11.2f} "
              f"{t_sampled:>11.2f} {t_exact / max(t_sampled, 1e-9):>6.1f} {t_measures_k:>11.2f} "
              f"{t_timeline:>9.2f} {len(line.points):>6}")


if __name__ == "__main__":
    main()
