"""Resources that resolve: 303s by Accept, suffixes, conditional requests, 404 in both languages, headers.

Against a real uvicorn process (``conftest.server``).  The matrix crosses the
kinds of resource (a pole, an actor, a membership, an INSEE commune, a
vocabulary term) with what clients send in ``Accept``; every document a 303
leads to is read back by rdflib and by Oxigraph.
"""

from __future__ import annotations

import base64
import hashlib
import re
from email.utils import format_datetime, parsedate_to_datetime
from urllib.parse import quote

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef

from ptce_graph.resources import packaged_graph
from tests.serve.conftest import ACTOR, FICTIONAL, Server

BASE = "https://w3id.org/ptce/id/"
RESOURCES = {
    "pole": FICTIONAL,
    "actor": ACTOR,
    "membership": FICTIONAL + "/membership/tremplin",
    "commune": BASE + "geo/commune/14475",
    "paper pole": BASE + "pole/paris-mix",
}
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8"
MATRIX = [
    (BROWSER, "page"),
    ("text/html", "page"),
    ("*/*", "page"),
    (None, "page"),
    ("text/turtle", ".ttl"),
    ("application/ld+json", ".jsonld"),
    ("application/json", ".jsonld"),
    ("application/n-triples", ".nt"),
    ("text/turtle;q=0.5, application/ld+json", ".jsonld"),
    ("application/n-triples;q=0.9, text/turtle;q=0.9", ".ttl"),
    ("text/html;q=0, */*", ".ttl"),
    ("application/rdf+xml;q=1, text/turtle;q=0.1", ".ttl"),
]
PARSERS = {".ttl": ("turtle", ox.RdfFormat.TURTLE), ".jsonld": ("json-ld", ox.RdfFormat.JSON_LD),
           ".nt": ("nt", ox.RdfFormat.N_TRIPLES)}
MEDIA = {".ttl": "text/turtle", ".jsonld": "application/ld+json", ".nt": "application/n-triples"}


def path(iri: str) -> str:
    return iri[len(BASE):]


def parsed(body: bytes, suffix: str) -> Graph:
    """The document read by rdflib, and by Oxigraph to the same number of triples."""
    rdflib_format, ox_format = PARSERS[suffix]
    graph = Graph().parse(data=body.decode("utf-8"), format=rdflib_format)
    assert len(list(ox.parse(body, format=ox_format))) == len(graph)
    return graph


@pytest.mark.parametrize("kind", list(RESOURCES))
@pytest.mark.parametrize(("accept", "target"), MATRIX, ids=[str(a) for a, _ in MATRIX])
def test_id_redirects_by_accept(server: Server, kind: str, accept: str | None, target: str) -> None:
    iri = RESOURCES[kind]
    headers = {"Accept": accept} if accept is not None else {"Accept": ""}
    answer = server.get("/id/" + path(iri), headers=headers)
    assert answer.status_code == 303
    assert "Accept" in answer.headers["Vary"]
    location = answer.headers["Location"]
    if target == "page":
        assert location == "/page/" + path(iri)
        page = server.get(location)
        assert page.status_code == 200 and page.headers["Content-Type"].startswith("text/html")
        assert iri in page.text or kind == "pole"
    else:
        assert location == "/data/" + path(iri) + target
        document = server.get(location)
        assert document.status_code == 200
        assert document.headers["Content-Type"].split(";")[0] == MEDIA[target]
        graph = parsed(document.content, target)
        node = URIRef(iri)
        assert (node, None, None) in graph or (None, None, node) in graph


def test_a_client_that_accepts_nothing_we_have_gets_406(server: Server) -> None:
    answer = server.get("/id/" + path(FICTIONAL), headers={"Accept": "image/png"})
    assert answer.status_code == 406
    assert "text/turtle" in answer.text
    answer = server.get("/data/" + path(FICTIONAL), headers={"Accept": "text/html"})
    assert answer.status_code == 406


