"""``/catalog``: the DCAT catalogue of the served data, paged with Hydra, for data.gouv.fr and other harvesters.

The catalogue (``dcat:Catalog``) lists one dataset for the whole registry —
its full DCAT and VoID description (:func:`ptce_graph.publish.metadata.dataset_metadata`,
counted by the store), its dumps with sizes and SHA-256 checksums, its SPARQL
endpoint as a ``dcat:DataService`` — and one dataset per pole, each with its
page and its Turtle, JSON-LD and N-Triples documents as distributions.

Large catalogues are cut into pages (100 datasets by default: ``--catalog-page-size``), as
data.gouv.fr's DCAT harvester (udata) follows them: the catalogue is also a
``hydra:Collection`` with ``hydra:totalItems``, and each page a
``hydra:PartialCollectionView`` with ``hydra:first``, ``hydra:last``,
``hydra:next`` and ``hydra:previous`` (``/catalog?page=2``).  Turtle,
JSON-LD and N-Triples for programs, HTML for people, by ``Accept``.
"""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Any

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, XSD
from starlette.requests import Request
from starlette.responses import Response

from ptce_graph.io import serialize
from ptce_graph.io.serialize import to_jsonld, to_turtle
from ptce_graph.namespaces import DCAT, FOAF
from ptce_graph.publish.metadata import MEDIA_TYPES, dataset_metadata, merged_prefixes
from ptce_graph.registry import REGISTRY_GRAPH
from ptce_graph.serve.html import render
from ptce_graph.serve.http import cached
from ptce_graph.serve.negotiation import SUFFIXES, media_type_of, representation
from ptce_graph.serve.problems import html_page, problem
from ptce_graph.serve.requests import language, links
from ptce_graph.serve.site import Site, href_path
from ptce_graph.serve.words import word

__all__ = ["HYDRA", "catalog_graph", "catalog", "public_root", "pages_of"]

HYDRA = Namespace("http://www.w3.org/ns/hydra/core#")

_IANA = "http://www.iana.org/assignments/media-types/"
_EU_FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
_EU_THEME = "http://publications.europa.eu/resource/authority/data-theme/"


def public_root(request: Request) -> str:
    """The server's public address (``--public-url``, else what the request says, proxy headers included)."""
    configured = request.app.state.settings.public_url
    if configured:
        return configured.rstrip("/") + "/"
    return str(request.base_url).rstrip("/") + "/"


def _registry_dataset(site: Site, public: str) -> Graph:
    state = site.state
    info = state.info
    described = replace(info, landing_page=info.landing_page or public, sparql_endpoint=public + "sparql",
                        issued=info.issued or state.as_of, modified=info.modified or state.as_of)
    distributions = [replace(d, download_url=public + "dumps/" + d.file_name) for d in state.dumps.values()]
    return dataset_metadata(site.registry.store.view(REGISTRY_GRAPH), described, distributions=distributions,
                            base=site.base, counts=state.counts)


def _pole_dataset(g: Graph, site: Site, pole: str, public: str, registry: URIRef,
                  publishers: list[Any]) -> URIRef:
    state = site.state
    info = state.info
    label = state.label(pole)
    ds = URIRef(pole + "/dataset")
    path = href_path(site.path_of(pole) or "")
    g.add((ds, RDF.type, DCAT.Dataset))
    g.add((ds, DCTERMS.title, Literal(label)))
    g.add((ds, DCTERMS.description, Literal(f"Description en RDF du pôle territorial de coopération économique "
                                            f"« {label} » : territoire, acteurs, liens de coopération, projets, "
                                            f"financements.", lang="fr")))
    g.add((ds, DCTERMS.description, Literal(f"RDF description of the territorial pole of economic cooperation "
                                            f"“{label}”: territory, actors, cooperation links, projects, funding.",
                                            lang="en")))
    g.add((ds, DCTERMS.identifier, Literal(pole)))
    g.add((ds, FOAF.primaryTopic, URIRef(pole)))
    g.add((ds, DCTERMS.isPartOf, registry))
    g.add((ds, DCAT.landingPage, URIRef(public + "page/" + path)))
    g.add((ds, DCTERMS.modified, Literal(state.as_of.isoformat(), datatype=XSD.date)))
    g.add((ds, DCAT.theme, URIRef(_EU_THEME + "ECON")))
    g.add((ds, DCAT.keyword, Literal("PTCE", lang="fr")))
    if info.license:
        g.add((ds, DCTERMS.license, URIRef(info.license)))
    for publisher in publishers:
        g.add((ds, DCTERMS.publisher, publisher))
    for fmt, suffix in SUFFIXES.items():
        media, eu_type, _, _ = MEDIA_TYPES[fmt]
        url = URIRef(public + "data/" + path + suffix)
        node = URIRef(f"{ds}/distribution/{suffix.lstrip('.')}")
        g.add((ds, DCAT.distribution, node))
        g.add((node, RDF.type, DCAT.Distribution))
        g.add((node, DCTERMS.title, Literal(f"{label} ({MEDIA_TYPES[fmt][2]})")))
        g.add((node, DCAT.mediaType, URIRef(_IANA + media)))
        g.add((node, DCTERMS["format"], URIRef(_EU_FILE_TYPE + eu_type)))
        g.add((node, DCAT.downloadURL, url))
        g.add((node, DCAT.accessURL, url))
        if info.license:
            g.add((node, DCTERMS.license, URIRef(info.license)))
    return ds


def pages_of(site: Site, size: int) -> int:
    return max(1, math.ceil((len(site.poles) + 1) / size))


