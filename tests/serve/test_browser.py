"""The check page in a real browser: upload the fictional pole's workbook, read the verdicts, follow an actor.

Headless Chromium is driven through the DevTools protocol over a pipe
(``tests/report/cdp.py``).  The test fails on any console error, uncaught
exception, failed load or Content-Security-Policy violation.  Screenshots of
each step are written to ``build/screenshots/serve/`` (or ``$PTCE_SCREENSHOTS``)
and their folder printed; ``docs/images/serve-check.png`` is one of them.

    python -m pytest -m browser tests/serve/test_browser.py -s
"""

from __future__ import annotations

import base64
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from ptce_graph.io import save
from ptce_graph.io.bundle import read_bundle
from tests.conftest import REPO
from tests.report.cdp import Browser, find_chromium
from tests.serve.conftest import FICTIONAL, Server
from tests.serve.test_uploads import BUNDLE

pytestmark = pytest.mark.browser

CHROMIUM = find_chromium()
SHOTS = Path(os.environ.get("PTCE_SCREENSHOTS", REPO / "build" / "screenshots" / "serve"))

IMAGES = """(async () => {
  const images = Array.from(document.images);
  for (const img of images) { try { await img.decode(); } catch (e) {} }
  return images.map(img => ({complete: img.complete, width: img.naturalWidth}));
})()"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if CHROMIUM is None:
        pytest.skip("no Chromium installed (Debian: apt-get install chromium)")
    with Browser(CHROMIUM, timeout=180) as b:
        b.call("Emulation.setDeviceMetricsOverride",
               {"width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": False}, session=True)
        agent = b.call("Browser.getVersion")["userAgent"]  # a French coordinator's browser
        b.call("Network.setUserAgentOverride", {"userAgent": agent, "acceptLanguage": "fr-FR,fr;q=0.9"}, session=True)
        yield b


def shot(browser: Browser, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    data = browser.call("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": False}, session=True)
    path = SHOTS / f"{name}.png"
    path.write_bytes(base64.b64decode(data["data"]))
    print(f"screenshot: {path}")
    return path


def navigate_by(browser: Browser, expression: str) -> None:
    """Run ``expression`` (a click, a submit) and wait for the page it leads to."""
    browser.events.clear()
    browser.evaluate(expression)
    browser.wait_for("Page.loadEventFired")


def test_upload_read_the_verdicts_follow_an_actor(server: Server, browser: Browser, tmp_path: Path) -> None:
    archive = tmp_path / "pole-fictif.xlsx"  # the workbook a coordinator fills in, written from the bundle
    save(read_bundle(BUNDLE), archive)
    browser.open(server.url + "/check")
    assert browser.problems() == []
    shot(browser, "1-check-form")
    document = browser.call("DOM.getDocument", {}, session=True)
    node = browser.call("DOM.querySelector", {"nodeId": document["root"]["nodeId"], "selector": "#file"},
                        session=True)["nodeId"]
    browser.call("DOM.setFileInputFiles", {"nodeId": node, "files": [str(archive)]}, session=True)
    navigate_by(browser, "document.querySelector('#submit').click()")
    state = browser.evaluate("""({
        title: document.title,
        lang: document.documentElement.lang,
        check: !!document.querySelector('#check'),
        toFill: document.querySelectorAll('#to-fill-list li').length,
        badges: Array.from(document.querySelectorAll('table.matrix .badge')).map(b => b.textContent.trim()),
        badgeColour: getComputedStyle(document.querySelector('.badge')).backgroundColor,
        actor: (document.querySelector('a[href^="/page/pole/fictional-val-d-exemple/actor/"]') || {}).textContent
    })""")
    assert state["check"] and state["lang"] == "fr"
    read = browser.evaluate("document.querySelector('#check p').textContent")
    assert read.startswith("Fichier lu : pole-fictif.xlsx (classeur)")
    assert state["toFill"] >= 1
    assert any("✓" in b for b in state["badges"]) and any("✗" in b for b in state["badges"])
    assert state["badgeColour"] not in ("", "rgba(0, 0, 0, 0)")  # the style sheet applies (CSP allowed it)
    assert state["actor"]
    images = browser.evaluate(IMAGES)
    assert images and all(i["complete"] and i["width"] > 0 for i in images)
    assert browser.problems() == []
    shot(browser, "2-check-result")
    browser.evaluate("document.querySelector('#to-fill').scrollIntoView()")
    shot(browser, "3-check-to-fill")
    navigate_by(browser, "document.querySelector('a[href^=\"/page/pole/fictional-val-d-exemple/actor/\"]').click()")
    card = browser.evaluate("({h1: document.querySelector('h1').textContent, "
                            "pole: document.querySelector('a[href=\"/page/pole/fictional-val-d-exemple\"]') !== null, "
                            "url: location.pathname})")
    assert card["h1"] == state["actor"]
    assert card["pole"] and card["url"].startswith("/page/pole/fictional-val-d-exemple/actor/")
    assert browser.problems() == []
    shot(browser, "4-actor")
    navigate_by(browser, "document.querySelector('a[href=\"/page/pole/fictional-val-d-exemple\"]').click()")
    assert browser.evaluate("location.pathname") == "/page/" + FICTIONAL.split("/id/")[1]
    images = browser.evaluate(IMAGES)
    assert images and all(i["complete"] and i["width"] > 0 for i in images)  # figures drawn on request
    assert browser.problems() == []
    shot(browser, "5-pole")
    print(f"screenshots in {SHOTS}")
