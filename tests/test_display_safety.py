"""No control character reaches a terminal, an SVG or a GraphML file raw (issue 16, item 9),
and what ptce_graph writes it can read back.

Families: every C0 control, DEL, every C1 control (U+009B is CSI in 8-bit
terminals), the line and paragraph separators, every bidirectional formatting
character (Trojan Source), carried by names, labels and cell values into every
text output of the command line, its messages, JSON, GraphML and SVG.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD

from ptce_graph.cli import main
from ptce_graph.errors import OutputError
from ptce_graph.io import load, save
from ptce_graph.io.display import json_text, page_value, printable
from ptce_graph.io.rules import BIDI_CONTROLS, MAX_IRI_LENGTH
from ptce_graph.io.serialize import to_jsonld, to_ntriples, to_turtle

BIDI = [chr(c) for c in (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))]
C0 = [chr(c) for c in range(0x20) if chr(c) not in "\t\n"]
C1 = [chr(c) for c in range(0x7F, 0xA0)]
UNSAFE = C0 + C1 + ["\u2028", "\u2029"] + BIDI
RAW = re.compile(f"[{re.escape(''.join(UNSAFE))}]")
#: What a data file may carry (the readers refuse C0 controls but tab and line breaks, and DEL).
READABLE = [c for c in UNSAFE if c not in C0 and c != "\x7f"] + ["\r"]
EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "fictional-pole" / "fictional-pole.ttl"


def test_bidi_controls_are_one_list() -> None:
    assert set(BIDI) == set(re.findall(f"[{BIDI_CONTROLS}]", "".join(chr(c) for c in range(0x3000))))


@pytest.mark.parametrize("char", UNSAFE, ids=[f"U+{ord(c):04X}" for c in UNSAFE])
def test_printable_escapes_every_unsafe_character(char: str) -> None:
    text = f"avant{char}après"
    assert not RAW.search(printable(text)) and not RAW.search(printable(text, one_line=True))
    assert "\n" not in printable("a\nb", one_line=True) and printable("a\nb\tc") == "a\nb\tc"
    dumped = json.dumps({"v": text}, ensure_ascii=False)
    assert not RAW.search(json_text(dumped)) and json.loads(json_text(dumped)) == {"v": text}


@pytest.fixture(scope="module")
def hostile_pole(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fictional pole with every readable unsafe character in its names and labels."""
    graph = load(EXAMPLE)
    payload = "".join(READABLE)
    renamed = Graph()
    for s, p, o in graph:
        if isinstance(o, Literal) and o.datatype is None and len(str(o)) < 200:
            o = Literal(f"{o} {payload}", lang=o.language)
        renamed.add((s, p, o))
    path = tmp_path_factory.mktemp("hostile") / "pole.ttl"
    save(renamed, path)
    assert payload in path.read_text(encoding="utf-8") or "\\u" in path.read_text(encoding="utf-8")
    return path


