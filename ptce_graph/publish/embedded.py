"""An embedded, persistent RDF store (Oxigraph) for registries larger than memory is comfortable with.

rdflib keeps a graph in Python objects: a few hundred bytes per triple.
:class:`EmbeddedStore` keeps triples on disk in Oxigraph (RocksDB), in named
graphs, and answers SPARQL in Rust; a registry of many poles can be loaded
once and queried, exported or validated pole by pole::

    with EmbeddedStore("registry.oxigraph") as store:
        store.replace_graph("poles/2026.ttl", graph="https://example.org/graph/2026")
        result = store.query("SELECT ?p WHERE { ?p a ptce:Pole ; rdfs:label ?l }",
                             bindings={"l": "Le Périscope"})
        pole_graph = store.to_graph("https://example.org/graph/2026")

``EmbeddedStore()`` without a path is in memory.  Writes are transactional:
:meth:`replace_graph` loads into a staging graph, then one ``MOVE`` replaces
the target, so a failure leaves the previous graph intact.

Literals moving between Oxigraph and rdflib are normalised: Oxigraph gives a
plain literal the datatype ``xsd:string`` where rdflib leaves it untyped, and
the two do not compare equal in rdflib (hundreds of false SHACL violations
were measured that way); :meth:`to_graph` returns rdflib's form, and language
tags in lower case.  Oxigraph stores values: ``"12"^^xsd:nonNegativeInteger``
comes back as ``"12"^^xsd:integer``, ``"0.10"`` as ``"0.1"``; :meth:`to_graph`
gives back the datatypes the ontology declares.  Queries may not call ``SERVICE`` (Oxigraph would fetch
the URL, out of reach of Python's network guard) unless ``allow_service``.
"""

from __future__ import annotations

import os
import re
import threading
import uuid
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import rdflib
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.store import Store

from ptce_graph import oxigraph_terms
from ptce_graph.errors import InputError, OutputError
from ptce_graph.io import as_graph, save
from ptce_graph.io.atomic import output_path
from ptce_graph.io.formats import FORMATS, format_from_name
from ptce_graph.io.rdf import (
    TermRules,
    checked_quads,
    file_locator,
    has_bom,
    open_without_bom,
    oxigraph_error,
    scan_file,
)
from ptce_graph.io.serialize import to_ntriples
from ptce_graph.iris import check_iri
from ptce_graph.namespaces import PREFIXES
from ptce_graph.publish.datatypes import restore_declared_datatypes
from ptce_graph.publish.sparql import QueryResult, bind_terms, bind_values, check_query, values_block

__all__ = ["EmbeddedStore", "to_oxigraph", "from_oxigraph", "is_store_folder", "store_folder"]

#: The names RocksDB (Oxigraph's storage) gives the files of a store's folder.
_ROCKSDB_FILE = re.compile(
    r"CURRENT|IDENTITY|LOCK|LOG(\.old\.\d+)?|(MANIFEST|OPTIONS)-\d+(\.dbtmp)?|\d+\.(sst|log|blob|dbtmp)"
)


def is_store_folder(folder: Path) -> bool:
    """Whether ``folder`` is an Oxigraph store's: ``CURRENT``, ``IDENTITY`` and only RocksDB's files."""
    entries = list(folder.iterdir())
    return (folder / "CURRENT").is_file() and (folder / "IDENTITY").is_file() and all(
        entry.is_file() and _ROCKSDB_FILE.fullmatch(entry.name) for entry in entries
    )


def store_folder(path: str | os.PathLike[str]) -> Path:
    """The folder a persistent store may be opened in, writable: a new or empty folder, or a store already.

    Oxigraph writes its files into the folder (and RocksDB deletes the files of
    its own names it does not recognise), so a folder of the user's, the
    current folder, a file, a device or a dangling link is refused
    (:class:`OutputError`, exit 2), by the rules of
    :func:`ptce_graph.io.atomic.output_path`.
    """
    return output_path(path, folder=True, replaces=is_store_folder, previous="Oxigraph store",
                       consequence="the store's files would be written among yours")


