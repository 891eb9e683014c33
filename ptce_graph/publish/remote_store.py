"""A SPARQL 1.1 endpoint read as the batch engine reads an Oxigraph store: validation where the data lives.

Why: a registry published in a SPARQL store (``ptce publish``) can be
validated there, without copying it out: ``ptce validate --endpoint URL
--graph IRI`` runs the batch engine's queries on the store
(:mod:`ptce_graph.legal.store_validation`), which scales out where ptce_graph
does not (Virtuoso's cluster edition, other stores).  :class:`RemoteStore`
offers the few calls of :class:`pyoxigraph.Store` the validation makes —
``query``, ``quads_for_pattern``, ``extend``, ``remove_graph`` — over the
SPARQL protocol, with the publication's client (credentials from the
environment, timeouts, TLS, no redirects followed: :mod:`.store`).

The shapes read, beside the data, each legal form's family and the
evaluation date: these *working triples* are published into a named graph of
their own (``urn:uuid:…``, through :func:`.store.publish`: every update read
back before it leaves), the queries read the union of it and the data graph
(the protocol's ``default-graph-uri``, twice), and the graph is dropped when
the validation ends.  The store's user therefore needs write access (the
``PTCE_STORE_USER`` of ``ptce publish``).

Dialects: ``LATERAL`` (an Oxigraph extension that makes ``EXISTS`` groups
look-ups) is sent only to a store that parses it, asked once (Oxigraph's
server: without it its queries take minutes where they take seconds);
results are read as SPARQL JSON by Oxigraph's own parser (typed and language
literals as the local path has them); no ``ASK`` is sent (Virtuoso 7 answers
one in JSON as a result set).  Blank nodes cannot be named from one
query to the next (their labels are scoped to a result set), so data holding
them is refused with the fix: publish it skolemised (``ptce publish`` does
by default).  The reports, which look up thousands of resources one at a
time, read a copy of the data graph fetched once (Graph Store Protocol, else
``CONSTRUCT``; a store cutting the answer short is caught by counting).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from typing import Any

import pyoxigraph as ox
from rdflib import Graph

from ptce_graph.errors import InputError
from ptce_graph.oxigraph_terms import to_rdflib
from ptce_graph.publish.store import (
    DEFAULT_TIMEOUT,
    Credentials,
    Endpoint,
    StoreError,
    _Client,
    _safe_url,
    drop_graph,
    publish,
)

__all__ = ["RemoteStore"]

_RESULTS = "application/sparql-results+json"
_NT = "application/n-triples"


class RemoteStore:
    """The named graph ``graph`` of the SPARQL store at ``endpoint``, queried as a :class:`pyoxigraph.Store`.

    ``kind``: ``auto`` (recognised from the server), ``oxigraph``, ``virtuoso``,
    ``fuseki`` or ``generic`` (as :func:`ptce_graph.publish.publish`).  Use it
    as a context manager (its HTTP session is closed at the end).
    """

    @functools.cached_property
    def lateral(self) -> bool:
        """Whether the store parses ``LATERAL`` (Oxigraph's server does; read by
        :func:`ptce_graph.legal.shacl.batch_engine.run_batch`): asked once, with a query binding two constants."""
        try:
            list(self.query("SELECT * WHERE { BIND(1 AS ?a) LATERAL { BIND(?a AS ?b) } }"))
        except StoreError:
            return False
        return True

    def __init__(self, endpoint: str, *, graph: str, kind: str = "auto", credentials: Credentials | None = None,
                 timeout: float = DEFAULT_TIMEOUT) -> None:
        self.credentials = credentials if credentials is not None else Credentials.from_env()
        self.timeout = timeout
        self._client = _Client(credentials=self.credentials, timeout=timeout)
        try:
            self.endpoint = Endpoint.resolve(endpoint, kind=kind, client=self._client, timeout=min(timeout, 30.0))
        except BaseException:
            self._client.close()
            raise
        self.graph = ox.NamedNode(graph)
        self.requests = 0
        self._copy: ox.Store | None = None

    def __enter__(self) -> RemoteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    # -- reading ------------------------------------------------------------------------

    def query(self, text: str, *, prefixes: dict[str, str] | None = None, substitutions: dict | None = None,
              default_graph: Any = None) -> Any:
        """A SELECT or ASK over the protocol: Oxigraph's query results (``variables``, rows of its terms).

        ``default_graph``: the graphs the query reads as its default graph (a
        name or a list; ``None``: the store's default); ``substitutions``
        (variable -> term) are bound by a ``VALUES`` clause after the query.
        """
        head = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in (prefixes or {}).items())
        tail = ""
        if substitutions:
            names = " ".join(f"?{v.value}" for v in substitutions)
            tail = f"\nVALUES ({names}) {{ ({' '.join(str(t) for t in substitutions.values())}) }}"
        graphs = default_graph if isinstance(default_graph, (list, tuple)) else [default_graph]
        form: dict[str, Any] = {"query": head + text + tail}
        named = [g.value for g in graphs if isinstance(g, ox.NamedNode)]
        if named:
            form["default-graph-uri"] = named
        self.requests += 1
        response = self._client.request("POST", self.endpoint.query, data=form, headers={"Accept": _RESULTS},
                                        what="query")
        try:
            return ox.parse_query_results(response.content, format=ox.QueryResultsFormat.JSON)
        except (SyntaxError, ValueError) as exc:
            raise StoreError(f"the answer of {_safe_url(self.endpoint.query)} is not SPARQL JSON results: {exc}") \
                from None

    def quads_for_pattern(self, subject: Any, predicate: Any, obj: Any, graph: Any = None) -> Iterator[Any]:
        """The triples of ``graph`` (a name; None: :attr:`graph`) matching the pattern, as Oxigraph quads.

        The data graph is read from a copy fetched once (:meth:`copy`): the reports look up thousands of
        resources one at a time, a request each would dominate the run.
        """
        target = self.graph if graph is None or isinstance(graph, ox.DefaultGraph) else graph
        if target == self.graph:
            return self.copy().quads_for_pattern(subject, predicate, obj, target)
        return self._remote_quads(subject, predicate, obj, target)

    def copy(self) -> ox.Store:
        """The data graph in an in-memory Oxigraph store, read once (Graph Store Protocol, else ``CONSTRUCT``).

        A store that cuts long answers short (Virtuoso's ``ResultSetMaxRows``) is caught by counting.
        """
        if self._copy is None:
            name = self.graph.value
            if self.endpoint.gsp is not None:
                self._client.prepare_auth(self.endpoint.gsp, kind=self.endpoint.kind)
                response = self._client.request("GET", self.endpoint.gsp, params={"graph": name},
                                                headers={"Accept": _NT}, what="read")
            else:
                response = self._client.request(
                    "POST", self.endpoint.query, data={"query": f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH "
                                                                f"{self.graph} {{ ?s ?p ?o }} }}"},
                    headers={"Accept": _NT}, what="read")
            self.requests += 1
            store = ox.Store()
            try:
                store.load(response.content, format=ox.RdfFormat.N_TRIPLES, to_graph=self.graph)
            except (SyntaxError, ValueError) as exc:
                raise StoreError(f"the graph <{name}> read from {_safe_url(self.endpoint.query)} is not "
                                 f"N-Triples: {exc}") from None
            expected = len(self)
            if len(store) != expected:
                raise StoreError(f"the store answered {len(store)} of the {expected} triples of <{name}>: it cuts "
                                 "long answers short (Virtuoso: raise ResultSetMaxRows in virtuoso.ini)")
            self._copy = store
        return self._copy

    def _remote_quads(self, subject: Any, predicate: Any, obj: Any, target: Any) -> Iterator[Any]:
        terms = {"s": subject, "p": predicate, "o": obj}
        pattern = " ".join(str(t) if t is not None else f"?{k}" for k, t in terms.items())
        variables = [k for k, t in terms.items() if t is None]
        text = f"SELECT {' '.join('?' + v for v in variables) or '*'} WHERE {{ GRAPH {target} {{ {pattern} }} }}"
        for row in self.query(text):
            values = dict(zip(variables, row, strict=True))
            yield ox.Quad(values.get("s", subject), values.get("p", predicate), values.get("o", obj), target)

    def has_blank_nodes(self) -> bool:
        """Whether the data graph holds a blank node (subject or object)."""
        # A SELECT, not an ASK: Virtuoso 7 answers an ASK in JSON as a result set (variable __ASK_RETVAL).
        found = self.query(f"SELECT ?s WHERE {{ GRAPH {self.graph} {{ ?s ?p ?o "
                           "FILTER (isBlank(?s) || isBlank(?o)) } } LIMIT 1")
        return any(True for _ in found)

    def __len__(self) -> int:
        rows = list(self.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {self.graph} {{ ?s ?p ?o }} }}"))
        return int(rows[0][0].value) if rows else 0

    # -- the working graph ------------------------------------------------------------------

    def extend(self, quads: Iterable[Any]) -> None:
        """Add quads of one named graph (the working graph), published as :func:`.store.publish` does."""
        by_graph: dict[str, Graph] = {}
        for q in quads:
            graph = by_graph.setdefault(q.graph_name.value, Graph(bind_namespaces="none"))
            graph.add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))
        for name, graph in by_graph.items():
            publish(graph, endpoint=self.endpoint, graph=name, credentials=self.credentials, timeout=self.timeout,
                    skolemize=False, verify=False)

    def remove_graph(self, graph: Any) -> None:
        drop_graph(self.endpoint, graph.value, credentials=self.credentials, timeout=self.timeout)

    def check_data(self) -> None:
        """Located errors for what cannot be validated here: an empty graph, blank nodes."""
        if not len(self):
            raise InputError(f"the graph <{self.graph.value}> of {_safe_url(self.endpoint.query)} is empty",
                             source="--graph",
                             expected="the named graph holding the registry (as ptce publish wrote it)")
        if self.has_blank_nodes():
            raise InputError(
                f"the graph <{self.graph.value}> holds blank nodes, which a SPARQL endpoint cannot name from one "
                "query to the next", source="--graph",
                expected="the data published with stable IRIs for its blank nodes (ptce publish does it unless "
                "--keep-blank-nodes)")
