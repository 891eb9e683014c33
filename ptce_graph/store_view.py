"""A read-only rdflib graph over an Oxigraph store: each resource's triples read when first asked for.

Why: the reports of a registry's validation read a few things about a few
resources of each pole (its actors' legal forms and names, the names of
what a message is about).  Copying every pole into rdflib to answer them
(its *shard*, some 850 triples) cost more than everything else a
validation does; :class:`StoreView` instead answers rdflib's look-ups from
the store, reading a subject's triples (or the subjects of a predicate and
object) once, converting each Oxigraph term once, and keeping them while
the view is used.  The report code reads it as any rdflib graph, so there
is one implementation of the reports for graphs in memory and for stores.

The hot look-ups of the report code (``objects``, ``subjects``, ``value``,
``predicate_objects``, ``in``) are answered from the caches directly,
without rdflib's generator stack; any other pattern goes through
:class:`StoreViewStore`, uncached.
"""

from __future__ import annotations

from collections.abc import Generator, Iterable, Iterator, Sequence
from typing import Any

import pyoxigraph as ox
from rdflib import Graph, Literal
from rdflib.namespace import RDF
from rdflib.store import Store
from rdflib.term import Node

from ptce_graph.legal.shacl.batch_engine import to_oxigraph, to_rdflib

__all__ = ["StoreView", "StoreViewStore"]

Triple = tuple[Any, Any, Any]
_NO_CONTEXTS: Iterator[Any] = iter(())
#: Cached subjects (and reverse look-ups) kept before the caches are emptied: bounded memory on any registry.
_CACHE_MAX = 50_000


class StoreViewStore(Store):
    """rdflib's store interface over some graphs of a pyoxigraph store, read only (see the module docstring)."""

    context_aware = False
    formula_aware = False
    transaction_aware = False
    graph_aware = False

    def __init__(self, store: ox.Store, graphs: Sequence[Any], whole: Sequence[Any] = ()) -> None:
        super().__init__()
        self.ox = store
        self.graphs = tuple(graphs)
        self._terms: dict[Any, Node] = {}  # Oxigraph term -> rdflib term
        self._nodes: dict[Node, Any] = {}  # rdflib term -> Oxigraph term
        self._out: dict[Node, dict[Node, list[Any]]] = {}  # subject -> predicate -> objects
        self._in: dict[tuple[Node, Node], list[Node]] = {}  # (predicate, object) -> subjects
        # The graphs read whole, once (subject -> predicate -> objects each), and the others, read per subject.
        self._whole: dict[Any, dict[Any, tuple[Any, ...]]] = {g: self._read_all(g) for g in whole}
        self._lazy = tuple(g for g in self.graphs if g not in self._whole)

    def _read_all(self, graph: Any) -> dict[Any, tuple[Any, ...]]:
        """Every subject's triples of ``graph`` in one pass, compact (see :class:`StoreView`'s ``whole``).

        Oxigraph terms throughout, each distinct term one object; a subject's
        predicates and objects flat in one tuple (p, o, p, o…): about a third of
        the memory of a dictionary of lists per subject.
        """
        out: dict[Any, tuple[Any, ...]] = {}
        shared: dict[Any, Any] = {}
        subject: Any = None
        items: list[Any] = []
        # Oxigraph gives a graph's quads subject by subject: one entry per subject, not per quad.
        for q in self.ox.quads_for_pattern(None, None, None, graph):
            if q.subject != subject:
                if subject is not None:
                    out[subject] = out.get(subject, ()) + tuple(items)
                subject, items = q.subject, []
            p, o = q.predicate, q.object
            items.append(shared.setdefault(p, p))
            items.append(shared.setdefault(o, o))
        if subject is not None:
            out[subject] = out.get(subject, ()) + tuple(items)
        return out

    # -- terms --------------------------------------------------------------------

    def term(self, t: Any) -> Node:
        node = self._terms.get(t)
        if node is None:
            node = self._terms[t] = to_rdflib(t)
        return node

    def node(self, n: Node) -> Any:
        t = self._nodes.get(n)
        if t is None:
            t = self._nodes[n] = to_oxigraph(n)
        return t

    def _quads(self, s: Any, p: Any, o: Any) -> Iterator[Any]:
        for graph in self.graphs:
            yield from self.ox.quads_for_pattern(s, p, o, graph)

    # -- cached look-ups -------------------------------------------------------------

    def out(self, subject: Node) -> dict[Node, list[Any]]:
        """The predicates of ``subject``, each with its objects as Oxigraph terms (read once; see :meth:`objects`)."""
        found = self._out.get(subject)
        if found is None:
            if len(self._out) > _CACHE_MAX:
                self._out.clear()
            found = self._out[subject] = {}
            if isinstance(subject, Literal):  # never a subject in RDF
                return found
            term = self.term
            for graph in self.graphs:  # in the graphs' order: the first object of a predicate is the same
                if graph in self._whole:
                    flat = self._whole[graph].get(self.node(subject), ())
                    quads: Iterable[tuple[Node, Any]] = ((term(flat[i]), flat[i + 1]) for i in range(0, len(flat), 2))
                else:
                    quads = ((term(q.predicate), q.object)
                             for q in self.ox.quads_for_pattern(self.node(subject), None, None, graph))
                for p, o in quads:
                    objects = found.get(p)
                    if objects is None:
                        found[p] = [o]
                    elif o not in objects:
                        objects.append(o)
        return found

    def objects(self, subject: Node, predicate: Node) -> list[Node]:
        """The objects of ``subject`` and ``predicate`` (only these are converted to rdflib terms)."""
        term = self.term
        return [term(o) for o in self.out(subject).get(predicate, ())]

    def into(self, predicate: Node, obj: Node) -> list[Node]:
        """The subjects of ``predicate`` and ``obj`` (read once)."""
        key = (predicate, obj)
        found = self._in.get(key)
        if found is None:
            if len(self._in) > _CACHE_MAX:
                self._in.clear()
            term = self.term
            found = self._in[key] = list(dict.fromkeys(
                term(q.subject) for q in self._quads(None, self.node(predicate), self.node(obj))))
        return found

    # -- rdflib's store interface ---------------------------------------------------

    def triples(self, triple_pattern: Any, context: Any = None) -> Generator[tuple[Triple, Iterator[Any]], None, None]:
        s, p, o = triple_pattern
        if s is not None:
            for q, objects in self.out(s).items():
                if p is not None and q != p:
                    continue
                for x in objects:
                    y = self.term(x)
                    if o is None or y == o:
                        yield (s, q, y), _NO_CONTEXTS
            return
        if p is not None and o is not None:
            for x in self.into(p, o):
                yield (x, p, o), _NO_CONTEXTS
            return
        term = self.term
        seen: set[Triple] = set()
        for q in self._quads(None, None if p is None else self.node(p), None if o is None else self.node(o)):
            t = (term(q.subject), term(q.predicate), term(q.object))
            if t not in seen:
                seen.add(t)
                yield t, _NO_CONTEXTS

    def __len__(self, context: Any = None) -> int:
        return sum(1 for _ in self.triples((None, None, None)))

    def add(self, triple: Any, context: Any = None, quoted: bool = False) -> None:
        raise TypeError("a StoreView is read only")

    def remove(self, triple: Any, context: Any = None) -> None:
        raise TypeError("a StoreView is read only")


