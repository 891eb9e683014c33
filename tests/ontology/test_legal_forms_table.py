"""The table of INSEE catégories juridiques and the Turtle generated from it.

``ontology/legal-forms.ttl`` is generated from ``ontology/data/``; these tests
regenerate it and compare, check the table's shape, and pin the readings of
article 1 II that a jurist would look at first (the doubtful forms).
"""

from __future__ import annotations

import pytest

from ptce_graph import _legal_forms_gen as gen
from ptce_graph.ess import ESSStatus, ess_status, legal_form_info
from ptce_graph.resources import ontology_dir


def _categories() -> list[gen.Category]:
    return gen.read_categories(ontology_dir().joinpath(gen.CATEGORIES_CSV).read_text(encoding="utf-8"))


def test_legal_forms_ttl_is_generated_from_the_data_files() -> None:
    on_disk = ontology_dir().joinpath("legal-forms.ttl").read_text(encoding="utf-8")
    assert gen.generate() == on_disk, "run: python -m ptce_graph._legal_forms_gen"


def test_the_whole_level_iii_nomenclature_is_there() -> None:
    categories = _categories()
    current = [c for c in categories if c.status == "current"]
    assert len(current) == 260  # the version of 1 September 2022
    assert {c.code for c in categories if c.status == "withdrawn"} == {"5498", "5720", "6588"}
    # Labels as INSEE writes them, not generic ones (5543-5659, 6543-6560 used to be).
    labels = {c.code: c.label_fr for c in categories}
    assert labels["5552"] == "SA coopérative de commerçants-détaillants à conseil d'administration"
    assert labels["6558"] == "Société civile coopérative entre médecins"
    assert labels["9224"] == "Association d'avocats à responsabilité professionnelle individuelle"
    for c in categories:
        assert c.label_fr == " ".join(c.label_fr.split()), c.code


def test_every_listed_code_is_a_legal_form_of_the_table() -> None:
    for c in _categories():
        info = legal_form_info(c.code)
        assert info is not None and info.listed, c.code
        assert info.family == c.article_1, c.code
        assert info.is_legal_person is (c.personality != "none"), c.code


@pytest.mark.parametrize(
    ("code", "status", "legal_person"),
    [
        ("9224", ESSStatus.NO, False),  # AARPI: no legal personality, not a 1901 association
        ("9240", ESSStatus.UNKNOWN, True),  # congrégation: the law leaves it open
        ("6220", ESSStatus.UNKNOWN, True),  # GIE: its status follows its members
        ("9210", ESSStatus.NO, False),  # association non déclarée
        ("9150", ESSStatus.NO, True),  # ASL: ordonnance 2004-632, not the 1901 law
        ("8510", ESSStatus.NO, True),  # institution de prévoyance
        ("8410", ESSStatus.NO, True),  # syndicat de salariés
        ("6540", ESSStatus.NO, True),  # société civile immobilière
        ("6560", ESSStatus.YES, True),  # a civil cooperative is a cooperative
        ("6100", ESSStatus.YES, True),  # caisses d'épargne: cooperatives since 1999
        ("5546", ESSStatus.UNKNOWN, True),  # SA d'HLM: a commercial company, mention unknown
        ("1000", ESSStatus.NO, False),  # entrepreneur individuel
        ("2400", ESSStatus.NO, False),  # fiducie
        ("7312", ESSStatus.NO, False),  # commune déléguée
    ],
)
def test_doubtful_forms_are_read_from_article_1(code: str, status: ESSStatus, legal_person: bool) -> None:
    info = legal_form_info(code)
    assert info is not None
    assert ess_status(code).status is status
    assert info.is_legal_person is legal_person


def test_doubtful_readings_give_their_legal_basis_in_the_reason() -> None:
    reason = ess_status("9224")
    assert "71-1130" in reason.reason_fr and "71-1130" in reason.reason_en
    assert "personnalité morale" in reason.reason_fr
    gie = ess_status("6220")
    assert "2015-431" in gie.reason_fr and "members" in gie.reason_en
    for c in _categories():
        if c.article_1 == "undetermined":
            assert c.basis_fr and c.basis_en, c.code


def test_groupings_of_enterprises_are_marked() -> None:
    groupings = {c.code for c in _categories() if c.grouping}
    assert {"6220", "6210", "9223", "5459", "6318"} <= groupings
    info = legal_form_info("9223")
    assert info is not None and info.grouping and info.family == "statutory-ess"


def test_a_broken_table_is_reported_whole_with_its_lines() -> None:
    header = "code,label_fr,label_en,status,article_1,personality,named_form,grouping,basis_fr,basis_en\n"
    bad = header + "12,x,y,current,maybe,private-law,,,,\n9999,x,y,current,undetermined,private-law,,,,\n"
    with pytest.raises(ValueError) as err:
        gen.read_categories(bad)
    message = str(err.value)
    assert "line 2: code '12'" in message and "line 2: article_1" in message
    assert "line 3: an undetermined form needs the reason" in message
