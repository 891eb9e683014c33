"""The embedded Oxigraph store: round trip, rdflib's literals, atomic replacement, loading files without rdflib."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from ptce_graph.errors import InputError, OutputError
from ptce_graph.namespaces import PTCE
from ptce_graph.publish import EmbeddedStore, query
from tests.publish.graphs import fictional_pole

POLE = "https://w3id.org/ptce/id/pole/pole-fictif-des-coteaux"


SCOP = URIRef(POLE + "/actor/scop-a")


BY_NAME = "SELECT ?actor WHERE { ?actor a ptce:Actor ; rdfs:label ?name }"


def test_embedded_store_round_trip_and_queries(tmp_path) -> None:  # noqa: ANN001
    source = fictional_pole().to_graph()
    graph = "https://example.org/registry/2026"
    with EmbeddedStore(tmp_path / "reg") as store:
        assert store.replace_graph(source, graph=graph) == len(source)
        assert store.graphs() == [graph] and graph in store and store.count(graph) == len(source)
        hit = store.query(BY_NAME, bindings={"name": "SCOP A (fictive)"}, graph=graph)
        assert hit.values("actor") == [SCOP]
        assert (
            store.query(BY_NAME, bindings={"name": "SCOP A (fictive)"}).rows == []
        )  # default graph is empty
        assert len(store.query(BY_NAME, union=True)) == 5
        assert query(store, "ASK { ?p a ptce:Pole }", graph=graph).boolean is True
    # Persistent: reopened, read-only, the same graph comes back, datatypes and all.
    with EmbeddedStore(tmp_path / "reg", read_only=True) as store:
        back = store.to_graph(graph)
        assert set(back) == set(source)
        folded = store.to_graph(graph, restore_datatypes=False)
        counts = {
            o.datatype for o in folded.objects(None, URIRef("https://w3id.org/ptce/ns#participantCount"))
        }
        assert counts == {XSD.integer}  # what Oxigraph keeps, which restore_datatypes undoes
        with pytest.raises(Exception, match="read-only"):
            store.add(source, graph=graph)


def test_embedded_store_literals_are_rdflib_literals() -> None:
    g = Graph()
    s = URIRef("https://example.org/s")
    g.add((s, RDFS.label, Literal("plain")))
    g.add((s, RDFS.label, Literal("Région", lang="fr-FR")))
    with EmbeddedStore() as store:
        store.add(g, graph="https://example.org/g")
        back = store.to_graph("https://example.org/g")
    assert set(back) == {(s, RDFS.label, Literal("plain")), (s, RDFS.label, Literal("Région", lang="fr-fr"))}
    assert all(o.datatype is None for o in back.objects())  # not xsd:string: rdflib's form


def test_replace_graph_is_atomic(tmp_path) -> None:  # noqa: ANN001
    first = fictional_pole().to_graph()
    with EmbeddedStore(tmp_path / "s") as store:
        store.replace_graph(first, graph="https://example.org/g")
        with pytest.raises(InputError):
            store.replace_graph(tmp_path / "missing.ttl", graph="https://example.org/g")
        assert set(store.to_graph("https://example.org/g")) == set(first)
        assert store.graphs() == ["https://example.org/g"]  # no staging graph left
        store.remove_graph("https://example.org/g")
        assert store.graphs() == [] and len(store) == 0


def test_embedded_store_loads_files_without_rdflib(tmp_path) -> None:  # noqa: ANN001
    from ptce_graph.io import save

    pole_file = tmp_path / "pole.ttl"
    save(fictional_pole(), pole_file)
    big = tmp_path / "big.nt"
    big.write_text(
        "".join(
            f'<https://example.org/s{i}> <https://example.org/p> "valeur {i}" .\n' for i in range(5_000)
        ),
        encoding="utf-8",
    )
    graph = "https://example.org/registry"
    with EmbeddedStore(tmp_path / "store") as store:
        assert store.load_file(big, graph=graph) == 5_000
        assert store.load_file(pole_file, graph=graph, replace=False) == len(fictional_pole().to_graph())
        assert store.count(graph) == 5_000 + len(fictional_pole().to_graph())
        assert store.load_file(pole_file, graph=graph) == len(fictional_pole().to_graph())
        assert set(store.to_graph(graph)) == set(fictional_pole().to_graph())
        before = store.count(graph)
        broken = tmp_path / "broken.ttl"
        broken.write_text("@prefix ex: <https://example.org/> .\nex:a ex:p 1 .\nex:b ex:p \n", "utf-8")
        with pytest.raises(InputError, match="syntax error"):
            store.load_file(broken, graph=graph)
        long_iri = tmp_path / "long.nt"
        long_iri.write_text(
            '<https://example.org/a> <https://example.org/p> "x" .\n'
            f'<https://example.org/{"x" * 5000}> <https://example.org/p> "y" .\n',
            "utf-8",
        )
        with pytest.raises(InputError, match="an IRI of 5020 characters") as caught:
            store.load_file(long_iri, graph=graph)
        assert caught.value.line == 2
        control = tmp_path / "control.nt"
        control.write_bytes(
            b'<https://example.org/a> <https://example.org/p> "nul \\x00 here" .\n'.replace(b"\\x00", b"\x00")
        )
        with pytest.raises(InputError, match="control character"):
            store.load_file(control, graph=graph)
        with pytest.raises(InputError, match="Turtle and N-Triples"):
            store.load_file(tmp_path / "x.jsonld", graph=graph)
        assert store.count(graph) == before and store.graphs() == [graph]


def test_a_store_view_is_read_only() -> None:
    pole = URIRef("https://w3id.org/ptce/id/pole/pole-fictif-des-coteaux")
    with EmbeddedStore() as store:
        store.add(fictional_pole().to_graph(), graph="https://example.org/g")
        view = store.view("https://example.org/g")
        assert len(view) == store.count("https://example.org/g")
        assert set(view.subjects(RDF.type, PTCE.Pole)) == {pole}
        with pytest.raises(OutputError):
            view.add((pole, RDF.type, PTCE.Pole))


def test_in_memory_the_load_runs_beside_the_checks_and_a_failed_check_takes_it_back(tmp_path) -> None:  # noqa: ANN001
    """An in-memory store loads a file into a new graph on a thread while the checks run: the same triples
    as a store on disk (loaded one after the other); a check that fails leaves no graph and no triple, also
    when the failing line comes after many good ones (the load is done or under way when it fails)."""
    from ptce_graph.io import save

    pole_file = tmp_path / "pole.ttl"
    save(fictional_pole(), pole_file)
    graph = "https://example.org/registry"
    with EmbeddedStore() as memory, EmbeddedStore(tmp_path / "store") as disk:
        assert memory.load_file(pole_file, graph=graph) == disk.load_file(pole_file, graph=graph)
        assert set(memory.to_graph(graph)) == set(disk.to_graph(graph)) == set(fictional_pole().to_graph())
    good = "".join(f'<https://example.org/s{i}> <https://example.org/p> "valeur {i}" .\n' for i in range(20_000))
    for bad in ('<https://example.org/z> <https://example.org/p> "nul \x00 ici" .\n',  # a control character
                f'<https://example.org/{"x" * 5000}> <https://example.org/p> "y" .\n'):  # an IRI too long
        hostile = tmp_path / "hostile.nt"
        hostile.write_text(good + bad, encoding="utf-8")
        with EmbeddedStore() as store:
            with pytest.raises(InputError) as caught:
                store.load_file(hostile, graph=graph)
            assert caught.value.line == 20_001
            assert store.graphs() == [] and len(store) == 0
