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
and sized by degree (number of partners); each logic of cooperation has its
own colour and line style, and two actors joined by several logics get one
curve per logic.  Labels come from the data and are shown as plain text
(matplotlib's ``$…$`` mathtext is neutralised).
"""

from __future__ import annotations

import datetime as _dt
import io
import math
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import networkx as nx

from ptce_graph.io.display import printable
from ptce_graph.metrics.graph import GROUPS, LOGICS
from ptce_graph.metrics.measures import DEFAULT_SEED, simple_graph
from ptce_graph.report.i18n import capitalise, metric_label
from ptce_graph.report.style import GROUP_COLOURS, LOGIC_STYLES

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

# matplotlib is imported inside the functions that draw (as networkx is by the modules that measure):
# it takes about half a second to import, and only the HTML report draws.
__all__ = [
    "FigureFiles",
    "FIGURE_PIXELS",
    "SPRING_LIMIT",
    "layout",
    "network_figure",
    "density_figure",
    "plain_label",
]

#: Above this many linked actors, the spring layout (O(n²) per iteration without SciPy) gives way to a
#: layout by group and degree.
SPRING_LIMIT = 500

#: Labels longer than this are cut with an ellipsis in the full figure (the actor table has the names).
LABEL_WIDTH = 28

#: In the full figure, every actor is labelled up to this many actors; above, the most connected ones.
LABEL_ALL_UP_TO = 45
LABEL_TOP = 25

#: Size in pixels (at 100 dpi) of each figure of a pole's page: a page can give an image's size before it is drawn.
FIGURE_PIXELS: dict[str, tuple[int, int]] = {"network": (900, 620), "thumbnail": (180, 130), "density": (700, 260)}

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
class FigureFiles:
    """A figure written as PNG and SVG, with its size in pixels (for the page's ``width``/``height``)."""

    png: bytes
    svg: bytes
    width: int
    height: int


def plain_label(text: str, width: int | None = None) -> str:
    """A data label as matplotlib must see it to draw it as is: ``$`` escaped, cut to ``width``;
    control and bidi characters shown as escapes (an SVG cannot carry them raw: io.display)."""
    text = printable(" ".join(str(text).split()), one_line=True)
    if width is not None and len(text) > width:
        text = text[: width - 1].rstrip() + "…"
    return text.replace("\\", "\\\\").replace("$", r"\$")


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
        top = -1.3 if linked else 0.0
        for i, v in enumerate(isolated):
            row, col = divmod(i, columns)
            x = 0.0 if columns == 1 else -1.0 + 2.0 * col / (columns - 1)
            pos[v] = (round(x, 6), round(top - 0.3 * row, 6))
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


def _new_figure(name: str) -> Figure:
    from matplotlib.figure import Figure

    width, height = FIGURE_PIXELS[name]
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


def _draw_network(ax: Axes, simple: nx.Graph, pos: dict[Hashable, tuple[float, float]], *, thumbnail: bool,
                  labels: bool) -> None:
    from matplotlib.patches import PathPatch
    from matplotlib.path import Path

    nodes = sorted(simple.nodes(), key=str)
    n = len(nodes)
    crowd = min(1.0, math.sqrt(40 / n)) if n else 1.0
    for logic, paths in _edge_paths(simple, pos).items():
        if not paths:
            continue
        style = LOGIC_STYLES[logic]
        width = style.width * (0.45 if thumbnail else 1.0) * max(crowd, 0.4)
        patch = PathPatch(Path.make_compound_path(*paths), facecolor="none", edgecolor=style.colour,
                          linewidth=width, alpha=0.85, zorder=1, capstyle="round")
        if style.dashes and not thumbnail:
            patch.set_linestyle((0, style.dashes))
        ax.add_patch(patch)
    degrees = [simple.degree(v) for v in nodes]
    if thumbnail:
        sizes = [min(70.0, 6.0 + 5.0 * d) * crowd for d in degrees]
    else:
        sizes = [min(900.0, 70.0 + 45.0 * d) * crowd for d in degrees]
    colours = [GROUP_COLOURS.get(str(simple.nodes[v].get("group", "other")), GROUP_COLOURS["other"])
               for v in nodes]
    if nodes:
        ax.scatter([pos[v][0] for v in nodes], [pos[v][1] for v in nodes], s=sizes, c=colours,
                   edgecolors="white" if not thumbnail else "none", linewidths=0.8, zorder=3)
    if labels and nodes:
        chosen = nodes
        if n > LABEL_ALL_UP_TO:
            chosen = sorted(nodes, key=lambda v: (-simple.degree(v), str(simple.nodes[v].get("label", v)),
                                                  str(v)))[:LABEL_TOP]
        size_of = dict(zip(nodes, sizes, strict=True))
        # A label goes on the side away from the actor's partners (leaves stay readable); actors
        # whose partners are level with them (pairs, isolated actors) alternate along their row.
        pull = {v: sum(pos[w][1] - pos[v][1] for w in simple.neighbors(v)) for v in chosen}
        level = sorted((v for v in chosen if abs(pull[v]) < 1e-9), key=lambda v: (-pos[v][1], pos[v][0], str(v)))
        above = {v: pull[v] < 0 for v in chosen}
        above.update({v: i % 2 == 0 for i, v in enumerate(level)})
        for v in sorted(chosen, key=str):
            radius = math.sqrt(size_of[v]) / 2
            ax.annotate(plain_label(str(simple.nodes[v].get("label", v)), LABEL_WIDTH), pos[v],
                        xytext=(0, radius + 2 if above[v] else -radius - 2), textcoords="offset points",
                        ha="center", va="bottom" if above[v] else "top",
                        fontsize=7 if n <= 25 else 6, zorder=4, color="#222222",
                        bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none",
                              "alpha": 0.75})
    ax.set_axis_off()
    if pos:
        xs = [p[0] for p in pos.values()]
        ys = [p[1] for p in pos.values()]
        if thumbnail:
            ax.set_xlim(min(xs) - 0.12, max(xs) + 0.12)
            ax.set_ylim(min(ys) - 0.12, max(ys) + 0.12)
        else:  # room for the labels under (or over) the nodes at the borders
            ax.set_xlim(min(xs) - 0.3, max(xs) + 0.3)
            ax.set_ylim(min(ys) - 0.22, max(ys) + 0.22)


def _legends(figure: Figure, simple: nx.Graph, lang: str) -> None:
    from matplotlib.lines import Line2D

    groups = {str(d.get("group", "other")) for _, d in simple.nodes(data=True)}
    logics = {logic for _, _, d in simple.edges(data=True) for logic in d.get("logics", ())}
    group_handles = [
        Line2D([], [], linestyle="none", marker="o", markersize=8, markerfacecolor=GROUP_COLOURS[g],
               markeredgecolor="white", label=plain_label(capitalise(metric_label(g, lang))))
        for g in GROUPS if g in groups
    ]
    logic_handles = []
    for logic in LOGICS:
        if logic not in logics:
            continue
        style = LOGIC_STYLES[logic]
        handle = Line2D([], [], color=style.colour, linewidth=style.width,
                        label=plain_label(capitalise(metric_label(logic, lang))))
        if style.dashes:
            handle.set_dashes(style.dashes)
        logic_handles.append(handle)
    if group_handles:
        figure.legend(handles=group_handles, loc="upper left", bbox_to_anchor=(0.775, 0.95), frameon=False,
                      fontsize=8, title=plain_label(capitalise(metric_label("groups", lang))),
                      title_fontsize=8.5, alignment="left")
    if logic_handles:
        figure.legend(handles=logic_handles, loc="upper left", bbox_to_anchor=(0.775, 0.5), frameon=False,
                      fontsize=8, handlelength=3.2, title=plain_label(capitalise(metric_label("links", lang))),
                      title_fontsize=8.5, alignment="left")


def network_figure(multigraph: nx.Graph, *, lang: str = "fr", thumbnail: bool = False,
                   seed: int = DEFAULT_SEED) -> FigureFiles:
    """The cooperation network of a pole (a :func:`~ptce_graph.metrics.graph.cooperation_graph`).

    Full size: 900 × 620 px with labels and legends (group, logic) in ``lang``;
    ``thumbnail``: 180 × 130 px, no label, no legend.
    """
    import matplotlib

    simple = simple_graph(multigraph)
    pos = layout(simple, seed=seed)
    with matplotlib.rc_context(_RC):
        if thumbnail:
            figure = _new_figure("thumbnail")
            ax = figure.add_axes((0.02, 0.02, 0.96, 0.96))
            _draw_network(ax, simple, pos, thumbnail=True, labels=False)
        else:
            figure = _new_figure("network")
            ax = figure.add_axes((0.01, 0.01, 0.76, 0.98))
            _draw_network(ax, simple, pos, thumbnail=False, labels=True)
            _legends(figure, simple, lang)
        return _export(figure)


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
        figure = _new_figure("density")
        ax = figure.add_axes((0.1, 0.17, 0.86, 0.74))
        ax.step(xs, values, where="post", color=colour, linewidth=1.8)
        ax.plot(xs[: len(points)], values[: len(points)], linestyle="none", marker="o", markersize=4, color=colour)
        top = max((v for v in values if not math.isnan(v)), default=0.0)
        ax.set_ylim(0, max(0.05, min(1.0, top * 1.15)) if top < 1 else 1.05)
        ax.set_ylabel(plain_label(capitalise(metric_label("density", lang))))
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
