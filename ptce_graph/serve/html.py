"""The server's own HTML pages (registry, resources, actors, check, SPARQL, catalogue, errors) and their policy.

Templates live in ``ptce_graph/serve/templates/`` and are rendered with
autoescaping (a name holding markup shows as text) and the report's style
sheet inlined, so that the server's pages and the report's pages look alike.
Every page is sent with a Content-Security-Policy built from the page itself
(:func:`policy_for`): the hash of each inline style sheet and script, images
from the server only, forms posting back to it, no framing — injected markup
could neither run nor load anything.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from ptce_graph.io.display import page_value
from ptce_graph.report.html import format_number, is_web_iri, style_sheet
from ptce_graph.report.i18n import text
from ptce_graph.serve.words import LANGUAGES, other_language, word
from ptce_graph.version import __version__

if TYPE_CHECKING:
    import jinja2

__all__ = ["render", "policy_for", "environment", "Links"]

_INLINE = re.compile(r"<(script|style)(?![^>]*\bsrc=)[^>]*>(.*?)</\1>", re.S | re.I)


def _hash(content: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(content.encode("utf-8")).digest()).decode("ascii") + "'"


def policy_for(html: str, *, images: str = "'self'", forms: str = "'self'") -> str:
    """The Content-Security-Policy of a page: its own inline styles and scripts (by hash), and nothing else.

    A page that shows a figure as an ``<object>`` (the network, whose SVG
    carries tooltips) may load objects from where it loads images.
    """
    styles = sorted({_hash(body) for tag, body in _INLINE.findall(html) if tag.lower() == "style"})
    scripts = sorted({_hash(body) for tag, body in _INLINE.findall(html) if tag.lower() == "script"})
    objects = images if "<object " in html else "'none'"
    return "; ".join([
        "default-src 'none'",
        f"style-src {' '.join(styles) or chr(39) + 'none' + chr(39)}",
        f"script-src {' '.join(scripts) or chr(39) + 'none' + chr(39)}",
        f"img-src {images}",
        f"object-src {objects}",
        f"frame-src {objects}",
        f"form-action {forms}",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ])


class Links:
    """Addresses of the server's pages from a request (the server may sit below a path of a proxy)."""

    def __init__(self, root: str, lang: str, default_lang: str) -> None:
        self.root = root.rstrip("/") + "/"
        self.lang = lang
        self.default_lang = default_lang

    def __call__(self, path: str = "", *, lang: str | None = None) -> str:
        """``path`` below the server's root, with ``?lang=`` when the page language is not the default."""
        chosen = lang or self.lang
        url = self.root + path.lstrip("/")
        if chosen != self.default_lang or lang is not None:
            url += ("&" if "?" in url else "?") + f"lang={chosen}"
        return url


@functools.cache
def environment() -> jinja2.Environment:
    import jinja2  # when the first page is rendered: importing the server's modules stays light

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("ptce_graph.serve", "templates"),
        autoescape=True,
        finalize=page_value,  # no control, bidi or line-separator character reaches a page raw
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.tests["web_iri"] = is_web_iri
    env.filters["num"] = format_number
    return env


def render(template: str, *, lang: str, links: Links, path: str = "", alternates: Mapping[str, str] | None = None,
           **context: Any) -> str:
    """One page of the server in ``lang``; ``path`` is the page's own path (for the language switch)."""

    def t(key: str, **values: Any) -> str:
        return word(key, lang, **values)

    other = other_language(lang)
    return environment().get_template(template).render(
        lang=lang,
        languages=LANGUAGES,
        t=t,
        url=links,
        switch=links(path, lang=other),
        other_lang=word("other_lang", lang),
        colon=text("colon", lang),  # " : " in French, ": " in English
        other=other,
        alternates=dict(alternates or {}),
        version=__version__,
        style=Markup(style_sheet()),  # the package's own style sheet, not data
        **context,
    )
