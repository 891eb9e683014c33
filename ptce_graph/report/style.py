"""The report's visual vocabulary, defined once: group colours, logic line styles, status colours.

The network figures and the HTML pages (legends, swatches, badges) read the
same tables, so a colour means the same thing everywhere.  Group colours are
the Okabe-Ito palette (distinguishable with the common colour-vision
deficiencies); logics differ by line style as well as by colour, and every
badge carries a symbol and a word, so nothing is said by colour alone.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["GROUP_COLOURS", "LogicStyle", "LOGIC_STYLES", "STATUS_CLASSES", "VERDICT_CLASSES", "VERDICT_SYMBOLS",
           "ESS_CLASSES"]

#: Fill colour of each group of :func:`ptce_graph.metrics.graph.actor_group`.
GROUP_COLOURS: dict[str, str] = {
    "ess": "#009E73",  # bluish green
    "enterprise": "#E69F00",  # orange
    "public": "#0072B2",  # blue
    "knowledge": "#CC79A7",  # reddish purple
    "other": "#999999",  # grey
}


@dataclass(frozen=True)
class LogicStyle:
    """How the links of one logic are drawn: colour, dash pattern and width in the figures, CSS line in legends."""

    colour: str
    dashes: tuple[float, ...]  # on/off lengths in points; () for a solid line
    width: float
    css_line: str  # solid | dashed | dotted, for the HTML legend


#: Line style of each logic of cooperation.
LOGIC_STYLES: dict[str, LogicStyle] = {
    "mutualisation": LogicStyle("#D55E00", (), 2.2, "solid"),  # vermillion
    "interaction": LogicStyle("#332288", (5.0, 2.5), 1.6, "dashed"),  # indigo
    "animation": LogicStyle("#882255", (1.2, 2.0), 1.8, "dotted"),  # wine
    "partnership": LogicStyle("#555555", (6.0, 2.0, 1.5, 2.0), 1.4, "dashed"),  # grey, dash-dot
}

#: CSS class of a clause status, a verdict and an ESS status (colours in the page's style sheet).
STATUS_CLASSES: dict[str, str] = {"met": "ok", "not-met": "ko", "unknown": "unk"}
VERDICT_CLASSES: dict[str, str] = {"fits": "ok", "does-not-fit": "ko", "undetermined": "unk"}
ESS_CLASSES: dict[str, str] = {"yes": "ok", "no": "ko", "unknown": "unk"}

#: The symbol of a verdict, beside its words (the clause statuses have theirs: ✓ ✗ ?).
VERDICT_SYMBOLS: dict[str, str] = {"fits": "✓", "does-not-fit": "✗", "undetermined": "?"}
