"""The legal case corpus (examples/fictional-legal-cases): every case holds, every rule is covered, and a
jurist's mistakes are located; ``ptce cases`` runs it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ptce_graph.cli import main
from ptce_graph.errors import InputError
from ptce_graph.ess import ESSStatus
from ptce_graph.io import save
from ptce_graph.legal import compare_definitions, definitions
from ptce_graph.legal.cases import CaseRun, LegalCase, load_cases, run_cases
from ptce_graph.legal.shacl.working import grouping_majority
from ptce_graph.model import new_graph
from ptce_graph.registry import Registry

CORPUS = Path(__file__).resolve().parents[2] / "examples" / "fictional-legal-cases"


@pytest.fixture(scope="module")
def corpus() -> list[LegalCase]:
    return load_cases(CORPUS)


@pytest.fixture(scope="module")
def corpus_run(corpus: list[LegalCase]) -> CaseRun:
    return run_cases(corpus)


def test_every_case_of_the_corpus_holds(corpus_run: CaseRun) -> None:
    assert corpus_run.failed == (), corpus_run.render("en")
    assert len(corpus_run.cases) >= 80


def test_the_corpus_covers_every_clause_of_every_definition_with_each_status(corpus: list[LegalCase]) -> None:
    covered = {(e.definition, e.clause, e.expected) for c in corpus for e in c.expectations}
    missing = [(d.id, clause.id, status) for d in definitions().values() for clause in d.clauses
               for status in ("met", "not-met", "unknown") if (d.id, clause.id, status) not in covered]
    assert missing == []
    verdicts = {e.expected for c in corpus for e in c.expectations if e.clause is None}
    assert verdicts == {"fits", "does-not-fit", "undetermined", "not-judged"}


def test_every_case_says_why_and_every_pole_is_fictional(corpus: list[LegalCase]) -> None:
    for case in corpus:
        assert case.title and case.reasoning, case.path
        pole = case.tables["pole.csv"][0]
        assert pole.get("fictif") == "oui", case.path


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "_pole-complet-fictif.yaml").write_bytes((CORPUS / "_pole-complet-fictif.yaml").read_bytes())
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


_WRONG = """titre: Une attente fausse
raisonnement: La SARL sans mention est hors ESS ; ce cas attend le contraire pour montrer un échec.
date: 2026-01-01
base: _pole-complet-fictif.yaml
acteurs:
  - {identifiant: quartier, commune: "75056"}
attendu:
  law-2014:
    territory: remplie
    ess-enterprises: remplie
