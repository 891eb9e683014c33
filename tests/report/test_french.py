"""French output is French: no English word, no internal key, in any page or command output of the examples.

Every command that writes text for a person (``ptce info``, ``validate
--definition all``, ``metrics``, ``typology``, ``referentiel``) is run in
French on every example input, and every page of the examples' HTML report is
read (visible text, ``title``, ``alt`` and ``aria-label``).  What is not prose
is set aside first: IRIs, prefixed names (``ptce:Member``), file names, and
the instructions that name a spreadsheet column (« (actors.csv, colonne
relation = member) » — the codes the user types are English by contract).
What remains must hold none of :data:`ENGLISH` (words that are not French,
as whole words) and none of :data:`internal_keys` (the codes and measure keys
of the program).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from ptce_graph.cli import main
from ptce_graph.ess import NAMED_LEGAL_FORMS
from ptce_graph.io.vocabularies import VOCABULARIES, vocabulary
from ptce_graph.metrics.results import LOGIC_FIELDS, SCALAR_FIELDS
from ptce_graph.model import ActorKind, FundingKind, Innovation, Logic
from tests.conftest import EXAMPLES
from tests.report.conftest import Built

#: English words a French text must not contain (French homographs such as « social », « local », « public »,
#: « or », « date », « total », « interaction » are left out).
ENGLISH = frozenset("""
    the and of with without not yes fits fit unknown member members partner partners partnership link links
    actor actors enterprise enterprises technological both none missing evidence assessed pole poles territory
    strategy project projects funding this that which has have is are for from by should must least needed
    computed density reading group groups brokerage broker brokers isolated linked pairs mean median
    legal form kind other others authority authorities research training network networks person
    private fees resources volunteering call undated dated over time data warning warnings
""".split())

_INPUTS = [EXAMPLES / "fictional-pole" / "bundle", *sorted(p for p in (EXAMPLES / "fictional-variants").iterdir()
                                                             if p.is_dir()),
           *sorted((EXAMPLES / "paper-2014").glob("*.ttl"))]
_COMMANDS = (["info"], ["validate", "--definition", "all"], ["metrics"], ["typology"], ["referentiel"])


def internal_keys() -> set[str]:
    """Codes and keys a person should never read in French: enumeration codes with a hyphen or in English,
    measure keys (snake_case, dotted)."""
    codes = {c.value for enum in (ActorKind, FundingKind, Innovation, Logic) for c in enum}
    # every closed value of the bundle whose French word is not its code (state-ptce-call-2014, laureate…)
    codes |= {code for name in VOCABULARIES if name not in ("legal_form", "boolean")
              for code in vocabulary(name).codes if vocabulary(name).label(code, "fr") != code}
    codes |= {f for f in NAMED_LEGAL_FORMS if "-" in f}
    codes |= {"does-not-fit", "not-met", "fits", "undetermined", "unknown"}  # not « met », a French verb
    keys = {k for k in (*SCALAR_FIELDS, *LOGIC_FIELDS) if "_" in k}
    french = {"animation", "interaction", "mutualisation", "public", "social"}  # codes that are French words
    return (codes - french) | keys


#: Names that are names, not keys.
NAMES = frozenset({"ptce_graph"})

_IRI = re.compile(r"https?://\S+|<[^<>\s]+>|\b[a-z][a-z0-9]*:[A-Za-z0-9_.-]+")
_FILE = re.compile(r"\S+\.(?:csv|ttl|jsonld|json|html|png|svg)\b")
_CSV_NOTE = re.compile(r"\([^()]*\.csv[^()]*\)")  # (actors.csv, colonne relation = member ; ptce:relation…)
_COLUMN = re.compile(r"\bcolonnes?\s+([\w-]+)(?:\s+et\s+([\w-]+))?")
_CUT = re.compile(r"\S*…")  # a word cut to fit a column (« Institut fictif de form… ») is not a word
_WORD = re.compile(r"[A-Za-zÀ-ÿœŒ_][A-Za-zÀ-ÿœŒ_'.-]*[A-Za-zÀ-ÿœŒ_]|[A-Za-z]")


def prose(text: str) -> str:
    """The text a person reads as sentences: IRIs, file names and column instructions removed."""
    text = _CUT.sub(" ", text)
    text = _CSV_NOTE.sub(" ", text)
    text = _COLUMN.sub(" ", text)
    text = _IRI.sub(" ", text)
    return _FILE.sub(" ", text)


def problems(text: str, where: str) -> list[str]:
    found = []
    keys = internal_keys()
    for line in prose(text).splitlines():
        for token in _WORD.findall(line):
            word = token.strip("'.-")
            if word.lower() in ENGLISH or word.split("'")[-1].lower() in ENGLISH:
                found.append(f"{where}: English « {word} » in: {line.strip()[:160]}")
            elif word in keys or ("_" in word and word not in NAMES) or re.fullmatch(
                    r"[a-z]{2,}(?:\.[a-z_]{2,}){2,}", word):
                found.append(f"{where}: key « {word} » in: {line.strip()[:160]}")
    return found


class _Text(HTMLParser):
    """The visible text of a page, with the words of its title, alt and aria-label attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        for name, value in attrs:
            if name in ("title", "alt", "aria-label") and value:
                self.parts.append("\n" + value + "\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip -= 1
        if tag in ("p", "li", "tr", "td", "th", "dd", "dt", "h1", "h2", "h3", "summary", "figcaption", "div"):
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def page_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return "".join(parser.parts)


def test_the_scan_finds_english_and_keys() -> None:
    assert problems("liens de coopération : 16 (mutualisation 7, partnership 2)", "x")
    assert problems("non calculé : by_logic.animation.average_clustering — aucun", "x")
    assert problems("projets : 5 (social 1, technological 1)", "x")
    assert problems("forme juridique : commercial-company", "x")
    assert problems("appels de l'État : state-ptce-call-2014 (laureate, 2014)", "x")
    assert not problems("Institut fictif de form…  membre", "x")
    assert not problems("Aucun membre n'est consigné (actors.csv, colonne relation = member ; ptce:relation "
                        "ptce:Member) — https://example.org/the/page", "x")
    assert not problems("renseigner la colonne ess_mention (actors.csv) ; colonnes strategy et strategy_start", "x")


@pytest.mark.parametrize("command", _COMMANDS, ids=lambda c: c[0])
def test_every_command_speaks_french(command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code = main([*command, *map(str, _INPUTS), "--lang", "fr"])
    out = capsys.readouterr().out
    assert code in (0, 1) and out.strip()
    found = problems(out, "ptce " + command[0])
    assert not found, "\n".join(found[:30])


def _report_problems(folder: Path) -> list[str]:
    found = []
    for page in sorted(folder.glob("*.html")):
        found += problems(page_text(page.read_text(encoding="utf-8")), page.name)
    return found


def test_every_page_of_the_report_speaks_french(fictional_fr: Built, paper: Built) -> None:
    found = _report_problems(fictional_fr.folder) + _report_problems(paper.folder)
    assert not found, "\n".join(found[:30])
