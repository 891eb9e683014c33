"""Every example file and bundle loads with ptce_graph.load, and says whether it is fictional."""

from __future__ import annotations

from pathlib import Path

import pytest

from ptce_graph import load, poles_from_graph
from ptce_graph.cited_table import read_cited_table
from ptce_graph.io.bundle import is_bundle

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
INPUTS = sorted(
    [p for p in EXAMPLES.rglob("*.ttl") if not p.name.endswith(".metadata.ttl")]  # metadata describes files
    + [p for p in EXAMPLES.rglob("*") if p.is_dir() and is_bundle(p)]
)


def test_there_are_examples() -> None:
    registry = len(read_cited_table(EXAMPLES / "registry-public" / "table").pole_ids())
    assert len(INPUTS) == 9 + registry  # 4 Turtle files, 5 bundles, one bundle per pole of the public registry


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: str(p.relative_to(EXAMPLES)))
def test_example_loads_and_is_marked(path: Path) -> None:
    poles = poles_from_graph(load(path))
    assert poles
    fictional = "fictional" in str(path.relative_to(EXAMPLES))
    for pole in poles:
        assert pole.fictional is fictional, f"{pole.name}: ptce:fictional must be {fictional}"
