"""The rules of definitions.md in their corners: territory, partial dates, funding, relations, links."""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS

from ptce_graph.legal import validate
from ptce_graph.legal.report.verdicts import ClauseResult, ClauseStatus, PoleVerdict
from ptce_graph.model import Actor, Funding, Link, Pole, Strategy, Territory
from ptce_graph.namespaces import PTCE
from tests.legal.cases import drop_actor, set_actor, set_relation
from tests.legal.poles import AS_OF, fitting_pole

POLE = URIRef("https://w3id.org/ptce/id/pole/pole-fictif")
_XSD = "http://www.w3.org/2001/XMLSchema#"


def _one(data: object, definition: str = "law-2014", as_of: object = AS_OF) -> PoleVerdict:
    report = validate(data, definition=definition, as_of=as_of)
    assert len(report) == 1
    return report[0]


def _clause(data: object, clause: str, definition: str = "law-2014", as_of: object = AS_OF) -> ClauseResult:
    return _one(data, definition, as_of).clause(clause)


def _notes(result: ClauseResult) -> list[str]:
    return [f.message("en") for f in result.notes]


# -- territory ------------------------------------------------------------------


def test_member_commune_listed_in_the_territory() -> None:
    pole = fitting_pole()
    pole.territory = Territory(name="Deux communes", codes=["31555", "31069"])
    assert _clause(pole, "territory").status is ClauseStatus.MET


def test_member_in_another_commune_than_those_listed() -> None:
    pole = fitting_pole()
    pole.territory = Territory(name="Une commune", codes=["31555"])
    result = _clause(pole, "territory")
    assert result.status is ClauseStatus.NOT_MET
    assert [c.label() for f in result.deciding for c in f.concerned] == ["Association du Quartier"]


def test_partners_may_lie_outside() -> None:
    pole = fitting_pole()  # the university, a partner, is in Paris
    assert pole.actor("universite").commune == "75056"
    assert _clause(pole, "territory").status is ClauseStatus.MET


@pytest.mark.parametrize(
    ("territory", "commune", "status"),
    [
        ("974", "97411", "met"),
        ("974", "97101", "not-met"),
        ("2A", "2A004", "met"),
        ("2A", "2B033", "not-met"),
        ("31", "31555", "met"),
        ("31", "32013", "not-met"),
    ],
)
def test_departement_of_a_commune_from_its_code(territory: str, commune: str, status: str) -> None:
    pole = fitting_pole()
    pole.territory = Territory(name="Département", codes=[territory])
    for actor in ("atelier", "quartier", "dupont", "commune"):
        set_actor(pole, actor, commune=commune)
    assert _clause(pole, "territory").status.value == status


@pytest.mark.parametrize(
    ("codes", "status"),
    [
        (["243100518"], "met"),  # Toulouse Métropole: 31555 and 31069 are members
        (["200068120"], "not-met"),  # CA Quimper Bretagne Occidentale
        (["R76"], "met"),  # Occitanie
        (["R73"], "met"),  # Midi-Pyrénées, before 2016: still contains its départements (and is warned about)
        (["R53"], "not-met"),  # Bretagne
        (["31555", "31069"], "met"),
        (["31555"], "not-met"),  # the association is in Blagnac (31069)
        (["R53", "243100518"], "met"),  # any declared area will do
    ],
)
def test_official_geography_places_a_commune_in_any_declared_area(codes: list[str], status: str) -> None:
    pole = fitting_pole()
    pole.territory = Territory(name="Territoire", codes=codes)
    result = _clause(pole, "territory")
    assert result.status.value == status, result.message("en")
    if status == "not-met":
        assert [c.label() for c in result.evidence][0] in ("Association du Quartier", "Atelier Coop")


def test_a_territory_code_the_geography_does_not_know_makes_the_clause_unknown_and_is_warned_about() -> None:
    pole = fitting_pole()
    pole.territory = Territory(name="Intercommunalité fictive", codes=["243100005"])
    report = validate(pole, as_of=AS_OF, lang="en")
    result = report[0].clause("territory")
    assert result.status is ClauseStatus.UNKNOWN
    assert "a code of the territory cannot place them" in result.message("en")
    [warning] = [w for w in report[0].warnings if w.to_dict("en")["check"] == "cog-code"]
    assert warning.message("en") == (
        "Territory Intercommunalité fictive (pole.csv, column territory_codes): no EPCI has the code 243100005 "
        "in INSEE's Code officiel géographique of 2026-01-01. Correct or remove the code: the territory cannot "
        "be checked with it."
    )


def test_names_of_the_areas_appear_in_the_evidence() -> None:
    pole = fitting_pole()
    pole.territory = Territory(name="Métropole", codes=["243100518", "R76"])
    result = _clause(pole, "territory")
    assert result.evidence_sentences("fr")[0] == (
        "Territoire déclaré : Occitanie (76) et Toulouse Métropole (243100518)."
    )


def test_a_former_region_is_a_located_warning_at_a_date_after_2016() -> None:
    pole = fitting_pole()
    pole.territory = Territory(name="Midi-Pyrénées", codes=["R73"])
    report = validate(pole, as_of=AS_OF, lang="fr")
    [warning] = [w for w in report[0].warnings if w.to_dict("fr")["check"] == "cog-code"]
    assert warning.message("fr").startswith("Territoire Midi-Pyrénées (pole.csv, colonne codes_territoire) : la "
                                            "région Midi-Pyrénées (73) n'existe plus depuis le 1er janvier 2016")
    assert [w for w in validate(pole, as_of="2015-06-01")[0].warnings
            if w.to_dict("fr")["check"] == "cog-code"] == []


def test_part_of_declared_in_the_data_places_a_commune_in_an_epci() -> None:
    pole = fitting_pole()
    pole.territory = Territory(name="Intercommunalité fictive", codes=["243100005"])
    graph = pole.to_graph()
    epci = URIRef("https://w3id.org/ptce/id/geo/epci/243100005")
    for code in ("31555", "31069"):
        graph.add((URIRef(f"https://w3id.org/ptce/id/geo/commune/{code}"), PTCE.partOf, epci))
    result = _clause(graph, "territory")
    assert result.status is ClauseStatus.MET
    assert result.notes == ()


def test_part_of_is_transitive() -> None:
    pole = fitting_pole()
    pole.territory = Territory(name="Région", codes=["R76"])
    graph = pole.to_graph()
    region = URIRef("https://w3id.org/ptce/id/geo/region/76")
    dept = URIRef("https://w3id.org/ptce/id/geo/departement/31")
    graph.add((dept, RDF.type, PTCE.Departement))
    graph.add((dept, PTCE.inseeCode, Literal("31")))
    graph.add((dept, PTCE.partOf, region))
    for code in ("31555", "31069"):
        graph.add((URIRef(f"https://w3id.org/ptce/id/geo/commune/{code}"), PTCE.partOf, dept))
    result = _clause(graph, "territory")
    assert (result.status, result.notes) == (ClauseStatus.MET, ())


def test_territory_without_codes_is_unknown() -> None:
    pole = fitting_pole()
    pole.territory = Territory(name="Sans code")
    result = _clause(pole, "territory")
    assert result.status is ClauseStatus.UNKNOWN
    assert "no INSEE code" in result.message("en")


def test_actor_of_unknown_relation_outside_makes_the_territory_unknown() -> None:
    pole = fitting_pole()
    set_relation(pole, "quartier", None)
    set_actor(pole, "quartier", commune="75056")
    result = _clause(pole, "territory")
    assert result.status is ClauseStatus.UNKNOWN
    assert "Association du Quartier" in result.message("fr")


