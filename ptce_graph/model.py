"""Typed dataclasses for a pole and what it is made of, to and from RDF.

The RDF graph is the hub every feature reads; these classes are the typed way
to build it in Python and to read it back.  :meth:`Pole.to_graph` writes the
triples of the ontology (``ontology/ptce.ttl``), minting IRIs deterministically
from ids under a base (``https://w3id.org/ptce/id/`` by default), and
:meth:`Pole.from_graph` reads them back, keeping the IRIs it finds.  A model
round-trips through RDF without loss; RDF the model does not cover stays in the
graph, which is why features read the graph, not the model.

The IRI pattern (``{base}pole/{pole}/actor/{actor}``…) is :mod:`ptce_graph.iris`.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import re
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, fields, replace
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any, TypeVar
from urllib.parse import unquote

import rdflib
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD

from ptce_graph.dates import PartialDate, parse_year
from ptce_graph.errors import DataWarning
from ptce_graph.ess import ess_status, territory_code_kind
from ptce_graph.iris import DEFAULT_BASE, annotation_iri, area_iri, child_iri, pole_iri, segment
from ptce_graph.namespaces import ORG, PREFIXES, PROV, PTCE, PTCELF, PTCEREF, PTCETYP
from ptce_graph.resources import ontology_graph
from ptce_graph.shard_graph import ShardGraph

__all__ = [
    "Relation",
    "ActorKind",
    "Logic",
    "Innovation",
    "FundingKind",
    "Territory",
    "Actor",
    "Membership",
    "Link",
    "Project",
    "Strategy",
    "Funding",
    "Place",
    "Meeting",
    "Assessment",
    "Tool",
    "Pole",
    "poles_from_graph",
    "new_graph",
    "DEFAULT_BASE",
    "TYPOLOGY_SCHEMES",
    "literal_bool",
    "legal_form_value",
    "sorted_nodes",
    "decimal_text",
]



# ---------------------------------------------------------------------------
#  Enumerations: the closed value lists of the spreadsheet bundle
# ---------------------------------------------------------------------------


class _Coded(StrEnum):
    """A closed list of codes, each mapped to an IRI of the ontology."""

    @property
    def iri(self) -> URIRef:
        """The ontology's IRI of this code."""
        return self._iris()[self.value]

    @classmethod
    def _iris(cls) -> dict[str, URIRef]:  # pragma: no cover - overridden
        raise NotImplementedError

    @classmethod
    def from_iri(cls: type[_E], iri: rdflib.term.Node | None) -> _E | None:
        """The code of an ontology IRI, or None when the IRI is none of them."""
        for code, target in cls._iris().items():
            if target == iri:
                return cls(code)
        return None

    @classmethod
    def values(cls) -> list[str]:
        """Every code, in the order of the bundle contract."""
        return [m.value for m in cls]

    def __str__(self) -> str:
        return self.value


_E = TypeVar("_E", bound=_Coded)


class Relation(_Coded):
    """How an actor takes part in a pole: ``member`` or ``partner`` (``relation`` in actors.csv)."""

    MEMBER = "member"
    PARTNER = "partner"

    @classmethod
    def _iris(cls) -> dict[str, URIRef]:
        return {"member": PTCE.Member, "partner": PTCE.Partner}


class ActorKind(_Coded):
    """What an actor is: an enterprise, a local authority, a research centre… (``kind`` in actors.csv)."""

    ENTERPRISE = "enterprise"
    LOCAL_AUTHORITY = "local-authority"
    LOCAL_AUTHORITY_GROUPING = "local-authority-grouping"
    RESEARCH_CENTRE = "research-centre"
    HIGHER_EDUCATION = "higher-education"
    TRAINING_BODY = "training-body"
    ESS_NETWORK = "ess-network"
    PERSON = "person"
    OTHER = "other"

    @classmethod
    def _iris(cls) -> dict[str, URIRef]:
        return {
            "enterprise": PTCE.Enterprise,
            "local-authority": PTCE.LocalAuthority,
            "local-authority-grouping": PTCE.LocalAuthorityGrouping,
            "research-centre": PTCE.ResearchCentre,
            "higher-education": PTCE.HigherEducationEstablishment,
            "training-body": PTCE.TrainingBody,
            "ess-network": PTCE.ESSNetwork,
            "person": PTCE.Person,
            "other": PTCE.OtherBody,
        }


class Logic(_Coded):
    """The logic of a cooperation link: mutualisation, interaction, animation or partnership."""

    MUTUALISATION = "mutualisation"
    INTERACTION = "interaction"
    ANIMATION = "animation"
    PARTNERSHIP = "partnership"

    @classmethod
    def _iris(cls) -> dict[str, URIRef]:
        return {
            "mutualisation": PTCE.MutualisationLink,
            "interaction": PTCE.InteractionLink,
            "animation": PTCE.AnimationLink,
            "partnership": PTCE.PartnershipLink,
        }


class Innovation(_Coded):
    """The innovation a project carries: social, technological, both or none (projects.csv)."""

    SOCIAL = "social"
    TECHNOLOGICAL = "technological"
    BOTH = "both"
    NONE = "none"

    @classmethod
    def _iris(cls) -> dict[str, URIRef]:
        return {
            "social": PTCE.SocialInnovation,
            "technological": PTCE.TechnologicalInnovation,
            "both": PTCE.SocialAndTechnologicalInnovation,
            "none": PTCE.NoInnovation,
        }


class FundingKind(_Coded):
    """Where a funding line comes from: public, private, membership fees, own resources, volunteering."""

    PUBLIC = "public"
    PRIVATE = "private"
    MEMBERSHIP_FEES = "membership-fees"
    OWN_RESOURCES = "own-resources"
    VOLUNTEERING = "volunteering"

    @classmethod
    def _iris(cls) -> dict[str, URIRef]:
        return {
            "public": PTCE.PublicFunding,
            "private": PTCE.PrivateFunding,
            "membership-fees": PTCE.MembershipFees,
            "own-resources": PTCE.OwnResources,
            "volunteering": PTCE.Volunteering,
        }


#: Link subtypes the ontology names, with their class and logic.
LINK_SUBTYPES: dict[str, tuple[URIRef, Logic]] = {
    "employer-group": (PTCE.EmployerGroup, Logic.MUTUALISATION),
    "shared-employees": (PTCE.SharedEmployees, Logic.MUTUALISATION),
    "shared-skills": (PTCE.SharedSkills, Logic.MUTUALISATION),
    "shared-premises": (PTCE.SharedPremises, Logic.MUTUALISATION),
    "shared-equipment": (PTCE.SharedEquipment, Logic.MUTUALISATION),
    "working-group": (PTCE.WorkingGroup, Logic.INTERACTION),
    "co-built-project": (PTCE.CoBuiltProject, Logic.INTERACTION),
    "collective-tool": (PTCE.CollectiveTool, Logic.INTERACTION),
    "event": (PTCE.ConvivialEvent, Logic.ANIMATION),
    "training": (PTCE.TrainingSession, Logic.ANIMATION),
    "agreement": (PTCE.FormalAgreement, Logic.PARTNERSHIP),
}

