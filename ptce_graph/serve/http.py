"""HTTP answers the server shares: cached representations (ETag, Last-Modified, 304), redirects, media types.

Every representation of the data carries a strong ``ETag`` (a hash of its
bytes and media type) and the ``Last-Modified`` date of the registry it comes
from, so that a client or a proxy asks again cheaply (``If-None-Match`` or
``If-Modified-Since`` → 304 Not Modified), and ``Vary`` names the request
headers the choice depended on (``Accept``, ``Accept-Language``).
"""

from __future__ import annotations

import datetime as _dt
import hashlib
from collections.abc import Mapping, Sequence
from email.utils import format_datetime, parsedate_to_datetime

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

__all__ = ["with_charset", "http_date", "cached", "see_other", "etag_of"]

# Media types whose definition allows a charset parameter (JSON-LD, JSON and N-Triples are UTF-8 by definition).
_TEXT_LIKE = ("text/", "application/xhtml+xml", "application/sparql-results+xml", "application/xml")


def with_charset(media_type: str) -> str:
    """The ``Content-Type`` of a media type whose bytes are UTF-8 text."""
    if "charset=" in media_type or not media_type.startswith(_TEXT_LIKE):
        return media_type
    return f"{media_type}; charset=utf-8"


def http_date(moment: _dt.datetime) -> str:
    """An HTTP date (``Mon, 07 Dec 2026 18:00:00 GMT``)."""
    return format_datetime(moment.astimezone(_dt.UTC).replace(microsecond=0), usegmt=True)


def etag_of(body: bytes, media_type: str) -> str:
    digest = hashlib.sha256(media_type.encode("ascii", "replace") + b"\0" + body).hexdigest()[:32]
    return f'"{digest}"'


def _not_modified(request: Request, etag: str, last_modified: _dt.datetime) -> bool:
    wanted = request.headers.get("if-none-match")
    if wanted is not None:  # it takes precedence over If-Modified-Since (RFC 9110, 13.2.2)
        tags = {t.strip().removeprefix("W/") for t in wanted.split(",")}
        return "*" in tags or etag in tags
    since = request.headers.get("if-modified-since")
    if since and request.method in ("GET", "HEAD"):
        try:
            moment = parsedate_to_datetime(since)
        except (TypeError, ValueError, IndexError):
            return False
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=_dt.UTC)
        return last_modified.replace(microsecond=0) <= moment
    return False


def cached(
    request: Request,
    body: bytes,
    media_type: str,
    *,
    last_modified: _dt.datetime,
    vary: Sequence[str] = ("Accept",),
    max_age: int = 300,
    headers: Mapping[str, str] | None = None,
) -> Response:
    """A 200 answer with validators, or 304 when the client's copy is current."""
    etag = etag_of(body, media_type)
    common = {
        "ETag": etag,
        "Last-Modified": http_date(last_modified),
        "Cache-Control": f"public, max-age={max_age}",
        **({"Vary": ", ".join(vary)} if vary else {}),
        **(headers or {}),
    }
    if _not_modified(request, etag, last_modified):
        return Response(status_code=304, headers=common)
    return Response(body, media_type=with_charset(media_type), headers=common)


def see_other(location: str, *, vary: Sequence[str] = ("Accept",)) -> Response:
    """A 303 See Other: the IRI names a thing, the answer is a document about it (Cool URIs, section 4.3)."""
    headers = {"Cache-Control": "public, max-age=300"}
    if vary:
        headers["Vary"] = ", ".join(vary)
    return RedirectResponse(location, status_code=303, headers=headers)
