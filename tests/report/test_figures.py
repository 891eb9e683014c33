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
    network_size,
    plain_label,
)
from ptce_graph.report.placement import Box, overlap
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
    check_files(files, *network_size(n))
    assert network_size(n) == (900, 820)


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
    # Texts are drawn with parse_math=False: a name is shown as it is written, $ and \\ included.
    assert plain_label("Coût $x$ \\ fin") == "Coût $x$ \\ fin"
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


# ---------------------------------------------------------------------------
#  Labels: none covers another, none is cut, every name is in a tooltip
# ---------------------------------------------------------------------------

_NAMES = ("Coopérative", "Association", "Régie de quartier", "Communauté de communes", "Université", "Laboratoire",
          "Société coopérative d'intérêt collectif", "Mutuelle", "Fondation", "Groupement d'employeurs")
_PLACES = ("du Val d'Exemple", "des Hauts-de-Fiction", "de Saint-Imaginaire", "du Pays fictif")


def synthetic_network(n: int, seed: int = 7) -> nx.MultiGraph:
    """A fictional network of ``n`` actors with long names, every group and logic, some actors isolated."""
    import random

    rng = random.Random(seed)
    graph = nx.MultiGraph()
    for i in range(n):
        graph.add_node(f"https://example.org/a{i:03d}", label=f"{rng.choice(_NAMES)} {rng.choice(_PLACES)} n° {i}",
                       group=GROUPS[i % len(GROUPS)])
    nodes = list(graph.nodes())
    for _ in range(round(n * 1.2) if n > 2 else n - 1):
        u, v = rng.sample(nodes, 2)
        graph.add_edge(u, v, logic=rng.choice(LOGICS))
    return graph


def check_labels(files: FigureFiles, n: int) -> None:
    """From the figure's own text extents: no two label boxes overlap, none leaves the image or enters the legend."""
    boxes = [Box(b.x0, b.y0, b.x1, b.y1) for b in files.labels]
    assert overlap(boxes) == []
    legend = files.width * 0.775
    for b in files.labels:
        assert 0 <= b.x0 < b.x1 <= legend and 0 <= b.y0 < b.y1 <= files.height, b
        assert b.text == b.name or (b.text.endswith("…") and b.name.startswith(b.text[:-1].rstrip()))
    # Every actor labelled in small networks; most of them up to 60 (the others have their tooltip).
    assert len(files.labels) == n if n <= 8 else len(files.labels) >= 0.8 * n


@pytest.mark.parametrize("n", [2, 60])
def test_labels_overlap_nothing(n: int) -> None:
    files = network_figure(synthetic_network(n))
    check_labels(files, n)
    assert (files.width, files.height) == network_size(n)


@pytest.mark.slow
@pytest.mark.parametrize("n", [3, 5, 8, 12, 20, 30, 45])
def test_labels_overlap_nothing_at_every_size(n: int) -> None:
    check_labels(network_figure(synthetic_network(n)), n)


def test_labels_of_the_fictional_pole(fictional_graph: nx.MultiGraph) -> None:
    files = network_figure(fictional_graph, lang="fr", title="Réseau de coopération du pôle fictif")
    check_labels(files, fictional_graph.number_of_nodes())
    assert len(files.labels) == fictional_graph.number_of_nodes()  # 22 actors: every one labelled
    # The SVG names the figure and gives every actor and every label the actor's full name as a tooltip.
    root = ET.fromstring(files.svg)
    assert root[0].tag == f"{SVG}title" and root[0].text == "Réseau de coopération du pôle fictif"
    actors = root.find(f".//{SVG}g[@id='actors']")
    assert actors is not None
    names = sorted(d["label"] for _, d in fictional_graph.nodes(data=True))
    assert sorted(t.text or "" for t in actors.iter(f"{SVG}title")) == names
    labels = [g for g in root.iter(f"{SVG}g") if g.get("id", "").startswith("label-")]
    assert len(labels) == len(files.labels)
    assert {g.find(f"{SVG}title").text for g in labels} <= set(names)  # type: ignore[union-attr]


def test_a_network_without_links_says_so() -> None:
    graph = nx.MultiGraph()
    graph.add_node("a", label="Région fictive", group="public")
    graph.add_node("b", label="Commune fictive", group="public")
    fr, en = network_figure(graph, lang="fr"), network_figure(graph, lang="en")
    assert b"Aucun lien de coop" in fr.svg and b"No cooperation link" in en.svg  # in the text's comment
    assert len(fr.labels) == 2