class StoreView(Graph):
    """A read-only rdflib graph over ``graphs`` of a pyoxigraph ``store`` (their union).

    ``graphs``: Oxigraph graph names (``NamedNode``, or ``DefaultGraph()``).
    The store must not change while the view is read (the caches would not see it).
    ``whole``: graphs among ``graphs`` to read whole, in one pass, when the view
    is made, for a caller that will read most of their subjects (a registry's
    reports): one scan costs a fraction of a look-up per subject, for some
    memory (compact: ~70 MB for the 0.8 M triples of 1,000 poles).  The other
    graphs are read subject by subject.
    """

    store: StoreViewStore

    def __init__(self, store: ox.Store, graphs: Sequence[Any] = (ox.DefaultGraph(),),
                 whole: Sequence[Any] = ()) -> None:
        super().__init__(store=StoreViewStore(store, graphs, whole), bind_namespaces="none")

    # The look-ups the report code makes, straight from the caches (same answers as Graph's).

    def objects(self, subject: Any = None, predicate: Any = None, unique: bool = False) -> Any:
        if subject is None or predicate is None:
            return super().objects(subject, predicate, unique)
        return iter(self.store.objects(subject, predicate))

    def subjects(self, predicate: Any = None, object: Any = None, unique: bool = False) -> Any:  # noqa: A002
        if predicate is None or object is None:
            return super().subjects(predicate, object, unique)
        return iter(self.store.into(predicate, object))

    def predicate_objects(self, subject: Any = None, unique: bool = False) -> Any:
        if subject is None:
            return super().predicate_objects(subject, unique)
        term = self.store.term
        return iter([(p, term(o)) for p, objects in self.store.out(subject).items() for o in objects])

    def value(self, subject: Any = None, predicate: Any = RDF.value, object: Any = None,  # noqa: A002
              default: Any = None, any: bool = True) -> Any:  # noqa: A002
        if subject is None or predicate is None or object is not None or not any:
            return super().value(subject, predicate, object, default, any)
        objects = self.store.out(subject).get(predicate)
        return self.store.term(objects[0]) if objects else default

    def __contains__(self, triple: Any) -> bool:
        s, p, o = triple
        if s is None or p is None or o is None:
            return super().__contains__(triple)
        return o in self.store.objects(s, p)

    def __iter__(self) -> Generator[Triple, None, None]:
        for t, _ in self.store.triples((None, None, None)):
            yield t

    def __len__(self) -> int:
        return len(self.store)
