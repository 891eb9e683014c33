"""ESS status (article 1), SIREN/SIRET checks and INSEE code shapes."""

from __future__ import annotations

import pytest

from ptce_graph.ess import (
    ESSStatus,
    commune_code_valid,
    departement_code_valid,
    ess_status,
    legal_form_info,
    luhn_ok,
    region_code_valid,
    siren_valid,
    siret_valid,
    territory_code_kind,
)


@pytest.mark.parametrize("form", ["association", "cooperative", "scop", "scic", "mutual", "foundation"])
def test_statutory_forms_are_ess(form: str) -> None:
    result = ess_status(form)
    assert result.status is ESSStatus.YES
    assert "1er II 1°" in result.reason_fr and "1 II 1°" in result.reason_en


@pytest.mark.parametrize(
    ("mention", "expected"),
    [(True, ESSStatus.YES), (False, ESSStatus.NO), (None, ESSStatus.UNKNOWN)],
)
def test_commercial_company_depends_on_the_mention(mention: bool | None, expected: ESSStatus) -> None:
    assert ess_status("commercial-company", mention).status is expected
    # The same rule through an INSEE code of a commercial company (SAS).
    assert ess_status("5710", mention).status is expected


def test_unknown_mention_says_what_to_fill_in() -> None:
    result = ess_status("commercial-company", None)
    assert "ess_mention" in result.reason_fr and "ess_mention" in result.reason_en


@pytest.mark.parametrize("form", ["sole-proprietorship", "public-body", "7210", "7348", "1000"])
def test_non_ess_forms(form: str) -> None:
    assert ess_status(form).status is ESSStatus.NO


def test_no_legal_form_is_unknown() -> None:
    assert ess_status(None).status is ESSStatus.UNKNOWN
    assert ess_status("  ").status is ESSStatus.UNKNOWN


def test_unrecognised_form_is_unknown_not_an_error() -> None:
    result = ess_status("SARL-ish")
    assert result.status is ESSStatus.UNKNOWN
    assert "SARL-ish" in result.reason_en


def test_insee_codes_from_the_table() -> None:
    assert ess_status("9220").status is ESSStatus.YES  # association déclarée
    assert ess_status("5458").status is ESSStatus.YES  # SARL SCOP
    assert ess_status("9300").status is ESSStatus.YES  # fondation
    assert ess_status("8210").status is ESSStatus.YES  # mutuelle


def test_undeclared_association_has_no_legal_personality() -> None:
    info = legal_form_info("9210")
    if info is None or not info.listed:
        pytest.skip("legal-forms.ttl not present")
    assert ess_status("9210").status is ESSStatus.NO
    assert info.is_legal_person is False


def test_unlisted_codes_fall_back_on_the_first_digit() -> None:
    info = legal_form_info("5786")  # a 5xxx code absent from the nomenclature: a commercial company
    assert info is not None and info.family == "commercial-company" and not info.listed
    assert ess_status("5786", True).status is ESSStatus.YES
    assert legal_form_info("0123") is None
    assert legal_form_info("123") is None


def test_luhn() -> None:
    assert luhn_ok("79927398713")
    assert not luhn_ok("79927398710")
    assert not luhn_ok("12a4")


def test_siren_and_siret() -> None:
    assert siren_valid("732829320")
    assert not siren_valid("732829321")
    assert siret_valid("73282932000074")
    assert not siret_valid("73282932000075")
    assert not siret_valid("7328293200007")


def test_la_poste_exception() -> None:
    # 356 000 000 09075 fails Luhn but its digit sum (3+5+6+9+7+5 = 35) is a multiple of 5.
    assert not luhn_ok("35600000009075")
    assert siret_valid("35600000009075")
    assert siret_valid("35600000000048")  # also passes plain Luhn
    assert not siret_valid("35600000009076")
    assert siren_valid("356000000")


@pytest.mark.parametrize("code", ["31555", "01001", "2A004", "2B033", "97101", "97611", "98735"])
def test_commune_codes(code: str) -> None:
    assert commune_code_valid(code)


@pytest.mark.parametrize("code", ["3155", "315555", "20001", "00001", "96001", "2C004", "ABCDE"])
def test_bad_commune_codes(code: str) -> None:
    assert not commune_code_valid(code)


def test_departement_and_region_codes() -> None:
    assert departement_code_valid("31") and departement_code_valid("2A") and departement_code_valid("974")
    assert not departement_code_valid("20") and not departement_code_valid("977") and not departement_code_valid("00")
    assert region_code_valid("R76") and region_code_valid("76")
    assert not region_code_valid("R7")


def test_territory_code_kind() -> None:
    assert territory_code_kind("31555") == ("commune", "31555")
    assert territory_code_kind("31") == ("departement", "31")
    assert territory_code_kind("974") == ("departement", "974")
    assert territory_code_kind("R76") == ("region", "76")
    assert territory_code_kind("r76") == ("region", "76")
    assert territory_code_kind("243100518") == ("epci", "243100518")
    assert territory_code_kind("3155") is None
    assert territory_code_kind("R7") is None


def test_a_natural_person_is_not_an_ess_enterprise() -> None:
    result = ess_status(None, kind="person")
    assert result.status is ESSStatus.NO and "natural person" in result.reason_en
    # A person who runs a sole proprietorship: the form says the same.
    assert ess_status("sole-proprietorship", kind="person").status is ESSStatus.NO
    # Other kinds without a form stay unknown.
    assert ess_status(None, kind="enterprise").status is ESSStatus.UNKNOWN
