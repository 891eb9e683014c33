"""The shared grammar: counted nouns agree, lists read naturally, labels take lower case inside a sentence."""

from __future__ import annotations

import pytest

from ptce_graph.ess import legal_form_info
from ptce_graph.io.vocabularies import vocabulary
from ptce_graph.wording import NOUNS, PROPER_NOUNS, colon, counted, in_sentence, listing, plural


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
    assert in_sentence("Ecole nationale non dotée de la personnalité morale") == (
        "école nationale non dotée de la personnalité morale")  # the accent INSEE's capital dropped
    assert in_sentence("Etablissement public administratif") == "établissement public administratif"
    for kept in ("SAS, société par actions simplifiée", "SA à conseil d'administration", "GIE",
                 "État, collectivité ou établissement public étranger", "Safer anonyme à directoire",
                 "Banque de France", "Caisse d'Épargne et de Prévoyance", "association", "", "(SE)"):
        assert in_sentence(kept) == kept


def test_every_legal_form_label_reads_in_a_sentence() -> None:
    """The rule holds on every label of the legal forms (INSEE's categories and the named forms)."""
    lowered = 0
    for code in vocabulary("legal_form").codes:
        info = legal_form_info(code)
        assert info is not None
        for label in (info.label_fr, info.label_en):
            shown = in_sentence(label)
            start = 1 if label.startswith("(") else 0
            # only one letter changes (its case, or an accent restored), the first of the label
            assert shown[:start] + shown[start + 1:] == label[:start] + label[start + 1:] or "(" in label, label
            lowered += shown != label
            if shown[start:start + 1].isupper():  # kept: an acronym, a proper noun, or a name as a whole
                first = label.split()[0].strip("(),")
                assert first.isupper() or first in PROPER_NOUNS or " " in label, label
    assert lowered > 100
