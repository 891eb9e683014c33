"""French and English headers and values from one alias table; every error of a bundle in one pass."""

from __future__ import annotations

from pathlib import Path

import pytest

from ptce_graph.errors import BundleErrors, InputError
from ptce_graph.io.bundle import read_bundle
from ptce_graph.io.contract import TABLES
from ptce_graph.io.vocabularies import VOCABULARIES, legal_form_code, vocabulary
from ptce_graph.model import SELECTION_STATUSES

from .test_bundle import make

FR_ACTORS = "identifiant;Nom;Relation;Type;Forme juridique;Mention ESS;SIRET;Commune\n" \
            "a1;Assoc A;membre;Entreprise;Association;;;31555\n" \
            "a2;SARL B;Membre;entreprise;société commerciale;non;73282932000074;31555\n" \
            "a3;Mairie;partenaire;collectivité;7210;;;31555\n"
FR_LINKS = "source;cible;logique;type;début;fin\na1;a2;Mutualisation;groupement d'employeurs;2016;\n"


@pytest.mark.parametrize("name", VOCABULARIES)
def test_every_label_reads_back_as_its_code(name: str) -> None:
    vocab = vocabulary(name)
    read = legal_form_code if name == "legal_form" else vocab.lookup
    for lang in ("fr", "en"):
        assert [read(choice) for choice in vocab.choices(lang)] == list(vocab.codes)
    for code in vocab.codes:
        if code.isdigit():
            continue
        for lang in ("fr", "en"):
            assert vocab.lookup(vocab.label(code, lang)) == code, (name, code, lang)
        assert vocab.lookup(code) == code


def test_no_two_columns_of_a_table_share_a_header() -> None:
    for t in TABLES:
        for c in t.columns:
            assert t.match(c.name) == c.name and t.match(c.fr) == c.name, (t.file, c.name)


def test_french_headers_and_values_read_like_english(tmp_path: Path) -> None:
    (tmp_path / "fr").mkdir()
    (tmp_path / "en").mkdir()
    french = read_bundle(make(tmp_path / "fr", actors_csv=FR_ACTORS, links_csv=FR_LINKS))
    english = read_bundle(make(tmp_path / "en"))
    assert french.canonical() == english.canonical()


def test_every_error_at_once_sorted_and_in_both_languages(tmp_path: Path) -> None:
    actors = FR_ACTORS.replace("Entreprise", "entreprize").replace("collectivité", "mairie")
    links = FR_LINKS.replace("2016", "32/13/2016").replace("a2;", "zz;")
    folder = make(tmp_path, actors_csv=actors, links_csv=links)
    (folder / "projects.csv").unlink()
    with pytest.raises(BundleErrors) as info:
        read_bundle(folder)
    errors = info.value.errors
    assert [(Path(e.source).name, e.line, e.location.field) for e in errors] == [
        ("bundle", None, None), ("actors.csv", 2, "kind"), ("actors.csv", 4, "kind"),
        ("links.csv", 2, "start"), ("links.csv", 2, "target")]
    assert isinstance(info.value, InputError) and info.value.source == errors[0].source  # the first error
    assert "(colonne « Type »)" in errors[1].message("fr")  # the header as the file writes it
    french = info.value.message("fr")
    assert "cellule vide" not in french and "valeur inconnue « entreprize »" in french
    assert "le bundle n'a pas de fichier projects.csv" in french
    assert "unknown value 'mairie'" in str(info.value)


def test_selection_statuses_are_the_ontology_scheme() -> None:
    """The model writes a status's IRI from its code; the bundle reads the code from the SKOS scheme."""
    vocab = vocabulary("selection_status")
    assert set(vocab.codes) == set(SELECTION_STATUSES)
    assert vocab.lookup("lauréat") == "laureate" and vocab.lookup("Phase 2") == "phase-2"


def test_a_funding_status_reads_in_french_and_is_checked(tmp_path: Path) -> None:
    funding = "financeur;nature;programme;année;montant;statut\nÉtat;public;AMI PTCE 2021;2021;;phase 1\n"
    (tmp_path / "ok").mkdir()
    (tmp_path / "bad").mkdir()
    pole = read_bundle(make(tmp_path / "ok", funding_csv=funding))
    assert [(f.program, f.status) for f in pole.funding] == [("state-ptce-ami-2021", "phase-1")]
    with pytest.raises(InputError) as info:
        read_bundle(make(tmp_path / "bad", funding_csv=funding.replace("phase 1", "finaliste")))
    assert (info.value.line, info.value.location.field) == (2, "status")
    assert "valeur inconnue « finaliste »" in info.value.message("fr")
