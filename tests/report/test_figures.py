"""Figures: produced, non-empty, valid PNG and SVG, byte-identical from run to run, readable on odd data."""

from __future__ import annotations

import datetime as dt
import io
import xml.etree.ElementTree as ET

import networkx as nx
import pytest

from ptce_graph.io import load
from ptce_graph.metrics.graph import GROUPS, LOGICS, cooperation_graph
from ptce_graph.metrics.measures import simple_graph
from ptce_graph.report.figures import (
    SPRING_LIMIT,
    FigureFiles,
    density_figure,
    layout,
    network_figure,
    plain_label,
)
from ptce_graph.report.style import GROUP_COLOURS, LOGIC_STYLES
from tests.report.conftest import FICTIONAL, hostile_pole

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
SVG = "{http://www.w3.org/2000/svg}"


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG_SIGNATURE
    assert data[12:16] == b"IHDR"
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def drawn_pixels(png: bytes) -> int:
    """How many pixels of a PNG are not white: a figure with something drawn has some."""
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("L")
    return sum(image.histogram()[:250])


def check_files(files: FigureFiles, width: int, height: int, *, drawn: bool = True) -> ET.Element:
    assert png_size(files.png) == (width, height) == (files.width, files.height)
    root = ET.fromstring(files.svg)
    assert root.tag == f"{SVG}svg"
    if drawn:
        assert drawn_pixels(files.png) > 10
        assert root.find(f".//{SVG}path") is not None
    # No creation date, no matplotlib version: the same data gives the same bytes on any day.
    assert b"<dc:date>" not in files.svg
    assert b"matplotlib" not in files.png.lower()
    return root


@pytest.fixture(scope="module")
def fictional_graph() -> nx.MultiGraph:
    return cooperation_graph(load(FICTIONAL))


def test_group_and_logic_palettes_cover_the_metrics_vocabulary() -> None:
    assert set(GROUP_COLOURS) == set(GROUPS)
    assert set(LOGIC_STYLES) == set(LOGICS)
    assert len(set(GROUP_COLOURS.values())) == len(GROUPS)
    assert len({(s.colour, s.dashes) for s in LOGIC_STYLES.values()}) == len(LOGICS)
    # Not colour alone: each logic has its own line pattern too (dash pattern in figures, CSS line in legends).
    assert len({s.dashes for s in LOGIC_STYLES.values()}) == len(LOGICS)


def test_network_figure_is_a_full_size_png_and_svg(fictional_graph: nx.MultiGraph) -> None:
    files = network_figure(fictional_graph, lang="fr")
    root = check_files(files, 900, 620)
    # Glyphs are paths: the SVG needs no font; the legend's words are drawn (one <g> per text object).
    assert b"<text" not in files.svg
    assert root.find(f".//{SVG}defs") is not None


def test_thumbnail_is_small(fictional_graph: nx.MultiGraph) -> None:
    files = network_figure(fictional_graph, thumbnail=True)
    check_files(files, 180, 130)
    assert len(files.png) < 20_000


def test_same_input_same_bytes(fictional_graph: nx.MultiGraph) -> None:
    first = network_figure(fictional_graph, lang="en")
    again = network_figure(cooperation_graph(load(FICTIONAL)), lang="en")
    assert first.png == again.png
    assert first.svg == again.svg
    points = [(dt.date(2014, 1, 1), 0.1), (dt.date(2016, 6, 1), 0.25)]
    assert density_figure(points, lang="fr") == density_figure(list(points), lang="fr")


def test_language_changes_the_legend(fictional_graph: nx.MultiGraph) -> None:
    assert network_figure(fictional_graph, lang="fr").png != network_figure(fictional_graph, lang="en").png


