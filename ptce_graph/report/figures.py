"""Figures of the report: a pole's cooperation network (full size and thumbnail) and its density over time.

Drawn with matplotlib :class:`~matplotlib.figure.Figure` objects — never
pyplot, never ``matplotlib.use()`` — so that importing or calling this
module changes no global state of the caller's matplotlib.  Every figure is
written as PNG and SVG with the same bytes for the same input:

* the layout is networkx's spring layout with a fixed seed over the actors in
  IRI order (above :data:`SPRING_LIMIT` linked actors, a deterministic layout
  by group and degree, which needs no SciPy and stays readable);
* the SVG has a fixed hash salt and no date, the PNG no software or date
  metadata, glyphs are drawn as paths (no font needed to view them).

Nodes are coloured by group (:data:`ptce_graph.report.style.GROUP_COLOURS`)
and sized by degree (the number of actors each cooperates with); each logic
of cooperation has its own colour and line style, and two actors joined by
several logics get one curve per logic.  Labels come from the data, are shown
as plain text (no ``$…$`` mathtext) and are placed by
:mod:`ptce_graph.report.placement` from the texts' measured extents: no label
covers another label or an actor, none is cut by the border.  The SVG gives
every actor and label the actor's full name as a ``<title>`` (a tooltip).
"""

from __future__ import annotations

import datetime as _dt
import io
import math
import re
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

import networkx as nx

from ptce_graph.io.display import printable
from ptce_graph.metrics.graph import GROUPS, LOGICS
from ptce_graph.metrics.measures import DEFAULT_SEED, simple_graph
from ptce_graph.report.i18n import capitalise, metric_label, text
from ptce_graph.report.placement import Anchor, Box, Disc, place_labels
from ptce_graph.report.style import GROUP_COLOURS, LOGIC_STYLES

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.backend_bases import RendererBase
    from matplotlib.figure import Figure

# matplotlib is imported inside the functions that draw (as networkx is by the modules that measure):
# it takes about half a second to import, and only the HTML report draws.
__all__ = [
    "FigureFiles",
    "LabelBox",
    "SPRING_LIMIT",
    "THUMBNAIL_PIXELS",
    "DENSITY_PIXELS",
    "figure_pixels",
    "layout",
    "network_figure",
    "network_size",
    "density_figure",
    "plain_label",
]

#: Above this many linked actors, the spring layout (O(n²) per iteration without SciPy) gives way to a
#: layout by group and degree.
SPRING_LIMIT = 500

#: Labels longer than this are cut with an ellipsis in the full figure (the tooltip and the actor table
#: have the full names); where the label does not fit, a shorter cut is tried.
LABEL_WIDTH = 28
LABEL_SHORT = 16

#: In the full figure, every actor gets a label up to this many actors; above, the most connected ones.
LABEL_ALL_UP_TO = 60
LABEL_TOP = 40

#: Size of the full figure in inches (100 px each): wider than high, with the legend in a right-hand
#: column; taller for more actors (readable up to 60 labelled actors).
FULL_WIDTH = 9.0
FULL_HEIGHT = 6.2
_HEIGHT_PER_ACTOR = 0.05  # inches added per actor above 30, up to 70 actors
_LEGEND_LEFT = 0.775  # the legend column starts here (fraction of the width)
_LABEL_PAD = 0.15  # the label's white box around the text, in fractions of the font size

#: Size in pixels (at 100 dpi) of the thumbnail of a network and of the density figure; the full network's
#: grows with its actors (:func:`network_size`).  :func:`figure_pixels` gives each before it is drawn.
THUMBNAIL_PIXELS = (180, 130)
DENSITY_PIXELS = (700, 260)

_RC: Any = {  # matplotlib's typing wants literal keys
    "svg.hashsalt": "ptce_graph",
    "svg.fonttype": "path",
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.unicode_minus": True,
    "path.simplify": True,
}
_PNG_METADATA: dict[str, str | None] = {"Software": None}
_SVG_METADATA: dict[str, str | None] = {"Date": None, "Creator": "ptce_graph"}


