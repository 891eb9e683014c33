"""DCAT and VoID metadata, ``ptce export --with-metadata``, persistent IRIs."""

from __future__ import annotations

import hashlib
import json
import subprocess
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, XSD

from ptce_graph.errors import InputError, OutputError
from ptce_graph.io import load, save
from ptce_graph.namespaces import DCAT, PTCE, VOID
from ptce_graph.publish import DatasetInfo, EmbeddedStore, dataset_metadata, export
from ptce_graph.publish.metadata import store_void_counts, vocabulary_versions, void_counts
from tests.console import run_ptce
from tests.publish.graphs import fictional_pole

POLE = URIRef("https://w3id.org/ptce/id/pole/pole-fictif-des-coteaux")
DATASET = URIRef(str(POLE) + "/dataset")
ETALAB = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"
SPDX = "http://spdx.org/rdf/terms#"


def _int(g: Graph, s: URIRef, p: URIRef) -> int:
    values = list(g.objects(s, p))
    assert len(values) == 1, (s, p, values)
    return int(values[0])


@pytest.fixture(scope="module")
def pole_graph() -> Graph:
    return fictional_pole().to_graph()


def test_void_counts_are_exact(pole_graph: Graph) -> None:
    meta = dataset_metadata(pole_graph, DatasetInfo(license=ETALAB, issued="2026-01-15"))
    subjects = set(pole_graph.subjects())
    assert _int(meta, DATASET, VOID.triples) == len(pole_graph)
    assert _int(meta, DATASET, VOID.entities) == len(subjects)  # no blank node in a model pole
    assert _int(meta, DATASET, VOID.distinctSubjects) == len(subjects)
    assert _int(meta, DATASET, VOID.distinctObjects) == len(set(pole_graph.objects()))
    assert _int(meta, DATASET, VOID.properties) == len(set(pole_graph.predicates()))
    classes = set(pole_graph.objects(None, RDF.type))
    assert _int(meta, DATASET, VOID.classes) == len(classes)
    # One class partition per class, with its entity count; one property partition per property.
    partitions = {
        meta.value(part, VOID["class"]): _int(meta, part, VOID.entities)
        for part in meta.objects(DATASET, VOID.classPartition)
    }
    assert partitions[PTCE.Actor] == 5 and partitions[PTCE.Pole] == 1 and partitions[PTCE.Membership] == 5
    assert len(partitions) == len(classes)
    by_property = {
        meta.value(part, VOID.property): _int(meta, part, VOID.triples)
        for part in meta.objects(DATASET, VOID.propertyPartition)
    }
    assert sum(by_property.values()) == len(pole_graph)
    assert by_property[RDF.type] == len(list(pole_graph.triples((None, RDF.type, None))))
    assert set(meta.objects(DATASET, VOID.vocabulary)) >= {
        URIRef("https://w3id.org/ptce/ns#"),
        URIRef("http://www.w3.org/ns/org#"),
    }
    assert meta.value(DATASET, VOID.exampleResource) == POLE


def test_dcat_description(pole_graph: Graph) -> None:
    info = DatasetInfo(
        license=ETALAB,
        publisher="Collectif fictif",
        issued="2026-01-15",
        modified="2026-02-01",
        sources=["https://example.org/enquete-2025"],
        keywords=["coopération"],
    )
    meta = dataset_metadata(pole_graph, info)
    assert set(meta.objects(DATASET, RDF.type)) == {DCAT.Dataset, VOID.Dataset}
    titles = {(str(t), t.language) for t in meta.objects(DATASET, DCTERMS.title)}
    assert titles == {
        ("Pôle territorial de coopération économique : Pôle fictif des Coteaux", "fr"),
        ("Territorial pole of economic cooperation: Pôle fictif des Coteaux", "en"),
    }
    assert meta.value(DATASET, DCTERMS.license) == URIRef(ETALAB)
    publisher = meta.value(DATASET, DCTERMS.publisher)
    assert str(publisher) == "https://w3id.org/ptce/id/agent/Collectif%20fictif"
    assert meta.value(DATASET, DCTERMS.issued) == Literal("2026-01-15", datatype=XSD.date)
    assert meta.value(DATASET, DCTERMS.modified) == Literal("2026-02-01", datatype=XSD.date)
    sources = set(meta.objects(DATASET, DCTERMS.source))
    assert URIRef("https://example.org/enquete-2025") in sources
    assert {Literal("coopération", lang="fr"), Literal("PTCE", lang="fr")} <= set(
        meta.objects(DATASET, DCAT.keyword)
    )
    assert URIRef("http://publications.europa.eu/resource/authority/language/FRA") in set(
        meta.objects(DATASET, DCTERMS.language)
    )
    # The ontology and shapes versions the data was written with.
    conforms = set(meta.objects(DATASET, DCTERMS.conformsTo))
    assert URIRef("https://w3id.org/ptce/ns/0.1.0") in conforms
    assert {v or o for o, v, _ in vocabulary_versions()} == conforms


def test_dates_and_iris_are_checked(pole_graph: Graph) -> None:
    with pytest.raises(InputError, match="not a date"):
        dataset_metadata(pole_graph, DatasetInfo(license=ETALAB, issued="15/01/2026"))
    with pytest.raises(InputError, match="before issued"):
        dataset_metadata(pole_graph, DatasetInfo(license=ETALAB, issued="2026-02-01", modified="2026-01-01"))
    with pytest.raises(InputError, match="not an absolute IRI"):
        dataset_metadata(pole_graph, DatasetInfo(license="CC BY"))
    with pytest.warns(UserWarning, match="no licence"):
        dataset_metadata(pole_graph, DatasetInfo(issued="2026-01-15"))


