"""Poles per région and per département, counted from the data and drawn as a choropleth.

:func:`area_counts` reads where the data places each pole: the INSEE areas
its territory comprises (``ptce:comprises`` a ``ptce:Region`` or
``ptce:Departement`` with its ``ptce:inseeCode``).  A pole counts once in an
area however many sources place it there; a pole placed only in a département
counts in that département's région on the région map (a département lies in
one région: this is geography, read from INSEE's COG, and nothing is added to
the data).  Poles the data places nowhere are counted apart, and said so
under the map: an empty area means "no pole known here", never "no pole".

:func:`choropleth` draws the counts with matplotlib :class:`~matplotlib.figure.Figure`
objects (never pyplot): the same input gives the same PNG and SVG bytes (fixed
SVG hash salt, no dates, glyphs as paths).  Classes of counts are coloured
with a sequential palette readable in grey; each area with poles shows its
count; the caption names the sources of the data and of the outlines.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from ptce_graph.geography import geography
from ptce_graph.io.display import printable
from ptce_graph.maps.basemap import BASEMAP_SOURCE, Outline, Point, basemap_version, outlines, region_outlines
from ptce_graph.namespaces import PTCE

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["LEVELS", "AreaCounts", "MapFiles", "area_counts", "choropleth"]

#: The two levels a map can show.
LEVELS: tuple[str, ...] = ("region", "departement")

#: Fill colours for 0, 1, 2-3, 4-6, 7-10, 11+ poles (ColorBrewer "YlGnBu", readable in grey).
_CLASSES: tuple[tuple[int, int | None, str], ...] = (
    (0, 0, "#f4f4f4"),
    (1, 1, "#c7e9b4"),
    (2, 3, "#7fcdbb"),
    (4, 6, "#41b6c4"),
    (7, 10, "#2c7fb8"),
    (11, None, "#253494"),
)
_EDGE = "#6b6b6b"

_RC: Any = {
    "svg.hashsalt": "ptce_graph",
    "svg.fonttype": "path",
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "path.simplify": True,
}

_TEXT: dict[str, dict[str, Any]] = {
    "fr": {
        "title": {"region": "Pôles par région", "departement": "Pôles par département"},
        "legend": "Nombre de pôles",
        "nowhere": "{n} pôle(s) sans {level} dans les données, non comptés sur la carte",
        "level": {"region": "région", "departement": "département"},
        "total": "{n} pôle(s) au total",
        "caption": "Données : {sources}. Fond de carte : {basemap}. Codes et noms : {cog}.",
        "cog": "INSEE, Code officiel géographique au 1er janvier {year}",
        "data": "les sources citées dans les données",
        "range": "{lo} à {hi}",
        "more": "{lo} et plus",
    },
    "en": {
        "title": {"region": "Poles per région", "departement": "Poles per département"},
        "legend": "Number of poles",
        "nowhere": "{n} pole(s) with no {level} in the data, not counted on the map",
        "level": {"region": "région", "departement": "département"},
        "total": "{n} pole(s) in all",
        "caption": "Data: {sources}. Outlines: {basemap}. Codes and names: {cog}.",
        "cog": "INSEE, Code officiel géographique of 1 January {year}",
        "data": "the sources cited in the data",
        "range": "{lo} to {hi}",
        "more": "{lo} or more",
    },
}


@dataclass(frozen=True)
class AreaCounts:
    """How many poles the data places in each area of one level."""

    level: str
    counts: dict[str, int]  # INSEE code -> number of poles (areas with none are absent)
    poles: int  # poles in the data
    nowhere: int  # poles the data places in no area of this level
    names: dict[str, str] = field(default_factory=dict)  # INSEE code -> official name

    def to_dict(self) -> dict[str, Any]:
        return {
            "level": self.level,
            "poles": self.poles,
            "nowhere": self.nowhere,
            "areas": [{"code": c, "name": self.names.get(c), "poles": n} for c, n in self.counts.items()],
        }


@dataclass(frozen=True)
class MapFiles:
    """A map written as PNG and SVG, with its size in pixels."""

    png: bytes
    svg: bytes
    width: int
    height: int


def _pole_areas(graph: Graph, pole: URIRef) -> tuple[set[str], set[str]]:
    region_codes: set[str] = set()
    dept_codes: set[str] = set()
    for territory in graph.objects(pole, PTCE.territory):
        for area in graph.objects(territory, PTCE.comprises):
            code = graph.value(area, PTCE.inseeCode)
            if code is None:
                continue
            if (area, RDF.type, PTCE.Region) in graph:
                region_codes.add(str(code))
            elif (area, RDF.type, PTCE.Departement) in graph:
                dept_codes.add(str(code))
    return region_codes, dept_codes


def area_counts(graph: Graph, level: str = "region") -> AreaCounts:
    """Count the poles of ``graph`` per région or per département (INSEE codes, sorted)."""
    if level not in LEVELS:
        raise ValueError(f"level must be one of {', '.join(LEVELS)}, not {level!r}")
    geo = geography()
    names = {c: a.name for c, a in (geo.regions() if level == "region" else geo.departements()).items()}
    poles = sorted({p for p in graph.subjects(RDF.type, PTCE.Pole) if isinstance(p, URIRef)}, key=str)
    counts: dict[str, int] = {}
    nowhere = 0
    for pole in poles:
        region_codes, dept_codes = _pole_areas(graph, pole)
        if level == "region":
            codes = region_codes | {r.code for d in dept_codes if (r := geo.region_of_departement(d)) is not None}
        else:
            codes = dept_codes
        codes = {c for c in codes if c in names}
        if not codes:
            nowhere += 1
        for code in codes:
            counts[code] = counts.get(code, 0) + 1
    ordered = dict(sorted(counts.items()))
    return AreaCounts(level=level, counts=ordered, poles=len(poles), nowhere=nowhere,
                      names={c: names[c] for c in ordered})


def _colour(n: int) -> str:
    for lo, hi, colour in _CLASSES:
        if n >= lo and (hi is None or n <= hi):
            return colour
    return _CLASSES[-1][2]  # pragma: no cover


def _class_label(lo: int, hi: int | None, t: dict[str, Any]) -> str:
    if hi is None:
        return str(t["more"].format(lo=lo))
    return str(lo) if lo == hi else str(t["range"].format(lo=lo, hi=hi))


def _area_of(outline: Outline, level: str) -> str | None:
    if level == "departement":
        return outline.code
    region = geography().region_of_departement(outline.code)
    return region.code if region else None


def _centre(rings: list[tuple[Point, ...]], *, whole: bool) -> Point:
    """Where the count is written: the centre of the area's bounding box (``whole``), or of its largest ring."""
    if not whole:
        rings = [max(rings, key=lambda r: (max(p[0] for p in r) - min(p[0] for p in r))
                     * (max(p[1] for p in r) - min(p[1] for p in r)))]
    xs = [p[0] for r in rings for p in r]
    ys = [p[1] for r in rings for p in r]
    return (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2


def _draw(figure: Figure, counts: AreaCounts, lang: str, sources: str | None) -> None:
    # matplotlib only when a map is drawn: `ptce map -f json` and the counts do not pay for it.
    from matplotlib.collections import LineCollection, PolyCollection
    from matplotlib.patches import Patch

    t = _TEXT["en" if lang == "en" else "fr"]
    ax = figure.add_axes((0.0, 0.09, 0.74, 0.83))
    ax.set_aspect("equal")
    ax.axis("off")
    shapes = outlines()
    rings: list[tuple[Point, ...]] = []
    colours: list[str] = []
    labelled: dict[tuple[str, str | None], list[tuple[Point, ...]]] = {}
    for outline in shapes:
        area = _area_of(outline, counts.level)
        n = counts.counts.get(area, 0) if area else 0
        rings += outline.rings
        colours += [_colour(n)] * len(outline.rings)
        if area and n:
            labelled.setdefault((area, outline.inset), []).extend(outline.rings)
    if counts.level == "region":
        # Départements in white hairlines, each région outlined once around its départements.
        ax.add_collection(PolyCollection(rings, closed=True, facecolors=colours, edgecolors="white",
                                         linewidths=0.2))
        borders = [line for lines in region_outlines().values() for line in lines]
        ax.add_collection(LineCollection(borders, colors=_EDGE, linewidths=0.6))
    else:
        ax.add_collection(PolyCollection(rings, closed=True, facecolors=colours, edgecolors=_EDGE,
                                         linewidths=0.35))
    xs = [p[0] for o in shapes for r in o.rings for p in r]
    ys = [p[1] for o in shapes for r in o.rings for p in r]
    ax.set_xlim(min(xs) - 5, max(xs) + 5)
    ax.set_ylim(max(ys) + 5, min(ys) - 5)
    for (area, _inset), area_rings in sorted(labelled.items(), key=lambda kv: (kv[0][0], kv[0][1] or "")):
        x, y = _centre(area_rings, whole=counts.level == "region")
        n = counts.counts[area]
        ax.text(x, y, str(n), ha="center", va="center", fontsize=8, fontweight="bold",
                color="white" if n >= 4 else "#111111")
    figure.text(0.02, 0.965, t["title"][counts.level], fontsize=13, fontweight="bold", va="top")
    figure.text(0.02, 0.925, t["total"].format(n=counts.poles), fontsize=9, va="top")
    handles = [Patch(facecolor=c, edgecolor=_EDGE, linewidth=0.5, label=_class_label(lo, hi, t))
               for lo, hi, c in _CLASSES]
    figure.legend(handles=handles, title=t["legend"], loc="center left", bbox_to_anchor=(0.76, 0.55),
                  frameon=False, fontsize=8, title_fontsize=9)
    notes = []
    if counts.nowhere:
        notes.append(t["nowhere"].format(n=counts.nowhere, level=t["level"][counts.level]))
    shown = printable(" ".join(sources.split()), one_line=True) if sources else t["data"]  # no control in the SVG
    notes.append(t["caption"].format(sources=shown, basemap=basemap_version() + " ("
                                     + BASEMAP_SOURCE + ")", cog=t["cog"].format(year=geography().cog_year)))
    figure.text(0.02, 0.06, "\n".join(notes), fontsize=6.5, va="top", wrap=True, color="#333333")


def choropleth(graph: Graph | AreaCounts, *, level: str = "region", lang: str = "fr",
               sources: str | None = None) -> MapFiles:
    """The map of poles per ``level`` (``region`` or ``departement``) as PNG and SVG bytes.

    ``graph`` is the data (or counts already made by :func:`area_counts`);
    ``sources`` is a short text naming where the data comes from, printed in
    the caption (default: "the sources cited in the data").
    """
    import matplotlib  # heavy: imported when a map is drawn
    from matplotlib.figure import Figure

    counts = graph if isinstance(graph, AreaCounts) else area_counts(graph, level)
    width, height, dpi = 8.0, 7.2, 100
    with matplotlib.rc_context(_RC):
        figure = Figure(figsize=(width, height), dpi=dpi)
        _draw(figure, counts, lang, sources)
        png, svg = io.BytesIO(), io.BytesIO()
        figure.savefig(png, format="png", metadata={"Software": None}, facecolor="white")
        figure.savefig(svg, format="svg", metadata={"Date": None, "Creator": "ptce_graph"}, facecolor="white")
    return MapFiles(png=png.getvalue(), svg=svg.getvalue(), width=int(width * dpi), height=int(height * dpi))
