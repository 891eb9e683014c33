"""Official geography (COG): names, membership, former régions, validity of a code at a date."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from ptce_graph import _geography_gen as gen
from ptce_graph.ess import territory_code_kind
from ptce_graph.geography import KINDS, Validity, geography


def test_the_packaged_file_says_where_it_comes_from() -> None:
    g = geography()
    assert g.source["package"] == "@etalab/decoupage-administratif"
    assert g.source["version"] == "6.0.0" and g.cog_year == 2026
    assert set(g.source["sha256"]) == set(gen.SOURCE_FILES)


def test_names_of_every_kind() -> None:
    g = geography()
    assert g.name("commune", "31555") == "Toulouse"
    assert g.name("departement", "31") == "Haute-Garonne"
    assert g.name("departement", "2A") == "Corse-du-Sud"
    assert g.name("region", "76") == "Occitanie"
    assert g.name("region", "R76") == "Occitanie"
    assert g.name("region", "73") == "Midi-Pyrénées"  # a former région
    assert g.name("epci", "243100518") == "Toulouse Métropole"
    assert g.name("departement", "974") == "La Réunion"
    assert g.name("commune", "99999") is None
    with pytest.raises(ValueError):
        g.name("canton", "3101")


def test_a_commune_and_the_areas_it_lies_in() -> None:
    g = geography()
    toulouse = g.commune("31555")
    assert toulouse is not None and (toulouse.departement, toulouse.region) == ("31", "76")
    assert g.epci_of("31555") is not None and g.epci_of("31555").code == "243100518"  # type: ignore[union-attr]
    assert g.region_of("31555").name == "Occitanie"  # type: ignore[union-attr]
    assert g.former_region_of("31555").name == "Midi-Pyrénées"  # type: ignore[union-attr]
    assert g.former_region_of("35238").code == "53"  # type: ignore[union-attr]  # Rennes: Bretagne, unchanged


@pytest.mark.parametrize(
    ("kind", "area", "commune", "expected"),
    [
        ("departement", "31", "31555", True),
        ("departement", "34", "31555", False),
        ("region", "76", "31555", True),
        ("region", "R76", "34172", True),  # Montpellier
        ("region", "73", "31555", True),  # former Midi-Pyrénées
        ("region", "91", "31555", False),  # former Languedoc-Roussillon
        ("region", "91", "34172", True),
        ("region", "84", "31555", False),
        ("epci", "243100518", "31555", True),
        ("epci", "243100518", "34172", False),
        ("commune", "31555", "31555", True),
        ("commune", "75056", "75101", True),  # a municipal arrondissement lies in its city
        ("commune", "34172", "31555", False),
        ("departement", "13", "13201", True),
        ("departement", "99", "31555", None),  # unknown area: the code check reports it
        ("departement", "31", "99999", None),  # unknown commune
    ],
)
def test_membership(kind: str, area: str, commune: str, expected: bool | None) -> None:
    assert geography().contains(kind, area, commune) is expected


def test_a_delegated_commune_lies_where_its_commune_nouvelle_lies() -> None:
    g = geography()
    check = g.check("commune", "01039", date(2026, 6, 1))  # Béon, delegated commune of Culoz-Béon
    assert check.validity is Validity.NOT_A_COMMUNE and check.now is not None
    parent = check.now.code
    assert g.contains("departement", "01", "01039") is True
    assert g.contains("commune", parent, "01039") is True
    assert g.contains("commune", "01039", parent) is None  # the territory names a part: cannot tell
    annecy = g.check("commune", "74011", date(2026, 6, 1)).message("fr")  # Annecy-le-Vieux
    assert annecy.endswith("c'est une commune déléguée d'Annecy (74010)")  # French elides « de »


@pytest.mark.parametrize(
    ("kind", "code", "on", "validity"),
    [
        ("region", "76", date(2026, 12, 1), Validity.VALID),
        ("region", "76", date(2015, 6, 1), Validity.NOT_YET),
        ("region", "73", date(2015, 6, 1), Validity.VALID),
        ("region", "73", date(2016, 1, 1), Validity.ENDED),
        ("region", "53", date(2010, 1, 1), Validity.VALID),  # Bretagne, unchanged
        ("commune", "31555", date(2026, 12, 1), Validity.VALID),
        ("commune", "01039", date(2026, 12, 1), Validity.NOT_A_COMMUNE),
        ("commune", "01039", date(2015, 1, 1), Validity.UNKNOWN),  # merge date not in the data
        ("commune", "75101", date(2026, 12, 1), Validity.NOT_A_COMMUNE),
        ("commune", "99999", date(2026, 12, 1), Validity.NONEXISTENT),
        ("commune", "99999", date(2020, 1, 1), Validity.UNKNOWN),
        ("departement", "20", date(2026, 12, 1), Validity.NONEXISTENT),
        ("epci", "123456789", date(2026, 12, 1), Validity.NONEXISTENT),
    ],
)
def test_validity_of_a_code_at_a_date(kind: str, code: str, on: date, validity: Validity) -> None:
    check = geography().check(kind, code, on)
    assert check.validity is validity
    assert check.message_fr and check.message_en and code in check.message_fr


def test_messages_name_the_areas() -> None:
    ended = geography().check("region", "73", date(2020, 1, 1))
    assert "Midi-Pyrénées" in ended.message_fr and "Occitanie (76)" in ended.message_fr
    assert "2015-29" in ended.message_en and ended.now is not None and ended.now.code == "76"
    not_yet = geography().check("region", "R76", date(2014, 1, 1))
    assert "Languedoc-Roussillon (91)" in not_yet.message_en


def test_the_data_is_consistent() -> None:
    g = geography()
    communes = list(g.communes())
    assert len(communes) > 34_000  # the COG counts 34,9xx communes
    for c in communes:
        assert g.area("departement", c.departement) is not None, c.code
        assert g.area("region", c.region) is not None, c.code
        assert not c.epci or g.area("epci", c.epci) is not None, c.code
        assert territory_code_kind(c.code) == ("commune", c.code), c.code
    former = g.former_regions()
    assert len(former) == 16  # 22 metropolitan régions became 13; 16 of them ended
    region_of_departement = {c.departement: c.region for c in communes}
    for code, (_name, new, depts) in former.items():
        assert all(region_of_departement[d] == new for d in depts), code
    assert set(KINDS) == {"commune", "epci", "departement", "region"}


def _fixture_package(root: Path, departement_region: str = "76") -> Path:
    data = root / "data"
    data.mkdir(parents=True)
    (root / "package.json").write_text(json.dumps({"name": "@etalab/decoupage-administratif", "version": "6.0.0"}))
    communes = [
        {"code": "31555", "nom": "Toulouse", "type": "commune-actuelle", "departement": "31", "region": "76"},
        {"code": "31999", "nom": "Ancienne", "type": "commune-deleguee", "chefLieu": "31555",
         "departement": "31", "region": "76"},
    ]
    (data / "communes.json").write_text(json.dumps(communes))
    (data / "departements.json").write_text(json.dumps([{"code": "31", "nom": "Haute-Garonne",
                                                         "region": departement_region}]))
    (data / "regions.json").write_text(json.dumps([{"code": "76", "nom": "Occitanie", "zone": "metro"}]))
    (data / "epci.json").write_text(json.dumps([{"code": "243100518", "nom": "Toulouse Métropole", "type": "METRO",
                                                 "membres": [{"code": "31555"}]}]))
    return root


FORMER = "code,nom,region_2016,departements\n73,Midi-Pyrénées,76,31\n"


def test_the_generator_derives_the_compact_form(tmp_path: Path) -> None:
    package = _fixture_package(tmp_path / "package")
    built = gen.build(package, FORMER)
    assert built["communes"]["31555"] == ["Toulouse", "31", "76", "243100518"]
    assert built["commune_parts"]["31999"] == ["Ancienne", "31555", "commune-deleguee"]
    assert built["former_regions"]["73"] == ["Midi-Pyrénées", "76", ["31"]]
    assert built["source"]["cog"] == 2026
    assert gen.encode(built) == gen.encode(gen.build(package, FORMER))  # deterministic bytes


def test_the_generator_refuses_a_former_region_outside_its_successor(tmp_path: Path) -> None:
    package = _fixture_package(tmp_path / "package", departement_region="84")
    with pytest.raises(ValueError, match="département 31 of former région 73"):
        gen.build(package, FORMER)
