"""Time ``ptce serve`` on a synthetic registry: start, pole pages, actors' Turtle, a SPARQL query.

Run:  python benchmarks/serve_bench.py [--poles 1000] [--requests 200] [--concurrency 4] [--keep DIR]

Generates the registry of ``--poles`` fictional poles (``benchmarks/generate.py``),
starts ``python -m ptce_graph serve`` on a free loopback port (the only
network used), and sends a bounded number of requests of three kinds, from
``--concurrency`` client threads:

* **pole page** — ``GET /page/pole/…`` of distinct poles drawn at random (seed 0),
  first while the pages are not rendered yet (``first visit``, the server is
  started with ``--no-warm``), then the same pages again (``again``: served
  from the page cache, as every page is once the server has rendered them);
* **actor Turtle** — ``GET /data/pole/…/actor/….ttl`` of distinct actors, first
  visit and again;
* **SPARQL** — a typical lookup (the members of one pole and their names, a
  different pole each time) sent ``--requests`` times, and an aggregate over the
  whole registry (the poles with the most members) sent 20 times by one client.

For each: p50, p95 and p99 latency in milliseconds and requests per second,
against the targets of the issue (pole page p95 < 150 ms, Turtle p95 < 30 ms on
two cores).  The server's start (load, the four definitions and the measures of
every pole, the dumps) is timed too.  Single runs on the machine at hand: on a
shared machine, the load average printed beside the figures says how much they
are worth.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

import requests  # noqa: E402
from generate import write_registry  # noqa: E402

LOOKUP = """SELECT ?member ?name WHERE {
  ?membership org:organization <%s> ; org:member ?member .
  ?member rdfs:label ?name .
}
ORDER BY ?name"""
AGGREGATE = """SELECT ?pole ?name (COUNT(?member) AS ?members) WHERE {
  ?pole a ptce:Pole ; rdfs:label ?name .
  ?membership org:organization ?pole ; org:member ?member .
}
GROUP BY ?pole ?name
ORDER BY DESC(?members) ?pole
LIMIT 20"""
TARGETS = {"pole page": 150.0, "actor Turtle": 30.0}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def cpu_seconds(pid: int) -> float:
    """User and system time of a process and its waited children (Linux /proc), in seconds."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    ticks = os.sysconf("SC_CLK_TCK")
    return sum(int(fields[i]) for i in (11, 12, 13, 14)) / ticks


def timed(session: requests.Session, url: str, headers: dict[str, str]) -> tuple[float, int]:
    started = time.perf_counter()
    answer = session.get(url, headers=headers, timeout=300)
    return (time.perf_counter() - started) * 1000, answer.status_code


def measure(base: str, paths: list[str], concurrency: int, headers: dict[str, str]) -> dict[str, float]:
    sessions = [requests.Session() for _ in range(concurrency)]
    started = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        answers = list(pool.map(lambda ip: timed(sessions[ip[0] % concurrency], base + ip[1], headers),
                                enumerate(paths)))
    wall = time.perf_counter() - started
    ordered = sorted(ms for ms, _ in answers)
    failed = sum(1 for _, status in answers if status != 200)

    def quantile(q: float) -> float:
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))]

    return {"n": len(paths), "p50": statistics.median(ordered), "p95": quantile(0.95), "p99": quantile(0.99),
            "max": ordered[-1], "rps": len(paths) / wall, "failed": failed}


