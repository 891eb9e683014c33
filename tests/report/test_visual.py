"""What a person sees, in Chromium: screenshots at 1,280 and 390 px, no sideways scrolling, labels kept apart.

The registry and a pole page of the examples' report and the ontology
documentation (``ptce docs``) are opened at a desktop width (1,280 px) and a
phone's (390 px), over a loopback HTTP server as they would be published.  A
full-page screenshot of each is written to ``build/screenshots/report/`` (or
``$PTCE_SCREENSHOTS``), which ``.ci/run`` lists as CI artefacts beside ``ptce
serve``'s (``build/screenshots/serve/``).  Checked: nothing logged, no page
scrolls sideways, at 1,280 px or at 390 px, and in the network
figure as the browser draws it, no two label boxes overlap and none leaves the
figure or enters its legend.  Skipped when no Chromium is installed.

    python -m pytest -m browser tests/report/test_visual.py -s
"""

from __future__ import annotations

import base64
import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from ptce_graph.publish.docs import build_docs
from tests.conftest import REPO
from tests.report.cdp import Browser
from tests.report.conftest import Built

pytestmark = pytest.mark.browser

WIDTHS = (1280, 390)
PAGE_HEIGHT = 900
MAX_SHOT_HEIGHT = 16_000


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, examples_fr: Built) -> Iterator[tuple[str, dict[str, str]]]:
    """The examples' report and the ontology documentation, served on 127.0.0.1; the pages to look at."""
    root = tmp_path_factory.mktemp("site")
    shutil.copytree(examples_fr.folder, root / "report")
    build_docs(root / "docs")
    fictional = next(p for p in examples_fr.report.poles if p.fictional)
    pages = {"index": "report/index.html", "pole": f"report/{fictional.page}", "docs": "docs/index.html"}
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", pages
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def screenshots() -> Path:
    folder = Path(os.environ.get("PTCE_SCREENSHOTS", REPO / "build" / "screenshots" / "report"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _viewport(browser: Browser, width: int, height: int) -> None:
    browser.call("Emulation.setDeviceMetricsOverride", {"width": width, "height": height, "deviceScaleFactor": 1,
                                                        "mobile": width < 600}, session=True)


def _screenshot(browser: Browser, path: Path, width: int) -> None:
    """The whole page: the viewport is made as tall as the page (frames outside it would not be drawn)."""
    height = min(browser.evaluate("document.documentElement.scrollHeight"), MAX_SHOT_HEIGHT)
    _viewport(browser, width, height)
    shot = browser.call("Page.captureScreenshot", {"format": "png"}, session=True)
    path.write_bytes(base64.b64decode(shot["data"]))
    _viewport(browser, width, PAGE_HEIGHT)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", ["index", "pole", "docs"])
def test_page_fits_and_is_photographed(browser: Browser, site: tuple[str, dict[str, str]], screenshots: Path,
                                       name: str, width: int) -> None:
    base, pages = site
    _viewport(browser, width, PAGE_HEIGHT)
    browser.open(base + pages[name])
    assert browser.problems() == []
    sizes = browser.evaluate("({scroll: document.documentElement.scrollWidth,"
                             " client: document.documentElement.clientWidth})")
    assert sizes["scroll"] <= sizes["client"], f"{pages[name]} scrolls sideways at {width} px: {sizes}"
    _screenshot(browser, screenshots / f"{name}-{width}.png", width)
    assert (screenshots / f"{name}-{width}.png").stat().st_size > 10_000


LABELS = """(() => {
  const svg = document.querySelector("#network object").contentDocument.documentElement;
  const view = svg.viewBox.baseVal;
  const boxes = Array.from(svg.querySelectorAll("g[id^='label-']")).map(g => {
    const b = g.getBBox();
    return [b.x, b.y, b.x + b.width, b.y + b.height];
  });
  const actors = svg.querySelectorAll("#actors title").length;
  return {view: [view.width, view.height], boxes, actors};
})()"""


def test_network_labels_as_the_browser_draws_them(browser: Browser, site: tuple[str, dict[str, str]],
                                                  examples_fr: Built) -> None:
    base, pages = site
    _viewport(browser, 1280, PAGE_HEIGHT)
    browser.open(base + pages["pole"])
    drawn = browser.evaluate(LABELS)
    width, height = drawn["view"]
    boxes = drawn["boxes"]
    fictional = next(p for p in examples_fr.report.poles if p.fictional)
    assert drawn["actors"] == fictional.metrics.actors and len(boxes) == fictional.metrics.actors
    tolerance = 0.5  # SVG units (points): anti-aliasing of the glyph outlines
    for i, (x0, y0, x1, y1) in enumerate(boxes):
        assert 0 <= x0 and x1 <= width * 0.775 and 0 <= y0 and y1 <= height, (i, boxes[i])
        for j in range(i + 1, len(boxes)):
            a0, b0, a1, b1 = boxes[j]
            apart = x1 <= a0 + tolerance or a1 <= x0 + tolerance or y1 <= b0 + tolerance or b1 <= y0 + tolerance
            assert apart, (boxes[i], boxes[j])
    assert browser.problems() == []


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass
