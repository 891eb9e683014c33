"""Publication figures: writers, three-parser agreement, and publishing into real stores.

Run from the repository root: ``python benchmarks/publish_stores.py [--poles N]``.
It builds a registry of N fictional poles (copies of the test pole under other
ids), writes it as Turtle, N-Triples and JSON-LD, reads each file with rdflib,
Oxigraph and rapper, then starts Oxigraph's server and Virtuoso (when
installed; on loopback, throwaway databases) and publishes, republishes and
reads back the registry with each method.  It prints figures; it asserts
nothing but the agreement of the parsers and the round trips.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import pyoxigraph as ox  # noqa: E402
from rdflib import Graph  # noqa: E402

from ptce_graph.io.bnodes import relabel_bnodes  # noqa: E402
from ptce_graph.io.serialize import to_jsonld, to_ntriples, to_turtle  # noqa: E402
from ptce_graph.publish import publish, read_graph  # noqa: E402
from tests.publish import servers  # noqa: E402
from tests.publish.graphs import by_value, edge_case_graph, fictional_pole  # noqa: E402


def registry(n: int) -> Graph:
    graph = Graph()
    base = fictional_pole()
    for i in range(n):
        pole = replace(base, id=f"{base.id}-{i:05d}", name=f"{base.name} n° {i}")
        pole.to_graph(graph)
    return graph


def timed(label: str, func, *args, **kwargs):  # noqa: ANN001, ANN201
    started = time.perf_counter()
    result = func(*args, **kwargs)
    print(f"  {label:<48} {time.perf_counter() - started:8.2f} s")
    return result


def parsers(data: bytes, fmt: str, folder: Path) -> dict[str, int]:
    counts = {}
    started = time.perf_counter()
    g = Graph().parse(
        data=data.decode("utf-8"), format={"ttl": "turtle", "nt": "nt", "jsonld": "json-ld"}[fmt]
    )
    counts["rdflib"] = (len(g), time.perf_counter() - started)
    started = time.perf_counter()
    form = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD}[fmt]
    counts["oxigraph"] = (sum(1 for _ in ox.parse(data, format=form)), time.perf_counter() - started)
    rapper = shutil.which("rapper")
    if rapper and fmt != "jsonld":
        path = folder / f"registry.{fmt}"
        path.write_bytes(data)
        started = time.perf_counter()
        done = subprocess.run(
            [rapper, "-q", "-i", "turtle" if fmt == "ttl" else "ntriples", "-o", "ntriples", str(path)],
            capture_output=True,
            check=True,
        )
        counts["rapper"] = (done.stdout.count(b"\n"), time.perf_counter() - started)
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--poles", type=int, default=500, help="number of poles in the registry (default 500)"
    )
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="ptce-bench-"))
    try:
        graph = registry(args.poles)
        print(f"registry: {args.poles} poles, {len(graph)} triples")
        print("writers")
        files = {}
        for fmt, writer in (("ttl", to_turtle), ("nt", to_ntriples), ("jsonld", to_jsonld)):
            files[fmt] = timed(f"{writer.__name__} ({fmt})", writer, graph)
            print(f"  {'':<48} {len(files[fmt]) / 1e6:8.2f} MB")
        chain = edge_case_graph()
        timed(f"relabel_bnodes, edge cases ({len(chain)} triples, 300-long chain)", relabel_bnodes, chain)
        print("three parsers (triples read, seconds)")
        for fmt, data in files.items():
            counts = parsers(data, fmt, folder)
            same = len({n for n, _ in counts.values()}) == 1
            print(
                f"  {fmt:<6} "
                + ", ".join(f"{k} {n} in {t:.2f} s" for k, (n, t) in counts.items())
                + ("  (agree)" if same else "  (DISAGREE)")
            )
        for name, start in (("oxigraph", servers.oxigraph), ("virtuoso", servers.virtuoso)):
            try:
                context = start()
                server = context.__enter__()
            except servers.ServerUnavailable as exc:
                print(f"{name}: skipped ({exc})")
                continue
            try:
                print(f"{name} (loopback, throwaway database)")
                methods = ("gsp", "update")
                for method in methods:
                    target = f"https://example.org/bench/{method}"
                    report = timed(
                        f"publish, {method}",
                        publish,
                        graph,
                        endpoint=server.endpoint,
                        graph=target,
                        credentials=server.credentials,
                        method=method,
                    )
                    print(
                        f"  {'':<48} {report.method}, {report.requests} requests, "
                        f"{report.triples_in_store} triples stored"
                    )
                    timed(
                        f"republish (replace), {method}",
                        publish,
                        graph,
                        endpoint=server.endpoint,
                        graph=target,
                        credentials=server.credentials,
                        method=method,
                    )
                    back = timed(
                        "read back", read_graph, server.endpoint, target, credentials=server.credentials
                    )
                    ok = set(by_value(back)) == set(by_value(graph))
                    print(f"  {'':<48} round trip {'identical by value' if ok else 'DIFFERENT'}")
            finally:
                context.__exit__(None, None, None)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
