"""Publication figures: writers, three-parser agreement, and publishing into real stores.

Run from the repository root::

    python benchmarks/publish_stores.py [--poles N] [--endpoint URL ...]

It builds a registry of N fictional poles (``benchmarks/generate.py``), writes it
as Turtle, N-Triples and JSON-LD, reads each file with rdflib, Oxigraph and
rapper, then publishes, republishes and reads back the registry with each
method into every store given by ``--endpoint`` (credentials from the
environment, as ``ptce publish`` takes them).  A throwaway Oxigraph server on
loopback, for example::

    oxigraph serve --location /tmp/bench-store --bind 127.0.0.1:7878   # then --endpoint http://127.0.0.1:7878/query

(``tests/publish/servers.py`` starts Oxigraph and Virtuoso this way for the
``store`` tests.)  It prints figures; it asserts nothing but the agreement of
the parsers and the round trips.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import pyoxigraph as ox  # noqa: E402
from rdflib import BNode, Graph, Literal, URIRef  # noqa: E402

from benchmarks.generate import registry_graph  # noqa: E402
from ptce_graph.io.bnodes import relabel_bnodes  # noqa: E402
from ptce_graph.io.serialize import to_jsonld, to_ntriples, to_turtle  # noqa: E402
from ptce_graph.publish import publish, read_graph  # noqa: E402
from ptce_graph.publish.store import Credentials  # noqa: E402

EX = "https://example.org/bench/"


def blank_chain(length: int = 300) -> Graph:
    """A chain of ``length`` blank nodes, the worst case of canonical blank-node labels."""
    graph = Graph()
    previous: URIRef | BNode = URIRef(EX + "s")
    for i in range(length):
        node = BNode()
        graph.add((previous, URIRef(EX + "next"), node))
        graph.add((node, URIRef(EX + "index"), Literal(i)))
        previous = node
    return graph


def by_value(graph: Graph) -> set[tuple[object, ...]]:
    """The triples with literals compared by value, as stores keep them (``"0.10"`` is ``0.1``,
    ``xsd:nonNegativeInteger`` folds into ``xsd:integer``) and language tags in lower case."""
    out: set[tuple[object, ...]] = set()
    for s, p, o in graph:
        if isinstance(o, Literal):
            value = o.toPython() if o.datatype is not None else str(o)
            out.add((s, p, type(value).__name__, value, (o.language or "").lower()))
        else:
            out.add((s, p, o))
    return out


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
    parser.add_argument("--endpoint", action="append", default=[], metavar="URL",
                        help="a SPARQL store to publish into (repeatable); credentials from PTCE_STORE_USER...")
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="ptce-bench-"))
    try:
        graph = registry_graph(args.poles)
        print(f"registry: {args.poles} poles, {len(graph)} triples")
        print("writers")
        files = {}
        for fmt, writer in (("ttl", to_turtle), ("nt", to_ntriples), ("jsonld", to_jsonld)):
            files[fmt] = timed(f"{writer.__name__} ({fmt})", writer, graph)
            print(f"  {'':<48} {len(files[fmt]) / 1e6:8.2f} MB")
        chain = blank_chain()
        timed(f"relabel_bnodes, a 300-long blank-node chain ({len(chain)} triples)", relabel_bnodes, chain)
        print("three parsers (triples read, seconds)")
        for fmt, data in files.items():
            counts = parsers(data, fmt, folder)
            same = len({n for n, _ in counts.values()}) == 1
            print(
                f"  {fmt:<6} "
                + ", ".join(f"{k} {n} in {t:.2f} s" for k, (n, t) in counts.items())
                + ("  (agree)" if same else "  (DISAGREE)")
            )
        credentials = Credentials.from_env()
        for endpoint in args.endpoint:
            print(f"{endpoint}")
            for method in ("gsp", "update"):
                target = f"{EX}{method}"
                report = timed(f"publish, {method}", publish, graph, endpoint=endpoint, graph=target,
                               credentials=credentials, method=method)
                print(f"  {'':<48} {report.method}, {report.requests} requests, "
                      f"{report.triples_in_store} triples stored")
                timed(f"republish (replace), {method}", publish, graph, endpoint=endpoint, graph=target,
                      credentials=credentials, method=method)
                back = timed("read back", read_graph, endpoint, target, credentials=credentials)
                ok = by_value(back) == by_value(graph)
                print(f"  {'':<48} round trip {'identical by value' if ok else 'DIFFERENT'}")
        if not args.endpoint:
            print("no --endpoint: publication into a store not measured")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
