"""Content negotiation: Accept with q values and specificity, languages, suffixes (RFC 9110, section 12)."""

from __future__ import annotations

import pytest

from ptce_graph.serve.negotiation import (
    SUFFIXES,
    choose,
    choose_language,
    parse_accept,
    representation,
    split_suffix,
)

RDF = ["text/turtle", "application/ld+json", "application/n-triples"]


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, "text/turtle"),  # no header: the server's first preference
        ("", "text/turtle"),
        ("*/*", "text/turtle"),
        ("application/ld+json", "application/ld+json"),
        ("text/turtle;q=0.5, application/ld+json", "application/ld+json"),
        ("application/n-triples;q=0.9, text/turtle;q=0.9", "text/turtle"),  # a tie: the server's order
        ("text/*;q=0.2, application/n-triples;q=0.3", "application/n-triples"),
        ("text/*, text/turtle;q=0", None),  # text/* matches no other offer
        ("*/*;q=0.1, text/turtle;q=0", "application/ld+json"),  # the specific q=0 refuses Turtle only
        ("text/turtle;charset=utf-8;q=0.4, text/turtle;q=0.8", "text/turtle"),
        ("image/png", None),
        ("application/ld+json;q=abc", "text/turtle"),  # a malformed range is skipped: as if no header
        ("APPLICATION/LD+JSON", "application/ld+json"),
        ("*", "text/turtle"),
    ],
)
def test_choose(accept: str | None, expected: str | None) -> None:
    assert choose(accept, RDF) == expected


def test_the_most_specific_range_gives_the_quality() -> None:
    # text/turtle;q=0.1 is more specific than */* (q=1): Turtle gets 0.1, JSON-LD 1.
    assert choose("*/*, text/turtle;q=0.1", RDF) == "application/ld+json"
    ranges = parse_accept("*/*, text/*;q=0.5, text/turtle;q=0.2, text/turtle;level=1")
    assert [r.specificity for r in ranges] == [0, 1, 2, 3]


def test_parse_accept_is_bounded_and_tolerant() -> None:
    assert parse_accept("a" * 10_000) == []
    assert len(parse_accept(", ".join(["text/turtle"] * 1000))) == 64
    assert parse_accept("*/html, text/, /json, text/turtle;q=NaN") == []


@pytest.mark.parametrize(
    ("accept", "html", "expected"),
    [
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", True, "html"),  # a browser
        ("*/*", True, "html"),
        (None, True, "html"),
        ("text/turtle", True, "turtle"),
        ("application/json", True, "json-ld"),
        ("application/x-turtle", True, "turtle"),
        ("text/html", False, None),
        ("*/*", False, "turtle"),
        ("text/html;q=0.9, application/n-triples", True, "nt"),
    ],
)
def test_representation(accept: str | None, html: bool, expected: str | None) -> None:
    assert representation(accept, html=html) == expected


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (None, "fr"),
        ("en-GB,en;q=0.9", "en"),
        ("de, en;q=0.5, fr;q=0.4", "en"),
        ("fr-CA", "fr"),
        ("de", "fr"),
        ("*", "fr"),
        ("en;q=0", "fr"),
    ],
)
def test_choose_language(header: str | None, expected: str) -> None:
    assert choose_language(header, ("fr", "en"), "fr") == expected


def test_suffixes_come_from_the_readers() -> None:
    assert SUFFIXES == {"turtle": ".ttl", "nt": ".nt", "json-ld": ".jsonld"}
    assert split_suffix("pole/x.ttl") == ("pole/x", "turtle")
    assert split_suffix("pole/x.jsonld") == ("pole/x", "json-ld")
    assert split_suffix("pole/x.NT") == ("pole/x", "nt")
    assert split_suffix("pole/x") == ("pole/x", None)
    assert split_suffix(".ttl") == (".ttl", None)