@pytest.mark.parametrize("suffix", list(MEDIA))
def test_suffixes_win_over_accept(server: Server, suffix: str) -> None:
    answer = server.get("/data/" + path(ACTOR) + suffix, headers={"Accept": "text/html"})
    assert answer.status_code == 200
    assert answer.headers["Content-Type"].split(";")[0] == MEDIA[suffix]
    assert "Vary" not in answer.headers or "Accept" not in answer.headers["Vary"]
    graph = parsed(answer.content, suffix)
    assert (URIRef(ACTOR), None, None) in graph


def test_data_without_suffix_negotiates_and_names_the_document(server: Server) -> None:
    answer = server.get("/data/" + path(ACTOR), headers={"Accept": "application/n-triples"})
    assert answer.status_code == 200
    assert answer.headers["Content-Location"] == "/data/" + path(ACTOR) + ".nt"
    assert answer.headers["Vary"] == "Accept"
    assert answer.content == server.get("/data/" + path(ACTOR) + ".nt").content


def test_a_pole_document_is_its_shard(server: Server) -> None:
    graph = parsed(server.get("/data/" + path(FICTIONAL) + ".ttl").content, ".ttl")
    subjects = {str(s) for s in graph.subjects()}
    assert FICTIONAL in subjects and ACTOR in subjects  # the pole and what hangs from it
    assert not any(s.startswith(BASE + "pole/paris-mix") for s in subjects)  # and no other pole