#: Funding programmes the ontology names.
PROGRAMMES: dict[str, URIRef] = {
    "state-ptce-call-2014": PTCE.StateCall2014,
    "state-ptce-call-2015": PTCE.StateCall2015,
    "state-ptce-ami-2021": PTCE.StateAMI2021,
    "state-ptce-ami-2022": PTCE.StateAMI2022,
    "state-ptce-ami-2023": PTCE.StateAMI2023,
    "state-ptce-ami-2024": PTCE.StateAMI2024,
    "state-ptce-ami-2025": PTCE.StateAMI2025,
}

#: Selection statuses the ontology names (what a State call made of a pole).
SELECTION_STATUSES: dict[str, URIRef] = {
    "laureate": PTCE.CallLaureate,
    "phase-1": PTCE.Phase1Laureate,
    "phase-2": PTCE.Phase2Laureate,
}

STRATEGY_KINDS: dict[str, URIRef] = {"charter": PTCE.Charter, "agreement": PTCE.CooperationAgreement}

MEETING_KINDS: dict[str, URIRef] = {
    "meeting": PTCE.Meeting,
    "seminar": PTCE.Seminar,
    "series": PTCE.MeetingSeries,
}

#: The paper's typology: the values of each dimension of a pole (the bundle's columns), in the paper's order.
TYPOLOGY_SCHEMES = {
    "sector": ("production", "services-development-engineering", "creative-cultural-industries"),
    "territory_kind": ("deindustrialised", "peri-urban", "rural", "working-class-urban-district"),
    "origin": ("citizen-associative", "social-enterprise-group", "employment-area-committee"),
}


# ---------------------------------------------------------------------------
#  Helpers
# ---------------------------------------------------------------------------


def _short_hash(*parts: object) -> str:
    text = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def _date(value: PartialDate | _dt.date | str | None) -> PartialDate | None:
    return None if value is None else PartialDate.of(value)


def _coded(enum: type[_E], value: _E | str | None) -> _E | None:
    if value is None or isinstance(value, enum):
        return value
    return enum(value)


def _boolean(value: bool | None) -> Literal | None:
    return None if value is None else Literal(value, datatype=XSD.boolean)


def literal_bool(node: rdflib.term.Node | None) -> bool | None:
    """An xsd:boolean literal's value (``true``/``1``, ``false``/``0``), else None."""
    if node is None:
        return None
    if isinstance(node, Literal):
        text = str(node).strip().lower()
        if text in ("true", "1"):
            return True
        if text in ("false", "0"):
            return False
    return None


def _as_str(node: rdflib.term.Node | None) -> str | None:
    return None if node is None else str(node)


def _as_date(node: rdflib.term.Node | None, where: str) -> PartialDate | None:
    if node is None:
        return None
    if isinstance(node, Literal):
        try:
            return PartialDate.from_literal(node)
        except ValueError:
            warnings.warn(f"{where}: {node!s} is not a date; ignored", DataWarning, stacklevel=3)
    return None


def _local_id(iri: rdflib.term.Node) -> str:
    text = str(iri).rstrip("/")
    for sep in ("#", "/"):
        if sep in text:
            text = text.rsplit(sep, 1)[1]
    return unquote(text) or str(iri)


def sorted_nodes(nodes: Iterable[rdflib.term.Node]) -> list[rdflib.term.Node]:
    """The distinct nodes in a stable order (IRIs and literals by text, then blank nodes)."""
    found = set(nodes)
    if len(found) < 2:  # most properties have one value: no sort
        return list(found)
    return sorted(found, key=lambda n: (isinstance(n, BNode), str(n)))


def new_graph() -> Graph:
    """An empty graph with ptce_graph's prefixes bound."""
    graph = Graph(bind_namespaces="none")
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True, replace=True)
    return graph


class _Writer:
    """Adds triples for one pole, minting IRIs under its own IRI."""

    def __init__(self, graph: Graph, pole_iri: URIRef, base: str) -> None:
        self.g = graph
        self.pole = pole_iri
        self.base = base

    def child(self, kind: str, child: str | None = None) -> URIRef:
        return child_iri(self.pole, kind, child)

    def add(self, s: rdflib.term.Node, p: URIRef, o: rdflib.term.Node | None) -> None:
        if o is not None:
            self.g.add((s, p, o))

    def text(self, s: rdflib.term.Node, p: URIRef, value: str | None) -> None:
        if value is not None and value != "":
            self.g.add((s, p, Literal(value)))

    def date(self, s: rdflib.term.Node, p: URIRef, value: PartialDate | None) -> None:
        if value is not None:
            self.g.add((s, p, value.to_literal()))

    def sources(self, s: rdflib.term.Node, sources: Iterable[str]) -> None:
        for src in sources:
            self.g.add((s, DCTERMS.source, URIRef(src)))

    def extra(self, s: URIRef, extra: dict[str, str]) -> None:
        for column, value in extra.items():
            node = annotation_iri(s, column)
            self.g.add((s, PTCE.annotation, node))
            self.g.add((node, RDF.type, PTCE.Annotation))
            self.g.add((node, PTCE.column, Literal(column)))
            self.g.add((node, PTCE.value, Literal(value)))

    def area(self, kind: str, code: str) -> URIRef:
        """The node of an INSEE area, shared by every pole of the graph."""
        cls = {"commune": PTCE.Commune, "departement": PTCE.Departement, "region": PTCE.Region, "epci": PTCE.EPCI}[kind]
        node = area_iri(kind, code, base=self.base, check_base=False)  # any base the caller gives
        self.g.add((node, RDF.type, cls))
        self.g.add((node, PTCE.siren if kind == "epci" else PTCE.inseeCode, Literal(code)))
        return node


#: Graphs up to this many triples are indexed in dictionaries before a pole is read.
_INDEX_MAX = 100_000


def _readable(graph: Graph) -> Any:
    """What the reader asks of a graph (objects, subjects, membership), as dictionary look-ups.

    Reading a pole asks some ten thousand questions of its graph; rdflib
    answers each through a generator stack (a few microseconds), a dictionary
    in a tenth of that.  A graph of a pole or a few (:data:`_INDEX_MAX`) is
    indexed once (:mod:`ptce_graph.shard_graph`, which a registry's pole
    already is); a registry-sized graph is read as it is.
    """
    from itertools import islice


    if not isinstance(graph, ShardGraph):
        # A dataset iterates over quads: ask it for its (union's) triples.
        source = graph.triples((None, None, None)) if isinstance(graph, rdflib.graph.ConjunctiveGraph) else graph
        triples = list(islice(source, _INDEX_MAX + 1))
        if len(triples) > _INDEX_MAX:  # len(graph) would be a pass over the triples too, on some stores
            return graph
        graph = ShardGraph(triples)
    return graph.lookups()


