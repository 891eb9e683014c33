"""The registry as the server reads it: which IRIs exist, what kind of thing each names, what is said of it.

A :class:`Site` opens the prepared store (read-only unless the registry is
writable) and answers, for an IRI minted under the data's base
(``https://w3id.org/ptce/id/`` by default): does it exist (is it a subject or
an object of the registry), is it a pole, an actor or another resource, and
what is its description:

* a pole: its *shard*, every triple reachable from it (what its page shows
  and what ``ptce export`` writes of it);
* any other resource: its symmetric concise bounded description — the
  triples whose subject it is (blank nodes followed), and those whose object
  it is — capped at :data:`MAX_DESCRIPTION` triples each way.

Literals come out in rdflib's form with the datatypes the ontology declares
(:func:`ptce_graph.publish.datatypes.restore_declared_datatypes`).  Pages and
documents are computed on demand and cached (:mod:`ptce_graph.serve.cache`).
"""

from __future__ import annotations

import re
import threading
from itertools import islice
from typing import Any
from urllib.parse import quote, unquote

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from ptce_graph.iris import parse_iri, pole_iri
from ptce_graph.legal.report.labels import Labeller
from ptce_graph.namespaces import PTCE
from ptce_graph.publish.datatypes import restore_declared_datatypes
from ptce_graph.publish.embedded import from_oxigraph
from ptce_graph.registry import REGISTRY_GRAPH, Registry
from ptce_graph.report.pages import PoleView, pole_view
from ptce_graph.serve.cache import Cache
from ptce_graph.serve.state import SiteState

__all__ = ["Site", "MAX_DESCRIPTION", "href_path", "candidate_paths"]

#: At most this many triples each way (subject, object) in the description of a resource that is not a pole.
MAX_DESCRIPTION = 5000

# Characters kept as they are when an IRI's path becomes a URL path: the reserved ones and escapes.
_SAFE = "/%:@!$&'()*+,;=-._~"


def href_path(path: str) -> str:
    """An IRI path as a URL path: non-ASCII characters, ``?`` and ``#`` percent-encoded, escapes kept."""
    return quote(path, safe=_SAFE)


def candidate_paths(raw: str) -> list[str]:
    """The IRI paths a URL path may stand for: as written, and with escaped non-ASCII, ``#``, ``?`` decoded."""
    found = [raw]

    def decode(match: str) -> str:
        text = unquote(match)
        return text if (not text.isascii() or text in "#?") else match

    decoded = re.sub(r"(?:%[0-9A-Fa-f]{2})+", lambda m: decode(m.group()), raw)
    if decoded != raw:
        found.append(decoded)
    return found


