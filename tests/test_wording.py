"""The shared grammar: counted nouns agree, lists read naturally, labels take lower case inside a sentence."""

from __future__ import annotations

import pytest

from ptce_graph.wording import NOUNS, colon, counted, in_sentence, listing, plural


def test_counted_nouns_agree_with_their_number() -> None:
    assert [counted(n, "pole", "fr") for n in (0, 1, 2, 12)] == ["0 pôle", "1 pôle", "2 pôles", "12 pôles"]
    assert [counted(n, "pole", "en") for n in (0, 1, 2)] == ["0 poles", "1 pole", "2 poles"]
    assert counted(1, "evidence", "fr") == "1 preuve" and counted(3, "evidence", "en") == "3 pieces of evidence"
    assert not plural(1, "fr") and plural(2, "fr") and plural(0, "en")


def test_every_noun_has_four_forms_and_no_parenthesised_plural() -> None:
    for forms in NOUNS.values():
        assert len(forms) == 4 and all(forms) and not any("(s)" in f for f in forms)


def test_lists_and_colons() -> None:
    assert listing(["labo-2010", "senate-2013", "law-2014"], "fr") == "labo-2010, senate-2013 et law-2014"
    assert listing(["A", "B"], "en") == "A and B" and listing(["A"], "fr") == "A" and listing([], "en") == ""
    assert colon("fr") == " : " and colon("en") == ": "
    with pytest.raises(ValueError):
        colon("de")


def test_a_label_inside_a_sentence_starts_in_lower_case_but_acronyms_and_proper_nouns() -> None:
    assert in_sentence("Société coopérative agricole") == "société coopérative agricole"
    assert in_sentence("Établissement public local") == "établissement public local"
    assert in_sentence("(Autre) Collectivité territoriale") == "(autre) collectivité territoriale"
    assert in_sentence("Joint ownership between natural persons") == "joint ownership between natural persons"
    for kept in ("SAS, société par actions simplifiée", "SA à conseil d'administration", "GIE",
                 "État, collectivité ou établissement public étranger", "Safer anonyme à directoire",
                 "Banque de France", "association", "", "(SE)"):
        assert in_sentence(kept) == kept
