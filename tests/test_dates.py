"""Partial dates keep the precision of their source."""

from __future__ import annotations

import datetime as dt
import shutil
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib.namespace import XSD

from ptce_graph.dates import PartialDate, parse_day, parse_year
from ptce_graph.errors import InputError
from ptce_graph.io.lexical import lexical_error


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


# ---------------------------------------------------------------------------
#  Strict dates (issue 16, item 8): ASCII digits, years 0001-9999, no sign, everywhere a date is read
# ---------------------------------------------------------------------------

#: Decimal digits of other scripts that Python's \d and int() accept: Arabic-Indic, Persian,
#: Devanagari, Bengali, Thai, fullwidth, mathematical bold.
SCRIPTS = ["٠", "۰", "०", "০", "๐", "０", "𝟎"]
NOT_ASCII_DIGIT = st.characters(categories=["Nd"]).filter(lambda c: not c.isascii())


def _in_script(text: str, zero: str) -> str:
    return "".join(chr(ord(zero) + int(c)) if c.isdigit() else c for c in text)


def _refused_everywhere(text: str, datatype: str) -> None:
    with pytest.raises(ValueError):
        PartialDate.parse(text)
    assert lexical_error(text, str(datatype)) is not None


@pytest.mark.parametrize("zero", SCRIPTS)
def test_other_scripts_digits_are_refused(zero: str) -> None:
    assert int(_in_script("2014", zero)) == 2014  # what Python alone would accept
    _refused_everywhere(_in_script("2014-03-01", zero), XSD.date)
    _refused_everywhere(_in_script("2014-03", zero), XSD.gYearMonth)
    _refused_everywhere(_in_script("2014", zero), XSD.gYear)
    assert lexical_error(_in_script("12", zero), str(XSD.integer)) is not None
    with pytest.raises(ValueError):
        parse_year(_in_script("2014", zero))


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(["2014-03-01", "2014-03", "2014"]), st.data())
def test_one_foreign_digit_anywhere_is_enough_to_refuse(date: str, data: st.DataObject) -> None:
    positions = [i for i, c in enumerate(date) if c.isdigit()]
    i = data.draw(st.sampled_from(positions))
    digit = data.draw(NOT_ASCII_DIGIT)
    assert unicodedata.decimal(digit, None) is not None
    bad = date[:i] + digit + date[i + 1 :]
    datatype = {10: XSD.date, 7: XSD.gYearMonth, 4: XSD.gYear}[len(date)]
    _refused_everywhere(bad, datatype)


@pytest.mark.parametrize("bad", ["-2014", "+2014", "0000", "12014", "99999", "-0044-03-15", "+2014-03-01",
                                 "0000-01-01", "10000-01-01", "2014-03-01T00:00:00"])
def test_signs_and_years_out_of_0001_9999_are_refused(bad: str) -> None:
    datatype = XSD.gYear if len(bad.lstrip("+-")) in (4, 5) else XSD.date
    _refused_everywhere(bad, datatype)


def test_the_bounds_are_accepted() -> None:
    for good, datatype in (("0001", XSD.gYear), ("9999-12-31", XSD.date), ("0001-01", XSD.gYearMonth)):
        PartialDate.parse(good)
        assert lexical_error(good, str(datatype)) is None
    assert parse_day("2016-02-29") == dt.date(2016, 2, 29) and parse_year("0001") == 1
    for bad in ("20160229", "2016-W09-1", "2016-02"):
        with pytest.raises(ValueError):
            parse_day(bad)


def test_every_reader_of_dates_is_strict(tmp_path: Path) -> None:
    from ptce_graph.io import load
    from ptce_graph.io.bundle import read_bundle
    from ptce_graph.legal.pipeline import parse_as_of

    foreign = _in_script("2014", "٠")
    with pytest.raises(InputError):
        parse_as_of(foreign + "-03-01")
    bundle = tmp_path / "bundle"
    shutil.copytree(Path(__file__).resolve().parent.parent / "examples" / "fictional-pole" / "bundle", bundle)
    for name, old, new in (("links.csv", "2012-06", _in_script("2012-06", "०")),
                           ("funding.csv", ",2014,150000", f",{foreign},150000"),
                           ("links.csv", "2012-06", "-2012-06")):
        path = bundle / name
        original = path.read_text(encoding="utf-8")
        path.write_text(original.replace(old, new, 1), encoding="utf-8")
        with pytest.raises(InputError) as caught:
            read_bundle(bundle)
        assert caught.value.source.endswith(name) and caught.value.line == 2
        path.write_text(original, encoding="utf-8")
    rdf = tmp_path / "year.ttl"
    rdf.write_text('<https://example.org/f> <https://w3id.org/ptce/ns#year> "'
                   f'{foreign}"^^<http://www.w3.org/2001/XMLSchema#gYear> .\n', encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load(rdf)
    assert caught.value.line == 1 and "0001-9999" in str(caught.value)
