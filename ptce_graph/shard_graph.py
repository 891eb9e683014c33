"""A pole's shard as an rdflib graph that is cheap to build and to read through.

Why not a plain ``Graph``: a registry pass builds one graph per pole (a
thousand a year, ~850 triples each) and reads it a few times (the Turtle
writer and the model reader go through every triple, the reports look up a
few patterns).  rdflib's ``SimpleMemory`` indexes each triple three ways
as it is added (~6 µs a triple with the conversions) and answers
``for t in graph`` through two generators; most of that work is never read.

:class:`ShardStore` keeps the triples in insertion order plus a subject
index, and builds the predicate and object indexes only when a pattern asks
for them; :class:`ShardGraph` iterates the triples straight from the store.
Both behave as rdflib's (patterns, ``add``, ``remove``, ``+=``, prefixes,
SPARQL through rdflib's evaluator), so the graph can be handed to any caller.
"""

from __future__ import annotations

from collections.abc import Generator, Iterable, Iterator
from typing import Any

from rdflib import Graph
from rdflib.plugins.stores.memory import SimpleMemory

__all__ = ["ShardGraph", "ShardLookups", "ShardStore"]

Triple = tuple[Any, Any, Any]
_Index = dict[Any, dict[Any, dict[Any, None]]]

# Every triple is in the one default context: rdflib's Graph ignores the contexts a store yields.
_NO_CONTEXTS: Iterator[Any] = iter(())


def _index(triples: Iterable[Triple], order: tuple[int, int, int]) -> _Index:
    a, b, c = order
    index: _Index = {}
    for t in triples:
        first = index.get(t[a])
        if first is None:
            first = index[t[a]] = {}
        second = first.get(t[b])
        if second is None:
            second = first[t[b]] = {}
        second[t[c]] = None
    return index


class ShardStore(SimpleMemory):
    """Triples in order (a dict used as an ordered set) and ``spo``; ``pos`` and ``osp`` on demand.

    The namespace bindings are ``SimpleMemory``'s.
    """

    def __init__(self, triples: Iterable[Triple] = ()) -> None:
        super().__init__()
        listed: dict[Triple, None] = dict.fromkeys(triples)
        self.listed = listed
        self._spo = _index(listed, (0, 1, 2))
        self._pos: _Index | None = None
        self._osp: _Index | None = None

    def subjects_set(self) -> set[Any]:
        return set(self._spo)

    def _by_predicate(self) -> _Index:
        if self._pos is None:
            self._pos = _index(self.listed, (1, 2, 0))
        return self._pos

    def _by_object(self) -> _Index:
        if self._osp is None:
            self._osp = _index(self.listed, (2, 0, 1))
        return self._osp

    def add(self, triple: Any, context: Any = None, quoted: bool = False) -> None:
        t: Triple = tuple(triple)
        if t in self.listed:
            return
        self.listed[t] = None
        s, p, o = t
        self._spo.setdefault(s, {}).setdefault(p, {})[o] = None
        if self._pos is not None:
            self._pos.setdefault(p, {}).setdefault(o, {})[s] = None
        if self._osp is not None:
            self._osp.setdefault(o, {}).setdefault(s, {})[p] = None

    def addN(self, quads: Iterable[Any]) -> None:  # noqa: N802 - rdflib's name
        for s, p, o, _ in quads:
            self.add((s, p, o))

    def remove(self, triple: Any, context: Any = None) -> None:
        for t, _ in list(self.triples(triple)):
            del self.listed[t]
            s, p, o = t
            for index, (a, b, c) in ((self._spo, (s, p, o)), (self._pos, (p, o, s)), (self._osp, (o, s, p))):
                if index is None:
                    continue
                del index[a][b][c]
                if not index[a][b]:
                    del index[a][b]
                    if not index[a]:
                        del index[a]

    def triples(self, triple_pattern: Any, context: Any = None) -> Generator[tuple[Triple, Iterator[Any]], None, None]:
        s, p, o = triple_pattern
        if s is not None:
            by_p = self._spo.get(s, {})
            if p is None:
                pairs: tuple = tuple(by_p.items())
            else:
                pairs = ((p, by_p[p]),) if p in by_p else ()
            for q, objects in pairs:
                if o is None:
                    for x in tuple(objects):
                        yield (s, q, x), _NO_CONTEXTS
                elif o in objects:
                    yield (s, q, o), _NO_CONTEXTS
        elif p is not None:
            by_o = self._by_predicate().get(p)
            if by_o is None:
                return
            if o is not None:
                for x in tuple(by_o.get(o, ())):
                    yield (x, p, o), _NO_CONTEXTS
                return
            for y, subjects in tuple(by_o.items()):
                for x in tuple(subjects):
                    yield (x, p, y), _NO_CONTEXTS
        elif o is not None:
            for x, predicates in tuple(self._by_object().get(o, {}).items()):
                for q in tuple(predicates):
                    yield (x, q, o), _NO_CONTEXTS
        else:
            for t in tuple(self.listed):
                yield t, _NO_CONTEXTS

    def __len__(self, context: Any = None) -> int:
        return len(self.listed)


class ShardLookups:
    """The look-ups the model reader makes, answered from the store's own indexes (no copy)."""

    def __init__(self, store: ShardStore) -> None:
        self._store = store

    def objects(self, subject: Any, predicate: Any) -> Iterator[Any]:
        return iter(self._store._spo.get(subject, {}).get(predicate, ()))

    def subjects(self, predicate: Any, obj: Any) -> Iterator[Any]:
        return iter(tuple(self._store._by_predicate().get(predicate, {}).get(obj, ())))

    def __contains__(self, triple: tuple) -> bool:
        return triple in self._store.listed


class ShardGraph(Graph):
    """An rdflib graph over a :class:`ShardStore`: ``for t in graph`` reads the triples in place."""

    store: ShardStore

    def __init__(self, triples: Iterable[Triple] = ()) -> None:
        super().__init__(store=ShardStore(triples), bind_namespaces="none")

    def subject_set(self) -> set[Any]:
        """The distinct subjects (a new set)."""
        return self.store.subjects_set()

    def lookups(self) -> ShardLookups:
        """Objects of a subject and predicate, subjects of a predicate and object, membership."""
        return ShardLookups(self.store)

    def __iter__(self) -> Generator[Triple, None, None]:
        yield from tuple(self.store.listed)

    def __len__(self) -> int:
        return len(self.store.listed)