@dataclass(frozen=True)
class LabelBox:
    """A label as drawn in a network figure: its text, the actor's full name, its box in pixels.

    The box is the label's white background (the text's extent as matplotlib
    measures it, plus the padding), with the origin at the top left of the
    image as in the PNG and in a browser.
    """

    text: str
    name: str
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass(frozen=True)
class FigureFiles:
    """A figure written as PNG and SVG, with its size in pixels (for the page's ``width``/``height``).

    ``labels`` are the labels of a network figure, where they were drawn (none for other figures).
    """

    png: bytes
    svg: bytes
    width: int
    height: int
    labels: tuple[LabelBox, ...] = ()


def plain_label(value: str, width: int | None = None) -> str:
    """A data label on one line, cut to ``width`` characters with « … ».

    Drawn as is: every text of the figures is drawn with ``parse_math=False``,
    so ``$`` and ``\\`` in a name are plain characters; control and bidi
    characters are shown as escapes (an SVG cannot carry them raw: io.display).
    """
    value = printable(" ".join(str(value).split()), one_line=True)
    if width is not None and len(value) > width:
        value = value[: width - 1].rstrip() + "…"
    return value


# ---------------------------------------------------------------------------
#  Layout
# ---------------------------------------------------------------------------


def layout(simple: nx.Graph, *, seed: int = DEFAULT_SEED) -> dict[Hashable, tuple[float, float]]:
    """Positions of the actors: linked actors in [-1, 1]², isolated actors in rows below.

    Same graph, same positions: nodes and edges are taken in IRI order and the
    spring layout is seeded.  Isolated actors are set apart (sorted by group,
    then label) instead of being flung to the borders by the spring forces.
    """
    nodes = sorted(simple.nodes(), key=str)
    linked = [v for v in nodes if simple.degree(v) > 0]
    isolated = [v for v in nodes if simple.degree(v) == 0]
    pos: dict[Hashable, tuple[float, float]] = {}
    if linked:
        core = nx.Graph()
        core.add_nodes_from(linked)
        edges = sorted(((u, v) if str(u) <= str(v) else (v, u) for u, v in simple.edges()),
                       key=lambda e: (str(e[0]), str(e[1])))
        for u, v in edges:
            core.add_edge(u, v, weight=float(simple.edges[u, v].get("links", 1)))
        if len(linked) < SPRING_LIMIT:
            raw = _pack([_component_layout(core.subgraph(c), seed) for c in _components(core)])
        else:
            raw = _group_layout(core, simple)
        pos.update(_fit(raw))
    if isolated:
        def key(v: Hashable) -> tuple[int, str, str]:
            group = str(simple.nodes[v].get("group", "other"))
            order = GROUPS.index(group) if group in GROUPS else len(GROUPS)
            return order, str(simple.nodes[v].get("label", v)).casefold(), str(v)

        isolated.sort(key=key)
        n = len(isolated)
        columns = max(6, math.ceil(math.sqrt(n * 4)))
        if linked:  # at most four rows under the network, whatever the number of isolated actors
            columns = max(columns, math.ceil(n / 4))
        columns = min(columns, n)
        # Rows just under the linked actors, spaced in proportion to their height: the figure stretches
        # each axis to its own range, and a flat network must not leave an empty band above the rows.
        step, top = 0.3, 0.0
        if linked:
            ys = [p[1] for p in pos.values()]
            step = 0.15 * max(max(ys) - min(ys), 0.4)
            top = min(ys) - step
        for i, v in enumerate(isolated):
            row, col = divmod(i, columns)
            x = 0.0 if columns == 1 else -1.0 + 2.0 * col / (columns - 1)
            pos[v] = (round(x, 6), round(top - step * row, 6))
    return pos


def _components(core: nx.Graph) -> list[list[Hashable]]:
    """Connected components, largest first, each in IRI order (ties by their first actor)."""
    comps = [sorted(c, key=str) for c in nx.connected_components(core)]
    return sorted(comps, key=lambda c: (-len(c), str(c[0])))


def _component_layout(component: nx.Graph, seed: int) -> dict[Hashable, tuple[float, float]]:
    """One component laid out alone (seeded spring layout), scaled into [-1, 1]²."""
    nodes = sorted(component.nodes(), key=str)
    if len(nodes) == 1:
        return {nodes[0]: (0.0, 0.0)}
    if len(nodes) == 2:
        return {nodes[0]: (-0.8, 0.0), nodes[1]: (0.8, 0.0)}
    ordered = nx.Graph()
    ordered.add_nodes_from(nodes)
    ordered.add_edges_from(sorted(component.edges(data=True), key=lambda e: (str(e[0]), str(e[1]))))
    spring = nx.spring_layout(ordered, seed=seed, iterations=100, weight="weight")
    return _fit({v: (float(x), float(y)) for v, (x, y) in spring.items()})