"""


def test_a_failing_case_prints_the_clause_the_statuses_the_evidence_and_the_reasoning(tmp_path, capsys) -> None:
    _write(tmp_path, "attente-fausse.yaml", _WRONG)
    assert main(["cases", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "1 en échec" in out
    assert "✗ attente-fausse — Une attente fausse (attente-fausse.yaml)" in out
    assert "    law-2014 / territory : attendu « remplie », obtenu « non remplie »" in out
    assert "Ces membres sont situés hors du territoire déclaré du pôle : Association fictive du Quartier." in out
    assert "      preuves : Association fictive du Quartier [quartier]" in out
    assert "    raisonnement : La SARL sans mention est hors ESS" in out
    assert "ess-enterprises" not in out  # what holds is not listed
    assert main(["cases", str(tmp_path), "--lang", "en", "-f", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    [case] = data["cases"]
    check = next(c for c in case["checks"] if c["clause"] == "territory")
    assert (check["expected"], check["obtained"], check["passed"]) == ("met", "not-met", False)
    assert check["evidence"][0]["ref"] == "quartier"
    assert data["failed"] == 1 and data["passed"] == 1


@pytest.mark.parametrize(
    ("text", "located"),
    [
        ("titre: x\nraisonnement: y\ndate: 2026-01-01\nbase: _pole-complet-fictif.yaml\nattendu:\n  law-2014:\n"
         "    territory: peut-être\n", "« peut-être » n'est pas une valeur attendue"),
        ("titre: x\nraisonnement: y\ndate: 2026-01-01\nbase: _pole-complet-fictif.yaml\nattendu:\n  law-2020:\n"
         "    territory: remplie\n", "définition inconnue « law-2020 »"),
        ("titre: x\nraisonnement: y\ndate: 2026-01-01\nbase: _pole-complet-fictif.yaml\nattendu:\n  law-2014:\n"
         "    legal-person: remplie\n", "law-2014 n'a pas de clause « legal-person »"),
        ("titre: x\nraisonnement: y\ndate: 2026-13-01\nbase: _pole-complet-fictif.yaml\nattendu: {toutes: "
         "{territory: remplie}}\n", "n'est pas une date"),
        ("titre: x\nraisonnement: y\ndate: 2026-01-01\nbase: _absent.yaml\nattendu: {toutes: {territory: "
         "remplie}}\n", "n'est pas un fichier de cas à côté du cas"),
        ("titre: x\nraisonnement: y\ndate: 2026-01-01\nbase: _pole-complet-fictif.yaml\ncouleur: bleu\n"
         "attendu: {toutes: {territory: remplie}}\n", "clé inconnue « couleur »"),
        ("titre: x\ndate: 2026-01-01\nbase: _pole-complet-fictif.yaml\nattendu: {toutes: {territory: "
         "remplie}}\n", "la clé « raisonnement » manque"),
        ("titre: &a x\nraisonnement: *a\ndate: 2026-01-01\nattendu: {}\n", "les ancres, alias et étiquettes"),
        ("titre: !!python/object:os.system x\n", "les ancres, alias et étiquettes"),
        ("titre: [x\n", "YAML invalide"),
        ("- a\n- b\n", "un cas est une table de clés"),
    ],
)
def test_a_bad_case_is_a_located_error_with_its_fix(tmp_path, capsys, text: str, located: str) -> None:
    path = _write(tmp_path, "mauvais.yaml", text)
    with pytest.raises(InputError) as caught:
        load_cases(path)
    assert located in caught.value.message("fr")
    assert str(path) in caught.value.message("fr")
    assert main(["cases", str(path)]) == 2
    assert "Traceback" not in capsys.readouterr().err


@pytest.mark.parametrize("base", ["../secret.yaml", "{outside}/secret.yaml", "lien.yaml", "sous/cas.yaml", "..",
                                  "secret.txt"])
def test_a_case_reads_only_the_cases_beside_it(tmp_path, capsys, base: str) -> None:
    """``base`` names a case file of the same folder: never a path elsewhere, whose content an error (an
    unknown key) would quote - the corpus reads only its own files, as a bundle does (issue 16, item 5)."""
    outside = tmp_path / "ailleurs"
    outside.mkdir()
    (outside / "secret.yaml").write_text("mot-de-passe-secret: hunter2\n", encoding="utf-8")
    (outside / "secret.txt").write_text("mot-de-passe-secret: hunter2\n", encoding="utf-8")
    corpus = tmp_path / "corpus"
    (corpus / "sous").mkdir(parents=True)
    (corpus / "lien.yaml").symlink_to(outside / "secret.yaml")
    (corpus / "secret.txt").symlink_to(outside / "secret.txt")
    (corpus / "sous" / "cas.yaml").write_text("titre: x\n", encoding="utf-8")
    named = base.format(outside=outside)
    path = _write(corpus, "cas.yaml", f"titre: x\nraisonnement: y\ndate: 2026-01-01\nbase: {named}"
                  "\nattendu: {toutes: {territory: remplie}}\n")
    with pytest.raises(InputError) as caught:
        load_cases(path)
    assert "n'est pas un fichier de cas à côté du cas" in caught.value.message("fr")
    assert main(["cases", str(path)]) == 2
    assert "hunter2" not in capsys.readouterr().err and "mot-de-passe" not in caught.value.message("fr")


def test_a_corpus_file_linking_out_of_the_folder_is_refused_unread(tmp_path, capsys) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text("mot-de-passe-secret: hunter2\n", encoding="utf-8")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "cas.yaml").symlink_to(secret)
    assert main(["cases", str(corpus)]) == 2
    err = capsys.readouterr().err
    assert "lien symbolique qui sort du dossier des cas" in err and "hunter2" not in err and "mot-de-passe" not in err


def test_a_bad_cell_is_located_by_file_table_row_and_column(tmp_path, capsys) -> None:
    path = _write(tmp_path, "cellule.yaml", "titre: x\nraisonnement: y\ndate: 2026-01-01\nbase: "
                  "_pole-complet-fictif.yaml\nacteurs:\n  - {identifiant: gie, nom: G, relation: membre, "
                  "forme_juridique: '6220', membre_de: inconnu}\nattendu: {toutes: {territory: remplie}}\n")
    assert main(["cases", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"{path} (actors):6 (colonne « membre_de »)" in err


def test_a_definition_that_did_not_exist_yet_is_not_judged(tmp_path) -> None:
    path = _write(tmp_path, "trop-tot.yaml", "titre: x\nraisonnement: y\ndate: 2014-01-01\nbase: "
                  "_pole-complet-fictif.yaml\npôle: {début_stratégie: '2012'}\nattendu:\n  decree-2015: non jugée\n"
                  "  law-2014: non jugée\n  senate-2013: {verdict: répond}\n")
    run = run_cases([*load_cases(path)])
    assert run.ok, run.render("en")
    assert {c.expectation.definition: c.obtained for c in run.checks} == {
        "decree-2015": "not-judged", "law-2014": "not-judged", "senate-2013": "fits"}


def test_a_registry_in_a_store_gives_the_verdicts_of_the_rdflib_path_on_the_corpus(
        tmp_path, corpus: list[LegalCase]) -> None:
    """The support the store path builds (legal forms, COG facts, groupings' majorities) is the rdflib path's."""
    wanted = ("autres-gie", "territoire-", "ess-scic", "trois-", "financement-historique")
    graph = new_graph()
    for case in corpus:
        if case.id.startswith(wanted) and case.as_of.isoformat() == "2026-01-01":
            pole, extra = case.bundle()
            pole.to_graph(graph)
            graph += extra
    path = tmp_path / "corpus.ttl"
    save(graph, path)
    with Registry() as registry:
        registry.load(path)
        stored = registry.compare(as_of="2026-01-01", progress=False)
    reference = compare_definitions(graph, as_of="2026-01-01")
    assert [r.to_dict() for r in stored.reports] == [r.to_dict() for r in reference.reports]
    assert len(stored.reports[0].poles) > 25


@pytest.mark.parametrize(
    ("statuses", "majority"),
    [
        ("", None), ("N", True), ("Y", False), ("U", None), ("NY", False), ("NN", True), ("NU", None),
        ("NNY", True), ("NYY", False), ("NUU", None), ("NNU", True), ("YYU", False), ("NYU", None),
    ],
)
def test_the_majority_of_a_grouping(statuses: str, majority: bool | None) -> None:
    mapping = {"N": ESSStatus.NO, "Y": ESSStatus.YES, "U": ESSStatus.UNKNOWN}
    assert grouping_majority([mapping[s] for s in statuses]) is majority
