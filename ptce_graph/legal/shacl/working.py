"""The graph the shapes run on: a copy of the data, plus what the shapes need to know.

Validation never touches the caller's graph.  It copies the data (the whole
graph, or one pole's shard, see :func:`pole_shard`) and adds the *support*
(:func:`support`), facts the shapes need that reference data or Python rules
hold, never the data:

* for every legal form the data uses, its family (``ptce:StatutoryESSForm``,
  ``ptce:CommercialCompanyForm``, ``ptce:NonESSForm``,
  ``ptce:UndeterminedForm``), whether it groups enterprises
  (``ptce:EnterpriseGroupingForm``), whether it is a legal person
  (``ptce:hasLegalPersonality``) and under which law
  (``ptce:legalPersonality``), from ``ontology/legal-forms.ttl`` through
  :func:`ptce_graph.ess.legal_form_info` — which also classifies the INSEE
  codes the table does not list, by their first digit.  The ESS rule itself
  (statutory form → yes; commercial company → the mention decides) is in the
  shapes;
* for every commune, EPCI, département or région the data names, what INSEE's
  Code officiel géographique says of its code at the evaluation date
  (:mod:`ptce_graph.geography`): whether it is known (``ptce:cogKnown``), the
  département, régions and EPCI of a commune (``ptce:cogDepartement``…), and
  what is wrong with a code (``ptce:cogProblem``, a resource whose labels say
  it in French and English) — so that the territory clause places a commune
  in any declared area;
* for every grouping of enterprises whose members are recorded, whether most
  of them are outside the ESS (``ptce:groupingNonESSMajority``), computed
  with :func:`ptce_graph.ess.ess_status` (decree 2015-431, art. 3 2°);
* the *evaluation context*: ``<…/shapes/evaluation-context> ptce:asOf DATE``,
  which the strategy and funding clauses read (any such triple of the input is
  dropped first, so data cannot choose its own evaluation date).

The same functions build the support of a store (:mod:`.working_store`): the
rows they read come from SPARQL there, from rdflib here.

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
from collections.abc import Callable, Iterable, Iterator
from typing import Any
from urllib.parse import quote

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD
from rdflib.term import Node

from ptce_graph.ess import ESSStatus, ess_status, legal_form_info
from ptce_graph.geography import Validity, geography
from ptce_graph.legal.spec.sparql import CONTEXT_IRI
from ptce_graph.model import legal_form_value
from ptce_graph.namespaces import ORG, PTCE

__all__ = [
    "CONTEXT",
    "FAMILY_CLASSES",
    "PERSONALITIES",
    "legal_form_support",
    "legal_form_triples",
    "AREA_CLASSES",
    "AreaRow",
    "geography_triples",
    "MemberRow",
    "grouping_triples",
    "grouping_majority",
    "support",
    "working_graph",
    "pole_iris",
    "pole_shard",
    "shard_nodes",
    "walk_shard",
    "poles_holding",
    "attachments",
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


Triple = tuple[Node, URIRef, Node]


def legal_form_triples(forms: Iterable[Node]) -> Iterator[Triple]:
    """Family, grouping and legal personality of each legal form (see the module docstring)."""
    for form in forms:
        value = legal_form_value(form)
        info = legal_form_info(value) if value else None
        if info is None:
            continue
        yield form, RDF.type, FAMILY_CLASSES[info.family]
        if info.grouping:
            yield form, RDF.type, PTCE.EnterpriseGroupingForm
        if info.personality is not None:
            yield form, PTCE.legalPersonality, PERSONALITIES[info.personality]
        if info.is_legal_person is not None:
            yield form, PTCE.hasLegalPersonality, Literal(info.is_legal_person)


def legal_form_support(graph: Graph) -> Graph:
    """The legal-form triples of every legal form the graph uses."""
    out = Graph()
    out.addN((s, p, o, out) for s, p, o in legal_form_triples(set(graph.objects(None, PTCE.legalForm))))
    return out


_TRUE, _FALSE = Literal(True), Literal(False)

#: Class of an area in the data -> kind of area of :mod:`ptce_graph.geography`.
AREA_CLASSES: dict[URIRef, str] = {
    PTCE.Commune: "commune",
    PTCE.EPCI: "epci",
    PTCE.Departement: "departement",
    PTCE.Region: "region",
}

#: (area node, kind, code) of an area the data names.
AreaRow = tuple[Node, str, str]

#: Where the resources saying what is wrong with a code live (in the working graph only).
PROBLEM_BASE = "https://w3id.org/ptce/shapes/cog/"


def geography_triples(areas: Iterable[AreaRow], as_of: _dt.date) -> Iterator[Triple]:
    """What the Code officiel géographique says of each area's code at ``as_of`` (module docstring)."""
    geo = geography()
    problems: set[tuple[str, str]] = set()
    codes: dict[str, Literal] = {}  # a registry names the same codes again and again: one literal each

    def literal(text: str) -> Literal:
        found = codes.get(text)
        if found is None:
            found = codes[text] = Literal(text)
        return found

    for node, kind, raw in areas:
        code = raw.strip().upper()
        if kind == "region" and code.startswith("R"):
            code = code[1:]
        check = geo.check(kind, code, as_of)
        known = geo.area(kind, code) is not None
        yield node, PTCE.cogKnown, _TRUE if known else _FALSE
        if check.validity not in (Validity.VALID, Validity.UNKNOWN):
            # the code as the data wrote it, percent-encoded: any text must give a valid IRI
            problem = URIRef(f"{PROBLEM_BASE}{kind}/{quote(code, safe='')}")
            yield node, PTCE.cogProblem, problem
            if (kind, code) not in problems:
                problems.add((kind, code))
                yield problem, RDFS.label, Literal(check.message_fr, lang="fr")
                yield problem, RDFS.label, Literal(check.message_en, lang="en")
        if kind != "commune" or not known:
            continue
        commune = geo.resolve(code)
        if commune is None:  # a delegated commune whose commune nouvelle the COG does not hold
            continue
        yield node, PTCE.cogCommune, literal(commune.code)
        yield node, PTCE.cogDepartement, literal(commune.departement)
        for region in {geo.region_of(code), geo.former_region_of(code)}:
            if region is not None:
                yield node, PTCE.cogRegion, literal(region.code)
        if commune.epci:
            yield node, PTCE.cogEPCI, literal(commune.epci)