def test_member_without_commune_is_not_checked_and_noted() -> None:
    pole = fitting_pole()
    set_actor(pole, "quartier", commune=None)
    result = _clause(pole, "territory")
    assert result.status is ClauseStatus.MET
    assert _notes(result) == [
        "No commune recorded for these members, whose location is therefore not checked: "
        "Association du Quartier (actors.csv, column commune)."
    ]


# -- strategy and the evaluation date -------------------------------------------


@pytest.mark.parametrize(
    ("end", "as_of", "status"),
    [
        ("2025", "2025-12-31", "met"),
        ("2025", "2026-01-01", "not-met"),
        ("2025-06", "2025-06-30", "met"),
        ("2025-06", "2025-07-01", "not-met"),
        ("2025-06-15", "2025-06-15", "met"),
        ("2025-06-15", "2025-06-16", "not-met"),
    ],
)
def test_a_strategy_has_ended_after_the_last_day_its_end_date_may_stand_for(
    end: str, as_of: str, status: str
) -> None:
    pole = fitting_pole()
    pole.strategy = Strategy(name="Charte", start="2015", end=end)
    assert _clause(pole, "strategy", as_of=as_of).status.value == status


def test_a_strategy_not_yet_begun_is_not_met() -> None:
    pole = fitting_pole()
    pole.strategy = Strategy(name="Charte", start="2027-03")
    result = _clause(pole, "strategy")
    assert result.status is ClauseStatus.NOT_MET
    assert "only begins after the evaluation date (2026-01-01): it starts on 2027-03" in result.message("en")
    assert _clause(pole, "strategy", as_of="2027-03-01").status is ClauseStatus.MET


def test_a_strategy_without_start_date_is_unknown() -> None:
    pole = fitting_pole()
    pole.strategy = Strategy(name="Charte")
    result = _clause(pole, "strategy")
    assert result.status is ClauseStatus.UNKNOWN
    assert "no start date" in result.message("en")


def test_one_current_strategy_is_enough() -> None:
    graph = fitting_pole().to_graph()
    old = URIRef(f"{POLE}/strategy/2012")
    graph.add((POLE, PTCE.strategy, old))
    graph.add((old, RDF.type, PTCE.Charter))
    graph.add((old, PTCE.startDate, Literal("2012", datatype=URIRef(_XSD + "gYear"))))
    graph.add((old, PTCE.endDate, Literal("2014", datatype=URIRef(_XSD + "gYear"))))
    assert _clause(graph, "strategy").status is ClauseStatus.MET


# -- decree 2015: funding --------------------------------------------------------


def test_state_funding_after_the_evaluation_year_is_not_earlier() -> None:
    pole = fitting_pole()
    pole.funding.append(Funding(funder="État", kind="public", program="state-ptce-ami-2021", year=2027))
    assert _clause(pole, "not-previously-funded", "decree-2015").status is ClauseStatus.MET
    assert _clause(pole, "not-previously-funded", "decree-2015", "2027-06-01").status is ClauseStatus.NOT_MET


def test_a_state_ptce_programme_declared_in_the_data_counts() -> None:
    graph = fitting_pole().to_graph()
    funding, programme = URIRef(f"{POLE}/funding/appel-2026"), URIRef("https://example.org/ami-ptce-2026")
    graph.add((programme, RDF.type, PTCE.StatePTCEProgramme))
    graph.add((programme, RDFS.label, Literal("AMI PTCE fictif", lang="fr")))
    graph.add((funding, RDF.type, PTCE.Funding))
    graph.add((funding, PTCE.pole, POLE))
    graph.add((funding, PTCE.programme, programme))
    result = _clause(graph, "not-previously-funded", "decree-2015")
    assert result.status is ClauseStatus.NOT_MET
    assert "AMI PTCE fictif" in result.message("fr")


def test_state_funding_message_names_the_call() -> None:
    pole = fitting_pole()
    pole.funding.append(Funding(funder="État", kind="public", program="state-ptce-call-2015", year=2016))
    result = _clause(pole, "not-previously-funded", "decree-2015")
    assert result.status is ClauseStatus.NOT_MET
    assert "PTCE call for projects 2015 (2016)" in result.message("en")


