"""The graph the shapes run on: a copy of the data, plus what the shapes need to know.

Validation never touches the caller's graph.  It copies the data (the whole
graph, or one pole's shard, see :func:`pole_shard`) and adds two things:

* the *legal-form support*: for every legal form the data uses, its family
  (``ptce:StatutoryESSForm``, ``ptce:CommercialCompanyForm``,
  ``ptce:NonESSForm``, ``ptce:UndeterminedForm``) and the legal personality it
  confers, from ``ontology/legal-forms.ttl`` through
  :func:`ptce_graph.ess.legal_form_info` — which also classifies the INSEE
  codes the table does not list, by their first digit.  The ESS rule itself
  (statutory form → yes; commercial company → the mention decides) is in the
  shapes;
* the *evaluation context*: ``<…/shapes/evaluation-context> ptce:asOf DATE``,
  which the strategy and funding clauses read (any such triple of the input is
  dropped first, so data cannot choose its own evaluation date).

A pole's shard is the set of triples reachable from it: its memberships and
actors, links, projects, funding, territory and areas (with what they are part
of), strategy, places and meetings.  The shapes only read triples reachable
from the pole they validate, so a shard validates alone with the same clause
results as the whole graph (a test checks it): large registries can be
validated pole by pole.
"""

from __future__ import annotations

import datetime as _dt
from collections import deque
from collections.abc import Callable, Iterable
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.term import Node

from ptce_graph.ess import legal_form_info
from ptce_graph.legal.spec.sparql import CONTEXT_IRI
from ptce_graph.model import legal_form_value
from ptce_graph.namespaces import ORG, PTCE

__all__ = [
    "CONTEXT",
    "FAMILY_CLASSES",
    "PERSONALITIES",
    "legal_form_support",
    "working_graph",
    "pole_iris",
    "pole_shard",
    "shard_nodes",
    "walk_shard",
    "context_triple",
]

CONTEXT = URIRef(CONTEXT_IRI)


def context_triple(as_of: _dt.date) -> tuple[URIRef, URIRef, Literal]:
    """The evaluation date, as the shapes read it: ``<…/evaluation-context> ptce:asOf DATE``."""
    return (CONTEXT, PTCE.asOf, Literal(as_of.isoformat(), datatype=XSD.date))

#: ess.LegalFormInfo.family -> class of the legal form in the ontology.
FAMILY_CLASSES = {
    "statutory-ess": PTCE.StatutoryESSForm,
    "commercial-company": PTCE.CommercialCompanyForm,
    "non-ess": PTCE.NonESSForm,
    "undetermined": PTCE.UndeterminedForm,
}
#: ess.LegalFormInfo.personality -> individual of ptce:LegalPersonality.
PERSONALITIES = {
    "private-law": PTCE.PrivateLaw,
    "public-law": PTCE.PublicLaw,
    "none": PTCE.NoLegalPersonality,
}


def legal_form_support(graph: Graph) -> Graph:
    """Family and legal personality of every legal form the graph uses (see the module docstring)."""
    support = Graph()
    for form in set(graph.objects(None, PTCE.legalForm)):
        value = legal_form_value(form)
        info = legal_form_info(value) if value else None
        if info is None:
            continue
        support.add((form, RDF.type, FAMILY_CLASSES[info.family]))
        if info.personality is not None:
            support.add((form, PTCE.legalPersonality, PERSONALITIES[info.personality]))
    return support


def _copy(triples: Iterable[tuple]) -> Graph:
    graph = Graph(bind_namespaces="none")
    graph.addN((s, p, o, graph) for s, p, o in triples)
    return graph


def working_graph(data: Graph, *, as_of: _dt.date, pole: Node | None = None) -> Graph:
    """A new graph: the data (or one pole's shard) with the legal-form support and the evaluation date."""
    graph = pole_shard(data, pole) if pole is not None else _copy(data.triples((None, None, None)))
    graph.remove((CONTEXT, None, None))
    graph += legal_form_support(graph)
    graph.add(context_triple(as_of))
    return graph


def pole_iris(graph: Graph) -> list[Node]:
    """The poles of a graph (IRIs and blank nodes), in a stable order."""
    return sorted(set(graph.subjects(RDF.type, PTCE.Pole)), key=lambda n: (isinstance(n, BNode), str(n)))


_BACK = (ORG.organization, PTCE.pole)


def walk_shard(
    pole: Any,
    *,
    back: Iterable[Any],
    out: Callable[[Any], Iterable[tuple[Any, Any]]],
    stop: Callable[[Any, Any], bool],
) -> set[Any]:
    """The rule of a pole's shard, for any store: the pole, what points to it, and what they reach.

    ``back``: the subjects of ``org:organization`` / ``ptce:pole`` triples
    pointing to the pole; ``out(node)``: the (predicate, object) pairs of a
    node; ``stop(p, o)``: True for the objects not walked into (classes,
    literals, other poles: the triple pointing to them is kept, they are not
    walked).  rdflib here (:func:`shard_nodes`), Oxigraph in
    :class:`ptce_graph.registry.Registry`.
    """
    seen: set[Any] = {pole}
    queue: deque = deque([pole])
    for s in back:
        if s not in seen:
            seen.add(s)
            queue.append(s)
    while queue:
        node = queue.popleft()
        for p, o in out(node):
            if o in seen or stop(p, o):
                continue
            seen.add(o)
            queue.append(o)
    return seen


def shard_nodes(graph: Graph, pole: Node) -> set[Node]:
    """The resources reachable from a pole (see the module docstring)."""
    poles = set(graph.subjects(RDF.type, PTCE.Pole))
    return walk_shard(
        pole,
        back=(s for prop in _BACK for s in graph.subjects(prop, pole)),
        out=graph.predicate_objects,
        stop=lambda p, o: p == RDF.type or isinstance(o, Literal) or o in poles,
    )


def pole_shard(graph: Graph, pole: Node) -> Graph:
    """A new graph holding the triples reachable from ``pole``."""
    nodes = shard_nodes(graph, pole)
    return _copy(t for node in nodes for t in graph.triples((node, None, None)))
