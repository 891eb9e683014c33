"""The real poles of examples/paper-2014: every fact from the paper, cited, nothing invented."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS

from ptce_graph import load, poles_from_graph
from ptce_graph.namespaces import ORG, PROV, PTCE, PTCELF, PTCESRC, PTCETYP
from ptce_graph.resources import ontology_graph

REPO = Path(__file__).resolve().parents[2]
FOLDER = REPO / "examples" / "paper-2014"
FILES = sorted(FOLDER.glob("*.ttl"))
ID = "https://w3id.org/ptce/id/"
PAPER = "https://w3id.org/ptce/source/paper-2014"
NON_NEGATIVE = URIRef("http://www.w3.org/2001/XMLSchema#nonNegativeInteger")
G_YEAR_MONTH = URIRef("http://www.w3.org/2001/XMLSchema#gYearMonth")
#: The paper's text, where the project keeps it (not shipped: it is the source, not the library).
PAPER_TEXT = Path(os.environ.get("PTCE_PAPER_TEXT", "/work/shared/domain/ptce-paper-2014.txt"))


def _graph(*names: str) -> Graph:
    graph = Graph()
    for name in names:
        graph += load(FOLDER / name)
    return graph


ALL = _graph(*(f.name for f in FILES))
TWELVE = {
    "pole-sud-aquitaine": "Pôle Sud Aquitaine",
    "pole-sud-archer": "Pôle Sud Archer",
    "culture-et-cooperation": "Culture et Coopération",
    "initiatives-et-cites": "Initiatives et Cités",
    "domb-innov": "Domb'Innov",
    "eco-domaine-de-bouquetot": "Éco-domaine de Bouquetot",
    "de-fil-en-reseaux": "De Fil en Réseaux",
    "les-articulteurs": "Les Articulteurs",
    "eoliennes-en-pays-de-vilaine": "Éoliennes en Pays de Vilaine",
    "la-coursive-boutaric": "La Coursive Boutaric",
    "paris-mix": "Paris Mix",
    "fontaine-o-livres": "Fontaine O Livres",
}


def _pole(slug: str) -> URIRef:
    return URIRef(f"{ID}pole/{slug}")


def test_the_files_are_there_and_load() -> None:
    assert [f.name for f in FILES] == ["le-periscope.ttl", "poles-temoins.ttl"]
    for f in FILES:
        assert len(load(f)) > 100


def test_every_resource_cites_the_paper() -> None:
    sections = {str(s) for s in ontology_graph().objects(PTCESRC["paper-2014"], DCTERMS.hasPart)}
    allowed = sections | {PAPER}
    subjects = {s for s in ALL.subjects() if isinstance(s, URIRef)}
    assert subjects, "no data"
    for s in subjects:
        sources = {str(o) for o in ALL.objects(s, DCTERMS.source)}
        derived = list(ALL.objects(s, PROV.wasDerivedFrom))
        assert sources or derived, f"{s} cites no source"
        assert sources <= allowed, f"{s} cites {sources - allowed}"
        if s.startswith(ID + "pole/"):
            assert sources, f"{s}: a fact about a real pole cites a section of the paper"
            assert sources <= sections, f"{s}: cite the section, not the whole paper"


def test_every_pole_is_real_and_named_as_in_the_paper() -> None:
    poles = {p: str(ALL.value(p, RDFS.label)) for p in ALL.subjects(RDF.type, PTCE.Pole)}
    expected = {_pole(k): v for k, v in TWELVE.items()} | {_pole("le-periscope"): "Le Périscope"}
    assert poles == expected
    for p in poles:
        assert ALL.value(p, PTCE.fictional) == Literal(False)
    for dataset in ALL.subjects(RDF.type, URIRef("http://www.w3.org/ns/dcat#Dataset")):
        assert ALL.value(dataset, PTCE.fictional) == Literal(False)


#: § II.1, « Activités de production » / « de services et ingénierie de développement » /
#: « Industries créatrices et culturelles ».
SECTORS = {
    "production": {"eco-domaine-de-bouquetot", "eoliennes-en-pays-de-vilaine", "pole-sud-archer"},
    "services-development-engineering": {
        "pole-sud-aquitaine", "de-fil-en-reseaux", "initiatives-et-cites", "domb-innov"},
    "creative-cultural-industries": {
        "la-coursive-boutaric", "les-articulteurs", "paris-mix", "fontaine-o-livres",
        "culture-et-cooperation"},
}
#: § II.1, « désindustrialisé (...) ; périurbain (...) ; ruraux (...) ; quartier populaire urbain (...) ».
KINDS = {
    "deindustrialised": {
        "pole-sud-aquitaine", "pole-sud-archer", "culture-et-cooperation", "initiatives-et-cites"},
    "peri-urban": {"domb-innov"},
    "rural": {
        "eco-domaine-de-bouquetot", "de-fil-en-reseaux", "les-articulteurs", "eoliennes-en-pays-de-vilaine"},
    "working-class-urban-district": {"la-coursive-boutaric", "paris-mix", "fontaine-o-livres"},
}
#: § II.1; Pôle Sud Aquitaine has none (ambiguous sentence).
REGIONS = {
    "eco-domaine-de-bouquetot": "Basse Normandie",
    "eoliennes-en-pays-de-vilaine": "Bretagne",
    "pole-sud-archer": "Rhône-Alpes",
    "de-fil-en-reseaux": "Limousin",
    "initiatives-et-cites": "Nord-Pas-de-Calais",
    "domb-innov": "Rhône-Alpes",
    "la-coursive-boutaric": "Bourgogne",
    "les-articulteurs": "Bretagne",
    "paris-mix": "Paris",
    "fontaine-o-livres": "Paris",
    "culture-et-cooperation": "Rhône-Alpes",
}


@pytest.mark.parametrize("slug", sorted(TWELVE))
def test_each_pilot_pole_has_exactly_the_papers_facts(slug: str) -> None:
    pole = _pole(slug)
    sector = next(k for k, v in SECTORS.items() if slug in v)
    kind = next(k for k, v in KINDS.items() if slug in v)
    assert set(ALL.objects(pole, PTCE.sector)) == {PTCETYP[sector]}
    (territory,) = ALL.objects(pole, PTCE.territory)
    assert set(ALL.objects(territory, PTCE.territoryKind)) == {PTCETYP[kind]}
    regions = {str(ALL.value(a, RDFS.label)) for a in ALL.objects(territory, PTCE.locatedIn)}
    assert regions == ({REGIONS[slug]} if slug in REGIONS else set())
    assert (territory, RDFS.label, None) not in ALL  # the paper names no territory for them
    assert (territory, PTCE.comprises, None) not in ALL  # nor any commune or code
    # Nothing the paper does not state per pole.
    for prop in (PTCE.origin, PTCE.foundingDate, PTCE.legalForm, PTCE.strategy, PTCE.hasPlace):
        assert (pole, prop, None) not in ALL, prop
    assert (None, ORG.organization, pole) not in ALL  # no member, no partner
    model = next(p for p in poles_from_graph(ALL) if p.iri == str(pole))
    assert not (model.actors or model.links or model.funding or model.meetings or model.assessments)


def test_named_tools_and_projects() -> None:
    tools = {(str(p).rsplit("/", 1)[1], str(ALL.value(t, RDFS.label)))
             for p, t in ALL.subject_objects(PTCE.tool)}
    assert tools == {("paris-mix", "Mix Box"), ("paris-mix", "Citizen Box"),
                     ("culture-et-cooperation", "Mixeur"), ("domb-innov", "fagoteuse sarmenteuse")}
    projects = {(str(ALL.value(p, PTCE.pole)).rsplit("/", 1)[1], str(ALL.value(p, RDFS.label)))
                for p in ALL.subjects(RDF.type, PTCE.Project)}
    assert projects == {
        ("eoliennes-en-pays-de-vilaine", "création d’un parc éolien"),
        ("les-articulteurs", "recherche-action sur le PTCE des Articulteurs"),
        ("fontaine-o-livres", "catalogue de valorisation de l'édition indépendante en bibliothèques"),
    }
    for p in ALL.subjects(RDF.type, PTCE.Project):
        # The paper says nothing of their innovation, sustainability or participants.
        for prop in (PTCE.innovation, PTCE.sustainableLocalDevelopment, PTCE.participant):
            assert (p, prop, None) not in ALL


def test_aggregate_statements_stay_on_the_set() -> None:
    the_set = URIRef(ID + "paper-2014/pilot-poles-12")
    assert set(ALL.objects(the_set, PTCE.includesPole)) == {_pole(k) for k in TWELVE}
    assert ALL.value(the_set, PTCE.setSize) == Literal(12, datatype=NON_NEGATIVE)
    statements = set(ALL.subjects(RDF.type, PTCE.AggregateStatement))
    assert len(statements) == 25
    for s in statements:
        assert ALL.value(s, PTCE.aboutSet) == the_set
        assert (s, PTCE.quotation, None) in ALL
    def count(characteristic: URIRef) -> int | None:
        (s,) = ALL.subjects(PTCE.characteristic, characteristic)
        value = ALL.value(s, PTCE.poleCount)
        return None if value is None else int(value)

    assert count(PTCETYP["citizen-associative"]) == 9
    assert count(PTCETYP["social-enterprise-group"]) == 2
    assert count(PTCETYP["employment-area-committee"]) == 1
    assert count(PTCE.EmployerGroup) == 5
    assert count(PTCE.StateCall2014) == 5
    assert count(PTCE.Place) is None
    place = next(ALL.subjects(PTCE.characteristic, PTCE.Place))
    assert str(ALL.value(place, PTCE.proportion)) == "0.6"
    # No pole carries the set's characteristics.
    for p in ALL.subjects(RDF.type, PTCE.Pole):
        assert (p, PTCE.origin, None) not in ALL
        assert (p, PTCE.programme, None) not in ALL
    assert (None, RDF.type, PTCE.EmployerGroup) not in ALL


def test_le_periscope() -> None:
    g = _graph("le-periscope.ttl")
    pole = _pole("le-periscope")
    (model,) = poles_from_graph(g)
    assert model.name == "Le Périscope" and model.fictional is False
    assert model.territory is not None and model.territory.name == "Sud Est Toulousain"
    assert model.territory.codes == [] and model.territory.kind is None
    assert model.legal_form is None and model.strategy is None and model.sector is None
    # Partners: the Sicoval (an EPCI, communauté d'agglomération) and the Région Midi-Pyrénées.
    assert {(a.id, a.kind.value, a.legal_form) for a in model.actors} == {
        ("sicoval", "local-authority-grouping", "7348"), ("region-midi-pyrenees", "local-authority", "7230")}
    assert {m.relation.value for m in model.memberships} == {"partner"}
    assert model.members() == []
    public = next(f for f in model.funding if f.kind.value == "public")
    assert (public.funder, public.supported_by, public.amount, public.year, public.purpose) == (
        "sicoval", ["region-midi-pyrenees"], None, None, "achat d’un bâtiment")
    volunteering = next(f for f in model.funding if f.kind.value == "volunteering")
    assert volunteering.sources == [f"{PAPER}#II.2"]
    (place,) = model.places
    assert (place.showcase, str(place.opening), place.commune) == (True, "2014", None)
    meetings = {m.id: m for m in model.meetings}
    work = meetings["reunions-de-travail"]
    assert (work.kind, work.meetings, str(work.start), str(work.end)) == ("series", 80, "2012-10", "2014-02")
    assert g.value(URIRef(work.iri), PTCE.startDate).datatype == G_YEAR_MONTH
    third, first = meetings["seminaire-3"], meetings["seminaire-1"]
    assert (third.kind, third.sequence, third.participants, third.organisations, third.date) == (
        "seminar", 3, 60, 20, None)
    assert (first.sequence, first.participants, first.organisations) == (1, 30, None)
    assert (URIRef(first.iri), PROV.wasDerivedFrom, URIRef(third.iri)) in g
    assert "charte de fonctionnement du pôle" in (meetings["reunions-d-ingenierie"].topic or "")
    # The 14 first pilot poles, and the legal formalisation by its members (form not stated).
    first14 = URIRef(ID + "paper-2014/first-pilot-poles-14")
    assert set(g.objects(first14, PTCE.includesPole)) == {pole}
    assert g.value(first14, PTCE.setSize) == Literal(14, datatype=NON_NEGATIVE)
    (event,) = g.subjects(ORG.resultingOrganization, pole)
    assert (event, RDF.type, ORG.ChangeEvent) in g and (pole, PTCE.legalForm, None) not in g
    assert g.value(pole, PTCE.legalForm) is None and (None, PTCE.legalForm, PTCELF.association) not in g


def _normalise(text: str) -> str:
    text = re.sub(r"\[\d+\]", "", text)  # footnote calls
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.skipif(not PAPER_TEXT.is_file(), reason="the paper's text is not available here")
def test_every_quotation_is_the_papers_words() -> None:
    paper = _normalise(PAPER_TEXT.read_text(encoding="utf-8"))
    quotations = {str(q) for q in ALL.objects(None, PTCE.quotation)}
    assert len(quotations) > 40
    for q in quotations:
        for part in q.split("[...]"):
            assert _normalise(part) in paper, part
