"""The commands hold their inputs in an Oxigraph store by default: they say exactly what the rdflib path says.

``ptce validate`` and ``ptce metrics`` read their inputs into an in-memory
Oxigraph store and validate or measure it there (:mod:`ptce_graph.registry`);
before, they read them into rdflib and called :func:`ptce_graph.legal.validate`
and :func:`ptce_graph.metrics.metrics`, which stay the reference.  The bytes of
every output format must be the same, on the examples (Turtle and bundles),
on synthetic registries (whole and damaged), on a pole without an IRI and on
several inputs at once.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from rdflib import BNode, Graph, URIRef
from rdflib.namespace import RDF

from benchmarks.generate import write_registry
from ptce_graph.cli import main
from ptce_graph.io import load, load_all, save
from ptce_graph.legal import compare_definitions, validate
from ptce_graph.metrics import metrics
from ptce_graph.metrics.render import to_json
from ptce_graph.namespaces import PTCE

ROOT = Path(__file__).resolve().parents[2]
AS_OF = "2026-11-26"


def _damaged(source: Path, target: Path, seed: int) -> Path:
    rng = random.Random(seed)
    graph = Graph()
    for triple in sorted(load(source), key=lambda t: tuple(map(str, t))):
        if triple[2] == PTCE.Pole or rng.random() > 0.15:
            graph.add(triple)
    save(graph, target)
    return target


def _blank_pole(source: Path, target: Path) -> Path:
    """The fictional pole with its IRI replaced by a blank node."""
    graph = load(source)
    pole = next(graph.subjects(RDF.type, PTCE.Pole))
    blank = BNode()
    out = Graph()
    for s, p, o in graph:
        out.add((blank if s == pole else s, p, blank if o == pole else o))
    target.write_text(out.serialize(format="nt"), encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Path]]:
    folder = tmp_path_factory.mktemp("default-engine")
    registry = write_registry(3, folder / "registry.ttl", seed=5)
    fictional = ROOT / "examples" / "fictional-pole" / "fictional-pole.ttl"
    return {
        "fictional": [fictional],
        "bundle": [ROOT / "examples" / "fictional-pole" / "bundle"],
        "variant": [ROOT / "examples" / "fictional-variants" / "citizen-initiative"],
        "paper": [ROOT / "examples" / "paper-2014" / "poles-temoins.ttl"],
        "registry": [registry],
        "damaged": [_damaged(registry, folder / "damaged.ttl", seed=1)],
        "blank-pole": [_blank_pole(fictional, folder / "blank.nt")],
        "together": [fictional, ROOT / "examples" / "paper-2014" / "le-periscope.ttl"],
    }


def _stable(turtle: bytes) -> list[bytes]:
    """The Turtle report with what derives from blank-node labels blanked (they differ from one load to the next,
    whichever path): a blank focus node and the IRI minted from it."""
    text = re.sub(rb"_:b[0-9A-Za-z]+", b"_:b", turtle)
    return sorted(re.sub(rb"shacl-result/[0-9a-f]{16}", b"shacl-result/x", text).splitlines())


def _cli(command: list[str], tmp_path: Path) -> bytes:
    out = tmp_path / "out"
    main([*command, "-o", str(out)])
    return out.read_bytes()


@pytest.mark.parametrize("name", ["fictional", "bundle", "variant", "paper", "registry", "damaged", "blank-pole",
                                  "together"])
def test_validate_says_what_the_rdflib_path_says(name: str, inputs: dict, tmp_path: Path) -> None:
    paths = [str(p) for p in inputs[name]]
    graph = load_all(paths)
    law = validate(graph, as_of=AS_OF, lang="en")
    assert _cli(["validate", *paths, "--as-of", AS_OF, "--lang", "en", "-f", "json"], tmp_path) == \
        law.to_json("en").encode()
    assert _cli(["validate", *paths, "--as-of", AS_OF, "--lang", "en"], tmp_path) == \
        law.render_text("en").encode()
    every = compare_definitions(graph, as_of=AS_OF)
    turtle = _cli(["validate", *paths, "--as-of", AS_OF, "-d", "all", "-f", "turtle"], tmp_path)
    assert _stable(turtle) == _stable(every.to_turtle().encode())
    assert _cli(["validate", *paths, "--as-of", AS_OF, "-d", "all"], tmp_path) == every.render_text("fr").encode()


@pytest.mark.parametrize("name", ["fictional", "bundle", "registry", "damaged", "together"])
def test_metrics_say_what_the_rdflib_path_says(name: str, inputs: dict, tmp_path: Path) -> None:
    paths = [str(p) for p in inputs[name]]
    reference = to_json(metrics(load_all(paths)), lang="fr").encode()
    assert _cli(["metrics", *paths, "-f", "json"], tmp_path) == reference


def test_the_rdflib_path_is_still_there(inputs: dict, tmp_path: Path) -> None:
    """--engine rdflib and --reason read the data into rdflib (pyshacl, the reasoner)."""
    paths = [str(p) for p in inputs["fictional"]]
    reference = validate(load_all(paths), as_of=AS_OF, engine="oxigraph").to_json("fr").encode()
    assert _cli(["validate", *paths, "--as-of", AS_OF, "-f", "json", "--engine", "oxigraph"], tmp_path) == reference
    assert main(["validate", *paths, "--engine", "rdflib", "--store", ":memory:"]) == 2


def test_no_pole_is_the_same_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty.ttl"
    empty.write_text(f"<{URIRef('https://example.org/x')}> <https://example.org/p> 1 .\n", encoding="utf-8")
    assert main(["validate", str(empty)]) == 2
    assert "holds no pole" in capsys.readouterr().err
    assert main(["metrics", str(empty)]) == 2
    assert "the inputs hold no pole" in capsys.readouterr().err