# -- relations, kinds, legal persons ---------------------------------------------


def test_an_ess_enterprise_whose_relation_is_not_recorded_makes_the_clause_unknown() -> None:
    pole = fitting_pole()
    for actor in ("quartier",):
        set_actor(pole, actor, legal_form="commercial-company", ess_mention=False)
    set_relation(pole, "atelier", None)
    result = _clause(pole, "ess-enterprises")
    assert result.status is ClauseStatus.UNKNOWN
    assert "Atelier Coop" in result.message("en") and "members or partners" in result.message("en")


def test_no_member_at_all_is_unknown_not_silently_not_met() -> None:
    pole = fitting_pole()
    for m in pole.memberships:
        set_relation(pole, m.actor, "partner")
    result = _clause(pole, "ess-enterprises")
    assert result.status is ClauseStatus.UNKNOWN
    assert result.message("en").startswith("No member is recorded")


def test_labo_2010_counts_ess_networks_and_self_declared_initiatives() -> None:
    pole = fitting_pole()
    for actor in ("atelier", "quartier"):
        set_actor(pole, actor, legal_form="commercial-company", ess_mention=False)
    assert _clause(pole, "ess-enterprises", "labo-2010").status is ClauseStatus.NOT_MET
    set_actor(pole, "quartier", declares_ess=True)
    assert _clause(pole, "ess-enterprises", "labo-2010").status is ClauseStatus.MET
    assert _clause(pole, "ess-enterprises", "law-2014").status is ClauseStatus.NOT_MET
    set_actor(pole, "quartier", declares_ess=None, kind="ess-network")
    assert _clause(pole, "ess-enterprises", "labo-2010").status is ClauseStatus.MET


def test_labo_2010_partners_a_public_body_without_detail_is_unknown() -> None:
    graph = fitting_pole().to_graph()
    for actor in ("commune", "universite", "dupont"):
        node = URIRef(f"{POLE}/actor/{actor}")
        for p, o in list(graph.predicate_objects(node)):
            if p == RDF.type and o != PTCE.Actor:
                graph.remove((node, p, o))
        graph.add((node, RDF.type, PTCE.PublicBody if actor != "dupont" else PTCE.ESSNetwork))
    assert _clause(graph, "partners", "labo-2010").status is ClauseStatus.UNKNOWN


def test_decree_2015_a_natural_person_member_is_not_another_legal_person() -> None:
    pole = fitting_pole()
    drop_actor(pole, "commune")
    pole.add_actor(Actor(id="habitante", name="Habitante fictive", kind="person", commune="31555"), "member")
    assert _clause(pole, "partners", "decree-2015").status is ClauseStatus.NOT_MET
    assert (
        _clause(pole, "partners", "law-2014").status is ClauseStatus.MET
    )  # « toute autre personne physique »


def test_decree_2015_legal_form_of_the_pole_not_recognised_is_unknown() -> None:
    graph = fitting_pole().to_graph()
    graph.remove((POLE, PTCE.legalForm, None))
    graph.add((POLE, PTCE.legalForm, URIRef("https://example.org/forme-inconnue")))
    result = _clause(graph, "legal-person", "decree-2015")
    assert result.status is ClauseStatus.UNKNOWN
    assert "is not recognised" in result.message("en")


def test_unlisted_insee_code_is_classified_by_its_first_digit() -> None:
    pole = fitting_pole()
    set_actor(pole, "dupont", legal_form="5785", ess_mention=False)  # a 5xxx code: a commercial company
    assert _clause(pole, "other-enterprises").status is ClauseStatus.MET
    set_actor(pole, "dupont", ess_mention=True)
    assert _clause(pole, "other-enterprises").status is ClauseStatus.NOT_MET


# -- links ------------------------------------------------------------------------


