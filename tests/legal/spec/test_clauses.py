"""Every clause of every definition: a pole that makes exactly that clause not-met, one that makes it unknown.

All the fixture poles go into one graph and are validated in one pass under the
four definitions (which also checks that poles of one graph do not leak into
each other); each test then asserts the status of the clause it breaks, and
that every other clause of the definition stays met.
"""

from __future__ import annotations

import pytest

from ptce_graph.legal import DefinitionComparison, definitions
from ptce_graph.legal.report.verdicts import ClauseStatus, Verdict
from tests.legal.cases import Case, case_params


@pytest.fixture(scope="module")
def comparison(cases_comparison) -> DefinitionComparison:
    return cases_comparison[1]


def _pole(comparison: DefinitionComparison, definition: str, slug: str):
    return comparison[definition][f"https://w3id.org/ptce/id/pole/{slug}"]


def test_every_clause_of_every_definition_has_a_not_met_and_an_unknown_case() -> None:
    covered = {(d, c.clause, c.status) for d, c in case_params()}
    for definition in definitions().values():
        for clause in definition.clauses:
            for status in ("not-met", "unknown"):
                assert (definition.id, clause.id, status) in covered, (definition.id, clause.id, status)


@pytest.mark.parametrize("definition", ["labo-2010", "senate-2013", "law-2014", "decree-2015"])
def test_the_complete_pole_fits(comparison: DefinitionComparison, definition: str) -> None:
    pole = _pole(comparison, definition, "fits")
    assert pole.verdict is Verdict.FITS
    assert {c.id: c.status.value for c in pole} == {c.id: "met" for c in definitions()[definition].clauses}
    assert pole.warnings == ()


@pytest.mark.parametrize(
    ("definition", "case"),
    case_params(),
    ids=[f"{d}-{c.clause}-{c.status}-{c.slug}" for d, c in case_params()],
)
def test_one_clause_breaks(comparison: DefinitionComparison, definition: str, case: Case) -> None:
    pole = _pole(comparison, definition, case.slug)
    statuses = {c.id: c.status.value for c in pole}
    expected = {c.id: "met" for c in definitions()[definition].clauses}
    expected[case.clause] = case.status
    assert statuses == expected, case.why
    assert pole.verdict is (Verdict.DOES_NOT_FIT if case.status == "not-met" else Verdict.UNDETERMINED)
    broken = pole.clause(case.clause)
    assert broken.deciding, "a clause that is not met or unknown says why"
    for lang in ("fr", "en"):
        assert broken.message(lang)
        assert "{?value}" not in broken.message(lang) and "{$this}" not in broken.message(lang)


def test_messages_name_the_actors_concerned(comparison: DefinitionComparison) -> None:
    territory = _pole(comparison, "law-2014", "territory-not-met").clause("territory")
    assert territory.status is ClauseStatus.NOT_MET
    assert "Association du Quartier" in territory.message("fr")
    assert "Association du Quartier" in territory.message("en")
    assert territory.focus == ["https://w3id.org/ptce/id/pole/territory-not-met/actor/quartier"]
    assert territory.message("fr").startswith("Ces membres sont situés hors du territoire déclaré du pôle")
    assert territory.message("en").startswith(
        "These members are located outside the pole's declared territory"
    )

    ess = _pole(comparison, "law-2014", "ess-unknown").clause("ess-enterprises")
    assert [c.label() for f in ess.deciding for c in f.concerned] == [
        "Association du Quartier",
        "Atelier Coop",
    ]
    assert "Association du Quartier et Atelier Coop" in ess.message("fr")
    assert "Association du Quartier and Atelier Coop" in ess.message("en")

    innovation = _pole(comparison, "senate-2013", "senate-innovation-not-met").clause("innovation")
    assert "Recyclerie solidaire" in innovation.message("fr")
    assert "technologique" in innovation.message("fr")


def test_decree_says_which_partners_would_count_as_members(comparison: DefinitionComparison) -> None:
    partners = _pole(comparison, "decree-2015", "decree-partners-not-met").clause("partners")
    texts = [f.message("en") for f in partners.deciding]
    assert any(
        "only partners of the pole; they would count if they were members: Commune fictive" in t
        for t in texts
    )


def test_strategy_message_gives_the_dates(comparison: DefinitionComparison) -> None:
    strategy = _pole(comparison, "law-2014", "strategy-not-met").clause("strategy")
    assert "(2020) avant la date d'évaluation (2026-01-01)" in strategy.message("fr")
    assert strategy.focus == ["https://w3id.org/ptce/id/pole/strategy-not-met"]


def test_words_of_the_source_are_cited(comparison: DefinitionComparison) -> None:
    pole = _pole(comparison, "law-2014", "fits")
    assert pole.clause("territory").words == "« sur un même territoire »"
    assert pole.clause("cooperation").words == "« de mutualisation, de coopération ou de partenariat »"
    senate = _pole(comparison, "senate-2013", "fits")
    assert senate.clause("cooperation").words == "« de mutualisation et de coopération »"


