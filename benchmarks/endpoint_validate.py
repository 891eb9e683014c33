"""Validation where the data lives: ``ptce validate --endpoint URL --graph IRI`` against the local run.

For each size, a synthetic registry is published into the store at
``--endpoint`` (skolemised, as ``ptce publish`` does), then validated twice as
a user types it, each in a new process: on the store (the batch engine's
queries sent over SPARQL) and locally on the same triples (the skolemised
export).  Prints wall clock and processor time of both, Oxigraph's bare parse
of the file measured just before (the floor, for ratios on a shared
machine), the requests sent, and whether the two JSON reports are identical
byte for byte.  Start the store yourself (credentials in PTCE_STORE_USER and
PTCE_STORE_PASSWORD for one that needs them)::

    oxigraph serve --location /tmp/ox --bind 127.0.0.1:7878 &
    python benchmarks/endpoint_validate.py --endpoint http://127.0.0.1:7878/query --sizes 10 100 1000
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

AS_OF = "2026-11-26"
GRAPH = "https://example.org/graph/benchmark-registry"


def _typed(arguments: list[str]) -> tuple[float, float]:
    """``ptce ARGUMENTS`` in a new process: wall clock and processor time (s)."""
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "ptce_graph", *arguments], env=environment,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise RuntimeError(f"ptce {' '.join(arguments)} failed: {process.stderr.read().decode()[-500:]}")  # type: ignore[union-attr]
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime


def measure(size: int, endpoint: str, kind: str, workdir: Path) -> dict:
    import pyoxigraph as ox

    from benchmarks.generate import write_registry
    from ptce_graph.io import load
    from ptce_graph.publish import publish

    path = workdir / f"registry-{size}.ttl"
    if not path.exists():
        write_registry(size, path)
    local = workdir / f"registry-{size}-skolem.ttl"
    publish(load(path), endpoint=endpoint, graph=GRAPH, kind=kind, verify=False)
    subprocess.run([sys.executable, "-m", "ptce_graph", "export", str(path), "--skolemize", "-o", str(local)],
                   check=True, env={**os.environ, "PYTHONPATH": str(REPO)})
    row: dict = {"poles": size}
    start = time.perf_counter()
    sum(1 for _ in ox.parse(path=str(local), format=ox.RdfFormat.TURTLE))
    row["oxigraph_parse_s"] = time.perf_counter() - start
    options = ["--as-of", AS_OF, "-f", "json"]
    remote_out, local_out = workdir / f"remote-{size}.json", workdir / f"local-{size}.json"
    remote = ["validate", "--endpoint", endpoint, "--endpoint-kind", kind, "--graph", GRAPH]
    row["endpoint_s"], row["endpoint_cpu_s"] = _typed([*remote, *options, "-o", str(remote_out)])
    row["local_s"], row["local_cpu_s"] = _typed(["validate", str(local), *options, "-o", str(local_out)])
    row["identical"] = remote_out.read_bytes() == local_out.read_bytes()
    row["endpoint_over_local"] = row["endpoint_s"] / row["local_s"]
    return row


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--endpoint", required=True, help="the store's SPARQL endpoint")
    parser.add_argument("--kind", default="auto", help="oxigraph, virtuoso, fuseki, generic (default: recognised)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100])
    parser.add_argument("--workdir", default=None)
    args = parser.parse_args(argv)
    workdir = Path(args.workdir or tempfile.mkdtemp(prefix="ptce-endpoint-"))
    workdir.mkdir(parents=True, exist_ok=True)
    rows = [measure(size, args.endpoint, args.kind, workdir) for size in args.sizes]
    print(f"{'poles':>6} {'ox parse':>9} {'endpoint':>9} {'cpu':>7} {'local':>7} {'cpu':>7} {'ratio':>6} identical")
    for r in rows:
        print(f"{r['poles']:>6} {r['oxigraph_parse_s']:>9.2f} {r['endpoint_s']:>9.2f} {r['endpoint_cpu_s']:>7.2f} "
              f"{r['local_s']:>7.2f} {r['local_cpu_s']:>7.2f} {r['endpoint_over_local']:>6.1f} {r['identical']}")
    print(json.dumps(rows, indent=2))
    return 0 if all(r["identical"] for r in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