class _Reader:
    """Reads the triples of one resource, with a location for warnings."""

    def __init__(self, graph: Graph) -> None:
        self.g = graph

    def one(self, s: rdflib.term.Node, p: URIRef) -> rdflib.term.Node | None:
        values = sorted_nodes(self.g.objects(s, p))
        if len(values) > 1:
            warnings.warn(f"{s}: several values for {p}; the first is used", DataWarning, stacklevel=3)
        return values[0] if values else None

    def text(self, s: rdflib.term.Node, p: URIRef) -> str | None:
        return _as_str(self.one(s, p))

    def sources(self, s: rdflib.term.Node) -> list[str]:
        return sorted(str(o) for o in self.g.objects(s, DCTERMS.source) if isinstance(o, URIRef))

    def ident(self, s: rdflib.term.Node) -> str:
        value = self.text(s, DCTERMS.identifier)
        return value if value else _local_id(s)

    def extra(self, s: rdflib.term.Node) -> dict[str, str]:
        out: dict[str, str] = {}
        for node in sorted_nodes(self.g.objects(s, PTCE.annotation)):
            column = self.text(node, PTCE.column)
            value = self.text(node, PTCE.value)
            if column is not None and value is not None:
                out[column] = value
        return dict(sorted(out.items()))

    def notation(self, node: rdflib.term.Node | None, namespace: str) -> str | None:
        if node is None:
            return None
        text = str(node)
        if text.startswith(namespace):
            return unquote(text[len(namespace):])
        return None


# ---------------------------------------------------------------------------
#  The dataclasses
# ---------------------------------------------------------------------------


@dataclass(kw_only=True)
class Territory:
    """A named territory made of INSEE areas (codes as in the bundle: 31555, 31,
    R76, or an EPCI's 9-digit SIREN), with the paper's territory kind."""

    name: str | None = None
    codes: list[str] = field(default_factory=list)
    kind: str | None = None  # a ptcetyp territory-kind notation
    iri: str | None = None
    sources: list[str] = field(default_factory=list)


@dataclass(kw_only=True)
class Actor:
    """An organisation or person involved in a pole (its relation is a Membership)."""

    id: str
    name: str | None = None
    kind: ActorKind | None = None
    legal_form: str | None = None  # named form or 4-digit INSEE code
    ess_mention: bool | None = None
    declares_ess: bool | None = None
    siret: str | None = None  # 14-digit SIRET or 9-digit SIREN
    commune: str | None = None  # INSEE commune code
    iri: str | None = None
    extra: dict[str, str] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)
    #: A cooperative (SCOP, SCIC…) whatever the company form it is registered under (article 1 II 1°).
    cooperative: bool | None = None
    #: Sirene's ESS flag (economieSocialeSolidaireUniteLegale, O/N): evidence, never the legal reading.
    sirene_ess: bool | None = None
    #: The ESUS approval (code du travail, article L. 3332-17-1) and the date it was granted.
    esus: bool | None = None
    esus_date: PartialDate | None = None
    #: For a grouping of enterprises (GIE, employer group, union): ids of its member enterprises,
    #: actors of the pole's list that need not be members of the pole (decree 2015-431, art. 3 2°).
    grouping_members: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.kind = _coded(ActorKind, self.kind)
        self.esus_date = _date(self.esus_date)

    def ess(self) -> Any:
        """The actor's ESS status (article 1) and why: an :class:`~ptce_graph.ess.ESSAssessment`."""
        return ess_status(self.legal_form, self.ess_mention, kind=self.kind.value if self.kind else None,
                          cooperative=self.cooperative)


@dataclass(kw_only=True)
class Membership:
    """An actor's relation to the pole (member or partner), role and period."""

    actor: str  # actor id
    relation: Relation | None = None
    role: str | None = None
    start: PartialDate | None = None
    end: PartialDate | None = None
    iri: str | None = None

    def __post_init__(self) -> None:
        self.relation = _coded(Relation, self.relation)
        self.start, self.end = _date(self.start), _date(self.end)


@dataclass(kw_only=True)
class Link:
    """A cooperation link between two actors of the pole, of one logic."""

    source: str  # actor id
    target: str  # actor id
    logic: Logic
    kind: str | None = None  # free subtype: employer-group, working-group, event...
    start: PartialDate | None = None
    end: PartialDate | None = None
    project: str | None = None  # project id
    id: str | None = None
    iri: str | None = None
    extra: dict[str, str] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)
    tool: str | None = None  # tool id (a collective-tool link)

    def __post_init__(self) -> None:
        self.logic = Logic(self.logic)
        self.start, self.end = _date(self.start), _date(self.end)

    def minted_id(self) -> str:
        """The id used in the link's IRI: its own, or a hash of its content."""
        if self.id:
            return self.id
        parts: list[object] = [self.source, self.target, self.logic.value, self.kind, self.start, self.end,
                               self.project]
        if self.tool is not None:  # only when set, so that links without a tool keep their IRIs
            parts.append(self.tool)
        return "l-" + _short_hash(*parts)


@dataclass(kw_only=True)
class Project:
    """A project carried by actors of the pole."""

    id: str
    name: str | None = None
    innovation: Innovation | None = None
    sustainable_local_development: bool | None = None
    participants: list[str] = field(default_factory=list)  # actor ids
    iri: str | None = None
    extra: dict[str, str] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.innovation = _coded(Innovation, self.innovation)


@dataclass(kw_only=True)
class Strategy:
    """The document recording the common and continuous strategy."""

    name: str | None = None
    start: PartialDate | None = None
    end: PartialDate | None = None
    kind: str | None = None  # charter | agreement
    iri: str | None = None
    sources: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.start, self.end = _date(self.start), _date(self.end)


@dataclass(kw_only=True)
class Funding:
    """A contribution of resources to the pole."""

    funder: str | None = None  # an actor id, or the funder's name
    kind: FundingKind | None = None
    program: str | None = None  # state-ptce-call-2014... or free text
    year: int | None = None
    amount: Decimal | None = None  # euros
    purpose: str | None = None
    supported_by: list[str] = field(default_factory=list)  # actor ids or names
    status: str | None = None  # a State call's selection status: laureate, phase-1, phase-2
    iri: str | None = None
    extra: dict[str, str] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.kind = _coded(FundingKind, self.kind)
        if self.status is not None and self.status not in SELECTION_STATUSES:
            raise ValueError(f"selection status {self.status!r} is not one of {', '.join(SELECTION_STATUSES)}")
        if self.amount is not None and not isinstance(self.amount, Decimal):
            self.amount = Decimal(str(self.amount))

    def minted_id(self) -> str:
        """The id in the funding line's IRI: ``f-`` and a hash of its content."""
        amount = None if self.amount is None else decimal_text(self.amount)
        parts = [self.funder, self.kind, self.program, self.year, amount, self.purpose, *sorted(self.supported_by)]
        if self.status is not None:  # ids minted before statuses existed stay the same
            parts.append("status=" + self.status)
        return "f-" + _short_hash(*parts)