def _pack(layouts: list[dict[Hashable, tuple[float, float]]]) -> dict[Hashable, tuple[float, float]]:
    """Components side by side in rows (largest first), each drawn at a size that grows with its actors."""
    boxes = []
    for positions in layouts:
        scale = max(math.sqrt(len(positions)), 1.8)  # small components need room for their labels
        boxes.append((positions, scale))
    row_width = max(max(2 * s for _, s in boxes), 1.15 * math.sqrt(sum((2 * s) ** 2 for _, s in boxes)))
    out: dict[Hashable, tuple[float, float]] = {}
    x = y = row_height = 0.0
    gap = 0.8
    for positions, scale in boxes:
        size = 2 * scale
        if x > 0 and x + size > row_width:
            x, y, row_height = 0.0, y - row_height - gap, 0.0
        for v, (px, py) in positions.items():
            out[v] = (x + scale + 0.85 * px * scale, y - scale + 0.85 * py * scale)
        x += size + gap
        row_height = max(row_height, size)
    return out


def _fit(raw: dict[Hashable, tuple[float, float]]) -> dict[Hashable, tuple[float, float]]:
    """Scale positions into [-1, 1]² keeping the aspect ratio; rounded so that floating noise cannot show."""
    xs = [p[0] for p in raw.values()]
    ys = [p[1] for p in raw.values()]
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    span = max(max(xs) - min(xs), max(ys) - min(ys)) / 2 or 1.0
    return {v: (round((x - cx) / span, 6), round((y - cy) / span, 6)) for v, (x, y) in raw.items()}


def _group_layout(core: nx.Graph, simple: nx.Graph) -> dict[Hashable, tuple[float, float]]:
    """Large networks: one angular sector per group, the most connected actors nearest the centre."""
    by_group: dict[str, list[Hashable]] = {}
    for v in core.nodes():
        by_group.setdefault(str(simple.nodes[v].get("group", "other")), []).append(v)
    groups = [g for g in (*GROUPS, *sorted(set(by_group) - set(GROUPS))) if g in by_group]
    total = core.number_of_nodes()
    out: dict[Hashable, tuple[float, float]] = {}
    start = 0.0
    for g in groups:
        members = sorted(by_group[g], key=lambda v: (-core.degree(v), str(v)))
        share = 2 * math.pi * len(members) / total
        for rank, v in enumerate(members):
            radius = 0.15 + 0.85 * math.sqrt((rank + 1) / len(members))
            angle = start + share * ((rank * 0.618034) % 1.0)
            out[v] = (radius * math.cos(angle), radius * math.sin(angle))
        start += share
    return out


# ---------------------------------------------------------------------------
#  Drawing
# ---------------------------------------------------------------------------


def _new_figure(width: int, height: int) -> Figure:
    """A figure of ``width`` × ``height`` pixels (100 dpi)."""
    from matplotlib.figure import Figure

    return Figure(figsize=(width / 100, height / 100), dpi=100, facecolor="white")


def _export(figure: Figure) -> FigureFiles:
    png, svg = io.BytesIO(), io.BytesIO()
    figure.savefig(png, format="png", metadata=_PNG_METADATA, facecolor="white")
    figure.savefig(svg, format="svg", metadata=_SVG_METADATA, facecolor="white")
    width, height = figure.get_size_inches() * figure.dpi
    return FigureFiles(png=png.getvalue(), svg=svg.getvalue(), width=round(width), height=round(height))


def _offsets(count: int) -> list[float]:
    """Curvatures of the curves joining one pair with ``count`` logics (0 = straight)."""
    if count == 1:
        return [0.0]
    step = 0.16
    return [step * (i - (count - 1) / 2) for i in range(count)]