def _graph_areas(graph: Graph) -> Iterator[AreaRow]:
    for cls, kind in AREA_CLASSES.items():
        prop = PTCE.siren if kind == "epci" else PTCE.inseeCode
        for node in set(graph.subjects(RDF.type, cls)):
            for code in set(graph.objects(node, prop)):
                if isinstance(code, Literal):
                    yield node, kind, str(code)


#: (grouping node, member node, member's legal form value, ESS mention, kind, cooperative) of each
#: recorded member of a grouping of enterprises.
MemberRow = tuple[Node, Node, "str | None", "bool | None", "str | None", "bool | None"]


def grouping_majority(statuses: list[ESSStatus]) -> bool | None:
    """Whether most members are outside the ESS: True, False, or None when unknown statuses could tip it."""
    if not statuses:
        return None
    half = len(statuses) / 2
    no = sum(1 for s in statuses if s is ESSStatus.NO)
    unknown = sum(1 for s in statuses if s is ESSStatus.UNKNOWN)
    if no > half:
        return True
    if no + unknown <= half:
        return False
    return None


def grouping_triples(rows: Iterable[MemberRow]) -> Iterator[Triple]:
    """``ptce:groupingNonESSMajority`` of each grouping whose members are recorded (decided, not unknown)."""
    members: dict[Node, dict[Node, ESSStatus]] = {}
    for grouping, member, form, mention, kind, cooperative in rows:
        status = ess_status(form, mention, kind=kind, cooperative=cooperative).status
        members.setdefault(grouping, {})[member] = status
    for grouping, by_member in members.items():
        majority = grouping_majority(list(by_member.values()))
        if majority is not None:
            yield grouping, PTCE.groupingNonESSMajority, Literal(majority)


