"""The shared words: counted nouns agree, lists read naturally, coded values take the ontology's words."""

from __future__ import annotations

import pytest

from ptce_graph.model import Innovation, Logic, Relation
from ptce_graph.vocabulary import NOUNS, colon, counted, listing, plural, value_word


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


def test_coded_values_take_the_ontology_words() -> None:
    assert value_word(Logic.PARTNERSHIP.iri, "fr") == "partenariat"
    assert value_word(Logic.PARTNERSHIP.iri, "en") == "partnership"
    assert value_word(Innovation.SOCIAL.iri, "fr") == "sociale"
    assert value_word(Innovation.SOCIAL.iri, "fr", short=False) == "innovation sociale"
    assert value_word(Relation.PARTNER.iri, "fr") == "partenaire"
    for enum in (Logic, Innovation, Relation):
        for code in enum:
            assert value_word(code.iri, "fr") and value_word(code.iri, "en"), code
