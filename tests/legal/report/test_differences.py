"""Why a pole's verdict differs between definitions, in the words of the sources."""

from __future__ import annotations

from ptce_graph.legal import compare_definitions
from ptce_graph.legal.report.verdicts import ClauseStatus, Verdict
from ptce_graph.model import Actor, Link, Pole, Project, Strategy, Territory
from tests.legal.cases import set_project
from tests.legal.poles import AS_OF, fitting_pole


def citizen_grouping() -> Pole:
    """A fictional grouping of citizen initiatives: associations, an ESS network, a commune; no enterprise."""
    pole = Pole(
        id="initiatives-citoyennes",
        name="Collectif fictif d'initiatives citoyennes",
        fictional=True,
        territory=Territory(name="Vallée fictive", codes=["31555", "31069"]),
        strategy=Strategy(name="Charte des initiatives", kind="charter", start="2011"),
    )
    pole.add_actor(
        Actor(
            id="jardins",
            name="Jardins partagés",
            kind="other",
            legal_form="association",
            declares_ess=True,
            commune="31555",
        ),
        "member",
    )
    pole.add_actor(
        Actor(id="repair", name="Repair café", kind="other", declares_ess=True, commune="31069"), "member"
    )
    pole.add_actor(
        Actor(
            id="reseau",
            name="Réseau fictif des initiatives",
            kind="ess-network",
            legal_form="association",
            commune="31555",
        ),
        "member",
    )
    pole.add_actor(
        Actor(id="mairie", name="Mairie fictive", kind="local-authority", legal_form="7210", commune="31555"),
        "partner",
    )
    pole.links = [
        Link(source="jardins", target="repair", logic="mutualisation", kind="shared-premises"),
        Link(source="repair", target="reseau", logic="animation", kind="event"),
        Link(source="mairie", target="jardins", logic="partnership", kind="agreement"),
    ]
    pole.projects = [
        Project(
            id="quartier-durable",
            name="Quartier durable",
            innovation="social",
            sustainable_local_development=True,
            participants=["jardins", "repair"],
        )
    ]
    return pole


def only_mutualisation() -> Pole:
    pole = fitting_pole("seulement-mutualisation")
    pole.links = [
        Link(source="atelier", target="dupont", logic="mutualisation", kind="employer-group"),
        Link(source="quartier", target="commune", logic="partnership", kind="agreement"),
    ]
    return pole


def technological_project() -> Pole:
    pole = fitting_pole("projet-technologique")
    set_project(pole, innovation="technological")
    return pole


def test_citizen_initiatives_fit_labo_2010_and_not_law_2014() -> None:
    comparison = compare_definitions(citizen_grouping(), as_of=AS_OF)
    pole = comparison.poles[0]
    assert comparison.verdicts(pole)["labo-2010"] is Verdict.FITS
    assert comparison.verdicts(pole)["law-2014"] is Verdict.DOES_NOT_FIT
    law = comparison["law-2014"][pole]
    assert {c.id for c in law if c.status is not ClauseStatus.MET} == {"other-enterprises"}
    assert law.clause("other-enterprises").status is ClauseStatus.NOT_MET
    [diff] = [d for d in comparison.verdict_differences(pole) if d.worse.definition.id == "law-2014"]
    assert [b.definition.id for b in diff.better] == ["labo-2010"]
    assert diff.clauses == ("other-enterprises",)
    text = diff.explanation("en")
    assert text.startswith(
        "fits Labo de l'ESS 2010 but not Law 2014: Law 2014 requires « qui s'associent à des "
        "entreprises »: the pole's ESS enterprises join non-ESS enterprises; Labo de l'ESS 2010 "
        "has no "
        "such clause; here: No actor of the pole (member or partner) is a non-ESS "
        "enterprise"
    )
    assert diff.explanation("fr").startswith(  # definitions named as people name them, not by their ids
        "répond à Labo de l'ESS 2010 mais pas à Loi 2014 : Loi 2014 exige « qui s'associent à des entreprises » :"
    )
    assert "-20" not in diff.headline("fr") + " ".join(diff.reasons("fr"))


def test_only_mutualisation_fits_law_2014_and_not_senate_2013() -> None:
    comparison = compare_definitions(only_mutualisation(), as_of=AS_OF)
    pole = comparison.poles[0]
    verdicts = comparison.verdicts(pole)
    assert verdicts["law-2014"] is Verdict.FITS
    assert verdicts["senate-2013"] is Verdict.DOES_NOT_FIT
    assert verdicts["labo-2010"] is Verdict.DOES_NOT_FIT  # « de coopération et de mutualisation »
    senate = comparison["senate-2013"][pole]
    assert senate.clause("cooperation").status is ClauseStatus.NOT_MET
    [diff] = [d for d in comparison.verdict_differences(pole) if d.worse.definition.id == "senate-2013"]
    assert [b.definition.id for b in diff.better] == ["law-2014", "decree-2015"]
    text = diff.explanation("en")
    assert text.startswith(
        "fits Law 2014 and Decree 2015 but not Senate 2013: under Senate 2013, « de "
        "mutualisation et de coopération »: the pole's strategy combines mutualisation "
        "and "
        "cooperation, without partnership, where Law 2014 says « de mutualisation, de "
        "coopération ou de partenariat » and Decree 2015 says"
    )
    assert "here: The pole has only mutualisation" in text
    assert "Le pôle n'a que de la mutualisation" in diff.explanation("fr")


def test_technological_project_fits_law_2014_and_not_senate_2013() -> None:
    comparison = compare_definitions(technological_project(), as_of=AS_OF)
    pole = comparison.poles[0]
    assert comparison.verdicts(pole) == {
        "labo-2010": Verdict.FITS,
        "senate-2013": Verdict.DOES_NOT_FIT,
        "law-2014": Verdict.FITS,
        "decree-2015": Verdict.FITS,
    }
    senate = comparison["senate-2013"][pole]
    assert {c.id: c.status.value for c in senate if c.status is not ClauseStatus.MET} == {
        "innovation": "not-met"
    }
    diffs = comparison.verdict_differences(pole)
    assert [([b.definition.id for b in d.better], d.worse.definition.id, d.clauses) for d in diffs] == [
        (["labo-2010", "law-2014", "decree-2015"], "senate-2013", ("innovation",)),
    ]
    assert (
        diffs[0].explanation("en").startswith(
            "fits Labo de l'ESS 2010, Law 2014 and Decree 2015 but not Senate 2013")
    )
    assert "only technological innovation" in diffs[0].explanation("en")
