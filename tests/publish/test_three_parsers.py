"""Every Turtle, N-Triples and JSON-LD file ptce_graph writes reads back to the same graph
in three independent parsers: rdflib, Oxigraph (pyoxigraph) and raptor's ``rapper``.

rapper reads Turtle and N-Triples but not JSON-LD: JSON-LD is compared with
rdflib and Oxigraph only.  Oxigraph and rapper write language tags in lower
case, so tags are compared in lower case (ptce_graph writes them in lower
case anyway).  ptce_graph refuses NUL and other control characters on input,
which rapper would truncate literals at.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from rdflib import Graph

from ptce_graph.io.bnodes import skolemize
from ptce_graph.io.serialize import to_jsonld, to_ntriples, to_turtle
from ptce_graph.publish.metadata import DatasetInfo, dataset_metadata, merged_prefixes
from ptce_graph.resources import ontology_graph
from tests.publish.graphs import edge_case_graph, fictional_pole, lower_lang, same_graph
from tests.strategies import examples, poles

RAPPER = shutil.which("rapper")
needs_rapper = pytest.mark.skipif(
    RAPPER is None, reason="raptor's rapper is not installed (apt-get install raptor2-utils)"
)


@pytest.fixture(autouse=True)
def exact_literals(monkeypatch: pytest.MonkeyPatch) -> None:
    """Compare lexical forms exactly: rdflib would rewrite "007"^^xsd:integer as "7" when parsing."""
    import rdflib

    monkeypatch.setattr(rdflib, "NORMALIZE_LITERALS", False)


def parse_rdflib(data: bytes, fmt: str) -> Graph:
    return lower_lang(
        Graph().parse(
            data=data.decode("utf-8"), format={"ttl": "turtle", "nt": "nt", "jsonld": "json-ld"}[fmt]
        )
    )


def parse_oxigraph(data: bytes, fmt: str) -> Graph:
    form = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD}[fmt]
    lines = "".join(f"{q.subject} {q.predicate} {q.object} .\n" for q in ox.parse(data, format=form))
    return lower_lang(Graph().parse(data=lines, format="nt"))


def parse_rapper(data: bytes, fmt: str, tmp: Path) -> Graph:
    path = tmp / f"input.{fmt}"
    path.write_bytes(data)
    done = subprocess.run(
        [
            RAPPER,
            "-q",
            "-f",
            "noNet=1",
            "-i",
            {"ttl": "turtle", "nt": "ntriples"}[fmt],
            "-o",
            "ntriples",
            str(path),
            "http://example.invalid/base",
        ],
        capture_output=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")[:500]
    return lower_lang(Graph().parse(data=done.stdout.decode("utf-8"), format="nt"))


def check_all_parsers(graph: Graph, tmp: Path) -> dict[str, int]:
    """Write the graph three ways, parse each with every parser, compare. Returns triple counts."""
    expected = lower_lang(graph)
    counts = {}
    for fmt, data in (("ttl", to_turtle(graph)), ("nt", to_ntriples(graph)), ("jsonld", to_jsonld(graph))):
        parsed = {"rdflib": parse_rdflib(data, fmt), "oxigraph": parse_oxigraph(data, fmt)}
        if fmt != "jsonld" and RAPPER is not None:
            parsed["rapper"] = parse_rapper(data, fmt, tmp)
        for name, g in parsed.items():
            assert len(g) == len(expected), f"{name} read {len(g)} triples of {len(expected)} from {fmt}"
            assert same_graph(g, expected), f"{name} read a different graph from {fmt}"
        counts[fmt] = len(expected)
    return counts


def test_fictional_pole_in_three_parsers(tmp_path: Path) -> None:
    counts = check_all_parsers(fictional_pole().to_graph(), tmp_path)
    assert counts["ttl"] == counts["nt"] == counts["jsonld"] == len(fictional_pole().to_graph())


def test_edge_cases_in_three_parsers(tmp_path: Path) -> None:
    graph = edge_case_graph()
    check_all_parsers(graph, tmp_path)
    check_all_parsers(skolemize(graph), tmp_path)


def test_metadata_in_three_parsers(tmp_path: Path) -> None:
    meta = dataset_metadata(
        fictional_pole().to_graph(),
        DatasetInfo(license="https://www.etalab.gouv.fr/licence-ouverte-open-licence/", issued="2026-01-15"),
    )
    check_all_parsers(meta, tmp_path)
    data = to_turtle(meta, prefixes=merged_prefixes())  # the prefixes metadata files are written with
    assert same_graph(parse_oxigraph(data, "ttl"), lower_lang(meta))


@pytest.mark.slow
def test_ontology_in_three_parsers(tmp_path: Path) -> None:
    onto = Graph()
    for t in ontology_graph():
        onto.add(t)
    assert check_all_parsers(onto, tmp_path)["ttl"] == len(onto)


@needs_rapper
@pytest.mark.parametrize("budget", examples(25))
def test_generated_poles_in_three_parsers(tmp_path: Path, budget: int) -> None:
    @settings(max_examples=budget, deadline=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(poles())
    def in_three_parsers(pole) -> None:  # noqa: ANN001
        check_all_parsers(pole.to_graph(), tmp_path)

    in_three_parsers()


@needs_rapper
def test_rapper_rejects_what_it_should(tmp_path: Path) -> None:
    """The third parser is a real check: it fails on broken Turtle."""
    path = tmp_path / "bad.ttl"
    path.write_text(
        '<https://example.org/s> <https://example.org/p> "x"\n<https://example.org/t> '
        '<https://example.org/p> "y" .\n',
        encoding="utf-8",
    )
    done = subprocess.run([RAPPER, "-q", "-i", "turtle", "-c", str(path)], capture_output=True, timeout=60)
    assert done.returncode != 0
