"""The DCAT catalogue, read back by rdflib and by Oxigraph, and walked page by page as data.gouv.fr does.

udata's DCAT harvester follows ``hydra:next`` of the page that is a
``hydra:PartialCollectionView`` until there is none; it must find every
dataset once, each with distributions that download.
"""

from __future__ import annotations

import hashlib
import json

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF

from ptce_graph.namespaces import DCAT, VOID
from ptce_graph.serve.catalog import HYDRA
from tests.serve.conftest import ETALAB, FICTIONAL, Server

SPDX = "http://spdx.org/rdf/terms#"


def fetch(server: Server, url: str, fmt: str = "turtle") -> Graph:
    media = {"turtle": "text/turtle", "json-ld": "application/ld+json", "nt": "application/n-triples"}[fmt]
    answer = server.get(url.removeprefix(server.url), headers={"Accept": media})
    assert answer.status_code == 200, url
    graph = Graph().parse(data=answer.text, format=fmt)
    ox_format = {"turtle": ox.RdfFormat.TURTLE, "json-ld": ox.RdfFormat.JSON_LD, "nt": ox.RdfFormat.N_TRIPLES}[fmt]
    assert len(list(ox.parse(answer.content, format=ox_format))) == len(graph)
    return graph


def harvest(server: Server, fmt: str) -> tuple[list[URIRef], list[Graph]]:
    """What udata does: read a page, take its datasets, follow hydra:next from the PartialCollectionView."""
    url: str | None = server.url + "/catalog"
    datasets: list[URIRef] = []
    pages: list[Graph] = []
    seen: set[str] = set()
    while url is not None and url not in seen:
        seen.add(url)
        graph = fetch(server, url, fmt)
        pages.append(graph)
        datasets += sorted(graph.objects(None, DCAT.dataset), key=str)
        view = next(graph.subjects(RDF.type, HYDRA.PartialCollectionView), None)
        following = graph.value(view, HYDRA.next) if view is not None else None
        url = str(following) if following is not None else None
    return datasets, pages


@pytest.mark.parametrize("fmt", ["turtle", "json-ld"])
def test_every_dataset_once_across_the_pages(server: Server, fmt: str) -> None:
    datasets, pages = harvest(server, fmt)
    assert len(pages) == 4  # 16 poles and the registry, 5 a page
    assert len(datasets) == len(set(datasets)) == 17
    total = pages[0].value(URIRef(server.url + "/catalog"), HYDRA.totalItems)
    assert int(total) == 17
    assert URIRef(FICTIONAL + "/dataset") in datasets
    last = next(pages[-1].subjects(RDF.type, HYDRA.PartialCollectionView))
    assert pages[-1].value(last, HYDRA.previous) is not None and pages[-1].value(last, HYDRA.next) is None


def test_the_registry_dataset_and_its_dumps(server: Server) -> None:
    graph = fetch(server, server.url + "/catalog", "nt")
    catalog = URIRef(server.url + "/catalog")
    assert (catalog, RDF.type, DCAT.Catalog) in graph
    registry = next(d for d in graph.objects(catalog, DCAT.dataset) if "/dataset/" in str(d))
    assert (registry, DCTERMS.license, URIRef(ETALAB)) in graph
    assert int(graph.value(registry, VOID.triples)) > 1000
    assert graph.value(registry, VOID.sparqlEndpoint) == URIRef(server.url + "/sparql")
    publisher = graph.value(registry, DCTERMS.publisher)
    assert publisher is not None and (publisher, None, Literal("Réseau fictif de test")) in graph
    dumps = list(graph.objects(registry, DCAT.distribution))
    assert len(dumps) == 2
    for dump in dumps:
        url = str(graph.value(dump, DCAT.downloadURL))
        body = server.get(url.removeprefix(server.url)).content
        assert int(graph.value(dump, DCAT.byteSize)) == len(body)
        checksum = graph.value(dump, URIRef(SPDX + "checksum"))
        assert str(graph.value(checksum, URIRef(SPDX + "checksumValue"))) == hashlib.sha256(body).hexdigest()
    service = graph.value(catalog, DCAT.service)
    assert (service, DCAT.servesDataset, registry) in graph


def test_pole_datasets_download(server: Server) -> None:
    datasets, pages = harvest(server, "turtle")
    merged = Graph()
    for page in pages:
        merged += page
    pole = URIRef(FICTIONAL + "/dataset")
    assert (pole, DCTERMS.isPartOf, None) in merged
    assert (pole, DCTERMS.license, URIRef(ETALAB)) in merged
    landing = merged.value(pole, DCAT.landingPage)
    assert server.get(str(landing).removeprefix(server.url)).status_code == 200
    distributions = list(merged.objects(pole, DCAT.distribution))
    assert len(distributions) == 3
    for node in distributions:
        url = str(merged.value(node, DCAT.downloadURL))
        answer = server.get(url.removeprefix(server.url))
        assert answer.status_code == 200, url
        media = str(merged.value(node, DCAT.mediaType)).rsplit("/media-types/", 1)[1]
        assert answer.headers["Content-Type"].split(";")[0] == media


def test_catalogue_pages_for_people(server: Server) -> None:
    page = server.get("/catalog", headers={"Accept": "text/html"})
    assert page.status_code == 200 and 'rel="next"' in page.text
    assert server.get("/catalog?page=4", headers={"Accept": "text/html"}).status_code == 200
    assert server.get("/catalog?page=5").status_code == 404
    assert server.get("/catalog?page=0").status_code == 404
    assert server.get("/catalog?page=abc").status_code == 404
    turtle = server.get("/catalog?page=2&format=turtle", headers={"Accept": "text/html"})
    assert turtle.headers["Content-Type"].startswith("text/turtle")


def test_catalogue_json_ld_has_an_inline_context(server: Server) -> None:
    document = server.get("/catalog", headers={"Accept": "application/ld+json"}).json()
    assert isinstance(document["@context"], dict)
    assert json.dumps(document).count("http://www.w3.org/ns/hydra/core#") >= 1