@dataclass(kw_only=True)
class Place:
    """A physical place of the pole (a "lieu vitrine" when showcase is true)."""

    id: str
    name: str | None = None
    commune: str | None = None
    showcase: bool | None = None
    opening: PartialDate | None = None
    iri: str | None = None
    sources: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.opening = _date(self.opening)


@dataclass(kw_only=True)
class Meeting:
    """A meeting, a cooperation seminar, or a series known by its count."""

    id: str
    kind: str = "meeting"  # meeting | seminar | series
    name: str | None = None
    date: PartialDate | None = None
    start: PartialDate | None = None  # for a series
    end: PartialDate | None = None
    sequence: int | None = None
    participants: int | None = None
    organisations: int | None = None
    meetings: int | None = None  # for a series
    topic: str | None = None
    attendees: list[str] = field(default_factory=list)  # actor ids
    iri: str | None = None
    sources: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.kind not in MEETING_KINDS:
            raise ValueError(f"meeting kind {self.kind!r} is not one of {', '.join(MEETING_KINDS)}")
        self.date, self.start, self.end = _date(self.date), _date(self.start), _date(self.end)


@dataclass(kw_only=True)
class Assessment:
    """What the pole states for one objective of the Labo de l'ESS référentiel."""

    objective: str  # notation (O1..O9, G1..G3) or slug of a ptceref concept
    practice: str | None = None
    evidence: list[str] = field(default_factory=list)
    iri: str | None = None
    sources: list[str] = field(default_factory=list)


@dataclass(kw_only=True)
class Tool:
    """A collective tool invented within the pole to cooperate (the paper's Mix Box, Mixeur…)."""

    id: str
    name: str | None = None
    description: str | None = None
    iri: str | None = None
    sources: list[str] = field(default_factory=list)


