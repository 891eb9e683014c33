"""A file loaded straight into a store says exactly what ``ptce_graph.load`` says: same triples, errors, warnings.

:func:`ptce_graph.io.store_load.load_into_store` takes three ways (Oxigraph's
own load for plain files, a checked stream for the others, the full parse for
what only it reports); whichever it takes, a registry must hold the triples
:func:`ptce_graph.load` reads, refuse what it refuses with the same located
message, and warn as it warns.  Checked on the hostile-input corpus, the
examples, and files built here to reach every branch of the scan.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib.compare import isomorphic

from ptce_graph.errors import InputError
from ptce_graph.io import load
from ptce_graph.io.store_load import NeedsFullParse, _Scan, load_into_store
from ptce_graph.publish.embedded import EmbeddedStore
from ptce_graph.registry import REGISTRY_GRAPH, Registry

ROOT = Path(__file__).resolve().parents[2]
BAD = ROOT / "tests" / "data" / "bad"
EXAMPLES = sorted((ROOT / "examples").rglob("*.ttl"))
CORPUS = sorted(p for p in BAD.iterdir() if p.suffix in (".ttl", ".nt"))

XSD = "http://www.w3.org/2001/XMLSchema#"
HEAD = "@prefix ex: <https://example.org/> .\n@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
#: name -> Turtle body: every branch of the scan and of the checked stream.
BUILT = {
    "plain.ttl": 'ex:a ex:p "x", "2020-01-01"^^xsd:date, 12, "1.50"^^xsd:decimal, true ; ex:q ex:b .',
    "escaped-quote.ttl": 'ex:a ex:p "il a dit \\"oui\\"" .',
    "escaped-accent.ttl": 'ex:a ex:p "caf\\u00E9" .',
    "escaped-control.ttl": 'ex:a ex:p "a\\u0001b" .',
    "escaped-backspace.ttl": 'ex:a ex:p "a\\bb" .',
    "escaped-file-iri.ttl": "ex:a ex:p <\\u0066ile:///etc/passwd> .",
    "file-iri.ttl": "ex:a ex:p <FILE:///tmp/x> .",
    "imports.ttl": "ex:a <http://www.w3.org/2002/07/owl#imports> ex:b, <https://example.org/c> .",
    "byte-out-of-range.ttl": 'ex:a ex:p "300"^^xsd:byte .',
    "byte-in-range.ttl": 'ex:a ex:p "30"^^xsd:byte ; ex:q "5"^^<http://www.w3.org/2001/XMLSchema#nonNegativeInteger> .',
    "negative-count.ttl": 'ex:a ex:p "-1"^^xsd:nonNegativeInteger .',
    "long-number.ttl": "ex:a ex:p " + "0" * 150 + "1 .",
    "bad-date.ttl": 'ex:a ex:p "2020-02-30"^^xsd:date .',
    "five-digit-year.ttl": 'ex:a ex:p "12020-01-01"^^xsd:date .',
    "boolean-one.ttl": 'ex:a ex:p "1"^^xsd:boolean .',
    "labelled-bnodes.ttl": '_:x ex:p "1" . _:x ex:q [ ex:r "2" ] .',
    "bom.ttl": "\ufeff" + 'ex:a ex:p "x" .',
    "relative.ttl": 'ex:a ex:p <relative> .',
    "quoted-guillemets.ttl": 'ex:a ex:p "<<pas de RDF-star>>" .',
}


def _write(folder: Path, name: str, body: str) -> Path:
    path = folder / name
    text = body if body.startswith("\ufeff") else HEAD + body + "\n"
    if body.startswith("\ufeff"):
        text = "\ufeff" + HEAD + body[1:] + "\n"
    path.write_text(text, encoding="utf-8")
    return path


def _outcome(read) -> tuple:  # type: ignore[no-untyped-def]
    """("error", message) or ("ok", graph, warnings)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            graph = read()
        except InputError as exc:
            return ("error", exc.message("en"))
    return ("ok", graph, sorted(str(w.message) for w in caught))


def _through_store(path: Path):  # type: ignore[no-untyped-def]
    with Registry() as registry:
        registry.load(path)
        return registry.store.to_graph(REGISTRY_GRAPH)


def _reference(path: Path):  # type: ignore[no-untyped-def]
    """ptce_graph.load, then the same store: Oxigraph keeps values, so both sides are compared as stored."""
    graph = load(path)
    with EmbeddedStore() as store:
        store.add(graph, graph=REGISTRY_GRAPH)
        return store.to_graph(REGISTRY_GRAPH)


def _agree(path: Path) -> tuple:
    mine, reference = _outcome(lambda: _through_store(path)), _outcome(lambda: _reference(path))
    assert mine[0] == reference[0], (mine, reference)
    if mine[0] == "error":
        assert mine[1] == reference[1]
    else:
        assert isomorphic(mine[1], reference[1]), path.name
        assert mine[2] == reference[2]
    return mine


@pytest.mark.parametrize("path", CORPUS + EXAMPLES, ids=lambda p: p.name)
def test_the_corpus_and_the_examples(path: Path) -> None:
    _agree(path)


@pytest.mark.parametrize("name", sorted(BUILT))
def test_every_branch(name: str, tmp_path: Path) -> None:
    outcome = _agree(_write(tmp_path, name, BUILT[name]))
    expected_errors = {"escaped-control.ttl", "escaped-backspace.ttl", "byte-out-of-range.ttl", "negative-count.ttl",
                       "long-number.ttl", "bad-date.ttl", "five-digit-year.ttl", "relative.ttl"}
    assert (outcome[0] == "error") == (name in expected_errors), outcome


def test_which_files_take_oxigraphs_own_load(tmp_path: Path) -> None:
    plain = {"plain.ttl", "escaped-quote.ttl", "labelled-bnodes.ttl", "bom.ttl", "relative.ttl", "bad-date.ttl",
             "five-digit-year.ttl", "boolean-one.ttl"}
    refused = {"quoted-guillemets.ttl"}  # "<<" could be RDF-star: the full parse decides
    for name, body in BUILT.items():
        try:
            scanned: bool | None = _Scan(_write(tmp_path, name, body)).plain
        except NeedsFullParse:
            scanned = None
        assert scanned == (None if name in refused else name in plain), name


def test_files_keep_their_blank_nodes_apart(tmp_path: Path) -> None:
    first = _write(tmp_path, "one.ttl", '_:x ex:p "1" .')
    second = _write(tmp_path, "two.ttl", '_:x ex:p "1" .')
    with Registry() as registry:
        assert registry.load(first, second) == 2


def test_a_refused_file_leaves_the_store_as_it_was(tmp_path: Path) -> None:
    good = _write(tmp_path, "good.ttl", BUILT["plain.ttl"])
    for name in ("bad-date.ttl", "byte-out-of-range.ttl"):  # refused after Oxigraph's load, and while streaming
        bad = _write(tmp_path, name, BUILT[name])
        store = ox.Store()
        graph = ox.NamedNode(REGISTRY_GRAPH)
        load_into_store(store, good, graph=graph, format="turtle")
        before = set(store)
        with pytest.raises(NeedsFullParse):
            load_into_store(store, bad, graph=graph, format="turtle")
        assert set(store) == before
        empty = ox.Store()
        with pytest.raises(NeedsFullParse):
            load_into_store(empty, bad, graph=graph, format="turtle")
        assert len(empty) == 0
