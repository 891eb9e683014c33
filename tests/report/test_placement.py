"""Label placement, as pure geometry: labels overlap nothing, stay inside, prefer their side, are deterministic."""

from __future__ import annotations

import random

from ptce_graph.report.placement import Anchor, Box, Disc, overlap, place_labels

BOUNDS = Box(0, 0, 600, 400)


def measure(text: str) -> tuple[float, float]:
    return 6.0 * len(text), 12.0


def crowd(n: int, seed: int = 3) -> list[Anchor]:
    rng = random.Random(seed)
    return [Anchor(Disc(rng.uniform(20, 580), rng.uniform(20, 380), rng.uniform(3, 12)),
                   (f"Acteur numéro {i} du pôle", f"Acteur {i}"), above=i % 2 == 0) for i in range(n)]


def test_labels_overlap_no_label_and_no_actor_and_stay_inside() -> None:
    for n in (1, 5, 20, 60, 150):
        anchors = crowd(n)
        discs = [a.disc for a in anchors]
        placed = place_labels(anchors, bounds=BOUNDS, obstacles=discs, measure=measure)
        boxes = [p.box for p in placed if p is not None]
        assert overlap(boxes) == []
        assert all(b.inside(BOUNDS) for b in boxes)
        assert not any(b.hits(d) for b in boxes for d in discs)
        if n <= 20:
            assert len(boxes) == n  # room for everyone


def test_preferred_side_first_then_a_shorter_text() -> None:
    disc = Disc(300, 200, 5)
    [above] = place_labels([Anchor(disc, ("long label",), above=True)], bounds=BOUNDS, obstacles=[disc],
                           measure=measure)
    [below] = place_labels([Anchor(disc, ("long label",), above=False)], bounds=BOUNDS, obstacles=[disc],
                           measure=measure)
    assert above is not None and below is not None
    assert above.box.y0 > disc.y + disc.r and below.box.y1 < disc.y - disc.r  # y grows upwards
    assert above.centre[0] == below.centre[0] == disc.x
    # Near the right border, a text wider than the free space on the left fits nowhere: the short one is taken.
    edge = Disc(590, 200, 5)
    [short] = place_labels([Anchor(edge, ("x" * 99, "short"))], bounds=BOUNDS, obstacles=[edge], measure=measure)
    assert short is not None and short.text == "short" and short.box.inside(BOUNDS)
    # Nothing fits: no label rather than a label on something.
    [none] = place_labels([Anchor(Disc(5, 5, 4), ("x" * 200,))], bounds=BOUNDS, obstacles=[], measure=measure)
    assert none is None


def test_same_input_same_placement() -> None:
    anchors = crowd(40)
    discs = [a.disc for a in anchors]
    first = place_labels(anchors, bounds=BOUNDS, obstacles=discs, measure=measure)
    assert first == place_labels(list(anchors), bounds=BOUNDS, obstacles=list(discs), measure=measure)