@dataclass(kw_only=True)
class Pole:
    """A PTCE with everything the spreadsheet bundle can say about it."""

    id: str
    name: str | None = None
    territory: Territory | None = None
    legal_form: str | None = None
    strategy: Strategy | None = None
    sector: str | None = None
    origin: str | None = None
    founding: PartialDate | None = None
    fictional: bool | None = None
    description: str | None = None
    actors: list[Actor] = field(default_factory=list)
    memberships: list[Membership] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)
    funding: list[Funding] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    assessments: list[Assessment] = field(default_factory=list)
    iri: str | None = None
    extra: dict[str, str] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)
    tools: list[Tool] = field(default_factory=list)
    #: The recorded funding is the pole's whole funding history (decree 2015-431, art. 3 6°).
    funding_history_complete: bool | None = None

    def __post_init__(self) -> None:
        self.founding = _date(self.founding)

    # -- building --------------------------------------------------------------

    def add_actor(
        self,
        actor: Actor,
        relation: Relation | str | None = Relation.MEMBER,
        *,
        role: str | None = None,
        start: PartialDate | _dt.date | str | None = None,
        end: PartialDate | _dt.date | str | None = None,
    ) -> Actor:
        """Add an actor and its membership in one call; returns the actor."""
        if any(a.id == actor.id for a in self.actors):
            raise ValueError(f"actor id {actor.id!r} is already in pole {self.id!r}")
        self.actors.append(actor)
        self.memberships.append(
            Membership(
                actor=actor.id, relation=_coded(Relation, relation), role=role, start=_date(start), end=_date(end)
            )
        )
        return actor

    # -- reading ---------------------------------------------------------------

    def actor(self, actor_id: str) -> Actor:
        """One actor by id (KeyError if none)."""
        for a in self.actors:
            if a.id == actor_id:
                return a
        raise KeyError(actor_id)

    def membership(self, actor_id: str) -> Membership | None:
        """An actor's membership of the pole, or None."""
        for m in self.memberships:
            if m.actor == actor_id:
                return m
        return None

    def relation_of(self, actor_id: str) -> Relation | None:
        """An actor's relation to the pole (member or partner), or None when not recorded."""
        m = self.membership(actor_id)
        return m.relation if m else None

    def members(self) -> list[Actor]:
        """The actors recorded as members."""
        return [a for a in self.actors if self.relation_of(a.id) is Relation.MEMBER]

    def partners(self) -> list[Actor]:
        """The actors recorded as partners."""
        return [a for a in self.actors if self.relation_of(a.id) is Relation.PARTNER]

    def iri_for(self, base: str = DEFAULT_BASE) -> URIRef:
        """The pole's IRI: its own, or minted from its id under ``base`` (:mod:`ptce_graph.iris`)."""
        return URIRef(self.iri) if self.iri else pole_iri(self.id, base=base, check_base=False)

    def canonical(self) -> Pole:
        """A copy with every list in a deterministic order (what from_graph returns)."""

        def norm(item: Any, **changes: Any) -> Any:
            if hasattr(item, "sources"):
                changes.setdefault("sources", sorted(set(item.sources)))
            if hasattr(item, "extra"):
                changes.setdefault("extra", dict(sorted(item.extra.items())))
            return replace(item, **changes)

        return norm(
            self,
            actors=sorted((norm(a, grouping_members=sorted(set(a.grouping_members))) for a in self.actors),
                          key=lambda a: a.id),
            memberships=sorted((norm(m) for m in self.memberships), key=lambda m: m.actor),
            links=sorted(
                (norm(link) for link in self.links),
                key=lambda link: (link.source, link.target, link.logic.value, link.minted_id()),
            ),
            projects=sorted((norm(p, participants=sorted(set(p.participants))) for p in self.projects),
                            key=lambda p: p.id),
            funding=sorted((norm(f, supported_by=sorted(set(f.supported_by))) for f in self.funding),
                           key=lambda f: f.minted_id()),
            places=sorted((norm(p) for p in self.places), key=lambda p: p.id),
            meetings=sorted((norm(m, attendees=sorted(set(m.attendees))) for m in self.meetings), key=lambda m: m.id),
            assessments=sorted((norm(a, evidence=sorted(set(a.evidence))) for a in self.assessments),
                               key=lambda a: a.objective),
            tools=sorted((norm(t) for t in self.tools), key=lambda t: t.id),
            territory=norm(self.territory, codes=sorted(set(self.territory.codes))) if self.territory else None,
            strategy=norm(self.strategy) if self.strategy else None,
        )

    # -- RDF -------------------------------------------------------------------

    def to_graph(self, graph: Graph | None = None, *, base: str = DEFAULT_BASE) -> Graph:
        """The pole as RDF typed by the ontology (added to ``graph`` if given)."""
        g = graph if graph is not None else new_graph()
        pole = self.iri_for(base)
        w = _Writer(g, pole, base)
        g.add((pole, RDF.type, PTCE.Pole))
        w.text(pole, DCTERMS.identifier, self.id)
        w.text(pole, RDFS.label, self.name)
        w.text(pole, DCTERMS.description, self.description)
        w.add(pole, PTCE.fictional, _boolean(self.fictional))
        w.add(pole, PTCE.fundingHistoryComplete, _boolean(self.funding_history_complete))
        w.date(pole, PTCE.foundingDate, self.founding)
        if self.legal_form:
            g.add((pole, PTCE.legalForm, _legal_form_iri(self.legal_form)))
            g.add((pole, RDF.type, ORG.FormalOrganization))
        if self.sector:
            g.add((pole, PTCE.sector, URIRef(str(PTCETYP._NS) + self.sector)))
        if self.origin:
            g.add((pole, PTCE.origin, URIRef(str(PTCETYP._NS) + self.origin)))
        w.sources(pole, self.sources)
        w.extra(pole, self.extra)

        if self.territory is not None:
            self._territory_to_graph(w)
        if self.strategy is not None:
            s = self.strategy
            node = URIRef(s.iri) if s.iri else w.child("strategy")
            g.add((pole, PTCE.strategy, node))
            g.add((node, RDF.type, STRATEGY_KINDS.get(s.kind or "", PTCE.Strategy)))
            w.text(node, RDFS.label, s.name)
            w.date(node, PTCE.startDate, s.start)
            w.date(node, PTCE.endDate, s.end)
            w.sources(node, s.sources)

        actor_iris = self._actor_iris(w)
        project_iris = {p.id: (URIRef(p.iri) if p.iri else w.child("project", p.id)) for p in self.projects}
        tool_iris = {t.id: (URIRef(t.iri) if t.iri else w.child("tool", t.id)) for t in self.tools}

        for tool in self.tools:
            node = tool_iris[tool.id]
            g.add((pole, PTCE.tool, node))
            g.add((node, RDF.type, PTCE.Tool))
            w.text(node, DCTERMS.identifier, tool.id)
            w.text(node, RDFS.label, tool.name)
            w.text(node, DCTERMS.description, tool.description)
            w.sources(node, tool.sources)

        for a in self.actors:
            node = actor_iris[a.id]
            g.add((node, RDF.type, PTCE.Actor))
            if a.kind is not None:
                g.add((node, RDF.type, a.kind.iri))
            w.text(node, DCTERMS.identifier, a.id)
            w.text(node, RDFS.label, a.name)
            if a.legal_form:
                g.add((node, PTCE.legalForm, _legal_form_iri(a.legal_form)))
            w.add(node, PTCE.essMention, _boolean(a.ess_mention))
            w.add(node, PTCE.declaresESS, _boolean(a.declares_ess))
            w.add(node, PTCE.cooperative, _boolean(a.cooperative))
            w.add(node, PTCE.sireneESS, _boolean(a.sirene_ess))
            w.add(node, PTCE.esusAgrement, _boolean(a.esus))
            w.date(node, PTCE.esusDate, a.esus_date)
            for member in a.grouping_members:
                g.add((node, PTCE.groupingMember, actor_iris[member]))
            if a.siret:
                w.text(node, PTCE.siren if len(a.siret) == 9 else PTCE.siret, a.siret)
            if a.commune:
                g.add((node, PTCE.locatedIn, w.area("commune", a.commune)))
            w.sources(node, a.sources)
            w.extra(node, a.extra)

        for m in self.memberships:
            node = URIRef(m.iri) if m.iri else w.child("membership", m.actor)
            g.add((node, RDF.type, PTCE.Membership))
            g.add((node, ORG.member, actor_iris[m.actor]))
            g.add((node, ORG.organization, pole))
            if m.relation is not None:
                g.add((node, PTCE.relation, m.relation.iri))
            w.text(node, PTCE.roleLabel, m.role)
            w.date(node, PTCE.startDate, m.start)
            w.date(node, PTCE.endDate, m.end)

        for link in self.links:
            node = URIRef(link.iri) if link.iri else w.child("link", link.minted_id())
            g.add((node, RDF.type, PTCE.CooperationLink))
            g.add((node, RDF.type, link.logic.iri))
            if link.kind and link.kind in LINK_SUBTYPES and LINK_SUBTYPES[link.kind][1] is link.logic:
                g.add((node, RDF.type, LINK_SUBTYPES[link.kind][0]))
            g.add((node, PTCE.pole, pole))
            if link.id:
                w.text(node, DCTERMS.identifier, link.id)
            g.add((node, PTCE.sourceActor, actor_iris[link.source]))
            g.add((node, PTCE.targetActor, actor_iris[link.target]))
            w.text(node, PTCE.subtype, link.kind)
            w.date(node, PTCE.startDate, link.start)
            w.date(node, PTCE.endDate, link.end)
            if link.project is not None:
                g.add((node, PTCE.project, project_iris[link.project]))
            if link.tool is not None:
                g.add((node, PTCE.tool, tool_iris[link.tool]))
            w.sources(node, link.sources)
            w.extra(node, link.extra)

        for p in self.projects:
            node = project_iris[p.id]
            g.add((node, RDF.type, PTCE.Project))
            g.add((node, PTCE.pole, pole))
            w.text(node, DCTERMS.identifier, p.id)
            w.text(node, RDFS.label, p.name)
            if p.innovation is not None:
                g.add((node, PTCE.innovation, p.innovation.iri))
            w.add(node, PTCE.sustainableLocalDevelopment, _boolean(p.sustainable_local_development))
            for actor_id in p.participants:
                g.add((node, PTCE.participant, actor_iris[actor_id]))
            w.sources(node, p.sources)
            w.extra(node, p.extra)

        for f in self.funding:
            node = URIRef(f.iri) if f.iri else w.child("funding", f.minted_id())
            g.add((node, RDF.type, PTCE.Funding))
            g.add((node, PTCE.pole, pole))
            if f.funder:
                g.add((node, PTCE.funder, _agent(w, actor_iris, f.funder)))
            for supporter in f.supported_by:
                g.add((node, PTCE.supportedBy, _agent(w, actor_iris, supporter)))
            if f.kind is not None:
                g.add((node, PTCE.fundingKind, f.kind.iri))
            if f.program:
                if f.program in PROGRAMMES:
                    g.add((node, PTCE.programme, PROGRAMMES[f.program]))
                else:
                    w.text(node, PTCE.programmeLabel, f.program)
            if f.year is not None:
                g.add((node, PTCE.year, Literal(f"{f.year:04d}", datatype=XSD.gYear)))
            if f.amount is not None:
                g.add((node, PTCE.amount, Literal(decimal_text(f.amount), datatype=XSD.decimal)))
            w.text(node, PTCE.purpose, f.purpose)
            if f.status is not None:
                g.add((node, PTCE.selectionStatus, SELECTION_STATUSES[f.status]))
            w.sources(node, f.sources)
            w.extra(node, f.extra)

        for place in self.places:
            node = URIRef(place.iri) if place.iri else w.child("place", place.id)
            g.add((pole, PTCE.hasPlace, node))
            g.add((node, RDF.type, PTCE.Place))
            w.text(node, DCTERMS.identifier, place.id)
            w.text(node, RDFS.label, place.name)
            if place.commune:
                g.add((node, PTCE.locatedIn, w.area("commune", place.commune)))
            w.add(node, PTCE.showcase, _boolean(place.showcase))
            w.date(node, PTCE.openingDate, place.opening)
            w.sources(node, place.sources)

        for meeting in self.meetings:
            node = URIRef(meeting.iri) if meeting.iri else w.child("meeting", meeting.id)
            g.add((node, RDF.type, MEETING_KINDS[meeting.kind]))
            g.add((node, PTCE.pole, pole))
            w.text(node, DCTERMS.identifier, meeting.id)
            w.text(node, RDFS.label, meeting.name)
            w.date(node, PTCE.date, meeting.date)
            w.date(node, PTCE.startDate, meeting.start)
            w.date(node, PTCE.endDate, meeting.end)
            for prop, value, dtype in (
                (PTCE.sequenceNumber, meeting.sequence, XSD.positiveInteger),
                (PTCE.participantCount, meeting.participants, XSD.nonNegativeInteger),
                (PTCE.organisationCount, meeting.organisations, XSD.nonNegativeInteger),
                (PTCE.meetingCount, meeting.meetings, XSD.nonNegativeInteger),
            ):
                if value is not None:
                    g.add((node, prop, Literal(str(value), datatype=dtype)))
            w.text(node, PTCE.topic, meeting.topic)
            for actor_id in meeting.attendees:
                g.add((node, PTCE.attendee, actor_iris[actor_id]))
            w.sources(node, meeting.sources)

        for assessment in self.assessments:
            node = URIRef(assessment.iri) if assessment.iri else w.child("assessment", assessment.objective)
            g.add((node, RDF.type, PTCE.ObjectiveAssessment))
            g.add((node, PTCE.pole, pole))
            g.add((node, PTCE.objective, _objective_iri(assessment.objective)))
            w.text(node, PTCE.practice, assessment.practice)
            for item in assessment.evidence:
                w.text(node, PTCE.evidence, item)
            w.sources(node, assessment.sources)
        return g

    def _territory_to_graph(self, w: _Writer) -> None:
        t = self.territory
        assert t is not None
        node = URIRef(t.iri) if t.iri else w.child("territory")
        w.g.add((w.pole, PTCE.territory, node))
        w.g.add((node, RDF.type, PTCE.Territory))
        w.text(node, RDFS.label, t.name)
        if t.kind:
            w.g.add((node, PTCE.territoryKind, URIRef(str(PTCETYP._NS) + t.kind)))
        for code in t.codes:
            classified = territory_code_kind(code)
            if classified is None:
                raise ValueError(
                    f"territory code {code!r} is not a commune (5 characters), département (2-3), "
                    "région (R + 2 digits) or EPCI SIREN (9 digits)"
                )
            w.g.add((node, PTCE.comprises, w.area(*classified)))
        w.sources(node, t.sources)

    def _actor_iris(self, w: _Writer) -> dict[str, URIRef]:
        self.check_references()
        return {a.id: (URIRef(a.iri) if a.iri else w.child("actor", a.id)) for a in self.actors}

    def check_references(self) -> None:
        """Raise ValueError when a membership, link, project or meeting names an
        actor (or a link names a project) the pole does not have."""
        known = {a.id for a in self.actors}
        referenced: list[tuple[str, str]] = [(m.actor, "membership") for m in self.memberships]
        for link in self.links:
            referenced += [(link.source, "link source"), (link.target, "link target")]
        for p in self.projects:
            referenced += [(a, f"participant of project {p.id!r}") for a in p.participants]
        for m in self.meetings:
            referenced += [(a, f"attendee of meeting {m.id!r}") for a in m.attendees]
        for a in self.actors:
            referenced += [(x, f"member of the grouping {a.id!r}") for x in a.grouping_members]
        for actor_id, role in referenced:
            if actor_id not in known:
                raise ValueError(f"{role} {actor_id!r} is not an actor of pole {self.id!r}")
        project_ids = {p.id for p in self.projects}
        tool_ids = {t.id for t in self.tools}
        for link in self.links:
            if link.project is not None and link.project not in project_ids:
                raise ValueError(f"link project {link.project!r} is not a project of pole {self.id!r}")
            if link.tool is not None and link.tool not in tool_ids:
                raise ValueError(f"link tool {link.tool!r} is not a tool of pole {self.id!r}")

    @classmethod
    def from_graph(cls, graph: Graph, iri: str | URIRef | None = None) -> Pole:
        """Read one pole (the only one, or the one at ``iri``) from a graph."""
        if iri is None:
            poles = sorted_nodes(graph.subjects(RDF.type, PTCE.Pole))
            if len(poles) != 1:
                raise ValueError(f"the graph holds {len(poles)} poles; say which one to read")
            return _read_pole(_readable(graph), URIRef(str(poles[0])))
        return _read_pole(_readable(graph), URIRef(str(iri)))


def decimal_text(amount: Decimal) -> str:
    """An amount as the shortest plain decimal text (``1500``, ``0.1``): no exponent, no trailing zero."""
    text = format(amount, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".") or "0"
    return text


def _legal_form_iri(value: str) -> URIRef:
    value = value.strip().lower()
    if re.fullmatch(r"[0-9]{4}", value):
        return URIRef(f"{PTCELF._NS}cj-{value}")
    return URIRef(f"{PTCELF._NS}{segment(value)}")


def legal_form_value(node: object, *, warn: bool = False) -> str | None:
    """The bundle value of a legal form of the ptcelf scheme (``association``; ``5710`` for ``cj-5710``), or None.

    Without ``warn`` only an IRI of the scheme has a value (how the legal
    validation reads the data).  With ``warn`` (how the model reader reads
    it) any term is read by its text, and one outside the scheme is named in
    a :class:`~ptce_graph.errors.DataWarning`.
    """
    if node is None or (not warn and not isinstance(node, URIRef)):
        return None
    text = str(node)
    ns = str(PTCELF._NS)
    if text.startswith(ns):
        local = unquote(text[len(ns):])
        return local[3:] if re.fullmatch(r"cj-[0-9]{4}", local) else local
    if warn:
        warnings.warn(f"legal form {text} is not in the ptcelf scheme; ignored", DataWarning, stacklevel=3)
    return None


def _objective_iri(objective: str) -> URIRef:
    onto = ontology_graph()
    for concept in onto.subjects(SKOS.notation, Literal(objective)):
        if str(concept).startswith(str(PTCEREF._NS)):
            return URIRef(str(concept))
    return URIRef(str(PTCEREF._NS) + segment(objective))


def _objective_value(node: rdflib.term.Node | None) -> str:
    if node is None:
        return ""
    notation = ontology_graph().value(node, SKOS.notation)
    if notation is not None:
        return str(notation)
    return _local_id(node)


