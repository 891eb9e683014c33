"""Time and peak memory of hostile shapes of input, from 1x to 10x: they must grow linearly.

Run:  python benchmarks/hostile_scaling.py [--scales 1 2 5 10] [--shapes ring chain ...] [--base-kb 300]

Each shape is an input of a few hundred KB at 1x (``--base-kb``), built here
(fictional data only) and read by ptce_graph in a fresh process, which reports
the wall-clock time and the growth of its peak memory (``ru_maxrss`` after the
work minus before it).  Shapes (issue 16, item 3):

* ``ring``      — a ring of blank nodes marked at one node: colour refinement needs a round
                  per hop, O(n^2) unless bounded (load + N-Triples, which labels blank nodes);
* ``chain``     — one long chain of nested blank nodes (a tree; load + N-Triples);
* ``star``      — one blank node with n blank children (load + N-Triples);
* ``bnodes``    — n independent blank nodes (load + N-Triples);
* ``actors``    — one pole with n actors and 2n links (load + the model reader);
* ``columns``   — a bundle whose actors.csv has n annotation columns: refused (more than
                  ``io.tables.MAX_COLUMNS``) at the header, how fast;
* ``wide``      — a bundle whose actors.csv has 480 annotation columns and n cells in all (read_bundle + RDF);
* ``rows``      — a bundle whose actors.csv has n rows (read_bundle + RDF);
* ``wb-wide``, ``wb-rows`` — the last two bundles as .xlsx workbooks (ptce_graph's writer), read by
                  the one loader (``load``: the zip checks, the formula scan, calamine, the bundle rules);
* ``prefix``    — prefix amplification (a 4,000-character namespace used n times): refused, how fast;
* ``jsonld``    — the same amplification through a JSON-LD @context: refused, how fast.

For each shape it prints one line per scale (input size, seconds, MB of peak
growth) and the ratios of the last scale to the first: linear growth gives
ratios near the scale ratio, quadratic near its square.  Figures are one run
on a shared machine: rough; the ratios within one run are what to compare.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EX = "https://example.org/hostile/"
P = f"<{EX}p>"

SHAPES = ("ring", "chain", "star", "bnodes", "actors", "columns", "wide", "rows", "wb-wide", "wb-rows", "prefix",
          "jsonld")
#: Annotation columns of the wide shapes: with the example's own, within the readers' cap of 500.
WIDE = 480


def _per_kb(shape: str) -> int:
    """Units of each shape in about 1 KB of input."""
    return {"ring": 16, "chain": 16, "star": 16, "bnodes": 16, "actors": 3, "columns": 40, "rows": 8,
            "wide": 60, "wb-wide": 60, "wb-rows": 8,
            "prefix": 60, "jsonld": 60}[shape]


def build(shape: str, n: int, folder: Path) -> Path:
    """Write the input of ``shape`` with ``n`` units; return its path."""
    if shape == "ring":
        lines = [f"_:r{i} {P} _:r{(i + 1) % n} .\n" for i in range(n)]
        lines.append(f'_:r0 <{EX}mark> "start" .\n')
        path = folder / "ring.nt"
        path.write_text("".join(lines))
    elif shape == "chain":
        path = folder / "chain.nt"
        path.write_text(f"<{EX}root> {P} _:c0 .\n" + "".join(f"_:c{i} {P} _:c{i + 1} .\n" for i in range(n)))
    elif shape == "star":
        path = folder / "star.nt"
        path.write_text(f"<{EX}root> {P} _:hub .\n" + "".join(f"_:hub {P} _:s{i} .\n" for i in range(n)))
    elif shape == "bnodes":
        path = folder / "bnodes.nt"
        path.write_text("".join(f'<{EX}s{i}> {P} _:b{i} .\n_:b{i} <{EX}v> "{i}" .\n' for i in range(n)))
    elif shape == "actors":
        path = folder / "actors.ttl"
        path.write_text(_big_pole(n))
    elif shape in ("columns", "wide", "rows"):
        path = folder / "bundle"
        _bundle(path, **_table_shape(shape, n))
    elif shape in ("wb-wide", "wb-rows"):
        _bundle(folder / "bundle", **_table_shape(shape[3:], n))
        path = folder / "pole.xlsx"
        _workbook(folder / "bundle", path)
    elif shape == "prefix":
        path = folder / "prefix.ttl"
        path.write_text(f"@prefix p: <{EX}{'x' * 4000}/> .\n" + "".join(f"p:s{i} p:q p:o{i} .\n" for i in range(n)))
    elif shape == "jsonld":
        path = folder / "prefix.jsonld"
        document = {"@context": {"p": f"{EX}{'x' * 4000}/"}, "@graph": [{"@id": f"p:s{i}", "p:q": {"@id": f"p:o{i}"}}
                                                                          for i in range(n)]}
        path.write_text(json.dumps(document))
    else:
        raise ValueError(shape)
    return path


def _big_pole(n: int) -> str:
    """A fictional pole with n actors (members) and 2n links, as ptce_graph writes it."""
    sys.path.insert(0, str(ROOT))
    from ptce_graph.io.serialize import to_turtle
    from ptce_graph.model import Actor, Link, Pole

    pole = Pole(id="hostile-scale", name="Pôle synthétique (fictif)", fictional=True)
    for i in range(n):
        pole.add_actor(Actor(id=f"a{i}", name=f"Acteur {i}", kind="enterprise", legal_form="association"),
                       "member")
    for i in range(2 * n):
        pole.links.append(Link(source=f"a{i % n}", target=f"a{(i * 7 + 1) % n}", logic="mutualisation",
                               start="2015"))
    return to_turtle(pole.to_graph()).decode("utf-8")


def _table_shape(shape: str, n: int) -> dict[str, int]:
    """Annotation columns and rows of actors.csv for ``n`` units of a table shape."""
    if shape == "columns":
        return {"columns": n, "rows": 0}
    if shape == "wide":
        return {"columns": WIDE, "rows": max(1, n // WIDE)}
    return {"columns": 3, "rows": n}


def _bundle(folder: Path, *, columns: int, rows: int) -> None:
    import shutil

    shutil.copytree(ROOT / "examples" / "fictional-pole" / "bundle", folder)
    actors = folder / "actors.csv"
    header, *body = [line for line in actors.read_text(encoding="utf-8").split("\n") if line]
    extra = [f"x_note_{j}" for j in range(columns)]
    out = [header + "," + ",".join(extra)]
    for i in range(max(rows, len(body))):  # every actor of the example stays: links name them
        base = body[i % len(body)].split(",")
        if i >= len(body):
            base[0] = f"{base[0]}-{i}"
        out.append(",".join(base) + "," + ",".join(f"valeur {i} {j}" for j in range(columns)))
    actors.write_text("\n".join(out) + "\n", encoding="utf-8")


def _workbook(bundle: Path, path: Path) -> None:
    """The bundle as ptce_graph writes a workbook (in a fresh process: the measured one imports nothing more)."""
    code = (f"import sys; sys.path.insert(0, {str(ROOT)!r})\n"
            "from ptce_graph.io.bundle import bundle_sheets, read_bundle\n"
            "from ptce_graph.io.workbook_writer import write_workbook\n"
            f"write_workbook({str(path)!r}, bundle_sheets(read_bundle({str(bundle)!r})))\n")
    subprocess.run([sys.executable, "-c", code], check=True, timeout=3600)


_WORK = textwrap.dedent(
    """
    import json, resource, sys, time, warnings
    sys.path.insert(0, {root!r})
    warnings.simplefilter("ignore")
    from ptce_graph.errors import InputError
    from ptce_graph.io import load, serialize
    from ptce_graph.io.bundle import read_bundle
    from ptce_graph.metrics.graph import select_poles
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    outcome = "ok"
    try:
        if {shape!r} in ("columns", "wide", "rows"):
            read_bundle({path!r}).to_graph()
        elif {shape!r} == "actors":
            select_poles(load({path!r}))
        else:
            serialize(load({path!r}), "nt")
    except InputError as exc:
        outcome = "refused: " + exc.problem[:60]
    seconds = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({{"seconds": seconds, "mb": (after - before) / 1024, "outcome": outcome}}))
    """
)


def measure(shape: str, path: Path) -> dict:
    code = _WORK.format(root=str(ROOT), shape=shape, path=str(path))
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=3600)
    if result.returncode != 0:
        return {"seconds": float("nan"), "mb": float("nan"), "outcome": "crashed: " + result.stderr[-200:]}
    return json.loads(result.stdout.strip().splitlines()[-1])


def size_of(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*")) if path.is_dir() else path.stat().st_size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 2, 5, 10])
    parser.add_argument("--shapes", nargs="+", choices=SHAPES, default=list(SHAPES))
    parser.add_argument("--base-kb", type=int, default=300, help="input size at 1x, in KB (default 300)")
    args = parser.parse_args()
    print(f"{'shape':10} {'scale':>5} {'input KB':>9} {'seconds':>8} {'peak MB':>8}  outcome")
    for shape in args.shapes:
        rows = []
        for scale in args.scales:
            with tempfile.TemporaryDirectory(prefix="ptce-hostile-") as tmp:
                n = args.base_kb * _per_kb(shape) * scale
                path = build(shape, n, Path(tmp))
                size = size_of(path)
                figures = measure(shape, path)
            rows.append((scale, size, figures))
            print(f"{shape:10} {scale:>4}x {size / 1024:>9.0f} {figures['seconds']:>8.2f} {figures['mb']:>8.1f}  "
                  f"{figures['outcome']}", flush=True)
        (s0, b0, f0), (s1, b1, f1) = rows[0], rows[-1]
        if f0["seconds"] > 0:
            print(f"{shape:10} ratio {s1 // s0}x input: time x{f1['seconds'] / f0['seconds']:.1f}, "
                  f"peak memory x{(f1['mb'] / f0['mb']) if f0['mb'] > 1 else float('nan'):.1f}  "
                  f"(input x{b1 / b0:.1f})", flush=True)


if __name__ == "__main__":
    main()
