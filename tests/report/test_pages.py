"""The pages' content, read back from the HTML: checklist, actors, measures, figures, référentiel, languages."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from ptce_graph.io import load, load_all
from ptce_graph.legal import compare_definitions
from ptce_graph.legal.spec.definitions import DEFINITION_IDS
from ptce_graph.metrics import metrics
from ptce_graph.metrics.temporal import snapshots
from ptce_graph.model import poles_from_graph
from ptce_graph.report.html import format_number
from ptce_graph.report.i18n import METRIC_MEANINGS, legal_word, metric_label, short_verdict, text
from ptce_graph.report.pages import MAIN_METRICS, PAGE_METRICS
from ptce_graph.report.style import VERDICT_SYMBOLS
from tests.report.conftest import AS_OF, FICTIONAL, PAPER, Built

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def expected_fictional():
    return compare_definitions(load(FICTIONAL), as_of=AS_OF)


def badge(verdict: str, lang: str) -> str:
    return f"{VERDICT_SYMBOLS[verdict]} {short_verdict(verdict, lang)}"


# ---------------------------------------------------------------------------
#  The registry page
# ---------------------------------------------------------------------------


def test_registry_row_per_pole_with_verdicts_and_measures(fictional_fr: Built, expected_fictional) -> None:
    index = fictional_fr.index
    assert index.attrs["doctype"] == "DOCTYPE html"
    table = index.by_id("registry")
    assert "sortable" in table.classes
    headers = [th.text().rstrip(" ↕") for th in table.find("thead").find_all("th")]
    assert headers[:3] == ["Pôle", "Réseau", "Territoire"]
    assert headers[3:7] == list(DEFINITION_IDS)
    assert headers[7:] == [metric_label(m, "fr")[:1].upper() + metric_label(m, "fr")[1:] for m in MAIN_METRICS]
    [row] = table.rows()
    cells = row.cells()
    link = cells[0].find("a")
    assert link.text() == "PTCE fictif du Val d'Exemple"
    assert link.get("href") == "fictional-val-d-exemple.html"
    assert "(fictif)" in cells[0].text()
    assert cells[2].text() == "Val d'Exemple (territoire fictif)"
    pole = expected_fictional.poles[0]
    for cell, report in zip(cells[3:7], expected_fictional.reports, strict=True):
        verdict = report[pole].verdict.value
        assert cell.text() == badge(verdict, "fr")
        assert cell.get("data-sort") == str(report[pole].verdict.rank)
    assert [c.text() for c in cells[3:7]] == ["✓ répond", "✓ répond", "✓ répond", "✗ ne répond pas"]
    [measured] = metrics(load(FICTIONAL))
    for cell, name in zip(cells[7:], MAIN_METRICS, strict=True):
        assert cell.text() == format_number(measured.value(name), "fr")
    assert [c.text() for c in cells[7:]] == ["22", "16", "0,069", "0,186", "−0,250", "0,649"]
    thumbnail = cells[1].find("img")
    assert thumbnail.get("src") == "figures/fictional-val-d-exemple-network-thumbnail.png"
    assert (fictional_fr.folder / thumbnail.get("src")).read_bytes()[:8] == PNG_SIGNATURE


def test_registry_sorting_script_is_inline_and_allowed_by_its_hash(fictional_fr: Built) -> None:
    import base64
    import hashlib

    index = fictional_fr.index
    scripts = index.find_all("script")
    assert len(scripts) == 1 and scripts[0].get("src") is None
    body = scripts[0].children[0]
    digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
    csp = index.find("meta", http_equiv="Content-Security-Policy").get("content")
    assert f"script-src 'sha256-{digest}'" in csp
    assert "default-src 'none'" in csp
    style = index.find("style").children[0]
    assert f"'sha256-{base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()}'" in csp


def test_registry_of_the_paper(paper: Built) -> None:
    graph = load_all(PAPER)
    expected = compare_definitions(graph, as_of=AS_OF)
    rows = paper.index.by_id("registry").rows()
    assert len(rows) == len(expected.poles) == 13
    labels = [r.cells()[0].find("a").text() for r in rows]
    assert labels == sorted(labels, key=lambda s: s.casefold().replace("é", "e").replace("É", "e"))
    by_label = {p.label: p for p in paper.report.poles}
    for row in rows:
        entry = by_label[row.cells()[0].find("a").text()]
        assert (paper.folder / entry.page).is_file()
        for cell, report in zip(row.cells()[3:7], expected.reports, strict=True):
            assert cell.text() == badge(report[entry.iri].verdict.value, "fr")
    periscope = next(r for r in rows if r.cells()[0].text() == "Le Périscope")
    assert periscope.cells()[1].find("img") is not None  # two local authorities: a network of two actors
    others = [r for r in rows if r is not periscope]
    assert all(r.cells()[1].text() == text("no_figure", "fr") for r in others)
    assert all(r.cells()[7].text() == "0" for r in others)
    from ptce_graph.typology import typology

    table = typology(graph, lang="fr")
    section = paper.index.by_id("typology")
    titles = [h.text() for h in section.find_all("h3")]
    assert titles == ["Par secteur d'activité", "Par type de territoire",
                      "Par région (telle que les données la nomment)", "Par origine"]
    sector = section.find_all("table")[0].rows()
    assert [(r.cells()[0].text(), int(r.cells()[1].text())) for r in sector] == [
        (table.label("sector", v, "fr"), n) for v, n in table.counts["sector"].items()]
    assert [n for _, n in table.counts["sector"].items()] == [3, 4, 5, 1]
    origin_notes = [p.text() for p in section.find_all("p", cls="note")]
    assert any("dans les données" in note for note in origin_notes)  # the paper's figures about the twelve


# ---------------------------------------------------------------------------
#  A pole's page
# ---------------------------------------------------------------------------


def test_checklist_per_definition(fictional_fr: Built, expected_fictional) -> None:
    page = fictional_fr.pole()
    pole = expected_fictional.poles[0]
    for report in expected_fictional.reports:
        verdict = report[pole]
        table = page.find("table", data_definition=report.definition.id)
        rows = table.rows()
        assert [r.get("data-clause") for r in rows] == list(report.definition.clause_ids)
        for row, clause in zip(rows, verdict.clauses, strict=True):
            cells = row.cells()
            assert row.get("data-status") == clause.status.value
            assert cells[0].text().casefold() == clause.label("fr").casefold()
            assert cells[1].text() == f"{clause.status.symbol} {clause.status.label('fr')}"
            assert cells[2].text() == clause.words
            assert cells[3].text() == " ".join(" ".join(s.split()) for s in clause.sentences("fr"))
        heading = table.parent.parent.find("h3").text()
        assert heading.startswith(f"{report.definition.id} — {report.definition.label('fr')}")
        assert heading.endswith(verdict.verdict.label("fr"))
    # decree-2015: the one clause not met says why and what the decree reserves.
    decree = page.find("table", data_definition="decree-2015")
    not_met = [r for r in decree.rows() if r.get("data-status") == "not-met"]
    assert [r.get("data-clause") for r in not_met] == ["not-previously-funded"]
    assert "appel à projets PTCE 2013-2014" in not_met[0].cells()[3].text()


def test_checklist_side_by_side_and_differences(fictional_fr: Built, expected_fictional) -> None:
    page = fictional_fr.pole()
    matrix = page.find("table", cls="matrix")
    rows = matrix.rows()
    assert len(rows) == len(expected_fictional.clause_ids) + 1
    assert rows[-1].cells()[0].text() == "Verdict"
    legal_person = rows[0].cells()
    assert [c.text() for c in legal_person[1:]] == ["—", "—", "—", "✓ remplie"]
    differences = page.find("ul", cls="differences").text()
    pole = expected_fictional.poles[0]
    [difference] = expected_fictional.differences(pole)
    assert difference.headline("fr")[1:] in differences
    for reason in difference.reasons("fr"):
        assert " ".join(reason.split()) in differences


def test_unknown_clauses_say_what_to_fill_in(paper: Built) -> None:
    entry = next(p for p in paper.report.poles if p.label == "Le Périscope")
    page = paper.tree(entry.page)
    law = page.find("table", data_definition="law-2014")
    unknown = [r for r in law.rows() if r.get("data-status") == "unknown"]
    assert unknown
    expected = compare_definitions(load_all(PAPER), as_of=AS_OF)["law-2014"][entry.iri]
    for row in unknown:
        clause = expected.clause(row.get("data-clause"))
        assert clause.status.value == "unknown"
        assert row.cells()[3].text() == " ".join(" ".join(s.split()) for s in clause.sentences("fr"))
        assert row.cells()[3].text()


def test_identity_funding_and_sources(fictional_fr: Built) -> None:
    page = fictional_fr.pole()
    identity = page.by_id("identity")
    items = dict(zip((dt.text() for dt in identity.find_all("dt")), (dd.text() for dd in identity.find_all("dd")),
                     strict=True))
    assert items["Identifiant"] == "fictional-val-d-exemple"
    assert items["Territoire"] == "Val d'Exemple (territoire fictif) (codes INSEE : 000000018, 14118, 14341, 14475)"
    assert items["Forme juridique du pôle"] == "société coopérative d'intérêt collectif (SCIC)"
    assert items["Stratégie commune"] == ("Charte de coopération du Val d'Exemple (fictive) — nature : charte — "
                                         "depuis le 2012-06-15")
    assert items["Type de territoire"] == "rural"
    assert items["Région"] == "Normandie"  # from the territory's communes, by INSEE's official geography
    assert page.find("p", cls="banner").text() == text("fictional", "fr")
    funding = identity.find("table").rows()
    assert len(funding) == 7
    state = next(r for r in funding if r.cells()[0].text() == "État (appel à projets PTCE)")
    assert [c.text() for c in state.cells()[1:5]] == ["public", "appel à projets PTCE 2013-2014", "2014", "90 000"]
    agglo = next(r for r in funding if r.cells()[3].text() == "2014" and r is not state)
    assert agglo.cells()[0].text() == "Communauté d'agglomération fictive du Val d'Exemple"  # actor id → its name
    sources = identity.find("ul", cls="sources").find_all("li")
    assert len(sources) == 8
    links = [li.find("a").get("href") for li in sources]
    assert "https://example.org/ptce-fictif/convention-2013" in links
    convention = next(li for li in sources if "convention-2013" in li.text())
    assert convention.text().endswith("citée par 2 élément(s)")


def test_actors_with_ess_status_and_why(fictional_fr: Built, expected_fictional) -> None:
    page = fictional_fr.pole()
    rows = page.by_id("actor-table").rows()
    verdict = expected_fictional["law-2014"][expected_fictional.poles[0]]
    assert len(rows) == len(verdict.actors) == 22
    for row, actor in zip(rows, verdict.actors, strict=True):
        cells = row.cells()
        assert cells[0].text() == actor.label("fr")
        assert cells[1].text() == legal_word(actor.relation, "fr")
        assert cells[4].text() == legal_word(actor.status.value, "fr")
        assert cells[5].text() == " ".join(actor.reason("fr").split())
    pixel = next(r for r in rows if r.cells()[0].text() == "Pixel du Val (SAS fictive)")
    assert pixel.cells()[4].text() == "inconnu"
    assert "renseigner ess_mention" in pixel.cells()[5].text()
    assert pixel.cells()[6].text() == "Autres"
    assert pixel.cells()[6].find("span", cls="swatch").classes == ["swatch", "g-other"]


def test_measures_with_a_meaning_each(fictional_fr: Built) -> None:
    page = fictional_fr.pole()
    rows = page.by_id("metrics-table").rows()
    [measured] = metrics(load(FICTIONAL))
    assert [r.get("data-metric") for r in rows] == [m for m in PAGE_METRICS if m != "betweenness_sample"]
    for row in rows:
        name = row.get("data-metric")
        cells = row.cells()
        assert cells[1].text() == format_number(measured.value(name), "fr")
        assert cells[2].text().startswith(" ".join(METRIC_MEANINGS[name][0].split()))
    density = next(r for r in rows if r.get("data-metric") == "density")
    assert density.cells()[1].text() == "0,069"
    brokers = page.by_id("metrics").text()
    assert "Association fictive Tremplin du Val" in brokers


def test_every_measure_of_the_page_has_a_meaning() -> None:
    assert set(PAGE_METRICS) <= set(METRIC_MEANINGS)


def test_missing_measures_show_their_reason(paper: Built) -> None:
    entry = next(p for p in paper.report.poles if p.label == "Paris Mix")
    rows = paper.tree(entry.page).by_id("metrics-table").rows()
    density = next(r for r in rows if r.get("data-metric") == "density")
    assert density.cells()[1].text() == "—"
    assert "(le pôle n'a aucun acteur)" in density.cells()[2].text()


def test_density_over_time(fictional_fr: Built) -> None:
    page = fictional_fr.pole()
    section = page.by_id("over-time")
    img = section.find("img")
    assert img.get("src") == "figures/fictional-val-d-exemple-density.svg"
    [model] = poles_from_graph(load(FICTIONAL))
    dates = [d.isoformat() for d, _ in snapshots(model)]
    rows = section.find("table").rows()
    assert [r.cells()[0].text() for r in rows] == dates
    assert len(rows) == 14
    assert rows[0].cells()[1:] and rows[0].cells()[3].text() == "0,167"
    assert "sans date" not in section.text()


def test_no_dated_links_is_said(paper: Built) -> None:
    for entry in paper.report.poles:
        section = paper.tree(entry.page).by_id("over-time")
        assert section.find_all("img") == []
        assert section.by_id("no-dated-links").text() == "Aucun lien daté : pas d'évolution à montrer."


def test_no_network_without_actors(paper: Built) -> None:
    entry = next(p for p in paper.report.poles if p.label == "Paris Mix")
    section = paper.tree(entry.page).by_id("network")
    assert section.find_all("img") == []
    assert section.text().endswith(text("no_network", "fr"))
    assert "network" not in entry.figures


def test_referentiel_gap(fictional_fr: Built) -> None:
    page = fictional_fr.pole()
    rows = page.by_id("referentiel-table").rows()
    assert [r.get("data-objective") for r in rows] == [f"O{i}" for i in range(1, 10)] + ["G2"]
    states = {r.get("data-objective"): r.cells()[1].text() for r in rows}
    assert states["O1"] == "✓ évalué, 1 preuve(s)"
    assert states["O2"] == "✓ évalué, 2 preuve(s)"
    assert states["O4"] == "? non évalué"
    assert states["O6"] == "✗ évalué, sans preuve"
    o3 = next(r for r in rows if r.get("data-objective") == "O3")
    assert o3.cells()[2].find("a").get("href") == "https://example.org/ptce-fictif/convention-2013"
    section = page.by_id("referentiel").text()
    assert "Objectifs principaux sans preuve : O4, O6, O8, O9 (4 sur 9)" in section


def test_figures_referenced_exist_and_are_images(fictional_fr: Built, paper: Built) -> None:
    for built in (fictional_fr, paper):
        for page in ["index.html", *(p.page for p in built.report.poles)]:
            tree = built.tree(page)
            refs = [e.get("src") for e in tree.find_all("img")]
            refs += [a.get("href") for a in tree.find_all("a") if (a.get("href") or "").startswith("figures/")]
            for ref in refs:
                path = built.folder / ref
                data = path.read_bytes()
                assert data, ref
                if ref.endswith(".png"):
                    assert data[:8] == PNG_SIGNATURE
                else:
                    assert ref.endswith(".svg")
                    assert ET.fromstring(data).tag == "{http://www.w3.org/2000/svg}svg"
            for a in tree.find_all("a"):
                href = a.get("href") or ""
                if href.endswith(".html") or ".html#" in href:
                    assert (built.folder / href.split("#")[0]).is_file()
    figures = sorted(p.name for p in (fictional_fr.folder / "figures").iterdir())
    assert figures == sorted(f"fictional-val-d-exemple-{kind}.{ext}" for kind in ("density", "network",
                             "network-thumbnail") for ext in ("png", "svg"))


def test_self_contained_no_remote_resource(fictional_fr: Built, paper: Built, hostile: Built) -> None:
    for built in (fictional_fr, paper, hostile):
        for page in ["index.html", *(p.page for p in built.report.poles)]:
            html = built.html(page)
            tree = built.tree(page)
            assert [(link.get("rel"), link.get("href")) for link in tree.find_all("link")] == [("icon", "favicon.svg")]
            assert all(s.get("src") is None for s in tree.find_all("script"))
            for element in tree.iter():
                for name in ("src", "srcset", "poster", "data", "action", "formaction"):
                    value = element.get(name)
                    assert value is None or not re.match(r"[a-z][a-z0-9+.-]*:", value, re.I), value
            # Only cited sources are links to the web, and only http(s) ones.
            for a in tree.find_all("a"):
                href = a.get("href") or ""
                if re.match(r"[a-z][a-z0-9+.-]*:", href, re.I):
                    assert href.startswith(("http://", "https://")), href
                    assert a.get("rel") == "noopener noreferrer nofollow"
                    container = a.parent
                    while container is not None and container.get("class") not in ("sources", "plain"):
                        container = container.parent
                    assert container is not None, f"{href} is not a cited source"
            assert "url(" not in html and "@import" not in html and "@font-face" not in html


def test_english_report(fictional_en: Built) -> None:
    index = fictional_en.index
    assert index.find("html").get("lang") == "en"
    assert index.find("h1").text() == text("registry_title", "en")
    [row] = index.by_id("registry").rows()
    assert [c.text() for c in row.cells()[3:7]] == ["✓ fits", "✓ fits", "✓ fits", "✗ does not fit"]
    assert row.cells()[9].text() == "0.069"
    page = fictional_en.pole()
    assert page.find("html").get("lang") == "en"
    heads = [h.text() for h in page.find_all("h2")]
    assert heads == [text(k, "en") for k in ("identity", "legal", "actors", "cooperation", "metrics", "over_time",
                                             "referentiel")]
    decree = page.find("table", data_definition="decree-2015")
    not_met = next(r for r in decree.rows() if r.get("data-status") == "not-met")
    assert not_met.cells()[1].text() == "✗ not met"
    expected = compare_definitions(load(FICTIONAL), as_of=AS_OF, lang="en")["decree-2015"]
    clause = expected[expected.poles[0].pole].clause("not-previously-funded")
    assert not_met.cells()[3].text() == " ".join(" ".join(s.split()) for s in clause.sentences("en"))
    actors = page.by_id("actor-table").rows()
    assert {r.cells()[4].text() for r in actors} == {"yes", "no", "unknown"}
    assert page.by_id("referentiel").text().count("Main objectives without evidence: O4, O6, O8, O9 (4 of 9)") == 1
    assert "Aucun" not in fictional_en.html(fictional_en.report.poles[0].page)


def test_manifest(fictional_fr: Built) -> None:
    import json

    manifest = json.loads((fictional_fr.folder / "report.json").read_text(encoding="utf-8"))
    assert manifest["generator"] == "ptce_graph report"
    assert manifest["lang"] == "fr" and manifest["as_of"] == AS_OF
    assert manifest["definitions"] == list(DEFINITION_IDS)
    [pole] = manifest["poles"]
    assert pole["page"] == "fictional-val-d-exemple.html"
    assert pole["verdicts"] == {"labo-2010": "fits", "senate-2013": "fits", "law-2014": "fits",
                                "decree-2015": "does-not-fit"}
    assert pole["metrics"]["actors"] == 22 and pole["metrics"]["density"] == pytest.approx(0.069264, abs=1e-6)
    assert set(pole["figures"]) == {"network", "thumbnail", "density"}
    assert manifest == fictional_fr.report.to_dict()


def test_pages_are_well_formed(fictional_fr: Built, paper: Built, hostile: Built) -> None:
    for built in (fictional_fr, paper, hostile):
        for page in ["index.html", *(p.page for p in built.report.poles)]:
            tree = built.tree(page)  # raises on unbalanced markup
            ids = [e.get("id") for e in tree.iter() if e.get("id")]
            assert len(ids) == len(set(ids)), page
            for a in tree.find_all("a"):
                href = a.get("href") or ""
                if href.startswith("#"):
                    assert href[1:] in ids, href
            for img in tree.find_all("img"):
                assert img.get("alt"), img.get("src")


def test_sorting_values(paper: Built) -> None:
    rows = paper.index.by_id("registry").rows()
    for row in rows:
        cells = row.cells()
        assert all(re.fullmatch(r"-?[0-9.e+-]*", c.get("data-sort") or "") for c in cells[7:])
        assert [c.get("data-sort") for c in cells[3:7]] and all(c.get("data-sort") in "012" for c in cells[3:7])
    orders = [int(r.get("data-order")) for r in rows]
    assert orders == list(range(len(rows)))


def test_folder_is_readable(fictional_fr: Built) -> None:
    import os
    import stat

    umask = os.umask(0)
    os.umask(umask)
    mode = stat.S_IMODE(fictional_fr.folder.stat().st_mode)
    assert mode == 0o777 & ~umask
    assert all(not p.name.startswith(".") for p in fictional_fr.folder.parent.iterdir())

