"""Maps: INSEE codes, the basemap's outlines, counts per area, deterministic choropleths."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from ptce_graph.geography import geography, normalise_name
from ptce_graph.maps import area_counts, choropleth
from ptce_graph.maps.basemap import outlines, parse_path, region_outlines
from ptce_graph.model import Pole, Territory

REGISTRY = Path(__file__).resolve().parents[2] / "examples" / "registry-public" / "registry.ttl"


def test_the_geography_gives_the_maps_their_regions_and_departements():
    geo = geography()
    assert len(geo.regions()) == 18 and len(geo.departements()) == 101
    assert geo.regions()["76"].name == "Occitanie"
    assert geo.region_of_departement("31").code == "76" and geo.region_of_departement("2A").code == "94"
    assert geo.region_of_departement("975") is None  # a collectivité d'outre-mer, not on the maps
    assert all(geo.region_of_departement(d) is not None for d in geo.departements())


def test_names_compare_across_spellings():
    assert normalise_name("Auvergne-Rhône Alpes") == normalise_name("Auvergne-Rhône-Alpes")
    assert normalise_name("HAUTE-GARONNE") == normalise_name("Haute-Garonne")
    assert normalise_name("Réunion") == normalise_name("La Réunion")


def test_svg_paths_become_rings():
    rings = parse_path("m 10,10 l 5,0 c 1,1 2,2 0,5 z m 1,1 L 20,20 30,20 z", offset=(100, 0))
    assert rings[0] == [(110, 10), (115, 10), (115, 15)]
    assert rings[1] == [(111, 11), (120, 20), (130, 20)]
    with pytest.raises(ValueError):
        parse_path("10,10 20,20")


def test_the_basemap_draws_every_departement_of_the_cog():
    drawn = {o.code for o in outlines()}
    assert set(geography().departements()) <= drawn
    assert all(o.rings for o in outlines())


def test_a_region_is_outlined_once_around_its_departements():
    """The union of a région's départements, gaps closed: one closed line, no stray segment inside."""
    borders = region_outlines()
    for region in ("11", "24", "27", "28", "32", "44", "84"):  # mainland régions without islands
        lines = borders[(region, None)]
        assert len(lines) == 1, region
        assert lines[0][0] == lines[0][-1]
    assert ("11", "paris-petite-couronne") in borders  # the inset's copy has its own outline


def _graph_with(*territories: list[str] | None) -> Graph:
    g = Graph()
    for i, codes in enumerate(territories):
        pole = Pole(id=f"p{i}", name=f"Pôle {i}", territory=Territory(codes=codes) if codes is not None else None)
        pole.to_graph(g)
    return g


def test_counts_per_area_count_each_pole_once_and_say_what_is_unplaced():
    g = _graph_with(["R76", "31"], ["31"], ["R11"], None, ["974"])
    by_region = area_counts(g, "region")
    assert by_region.counts == {"04": 1, "11": 1, "76": 2}  # a département counts in its région
    assert by_region.nowhere == 1 and by_region.poles == 5
    by_dept = area_counts(g, "departement")
    assert by_dept.counts == {"31": 2, "974": 1}
    assert by_dept.nowhere == 2
    assert by_dept.names["974"] == "La Réunion"
    with pytest.raises(ValueError):
        area_counts(g, "commune")


def test_the_registry_counts():
    g = Graph().parse(REGISTRY)
    counts = area_counts(g, "region")
    assert counts.counts["76"] == 9 and counts.counts["11"] == 5 and counts.nowhere == 9


@pytest.mark.slow  # draws maps: about a second each on an idle machine
def test_a_map_is_deterministic_and_names_its_sources():
    g = _graph_with(["R76", "31"], ["R11"])
    first = choropleth(g, level="region", lang="en")
    second = choropleth(g, level="region", lang="en")
    assert first.svg == second.svg and first.png == second.png
    assert first.png.startswith(b"\x89PNG") and b"<svg" in first.svg
    assert first.width == 800 and first.height == 720


@pytest.mark.slow  # draws maps: about a second each on an idle machine
def test_ptce_map_writes_the_counts_and_the_picture(tmp_path):
    import json

    from ptce_graph.cli import main

    counts = tmp_path / "counts.json"
    assert main(["map", str(REGISTRY), "-o", str(counts), "--level", "departement"]) == 0
    data = json.loads(counts.read_text(encoding="utf-8"))
    # "nowhere" counts the poles no source places in a département: the README of the registry says which
    assert {a["code"]: a["poles"] for a in data["areas"]}["31"] == 3 and data["poles"] == 55
    assert data["nowhere"] == 39  # 55 poles, 16 placed in a département (table/poles.csv)
    picture = tmp_path / "map.svg"
    assert main(["map", str(REGISTRY), "-o", str(picture), "--lang", "en"]) == 0
    assert picture.read_bytes().startswith(b"<?xml")
    assert main(["map", str(REGISTRY), "-o", str(tmp_path / "map.txt")]) == 2


@pytest.mark.slow  # draws maps: about a second each on an idle machine
def test_the_report_shows_the_maps_when_the_data_places_poles(tmp_path):
    from ptce_graph.report import write_report

    report = write_report(_graph_with(["R76", "31"], ["R11"]), tmp_path / "rapport", definitions="law-2014")
    index = report.index.read_text(encoding="utf-8")
    assert 'id="maps"' in index and "figures/map-region.png" in index and "figures/map-departement.svg" in index
    assert (tmp_path / "rapport" / "figures" / "map-region.png").is_file()
    assert "Occitanie 1" in index  # the alternative text lists the counts
