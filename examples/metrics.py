"""Cooperation metrics of the fictional pole (density, centralisation, E-I index, brokerage...).

    python examples/metrics.py [INPUT]   # default: the fictional pole's bundle

The cooperation graph joins the actors of a pole by their links (the
paper's three logics and partnership). Needs ptce_graph.metrics.
"""

from __future__ import annotations

import dataclasses
import json
import sys
import types
from pathlib import Path

from ptce_graph import load

try:
    from ptce_graph import metrics
except ImportError:  # pragma: no cover - depends on the installed version
    metrics = None
if isinstance(metrics, types.ModuleType):  # a module of the same name: take its function
    metrics = getattr(metrics, "metrics", None)

HERE = Path(__file__).resolve().parent


def main(argv: list[str]) -> int:
    if metrics is None or not callable(metrics):
        print("this example needs ptce_graph.metrics (the cooperation metrics)", file=sys.stderr)
        return 2
    graph = load(Path(argv[0]) if argv else HERE / "fictional-pole" / "bundle")
    for pole_metrics in metrics(graph):
        if hasattr(pole_metrics, "to_dict"):
            data = pole_metrics.to_dict()
        else:
            data = dataclasses.asdict(pole_metrics)
        print(json.dumps(data, ensure_ascii=False, indent=2, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
