"""HTML pages from Jinja2 templates shipped in the package, every value from the data escaped.

The templates (``ptce_graph/report/templates/``) are read through
:class:`jinja2.PackageLoader` with autoescaping on: a name holding markup
shows as text.  The style sheet and the table-sorting script are inlined
(the report works offline, from a folder or a web server); a
Content-Security-Policy allows that one script (by its hash) and that one
style sheet, images from the report's own folder, and nothing else — no
request leaves the page.  Only ``http:`` and ``https:`` IRIs of cited sources
become links; any other scheme (``javascript:``, ``data:``…) is shown as text.
"""

from __future__ import annotations

import base64
import datetime as _dt
import functools
import hashlib
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from ptce_graph.io.display import page_value
from ptce_graph.report.i18n import capitalise, metric_label, text
from ptce_graph.report.style import (
    ESS_CLASSES,
    GROUP_COLOURS,
    LOGIC_STYLES,
    STATUS_CLASSES,
    VERDICT_CLASSES,
)
from ptce_graph.version import __version__
from ptce_graph.wording import counted

if TYPE_CHECKING:
    import jinja2

# jinja2 is imported when the first page is rendered: only the HTML report and the docs need it.
__all__ = [
    "is_web_iri",
    "format_number",
    "format_count",
    "format_amount",
    "render_page",
    "style_sheet",
    "environment",
    "icon",
    "STYLE",
    "SCRIPT",
    "ICON",
]


def is_web_iri(value: object) -> bool:
    """True for an absolute ``http(s)`` IRI with a host, the only kind the report turns into a link."""
    if not isinstance(value, str) or not value:
        return False
    if any(ch.isspace() or ord(ch) < 0x20 or ch in "<>\"'`\\" for ch in value):
        return False
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


def format_number(value: Any, lang: str, digits: int = 3) -> str:
    """A measure as the metrics table writes it: 3 decimals, a decimal comma in French, "—" when missing."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float):
        if value != value:  # NaN
            return "—"
        out = f"{value:.{digits}f}"
        if out.startswith("-") and float(out) == 0:
            out = out[1:]
        out = out.replace("-", "−")
        return out.replace(".", ",") if lang == "fr" else out
    return str(value)


def format_count(value: Any, lang: str) -> str:
    """A statistic of counts (a mean, a median of numbers of actors): whole when it is, else one decimal."""
    if isinstance(value, float) and value == value and value.is_integer():
        return str(int(value))
    return format_number(value, lang, 1)


def format_amount(value: Decimal | int | float | None, lang: str) -> str:
    """An amount in euros with grouped thousands (a narrow no-break space in French)."""
    if value is None:
        return "—"
    amount = Decimal(str(value))
    whole = amount == amount.to_integral_value()
    out = f"{amount:,.0f}" if whole else f"{amount:,.2f}"
    if lang == "fr":
        out = out.replace(",", "\u202f").replace(".", ",")
    return out


def _sort_value(value: Any) -> str:
    """The machine value of a cell for the sorting script ('' when missing)."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, float):
        return repr(round(value, 9))
    return str(value)


def _iso(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, _dt.date):
        return value.isoformat()
    return str(value)


# ---------------------------------------------------------------------------
#  Style sheet and script
# ---------------------------------------------------------------------------


def _read(name: str) -> str:
    loader = environment().loader
    assert loader is not None
    source, _, _ = loader.get_source(environment(), name)
    return source


def _generated_css() -> str:
    """Colour classes built from :mod:`ptce_graph.report.style`, the figures' own palette."""
    lines = [f".g-{group}{{background:{colour}}}" for group, colour in GROUP_COLOURS.items()]
    lines += [f".l-{logic}{{border-top:3px {style.css_line} {style.colour}}}" for logic, style in LOGIC_STYLES.items()]
    return "\n".join(lines) + "\n"


@functools.cache
def _style() -> str:
    return _read("report.css") + _generated_css()


@functools.cache
def _script() -> str:
    return _read("sort.js")


def _digest(content: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(content.encode("utf-8")).digest()).decode("ascii") + "'"


def _csp(script: bool, policy: Mapping[str, str] | None = None) -> str:
    scripts = _digest(_script()) if script else "'none'"
    # object-src, frame-src: the network figure is an SVG <object> (an <img> would show no tooltip).
    directives = {"default-src": "'none'", "img-src": "'self'", "object-src": "'self'", "frame-src": "'self'",
                  "style-src": _digest(_style()), "script-src": scripts, "base-uri": "'none'",
                  "form-action": "'none'", **(policy or {})}
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def style_sheet() -> str:
    """The report's style sheet (inlined in every page; a server's own pages use it too)."""
    return _style()


STYLE = "report.css"
SCRIPT = "sort.js"
#: The report's icon, written beside the pages (browsers ask for one; a missing icon is an error in their log).
ICON = "favicon.svg"


def icon() -> bytes:
    return _read(ICON).encode("utf-8")


# ---------------------------------------------------------------------------
#  Environment
# ---------------------------------------------------------------------------


@functools.cache
def environment() -> jinja2.Environment:
    """The Jinja2 environment of the report: package templates, autoescaping, strict undefined."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("ptce_graph.report", "templates"),
        autoescape=True,
        finalize=page_value,  # no control, bidi or line-separator character reaches a page raw
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.tests["web_iri"] = is_web_iri
    env.filters["num"] = format_number
    env.filters["count"] = format_count
    env.filters["amount"] = format_amount
    env.filters["sortval"] = _sort_value
    env.filters["iso"] = _iso
    env.filters["cap"] = capitalise
    env.globals.update(
        status_class=STATUS_CLASSES,
        verdict_class=VERDICT_CLASSES,
        ess_class=ESS_CLASSES,
        metric_label=metric_label,
    )
    return env


def render_page(template: str, *, lang: str, script: bool = False, root: str = "",
                policy: Mapping[str, str] | None = None, **context: Any) -> str:
    """Render one page of the report in ``lang``; ``script`` inlines the table-sorting script.

    ``root`` is the address of the report's folder from the page (empty for the
    static report, whose pages sit beside ``index.html``); ``policy`` changes
    directives of the page's Content-Security-Policy (a server that shows
    figures as ``data:`` images, or a form that posts back to it).
    """
    from markupsafe import Markup


    def t(key: str, **values: Any) -> str:
        return text(key, lang, **values)

    def count(n: int, noun: str) -> str:
        return counted(n, noun, lang)

    return environment().get_template(template).render(
        lang=lang,
        t=t,
        counted=count,
        root=root,
        version=__version__,
        csp=_csp(script, policy),
        style=Markup(_style()),  # our own packaged file, not data: inlined as is
        script=Markup(_script()) if script else None,
        **context,
    )