def _edge_paths(simple: nx.Graph, pos: dict[Hashable, tuple[float, float]]) -> dict[str, list[Any]]:
    from matplotlib.path import Path

    paths: dict[str, list[Any]] = {logic: [] for logic in LOGICS}
    for u, v, data in sorted(simple.edges(data=True), key=lambda e: (str(min(e[0], e[1], key=str)),
                                                                      str(max(e[0], e[1], key=str)))):
        a, b = (u, v) if str(u) <= str(v) else (v, u)
        (x0, y0), (x1, y1) = pos[a], pos[b]
        logics = [logic for logic in LOGICS if logic in data.get("logics", ())] or ["partnership"]
        for logic, rad in zip(logics, _offsets(len(logics)), strict=True):
            if rad == 0.0:
                paths[logic].append(Path([(x0, y0), (x1, y1)], [Path.MOVETO, Path.LINETO]))
            else:
                mx, my = (x0 + x1) / 2, (y0 + y1) / 2
                cx, cy = mx - rad * (y1 - y0), my + rad * (x1 - x0)
                paths[logic].append(Path([(x0, y0), (cx, cy), (x1, y1)],
                                         [Path.MOVETO, Path.CURVE3, Path.CURVE3]))
    return paths


def _draw_edges(ax: Axes, simple: nx.Graph, pos: dict[Hashable, tuple[float, float]], *, thumbnail: bool,
                crowd: float) -> None:
    from matplotlib.patches import PathPatch
    from matplotlib.path import Path

    for logic, paths in _edge_paths(simple, pos).items():
        if not paths:
            continue
        style = LOGIC_STYLES[logic]
        width = style.width * (0.6 if thumbnail else 1.0) * max(crowd, 0.4)
        patch = PathPatch(Path.make_compound_path(*paths), facecolor="none", edgecolor=style.colour,
                          linewidth=width, alpha=0.85, zorder=1, capstyle="round", clip_on=False)
        if style.dashes and not thumbnail:
            patch.set_linestyle((0, style.dashes))
        ax.add_patch(patch)


def _node_sizes(simple: nx.Graph, nodes: list[Hashable], *, thumbnail: bool, crowd: float) -> list[float]:
    """Marker areas in points² (matplotlib's ``s``): larger for actors that cooperate with more actors."""
    if thumbnail:
        return [min(80.0, 14.0 + 8.0 * simple.degree(v)) * crowd for v in nodes]
    return [min(900.0, 70.0 + 45.0 * simple.degree(v)) * crowd for v in nodes]


def _set_limits(ax: Axes, pos: dict[Hashable, tuple[float, float]], *, thumbnail: bool) -> None:
    """Axes limits leaving a margin in pixels around the actors: room for an actor's disc in a thumbnail,
    for half a label beside and a label above or below the actors at the borders in the full figure."""
    ax.set_axis_off()
    if not pos:
        return
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    margin_x, margin_y = (8.0, 8.0) if thumbnail else (95.0, 30.0)
    for (low, high), size, margin, setter in (((min(xs), max(xs)), ax.bbox.width, margin_x, ax.set_xlim),
                                              ((min(ys), max(ys)), ax.bbox.height, margin_y, ax.set_ylim)):
        span = high - low
        pad = margin * span / (size - 2 * margin) if span > 0 else 1.0
        setter(low - pad, high + pad)


def _label_order(simple: nx.Graph, nodes: list[Hashable]) -> list[Hashable]:
    """The actors to label, the most connected first (they choose their place first)."""
    ranked = sorted(nodes, key=lambda v: (-simple.degree(v), str(simple.nodes[v].get("label", v)).casefold(),
                                          str(v)))
    return ranked if len(nodes) <= LABEL_ALL_UP_TO else ranked[:LABEL_TOP]


def _label_sides(simple: nx.Graph, pos: dict[Hashable, tuple[float, float]], chosen: list[Hashable]
                 ) -> dict[Hashable, bool]:
    """True where a label prefers to go above its actor: away from the actor's partners in the figure.

    Actors whose partners are level with them (pairs, isolated actors) alternate along their row.
    """
    pull = {v: sum(pos[w][1] - pos[v][1] for w in simple.neighbors(v)) for v in chosen}
    level = sorted((v for v in chosen if abs(pull[v]) < 1e-9), key=lambda v: (-pos[v][1], pos[v][0], str(v)))
    above = {v: pull[v] < 0 for v in chosen}
    above.update({v: i % 2 == 0 for i, v in enumerate(level)})
    return above