def show(name: str, r: dict[str, float]) -> None:
    print(f"{name:34} {r['n']:>5} {r['p50']:>8.1f} {r['p95']:>8.1f} {r['p99']:>8.1f} {r['max']:>8.1f} "
          f"{r['rps']:>7.1f} {r['failed']:>6}", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--poles", type=int, default=1000)
    parser.add_argument("--requests", type=int, default=200, help="requests of each kind (default 200)")
    parser.add_argument("--concurrency", type=int, default=4, help="client threads (default 4)")
    parser.add_argument("--jobs", type=int, default=2, help="--jobs of ptce serve (preparation; default 2)")
    parser.add_argument("--keep", type=Path, default=None, help="folder to keep the registry and the server log in")
    args = parser.parse_args(argv)

    folder = args.keep or Path(tempfile.mkdtemp(prefix="ptce-serve-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    registry = folder / f"registry-{args.poles}.ttl"
    if not registry.exists():
        write_registry(args.poles, registry)
    store = folder / f"store-{args.poles}"
    # A store kept from a previous run is served as it is (no loading); the start then prepares it again.
    inputs = ["--store", str(store)] if store.exists() else [str(registry), "--store", str(store)]
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = open(folder / "server.log", "wb")  # noqa: SIM115 - closed at the end
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    started = time.perf_counter()
    server = subprocess.Popen([sys.executable, "-m", "ptce_graph", "serve", *inputs, "--port", str(port),
                               "--no-warm", "--jobs", str(args.jobs), "--log-level", "warning"],
                              cwd=REPO, stdout=log, stderr=subprocess.STDOUT, env=env)
    results: dict[str, dict[str, Any]] = {}
    print(f"registry and server log in {folder}", flush=True)
    try:
        while True:
            if server.poll() is not None:
                raise RuntimeError(f"the server stopped; see {folder / 'server.log'}")
            try:
                if requests.get(base + "/health", timeout=5).status_code == 200:
                    break
            except requests.ConnectionError:
                time.sleep(0.5)
        start_seconds = time.perf_counter() - started
        start_cpu = cpu_seconds(server.pid)
        load = os.getloadavg()
        print(f"ptce serve on {args.poles} synthetic poles ({registry.stat().st_size / 1e6:.1f} MB of Turtle), "
              f"{os.cpu_count()} processors, load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}"
              f"{' (the store kept from a previous run: no loading)' if '--store' == inputs[0] else ''}")
        print(f"start (load, 4 definitions and measures of every pole, dumps) until /health answers: "
              f"{start_seconds:.1f} s wall, {start_cpu:.1f} s CPU of the server process", flush=True)
        rng = random.Random(0)
        query = {"query": "SELECT ?pole WHERE { ?pole a ptce:Pole }"}
        poles = [b["pole"]["value"] for b in requests.get(base + "/sparql", params=query, timeout=300)
                 .json()["results"]["bindings"]]
        actors_query = {"query": "SELECT ?a WHERE { ?a a ptce:Actor }"}
        actors = [b["a"]["value"] for b in requests.get(base + "/sparql", params=actors_query, timeout=300)
                  .json()["results"]["bindings"]]
        prefix = "https://w3id.org/ptce/id/"
        page_paths = ["/page/" + p[len(prefix):] for p in rng.sample(poles, min(args.requests, len(poles)))]
        chosen = rng.sample(actors, min(args.requests, len(actors)))
        turtle_paths = ["/data/" + a[len(prefix):] + ".ttl" for a in chosen]
        lookups = ["/sparql?" + urlencode({"query": LOOKUP % p}) for p in rng.sample(poles, len(page_paths))]
        browser = {"Accept": "text/html", "Accept-Language": "fr"}
        json_results = {"Accept": "application/sparql-results+json"}
        print(f"{'':34} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8} {'req/s':>7} {'failed':>6}")
        cpu_before = cpu_seconds(server.pid)
        for name, paths, headers, clients in (
            ("pole page, first visit", page_paths, browser, args.concurrency),
            ("pole page, again", page_paths, browser, args.concurrency),
            ("actor Turtle, first visit", turtle_paths, {}, args.concurrency),
            ("actor Turtle, again", turtle_paths, {}, args.concurrency),
            ("SPARQL lookup (a pole's members)", lookups, json_results, args.concurrency),
            ("SPARQL aggregate (whole registry)", ["/sparql?" + urlencode({"query": AGGREGATE})] * 20, json_results, 1),
        ):
            results[name] = measure(base, paths, clients, headers)
            show(name, results[name])
        cpu_serving = cpu_seconds(server.pid) - cpu_before
        print(f"server CPU while serving: {cpu_serving:.1f} s ({args.concurrency} client threads)")
        for kind, target in TARGETS.items():
            for name, r in results.items():
                if name.startswith(kind):
                    verdict = "met" if r["p95"] < target else "NOT met"
                    print(f"target {kind} p95 < {target:.0f} ms — {name}: {r['p95']:.1f} ms ({verdict}; "
                          f"{r['p95'] / target:.2f}x the target)")
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(60)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()

    return 0


if __name__ == "__main__":
    raise SystemExit(main())