class Site:
    """A prepared registry (:class:`~ptce_graph.serve.state.SiteState`), opened for serving."""

    def __init__(self, state: SiteState) -> None:
        self.state = state
        self.base = state.base
        self.registry = Registry(state.store, read_only=not state.writable)
        self._graph = ox.NamedNode(REGISTRY_GRAPH)
        self._poles = set(state.poles)
        self.pages: Cache[bytes] = Cache(max_entries=8192, max_bytes=256 * 1024 * 1024, size=len)
        self.documents: Cache[bytes] = Cache(max_entries=8192, max_bytes=128 * 1024 * 1024, size=len)
        self.figures: Cache[bytes] = Cache(max_entries=2048, max_bytes=128 * 1024 * 1024, size=len)
        self.views: Cache[PoleView] = Cache(max_entries=64)
        #: Held while the registry changes (a writable registry): readers wait.
        self.writing = threading.RLock()

    def close(self) -> None:
        self.registry.close()

    @property
    def poles(self) -> tuple[str, ...]:
        return self.state.poles

    def forget(self) -> None:
        """Empty the caches (after the registry changed)."""
        for cache in (self.pages, self.documents, self.figures, self.views):
            cache.clear()
        self._poles = set(self.state.poles)

    # -- IRIs and addresses -------------------------------------------------------

    def path_of(self, iri: str) -> str | None:
        """The part of ``iri`` after the base (None when it is not minted under it)."""
        if iri.startswith(self.base) and len(iri) > len(self.base):
            return iri[len(self.base):]
        return None

    def resolve(self, raw: str) -> str | None:
        """The IRI of the resource a raw URL path (after ``/id/``, ``/page/`` or ``/data/``) names, if it exists."""
        for path in candidate_paths(raw):
            iri = self.base + path
            if self.exists(iri):
                return iri
        return None

    def _node(self, iri: str) -> Any:
        try:
            return ox.NamedNode(iri)
        except ValueError:
            return None

    def exists(self, iri: str) -> bool:
        node = self._node(iri)
        if node is None:
            return False
        store = self.registry.store.oxigraph
        return (next(iter(store.quads_for_pattern(node, None, None, self._graph)), None) is not None
                or next(iter(store.quads_for_pattern(None, None, node, self._graph)), None) is not None)

    def is_pole(self, iri: str) -> bool:
        return iri in self._poles

    def pole_of(self, iri: str) -> str | None:
        """The pole a resource minted under a pole's IRI belongs to (the pole itself for a pole)."""
        if iri in self._poles:
            return iri
        parts = parse_iri(iri, base=self.base)
        if parts is None or parts.pole is None:
            return None
        pole = str(pole_iri(parts.pole, base=self.base))
        return pole if pole in self._poles else None

    def types(self, iri: str) -> set[str]:
        node = self._node(iri)
        if node is None:
            return set()
        rdf_type = ox.NamedNode(str(RDF.type))
        return {q.object.value for q in self.registry.store.oxigraph.quads_for_pattern(node, rdf_type, None,
                                                                                        self._graph)
                if isinstance(q.object, ox.NamedNode)}

    def kind(self, iri: str) -> str:
        """``pole``, ``actor`` (an actor as involved in a pole of the registry) or ``resource``."""
        if iri in self._poles:
            return "pole"
        if str(PTCE.Actor) in self.types(iri) and self.pole_of(iri) is not None:
            return "actor"
        return "resource"

    # -- descriptions ------------------------------------------------------------------

    def shard(self, pole: str) -> Graph:
        return restore_declared_datatypes(self.registry.shard(pole))

    def describe(self, iri: str) -> Graph:
        """What the registry says of ``iri`` (module docstring): a pole's shard, else its bounded description."""
        if iri in self._poles:
            return self.shard(iri)
        node = self._node(iri)
        out = Graph(bind_namespaces="none")
        if node is None:
            return out
        store = self.registry.store.oxigraph
        seen: set[Any] = {node}
        stack = [node]
        count = 0
        while stack and count < MAX_DESCRIPTION:
            current = stack.pop()
            for quad in islice(store.quads_for_pattern(current, None, None, self._graph), MAX_DESCRIPTION - count):
                out.add((from_oxigraph(quad.subject), from_oxigraph(quad.predicate), from_oxigraph(quad.object)))
                count += 1
                if isinstance(quad.object, ox.BlankNode) and quad.object not in seen:
                    seen.add(quad.object)
                    stack.append(quad.object)
        for quad in islice(store.quads_for_pattern(None, None, node, self._graph), MAX_DESCRIPTION):
            out.add((from_oxigraph(quad.subject), from_oxigraph(quad.predicate), from_oxigraph(quad.object)))
        return restore_declared_datatypes(out)

    def labeller(self, iri: str, graph: Graph, lang: str) -> Labeller:
        """Names for the nodes of a description: a resource of a pole is named from the pole's shard."""
        pole = self.pole_of(iri)
        if pole is not None and pole != iri:
            return Labeller(self.shard(pole), lang)
        return Labeller(graph, lang)

    def view(self, pole: str, lang: str) -> PoleView:
        """The pole's page before its figures (cached): verdicts and measures from the prepared run."""

        def compute() -> PoleView:
            return pole_view(self.shard(pole), pole, lang=lang, as_of=self.state.as_of,
                             comparison=self.state.comparison, metrics=self.state.metrics.get(pole))

        return self.views.get((pole, lang), compute)

    def label(self, iri: str, lang: str) -> str:
        """A resource's name in ``lang`` (its own label, else composed from what the registry says)."""
        return self.labeller(iri, self.describe(iri), lang)(URIRef(iri))