COMMANDS = [
    ["info"], ["info", "-f", "json"], ["validate", "--as-of", "2026-01-01"],
    ["validate", "-f", "json", "--as-of", "2026-01-01"], ["metrics", "--actors"], ["metrics", "-f", "json"],
    ["typology"], ["typology", "-f", "json"], ["referentiel"], ["reason", "--reasoner", "none"],
    ["reason", "--reasoner", "none", "-f", "json"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=[" ".join(c) for c in COMMANDS])
def test_no_unsafe_character_reaches_the_terminal(command: list[str], hostile_pole: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    code = main([command[0], str(hostile_pole), *command[1:]])
    out, err = capsys.readouterr()
    assert code in (0, 1), err
    assert not RAW.search(out), [hex(ord(c)) for c in RAW.findall(out)][:5]
    assert not RAW.search(err)
    if "json" in command:
        json.loads(out)


def test_messages_quote_values_escaped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text('<https://example.org/a> <https://example.org/p> "x"^^<https://example.org/dt\u202e> .\n'
                   '<https://example.org/a> <https://example.org/q> "2014\u009b13\u2028"^^'
                   '<http://www.w3.org/2001/XMLSchema#date> .\n', encoding="utf-8")
    assert main(["info", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("ptce: error: ") and err.count("\n") == 1 and not RAW.search(err)


def test_graphml_and_svg_carry_no_raw_control(hostile_pole: Path, tmp_path: Path) -> None:
    from ptce_graph.metrics.graph import pole_graph, select_poles, write_graphml
    from ptce_graph.report.figures import network_figure

    pole = select_poles(load(hostile_pole), None)[0]
    # A pole built in Python may hold what no file may: C0 controls too.
    pole.actors[0].name = "ESC\x1b[31m rouge \x00 NUL " + "".join(UNSAFE)
    target = tmp_path / "g.graphml"
    write_graphml([pole_graph(pole)], target)
    text = target.read_text(encoding="utf-8")
    assert not RAW.search(text)
    ET.fromstring(text.encode("utf-8"))  # well-formed XML
    svg = network_figure(pole_graph(pole)).svg
    assert not RAW.search(svg.decode("utf-8"))
    ET.fromstring(svg)


def test_page_values_are_escaped_and_markup_stays_markup() -> None:
    from markupsafe import Markup, escape

    for char in UNSAFE:
        assert not RAW.search(str(page_value(f"nom{char}fin")))
        shown = page_value(Markup(f"<b>{escape('nom' + char)}</b>"))
        assert isinstance(shown, Markup) and not RAW.search(shown) and shown.startswith("<b>")
    assert page_value("ligne 1\r\nligne 2") == "ligne 1\nligne 2" and page_value(3) == 3


def test_every_page_template_escapes_what_it_prints() -> None:
    """The report's pages and ptce serve's (linked-data pages, catalogue, check page) share the rule."""
    from ptce_graph.report.html import environment as report_pages
    from ptce_graph.serve.html import environment as served_pages

    for environment in (report_pages(), served_pages()):
        page = environment.from_string("<td title='{{ v }}'>{{ v }}</td>").render(v="nom " + "".join(UNSAFE))
        assert not RAW.search(page) and "\\u202e" in page


@pytest.mark.slow  # a whole report (4 s); the check page of ptce serve proves the rule in the default run
def test_html_pages_carry_no_raw_control(hostile_pole: Path, tmp_path: Path) -> None:
    """A report of a pole whose names hold every readable unsafe character: no page holds one raw."""
    from ptce_graph.report import write_report

    folder = tmp_path / "rapport"
    write_report(load(hostile_pole), folder, as_of="2026-01-01")
    pages = sorted(folder.rglob("*.html"))
    assert pages
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert not RAW.search(text), (page.name, [hex(ord(c)) for c in RAW.findall(text)][:5])


def test_a_map_caption_carries_no_raw_control(hostile_pole: Path, tmp_path: Path) -> None:
    target = tmp_path / "carte.svg"
    assert main(["map", str(hostile_pole), "-o", str(target), "--sources", "ESC\x1b[31m " + "".join(UNSAFE)]) == 0
    svg = target.read_bytes()
    assert not RAW.search(svg.decode("utf-8"))
    ET.fromstring(svg)


# ---------------------------------------------------------------------------
#  What is written can be read back: every rule of the readers is checked on write
# ---------------------------------------------------------------------------

S, P = URIRef("https://example.org/s"), URIRef("https://example.org/p")
UNREADABLE = [
    ("long-iri", (URIRef("https://example.org/" + "a" * MAX_IRI_LENGTH), P, Literal("x"))),
    ("long-citation", (S, URIRef("http://purl.org/dc/terms/source"),
                       URIRef("https://example.org/source/" + "c" * MAX_IRI_LENGTH))),
    ("relative-iri", (URIRef("relative/x"), P, Literal("x"))),
    ("bidi-iri", (URIRef("https://example.org/a\u202eb"), P, Literal("x"))),
    ("control-literal", (S, P, Literal("a\x01b"))),
    ("del-literal", (S, P, Literal("a\x7fb"))),
    ("ill-typed", (S, P, Literal("abc", datatype=XSD.integer))),
    ("date-13", (S, P, Literal("2014-13-01", datatype=XSD.date))),
    ("foreign-digits", (S, P, Literal("٢٠١٤", datatype=XSD.gYear))),
    ("huge-integer", (S, P, Literal("9" * 5000, datatype=XSD.integer))),
    ("long-datatype", (S, P, Literal("x", datatype=URIRef("https://example.org/dt/" + "d" * MAX_IRI_LENGTH)))),
]


@pytest.mark.parametrize("triple", [t for _, t in UNREADABLE], ids=[i for i, _ in UNREADABLE])
def test_what_could_not_be_read_back_is_not_written(triple: tuple, tmp_path: Path) -> None:
    graph = Graph()
    graph.add(triple)
    for writer in (to_turtle, to_ntriples, to_jsonld):
        with pytest.raises(OutputError):
            writer(graph)
    with pytest.raises(OutputError):
        save(graph, tmp_path / "out.ttl")
    assert not (tmp_path / "out.ttl").exists()


def test_every_written_file_reads_back(hostile_pole: Path, tmp_path: Path) -> None:
    graph = load(hostile_pole)
    for name in ("a.ttl", "a.nt", "a.jsonld"):
        save(graph, tmp_path / name)
        assert len(load(tmp_path / name)) == len(graph)


@pytest.mark.parametrize("cell, column", [("Nom\x1b[2J", "name"), ("Nom\x00", "name"), ("x\x7f", "name"),
                                          ("https://example.org/" + "c" * MAX_IRI_LENGTH, "citation"),
                                          ("https://example.org/a\u202eb", "citation")],
                         ids=["escape", "nul", "del", "long-citation", "bidi-citation"])
def test_bundle_cells_follow_the_same_rules(cell: str, column: str, tmp_path: Path) -> None:
    import shutil

    from ptce_graph.errors import BundleError
    from ptce_graph.io.bundle import read_bundle

    bundle = tmp_path / "bundle"
    shutil.copytree(EXAMPLE.parent / "bundle", bundle)
    actors = bundle / "actors.csv"
    lines = actors.read_text(encoding="utf-8").split("\n")
    header = lines[0].split(",")
    cells = lines[1].split(",")
    cells[header.index(column)] = cell
    lines[1] = ",".join(cells)
    actors.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(BundleError) as caught:
        read_bundle(bundle)
    assert caught.value.source.endswith("actors.csv") and caught.value.line == 2
    assert caught.value.location.field in (column, None if "\x00" in cell else column)  # NUL: the whole file
    assert not RAW.search(str(caught.value))


def test_a_bundle_cell_the_reader_would_refuse_is_not_written(tmp_path: Path) -> None:
    from ptce_graph.io.rules import MAX_CELL_CHARS

    text = EXAMPLE.read_text(encoding="utf-8")
    name = "PTCE fictif du Val d'Exemple"
    assert f'"{name}"' in text
    path = tmp_path / "long-name.ttl"
    path.write_text(text.replace(f'"{name}"', '"' + "P" * (MAX_CELL_CHARS + 1) + '"', 1), encoding="utf-8")
    with pytest.raises(OutputError, match="read it back"):
        save(load(path), tmp_path / "bundle", format="bundle")
    assert not (tmp_path / "bundle").exists()
    path.write_text(text.replace(f'"{name}"', '"' + "P" * MAX_CELL_CHARS + '"', 1), encoding="utf-8")
    save(load(path), tmp_path / "bundle", format="bundle")
    assert len(load(tmp_path / "bundle")) > 0  # the longest cell the reader takes reads back


def test_a_table_the_reader_would_refuse_as_too_wide_is_neither_read_nor_written(tmp_path: Path) -> None:
    """The caps on tables (io.tables.MAX_COLUMNS) hold on read, for CSV as for workbooks, and on write: a
    pole with more annotation columns than a sheet may have is refused (exit 2), never written unreadable
    (more than 16,384 columns was an internal error of the xlsx writer)."""
    import shutil

    from ptce_graph.errors import BundleError
    from ptce_graph.io.bundle import read_bundle
    from ptce_graph.io.tables import MAX_COLUMNS

    bundle = tmp_path / "bundle"
    shutil.copytree(EXAMPLE.parent / "bundle", bundle)
    actors = bundle / "actors.csv"
    lines = actors.read_text(encoding="utf-8").rstrip("\n").split("\n")
    extra = MAX_COLUMNS - len(lines[0].split(",")) + 1
    lines = [lines[0] + "".join(f",note_{j}" for j in range(extra))] + [line + "," * extra for line in lines[1:]]
    actors.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(BundleError) as caught:
        read_bundle(bundle)
    assert caught.value.source.endswith("actors.csv") and caught.value.line == 1
    assert f"at most {MAX_COLUMNS} columns" in str(caught.value)

    pole = read_bundle(EXAMPLE.parent / "bundle")
    pole.actors[0].extra = {f"note_{j}": "x" for j in range(MAX_COLUMNS + 1)}
    for target in ("wide", "wide.xlsx", "wide.ods"):
        with pytest.raises(OutputError, match=r"of \d{3,} columns \(at most 500 are read\): ptce_graph could not"):
            save(pole.to_graph(), tmp_path / target, format="bundle" if "." not in target else None)
        assert not (tmp_path / target).exists()