def test_source_date_epoch_makes_metadata_reproducible(
    pole_graph: Graph, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01T00:00:00Z
    meta = dataset_metadata(pole_graph, DatasetInfo(license=ETALAB))
    assert meta.value(DATASET, DCTERMS.issued) == Literal("2026-01-01", datatype=XSD.date)


@pytest.mark.parametrize("suffix", [".ttl", ".jsonld", ".nt"])
def test_export_with_metadata_describes_the_file(tmp_path: Path, pole_graph: Graph, suffix: str) -> None:
    target = tmp_path / f"pole{suffix}"
    info = DatasetInfo(license=ETALAB, issued="2026-01-15", download_url="https://data.example.org/ptce/")
    result = export(pole_graph, target, with_metadata=True, info=info)
    assert result.metadata == tmp_path / f"pole.metadata{suffix}"
    meta = load(result.metadata)
    dist = meta.value(DATASET, DCAT.distribution)
    data = target.read_bytes()
    assert int(meta.value(dist, DCAT.byteSize)) == len(data)
    checksum = meta.value(dist, URIRef(SPDX + "checksum"))
    assert str(meta.value(checksum, URIRef(SPDX + "checksumValue"))) == hashlib.sha256(data).hexdigest()
    assert str(meta.value(dist, DCAT.downloadURL)) == f"https://data.example.org/ptce/pole{suffix}"
    media = {".ttl": "text/turtle", ".jsonld": "application/ld+json", ".nt": "application/n-triples"}[suffix]
    assert str(meta.value(dist, DCAT.mediaType)).endswith(media)
    # Exporting again gives the same bytes, data and metadata.
    before = (target.read_bytes(), result.metadata.read_bytes())
    export(pole_graph, target, with_metadata=True, info=info)
    assert (target.read_bytes(), result.metadata.read_bytes()) == before


def test_export_without_metadata_is_save(tmp_path: Path, pole_graph: Graph) -> None:
    export(pole_graph, tmp_path / "a.ttl")
    save(pole_graph, tmp_path / "b.ttl")
    assert (tmp_path / "a.ttl").read_bytes() == (tmp_path / "b.ttl").read_bytes()
    with pytest.raises(OutputError, match="RDF files"):
        export(pole_graph, tmp_path / "bundle", format="bundle", with_metadata=True)


def _ptce(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return run_ptce(*args, cwd=cwd)


def test_cli_export_with_metadata(tmp_path: Path) -> None:
    save(fictional_pole(), tmp_path / "in.ttl")
    done = _ptce(
        "export",
        "in.ttl",
        "-o",
        "out.jsonld",
        "--with-metadata",
        "--license",
        ETALAB,
        "--issued",
        "2026-01-15",
        "--title",
        "Pôle fictif",
        "--publisher",
        "https://example.org/nous",
        "--source",
        "https://example.org/enquete",
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    doc = json.loads((tmp_path / "out.metadata.jsonld").read_text("utf-8"))
    dataset = next(n for n in doc["@graph"] if n["id"].endswith("/dataset"))
    assert dataset["type"] == ["Dataset", "void:Dataset"]
    assert dataset["title"] == {"@value": "Pôle fictif", "@language": "fr"}
    assert dataset["license"] == ETALAB and dataset["publisher"] == "https://example.org/nous"
    assert dataset["triples"] == str(len(load(tmp_path / "out.jsonld")))
    # Metadata options without --with-metadata are a usage error, not silently ignored.
    bad = _ptce("export", "in.ttl", "-o", "x.ttl", "--license", ETALAB, cwd=tmp_path)
    assert bad.returncode == 2 and "--with-metadata" in bad.stderr
    bad_date = _ptce("export", "in.ttl", "-o", "x.ttl", "--with-metadata", "--issued", "hier", cwd=tmp_path)
    assert bad_date.returncode == 2 and "not a date" in bad_date.stderr and "Traceback" not in bad_date.stderr


def test_cli_export_skolemize(tmp_path: Path) -> None:
    (tmp_path / "in.ttl").write_text(
        '@prefix ex: <https://example.org/> .\nex:s ex:p [ ex:q [ ex:r "deep" ] ] .\n', encoding="utf-8"
    )
    assert _ptce("export", "in.ttl", "-o", "a.nt", "--skolemize", cwd=tmp_path).returncode == 0
    assert _ptce("export", "in.ttl", "-o", "b.nt", "--skolemize", cwd=tmp_path).returncode == 0
    text = (tmp_path / "a.nt").read_text("utf-8")
    assert "_:" not in text and text.count("https://w3id.org/ptce/id/genid/") == 4
    assert text == (tmp_path / "b.nt").read_text("utf-8")


def test_a_store_counts_what_python_counts(repo: Path) -> None:
    """store_void_counts (SPARQL in the store) and void_counts (rdflib) agree, so large registries can use either."""
    graph = load(repo / "examples" / "paper-2014" / "poles-temoins.ttl")
    for triple in fictional_pole().to_graph():
        graph.add(triple)
    with EmbeddedStore() as store:
        store.add(graph, graph="https://example.org/g")
        counted = store_void_counts(store, "https://example.org/g")
        assert counted == void_counts(store.to_graph("https://example.org/g", restore_datatypes=False))
        assert counted.triples == len(graph)
        described = dataset_metadata(store.view("https://example.org/g"), DatasetInfo(license=ETALAB),
                                     counts=counted)
        again = dataset_metadata(graph, DatasetInfo(license=ETALAB))
        for prop in (VOID.triples, VOID.entities, VOID.classes, VOID.properties):
            assert set(described.objects(None, prop)) == set(again.objects(None, prop))