def to_oxigraph(term: rdflib.term.Node) -> Any:
    """An rdflib term for the store: :func:`ptce_graph.oxigraph_terms.to_oxigraph`, new labels for
    blank nodes whose label is not alphanumeric; InputError for what is not an RDF term."""
    if not isinstance(term, (URIRef, BNode, Literal)):
        raise InputError(f"cannot store the term {term!r}", source="store")
    return oxigraph_terms.to_oxigraph(term, blank_labels="alphanumeric")


def from_oxigraph(term: Any) -> rdflib.term.Node:
    """An Oxigraph term as rdflib's (:func:`ptce_graph.oxigraph_terms.to_rdflib`: ``xsd:string``
    literals untyped, language tags lower case); InputError for a triple term."""
    try:
        return oxigraph_terms.to_rdflib(term)
    except ValueError:
        raise InputError(f"cannot read the term {term!r} (RDF-star is not supported)", source="store") from None


def _graph_name(graph: str | None) -> Any:
    if graph is None:
        return ox.DefaultGraph()
    return ox.NamedNode(str(check_iri(graph, what="the graph name")))


def _drop_subjects(store: ox.Store, subjects: set[str], graph: Any) -> None:
    """Remove the triples describing vocabulary terms, which the checks left out (io.rules)."""
    for subject in subjects:
        for quad in list(store.quads_for_pattern(ox.NamedNode(subject), None, None, graph)):
            store.remove(quad)


class _LoadAlongside:
    """``Store.load`` of a file into a new graph, on a thread of its own (see :meth:`EmbeddedStore.load_file`)."""

    def __init__(self, store: ox.Store, source: Path, fmt: ox.RdfFormat, target: ox.NamedNode) -> None:
        self.store, self.target = store, target
        self.before = len(store)
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._load, args=(str(source), fmt), name="ptce-load", daemon=True)
        self.thread.start()

    def _load(self, path: str, fmt: ox.RdfFormat) -> None:
        try:
            self.store.load(path=path, format=fmt, to_graph=self.target)
        except BaseException as exc:  # raised again by wait(), in the caller's thread
            self.error = exc

    def wait(self) -> None:
        """Until the load is done; its error, if any."""
        self.thread.join()
        if self.error is not None:
            raise self.error

    def undo(self) -> None:
        """Once the load is done, remove what it added (the graph was new)."""
        self.thread.join()
        if self.store.contains_named_graph(self.target):
            self.store.remove_graph(self.target)


