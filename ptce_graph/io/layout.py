"""The reading order of subjects in the files ptce_graph writes.

A person opening a Turtle or JSON-LD file reads it top to bottom, so the
writers group subjects by pole, in the order a coordinator describes a pole:
the pole, its territory and strategy, its actors, their memberships, the
cooperation links, the projects, the funding, places, meetings and référentiel
assessments, then anything else minted under the pole's IRI.  Annotations
(extra spreadsheet columns) follow the resource they annotate.  After the
poles come the INSEE areas they share, then every other subject (ontology
terms, dataset metadata...), then blank nodes.  Within a section subjects are
in IRI order, so the layout is deterministic.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import rdflib
from rdflib import BNode, Graph, URIRef
from rdflib.namespace import RDF, RDFS

from ptce_graph.namespaces import ORG, PTCE

__all__ = ["Section", "sections"]

#: (section key, French title, English title), in reading order within a pole.
POLE_SECTIONS: tuple[tuple[str, str, str], ...] = (
    ("pole", "pôle", "pole"),
    ("territory", "territoire", "territory"),
    ("strategy", "stratégie", "strategy"),
    ("actors", "acteurs", "actors"),
    ("memberships", "adhésions", "memberships"),
    ("links", "liens de coopération", "cooperation links"),
    ("projects", "projets", "projects"),
    ("funding", "financements", "funding"),
    ("places", "lieux", "places"),
    ("meetings", "réunions", "meetings"),
    ("assessments", "objectifs du référentiel", "référentiel assessments"),
    ("other", "autres ressources du pôle", "other resources of the pole"),
)
_RANK = {key: i for i, (key, _, _) in enumerate(POLE_SECTIONS)}

_LINK_CLASSES = {
    PTCE.CooperationLink,
    PTCE.MutualisationLink,
    PTCE.InteractionLink,
    PTCE.AnimationLink,
    PTCE.PartnershipLink,
}
_MEETING_CLASSES = {PTCE.Meeting, PTCE.Seminar, PTCE.MeetingSeries}
_AREA_CLASSES = {PTCE.Commune, PTCE.Departement, PTCE.Region, PTCE.EPCI}


@dataclass
class Section:
    """Subjects printed together under one heading."""

    key: str
    title_fr: str
    title_en: str
    subjects: list[rdflib.term.Node] = field(default_factory=list)
    pole: URIRef | None = None
    pole_label: str | None = None

    @property
    def title(self) -> str:
        return f"{self.title_fr} · {self.title_en}"


def _label(graph: Graph, node: rdflib.term.Node) -> str | None:
    labels = sorted(str(v) for v in graph.objects(node, RDFS.label))
    return labels[0] if labels else None


def sections(graph: Graph) -> list[Section]:
    """Every subject of the graph, once, grouped and ordered for reading."""
    subjects = set(graph.subjects())
    placed: dict[rdflib.term.Node, tuple[int, str, tuple]] = {}  # subject -> (pole index, section, sort key)

    poles: list[URIRef] = sorted(
        (p for p in graph.subjects(RDF.type, PTCE.Pole) if isinstance(p, URIRef)), key=str
    )
    types: dict[rdflib.term.Node, set] = defaultdict(set)
    for s, o in graph.subject_objects(RDF.type):
        types[s].add(o)

    # Subjects minted under a pole's IRI ({pole}/...), found by cutting each IRI at its slashes
    # (linear in the number of subjects, where testing every pole against every subject is not).
    pole_names = {str(p) for p in poles}
    under_pole: dict[str, list[URIRef]] = defaultdict(list)
    for s in subjects:
        if isinstance(s, URIRef):
            text = str(s)
            cut = text.find("/", text.find("//") + 2)
            while cut != -1:
                if text[:cut] in pole_names:
                    under_pole[text[:cut]].append(s)
                    break
                cut = text.find("/", cut + 1)
    for members in under_pole.values():
        members.sort(key=str)

    def claim(node: rdflib.term.Node, pole_index: int, section: str) -> None:
        if node in subjects and node not in placed:
            placed[node] = (pole_index, section, (str(node),))

    for i, pole in enumerate(poles):
        claim(pole, i, "pole")
        for t in graph.objects(pole, PTCE.territory):
            claim(t, i, "territory")
        for s in graph.objects(pole, PTCE.strategy):
            claim(s, i, "strategy")
        memberships = sorted(
            (
                m
                for m in graph.subjects(ORG.organization, pole)
                if PTCE.Membership in types[m] or ORG.Membership in types[m]
            ),
            key=str,
        )
        actors: set[rdflib.term.Node] = set()
        for m in memberships:
            actors.update(graph.objects(m, ORG.member))
        attached = sorted(graph.subjects(PTCE.pole, pole), key=str)
        for x in attached:
            xt = types[x]
            if xt & _LINK_CLASSES:
                actors.update(graph.objects(x, PTCE.sourceActor))
                actors.update(graph.objects(x, PTCE.targetActor))
            elif PTCE.Project in xt:
                actors.update(graph.objects(x, PTCE.participant))
            elif xt & _MEETING_CLASSES:
                actors.update(graph.objects(x, PTCE.attendee))
        for a in sorted(actors, key=str):
            claim(a, i, "actors")
        for m in memberships:
            claim(m, i, "memberships")
        for x in attached:
            xt = types[x]
            if xt & _LINK_CLASSES:
                claim(x, i, "links")
            elif PTCE.Project in xt:
                claim(x, i, "projects")
            elif PTCE.Funding in xt:
                claim(x, i, "funding")
            elif xt & _MEETING_CLASSES:
                claim(x, i, "meetings")
            elif PTCE.ObjectiveAssessment in xt:
                claim(x, i, "assessments")
            else:
                claim(x, i, "other")
        for place in graph.objects(pole, PTCE.hasPlace):
            claim(place, i, "places")
        for s in under_pole.get(str(pole), ()):
            claim(s, i, "other")

    # Annotations follow what they annotate (wherever that is).
    annotation_owner: dict[rdflib.term.Node, rdflib.term.Node] = {}
    for owner, node in graph.subject_objects(PTCE.annotation):
        if node in subjects and node not in annotation_owner:
            annotation_owner[node] = owner
    rest_rank = len(poles)
    for s in subjects:
        if s in placed and s not in annotation_owner:
            continue
        if s in annotation_owner:
            continue
        if isinstance(s, BNode):
            placed[s] = (rest_rank + 2, "bnodes", (str(s),))
        elif types[s] & _AREA_CLASSES:
            placed[s] = (rest_rank, "areas", (str(s),))
        else:
            placed[s] = (rest_rank + 1, "rest", (str(s),))
    for node, owner in annotation_owner.items():
        host = placed.get(owner)
        if host is None:
            placed[node] = (rest_rank + 1, "rest", (str(node),))
        else:
            placed[node] = (host[0], host[1], host[2] + (str(node),))

    titles = {key: (fr, en) for key, fr, en in POLE_SECTIONS}
    titles.update(
        {
            "areas": ("territoires INSEE", "INSEE areas"),
            "rest": ("autres ressources", "other resources"),
            "bnodes": ("nœuds anonymes", "blank nodes"),
        }
    )
    order = {**_RANK, "areas": 0, "rest": 0, "bnodes": 0}
    grouped: dict[tuple[int, str], list[tuple[tuple, rdflib.term.Node]]] = defaultdict(list)
    for node, (pole_index, section, key) in placed.items():
        grouped[(pole_index, section)].append((key, node))
    result: list[Section] = []
    for pole_index, section in sorted(grouped, key=lambda k: (k[0], order[k[1]])):
        fr, en = titles[section]
        section_subjects: list[rdflib.term.Node] = [
            node for _, node in sorted(grouped[(pole_index, section)], key=lambda kn: kn[0])
        ]
        section_pole: URIRef | None = poles[pole_index] if pole_index < len(poles) else None
        result.append(
            Section(
                section,
                fr,
                en,
                section_subjects,
                section_pole,
                _label(graph, section_pole) if section_pole is not None else None,
            )
        )
    return result
