"""The outlines of France's départements, read from a well-kept library that ships them.

The outlines come from ``pygal-maps-fr`` (Kozea, the pygal project; LGPL-3.0),
a PyPI package whose ``fr.departments.svg`` draws every département of
metropolitan France and the five overseas départements in insets, with an
enlarged inset of Paris and its inner ring.  Nothing is fetched: the file is
read from the installed package.  Régions are drawn as the union of their
départements (INSEE's COG gives each département's région), so one basemap
serves both levels.

No openly licensed outline of France with a cited source ships on PyPI or the
npm registry (IGN's ADMIN EXPRESS, under the Licence Ouverte, is published on
data.gouv.fr and GitHub only), hence this LGPL library, read as data and not
redistributed.  Its neighbouring départements do not share their border
points: :func:`region_outlines` therefore closes the gaps of a few hundred
metres between them before drawing a région's outline, which would otherwise
show stray segments inside the région.

The SVG paths use only ``m``/``M``, ``l``/``L``, ``c``/``C`` and ``z``;
:func:`parse_path` turns a path into rings of points, keeping the end point of
each Bézier curve (at this scale, the curves are a few pixels long).
"""

from __future__ import annotations

import functools
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from importlib import metadata, resources

from ptce_graph.geography import geography

__all__ = ["BASEMAP_SOURCE", "basemap_version", "Outline", "Point", "parse_path", "outlines", "region_outlines"]

Point = tuple[float, float]

#: The package the outlines come from.
BASEMAP_SOURCE = "https://pypi.org/project/pygal-maps-fr/"
_PACKAGE = "pygal-maps-fr"

_SVG = "{http://www.w3.org/2000/svg}"
_TOKEN = re.compile(r"[MmLlCcZzHhVv]|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")


def basemap_version() -> str:
    """``pygal-maps-fr`` and its installed version, for captions and metadata."""
    try:
        return f"{_PACKAGE} {metadata.version(_PACKAGE)}"
    except metadata.PackageNotFoundError:  # pragma: no cover - a dependency of ptce_graph
        return _PACKAGE


@dataclass(frozen=True)
class Outline:
    """One drawn shape of a département (a département may have several: islands, insets)."""

    code: str
    rings: tuple[tuple[tuple[float, float], ...], ...]
    inset: str | None = None  # "paris-petite-couronne" | "dom-com" | None (main map)


def parse_path(d: str, offset: tuple[float, float] = (0.0, 0.0)) -> list[list[tuple[float, float]]]:
    """The rings of an SVG path made of move, line, cubic and close commands.

    Raises ValueError on a command this parser does not know, rather than
    drawing a wrong shape.
    """
    tokens = _TOKEN.findall(d)
    rings: list[list[tuple[float, float]]] = []
    ring: list[tuple[float, float]] = []
    x, y = offset
    start = (x, y)
    command = ""
    i = 0

    def number() -> float:
        nonlocal i
        value = float(tokens[i])
        i += 1
        return value

    while i < len(tokens):
        token = tokens[i]
        if token.isalpha():
            command = token
            i += 1
            if command in "Zz":
                if ring:
                    rings.append(ring)
                ring = []
                x, y = start
                continue
        elif not command:
            raise ValueError("an SVG path must start with a command")
        if command in "Mm":
            dx, dy = number(), number()
            x, y = (x + dx, y + dy) if command == "m" else (dx + offset[0], dy + offset[1])
            if ring:
                rings.append(ring)
            ring = [(x, y)]
            start = (x, y)
            command = "l" if command == "m" else "L"  # further pairs are line-tos
        elif command in "Ll":
            dx, dy = number(), number()
            x, y = (x + dx, y + dy) if command == "l" else (dx + offset[0], dy + offset[1])
            ring.append((x, y))
        elif command in "Cc":
            for _ in range(2):
                number(), number()
            dx, dy = number(), number()
            x, y = (x + dx, y + dy) if command == "c" else (dx + offset[0], dy + offset[1])
            ring.append((x, y))
        elif command in "Hh":
            dx = number()
            x = x + dx if command == "h" else dx + offset[0]
            ring.append((x, y))
        elif command in "Vv":
            dy = number()
            y = y + dy if command == "v" else dy + offset[1]
            ring.append((x, y))
        else:  # pragma: no cover - _TOKEN only yields the commands above
            raise ValueError(f"unsupported SVG path command {command!r}")
    if ring:
        rings.append(ring)
    return [r for r in rings if len(r) >= 3]


