"""The data-quality checks: warnings beside the verdict, never part of it."""

from __future__ import annotations

from rdflib import Literal, URIRef
from rdflib.namespace import RDF

from ptce_graph.legal import validate
from ptce_graph.legal.report.verdicts import Verdict
from ptce_graph.model import Link
from ptce_graph.namespaces import PTCE
from tests.legal.cases import set_actor
from tests.legal.poles import AS_OF, fitting_pole


def test_data_quality_results_are_warnings_beside_the_verdict() -> None:
    pole = fitting_pole()
    set_actor(pole, "dupont", siret="99999999900008")  # check digit wrong
    set_actor(pole, "quartier", ess_mention=True)  # an association with an ESS mention
    set_actor(pole, "universite", name=None)
    pole.links.append(Link(source="atelier", target="quartier", logic="animation", start="2018", end="2017"))
    report = validate(pole, as_of=AS_OF, lang="en")
    assert report[0].verdict is Verdict.FITS
    checks = sorted(w.to_dict("en")["check"] for w in report[0].warnings)
    assert checks == ["actor-name", "ess-mention-form", "period-order", "siret-checksum"]
    messages = {w.to_dict("en")["check"]: w.message("en") for w in report[0].warnings}
    assert messages["siret-checksum"].startswith(
        "The SIRET of SARL Dupont is invalid (check digit): 99999999900008"
    )
    assert messages["ess-mention-form"].startswith(
        "Association du Quartier has an ESS mention while its legal "
        "form (association) is not a commercial company"
    )
    assert "ends (2017) before it starts" in messages["period-order"]
    assert report.fits  # warnings are not part of the verdict


def test_la_poste_siret_exception() -> None:
    pole = fitting_pole()
    set_actor(pole, "dupont", siret="35600000010000")  # fails Luhn, digit sum a multiple of 5
    assert validate(pole, as_of=AS_OF)[0].warnings == ()


def test_insee_code_format_and_orphan_warnings() -> None:
    pole = fitting_pole()
    set_actor(pole, "quartier", commune="99123")
    graph = pole.to_graph()
    stray = URIRef("https://w3id.org/ptce/id/geo/commune/ABCDE")
    graph.add((stray, RDF.type, PTCE.Commune))
    graph.add((stray, PTCE.inseeCode, Literal("ABCDE")))
    report = validate(graph, as_of=AS_OF, lang="en")
    assert [w.to_dict("en")["check"] for w in report[0].warnings] == ["cog-code", "commune-code"]
    assert "99123" in report[0].warnings[0].message("en")
    assert report[0].warnings[0].message("en") == (
        "Commune of Association du Quartier (actors.csv, column commune): no commune has the code 99123 in "
        "INSEE's Code officiel géographique of 2026-01-01. Correct the commune's INSEE code."
    )
    assert [w.focus for w in report.warnings] == [str(stray)]
    assert "Warnings outside any pole" in report.render_text("en")
    assert "Warnings outside any pole" not in report.render_text("en", warnings=False)