def _agent(w: _Writer, actor_iris: dict[str, URIRef], who: str) -> URIRef:
    if who in actor_iris:
        return actor_iris[who]
    node = w.child("agent", who)
    w.g.add((node, RDF.type, PROV.Agent))
    w.g.add((node, RDFS.label, Literal(who)))
    return node


def _year(node: rdflib.term.Node | None) -> int | None:
    """The year of a gYear (or date) literal, strictly (ASCII digits, 0001-9999), else None."""
    if node is None:
        return None
    try:
        return parse_year(str(node)[:4])
    except ValueError:
        return None


def _int(node: rdflib.term.Node | None) -> int | None:
    if node is None:
        return None
    text = str(node).strip()
    if not (text.isascii() and 0 < len(text) <= 18 and text.lstrip("+-").isdigit()):
        return None  # int() would read other scripts' digits, and refuses more than 4,300
    return int(text)


def _read_pole(g: Graph, pole: URIRef) -> Pole:
    r = _Reader(g)

    # Actors: through memberships, links, projects and meetings of the pole.
    memberships = sorted_nodes(
        m for m in g.subjects(ORG.organization, pole) if (m, RDF.type, PTCE.Membership) in g
    )
    links = sorted_nodes(link for link in g.subjects(PTCE.pole, pole) if (link, RDF.type, PTCE.CooperationLink) in g
                          or any((link, RDF.type, logic.iri) in g for logic in Logic))
    projects = sorted_nodes(p for p in g.subjects(PTCE.pole, pole) if (p, RDF.type, PTCE.Project) in g)
    meetings = sorted_nodes(
        m for m in g.subjects(PTCE.pole, pole) if any((m, RDF.type, c) in g for c in MEETING_KINDS.values())
    )
    actor_nodes: set[rdflib.term.Node] = set()
    for m in memberships:
        actor_nodes.update(g.objects(m, ORG.member))
    for link in links:
        actor_nodes.update(g.objects(link, PTCE.sourceActor))
        actor_nodes.update(g.objects(link, PTCE.targetActor))
    for p in projects:
        actor_nodes.update(g.objects(p, PTCE.participant))
    for m in meetings:
        actor_nodes.update(g.objects(m, PTCE.attendee))
    grouped = list(actor_nodes)
    while grouped:  # the members of a grouping of enterprises, and theirs
        found = {x for node in grouped for x in g.objects(node, PTCE.groupingMember)} - actor_nodes
        actor_nodes |= found
        grouped = list(found)

    ids: dict[rdflib.term.Node, str] = {}
    actors: list[Actor] = []
    for node in sorted_nodes(actor_nodes):
        actor_id = r.ident(node)
        if actor_id in ids.values():
            actor_id = f"{actor_id}~{_short_hash(node)}"
        ids[node] = actor_id
        siren = r.text(node, PTCE.siren)
        commune = r.one(node, PTCE.locatedIn)
        actors.append(
            Actor(
                id=actor_id,
                name=r.text(node, RDFS.label),
                kind=_kind_of(g, node),
                legal_form=legal_form_value(r.one(node, PTCE.legalForm), warn=True),
                ess_mention=literal_bool(r.one(node, PTCE.essMention)),
                declares_ess=literal_bool(r.one(node, PTCE.declaresESS)),
                siret=r.text(node, PTCE.siret) or siren,
                commune=r.text(commune, PTCE.inseeCode) if commune is not None else None,
                iri=str(node),
                extra=r.extra(node),
                sources=r.sources(node),
                cooperative=literal_bool(r.one(node, PTCE.cooperative)),
                sirene_ess=literal_bool(r.one(node, PTCE.sireneESS)),
                esus=literal_bool(r.one(node, PTCE.esusAgrement)),
                esus_date=_as_date(r.one(node, PTCE.esusDate), str(node)),
            )
        )
    for actor, node in zip(actors, sorted_nodes(actor_nodes), strict=True):
        actor.grouping_members = sorted(ids[x] for x in g.objects(node, PTCE.groupingMember) if x in ids)

    membership_objs = []
    for m in memberships:
        actor_node = r.one(m, ORG.member)
        if actor_node is None:
            continue
        membership_objs.append(
            Membership(
                actor=ids[actor_node],
                relation=Relation.from_iri(r.one(m, PTCE.relation)),
                role=r.text(m, PTCE.roleLabel),
                start=_as_date(r.one(m, PTCE.startDate), str(m)),
                end=_as_date(r.one(m, PTCE.endDate), str(m)),
                iri=str(m),
            )
        )

    project_ids = {p: r.ident(p) for p in projects}
    tools = sorted_nodes(t for t in g.objects(pole, PTCE.tool) if (t, RDF.type, PTCE.Tool) in g)
    tool_ids = {t: r.ident(t) for t in tools}
    tool_objs = [
        Tool(id=tool_ids[t], name=r.text(t, RDFS.label), description=r.text(t, DCTERMS.description),
             iri=str(t), sources=r.sources(t))
        for t in tools
    ]
    project_objs = [
        Project(
            id=project_ids[p],
            name=r.text(p, RDFS.label),
            innovation=Innovation.from_iri(r.one(p, PTCE.innovation)),
            sustainable_local_development=literal_bool(r.one(p, PTCE.sustainableLocalDevelopment)),
            participants=sorted({ids[a] for a in g.objects(p, PTCE.participant) if a in ids}),
            iri=str(p),
            extra=r.extra(p),
            sources=r.sources(p),
        )
        for p in projects
    ]

    link_objs = []
    for link in links:
        src, tgt = r.one(link, PTCE.sourceActor), r.one(link, PTCE.targetActor)
        logic = next((lg for lg in Logic if (link, RDF.type, lg.iri) in g), None)
        if logic is None:
            logic = next((lg for cls, lg in LINK_SUBTYPES.values() if (link, RDF.type, cls) in g), None)
        if src is None or tgt is None or logic is None:
            warnings.warn(f"{link}: a cooperation link needs a source, a target and a logic; skipped",
                          DataWarning, stacklevel=2)
            continue
        kind = r.text(link, PTCE.subtype)
        if kind is None:
            kind = next((k for k, (cls, _) in LINK_SUBTYPES.items() if (link, RDF.type, cls) in g), None)
        project = r.one(link, PTCE.project)
        tool = r.one(link, PTCE.tool)
        link_objs.append(
            Link(
                source=ids[src],
                target=ids[tgt],
                logic=logic,
                kind=kind,
                start=_as_date(r.one(link, PTCE.startDate), str(link)),
                end=_as_date(r.one(link, PTCE.endDate), str(link)),
                project=project_ids.get(project) if project is not None else None,
                tool=tool_ids.get(tool) if tool is not None else None,
                id=r.text(link, DCTERMS.identifier),
                iri=str(link),
                extra=r.extra(link),
                sources=r.sources(link),
            )
        )

    def agent_ref(node: rdflib.term.Node) -> str:
        return ids[node] if node in ids else (r.text(node, RDFS.label) or _local_id(node))

    funding_objs = []
    for f in sorted_nodes(x for x in g.subjects(PTCE.pole, pole) if (x, RDF.type, PTCE.Funding) in g):
        programme = r.one(f, PTCE.programme)
        program = next((k for k, v in PROGRAMMES.items() if v == programme), None) if programme is not None else None
        amount_node = r.one(f, PTCE.amount)
        amount = None
        if amount_node is not None:
            try:
                amount = Decimal(str(amount_node))
            except InvalidOperation:
                warnings.warn(f"{f}: amount {amount_node!s} is not a number; ignored", DataWarning, stacklevel=2)
        year_node = r.one(f, PTCE.year)
        funder = r.one(f, PTCE.funder)
        status_node = r.one(f, PTCE.selectionStatus)
        funding_objs.append(
            Funding(
                funder=agent_ref(funder) if funder is not None else None,
                kind=FundingKind.from_iri(r.one(f, PTCE.fundingKind)),
                program=program or r.text(f, PTCE.programmeLabel),
                year=_year(year_node),
                amount=amount,
                purpose=r.text(f, PTCE.purpose),
                supported_by=sorted(agent_ref(s) for s in g.objects(f, PTCE.supportedBy)),
                status=next((k for k, v in SELECTION_STATUSES.items() if v == status_node), None),
                iri=str(f),
                extra=r.extra(f),
                sources=r.sources(f),
            )
        )

    place_objs = []
    for pl in sorted_nodes(g.objects(pole, PTCE.hasPlace)):
        commune = r.one(pl, PTCE.locatedIn)
        place_objs.append(
            Place(
                id=r.ident(pl),
                name=r.text(pl, RDFS.label),
                commune=r.text(commune, PTCE.inseeCode) if commune is not None else None,
                showcase=literal_bool(r.one(pl, PTCE.showcase)),
                opening=_as_date(r.one(pl, PTCE.openingDate), str(pl)),
                iri=str(pl),
                sources=r.sources(pl),
            )
        )

    meeting_objs = []
    for m in meetings:
        types = set(g.objects(m, RDF.type))
        kind = "series" if PTCE.MeetingSeries in types else "seminar" if PTCE.Seminar in types else "meeting"
        meeting_objs.append(
            Meeting(
                id=r.ident(m),
                kind=kind,
                name=r.text(m, RDFS.label),
                date=_as_date(r.one(m, PTCE.date), str(m)),
                start=_as_date(r.one(m, PTCE.startDate), str(m)),
                end=_as_date(r.one(m, PTCE.endDate), str(m)),
                sequence=_int(r.one(m, PTCE.sequenceNumber)),
                participants=_int(r.one(m, PTCE.participantCount)),
                organisations=_int(r.one(m, PTCE.organisationCount)),
                meetings=_int(r.one(m, PTCE.meetingCount)),
                topic=r.text(m, PTCE.topic),
                attendees=sorted({ids[a] for a in g.objects(m, PTCE.attendee) if a in ids}),
                iri=str(m),
                sources=r.sources(m),
            )
        )

    assessment_objs = [
        Assessment(
            objective=_objective_value(r.one(a, PTCE.objective)),
            practice=r.text(a, PTCE.practice),
            evidence=sorted(str(e) for e in g.objects(a, PTCE.evidence)),
            iri=str(a),
            sources=r.sources(a),
        )
        for a in sorted_nodes(x for x in g.subjects(PTCE.pole, pole) if (x, RDF.type, PTCE.ObjectiveAssessment) in g)
    ]

    territory = None
    t = r.one(pole, PTCE.territory)
    if t is not None:
        codes = []
        for area in sorted_nodes(g.objects(t, PTCE.comprises)):
            code = r.text(area, PTCE.inseeCode) or r.text(area, PTCE.siren)
            if code is None:
                continue
            codes.append("R" + code if (area, RDF.type, PTCE.Region) in g else code)
        territory = Territory(
            name=r.text(t, RDFS.label),
            codes=sorted(codes),
            kind=r.notation(r.one(t, PTCE.territoryKind), str(PTCETYP._NS)),
            iri=str(t),
            sources=r.sources(t),
        )

    strategy = None
    s = r.one(pole, PTCE.strategy)
    if s is not None:
        kind = next((k for k, c in STRATEGY_KINDS.items() if (s, RDF.type, c) in g), None)
        strategy = Strategy(
            name=r.text(s, RDFS.label),
            start=_as_date(r.one(s, PTCE.startDate), str(s)),
            end=_as_date(r.one(s, PTCE.endDate), str(s)),
            kind=kind,
            iri=str(s),
            sources=r.sources(s),
        )

    return Pole(
        id=r.ident(pole),
        name=r.text(pole, RDFS.label),
        territory=territory,
        legal_form=legal_form_value(r.one(pole, PTCE.legalForm), warn=True),
        strategy=strategy,
        sector=r.notation(r.one(pole, PTCE.sector), str(PTCETYP._NS)),
        origin=r.notation(r.one(pole, PTCE.origin), str(PTCETYP._NS)),
        founding=_as_date(r.one(pole, PTCE.foundingDate), str(pole)),
        fictional=literal_bool(r.one(pole, PTCE.fictional)),
        funding_history_complete=literal_bool(r.one(pole, PTCE.fundingHistoryComplete)),
        description=r.text(pole, DCTERMS.description),
        actors=actors,
        memberships=membership_objs,
        links=link_objs,
        projects=project_objs,
        funding=funding_objs,
        places=place_objs,
        meetings=meeting_objs,
        assessments=assessment_objs,
        tools=tool_objs,
        iri=str(pole),
        extra=r.extra(pole),
        sources=r.sources(pole),
    ).canonical()


