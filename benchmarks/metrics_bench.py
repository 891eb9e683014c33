"""Time the cooperation metrics on synthetic (fictional) poles of growing size.

Run:  python benchmarks/metrics_bench.py [--sizes 50 500 5000] [--sample 100] [--skip-rdf-above 5000]

For each size it builds a fictional pole with ``benchmarks/generate.py`` (that
many actors, about 3.6 partners each on average, a few "leader" actors with many
more as in real poles: ``hubs=True``), links of the four logics dated by year
over fifteen years, and prints:

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
import sys
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.generate import synthetic_pole  # noqa: E402
from ptce_graph.dates import PartialDate  # noqa: E402
from ptce_graph.errors import DataWarning  # noqa: E402
from ptce_graph.metrics import measures as m  # noqa: E402
from ptce_graph.metrics.compute import measure_cooperation, measure_pole  # noqa: E402
from ptce_graph.metrics.graph import pole_graph  # noqa: E402
from ptce_graph.metrics.temporal import pole_timeline  # noqa: E402
from ptce_graph.model import Pole  # noqa: E402


def bench_pole(n: int, *, seed: int = 1) -> Pole:
    """A fictional pole of ``n`` actors with a few leaders, its links dated by year.

    The timeline measures the pole at every date a link starts or ends: dates to
    the day would make hundreds of snapshots, years make about fifteen, as a
    coordinator's spreadsheet does."""
    pole = synthetic_pole(0, seed=seed, actors=n, hubs=True)
    for link in pole.links:
        link.start = PartialDate(link.start.year) if link.start else None
        link.end = PartialDate(link.end.year) if link.end else None
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
    warnings.simplefilter("ignore", DataWarning)  # the generator's few self-links, which the metrics skip
    print(f"{'actors':>7} {'links':>7} {'pairs':>7} {'rdf':>8} {'measures':>9} {'betw.exact':>11} "
          f"{'betw.k=' + str(args.sample):>11} {'ratio':>6} {'measures(k)':>11} {'timeline':>9} {'dates':>6}")
    for n in args.sizes:
        pole = bench_pole(n)
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
