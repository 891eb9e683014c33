"""The typology of § II.1 of the 2014 paper, reproduced from the data."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from ptce_graph import load, typology
from ptce_graph.cited_table import read_cited_table
from ptce_graph.cli import main
from ptce_graph.model import Pole, Territory
from ptce_graph.namespaces import PTCE, PTCETYP

REPO = Path(__file__).resolve().parent.parent
REGISTRY = REPO / "examples" / "registry-public" / "registry.ttl"
POLES_TEMOINS = REPO / "examples" / "paper-2014" / "poles-temoins.ttl"
PERISCOPE = REPO / "examples" / "paper-2014" / "le-periscope.ttl"
FICTIONAL = REPO / "examples" / "fictional-pole" / "bundle"


def test_the_twelve_pilot_poles_reproduce_the_papers_table() -> None:
    table = typology(POLES_TEMOINS)
    assert len(table) == 12
    # « Activités de production » 3, « services et ingénierie de développement » 4,
    # « Industries créatrices et culturelles » 5.
    assert table.counts["sector"] == {
        "production": 3,
        "services-development-engineering": 4,
        "creative-cultural-industries": 5,
        "unknown": 0,
    }
    # désindustrialisé 4 (with « Nord pas ce Calais » for Initiatives et Cités), périurbain 1,
    # ruraux 4, quartier populaire urbain 3.
    assert table.counts["territory_kind"] == {
        "deindustrialised": 4,
        "peri-urban": 1,
        "rural": 4,
        "working-class-urban-district": 3,
        "unknown": 0,
    }


def test_regions_are_what_the_paper_says_and_nothing_more() -> None:
    table = typology(POLES_TEMOINS)
    assert table.counts["region"] == {
        "Basse Normandie": 1,
        "Bourgogne": 1,
        "Bretagne": 2,
        "Limousin": 1,
        "Nord-Pas-de-Calais": 1,
        "Paris": 2,
        "Rhône-Alpes": 3,
        "unknown": 1,
    }
    rows = {r.label: r for r in table.rows}
    assert rows["Pôle Sud Aquitaine"].region == ()  # the ambiguous « ... et De Fil en Réseaux en Limousin »
    assert rows["De Fil en Réseaux"].region == ("Limousin",)
    assert rows["Paris Mix"].region == ("Paris",)
    assert rows["Initiatives et Cités"].territory_kind == ("deindustrialised",)


def test_origins_are_unknown_per_pole_and_stated_for_the_set() -> None:
    table = typology(POLES_TEMOINS)
    assert table.counts["origin"] == {
        "citizen-associative": 0,
        "social-enterprise-group": 0,
        "employment-area-committee": 0,
        "unknown": 12,
    }
    figures = [(f.value, f.pole_count, f.set_size, f.members_in_data, f.members_with_value)
               for f in table.set_figures if f.dimension == "origin"]
    assert figures == [
        ("citizen-associative", 9, 12, 12, 0),
        ("social-enterprise-group", 2, 12, 12, 0),
        ("employment-area-committee", 1, 12, 12, 0),
    ]
    assert all(f.sources == ("https://w3id.org/ptce/source/paper-2014#II.1",) for f in table.set_figures)
    assert table.set_figures[0].set == "https://w3id.org/ptce/id/paper-2014/pilot-poles-12"
    assert "neuf pôles sont issus d’une démarche citoyenne" in (table.set_figures[0].quotation or "")


def test_unknowns_are_counted_when_poles_are_merged() -> None:
    table = typology([POLES_TEMOINS, PERISCOPE])
    assert len(table) == 13
    assert table.counts["sector"]["unknown"] == 1
    assert table.counts["territory_kind"]["unknown"] == 1
    assert table.counts["region"]["unknown"] == 2
    periscope = next(r for r in table.rows if r.label == "Le Périscope")
    assert not (periscope.sector or periscope.territory_kind or periscope.region or periscope.origin)
    assert periscope.fictional is False


def test_a_bundle_pole_gets_its_region_from_an_insee_region_code() -> None:
    pole = Pole(id="p", name="P", sector="production", origin="employment-area-committee",
                territory=Territory(name="T", codes=["R76", "31555"], kind="peri-urban"))
    table = typology(pole)
    row = table.rows[0]
    assert (row.sector, row.territory_kind, row.region, row.origin) == (
        ("production",), ("peri-urban",), ("Occitanie",), ("employment-area-committee",))
    assert table.counts["origin"]["employment-area-committee"] == 1


@pytest.mark.parametrize(
    ("codes", "regions"),
    [(["31555"], ("Occitanie",)), (["14", "31"], ("Normandie", "Occitanie")), (["243100518"], ("Occitanie",)),
     (["R73"], ("Midi-Pyrénées",)), (["000000018"], ())],
)
def test_without_a_region_the_official_geography_places_the_territory(codes: list[str], regions: tuple) -> None:
    pole = Pole(id="p", name="P", territory=Territory(name="T", codes=codes))
    assert typology(pole).rows[0].region == regions


def test_the_fictional_pole() -> None:
    table = typology(FICTIONAL)
    row = table.rows[0]
    assert row.fictional is True
    assert (row.sector, row.territory_kind, row.region, row.origin) == (
        ("services-development-engineering",), ("rural",), ("Normandie",), ("citizen-associative",))
    assert table.set_figures == []


def test_values_outside_the_schemes_are_kept_and_the_graph_is_not_modified() -> None:
    graph = Graph()
    pole = URIRef("https://example.org/pole")
    graph.add((pole, RDF.type, PTCE.Pole))
    graph.add((pole, RDFS.label, Literal("Exemple")))
    graph.add((pole, PTCE.sector, URIRef("https://example.org/sector/tourism")))
    before = len(graph)
    table = typology(graph)
    assert len(graph) == before
    assert table.counts["sector"]["https://example.org/sector/tourism"] == 1
    assert table.counts["sector"]["production"] == 0


def test_labels_render_in_french_and_english() -> None:
    table = typology(POLES_TEMOINS)
    fr, en = table.render("fr"), table.render("en")
    assert "Typologie des pôles (12 pôle(s))" in fr
    assert "industries créatrices et culturelles     5" in fr
    assert "quartier populaire urbain  3" in fr
    assert "citoyenne et associative 9" in fr
    assert "Typology of the poles (12 pole(s))" in en
    assert "creative and cultural industries      5" in en
    assert "citizen and associative 9" in en
    assert table.label("territory_kind", "peri-urban", "fr") == "périurbain"
    assert table.label("origin", "unknown", "en") == "unknown"


def test_csv_and_json() -> None:
    table = typology(POLES_TEMOINS)
    rows = list(csv.DictReader(io.StringIO(table.to_csv())))
    assert len(rows) == 12
    archer = next(r for r in rows if r["label"] == "Pôle Sud Archer")
    assert archer == {
        "pole": "https://w3id.org/ptce/id/pole/pole-sud-archer",
        "label": "Pôle Sud Archer",
        "fictional": "no",
        "sector": "production",
        "territory_kind": "deindustrialised",
        "region": "Rhône-Alpes",
        "origin": "",
        "departement": "",
        "call": "",
        "year": "",
    }
    data = json.loads(json.dumps(table.to_dict()))
    assert data["counts"]["sector"]["creative-cultural-industries"] == 5
    assert data["labels"]["sector"]["production"] == {"fr": "production", "en": "production"}
    assert data["set_figures"][0]["pole_count"] == 9


@pytest.mark.parametrize("fmt", ["text", "json", "csv"])
def test_cli(fmt: str, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = tmp_path / f"typology.{fmt}"
    assert main(["typology", str(POLES_TEMOINS), "-f", fmt, "-o", str(out), "--lang", "en"]) == 0
    text = out.read_text(encoding="utf-8")
    if fmt == "json":
        assert json.loads(text)["counts"]["territory_kind"]["rural"] == 4
    elif fmt == "csv":
        assert text.startswith("pole,label,fictional,sector,territory_kind,region,origin,departement,call,year\n")
        assert text.count("\n") == 13
    else:
        assert "By kind of territory" in text


def test_cli_bad_input_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .", encoding="utf-8")
    assert main(["typology", str(bad)]) == 2
    assert "bad.ttl" in capsys.readouterr().err


def test_the_paper_file_loads_the_same_through_load() -> None:
    # typology accepts a path or a graph: the same answer either way.
    assert typology(load(POLES_TEMOINS)).counts == typology(POLES_TEMOINS).counts
    assert PTCETYP.production  # the scheme is packaged


def test_the_registry_is_tabulated_by_departement_call_and_year() -> None:
    table = typology(REGISTRY)
    cited = read_cited_table(REGISTRY.parent / "table")
    for result in cited.calls:
        named = len(cited.named(result.call, result.status))
        assert table.counts["call"].get(f"{result.call}:{result.status}", 0) == named, result.call
    years: dict[str, set[str]] = {}
    for row in cited.rows:
        if row.year is not None:
            years.setdefault(str(row.year), set()).add(row.pole)
    undated = set(cited.pole_ids()) - set().union(*years.values())  # no page dates its selection (2022)
    assert table.counts["year"] == {**{y: len(p) for y, p in years.items()}, "unknown": len(undated)}
    assert table.counts["call"]["state-ptce-ami-2021:phase-2"] == 15
    haute_garonne = {r.pole for r in cited.rows if r.departement_code == "31"}
    assert table.counts["departement"]["Haute-Garonne"] == len(haute_garonne) >= 3
    assert table.label("call", "state-ptce-ami-2021:phase-2", "en") == (
        "PTCE call for expressions of interest since 2021 — phase 2")
    assert "Par appel de l'État et statut" in table.render("fr")
    assert "departement" in table.shown() and "call" in table.shown()


def test_dimensions_the_data_does_not_give_are_not_shown() -> None:
    table = typology(POLES_TEMOINS)
    assert table.shown() == ("sector", "territory_kind", "region", "origin")
    assert "Département" not in table.render("fr")
