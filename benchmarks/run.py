"""Registry-scale benchmark: load, validate, measure and export synthetic registries of N poles.

For each size (a fresh process each, so that peak memory is the size's own):

* triples, Oxigraph's bare parse of the file and its ``Store.load`` (the floor);
* ptce_graph's load into a :class:`~ptce_graph.registry.Registry` (checked stream + Oxigraph);
* legal validation under law-2014 (batch engine: the shapes run on the store, then each pole's report);
* the pipeline: load, then one pass (:meth:`~ptce_graph.registry.Registry.process`) validating
  under the four definitions, measuring and exporting deterministic Turtle;
* each step on its own as well (four definitions, metrics, export: separate calls);
* the pipeline's peak physical memory, this process and its workers together (proportional set
  size: the store's pages the workers share with it counted once), and the peak resident memory of
  the process and of the largest worker (which both include the shared store);
* pyshacl on the whole graph (rdflib store, the same law-2014 and data-quality shapes) side by side,
  for the sizes up to ``--pyshacl-max`` (it takes ~2.5 s per synthetic pole and definition).

Then the ratios (pyshacl / batch engine, ptce load / Oxigraph parse) and the exponent of a
power law fitted to the pipeline time over the sizes (1.0 is linear).  Prints a table and
writes JSON::

    python benchmarks/run.py                          # 10, 100 and 1000 poles
    python benchmarks/run.py --sizes 10 100 1000 5000 --jobs 2 --json results.json
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

AS_OF = "2026-11-26"


def _timed(fn, *args, **kwargs):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    value = fn(*args, **kwargs)
    return value, time.perf_counter() - start


class _MemorySampler:
    """The peak of the physical memory of this process and its workers together (Linux).

    Resident sizes double-count the pages forked workers share with their
    parent (the store is never copied, but each RSS includes it); the
    proportional set size (PSS) splits every shared page between the
    processes that map it, so the sum is what the machine really holds.
    Sampled every 0.25 s from ``/proc``; ``None`` where there is no ``/proc``.
    """

    def __init__(self) -> None:
        import threading

        self.peak_mb: float | None = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> _MemorySampler:
        if Path("/proc/self/smaps_rollup").exists():
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()

    @staticmethod
    def _pss_kb(pid: str) -> int:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    return int(line.split()[1])
        except OSError:
            pass
        return 0

    def _run(self) -> None:
        me = str(os.getpid())
        while not self._stop.wait(0.25):
            children: list[str] = []
            for task in Path(f"/proc/{me}/task").iterdir():
                try:
                    children += (task / "children").read_text().split()
                except OSError:
                    continue
            total = sum(self._pss_kb(pid) for pid in [me, *children]) / 1024
            self.peak_mb = max(self.peak_mb or 0.0, total)


def measure(size: int, workdir: Path, *, jobs: int, pyshacl_max: int) -> dict:
    """Every figure of one size (run in its own process by :func:`main`)."""
    import pyoxigraph as ox

    from benchmarks.generate import write_registry
    from ptce_graph.legal.store_validation import StoreValidation
    from ptce_graph.registry import REGISTRY_GRAPH, Registry

    registry_graph = ox.NamedNode(REGISTRY_GRAPH)

    warnings.simplefilter("ignore")
    path = workdir / f"registry-{size}.ttl"
    if not path.exists():
        write_registry(size, path)
    row: dict = {"poles": size, "bytes": path.stat().st_size, "jobs": jobs}
    _, row["oxigraph_parse_s"] = _timed(lambda: sum(1 for _ in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)))
    _, row["oxigraph_store_load_s"] = _timed(lambda: ox.Store().bulk_load(path=str(path), format=ox.RdfFormat.TURTLE))
    # The pipeline first, in a fresh store: load, then one pass (four definitions, metrics, export).
    start = time.perf_counter()
    with _MemorySampler() as sampler, Registry() as registry:
        row["triples"], row["load_s"] = _timed(registry.load, path)
        _, row["process_s"] = _timed(registry.process, as_of=AS_OF, jobs=jobs, progress=False,
                                     export=workdir / f"export-{size}.ttl")
    row["pipeline_s"] = time.perf_counter() - start
    if sampler.peak_mb is not None:
        row["pipeline_memory_mb"] = sampler.peak_mb  # this process and its workers, shared pages once
    # Then each step on its own, as the separate API calls (and CLI commands) run it.
    with Registry() as registry:
        registry.load(path)
        _, row["validate_law_2014_s"] = _timed(registry.validate, definition="law-2014", as_of=AS_OF, jobs=jobs,
                                               progress=False)
        _, row["shapes_law_2014_s"] = _timed(StoreValidation, registry.store.oxigraph, data_graph=registry_graph,
                                             definitions=(_definition("law-2014"),), as_of=_date(), jobs=jobs)
        _, row["validate_all_s"] = _timed(registry.compare, as_of=AS_OF, jobs=jobs, progress=False)
        _, row["metrics_s"] = _timed(registry.metrics, jobs=jobs, progress=False)
        _, row["export_s"] = _timed(registry.export, workdir / f"export-{size}-alone.ttl", jobs=jobs,
                                    progress=False)
    row["separate_steps_s"] = sum(row[k] for k in ("load_s", "validate_all_s", "metrics_s", "export_s"))
    # Peak resident memory of this process and of the largest worker process (they share the store's pages).
    row["peak_memory_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    row["worker_peak_memory_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    if size <= pyshacl_max:
        row.update(_pyshacl(path, jobs))
    return row


def _definition(name: str):  # type: ignore[no-untyped-def]
    from ptce_graph.legal.spec.definitions import get_definition

    return get_definition(name)


def _date():  # type: ignore[no-untyped-def]
    from ptce_graph.legal.pipeline import parse_as_of

    return parse_as_of(AS_OF)


def _pyshacl(path: Path, jobs: int) -> dict:
    """pyshacl.validate on the whole graph (rdflib) and the batch engine on the same working graph."""
    import pyshacl

    from ptce_graph.io import load
    from ptce_graph.legal.shacl.engine import run_shacl
    from ptce_graph.legal.shacl.shapes import QUALITY_FILE, shapes_file, shapes_graph
    from ptce_graph.legal.shacl.working import working_graph

    graph = load(path)
    shapes = shapes_graph((shapes_file("law-2014"), QUALITY_FILE))
    working = working_graph(graph, as_of=_date())
    run_shacl(working, shapes, engine="batch", jobs=jobs)  # warm both the same way
    batch, batch_s = _timed(run_shacl, working_graph(graph, as_of=_date()), shapes, engine="batch", jobs=jobs)
    _, pyshacl_s = _timed(pyshacl.validate, working_graph(graph, as_of=_date()), shacl_graph=shapes,
                          inference="none", inplace=True, advanced=False, do_owl_imports=False)
    reference = run_shacl(working_graph(graph, as_of=_date()), shapes, engine="rdflib")
    return {"pyshacl_law_2014_s": pyshacl_s, "batch_same_graph_s": batch_s,
            "identical_results": sorted(batch, key=lambda r: r.sort_key()) == reference}


def _fit(points: list[tuple[float, float]]) -> float | None:
    """Slope of log(time) over log(size): the exponent of a power law (least squares)."""
    pts = [(math.log(x), math.log(y)) for x, y in points if x > 0 and y > 0]
    if len(pts) < 2:
        return None
    mx = sum(x for x, _ in pts) / len(pts)
    my = sum(y for _, y in pts) / len(pts)
    den = sum((x - mx) ** 2 for x, _ in pts)
    return sum((x - mx) * (y - my) for x, y in pts) / den if den else None


#: key, heading, width, decimals
COLUMNS = [
    ("poles", "poles", 6, 0), ("triples", "triples", 9, 0), ("oxigraph_parse_s", "ox parse", 9, 2),
    ("load_s", "load", 7, 2), ("validate_law_2014_s", "law-2014", 9, 2), ("validate_all_s", "4 defs", 7, 2),
    ("metrics_s", "metrics", 8, 2), ("export_s", "export", 7, 2), ("process_s", "1 pass", 7, 2),
    ("pipeline_s", "pipeline", 9, 2), ("pipeline_memory_mb", "pipe MB", 8, 0), ("peak_memory_mb", "peak MB", 8, 0),
    ("worker_peak_memory_mb", "wkr MB", 7, 0), ("pyshacl_law_2014_s", "pyshacl", 8, 2),
    ("batch_same_graph_s", "batch", 6, 2),
]


def table(rows: list[dict]) -> str:
    lines = [" ".join(f"{label:>{width}}" for _, label, width, _ in COLUMNS)]
    for row in rows:
        lines.append(" ".join(
            f"{row[key]:>{width}.{decimals}f}" if key in row else f"{'-':>{width}}"
            for key, _, width, decimals in COLUMNS))
    return "\n".join(lines)


def summary(rows: list[dict]) -> dict:
    out: dict = {}
    for row in rows:
        row["load_over_oxigraph_parse"] = row["load_s"] / row["oxigraph_parse_s"]
        row["load_over_oxigraph_store_load"] = row["load_s"] / row["oxigraph_store_load_s"]
        if "pyshacl_law_2014_s" in row:
            row["pyshacl_over_batch"] = row["pyshacl_law_2014_s"] / row["batch_same_graph_s"]
            row["pyshacl_s_per_pole"] = row["pyshacl_law_2014_s"] / row["poles"]
    out["pipeline_exponent"] = _fit([(r["poles"], r["pipeline_s"]) for r in rows])
    out["validate_law_2014_exponent"] = _fit([(r["poles"], r["validate_law_2014_s"]) for r in rows])
    measured = [r for r in rows if "pyshacl_s_per_pole" in r]
    if measured:
        per_pole = measured[-1]["pyshacl_s_per_pole"]
        out["pyshacl_s_per_pole"] = per_pole
        out["pyshacl_estimated_over_registry_validation"] = {
            r["poles"]: per_pole * r["poles"] / r["validate_law_2014_s"] for r in rows}
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    parser.add_argument("--jobs", type=int, default=2,
                        help="threads of the SHACL engine and worker processes for the poles (default 2)")
    parser.add_argument("--pyshacl-max", type=int, default=10,
                        help="measure pyshacl up to this many poles (default 10)")
    parser.add_argument("--workdir", default=None, help="where registries are generated (default: a temp dir)")
    parser.add_argument("--json", default=None, help="write the figures to this JSON file")
    parser.add_argument("--one", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    workdir = Path(args.workdir or tempfile.mkdtemp(prefix="ptce-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    if args.one is not None:
        print(json.dumps(measure(args.one, workdir, jobs=args.jobs, pyshacl_max=args.pyshacl_max)))
        return 0
    rows = []
    for size in args.sizes:
        done = subprocess.run(
            [sys.executable, __file__, "--one", str(size), "--jobs", str(args.jobs),
             "--pyshacl-max", str(args.pyshacl_max), "--workdir", str(workdir)],
            check=True, capture_output=True, text=True,
        )
        rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
        print(f"{size} poles done", file=sys.stderr)
    result = {"machine": {"python": platform.python_version(), "system": platform.platform(),
                          "cpus": os.cpu_count()}, "rows": rows, "summary": summary(rows)}
    print(table(rows))
    print(json.dumps(result["summary"], indent=2))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
