"""The vocabulary served at its own IRIs: ``/ns``, ``/shapes/…``, the definitions, legal forms, référentiel…

The ontology's IRIs live under ``https://w3id.org/ptce/`` (``ns#Pole``,
``definition/law-2014``, ``legal-form/scic``, ``…/shapes/law-2014``); w3id.org
redirects them to this server, which answers each path below its root:

* a browser gets the ontology's documentation (``ptce docs``, generated from
  the packaged files: :func:`ptce_graph.publish.docs.packaged_docs`) in the
  page's language (``?lang=``, else ``Accept-Language``), at the term's anchor
  (a 303 to ``/ns#anchor`` for a term with its own IRI);
* a linked-data client gets Turtle, JSON-LD or N-Triples: the whole file for
  an ontology or shapes IRI (``/ns`` is ``ptce.ttl``, ``/shapes/law-2014``
  is ``shapes/law-2014.ttl``), the term's own triples otherwise;
* the documented files themselves are under ``/files/`` (as ``ptce docs``
  writes them) and the JSON-LD context at ``/context.jsonld``.

Everything is computed once, on first use, from the package's own files.
"""

from __future__ import annotations

import functools
import threading
from dataclasses import dataclass, field

from rdflib import BNode, Graph, URIRef
from rdflib.namespace import OWL, RDF
from starlette.requests import Request
from starlette.responses import Response

from ptce_graph.io import serialize
from ptce_graph.namespaces import PTCE
from ptce_graph.publish.docs import packaged_docs, shapes_file_key
from ptce_graph.resources import ONTOLOGY_FILES, packaged_graph
from ptce_graph.serve.http import cached, see_other
from ptce_graph.serve.negotiation import media_type_of, representation
from ptce_graph.serve.problems import html_page, problem
from ptce_graph.serve.requests import language, raw_tail, root
from ptce_graph.serve.site import candidate_paths
from ptce_graph.serve.words import word

__all__ = ["VOCABULARY_ROOT", "Vocabulary", "vocabulary", "file_media_type", "term", "documented_file", "context"]

#: Where the vocabulary's IRIs live: the namespace of the ontology, without its last segment.
VOCABULARY_ROOT = str(PTCE).rsplit("/", 1)[0] + "/"

_MEDIA = {".ttl": "text/turtle", ".jsonld": "application/ld+json"}


def file_media_type(name: str) -> str:
    return next((media for ext, media in _MEDIA.items() if name.endswith(ext)), "application/octet-stream")


@dataclass
class Vocabulary:
    """The documentation pages (one per language), the files they document, and the terms with their anchors."""

    pages: dict[str, str]  # lang -> the page; the other language is drawn on first use (:meth:`page`)
    files: dict[str, bytes]
    anchors: dict[str, str]
    graph: Graph  # ontology and shapes merged
    ontologies: dict[str, str] = field(default_factory=dict)  # ontology or shapes IRI -> its file name
    _drawing: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def path_of(self, iri: str) -> str | None:
        """The path of a vocabulary IRI below the server's root (``ns``, ``definition/law-2014``), or None."""
        if not iri.startswith(VOCABULARY_ROOT):
            return None
        rest = iri[len(VOCABULARY_ROOT):].split("#", 1)[0]
        return rest or None

    def knows(self, iri: str) -> bool:
        return iri in self.ontologies or iri in self.anchors or (URIRef(iri), None, None) in self.graph

    def anchor_href(self, iri: str) -> str | None:
        """``ns#anchor`` (relative to the server's root) for a documented term or a shapes file, or None."""
        anchor = self.anchors.get(iri)
        if anchor is None and iri in self.ontologies:  # a shapes file's IRI: its section of the page
            anchor = self.anchors.get(shapes_file_key(self.ontologies[iri]))
        return f"ns#{anchor}" if anchor else None

    def page(self, lang: str) -> str:
        """The documentation in ``lang``; its language switch links ``ns?lang=`` the other language."""
        with self._drawing:
            if lang not in self.pages:
                other = "en" if lang == "fr" else "fr"
                self.pages[lang] = packaged_docs(lang=lang, other=f"ns?lang={other}")[0]
            return self.pages[lang]

    def file_for(self, iri: str) -> str | None:
        return self.ontologies.get(iri)

    def term_graph(self, iri: str) -> Graph:
        """The triples whose subject is the term (blank nodes followed)."""
        out = Graph(bind_namespaces="none")
        stack: list = [URIRef(iri)]
        seen: set = set()
        while stack:
            node = stack.pop()
            for p, o in self.graph.predicate_objects(node):
                out.add((node, p, o))
                if isinstance(o, BNode) and o not in seen:
                    seen.add(o)
                    stack.append(o)
        return out