def test_a_link_whose_logic_is_not_recorded_counts_as_unknown() -> None:
    pole = fitting_pole()
    pole.links = []
    graph = pole.to_graph()
    link = URIRef(f"{POLE}/link/sans-logique")
    graph.add((link, RDF.type, PTCE.CooperationLink))
    graph.add((link, PTCE.pole, POLE))
    graph.add((link, PTCE.sourceActor, URIRef(f"{POLE}/actor/atelier")))
    graph.add((link, PTCE.targetActor, URIRef(f"{POLE}/actor/dupont")))
    pole_verdict = _one(graph)
    assert pole_verdict.clause("cooperation").status is ClauseStatus.UNKNOWN
    assert [w.shape.rsplit("/", 1)[1] for w in pole_verdict.warnings] == ["link-logic"]


def test_a_link_to_an_actor_without_membership_is_unknown_and_warned() -> None:
    pole = fitting_pole()
    pole.links = [Link(source="atelier", target="dupont", logic="interaction")]
    graph = pole.to_graph()
    graph.remove((URIRef(f"{POLE}/membership/dupont"), None, None))
    verdict = _one(graph)
    assert verdict.clause("cooperation").status is ClauseStatus.UNKNOWN
    assert any(
        "joins SARL Dupont, which is recorded neither as a member nor as a partner" in w.message("en")
        for w in verdict.warnings
    )


# -- several poles ----------------------------------------------------------------


def test_pole_model_dates_are_partial() -> None:
    pole = Pole(id="minimal", name="Pôle minimal")
    report = validate(pole, as_of=AS_OF)
    assert report[0].statuses == {
        c: ClauseStatus.UNKNOWN
        for c in (
            "territory",
            "ess-enterprises",
            "other-enterprises",
            "partners",
            "strategy",
            "cooperation",
            "innovation",
            "sustainable-development",
        )
    }


# -- validity of the texts ---------------------------------------------------------


def test_a_definition_is_not_judged_before_its_text_existed(capsys) -> None:
    from ptce_graph.cli import main
    from ptce_graph.legal import compare_definitions
    from ptce_graph.legal.spec.definitions import DefinitionNotYetError

    with pytest.raises(DefinitionNotYetError) as caught:
        validate(fitting_pole(), definition="decree-2015", as_of="2015-04-17")
    assert "decree-2015" in caught.value.message("fr") and "2015-04-18" in caught.value.message("fr")
    assert validate(fitting_pole(), definition="decree-2015", as_of="2015-04-18")[0].clause("legal-person")
    comparison = compare_definitions(fitting_pole(), as_of="2014-01-01")
    assert comparison.definitions == ("labo-2010", "senate-2013")
    assert [d.id for d in comparison.left_out] == ["law-2014", "decree-2015"]
    assert "law-2014 (from 2014-08-02)" in comparison.render_text("en")
    assert comparison.to_dict()["left_out"][0]["valid_from"] == "2014-08-02"
    bundle = "examples/fictional-pole/bundle"
    assert main(["validate", bundle, "--as-of", "2014-06-01"]) == 2
    err = capsys.readouterr().err
    assert "law-2014" in err and "n'existait pas au 2014-06-01" in err and "Traceback" not in err


def test_each_clause_cites_what_it_reads() -> None:
    from ptce_graph.legal import definitions

    law = definitions()["law-2014"]
    assert law.clause("territory").elis == (
        "https://www.legifrance.gouv.fr/eli/loi/2014/7/31/ERNX1315311L/jo/article_9",)
    assert "LEGIARTI000029314926" in law.clause("ess-enterprises").legifrance_ids
    decree = definitions()["decree-2015"]
    assert all(c.elis and c.legifrance_ids for c in decree.clauses)
    assert all(c.sources for d in definitions().values() for c in d.clauses)
    assert str(law.valid_from) == "2014-08-02" and law.valid_until is None
    assert str(definitions()["senate-2013"].valid_until) == "2014-08-01"
    assert not definitions()["senate-2013"].current_on(AS_OF) and definitions()["senate-2013"].existed_on(AS_OF)