def _draw_labels(figure: Figure, ax: Axes, renderer: RendererBase, simple: nx.Graph,
                 pos: dict[Hashable, tuple[float, float]], nodes: list[Hashable], sizes: list[float],
                 bounds: Box) -> list[tuple[Any, str]]:
    """Place and draw the labels; the drawn texts with the full name of their actor."""
    from matplotlib.text import Text

    dpi = figure.dpi
    n = len(nodes)
    fontsize = 7.5 if n <= 25 else 6.5
    pad = _LABEL_PAD * fontsize * dpi / 72
    centre = {v: ax.transData.transform(pos[v]) for v in nodes}
    discs = {v: Disc(float(centre[v][0]), float(centre[v][1]), math.sqrt(size) / 2 * dpi / 72 + 1.0)
             for v, size in zip(nodes, sizes, strict=True)}
    chosen = _label_order(simple, nodes)
    above = _label_sides(simple, pos, chosen)
    names = {v: plain_label(str(simple.nodes[v].get("label", v))) for v in chosen}
    probe = Text(0, 0, "", fontsize=fontsize, parse_math=False, figure=figure)
    measured: dict[str, tuple[float, float]] = {}

    def measure(label: str) -> tuple[float, float]:
        if label not in measured:
            probe.set_text(label)
            extent = probe.get_window_extent(renderer)
            measured[label] = (extent.width + 2 * pad, extent.height + 2 * pad)
        return measured[label]

    anchors = []
    for v in chosen:
        texts = dict.fromkeys((plain_label(names[v], LABEL_WIDTH), plain_label(names[v], LABEL_SHORT)))
        anchors.append(Anchor(discs[v], tuple(texts), above[v]))
    placements = place_labels(anchors, bounds=bounds, obstacles=list(discs.values()), measure=measure)
    drawn = []
    for v, placement in zip(chosen, placements, strict=True):
        if placement is None:
            continue
        cx, cy = placement.centre
        offset = ((cx - discs[v].x) * 72 / dpi, (cy - discs[v].y) * 72 / dpi)
        label = ax.annotate(placement.text, pos[v], xytext=offset, textcoords="offset points", ha="center",
                            va="center", fontsize=fontsize, zorder=4, color="#222222", parse_math=False,
                            annotation_clip=False,
                            bbox={"boxstyle": f"round,pad={_LABEL_PAD}", "facecolor": "white",
                                  "edgecolor": "none", "alpha": 0.8})
        label.set_gid(f"label-{nodes.index(v)}")
        drawn.append((label, names[v]))
    return drawn


def _label_boxes(figure: Figure, renderer: RendererBase, drawn: list[tuple[Any, str]]) -> tuple[LabelBox, ...]:
    """Where the labels were drawn, measured again on the finished figure (origin at the top left)."""
    height = figure.bbox.height
    out = []
    for label, name in drawn:
        extent = label.get_window_extent(renderer)
        pad = _LABEL_PAD * label.get_fontsize() * figure.dpi / 72
        out.append(LabelBox(label.get_text(), name, round(float(extent.x0 - pad), 2),
                            round(float(height - extent.y1 - pad), 2), round(float(extent.x1 + pad), 2),
                            round(float(height - extent.y0 + pad), 2)))
    return tuple(out)


def _legends(figure: Figure, simple: nx.Graph, lang: str) -> None:
    from matplotlib.lines import Line2D

    groups = {str(d.get("group", "other")) for _, d in simple.nodes(data=True)}
    logics = {logic for _, _, d in simple.edges(data=True) for logic in d.get("logics", ())}
    group_handles = [
        Line2D([], [], linestyle="none", marker="o", markersize=8, markerfacecolor=GROUP_COLOURS[g],
               markeredgecolor="white", label=capitalise(metric_label(g, lang)))
        for g in GROUPS if g in groups
    ]
    logic_handles = []
    for logic in LOGICS:
        if logic not in logics:
            continue
        style = LOGIC_STYLES[logic]
        handle = Line2D([], [], color=style.colour, linewidth=style.width,
                        label=capitalise(metric_label(logic, lang)))
        if style.dashes:
            handle.set_dashes(style.dashes)
        logic_handles.append(handle)
    legends = []
    if group_handles:
        legends.append(figure.legend(handles=group_handles, loc="upper left", bbox_to_anchor=(_LEGEND_LEFT, 0.97),
                                     frameon=False, fontsize=8, title=capitalise(metric_label("groups", lang)),
                                     title_fontsize=8.5, alignment="left"))
    if logic_handles:
        legends.append(figure.legend(handles=logic_handles, loc="upper left", bbox_to_anchor=(_LEGEND_LEFT, 0.6),
                                     frameon=False, fontsize=8, handlelength=3.2,
                                     title=capitalise(metric_label("links", lang)), title_fontsize=8.5,
                                     alignment="left"))
    for legend in legends:
        for item in (*legend.get_texts(), legend.get_title()):
            item.set_parse_math(False)