class EmbeddedStore:
    """A persistent Oxigraph store on disk (or in memory), holding named graphs.

    Open one store per path per process (Oxigraph locks the folder).  Use it
    as a context manager, or call :meth:`close`.
    """

    def __init__(self, path: str | os.PathLike[str] | None = None, *, read_only: bool = False) -> None:
        self.path = None if path is None else Path(path)
        try:
            if self.path is None:
                if read_only:
                    raise InputError("an in-memory store cannot be opened read-only", source="store")
                self._store = ox.Store()
            elif read_only:
                self._store = ox.Store.read_only(str(self.path))
            else:
                self._store = ox.Store(str(store_folder(self.path)))
        except OSError as exc:
            raise OutputError(f"{self.path}: cannot open the store ({exc})") from None
        self.read_only = read_only

    # -- lifecycle ---------------------------------------------------------------

    def __enter__(self) -> EmbeddedStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Flush and release the store (the folder can then be opened again)."""
        store = getattr(self, "_store", None)
        if store is not None:
            if not self.read_only and self.path is not None:
                store.flush()
            del self._store, store
            if self.path is not None:
                # Query results can keep the store alive in a reference cycle; the files
                # must be released now (measured: a read-only reopen then raced with
                # RocksDB's background compaction and failed one time in four).  An
                # in-memory store has no files: no full collection (a second with a
                # registry's reports in memory).
                import gc

                gc.collect()

    @property
    def oxigraph(self) -> ox.Store:
        """The underlying :class:`pyoxigraph.Store`, for what this class does not cover."""
        try:
            return self._store
        except AttributeError:
            raise OutputError("the store is closed") from None

    # -- writing -----------------------------------------------------------------

    def _load(self, data: Any, graph: Any) -> int:
        if self.read_only:
            raise OutputError(f"{self.path}: the store is open read-only")
        source = as_graph(data)
        payload = to_ntriples(source)
        try:
            self.oxigraph.load(payload, format=ox.RdfFormat.N_TRIPLES, to_graph=graph)
        except (SyntaxError, ValueError, OSError) as exc:
            raise OutputError(f"the store refused the data ({type(exc).__name__})") from None
        return len(source)

    def add(self, data: Any, *, graph: str | None = None) -> int:
        """Add the triples of ``data`` to a named graph (or the default graph); returns their number."""
        return self._load(data, _graph_name(graph))

    def replace_graph(self, data: Any, *, graph: str) -> int:
        """Replace a named graph by ``data`` in one transaction; returns the number of triples."""
        target = _graph_name(graph)
        staging = ox.NamedNode(f"urn:ptce:staging:{uuid.uuid4()}")
        try:
            count = self._load(data, staging)
            self.oxigraph.update(f"MOVE SILENT {staging} TO {target}")
        except BaseException:
            if not self.read_only and self.oxigraph.contains_named_graph(staging):
                self.oxigraph.remove_graph(staging)
            raise
        return count

    def load_file(
        self,
        path: str | os.PathLike[str],
        *,
        graph: str,
        replace: bool = True,
        format: str | None = None,
    ) -> int:
        """Load a Turtle or N-Triples file straight into a named graph, without rdflib.

        For files larger than memory is comfortable with.  The file is read
        twice: first as a stream, by exactly the checks of :func:`ptce_graph.load`
        (:func:`ptce_graph.io.rdf.scan_file`, then every term by
        :class:`ptce_graph.io.rdf.TermRules`: UTF-8 with or without a byte-order
        mark, control characters, IRIs after resolution and the expansion
        budget, the lexical forms of typed literals, triples describing
        vocabulary terms), keeping nothing; then by Oxigraph's loader, into a
        staging graph moved onto ``graph`` (replacing it, or added to it with
        ``replace=False``).  Returns the number of triples loaded (into a graph
        that already held some, those new to it).  Other formats go through
        :meth:`add` / :meth:`replace_graph`.
        """

        source = Path(path)
        named = (format or format_from_name(source.name) or "").lower()
        fmt = FORMATS.get(named, named)
        ox_format = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES}.get(fmt)
        if ox_format is None:
            raise InputError(
                f"load_file reads Turtle and N-Triples, not {fmt or 'this format'}",
                source=str(source),
                expected=".ttl or .nt (use add() for JSON-LD and RDF/XML)",
            )
        if self.read_only:
            raise OutputError(f"{self.path}: the store is open read-only")
        if not os.path.isfile(source):
            raise InputError("no such file", source=str(source))
        scan_file(source)
        rules = TermRules(str(source), source.stat().st_size, file_locator(source))
        target = _graph_name(graph)
        staging = ox.NamedNode(f"urn:ptce:staging:{uuid.uuid4()}")
        store = self.oxigraph
        # In memory, into a graph that holds nothing yet, Oxigraph loads the file on a thread of its own while
        # the checks run here (given a path, it reads and parses without the interpreter lock: 0.8 M triples
        # checked and loaded in 2.8 s, against 4.3 + 3.7 s one after the other); a check that fails takes away
        # what was loaded.  Otherwise (a store on disk, a graph to add to, a byte-order mark), one after the other.
        alongside = None
        if self.path is None and not store.contains_named_graph(target) and not has_bom(source):
            alongside = _LoadAlongside(store, source, ox_format, target)
        try:
            with open_without_bom(source) as handle:
                for _ in checked_quads(handle, format=fmt, rules=rules):
                    pass
        except BaseException as exc:
            if alongside is not None:
                alongside.undo()
            if isinstance(exc, SyntaxError):
                raise oxigraph_error(exc, str(source), fmt) from None
            raise
        try:
            if alongside is not None:
                alongside.wait()
                _drop_subjects(store, rules.dropped_subjects, target)
                count = len(store) - alongside.before
            else:
                with open_without_bom(source) as handle:
                    if self.path is None and (not replace or not store.contains_named_graph(target)):
                        # In memory, Store.load is one transaction (nothing is added on an error) and
                        # faster than bulk_load (measured 1.8 s against 2.1 s for 0.8 M triples): no staging.
                        before = len(store)
                        store.load(input=handle, format=ox_format, to_graph=target)
                        _drop_subjects(store, rules.dropped_subjects, target)
                        count = len(store) - before
                    else:
                        store.bulk_load(input=handle, format=ox_format, to_graph=staging)
                        _drop_subjects(store, rules.dropped_subjects, staging)
                        count = sum(1 for _ in store.quads_for_pattern(None, None, None, staging))
                        store.update(f"{'MOVE' if replace else 'ADD'} SILENT {staging} TO {target}")
                        if not replace:
                            store.remove_graph(staging)
        except SyntaxError as exc:
            raise oxigraph_error(exc, str(source), fmt) from None
        except OSError as exc:
            raise InputError(f"the file could not be loaded ({str(exc)[:200]})", source=str(source)) from None
        finally:
            if store.contains_named_graph(staging):
                store.remove_graph(staging)
        imports = ox.NamedNode("http://www.w3.org/2002/07/owl#imports")
        rules.finish(q.object.value for q in store.quads_for_pattern(None, imports, None, target)
                     if isinstance(q.object, ox.NamedNode))
        return count

    def remove_graph(self, graph: str) -> None:
        """Remove a named graph (nothing happens if it does not exist)."""
        name = _graph_name(graph)
        if self.oxigraph.contains_named_graph(name):
            self.oxigraph.remove_graph(name)

    # -- reading -----------------------------------------------------------------

    def graphs(self) -> list[str]:
        """IRIs of the named graphs, sorted."""
        return sorted(str(g.value) for g in self.oxigraph.named_graphs() if isinstance(g, ox.NamedNode))

    def count(self, graph: str | None = None) -> int:
        """Triples in a named graph, or quads in the whole store."""
        if graph is None:
            return len(self.oxigraph)
        return sum(1 for _ in self.oxigraph.quads_for_pattern(None, None, None, _graph_name(graph)))

    def __len__(self) -> int:
        return len(self.oxigraph)

    def __contains__(self, graph: object) -> bool:
        return isinstance(graph, str) and self.oxigraph.contains_named_graph(_graph_name(graph))

    def to_graph(self, graph: str | None = None, *, restore_datatypes: bool = True) -> Graph:
        """A named graph (or the default graph) as a new rdflib graph, literals normalised.

        Oxigraph folds ``xsd:nonNegativeInteger`` and the other types derived
        from ``xsd:integer`` into ``xsd:integer``; with ``restore_datatypes``
        the datatype the ontology declares is given back
        (:func:`~ptce_graph.publish.datatypes.restore_declared_datatypes`).
        """
        out = Graph(bind_namespaces="none")
        add = out.add
        for quad in self.oxigraph.quads_for_pattern(None, None, None, _graph_name(graph)):
            add((from_oxigraph(quad.subject), from_oxigraph(quad.predicate), from_oxigraph(quad.object)))
        if restore_datatypes:
            return restore_declared_datatypes(out)
        return out

    def view(self, graph: str | None = None) -> Graph:
        """A read-only rdflib graph over a named graph (or the default graph), read in place.

        For code written for rdflib graphs (dataset metadata, labels) on data too
        large to copy: each pattern is answered by the store and its triples
        converted as they are read (literals as :meth:`to_graph` gives them, but
        datatypes as Oxigraph keeps them).  Writing to it raises.
        """
        return Graph(store=_ReadOnlyView(self.oxigraph, _graph_name(graph)), bind_namespaces="none")

    def query(
        self,
        sparql: str,
        *,
        bindings: Mapping[str, Any] | None = None,
        graph: str | None = None,
        union: bool = False,
        allow_service: bool = False,
    ) -> QueryResult:
        """Run a SPARQL query; ``graph`` is the default graph (``union=True``: all graphs).

        Prefixes of ptce_graph (``ptce:``, ``rdfs:``, ``org:``...) are predeclared.
        """

        info = check_query(sparql)
        if info.uses_service and not allow_service:
            raise InputError(
                "the query calls SERVICE, which would open a network connection",
                source="query",
                expected="a query on the store (or allow_service=True, knowingly)",
            )
        nodes = bind_terms(bindings)
        if nodes:
            # pyoxigraph's substitutions only reach projected variables: bind with a VALUES block instead.
            sparql = bind_values(sparql, info.form, values_block(nodes))
        options: dict[str, Any] = {"prefixes": dict(PREFIXES)}
        if union:
            options["use_default_graph_as_union"] = True
        elif graph is not None:
            options["default_graph"] = _graph_name(graph)
        try:
            result = self.oxigraph.query(sparql, **options)
        except SyntaxError as exc:
            raise InputError(f"the query is not valid SPARQL ({str(exc)[:120]})", source="query") from None
        except OSError as exc:
            raise InputError(f"the query failed ({str(exc)[:120]})", source="query") from None
        if isinstance(result, ox.QueryBoolean):
            return QueryResult("ask", boolean=bool(result))
        if isinstance(result, ox.QueryTriples):
            g = Graph(bind_namespaces="none")
            for t in result:
                g.add((from_oxigraph(t.subject), from_oxigraph(t.predicate), from_oxigraph(t.object)))
            return QueryResult("graph", graph=g)
        names = tuple(v.value for v in result.variables)
        rows = []
        for solution in result:
            row = {}
            for name in names:
                value = solution[name]
                if value is not None:
                    row[name] = from_oxigraph(value)
            rows.append(row)
        return QueryResult("select", variables=names, rows=rows)

    def dump(
        self, destination: str | os.PathLike[str], *, graph: str | None = None, format: str | None = None
    ) -> None:
        """Write a named graph (or the default graph) with ptce_graph's deterministic writers."""

        save(self.to_graph(graph), destination, format=format)


