"""The typed values of a report: three-valued clause statuses, the verdict they make, their words."""

from __future__ import annotations

import pytest

from ptce_graph.legal.report.verdicts import LANGUAGES, ClauseStatus, Verdict, check_lang
from ptce_graph.namespaces import PTCE

MET, NOT_MET, UNKNOWN = ClauseStatus.MET, ClauseStatus.NOT_MET, ClauseStatus.UNKNOWN


def test_a_verdict_is_the_worst_clause_status() -> None:
    assert Verdict.of([MET, MET]) is Verdict.FITS
    assert Verdict.of([MET, UNKNOWN]) is Verdict.UNDETERMINED
    assert Verdict.of([UNKNOWN, NOT_MET, MET]) is Verdict.DOES_NOT_FIT
    assert Verdict.of([]) is Verdict.FITS
    assert [v.rank for v in (Verdict.DOES_NOT_FIT, Verdict.UNDETERMINED, Verdict.FITS)] == [0, 1, 2]


def test_statuses_and_verdicts_have_their_ontology_individuals_symbols_and_words() -> None:
    assert [s.iri for s in ClauseStatus] == [PTCE.Met, PTCE.NotMet, PTCE.Unknown]
    assert [s.symbol for s in ClauseStatus] == ["✓", "✗", "?"]
    assert NOT_MET.label("fr") == "non remplie" and NOT_MET.label("en") == "not met"
    assert Verdict.FITS.iri == PTCE.Fits and Verdict.DOES_NOT_FIT.label("en") == "does not fit the definition"
    assert str(Verdict.UNDETERMINED) == "undetermined" and str(UNKNOWN) == "unknown"


def test_only_french_and_english() -> None:
    assert LANGUAGES == ("fr", "en")
    assert check_lang("en") == "en"
    with pytest.raises(ValueError, match="unknown language 'de'"):
        check_lang("de")