def network_size(actors: int) -> tuple[int, int]:
    """Width and height in pixels of the full network figure of a pole with ``actors`` actors."""
    extra = _HEIGHT_PER_ACTOR * min(max(actors - 30, 0), 40)
    return round(FULL_WIDTH * 100), round((FULL_HEIGHT + extra) * 100)


def figure_pixels(name: str, *, actors: int = 0) -> tuple[int, int]:
    """Width and height in pixels of a pole's figure (``network``, ``thumbnail``, ``density``) before it is
    drawn: a page gives them to its images, a server to pages whose figures it draws later."""
    if name == "network":
        return network_size(actors)
    if name == "thumbnail":
        return THUMBNAIL_PIXELS
    if name == "density":
        return DENSITY_PIXELS
    raise KeyError(name)


def _group_end(svg: str, start: int) -> int:
    """Where the ``<g>`` element opened at ``start`` closes (groups nest: clip groups inside a collection)."""
    depth = 0
    for match in re.finditer(r"<g\b|</g>", svg[start:]):
        depth += 1 if match.group(0) == "<g" else -1
        if depth == 0:
            return start + match.start()
    raise ValueError("unclosed <g> in the SVG")


def _with_titles(svg: bytes, title: str | None, actors: list[str], labels: dict[str, str]) -> bytes:
    """The SVG with tooltips: the figure's title, each actor's and each label's full name as ``<title>``."""
    out = svg.decode("utf-8")

    def tag(value: str) -> str:
        return f"<title>{escape(printable(value, one_line=True))}</title>"

    if title:
        out = re.sub(r"(<svg\b[^>]*>)", lambda m: m.group(1) + "\n " + tag(title), out, count=1)
    for gid, name in labels.items():
        out = out.replace(f'<g id="{gid}">', f'<g id="{gid}">\n    {tag(name)}', 1)
    start = out.find('<g id="actors">')
    if start >= 0 and actors:
        end = _group_end(out, start)
        group = out[start:end]
        body = re.sub(r"<defs>.*?</defs>", lambda m: "\0" * len(m.group(0)), group, flags=re.S)
        items = list(re.finditer(r"<(?:path|use)\b[^>]*?/>", body))
        if len(items) == len(actors):
            pieces, last = [], 0
            for item, name in zip(items, actors, strict=True):
                pieces += [group[last:item.end() - 2], ">", tag(name), "</", item.group(0)[1:5].strip(), ">"]
                last = item.end()
            pieces.append(group[last:])
            out = out[:start] + "".join(pieces) + out[end:]
    return out.encode("utf-8")