_lock = threading.Lock()


def _file_graph(name: str) -> Graph:
    """A documented Turtle file as the package ships it (shared: not to be modified).

    Not :func:`ptce_graph.io.rdf.parse_rdf`: that reader is for untrusted data and leaves out the triples
    describing the vocabulary's terms, which are all these files hold.
    """
    return packaged_graph("ontology" if name in ONTOLOGY_FILES else "shapes", name)


@functools.cache
def _build() -> Vocabulary:
    anchors: dict[str, str] = {}
    page, files = packaged_docs(lang="fr", other="ns?lang=en", anchors=anchors)
    merged = Graph(bind_namespaces="none")
    ontologies: dict[str, str] = {}
    for name in sorted(files):
        if not name.endswith(".ttl"):
            continue
        graph = _file_graph(name)
        for triple in graph:
            merged.add(triple)
        for onto in graph.subjects(RDF.type, OWL.Ontology):
            if isinstance(onto, URIRef):
                ontologies.setdefault(str(onto), name)
    # The core ontology answers at /ns whatever other files say of themselves.
    if ONTOLOGY_FILES and ONTOLOGY_FILES[0] in files:
        ontologies[str(PTCE).rstrip("#")] = ONTOLOGY_FILES[0]
    return Vocabulary(pages={"fr": page}, files=files, anchors=anchors, graph=merged, ontologies=ontologies)


def vocabulary() -> Vocabulary:
    """The vocabulary (built on first use, a few seconds, then shared)."""
    with _lock:
        return _build()


# -- HTTP ---------------------------------------------------------------------------------


def _serialized(voc: Vocabulary, iri: str, fmt: str) -> bytes:
    name = voc.file_for(iri)
    if name is not None:
        if fmt == "turtle":
            return voc.files[name]
        return serialize(_file_graph(name), fmt)
    return serialize(voc.term_graph(iri), fmt)


def term(request: Request) -> Response:
    """A vocabulary IRI below the server's root: the documentation for a browser, the triples for a client."""

    raw = raw_tail(request, "/") or ""
    voc = vocabulary()
    iri = next((VOCABULARY_ROOT + p for p in candidate_paths(raw) if voc.knows(VOCABULARY_ROOT + p)), None)
    if iri is None:
        return problem(request, 404, detail=lambda lang: [word("error_404_text", lang, path=request.url.path)])
    fmt = representation(request.headers.get("accept"))
    if fmt is None:
        return problem(request, 406, detail=lambda lang: [word("error_406_text", lang, formats=", ".join(
            media_type_of(f) for f in ("html", "turtle", "json-ld", "nt")))])
    loaded = request.app.state.site.state.loaded
    if fmt == "html":
        if raw == "ns":
            html = voc.page(language(request))
            page = cached(request, html.encode("utf-8"), "text/html", last_modified=loaded,
                          vary=("Accept", "Accept-Language"))
            return html_page(html, headers=dict(page.headers)) if page.status_code == 200 else page
        return see_other(root(request) + (voc.anchor_href(iri) or "ns"))
    return cached(request, _serialized(voc, iri, fmt), media_type_of(fmt), last_modified=loaded)


def documented_file(request: Request) -> Response:
    """``/files/{name}``: a file the documentation documents (ontology, shapes, JSON-LD context)."""

    name = request.path_params["name"]
    data = vocabulary().files.get(name)
    if data is None:
        return problem(request, 404, detail=lambda lang: [word("error_404_text", lang, path=request.url.path)])
    return cached(request, data, file_media_type(name), last_modified=request.app.state.site.state.loaded,
                  vary=())


def context(request: Request) -> Response:
    """``/context.jsonld``: the JSON-LD context (its IRI is ``https://w3id.org/ptce/context.jsonld``)."""
    request.path_params["name"] = "context.jsonld"
    return documented_file(request)