def _kind_of(g: Graph, node: rdflib.term.Node) -> ActorKind | None:
    types = set(g.objects(node, RDF.type))
    direct = [k for k in ActorKind if k.iri in types]
    if not direct:
        # A subclass of a kind (NonESSEnterprise -> enterprise), per the ontology.

        onto = ontology_graph()
        for t in types:
            supers = set(onto.transitive_objects(t, RDFS.subClassOf))
            direct += [k for k in ActorKind if k.iri in supers]
    direct = sorted(set(direct), key=lambda k: k.value)
    if len(direct) > 1:
        warnings.warn(f"{node}: several actor kinds ({', '.join(k.value for k in direct)}); the first is used",
                      DataWarning, stacklevel=3)
    return direct[0] if direct else None


def poles_from_graph(graph: Graph) -> list[Pole]:
    """Every pole of a graph, in IRI order."""
    poles = sorted_nodes(graph.subjects(RDF.type, PTCE.Pole))
    readable = _readable(graph) if poles else graph
    return [_read_pole(readable, URIRef(str(p))) for p in poles]


def iter_fields(obj: Any) -> Iterator[tuple[str, Any]]:
    """(name, value) of a model dataclass, for generic renderers."""
    for f in fields(obj):
        yield f.name, getattr(obj, f.name)