def test_validators_and_304(server: Server) -> None:
    where = "/data/" + path(ACTOR) + ".ttl"
    first = server.get(where)
    etag, modified = first.headers["ETag"], first.headers["Last-Modified"]
    assert re.fullmatch(r'"[0-9a-f]{32}"', etag)
    assert server.get(where).headers["ETag"] == etag  # the same bytes, the same tag
    again = server.get(where, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b"" and again.headers["ETag"] == etag
    assert server.get(where, headers={"If-None-Match": f'W/{etag}, "other"'}).status_code == 304
    assert server.get(where, headers={"If-None-Match": '"other"'}).status_code == 200
    assert server.get(where, headers={"If-Modified-Since": modified}).status_code == 304
    earlier = format_datetime(parsedate_to_datetime(modified).replace(year=2000), usegmt=True)
    assert server.get(where, headers={"If-Modified-Since": earlier}).status_code == 200
    # If-None-Match takes precedence over If-Modified-Since.
    assert server.get(where, headers={"If-None-Match": '"other"', "If-Modified-Since": modified}).status_code == 200
    turtle, jsonld = first.headers["ETag"], server.get("/data/" + path(ACTOR) + ".jsonld").headers["ETag"]
    assert turtle != jsonld
    page = server.get("/page/" + path(ACTOR))
    assert server.get("/page/" + path(ACTOR), headers={"If-None-Match": page.headers["ETag"]}).status_code == 304
    assert page.headers["Vary"] == "Accept-Language"


def test_pages_in_both_languages(server: Server) -> None:
    french = server.get("/page/" + path(ACTOR), headers={"Accept-Language": "fr"})
    english = server.get("/page/" + path(ACTOR), headers={"Accept-Language": "en-GB,en;q=0.9"})
    assert '<html lang="fr">' in french.text and '<html lang="en">' in english.text
    assert "Statut ESS" in french.text and "ESS status" in english.text
    assert '<html lang="en">' in server.get("/page/" + path(ACTOR) + "?lang=en").text


@pytest.mark.parametrize("where", ["/id/pole/nowhere", "/page/pole/nowhere", "/data/pole/nowhere.ttl",
                                   "/figures/pole/nowhere/network.svg", "/no/such/thing"])
def test_unknown_iris_are_404_in_both_languages(server: Server, where: str) -> None:
    answer = server.get(where, headers={"Accept": "text/html", "Accept-Language": "fr"})
    assert answer.status_code == 404
    assert "Page introuvable" in answer.text and "Not found" in answer.text
    english = server.get(where, headers={"Accept": "text/html", "Accept-Language": "en"})
    assert english.text.index("Not found") < english.text.index("Page introuvable")
    problem = server.get(where, headers={"Accept": "application/problem+json"})
    assert problem.status_code == 404 and problem.json()["status"] == 404
    assert server.get(where, headers={"Accept": "text/plain"}).text.startswith("Not found") is False


def test_iris_read_exactly_as_written(server: Server) -> None:
    for iri in (BASE + "pole/Coop%20A", BASE + "pole/%2E", BASE + "pole/Pôle-été"):
        url_path = quote(path(iri), safe="/%")
        status, headers, _ = server.raw("/id/" + url_path, {"Accept": "text/turtle"})
        assert status == 303, iri
        assert headers["location"] == "/data/" + url_path + ".ttl"
        status, _, body = server.raw(headers["location"])
        assert status == 200
        assert (URIRef(iri), None, None) in parsed(body, ".ttl"), iri
        status, _, page = server.raw("/page/" + url_path, {"Accept-Language": "fr"})
        assert status == 200 and b"fictif" in page
    assert server.raw("/id/pole/Coop%2520A")[0] == 404
    assert server.raw("/id/pole/.")[0] == 404  # the dot-segment is not the id "."


def test_a_pole_page_is_the_report_page_with_links_and_figures(server: Server) -> None:
    answer = server.get("/page/" + path(FICTIONAL))
    page = answer.text
    for definition in ("labo-2010", "senate-2013", "law-2014", "decree-2015"):
        assert f'<details class="definition" id="legal-{definition}"' in page  # the report's folded layout
    assert f'href="/page/{path(ACTOR)}"' in page  # actors link to their cards
    # The network is an SVG <object> (its tooltips work there) over a PNG <img>; the density an SVG <img>.
    objects = re.findall(r'<object data="([^"]+)"', page)
    assert objects and "object-src 'self'" in answer.headers["Content-Security-Policy"]
    figures = re.findall(r'<img src="([^"]+)"', page) + objects
    assert any(src.endswith(".svg") for src in figures) and any(src.endswith(".png") for src in figures)
    for src in set(figures):
        image = server.get(src)
        media = "image/svg+xml" if src.endswith(".svg") else "image/png"
        assert image.status_code == 200 and image.headers["Content-Type"] == media, src
        assert image.content.startswith(b"\x89PNG" if media == "image/png" else b"<?xml"), src


def test_actor_card(server: Server) -> None:
    card = server.get("/page/" + path(ACTOR)).text
    assert "Association fictive Tremplin du Val" in card
    assert "Statut ESS" in card and "badge" in card
    assert f'href="/page/{path(FICTIONAL)}"' in card
    assert 'id="links"' in card  # its cooperation links, with the other actors' cards
    assert re.search(r'href="/page/pole/fictional-val-d-exemple/actor/[^"]+"', card)
    assert "(groupement d&#39;employeurs)" in card  # a known subtype of link by its label, in the page's language
    assert "(employer group)" in server.get("/page/" + path(ACTOR) + "?lang=en").text


def test_generic_resource_table(server: Server) -> None:
    page = server.get("/page/" + path(RESOURCES["membership"])).text
    assert 'id="outgoing"' in page
    assert f'href="/page/{path(ACTOR)}"' in page
    commune = server.get("/page/geo/commune/14475").text
    assert 'id="incoming"' in commune
    assert 'title="http://www.w3.org/1999/02/22-rdf-syntax-ns#type">type</span>' in commune  # named, IRI on hover
    assert "Autres formats : " in commune
    assert "Other formats: " in server.get("/page/geo/commune/14475?lang=en").text


def test_registry_page(server: Server) -> None:
    home = server.get("/")
    assert home.status_code == 200
    assert f'href="/page/{path(FICTIONAL)}"' in home.text
    assert "registry.ttl" in home.text
    dump = server.get("/dumps/registry.nt")
    assert dump.status_code == 200
    assert len(list(ox.parse(dump.content, format=ox.RdfFormat.N_TRIPLES))) > 1000
    assert server.get("/dumps/registry.nt", headers={"If-None-Match": dump.headers["ETag"]}).status_code == 304
    assert server.get("/dumps/../state.pickle").status_code == 404
    assert server.get("/index.html").headers["Location"] == "/"


def test_security_headers_and_policy(server: Server) -> None:
    for where in ("/", "/page/" + path(FICTIONAL), "/data/" + path(ACTOR) + ".ttl", "/sparql", "/check"):
        answer = server.get(where)
        assert answer.headers["X-Content-Type-Options"] == "nosniff", where
        assert answer.headers["Referrer-Policy"] == "no-referrer", where
        assert answer.headers["X-Frame-Options"] == "DENY", where
        assert "default-src 'none'" in answer.headers["Content-Security-Policy"], where
        assert re.fullmatch(r"[0-9a-f]{16}", answer.headers["X-Request-Id"]), where
        assert "server" not in {k.lower() for k in answer.headers}, where
    page = server.get("/page/" + path(FICTIONAL))
    style = re.search(r"<style>(.*?)</style>", page.text, re.S)
    assert style is not None
    digest = base64.b64encode(hashlib.sha256(style.group(1).encode("utf-8")).digest()).decode("ascii")
    assert f"'sha256-{digest}'" in page.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in page.headers["Content-Security-Policy"]
    # The network's SVG is framed by the pole's page (an <object>, for its tooltips), by this site only.
    svg = server.get(re.findall(r'<object data="([^"]+)"', page.text)[0])
    assert svg.headers["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in svg.headers["Content-Security-Policy"]
    assert "script-src" not in svg.headers["Content-Security-Policy"]  # default-src 'none': no script runs
    assert server.get("/data/" + path(ACTOR) + ".ttl").headers["Access-Control-Allow-Origin"] == "*"


def test_head_requests(server: Server) -> None:
    answer = server.head("/page/" + path(ACTOR))
    assert answer.status_code == 200 and answer.content == b""
    assert server.head("/id/" + path(ACTOR)).status_code == 303


def test_vocabulary(server: Server) -> None:
    docs = server.get("/ns", headers={"Accept": BROWSER})
    assert docs.status_code == 200 and "ptce:Pole" in docs.text
    script = re.search(r"<script>(.*?)</script>", docs.text, re.S)
    if script is not None:
        digest = base64.b64encode(hashlib.sha256(script.group(1).encode("utf-8")).digest()).decode("ascii")
        assert f"'sha256-{digest}'" in docs.headers["Content-Security-Policy"]
    core = server.get("/ns", headers={"Accept": "text/turtle"})
    assert core.headers["Content-Type"].startswith("text/turtle")
    assert (URIRef("https://w3id.org/ptce/ns#Pole"), None, None) in parsed(core.content, ".ttl")
    term = server.get("/definition/law-2014")
    assert term.status_code == 303 and term.headers["Location"].startswith("/ns#")
    assert term.headers["Location"][4:] in docs.text
    described = server.get("/definition/law-2014", headers={"Accept": "application/n-triples"})
    assert (URIRef("https://w3id.org/ptce/definition/law-2014"), None, None) in parsed(described.content, ".nt")
    shapes = server.get("/shapes/law-2014", headers={"Accept": "text/turtle"})
    assert shapes.status_code == 200 and b"sh:NodeShape" in shapes.content
    shipped = packaged_graph("shapes", "law-2014.ttl")  # every triple, in every format (none left out)
    assert len(parsed(shapes.content, ".ttl")) == len(shipped) > 100
    as_jsonld = server.get("/shapes/law-2014", headers={"Accept": "application/ld+json"})
    assert len(parsed(as_jsonld.content, ".jsonld")) == len(shipped)
    section = server.get("/shapes/law-2014", headers={"Accept": BROWSER}).headers["Location"]
    assert section.startswith("/ns#") and f'id="{section[4:]}"' in docs.text  # the file's own section
    assert server.get("/files/ptce.ttl").content == core.content
    assert server.get("/context.jsonld").json()["@context"]
    assert server.get("/definition/nothing-like-this").status_code == 404
