"""The text renderings: the checklist, and the definitions side by side."""

from __future__ import annotations

from ptce_graph.legal import compare_definitions, validate
from ptce_graph.model import Pole
from tests.legal.cases import set_actor, set_project
from tests.legal.poles import AS_OF, fitting_pole


def _broken():
    pole = fitting_pole()
    pole.strategy = None
    set_actor(pole, "quartier", commune="75056")
    return pole


def technological_project() -> Pole:
    pole = fitting_pole("projet-technologique")
    set_project(pole, innovation="technological")
    return pole


def test_text_is_a_checklist_in_french_by_default() -> None:
    text = str(validate(_broken(), as_of=AS_OF))
    assert text.startswith(
        "Validation PTCE — définition law-2014 : Définition légale : loi n° 2014-856, "
        "article 9, I (2014) — au 2026-01-01\n"
        "Texte : https://www.legifrance.gouv.fr/eli/loi/2014/7/31/ERNX1315311L/jo/texte ; s'applique depuis\n"
        "le 2014-08-02.\n"
    )
    assert "      → Membres qui sont des entreprises de l'ESS au sens de l'article 1er : Association du" in text
    assert (
        "Verdict : NE RÉPOND PAS À LA DÉFINITION — 1 clause non remplie, 1 clause inconnue, 6 clauses "
        "remplies" in text
    )
    assert "  ✗ territoire — « sur un même territoire »" in text
    assert "  ? stratégie commune et continue — « une stratégie commune et continue »" in text
    assert (
        "  ✓ entreprises de l'ESS — « le regroupement … d'entreprises de l'économie sociale et solidaire,"
        in text
    )
    assert "Statut ESS des acteurs" in text and "SARL Dupont" in text
    assert text.rstrip().endswith("Bilan : 1 pôle — 0 répond, 1 ne répond pas, 0 indéterminé.")
    english = validate(_broken(), as_of=AS_OF).render_text("en")
    assert "  ✗ territory — « sur un même territoire »" in english
    assert "Verdict: DOES NOT FIT THE DEFINITION" in english


def test_comparison_text_is_a_table_with_the_differences() -> None:
    text = compare_definitions(technological_project(), as_of=AS_OF).render_text("fr")
    assert "labo-2010" in text and "decree-2015" in text
    assert "projets innovants" in text
    assert "répond à labo-2010, law-2014 et decree-2015 mais pas à senate-2013" in text
    assert "— clause absente de cette définition" in text
