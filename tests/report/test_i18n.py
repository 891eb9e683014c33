"""The report's own words exist in both languages, and the others come from their modules."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import ptce_graph.report
from ptce_graph.report.i18n import (
    METRIC_MEANINGS,
    TEXT,
    legal_word,
    metric_label,
    referentiel_word,
    short_verdict,
    text,
    typology_word,
)

TEMPLATES = Path(ptce_graph.report.__file__).parent / "templates"


def test_both_languages_have_every_word() -> None:
    assert set(TEXT["fr"]) == set(TEXT["en"])
    for key in TEXT["fr"]:
        assert TEXT["fr"][key].strip() and TEXT["en"][key].strip(), key
        assert re.findall(r"{(\w+)}", TEXT["fr"][key]) == re.findall(r"{(\w+)}", TEXT["en"][key]), key
    for name, (fr, en) in METRIC_MEANINGS.items():
        assert fr.strip() and en.strip(), name


def test_every_word_the_templates_ask_for_exists() -> None:
    used = set()
    for template in TEMPLATES.glob("*.html"):
        used |= set(re.findall(r"""\bt\(\s*["'](\w+)["']""", template.read_text(encoding="utf-8")))
    assert used
    assert used <= set(TEXT["fr"]), used - set(TEXT["fr"])


def test_borrowed_words_come_from_their_modules() -> None:
    assert legal_word("member", "fr") == "membre" and legal_word("partner", "en") == "partner"
    assert short_verdict("does-not-fit", "fr") == "ne répond pas"
    assert metric_label("density", "en") == "density"
    assert referentiel_word("not_assessed", "en") == "not assessed"
    assert typology_word("dimension", "fr")["sector"] == "Secteur"
    assert text("registry_intro", "en", poles="2 poles", as_of="2026-01-01").startswith("2 poles:")
    with pytest.raises(KeyError):
        text("no-such-word", "fr")