def network_figure(multigraph: nx.Graph, *, lang: str = "fr", thumbnail: bool = False,
                   seed: int = DEFAULT_SEED, title: str | None = None) -> FigureFiles:
    """The cooperation network of a pole (a :func:`~ptce_graph.metrics.graph.cooperation_graph`).

    Full size: 900 px wide, 620 px high up to 30 actors and up to 820 px for
    more (:func:`network_size`), with labels placed where they cover nothing
    and one legend (groups, logics) in ``lang``; ``thumbnail``: 180 × 130 px,
    no label, no legend.  ``title`` (the pole's name, say) becomes the SVG's
    title; every actor's full name is its tooltip.
    """
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    simple = simple_graph(multigraph)
    pos = layout(simple, seed=seed)
    nodes = sorted(simple.nodes(), key=str)
    n = len(nodes)
    crowd = min(1.0, math.sqrt(40 / n)) if n else 1.0
    with matplotlib.rc_context(_RC):
        if thumbnail:
            figure = _new_figure(*THUMBNAIL_PIXELS)
            ax = figure.add_axes((0.02, 0.02, 0.96, 0.96))
        else:
            width, height = network_size(n)
            figure = _new_figure(width, height)
            ax = figure.add_axes((0.01, 0.01, _LEGEND_LEFT - 0.015, 0.98))
        renderer = FigureCanvasAgg(figure).get_renderer()
        _set_limits(ax, pos, thumbnail=thumbnail)
        _draw_edges(ax, simple, pos, thumbnail=thumbnail, crowd=crowd)
        sizes = _node_sizes(simple, nodes, thumbnail=thumbnail, crowd=crowd)
        if nodes:
            colours = [GROUP_COLOURS.get(str(simple.nodes[v].get("group", "other")), GROUP_COLOURS["other"])
                       for v in nodes]
            dots = ax.scatter([pos[v][0] for v in nodes], [pos[v][1] for v in nodes], s=sizes, c=colours,
                              edgecolors="none" if thumbnail else "white", linewidths=0.8, zorder=3, clip_on=False)
            dots.set_gid("actors")
        drawn: list[tuple[Any, str]] = []
        if not thumbnail:
            if nodes and simple.number_of_edges() == 0:
                figure.text(_LEGEND_LEFT / 2, 0.93, text("no_links_figure", lang), ha="center", va="top",
                            fontsize=9, color="#5b6473", parse_math=False)
            bounds = Box(2.0, 2.0, figure.bbox.width * _LEGEND_LEFT - 4.0, figure.bbox.height - 2.0)
            drawn = _draw_labels(figure, ax, renderer, simple, pos, nodes, sizes, bounds)
            _legends(figure, simple, lang)
        files = _export(figure)
        names = [plain_label(str(simple.nodes[v].get("label", v))) for v in nodes]
        labels = {label.get_gid(): name for label, name in drawn}
        svg = _with_titles(files.svg, title, names, labels)
        return FigureFiles(png=files.png, svg=svg, width=files.width, height=files.height,
                           labels=_label_boxes(figure, renderer, drawn))


def density_figure(points: Sequence[tuple[_dt.date, float | None]], *, lang: str = "fr",
                   until: _dt.date | None = None) -> FigureFiles:
    """Density of the cooperation network at each snapshot date, as a step line.

    The density holds from one snapshot to the next, hence steps; ``until``
    (the evaluation date) extends the last value when it comes after the last
    snapshot.  Dates with no density (fewer than two actors) leave a gap.
    """
    import matplotlib
    from matplotlib.dates import AutoDateLocator, DateFormatter, date2num
    from matplotlib.ticker import FuncFormatter

    dates = [d for d, _ in points]
    values = [math.nan if v is None else v for _, v in points]
    if dates and until is not None and until > dates[-1]:
        dates.append(until)
        values.append(values[-1])
    xs = [float(date2num(d)) for d in dates]
    colour = LOGIC_STYLES["interaction"].colour
    with matplotlib.rc_context(_RC):
        figure = _new_figure(*DENSITY_PIXELS)
        ax = figure.add_axes((0.1, 0.17, 0.86, 0.74))
        ax.step(xs, values, where="post", color=colour, linewidth=1.8)
        ax.plot(xs[: len(points)], values[: len(points)], linestyle="none", marker="o", markersize=4, color=colour)
        top = max((v for v in values if not math.isnan(v)), default=0.0)
        ax.set_ylim(0, max(0.05, min(1.0, top * 1.15)) if top < 1 else 1.05)
        ax.set_ylabel(capitalise(metric_label("density", lang)), parse_math=False)
        span = (dates[-1] - dates[0]).days if len(dates) > 1 else 0
        ax.xaxis.set_major_locator(AutoDateLocator(minticks=3, maxticks=9))
        ax.xaxis.set_major_formatter(DateFormatter("%Y" if span > 3 * 366 else "%Y-%m"))
        decimal = "," if lang == "fr" else "."
        ax.yaxis.set_major_formatter(FuncFormatter(lambda y, _: f"{y:.2f}".replace(".", decimal)))
        ax.grid(axis="y", color="#dddddd", linewidth=0.6)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        if len(xs) == 1:
            ax.set_xlim(xs[0] - 200, xs[0] + 200)
        return _export(figure)
