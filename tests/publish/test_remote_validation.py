"""``ptce validate --endpoint URL --graph IRI``: the batch engine's queries on a SPARQL store, same reports.

The registry is published (``ptce publish``'s function, blank nodes skolemised
as it does by default), validated where it lives, and the reports compared
byte for byte with the local run on the same triples (the skolemised export).
The in-process Oxigraph-protocol store (:func:`tests.publish.servers.in_process`)
serves the refusals in the default run and the comparison under ``-m slow``; the
``store`` tests use Oxigraph's
server and Virtuoso (``LATERAL`` not sent, Virtuoso's ``ASK`` answered as a
result set, its update and query endpoints, digest authentication).
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import BNode
from rdflib.namespace import RDF, RDFS

from ptce_graph.cli import main
from ptce_graph.io import load, load_all
from ptce_graph.namespaces import PTCE
from ptce_graph.publish import publish
from ptce_graph.publish.remote_store import RemoteStore
from tests.publish import servers
from tests.publish.servers import StoreServer

ROOT = Path(__file__).resolve().parents[2]
FICTIONAL = ROOT / "examples" / "fictional-pole" / "fictional-pole.ttl"
GRAPH = "https://example.org/graph/registry"
AS_OF = "2026-11-26"


def _same_as_local(endpoint: str, kind: str, sources: list[Path], tmp_path: Path, definitions: tuple[str, ...],
                   formats: tuple[str, ...] = ("json",)) -> None:
    local = tmp_path / "local.ttl"
    assert main(["export", *map(str, sources), "--skolemize", "-o", str(local)]) == 0
    for definition in definitions:
        for fmt in formats:
            remote_out, local_out = tmp_path / f"remote-{definition}.{fmt}", tmp_path / f"local-{definition}.{fmt}"
            options = ["--as-of", AS_OF, "-d", definition, "-f", fmt, "--lang", "en"]
            code = main(["validate", "--endpoint", endpoint, "--endpoint-kind", kind, "--graph", GRAPH, *options,
                         "-o", str(remote_out)])
            assert code == main(["validate", str(local), *options, "-o", str(local_out)])
            assert remote_out.read_bytes() == local_out.read_bytes(), (definition, fmt)


@pytest.mark.slow  # a few seconds: the store answers each of the reports' look-ups over HTTP
def test_the_endpoint_gives_the_local_reports(tmp_path: Path) -> None:
    with servers.in_process() as store:
        publish(load(FICTIONAL), endpoint=store.endpoint, graph=GRAPH, kind="oxigraph")
        _same_as_local(store.endpoint, "oxigraph", [FICTIONAL], tmp_path, ("law-2014",), ("json", "human"))
        # The working triples went into a graph of their own, dropped at the end.
        assert {g.value for g in store.store.named_graphs()} == {GRAPH}


def test_what_cannot_be_validated_there_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with servers.in_process() as store:
        data = load(FICTIONAL)
        pole = next(data.subjects(RDF.type, PTCE.Pole))
        data.add((pole, RDFS.seeAlso, BNode()))
        publish(data, endpoint=store.endpoint, graph=GRAPH, kind="oxigraph", skolemize=False)
        command = ["validate", "--endpoint", store.endpoint, "--endpoint-kind", "oxigraph"]
        assert main([*command, "--graph", GRAPH]) == 2
        assert "blank nodes" in capsys.readouterr().err
        assert main([*command, "--graph", "https://example.org/graph/empty"]) == 2
        assert "is empty" in capsys.readouterr().err
        assert main([*command, "--graph", GRAPH, str(FICTIONAL)]) == 2
        assert main([*command]) == 2
        assert main(["validate", "--graph", GRAPH, str(FICTIONAL)]) == 2
        assert main(["validate"]) == 2
        assert "nothing to validate" in capsys.readouterr().err
        assert {g.value for g in store.store.named_graphs()} == {GRAPH}


@pytest.mark.store
def test_oxigraph_and_virtuoso_give_the_local_reports(store_server: StoreServer, tmp_path: Path,
                                                      synthetic: object,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    registry = synthetic.write_registry(4, tmp_path / "registry.ttl", seed=3)  # type: ignore[attr-defined]
    sources = [FICTIONAL, registry]
    if store_server.credentials is not None:
        monkeypatch.setenv("PTCE_STORE_USER", store_server.credentials.user)
        monkeypatch.setenv("PTCE_STORE_PASSWORD", store_server.credentials.password)
    publish(load_all(sources), endpoint=store_server.endpoint, graph=GRAPH, kind=store_server.kind,
            credentials=store_server.credentials)
    _same_as_local(store_server.endpoint, store_server.kind, sources, tmp_path, ("law-2014", "all"),
                   ("json", "turtle"))


def test_substitutions_are_sent_as_values() -> None:
    """A query pre-bound per focus node (the engine's fallback) reads the same rows over the protocol."""
    with servers.in_process() as store:
        store.store.add(ox.Quad(ox.NamedNode("https://example.org/a"), ox.NamedNode("https://example.org/p"),
                                ox.Literal("x"), ox.NamedNode(GRAPH)))
        with RemoteStore(store.endpoint, graph=GRAPH, kind="oxigraph") as remote:
            rows = list(remote.query("SELECT ?this ?v WHERE { ?this <https://example.org/p> ?v }",
                                     substitutions={ox.Variable("this"): ox.NamedNode("https://example.org/a")},
                                     default_graph=[ox.NamedNode(GRAPH)]))
            assert [(r[0], r[1]) for r in rows] == [(ox.NamedNode("https://example.org/a"), ox.Literal("x"))]
            quads = list(remote.quads_for_pattern(ox.NamedNode("https://example.org/a"), None, None))
            assert [(q.predicate, q.object) for q in quads] == [
                (ox.NamedNode("https://example.org/p"), ox.Literal("x"))]
