"""Reports built once per test session: the fictional pole (fr, en), the paper's poles, a hostile pole."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from ptce_graph.io import load, load_all
from ptce_graph.model import (
    Actor,
    Assessment,
    Funding,
    Link,
    Pole,
    Project,
    Strategy,
    Territory,
)
from ptce_graph.report import Report, write_report
from tests.conftest import EXAMPLES
from tests.report.cdp import Browser, find_chromium
from tests.report.htmltree import Element, parse

AS_OF = "2026-01-01"
FICTIONAL = EXAMPLES / "fictional-pole" / "bundle"
PAPER = sorted((EXAMPLES / "paper-2014").glob("*.ttl"))

SCRIPT = "<script>alert(1)</script>"
HOSTILE_POLE_NAME = f'{SCRIPT} Pôle "fictif" & Cie $x$'
HOSTILE_ACTOR = "<img src=x onerror=alert('actor')>"
JS_SOURCE = "javascript:alert(1)"
DATA_SOURCE = "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="
SAFE_SOURCE = "https://example.org/ptce-fictif/source?a=1&b=2"


def hostile_pole() -> Pole:
    """A fictional pole whose every text field holds markup, and whose sources are not web pages."""
    pole = Pole(id="hostile", name=HOSTILE_POLE_NAME, fictional=True,
                description='<a href="javascript:alert(2)">clic</a> & "guillemets"',
                sources=[JS_SOURCE, DATA_SOURCE, SAFE_SOURCE])
    pole.territory = Territory(name="<i>Territoire</i> & co", codes=["14475"])
    pole.strategy = Strategy(name="</td><script>alert(3)</script>", start="2015", kind="charter")
    pole.add_actor(Actor(id="a", name=HOSTILE_ACTOR, kind="enterprise", legal_form="association",
                         sources=[JS_SOURCE]))
    pole.add_actor(Actor(id="b", name='O\'Brien & "Fils" <SARL>', kind="enterprise",
                         legal_form="commercial-company", ess_mention=False))
    pole.add_actor(Actor(id="c", name="Commune <u>fictive</u>", kind="local-authority"), "partner")
    pole.add_actor(Actor(id="d", name="Isolée $\\alpha$ <b>", kind="training-body", legal_form="association"))
    pole.links.append(Link(source="a", target="b", logic="mutualisation", kind="<b>kind</b>", start="2015"))
    pole.links.append(Link(source="a", target="c", logic="partnership", start="2016-03"))
    pole.links.append(Link(source="a", target="b", logic="interaction", start="2017"))
    pole.projects.append(Project(id="p", name="<svg onload=alert(1)>", innovation="social",
                                 sustainable_local_development=True, participants=["a", "b"]))
    pole.funding.append(Funding(funder="<b>financeur</b>", kind="public", program="<i>programme</i>", year=2016,
                                amount=1000, purpose="<script>alert(5)</script>"))
    pole.assessments.append(Assessment(objective="O1", practice="<script>alert(6)</script>",
                                       evidence=["preuve & <b>gras</b>"], sources=[JS_SOURCE, SAFE_SOURCE]))
    return pole


@dataclass
class Built:
    report: Report
    folder: Path

    def html(self, name: str) -> str:
        return (self.folder / name).read_text(encoding="utf-8")

    def tree(self, name: str) -> Element:
        return parse(self.html(name))

    @property
    def index(self) -> Element:
        return self.tree("index.html")

    def pole(self, n: int = 0) -> Element:
        return self.tree(self.report.poles[n].page)


def _build(tmp_path_factory: pytest.TempPathFactory, name: str, data: object, **options: object) -> Built:
    folder = tmp_path_factory.mktemp(name) / "report"
    report = write_report(data, folder, as_of=AS_OF, progress=False, **options)  # type: ignore[arg-type]
    return Built(report, folder)


@pytest.fixture(scope="session")
def fictional_fr(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return _build(tmp_path_factory, "fictional-fr", load(FICTIONAL))


@pytest.fixture(scope="session")
def fictional_en(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return _build(tmp_path_factory, "fictional-en", load(FICTIONAL), lang="en")


@pytest.fixture(scope="session")
def paper(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return _build(tmp_path_factory, "paper", load_all(PAPER))


@pytest.fixture(scope="session")
def examples_fr(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The report of every example pole, as ``examples/html_report.py`` writes it."""
    return _build(tmp_path_factory, "examples-fr", load_all([FICTIONAL, *PAPER]))


@pytest.fixture(scope="session")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return _build(tmp_path_factory, "hostile", hostile_pole().to_graph())


CHROMIUM = find_chromium()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Headless Chromium, one per test module (skipped where none is installed)."""
    if CHROMIUM is None:
        pytest.skip("no Chromium installed (Debian: apt-get install chromium)")
    with Browser(CHROMIUM) as b:
        yield b
