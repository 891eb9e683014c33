"""`ptce reason`: classes by label, contradictions, exit codes 0 / 1 / 2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import owlready2
import pytest
import rdflib

from ptce_graph.cli import main

DATA = Path(__file__).resolve().parents[1] / "reasoning" / "data"
CONSISTENT = DATA / "cli-fictional.ttl"
CONTRADICTORY = DATA / "contradictions" / "delta-declared.ttl"
PTCE = rdflib.Namespace("https://w3id.org/ptce/ns#")
EX = rdflib.Namespace("https://example.org/fictional/")


@pytest.mark.java
def test_consistent_data_exit_0_with_each_actor_and_its_classes(capsys) -> None:
    assert main(["reason", str(CONSISTENT)]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("Raisonneur : HermiT (owlready2 ") and "— données cohérentes\n" in out
    assert ("  Asso Beta <https://example.org/fictional/beta>\n"
            "    statut ESS : oui\n"
            "    déclarées : entreprise, acteur\n"
            "    inférées : entreprise de l'économie sociale et solidaire, personne morale de droit privé, "
            "personne morale\n") in out
    assert ("  Commune Alpha <https://example.org/fictional/alpha>\n"
            "    statut ESS : inconnu\n"
            "    déclarées : collectivité territoriale, acteur\n"
            "    inférées : personne morale de droit public, personne publique, personne morale\n") in out
    assert "Pôle Alpha (fictif)" in out
    assert err == ""


@pytest.mark.java
def test_contradictory_data_exit_1_naming_individual_and_axiom(capsys) -> None:
    assert main(["reason", str(CONTRADICTORY), "--lang", "en"]) == 1
    out, _ = capsys.readouterr()
    assert "— data inconsistent\n" in out
    assert ("Inconsistencies (1)\n  - Commune Delta is declared both a local authority and a commercial "
            "company, which are disjoint (public-law legal person and private-law legal person are "
            "disjoint).\n") in out


def test_bad_input_exit_2_without_traceback(capsys, tmp_path: Path) -> None:
    assert main(["reason", str(tmp_path / "missing.ttl")]) == 2
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix ex: <https://example.org/> .\nex:a ex:b ex:c\nex:d ex:e ex:f .\n",
                   encoding="utf-8")
    assert main(["reason", str(bad)]) == 2
    _, err = capsys.readouterr()
    assert "Traceback" not in err
    assert err.count("ptce: error: ") == 2


@pytest.mark.java
def test_json_output(capsys) -> None:
    assert main(["reason", str(CONSISTENT), "-f", "json", "--lang", "en"]) == 0
    out, _ = capsys.readouterr()
    doc = json.loads(out)
    assert doc["consistent"] is True and doc["reasoner"] == "hermit" and doc["derivation"] == "reasoner"
    beta = next(a for a in doc["actors"] if a["iri"] == str(EX.beta))
    assert beta["ess_status"] == "yes" and beta["derivation"] == "hermit"
    assert beta["classes"][0] == {"iri": str(PTCE.ESSEnterprise),
                                  "label": "social and solidarity economy enterprise", "asserted": False}
    assert doc["inconsistencies"] == [] and "timings" not in doc


@pytest.mark.java
def test_turtle_output_is_the_inferred_triples_written_atomically(tmp_path: Path, capsys) -> None:
    target = tmp_path / "inferred.ttl"
    assert main(["reason", str(CONSISTENT), "-f", "turtle", "-o", str(target)]) == 0
    first = target.read_bytes()
    g = rdflib.Graph().parse(data=first.decode("utf-8"), format="turtle")
    assert (EX.beta, PTCE.essStatus, PTCE.ESSYes) in g
    assert (EX.beta, rdflib.RDF.type, PTCE.ESSEnterprise) in g
    assert (EX.alpha, rdflib.RDF.type, PTCE.PublicBody) in g
    data = rdflib.Graph().parse(CONSISTENT)
    assert not any(t in data for t in g)
    assert main(["reason", str(CONSISTENT), "-f", "turtle", "-o", str(target)]) == 0
    assert target.read_bytes() == first  # deterministic
    assert capsys.readouterr().out == ""


def test_without_java_the_note_goes_to_stderr_and_the_structural_checks_decide(monkeypatch, capsys) -> None:
    monkeypatch.setattr(owlready2, "JAVA_EXE", "/nonexistent/bin/java")
    assert main(["reason", str(CONSISTENT)]) == 0
    out, err = capsys.readouterr()
    assert err == ("ptce: note: environnement Java introuvable : installez un JRE "
                   "(Debian : default-jre-headless) pour classer avec HermiT\n")
    assert out.startswith("Aucun raisonneur OWL n'a tourné : vérifications structurelles seulement — "
                          "aucune contradiction trouvée\n")
    assert main(["reason", str(CONTRADICTORY), "--lang", "en"]) == 1
    out, err = capsys.readouterr()
    assert err == ("ptce: note: Java runtime not found: install a JRE (Debian: default-jre-headless) "
                   "to classify with HermiT\n")
    assert "Commune Delta is declared both a local authority and a commercial company" in out


def test_reasoner_none_is_the_structural_checks(capsys) -> None:
    assert main(["reason", str(CONSISTENT), "--reasoner", "none", "--lang", "en"]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("No OWL reasoner ran: structural checks only — no contradiction found\n")
    assert err == ""


def test_the_console_entry_point_runs() -> None:
    command = [sys.executable, "-m", "ptce_graph", "reason", "--reasoner", "none", str(CONTRADICTORY)]
    done = subprocess.run(command, capture_output=True, text=True, check=False, timeout=120)
    assert done.returncode == 1
    expected = "Commune Delta est à la fois « collectivité territoriale » et « société commerciale »"
    assert expected in done.stdout
