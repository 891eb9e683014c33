"""Where the labels of a network figure go: beside their actor, on no other label, actor or border.

A greedy placement, the most connected actors first: each label tries the
positions around its actor (the side away from the actor's partners first,
then the other side, right, left, the four corners; close, then a little
further), then a shorter text, and takes the first position where its box
stays inside the drawing area and overlaps no label already placed and no
actor's disc.  A label that fits nowhere is left out (the actor's full name
is in the figure's tooltips and in the page's actor table).  Pure geometry in
pixels, no matplotlib: the figure module measures the texts and draws.  The
same input gives the same placement.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

__all__ = ["Box", "Disc", "Anchor", "Placement", "place_labels", "overlap"]


@dataclass(frozen=True)
class Box:
    """An axis-aligned rectangle in pixels."""

    x0: float
    y0: float
    x1: float
    y1: float

    def overlaps(self, other: Box) -> bool:
        return self.x0 < other.x1 and other.x0 < self.x1 and self.y0 < other.y1 and other.y0 < self.y1

    def inside(self, other: Box) -> bool:
        return other.x0 <= self.x0 and self.x1 <= other.x1 and other.y0 <= self.y0 and self.y1 <= other.y1

    def hits(self, disc: Disc) -> bool:
        nearest_x = min(max(disc.x, self.x0), self.x1)
        nearest_y = min(max(disc.y, self.y0), self.y1)
        return (nearest_x - disc.x) ** 2 + (nearest_y - disc.y) ** 2 < disc.r ** 2


@dataclass(frozen=True)
class Disc:
    """An actor as drawn: centre and radius in pixels."""

    x: float
    y: float
    r: float


@dataclass(frozen=True)
class Anchor:
    """An actor to label: its disc, the texts to try (longest first) and the side it prefers."""

    disc: Disc
    texts: tuple[str, ...]
    above: bool = True


@dataclass(frozen=True)
class Placement:
    """A placed label: its text and its box (the text is drawn centred in the box)."""

    text: str
    box: Box

    @property
    def centre(self) -> tuple[float, float]:
        return (self.box.x0 + self.box.x1) / 2, (self.box.y0 + self.box.y1) / 2


#: Gaps tried between an actor's disc and its label, in pixels.
GAPS: tuple[float, ...] = (1.5, 7.0)

_CELL = 48.0  # grid cell of the obstacle index, in pixels


def overlap(boxes: Sequence[Box]) -> list[tuple[int, int]]:
    """The pairs of boxes (by index) that overlap: none, for a good figure."""
    return [(i, j) for i in range(len(boxes)) for j in range(i + 1, len(boxes)) if boxes[i].overlaps(boxes[j])]


class _Grid:
    """Discs and boxes indexed by grid cell, so that a candidate is checked against its neighbours only."""

    def __init__(self) -> None:
        self.discs: dict[tuple[int, int], list[Disc]] = {}
        self.boxes: dict[tuple[int, int], list[Box]] = {}
        self.reach = 0.0

    @staticmethod
    def _cells(x0: float, y0: float, x1: float, y1: float) -> list[tuple[int, int]]:
        return [(i, j) for i in range(math.floor(x0 / _CELL), math.floor(x1 / _CELL) + 1)
                for j in range(math.floor(y0 / _CELL), math.floor(y1 / _CELL) + 1)]

    def add_disc(self, disc: Disc) -> None:
        self.reach = max(self.reach, disc.r)
        self.discs.setdefault((math.floor(disc.x / _CELL), math.floor(disc.y / _CELL)), []).append(disc)

    def add_box(self, box: Box) -> None:
        for cell in self._cells(box.x0, box.y0, box.x1, box.y1):
            self.boxes.setdefault(cell, []).append(box)

    def free(self, box: Box) -> bool:
        for cell in self._cells(box.x0, box.y0, box.x1, box.y1):
            if any(box.overlaps(other) for other in self.boxes.get(cell, ())):
                return False
        r = self.reach
        for cell in self._cells(box.x0 - r, box.y0 - r, box.x1 + r, box.y1 + r):
            if any(box.hits(disc) for disc in self.discs.get(cell, ())):
                return False
        return True


def _candidates(anchor: Anchor, width: float, height: float) -> list[Box]:
    """Boxes around the anchor's disc, in order of preference (y grows upwards, as in matplotlib)."""
    d = anchor.disc
    out = []
    for gap in GAPS:
        reach = d.r + gap
        diagonal = reach / math.sqrt(2)
        centres = {
            "above": (d.x, d.y + reach + height / 2),
            "below": (d.x, d.y - reach - height / 2),
            "right": (d.x + reach + width / 2, d.y),
            "left": (d.x - reach - width / 2, d.y),
            "above-right": (d.x + diagonal + width / 2, d.y + diagonal + height / 2),
            "above-left": (d.x - diagonal - width / 2, d.y + diagonal + height / 2),
            "below-right": (d.x + diagonal + width / 2, d.y - diagonal - height / 2),
            "below-left": (d.x - diagonal - width / 2, d.y - diagonal - height / 2),
        }
        first, second = ("above", "below") if anchor.above else ("below", "above")
        order = (first, second, "right", "left", f"{first}-right", f"{first}-left", f"{second}-right",
                 f"{second}-left")
        for side in order:
            cx, cy = centres[side]
            out.append(Box(cx - width / 2, cy - height / 2, cx + width / 2, cy + height / 2))
    return out


def place_labels(anchors: Sequence[Anchor], *, bounds: Box, obstacles: Sequence[Disc],
                 measure: Callable[[str], tuple[float, float]]) -> list[Placement | None]:
    """A placement per anchor, in the anchors' order (``None``: the label fits nowhere).

    ``measure`` gives a text's box size in pixels (padding included);
    ``obstacles`` are every actor's disc (the anchors' own included); labels
    are placed in the order of ``anchors``, so the caller puts first the
    labels that matter most.
    """
    grid = _Grid()
    for disc in obstacles:
        grid.add_disc(disc)
    placed: list[Placement | None] = []
    for anchor in anchors:
        chosen = None
        for label in anchor.texts:
            width, height = measure(label)
            for box in _candidates(anchor, width, height):
                if box.inside(bounds) and grid.free(box):
                    chosen = Placement(label, box)
                    break
            if chosen is not None:
                break
        if chosen is not None:
            grid.add_box(chosen.box)
        placed.append(chosen)
    return placed
