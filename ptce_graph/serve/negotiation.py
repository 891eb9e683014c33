"""Content negotiation (RFC 9110, section 12): which representation and which language a client asked for.

Linked-data clients say what they want in ``Accept`` (``text/turtle``,
``application/ld+json;q=0.9``…); browsers send ``text/html`` first; an
explicit suffix (``.ttl``, ``.jsonld``, ``.nt``) wins over the header.  The
rules of :func:`choose`: for each offer, the most specific media range that
matches it gives its quality (``*/*`` < ``text/*`` < ``text/turtle`` <
``text/turtle;charset=utf-8``); ``q=0`` refuses; the best quality wins, ties
going to the server's order of preference.  A missing or empty header accepts
anything; a header that matches no offer gives None (HTTP 406).

The RDF formats, their media types and their file suffixes come from the
modules that write and read them (:data:`ptce_graph.publish.metadata.MEDIA_TYPES`,
:data:`ptce_graph.io.formats.EXTENSIONS`): one source for each.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ptce_graph.io.formats import EXTENSIONS
from ptce_graph.publish.metadata import MEDIA_TYPES

__all__ = [
    "MediaRange",
    "parse_accept",
    "choose",
    "choose_language",
    "HTML",
    "RDF_MEDIA_TYPES",
    "SUFFIXES",
    "media_type_of",
    "split_suffix",
    "representation",
]

#: The media type of a page (served as text/html only: "application/xhtml+xml" would promise XML).
HTML: tuple[str, ...] = ("text/html",)

#: Each RDF format the server writes (the names of :func:`ptce_graph.io.serialize`) and its media type.
RDF_MEDIA_TYPES: dict[str, str] = {name: spec[0] for name, spec in MEDIA_TYPES.items()}

#: Other media types clients send for these formats.
_ALIASES: dict[str, str] = {"application/json": "json-ld", "application/x-turtle": "turtle"}

#: The canonical suffix of each RDF format (the first extension the readers know for it).
SUFFIXES: dict[str, str] = {}
for _ext, _fmt in EXTENSIONS.items():
    if _fmt in RDF_MEDIA_TYPES:
        SUFFIXES.setdefault(_fmt, _ext)

_MAX_RANGES = 64
#: (extension, format) of every RDF suffix, longest first (".jsonld" before ".json").
_BY_SUFFIX = sorted(((ext, fmt) for ext, fmt in EXTENSIONS.items() if fmt in RDF_MEDIA_TYPES), key=lambda e: -len(e[0]))


@dataclass(frozen=True)
class MediaRange:
    """One range of an ``Accept`` header: ``type/subtype``, its quality and how specific it is (0–3)."""

    type: str
    subtype: str
    q: float
    specificity: int

    def matches(self, media_type: str) -> bool:
        kind, _, sub = media_type.partition("/")
        return self.type in ("*", kind) and self.subtype in ("*", sub)


def _quality(text: str) -> float | None:
    try:
        value = float(text.strip())
    except ValueError:
        return None
    if value != value:  # NaN
        return None
    return min(max(value, 0.0), 1.0)


def parse_accept(header: str | None) -> list[MediaRange]:
    """The media ranges of an ``Accept`` header; malformed ranges are skipped, at most 64 are read."""
    ranges: list[MediaRange] = []
    for part in (header or "").split(",")[:_MAX_RANGES]:
        pieces = [p.strip() for p in part.split(";")]
        media = pieces[0].lower()
        if media == "*":  # some Java clients send a bare *
            media = "*/*"
        kind, slash, sub = media.partition("/")
        if not slash or not kind or not sub or (kind == "*" and sub != "*"):
            continue
        q: float | None = 1.0
        params = 0
        for piece in pieces[1:]:
            name, _, value = piece.partition("=")
            if name.strip().lower() == "q":
                q = _quality(value)
                break  # what follows q is an accept-extension
            if name.strip():
                params += 1
        if q is None:
            continue
        specificity = 0 if kind == "*" else 1 if sub == "*" else 3 if params else 2
        ranges.append(MediaRange(kind, sub, q, specificity))
    return ranges


def choose(header: str | None, offers: Sequence[str]) -> str | None:
    """The offer (a media type) the client prefers, or None when it accepts none of them."""
    if not offers:
        return None
    ranges = parse_accept(header)
    if not ranges:
        return offers[0]
    best: tuple[float, int] | None = None
    chosen = None
    for index, offer in enumerate(offers):
        matching = [r for r in ranges if r.matches(offer.lower())]
        if not matching:
            continue
        top = max(r.specificity for r in matching)
        q = max(r.q for r in matching if r.specificity == top)
        if q <= 0:
            continue
        key = (q, -index)
        if best is None or key > best:
            best, chosen = key, offer
    return chosen


def choose_language(header: str | None, supported: Sequence[str], default: str) -> str:
    """The supported language the client prefers (``Accept-Language``), or ``default``."""
    best: tuple[float, int] | None = None
    chosen = default
    for part in (header or "").split(",")[:_MAX_RANGES]:
        pieces = [p.strip() for p in part.split(";")]
        tag = pieces[0].lower()
        if not tag:
            continue
        q: float | None = 1.0
        for piece in pieces[1:]:
            name, _, value = piece.partition("=")
            if name.strip().lower() == "q":
                q = _quality(value)
        if not q:
            continue
        for index, lang in enumerate(supported):
            if tag == "*" or tag == lang or tag.startswith(lang + "-"):
                key = (q, -index)
                if best is None or key > best:
                    best, chosen = key, lang
    return chosen


def media_type_of(fmt: str) -> str:
    """The media type of a representation: ``html`` or an RDF format name."""
    return HTML[0] if fmt == "html" else RDF_MEDIA_TYPES[fmt]


def split_suffix(path: str) -> tuple[str, str | None]:
    """``("pole/x", "turtle")`` for ``pole/x.ttl``; ``(path, None)`` when it ends with no RDF suffix."""
    lowered = path.lower()
    for ext, fmt in _BY_SUFFIX:
        if lowered.endswith(ext) and len(path) > len(ext):
            return path[: -len(ext)], fmt
    return path, None


def representation(header: str | None, *, html: bool = True) -> str | None:
    """``html`` or the RDF format a client prefers; None when it accepts none of them.

    ``html=False`` offers RDF only (a data document).  HTML is preferred on a
    tie: a browser sending ``*/*`` gets a page.
    """
    offers: list[str] = list(HTML) if html else []
    offers += list(RDF_MEDIA_TYPES.values()) + list(_ALIASES)
    chosen = choose(header, offers)
    if chosen is None:
        return None
    if chosen in HTML:
        return "html"
    if chosen in _ALIASES:
        return _ALIASES[chosen]
    return next(name for name, media in RDF_MEDIA_TYPES.items() if media == chosen)
