"""``ptce metrics`` end to end on a spreadsheet bundle written to a temporary folder."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import networkx as nx
import pytest

from ptce_graph.cli import main

POLE_CSV = """id,name,territory,territory_codes,legal_form,strategy,strategy_start,strategy_end,fictional
atelier,Atelier coopératif (fictif),,,,,,,yes
"""
# a, b: commercial companies with the ESS mention (ess); m: without (enterprise);
# t: local authority (public); u: university (knowledge), partner
ACTORS_CSV = """id,name,relation,kind,legal_form,ess_mention,siret,commune
a,Coop A,member,enterprise,5710,yes,,
b,Coop B,member,enterprise,5710,yes,,
m,Menuiserie M,member,enterprise,5710,no,,
t,Commune T,partner,local-authority,,,,
u,Université U,partner,higher-education,,,,
"""
# a is the hub: a–b mutualisation and animation (multiplex), a–m, a–t, a–u
LINKS_CSV = """source,target,logic,kind,start,end
a,b,mutualisation,employer-group,2015,
a,b,animation,event,2016-05,
a,m,interaction,working-group,2016,
t,a,partnership,agreement,2017-01-01,
a,u,interaction,,,
"""
PROJECTS_CSV = """id,name,innovation,sustainable_local_development,participants
p,Recyclerie,social,yes,a;m;t
"""


def write_bundle(folder: Path, links: str = LINKS_CSV) -> Path:
    folder.mkdir()
    for name, text in (("pole.csv", POLE_CSV), ("actors.csv", ACTORS_CSV), ("links.csv", links),
                       ("projects.csv", PROJECTS_CSV)):
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def bundle(tmp_path: Path) -> Path:
    return write_bundle(tmp_path / "atelier")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["metrics", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_json(bundle: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, str(bundle), "-f", "json")
    assert code == 0, err
    doc = json.loads(out)
    [pole] = doc["poles"]
    assert pole["pole"] == "https://w3id.org/ptce/id/pole/atelier"
    assert pole["label"] == "Atelier coopératif (fictif)"
    # a star of five around a, with one multiplex pair
    assert (pole["actors"], pole["pairs"], pole["components"], pole["isolates"]) == (5, 4, 1, 0)
    assert pole["density"] == 0.4
    assert pole["multiplexity"] == 0.25
    assert pole["degree_centralization"] == 1.0
    assert pole["betweenness_centralization"] == 1.0
    # a–b internal (ess); a–m, a–t, a–u external
    assert pole["ei_index"] == 0.5
    # groups ess 2, enterprise 1, public 1, knowledge 1: 1 − (4 + 1 + 1 + 1)/25
    assert pole["blau"] == 0.72
    assert pole["by_logic"]["mutualisation"]["density"] == 0.1
    assert pole["by_logic"]["interaction"]["density"] == 0.2
    assert pole["by_logic"]["partnership"]["density"] == 0.1
    assert pole["by_logic"]["animation"]["density"] == 0.1
    assert pole["top_brokers"][0]["id"] == "a"
    assert pole["coparticipation_pairs"] == 3
    assert doc["registry"]["poles"] == 1


def test_output_file_and_csv(bundle: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "metrics.csv"
    code, out, err = run(capsys, str(bundle), "-f", "csv", "-o", str(target))
    assert code == 0, err
    assert out == ""
    [row] = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert row["density"] == "0.4" and row["by_logic.mutualisation.density"] == "0.1"


def test_table_in_french_and_english(bundle: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, str(bundle))
    assert code == 0
    assert "densité" in out and "0,400" in out and "principaux intermédiaires : Coop A" in out
    code, out, _ = run(capsys, str(bundle), "--lang", "en")
    assert code == 0 and "density" in out and "0.400" in out


def test_over_time_pole_and_graphml(bundle: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    graphml = tmp_path / "atelier.graphml"
    code, out, err = run(capsys, str(bundle), "-f", "json", "--over-time", "--pole", "atelier",
                         "--graphml", str(graphml), "--brokerage", "directed", "--seed", "7", "--actors")
    assert code == 0, err
    [pole] = json.loads(out)["poles"]
    assert [p["date"] for p in pole["timeline"]] == ["2015-01-01", "2016-01-01", "2016-05-01", "2017-01-01"]
    assert [p["pairs"] for p in pole["timeline"]] == [2, 3, 3, 4]
    assert pole["brokerage"]["reading"] == "directed"
    assert len(pole["actor_measures"]) == 5
    g = nx.read_graphml(graphml, force_multigraph=True)
    assert g.number_of_nodes() == 5 and g.number_of_edges() == 5


def test_bad_cell_exits_2_with_its_location(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = write_bundle(tmp_path / "bad", links=LINKS_CSV.replace("a,m,interaction", "a,m,telepathy"))
    code, out, err = run(capsys, str(bad))
    assert code == 2 and out == ""
    assert "links.csv:4 (colonne « logic ») : valeur inconnue « telepathy »" in err  # French by default
    assert err.rstrip().endswith("ptce : 1 erreur, 0 avertissement")
    code, out, err = run(capsys, str(bad), "--lang", "en")
    assert "links.csv:4 (column 'logic'): unknown value 'telepathy'" in err
    assert "Traceback" not in err


def test_unknown_pole_and_missing_input_exit_2(bundle: Path, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, str(bundle), "--pole", "elsewhere")
    assert code == 2 and "no pole 'elsewhere'" in err
    code, _, err = run(capsys, str(tmp_path / "nothing.ttl"))
    assert code == 2 and "nothing.ttl : ce fichier ou ce dossier n'existe pas" in err


def test_input_without_pole_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty.ttl"
    empty.write_text("@prefix ex: <https://example.org/> .\nex:a ex:b ex:c .\n", encoding="utf-8")
    code, out, err = run(capsys, str(empty))
    assert code == 2 and out == "" and "no pole" in err


def test_bad_options_exit_2(bundle: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["metrics", str(bundle), "--betweenness-sample", "0"])
    assert caught.value.code == 2
    with pytest.raises(SystemExit) as caught:
        main(["metrics", str(bundle), "-f", "xlsx"])
    assert caught.value.code == 2
    code, _, err = run(capsys, str(bundle), "--betweenness-sample", "exact")
    assert code == 0, err


def test_actors_csv(bundle: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, str(bundle), "-f", "csv", "--actors")
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["id"] for r in rows] == ["a", "b", "m", "t", "u"]
    assert rows[0]["partners"] == "4" and rows[0]["betweenness"] == "1.0"
    assert rows[3]["group"] == "public" and rows[3]["relation"] == "partner"
