"""The report in a real browser: headless Chromium renders the pages, their figures, sorts, logs no error.

Chromium is driven through the DevTools protocol over a pipe (``tests/report/cdp.py``:
``--remote-debugging-pipe``, no port, no extra package).  The page is opened over
``file://`` — the report must work offline, from a folder — and once over a loopback
HTTP server, as it would be published.  Everything the page logs is collected:
console errors and warnings, uncaught exceptions, failed loads, Content-Security-
Policy violations; the test fails on any of them.  Skipped when no Chromium is
installed (``apt-get install chromium`` on Debian).

    python -m pytest -m browser tests/report/test_browser.py
"""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

import pytest

from tests.report.cdp import Browser, file_url
from tests.report.conftest import Built

pytestmark = pytest.mark.browser


IMAGES = """(async () => {
  // An <object>'s fallback <img> is not loaded while the object shows its SVG.
  const images = Array.from(document.images).filter(img => !img.closest("object"));
  for (const img of images) {
    img.loading = "eager";
    try { await img.decode(); } catch (e) { /* reported below as not loaded */ }
  }
  return images.map(img => ({src: img.getAttribute("src"), complete: img.complete,
                             width: img.naturalWidth, height: img.naturalHeight}));
})()"""


def rendered(browser: Browser, url: str, folder: Path) -> dict:
    browser.open(url)
    images = browser.evaluate(IMAGES)
    state = browser.evaluate("""({
        title: document.title,
        lang: document.documentElement.lang,
        badgeColour: getComputedStyle(document.querySelector(".badge")).backgroundColor,
        headerColour: getComputedStyle(document.querySelector("header.top")).backgroundColor,
        dialogs: 0
    })""")
    problems = browser.problems()
    requests = browser.requests()
    assert problems == [], problems
    for request in requests:
        assert request.startswith((folder.resolve().as_uri(), "http://127.0.0.1:")), request
    for image in images:
        assert image["complete"] and image["width"] > 0 and image["height"] > 0, image
    assert state["badgeColour"] not in ("rgba(0, 0, 0, 0)", "transparent")  # the inline style sheet applied
    assert state["headerColour"] == "rgb(29, 36, 51)"
    return {"images": images, **state}


def test_pole_page_renders_with_its_figures(browser: Browser, fictional_fr: Built) -> None:
    entry = fictional_fr.report.poles[0]
    state = rendered(browser, file_url(fictional_fr.folder / entry.page), fictional_fr.folder)
    assert state["title"] == "PTCE fictif du Val d'Exemple — PTCE"
    assert state["lang"] == "fr"
    assert [i["src"] for i in state["images"]] == [entry.figures["density"].svg]
    # The network is an SVG <object> (its tooltips work there), drawn at its own size.
    network = browser.evaluate("""(() => {
        const o = document.querySelector("#network object");
        const box = o.getBoundingClientRect();
        return {data: o.getAttribute("data"), width: box.width, height: box.height};
    })()""")
    assert network["data"] == entry.figures["network"].svg
    figure = entry.figures["network"]
    assert 300 < network["width"] <= figure.width  # at most its own size, narrower in a narrow window
    assert network["height"] == pytest.approx(network["width"] * figure.height / figure.width, abs=2)
    rows = browser.evaluate("document.querySelectorAll('table.clause-table tbody tr').length")
    assert rows == 7 + 8 + 8 + 11
    # Each definition's detail is folded: the clause tables take no room until opened.
    folded = browser.evaluate("""Array.from(document.querySelectorAll("details.definition"))
        .map(d => [d.open, d.querySelector("table").checkVisibility(), d.getBoundingClientRect().height < 80])""")
    assert folded == [[False, False, True]] * 4


def test_registry_renders_and_sorts(browser: Browser, paper: Built) -> None:
    rendered(browser, file_url(paper.folder / "index.html"), paper.folder)
    names = "Array.from(document.querySelectorAll('#registry tbody tr th a')).map(a => a.textContent)"
    before = browser.evaluate(names)
    assert len(before) == 13
    click = "document.querySelectorAll('#registry thead th')[{}].querySelector('button').click()"
    actors_column = 7
    browser.evaluate(click.format(actors_column))  # ascending
    browser.evaluate(click.format(actors_column))  # descending
    after = browser.evaluate(names)
    assert after[0] == "Le Périscope"  # the only pole with actors
    assert sorted(after) == sorted(before)
    assert browser.evaluate(f"document.querySelectorAll('#registry thead th')[{actors_column}]"
                            ".getAttribute('aria-sort')") == "descending"
    browser.evaluate(click.format(0))  # by name, ascending
    assert browser.evaluate(names) == before
    browser.evaluate(click.format(0))
    assert browser.evaluate(names) == list(reversed(before))
    assert browser.problems() == []


def test_hostile_names_stay_text_in_the_browser(browser: Browser, hostile: Built) -> None:
    for page in ("index.html", "hostile.html"):
        rendered(browser, file_url(hostile.folder / page), hostile.folder)
        dialogs = [e for e in browser.events if e.get("method") == "Page.javascriptDialogOpening"]
        assert dialogs == []
        assert browser.evaluate("document.querySelectorAll('script').length") == (1 if page == "index.html" else 0)
        shown = "#registry tbody th a" if page == "index.html" else "h1"
        assert browser.evaluate(f"document.querySelector('{shown}').textContent").startswith("<script>alert(1)")


def test_english_report_over_http(browser: Browser, fictional_en: Built) -> None:
    handler = functools.partial(_QuietHandler, directory=str(fictional_en.folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        state = rendered(browser, base + "index.html", fictional_en.folder)
        assert state["lang"] == "en"
        assert len(state["images"]) == 1  # the thumbnail
        state = rendered(browser, base + fictional_en.report.poles[0].page, fictional_en.folder)
        assert state["title"] == "PTCE fictif du Val d'Exemple — PTCE"
        assert len(state["images"]) == 1  # the density figure; the network is an <object>
    finally:
        server.shutdown()
        server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass
