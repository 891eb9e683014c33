"""The cooperation graph of a pole, and its actor × project participation graph.

Social network analysis works on networkx graphs; this module is the one place
that turns the RDF hub (read through the typed model) into them, so that every
measure sees the same actors, groups and links.

* :func:`cooperation_graph` — a :class:`networkx.MultiGraph`: one node per actor
  of the pole (members, partners, and any actor a link or a project names), one
  edge per cooperation link, keyed by its logic.
* :func:`participation_graph` — the bipartite actor × project graph;
  :func:`coparticipation_graph` its projection on the actors (two actors are
  joined when they take part in a common project, ``weight`` = how many).

Node ids are the actors' IRIs (stable strings); every attribute is a string,
never ``None``, so :func:`networkx.write_graphml` accepts the graphs as they are.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import networkx as nx
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, RDF

from ptce_graph.errors import InputError, OutputError
from ptce_graph.ess import ESSStatus
from ptce_graph.io import as_graph
from ptce_graph.io.atomic import write_bytes_atomic
from ptce_graph.io.display import printable
from ptce_graph.model import Actor, ActorKind, Link, Logic, Pole
from ptce_graph.namespaces import PTCE

__all__ = [
    "GROUPS",
    "LOGICS",
    "actor_group",
    "select_poles",
    "pole_graph",
    "cooperation_graph",
    "participation_graph",
    "coparticipation_graph",
    "write_graphml",
]

#: The groups of the cross-group measures (E-I index, Blau, brokerage), in a fixed order.
GROUPS: tuple[str, ...] = ("ess", "enterprise", "public", "knowledge", "other")

#: The four logics of cooperation, in the ontology's order.
LOGICS: tuple[str, ...] = tuple(logic.value for logic in Logic)

_PUBLIC_KINDS = {ActorKind.LOCAL_AUTHORITY, ActorKind.LOCAL_AUTHORITY_GROUPING}
_KNOWLEDGE_KINDS = {ActorKind.RESEARCH_CENTRE, ActorKind.HIGHER_EDUCATION, ActorKind.TRAINING_BODY}


def actor_group(kind: ActorKind | str | None, ess: ESSStatus | str) -> str:
    """The group of an actor for the cross-group measures.

    The ESS status comes first: any actor whose status is *yes* is ``ess``,
    whatever its kind (a training body run as an association is ``ess``).
    Otherwise the kind decides: an enterprise whose status is *no* is
    ``enterprise``; a local authority or grouping is ``public``; a research
    centre, higher-education establishment or training body is ``knowledge``;
    everything else — ESS networks, natural persons, other bodies, enterprises
    whose ESS status is unknown, and actors whose kind is unknown — is ``other``.
    """
    status = ESSStatus(ess)
    kind = ActorKind(kind) if kind is not None else None
    if status is ESSStatus.YES:
        return "ess"
    if kind is ActorKind.ENTERPRISE:
        return "enterprise" if status is ESSStatus.NO else "other"
    if kind in _PUBLIC_KINDS:
        return "public"
    if kind in _KNOWLEDGE_KINDS:
        return "knowledge"
    return "other"


# ---------------------------------------------------------------------------
#  Choosing the poles
# ---------------------------------------------------------------------------


def _as_graph(data: Any) -> Graph:
    return as_graph(data)


def select_poles(data: Any, pole: str | URIRef | Pole | None = None) -> list[Pole]:
    """The poles to measure, read from ``data`` into the typed model.

    ``data`` is what :func:`ptce_graph.io.as_graph` accepts (an rdflib graph, a
    path, a model :class:`Pole`, or a list of them).  ``pole`` is ``None`` (every
    pole, in IRI order), a pole IRI, a pole identifier (``dcterms:identifier``)
    or a model :class:`Pole` (its IRI).  Raises :class:`InputError` when no pole
    matches.
    """
    if isinstance(data, Pole) and (pole is None or pole is data):
        # Go through RDF so that node ids are the same IRIs as for a file.
        return [Pole.from_graph(data.to_graph())]
    graph = _as_graph(data)
    iris = sorted({str(p) for p in graph.subjects(RDF.type, PTCE.Pole)})
    if pole is None:
        return [Pole.from_graph(graph, URIRef(iri)) for iri in iris]
    wanted = str(pole.iri_for()) if isinstance(pole, Pole) else str(pole)
    if wanted in iris:
        return [Pole.from_graph(graph, URIRef(wanted))]
    by_id = sorted(str(p) for p in graph.subjects(DCTERMS.identifier, None)
                   if str(p) in iris and str(graph.value(p, DCTERMS.identifier)) == wanted)
    if len(by_id) == 1:
        return [Pole.from_graph(graph, URIRef(by_id[0]))]
    known = ", ".join(iris[:10]) + (" …" if len(iris) > 10 else "")
    known = known or "none (the input holds no ptce:Pole)"
    problem = (f"several poles have the identifier {wanted!r}" if by_id
               else f"no pole {wanted!r} in the input")
    raise InputError(problem, source="pole", expected=f"a pole IRI or identifier; poles: {known}")


def _one_pole(data: Any, pole: str | URIRef | Pole | None) -> Pole:
    poles = select_poles(data, pole)
    if len(poles) != 1:
        raise InputError(f"the input holds {len(poles)} poles", source="pole",
                         expected="exactly one pole, or say which one (pole=IRI or identifier)")
    return poles[0]


# ---------------------------------------------------------------------------
#  Building the graphs
# ---------------------------------------------------------------------------


def _actor_iri(actor: Actor) -> str:
    # Actors read from RDF always carry their IRI; a bare model actor uses its id.
    return actor.iri or actor.id


def _siren(siret: str | None) -> str | None:
    siret = (siret or "").replace(" ", "")
    return siret[:9] if siret.isdigit() and len(siret) in (9, 14) else None


def _node_attributes(pole: Pole, relations: dict[str, str]) -> dict[str, dict[str, str]]:
    nodes: dict[str, dict[str, str]] = {}
    for actor in sorted(pole.actors, key=_actor_iri):
        status = actor.ess().status
        attrs = {
            "id": actor.id,
            "label": actor.name or actor.id,
            "kind": actor.kind.value if actor.kind is not None else "unknown",
            "ess": status.value,
            "relation": relations.get(actor.id, "none"),
            "group": actor_group(actor.kind, status),
        }
        if actor.legal_form:
            attrs["legal_form"] = actor.legal_form
        siren = _siren(actor.siret)
        if siren:
            attrs["siren"] = siren
        nodes[_actor_iri(actor)] = attrs
    return nodes


def _relations(pole: Pole) -> dict[str, str]:
    out: dict[str, str] = {}
    for m in pole.memberships:
        # An actor with several memberships: a known relation beats an unknown one.
        value = m.relation.value if m.relation is not None else "unknown"
        if out.get(m.actor) in (None, "unknown"):
            out[m.actor] = value
    return out


def pole_graph(pole: Pole, *, links: Iterable[Link] | None = None,
               actors: Iterable[str] | None = None) -> nx.MultiGraph:
    """The cooperation multigraph of a model pole (see :func:`cooperation_graph`).

    ``links`` restricts the edges (default: every link of the pole) and
    ``actors`` the nodes (actor ids; default: every actor).  The actors of the
    kept links are always nodes.  Used by the over-time measures.
    """
    return _GraphMaker(pole).graph(links=links, actors=actors)


class _GraphMaker:
    """Builds graphs of one pole: what every graph of it shares (node attributes, ids) is computed once.

    The over-time measures build one graph per snapshot date; the ESS status of
    every actor (its node attributes) does not change from one date to the next.
    """

    def __init__(self, pole: Pole) -> None:
        self.pole = pole
        self.ids = {a.id: _actor_iri(a) for a in pole.actors}
        self.projects = {p.id: (p.iri or p.id) for p in pole.projects}
        self.nodes = _node_attributes(pole, _relations(pole))
        self._minted: dict[int, str] = {}  # id(link) -> its minted id (a content hash: worth keeping)

    def _minted_id(self, link: Link) -> str:
        minted = self._minted.get(id(link))
        if minted is None:
            minted = self._minted[id(link)] = link.minted_id()
        return minted

    def graph(self, *, links: Iterable[Link] | None = None, actors: Iterable[str] | None = None) -> nx.MultiGraph:
        pole = self.pole
        chosen_links = list(pole.links if links is None else links)
        keep: set[str] | None = None
        if actors is not None:
            keep = set(actors) | {x for link in chosen_links for x in (link.source, link.target)}
        graph = nx.MultiGraph(pole=str(pole.iri or pole.id), label=pole.name or pole.id)
        for node, attrs in self.nodes.items():
            if keep is None or attrs["id"] in keep:
                graph.add_node(node, **attrs)
        ids, projects, minted = self.ids, self.projects, self._minted_id
        for link in sorted(chosen_links, key=lambda lk: (lk.iri or "", lk.source, lk.target, lk.logic.value,
                                                         minted(lk))):
            u, v = ids[link.source], ids[link.target]
            attrs = {"logic": link.logic.value, "link": link.iri or minted(link),
                     "source_actor": u, "target_actor": v}
            if link.kind:
                attrs["kind"] = link.kind
            if link.start is not None:
                attrs["start"] = str(link.start)
            if link.end is not None:
                attrs["end"] = str(link.end)
            if link.project is not None:
                attrs["project"] = projects.get(link.project, link.project)
            key = link.logic.value
            n = 2
            while graph.has_edge(u, v, key=key):
                key = f"{link.logic.value}#{n}"
                n += 1
            graph.add_edge(u, v, key=key, **attrs)
        return graph


def cooperation_graph(data: Any, pole: str | URIRef | Pole | None = None) -> nx.MultiGraph:
    """The cooperation graph of one pole.

    One node per actor of the pole — members **and** partners, plus any actor a
    link or a project names — keyed by the actor's IRI, with the string
    attributes ``id``, ``label``, ``kind`` (the bundle's kind code or
    ``unknown``), ``ess`` (``yes``/``no``/``unknown``, from
    :func:`ptce_graph.ess.ess_status`), ``relation`` (``member``, ``partner``,
    ``unknown`` when the membership says no relation, ``none`` when the actor
    has no membership), ``group`` (:func:`actor_group`), and ``legal_form`` and
    ``siren`` (the first nine digits of the SIRET) when known.

    One edge per cooperation link, keyed by its logic (``mutualisation``,
    ``interaction``, ``animation``, ``partnership``; a second link of the same
    logic between the same two actors is keyed ``mutualisation#2``, and so on,
    in link-IRI order).  Edge attributes: ``logic``, ``link`` (its IRI),
    ``source_actor`` and ``target_actor`` (the direction the data gives),
    ``kind``, ``start``, ``end`` (ISO dates as given) and ``project`` when known.

    ``pole`` may be omitted when the data holds exactly one pole.
    """
    return pole_graph(_one_pole(data, pole))


def participation_graph(data: Any, pole: str | URIRef | Pole | None = None) -> nx.Graph:
    """The bipartite actor × project graph of one pole.

    Actor nodes (every actor of the pole, attributes as in
    :func:`cooperation_graph`, plus ``bipartite=0`` and ``type="actor"``) and
    project nodes (keyed by the project IRI, ``bipartite=1``,
    ``type="project"``, ``label``, ``innovation`` when known), with an edge
    for each ``ptce:participant``.
    """
    return _participation(_one_pole(data, pole))


def _participation(pole: Pole) -> nx.Graph:
    ids = {a.id: _actor_iri(a) for a in pole.actors}
    graph = nx.Graph(pole=str(pole.iri or pole.id), label=pole.name or pole.id)
    for node, actor_attrs in _node_attributes(pole, _relations(pole)).items():
        graph.add_node(node, bipartite=0, type="actor", **actor_attrs)
    for project in sorted(pole.projects, key=lambda p: p.iri or p.id):
        node = project.iri or project.id
        attrs: dict[str, Any] = {"bipartite": 1, "type": "project", "id": project.id,
                                 "label": project.name or project.id}
        if project.innovation is not None:
            attrs["innovation"] = project.innovation.value
        graph.add_node(node, **attrs)
        for actor in sorted(project.participants):
            graph.add_edge(ids[actor], node)
    return graph


def coparticipation_graph(data: Any, pole: str | URIRef | Pole | None = None) -> nx.Graph:
    """Actors joined when they take part in a common project (``weight`` = number of common projects).

    Every actor of the pole is a node, so that densities compare with the
    cooperation graph's.
    """
    return _coparticipation(_participation(_one_pole(data, pole)))


def _coparticipation(bipartite_graph: nx.Graph) -> nx.Graph:
    actors = sorted((n for n, d in bipartite_graph.nodes(data=True) if d.get("type") == "actor"), key=str)
    projects = sorted((n for n, d in bipartite_graph.nodes(data=True) if d.get("type") == "project"), key=str)
    weights: dict[tuple[str, str], int] = {}
    for project in projects:
        members = sorted(bipartite_graph.neighbors(project), key=str)
        for i, u in enumerate(members):
            for v in members[i + 1:]:
                weights[(u, v)] = weights.get((u, v), 0) + 1
    out = nx.Graph(**bipartite_graph.graph)
    for node in actors:
        attrs = {k: v for k, v in bipartite_graph.nodes[node].items() if k not in ("bipartite", "type")}
        out.add_node(node, **attrs)
    for (u, v), weight in sorted(weights.items()):
        out.add_edge(u, v, weight=weight)
    return out


def _printable_attributes(graph: nx.Graph) -> nx.Graph:
    """A copy whose text attributes show control and bidi characters as escapes (XML 1.0 cannot
    carry C0 controls; io.display); node ids are IRIs, which hold none."""
    out = graph.copy()
    for _, attrs in out.nodes(data=True):
        for key, value in attrs.items():
            if isinstance(value, str):
                attrs[key] = printable(value)
    for *_, attrs in out.edges(data=True):
        for key, value in attrs.items():
            if isinstance(value, str):
                attrs[key] = printable(value)
    out.graph = {k: printable(v) if isinstance(v, str) else v for k, v in out.graph.items()}
    return out


def write_graphml(graphs: nx.Graph | Sequence[nx.Graph], destination: str | os.PathLike[str]) -> None:
    """Write one graph, or the union of several poles' graphs, as GraphML, atomically.

    In a union each edge gets a ``pole`` attribute; actors keep their IRIs, so
    an actor shared by two poles (same IRI) is one node.
    """
    items = [graphs] if isinstance(graphs, nx.Graph) else list(graphs)
    if len(items) == 1:
        graph = _printable_attributes(items[0])
    else:
        graph = nx.MultiGraph()
        for g in items:
            for node, attrs in g.nodes(data=True):
                graph.add_node(node, **attrs)
            for u, v, key, attrs in g.edges(keys=True, data=True):
                pole = str(g.graph.get("pole", ""))
                graph.add_edge(u, v, key=f"{pole} {key}", pole=pole, **attrs)
        graph = _printable_attributes(graph)
    buffer = io.BytesIO()
    try:
        nx.write_graphml(graph, buffer, encoding="utf-8", prettyprint=True)
    except (nx.NetworkXError, TypeError, ValueError) as exc:
        raise OutputError(f"{destination}: the graph cannot be written as GraphML ({exc})") from None
    write_bytes_atomic(Path(destination), buffer.getvalue())
