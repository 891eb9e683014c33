"""Partial dates keep the precision of their source."""

from __future__ import annotations

import datetime as dt

import pytest
from rdflib.namespace import XSD

from ptce_graph.dates import PartialDate


def test_parse_and_print() -> None:
    assert str(PartialDate.parse("2012-10")) == "2012-10"
    assert PartialDate.parse("2014").precision == "year"
    assert PartialDate.parse("2014-07-31") == PartialDate(2014, 7, 31)


@pytest.mark.parametrize("bad", ["2014-13", "2014-02-30", "31/07/2014", "14", "2014-7-1", ""])
def test_bad_dates(bad: str) -> None:
    with pytest.raises(ValueError):
        PartialDate.parse(bad)


def test_bounds() -> None:
    assert PartialDate.parse("2014").earliest() == dt.date(2014, 1, 1)
    assert PartialDate.parse("2014").latest() == dt.date(2014, 12, 31)
    assert PartialDate.parse("2016-02").latest() == dt.date(2016, 2, 29)


def test_literals() -> None:
    assert PartialDate.parse("2014").to_literal().datatype == XSD.gYear
    assert PartialDate.parse("2014-02").to_literal().datatype == XSD.gYearMonth
    assert PartialDate.parse("2014-02-01").to_literal().datatype == XSD.date
    for text in ("2014", "2014-02", "2014-02-01"):
        assert PartialDate.from_literal(PartialDate.parse(text).to_literal()) == PartialDate.parse(text)


def test_of() -> None:
    assert PartialDate.of(dt.date(2015, 3, 1)) == PartialDate(2015, 3, 1)
    assert PartialDate.of("2015-03") == PartialDate(2015, 3)