_KINDS = {PTCE.Person: "person"}


def _graph_members(graph: Graph) -> Iterator[MemberRow]:
    for grouping, member in set(graph.subject_objects(PTCE.groupingMember)):
        forms = sorted(graph.objects(member, PTCE.legalForm), key=str)
        form = legal_form_value(forms[0]) if forms else None
        mention = _boolean(graph.value(member, PTCE.essMention))
        cooperative = _boolean(graph.value(member, PTCE.cooperative))
        kind = next((k for cls, k in _KINDS.items() if (member, RDF.type, cls) in graph), None)
        yield grouping, member, form, mention, kind, cooperative


def _boolean(node: Node | None) -> bool | None:
    if isinstance(node, Literal):
        text = str(node).strip().lower()
        if text in ("true", "1"):
            return True
        if text in ("false", "0"):
            return False
    return None


def support(graph: Graph, as_of: _dt.date) -> Graph:
    """Every support triple of the graph at ``as_of`` (see the module docstring)."""
    out = legal_form_support(graph)
    out.addN((s, p, o, out) for s, p, o in geography_triples(_graph_areas(graph), as_of))
    out.addN((s, p, o, out) for s, p, o in grouping_triples(_graph_members(graph)))
    return out


def _copy(triples: Iterable[tuple]) -> Graph:
    graph = Graph(bind_namespaces="none")
    graph.addN((s, p, o, graph) for s, p, o in triples)
    return graph


def working_graph(data: Graph, *, as_of: _dt.date, pole: Node | None = None) -> Graph:
    """A new graph: the data (or one pole's shard) with the legal-form support and the evaluation date."""
    graph = pole_shard(data, pole) if pole is not None else _copy(data.triples((None, None, None)))
    graph.remove((CONTEXT, None, None))
    graph += support(graph, as_of)
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


def poles_holding(
    node: Any,
    *,
    incoming: Callable[[Any], Iterable[Any]],
    back: Callable[[Any], Iterable[Any]],
    is_pole: Callable[[Any], bool],
) -> set[Any]:
    """The poles whose shard (:func:`walk_shard`) holds ``node``: the same rule, walked backwards.

    Why: a validation only needs to know which poles the resources its
    results are about belong to; walking back from those few is far cheaper
    than walking every pole's shard.  ``node``: a resource (never a literal:
    literals are in no shard).  ``incoming(n)``: the subjects of the triples
    whose object is ``n``, ``rdf:type`` triples excepted; ``back(n)``: the
    poles ``n`` points to by ``org:organization`` / ``ptce:pole``;
    ``is_pole(n)``.  A shard is entered from its pole or from what points to
    the pole, and never walks into another pole: so a pole met walking back
    holds ``node`` (as the start of the walk) and is not walked past.
    """
    found: set[Any] = set()
    seen: set[Any] = {node}
    queue: deque = deque([node])
    while queue:
        n = queue.popleft()
        found.update(back(n))
        if is_pole(n):
            found.add(n)
            continue
        for s in incoming(n):
            if s not in seen:
                seen.add(s)
                queue.append(s)
    return found


def attachments(graph: Graph, nodes: Iterable[Node]) -> dict[Node, set[Node]]:
    """For each pole of ``graph``, which of ``nodes`` its shard holds (:func:`poles_holding`)."""
    poles = set(graph.subjects(RDF.type, PTCE.Pole))
    out: dict[Node, set[Node]] = {pole: set() for pole in poles}
    for node in nodes:
        if isinstance(node, Literal):
            continue
        for pole in poles_holding(
            node,
            incoming=lambda n: (s for s, p in graph.subject_predicates(n) if p != RDF.type),
            back=lambda n: (o for prop in _BACK for o in graph.objects(n, prop) if o in poles),
            is_pole=poles.__contains__,
        ):
            out[pole].add(node)
    return out


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
