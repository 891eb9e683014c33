"""JSON, CSV and table output: key names, column order, rounding, formula neutralisation, languages."""

from __future__ import annotations

import csv
import io
import json

import pytest

from ptce_graph.metrics import metrics, to_csv, to_json, to_table
from ptce_graph.metrics.render import csv_columns
from ptce_graph.model import Actor, Link, Pole

ISSUE_KEYS = ["pole", "label", "actors", "pairs", "density", "components", "isolates", "multiplexity",
              "ei_index", "blau", "degree_centralization", "by_logic"]


def test_json_document(kitchen: Pole) -> None:
    results = metrics(kitchen)
    doc = json.loads(to_json(results))
    assert list(doc) == ["poles", "registry"]
    [pole] = doc["poles"]
    for key in ISSUE_KEYS:
        assert key in pole
    assert list(pole)[:4] == ["pole", "label", "actors", "members"]
    assert pole["pole"] == "https://w3id.org/ptce/id/pole/kitchen"
    assert pole["density"] == round(5 / 21, 6) == 0.238095
    assert pole["by_logic"]["mutualisation"]["density"] == round(2 / 21, 6)
    assert list(pole["by_logic"]) == ["mutualisation", "interaction", "animation", "partnership"]
    assert pole["missing"]["brokerage.z.coordinator"].startswith("variance nulle")
    assert pole["brokerage"]["z"]["coordinator"] is None
    assert "actor_measures" not in pole and "timeline" not in pole
    assert doc["registry"]["poles"] == 1
    # deterministic
    assert to_json(metrics(kitchen)) == to_json(results)


def test_json_options(kitchen: Pole) -> None:
    doc = json.loads(to_json(metrics(kitchen, over_time=True), lang="en", actors=True))
    [pole] = doc["poles"]
    reason = pole["missing"]["by_logic.animation.transitivity"]
    assert reason == "no actor is linked to two others (no connected triple)"
    assert [a["id"] for a in pole["actor_measures"]] == ["b1", "c1", "e1", "e2", "p1", "r1", "x1"]
    assert pole["actor_measures"][2]["betweenness"] == round(8 / 15, 6)
    assert len(pole["timeline"]) == 6


def test_csv(kitchen: Pole) -> None:
    results = metrics(kitchen)
    text = to_csv(results)
    rows = list(csv.reader(io.StringIO(text)))
    header, row = rows
    assert header == csv_columns(results)
    assert header[:5] == ["pole", "label", "actors", "members", "partners"]
    assert "by_logic.mutualisation.density" in header and "brokerage.z.total" in header
    assert header[-2:] == ["top_brokers", "missing"]
    cell = dict(zip(header, row, strict=True))
    assert cell["density"] == "0.238095"
    assert cell["by_logic.mutualisation.density"] == "0.095238"
    assert cell["brokerage.z.coordinator"] == ""  # missing
    assert cell["groups.ess"] == "2" and cell["ei_index"] == "0.6"
    assert cell["top_brokers"] == "e1;b1;e2"
    assert "brokerage.z.coordinator: variance nulle" in cell["missing"]
    assert text == to_csv(metrics(kitchen))


def test_csv_neutralises_formulas_in_text_but_keeps_negative_numbers() -> None:
    pole = Pole(id="evil", name="=HYPERLINK(\"http://x\")")
    pole.add_actor(Actor(id="@a", name="+A", kind="person"))
    pole.add_actor(Actor(id="-b", kind="person"))
    pole.add_actor(Actor(id="c", kind="local-authority"))
    pole.links += [Link(source="@a", target="-b", logic="animation"),
                   Link(source="-b", target="c", logic="animation")]
    results = metrics(pole)
    rows = list(csv.DictReader(io.StringIO(to_csv(results))))
    assert rows[0]["label"] == "'=HYPERLINK(\"http://x\")"
    assert rows[0]["top_brokers"] == "'-b"
    assert rows[0]["ei_index"] == "0.0"
    # ends: other 3, public 1; within ½ → r = (½ − 10/16) / (6/16) = −⅓, written as a number
    assert rows[0]["group_assortativity"] == "-0.333333"


def test_csv_over_time_rows(kitchen: Pole) -> None:
    rows = list(csv.DictReader(io.StringIO(to_csv(metrics(kitchen, over_time=True)))))
    assert [r["date"] for r in rows] == ["", "2014-01-01", "2015-03-01", "2015-06-01", "2016-01-01",
                                         "2017-01-01", "2018-01-01"]
    assert [r["links"] for r in rows] == ["7", "2", "3", "4", "5", "5", "6"]


@pytest.mark.parametrize(("lang", "words"), [
    ("fr", ["densité", "multiplexité", "indice E-I", "courtage (Gould-Fernandez, lecture symétrique)",
            "principaux intermédiaires : Coop E1", "0,238"]),
    ("en", ["density", "multiplexity", "E-I index", "brokerage (Gould-Fernandez, symmetric reading)",
            "top brokers: Coop E1", "0.238"]),
])
def test_table_languages(kitchen: Pole, lang: str, words: list[str]) -> None:
    text = to_table(metrics(kitchen), lang=lang)
    assert text.startswith("■ Pôle cuisine (fictif)\n")
    for word in words:
        assert word in text


def test_table_compares_several_poles(kitchen: Pole) -> None:
    other = Pole(id="solo", name="Solo (fictif)")
    other.add_actor(Actor(id="a", kind="person"))
    results = metrics(kitchen) + metrics(other)
    text = to_table(results, lang="en")
    assert "■ comparison of the poles" in text and "■ all poles" in text
    assert "poles 2 · actors 8 · distinct actors 8" in text
    line = next(x for x in text.splitlines() if x.strip().startswith("Solo (fictif)"))
    assert "—" in line  # the density of a one-actor pole is missing, not 0
    # Measures without a value, grouped by reason, named in words (no key such as by_logic.x.y).
    reason = next(x for x in text.split("\n    ") if x.startswith("at least 2 actors are needed:"))
    assert "density" in reason and "by_logic." not in text


def test_actor_csv(kitchen: Pole) -> None:
    from ptce_graph.metrics import actors_to_csv
    from ptce_graph.metrics.render import ACTOR_COLUMNS

    rows = list(csv.DictReader(io.StringIO(actors_to_csv(metrics(kitchen)))))
    assert list(rows[0]) == list(ACTOR_COLUMNS)
    by_id = {r["id"]: r for r in rows}
    assert len(rows) == 7
    e1 = by_id["e1"]
    assert (e1["group"], e1["partners"], e1["links"], e1["logics"]) == ("ess", "3", "5",
                                                                        "animation;interaction;mutualisation")
    assert e1["betweenness"] == "0.533333" and e1["brokerage.total"] == "6" and e1["community"] == "2"
    assert by_id["p1"]["community"] == "" and by_id["p1"]["betweenness"] == "0.0"
    assert by_id["x1"]["label"] == "'=X1 entreprise"  # neutralised


def test_actor_table(kitchen: Pole) -> None:
    text = to_table(metrics(kitchen), lang="en", actors=True)
    assert "actors' positions (by betweenness)" in text
    table = text.split("actors' positions (by betweenness)")[1].splitlines()
    assert table[3].split()[:3] == ["Coop", "E1", "ESS"]  # first row after the header and rule
    assert "actors' positions" not in to_table(metrics(kitchen), lang="en")


def test_table_fits_the_width(kitchen: Pole) -> None:
    """Tables give their text columns up first (cut with « … »); long lists fold; nothing goes past the width."""
    results = metrics(kitchen)
    text = to_table(results, lang="fr", width=64)
    lines = [line for line in text.splitlines() if not line.strip().startswith("http")]
    assert max(len(line) for line in lines) <= 64
    assert "…" in text
    assert to_table(results, lang="fr") == to_table(results, lang="fr", width=100)  # the default width
    actors = to_table(results, lang="fr", width=100, actors=True)
    assert max(len(line) for line in actors.splitlines()) <= 100