#: Points closer than this to the previous point kept are dropped (the map is drawn at 0.4 pixel per unit).
_MIN_STEP = 1.5


def _thin(ring: list[tuple[float, float]]) -> tuple[tuple[float, float], ...]:
    """The ring without the points a drawing at map scale cannot show (first and last points kept)."""
    kept = [ring[0]]
    for x, y in ring[1:-1]:
        px, py = kept[-1]
        if abs(x - px) + abs(y - py) >= _MIN_STEP:
            kept.append((x, y))
    kept.append(ring[-1])
    return tuple(kept)


@functools.cache
def outlines() -> tuple[Outline, ...]:
    """Every département outline of the basemap, in the file's order, y pointing down."""
    text = resources.files("pygal_maps_fr").joinpath("fr.departments.svg").read_bytes()
    root = ET.fromstring(text)
    found: list[Outline] = []

    def walk(node: ET.Element, offset: tuple[float, float], inset: str | None) -> None:
        transform = node.get("transform", "")
        match = re.fullmatch(r"\s*translate\(\s*([-\d.eE+]+)[ ,]+([-\d.eE+]+)\s*\)\s*", transform)
        if transform and not match:
            raise ValueError(f"unsupported transform {transform!r} in the basemap")
        if match:
            offset = (offset[0] + float(match.group(1)), offset[1] + float(match.group(2)))
        if node.get("id") in ("paris-petite-couronne", "dom-com"):
            inset = node.get("id")
        classes = (node.get("class") or "").split()
        code = next((c[1:] for c in classes if c.startswith("z") and "departement" in classes), None)
        if code is not None:
            rings: list[tuple[tuple[float, float], ...]] = []
            for path in node.iter(f"{_SVG}path"):
                rings += [ring for r in parse_path(path.get("d", ""), offset) if len(ring := _thin(r)) >= 3]
            found.append(Outline(code=code.upper(), rings=tuple(rings), inset=inset))
            return
        for child in node:
            walk(child, offset, inset)

    walk(root, (0.0, 0.0), None)
    return tuple(found)


#: Gaps narrower than twice this (basemap units; the map is drawn at about 0.3 pixel per unit) between two
#: départements of one région are closed when the région's outline is drawn.
_GAP = 2.5
#: Holes smaller than this (square basemap units) left inside a région once its gaps are closed are slivers.
_SLIVER = 60.0


@functools.cache
def region_outlines() -> dict[tuple[str, str | None], tuple[tuple[Point, ...], ...]]:
    """Each région's outline (per drawing: main map or inset), as closed lines: the union of its départements.

    Keys are (INSEE code of the région, inset); values the exterior and the
    real holes (an enclave of another région) of each piece of the union.
    """
    from shapely import Polygon, unary_union  # heavy: imported when a région map is drawn

    geo = geography()
    groups: dict[tuple[str, str | None], list[Polygon]] = {}
    for outline in outlines():
        region = geo.region_of_departement(outline.code)
        key = (region.code if region else outline.code, outline.inset)
        groups.setdefault(key, []).extend(Polygon(ring).buffer(0) for ring in outline.rings)
    result: dict[tuple[str, str | None], tuple[tuple[Point, ...], ...]] = {}
    for key in sorted(groups, key=lambda k: (k[0], k[1] or "")):
        union = unary_union(groups[key]).buffer(_GAP, join_style="mitre").buffer(-_GAP, join_style="mitre")
        lines: list[tuple[Point, ...]] = []
        for polygon in getattr(union, "geoms", [union]):
            lines.append(tuple(polygon.exterior.coords))
            lines += [tuple(hole.coords) for hole in polygon.interiors if Polygon(hole).area >= _SLIVER]
        result[key] = tuple(lines)
    return result