def test_layout_is_deterministic_and_keeps_every_actor(fictional_graph: nx.MultiGraph) -> None:
    simple = simple_graph(fictional_graph)
    pos = layout(simple)
    assert set(pos) == set(simple.nodes())
    assert pos == layout(simple_graph(cooperation_graph(load(FICTIONAL))))
    # Insertion order does not matter: nodes are taken in IRI order.
    shuffled = nx.Graph()
    shuffled.add_nodes_from(reversed(list(simple.nodes(data=True))))
    shuffled.add_edges_from(reversed(list(simple.edges(data=True))))
    assert layout(shuffled) == pos
    # Isolated actors sit in rows under the linked ones.
    isolated = [v for v in simple.nodes() if simple.degree(v) == 0]
    assert len(isolated) == 3
    lowest_linked = min(pos[v][1] for v in simple.nodes() if simple.degree(v) > 0)
    assert all(pos[v][1] < lowest_linked for v in isolated)
    linked = [pos[v] for v in simple.nodes() if simple.degree(v) > 0]
    assert all(-1.0 <= x <= 1.0 and -1.0 <= y <= 1.0 for x, y in linked)


def test_every_actor_is_drawn_distinctly(fictional_graph: nx.MultiGraph) -> None:
    pos = layout(simple_graph(fictional_graph))
    points = sorted(pos.values())
    assert len(set(points)) == len(points)


def test_large_network_uses_the_group_layout() -> None:
    graph = nx.MultiGraph()
    n = SPRING_LIMIT + 100
    for i in range(n):
        graph.add_node(f"a{i:04d}", label=f"Acteur {i}", group=GROUPS[i % len(GROUPS)])
    for i in range(1, n):
        graph.add_edge(f"a{i:04d}", f"a{(i * 7) % i:04d}", logic=LOGICS[i % len(LOGICS)])
    simple = simple_graph(graph)
    pos = layout(simple)
    assert len(pos) == n and len(set(pos.values())) == n
    files = network_figure(graph)
    check_files(files, 900, 620)


@pytest.mark.parametrize("size", [0, 1, 2])
def test_tiny_networks(size: int) -> None:
    graph = nx.MultiGraph()
    for i in range(size):
        graph.add_node(f"a{i}", label=f"Acteur {i}", group="ess")
    if size == 2:
        graph.add_edge("a0", "a1", logic="animation")
    check_files(network_figure(graph), 900, 620, drawn=size > 0)
    check_files(network_figure(graph, thumbnail=True), 180, 130, drawn=size > 0)


def test_labels_are_drawn_as_text_not_mathtext() -> None:
    assert plain_label("Coût $x$ \\ fin") == "Coût \\$x\\$ \\\\ fin"
    assert plain_label("  a\n  b ") == "a b"
    assert plain_label("abcdefghij", 5) == "abcd…"
    # A name with mathtext syntax that matplotlib could not parse does not break the figure.
    graph = cooperation_graph(hostile_pole().to_graph())
    check_files(network_figure(graph), 900, 620)


def test_several_logics_between_two_actors_are_separate_curves() -> None:
    graph = nx.MultiGraph()
    graph.add_node("a", label="A", group="ess")
    graph.add_node("b", label="B", group="public")
    for logic in LOGICS:
        graph.add_edge("a", "b", logic=logic)
    one = nx.MultiGraph(graph)
    one.remove_edges_from([("a", "b", k) for k in list(one["a"]["b"])[1:]])
    many, single = network_figure(graph, thumbnail=True), network_figure(one, thumbnail=True)
    svg = many.svg.decode()
    # Each logic is drawn in its own colour.
    for logic in LOGICS:
        assert LOGIC_STYLES[logic].colour.lower() in svg.lower()
    assert LOGIC_STYLES["partnership"].colour.lower() not in single.svg.decode().lower()


def test_density_figure() -> None:
    points = [(dt.date(2012, 6, 1), None), (dt.date(2013, 1, 1), 1.0), (dt.date(2015, 3, 1), 0.4),
              (dt.date(2019, 1, 1), 0.2)]
    check_files(density_figure(points, lang="fr", until=dt.date(2026, 1, 1)), 700, 260)
    check_files(density_figure([(dt.date(2020, 1, 1), 0.5)], lang="en"), 700, 260)
    assert density_figure(points, until=dt.date(2026, 1, 1)) != density_figure(points)


def test_figures_leave_matplotlib_global_state_alone() -> None:
    import matplotlib

    backend, params = matplotlib.get_backend(), dict(matplotlib.rcParams)
    network_figure(cooperation_graph(load(FICTIONAL)))
    density_figure([(dt.date(2020, 1, 1), 0.5)])
    assert matplotlib.get_backend() == backend
    assert dict(matplotlib.rcParams) == params