def catalog_graph(site: Site, public: str, page: int = 1, *, size: int = 100) -> Graph:
    """The catalogue's page ``page`` (1-based) for a server whose public address is ``public``."""
    registry_meta = site.documents.get(("catalog-registry", public), lambda: serialize(
        _registry_dataset(site, public), "nt"))
    g = Graph(bind_namespaces="none")
    g.parse(data=registry_meta.decode("utf-8"), format="nt")
    registry = URIRef(str(next(iter(g.subjects(RDF.type, DCAT.Dataset)))))
    catalog = URIRef(public + "catalog")
    state = site.state
    g.add((catalog, RDF.type, DCAT.Catalog))
    g.add((catalog, RDF.type, HYDRA.Collection))
    for text, lang in (("Catalogue des pôles territoriaux de coopération économique", "fr"),
                       ("Catalogue of territorial poles of economic cooperation", "en")):
        g.add((catalog, DCTERMS.title, Literal(text, lang=lang)))
    for prop in (DCTERMS.description, DCTERMS.publisher, DCTERMS.license, DCTERMS.language):
        for value in g.objects(registry, prop):
            g.add((catalog, prop, value))
    g.add((catalog, FOAF.homepage, URIRef(public)))
    g.add((catalog, DCTERMS.modified, Literal(state.as_of.isoformat(), datatype=XSD.date)))
    service = URIRef(public + "sparql")
    g.add((catalog, DCAT.service, service))
    g.add((service, RDF.type, DCAT.DataService))
    g.add((service, DCTERMS.title, Literal("SPARQL")))
    g.add((service, DCAT.endpointURL, service))
    g.add((service, DCTERMS.conformsTo, URIRef("https://www.w3.org/TR/sparql11-protocol/")))
    g.add((service, DCAT.servesDataset, registry))
    pages = pages_of(site, size)
    total = len(site.poles) + 1
    g.add((catalog, HYDRA.totalItems, Literal(str(total), datatype=XSD.nonNegativeInteger)))
    g.add((catalog, HYDRA.itemsPerPage, Literal(str(size), datatype=XSD.nonNegativeInteger)))
    view = URIRef(f"{catalog}?page={page}")
    g.add((catalog, HYDRA.view, view))
    g.add((view, RDF.type, HYDRA.PartialCollectionView))
    g.add((view, HYDRA.first, URIRef(f"{catalog}?page=1")))
    g.add((view, HYDRA.last, URIRef(f"{catalog}?page={pages}")))
    if page < pages:
        g.add((view, HYDRA.next, URIRef(f"{catalog}?page={page + 1}")))
    if page > 1:
        g.add((view, HYDRA.previous, URIRef(f"{catalog}?page={page - 1}")))
    start = (page - 1) * size
    items = ["registry", *site.poles][start:start + size]
    publishers = list(g.objects(registry, DCTERMS.publisher))
    if "registry" in items:
        g.add((catalog, DCAT.dataset, registry))
    else:  # the registry's own description is on the first page only
        for triple in list(g):
            if triple[0] == registry or str(triple[0]).startswith(str(registry) + "/"):
                g.remove(triple)
    for pole in items:
        if pole != "registry":
            g.add((catalog, DCAT.dataset, _pole_dataset(g, site, pole, public, registry, publishers)))
    return g


def catalog(request: Request) -> Response:
    site: Site = request.app.state.site
    size = request.app.state.settings.catalog_page_size
    text = request.query_params.get("page", "1")
    page = int(text) if text.isdigit() and len(text) < 10 else 0
    if not 1 <= page <= pages_of(site, size):
        return problem(request, 404, detail=lambda lang: [word("error_404_text", lang, path=f"catalog?page={text}")])
    asked = request.query_params.get("format")
    fmt = asked if asked in SUFFIXES else representation(request.headers.get("accept"))
    if fmt is None:
        return problem(request, 406, detail=lambda lang: [word("error_406_text", lang, formats=", ".join(
            media_type_of(f) for f in ("html", *SUFFIXES)))])
    public = public_root(request)
    if fmt != "html":
        def compute() -> bytes:
            graph = catalog_graph(site, public, page, size=size)
            prefixes = {**merged_prefixes(), "hydra": str(HYDRA)}
            if fmt == "turtle":
                return to_turtle(graph, prefixes=prefixes)
            if fmt == "json-ld":
                return to_jsonld(graph)
            return serialize(graph, fmt)

        body = site.documents.get(("catalog", public, page, fmt), compute)
        return cached(request, body, media_type_of(fmt), last_modified=site.state.loaded)
    lang = language(request)
    ways = links(request, lang)
    start = (page - 1) * size
    poles = [p for p in ["registry", *site.poles][start:start + size] if p != "registry"]
    rows = [{"label": site.state.label(p), "href": ways("page/" + href_path(site.path_of(p) or "")),
             "data": ways.root + "data/" + href_path(site.path_of(p) or "") + SUFFIXES["turtle"]} for p in poles]
    pages = pages_of(site, size)
    html = render("catalog.html", lang=lang, links=ways, path=f"catalog?page={page}", page=page, pages=pages,
                  rows=rows, total=len(site.poles) + 1, first=page == 1,
                  dumps=[(d.file_name, ways.root + "dumps/" + d.file_name) for d in site.state.dumps.values()],
                  previous=ways(f"catalog?page={page - 1}") if page > 1 else None,
                  next=ways(f"catalog?page={page + 1}") if page < pages else None,
                  alternates={media_type_of(f): ways.root + f"catalog?page={page}&format={f}" for f in SUFFIXES})
    return html_page(html, headers={"Vary": "Accept, Accept-Language", "Cache-Control": "public, max-age=300"})