def _pattern_term(term: Any) -> Any:
    if term is None:
        return None
    if isinstance(term, (URIRef, BNode, Literal)):
        try:
            return to_oxigraph(term)
        except (ValueError, InputError):
            return False  # not representable in the store: matches nothing
    return False  # a path or a graph: this view answers plain patterns only


class _ReadOnlyView(Store):
    """rdflib's window on one graph of an Oxigraph store (:meth:`EmbeddedStore.view`)."""

    def __init__(self, store: ox.Store, graph: Any) -> None:
        super().__init__()
        self._ox = store
        self._graph = graph

    def triples(self, triple_pattern: Any, context: Any = None) -> Any:
        terms = [_pattern_term(t) for t in triple_pattern]
        if any(t is False for t in terms):
            return
        for quad in self._ox.quads_for_pattern(terms[0], terms[1], terms[2], self._graph):
            yield (from_oxigraph(quad.subject), from_oxigraph(quad.predicate), from_oxigraph(quad.object)), iter(())

    def __len__(self, context: Any = None) -> int:
        return sum(1 for _ in self._ox.quads_for_pattern(None, None, None, self._graph))

    def add(self, triple: Any, context: Any, quoted: bool = False) -> None:
        raise OutputError("this graph is a read-only view of a store")

    def remove(self, triple: Any, context: Any = None) -> None:
        raise OutputError("this graph is a read-only view of a store")
