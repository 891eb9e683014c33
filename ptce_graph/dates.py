"""Dates as the sources give them: a day, a month or only a year.

The paper says "October 2012 to February 2014" and "end 2014"; spreadsheets say
"2015-03-01".  A :class:`PartialDate` keeps the precision the source has, maps
to ``xsd:date``, ``xsd:gYearMonth`` or ``xsd:gYear``, and compares by the
earliest and latest day it may stand for, so that no precision is invented.

Every date ptce_graph reads goes through this module, and is strict: ASCII
digits only (Python's ``\\d`` and ``int()`` also take ``٢٠١٤`` or ``２０１４``),
a year of four digits from 0001 to 9999, no sign (XSD allows ``-0044`` and
``12014``; no pole was founded then, and a sign or a fifth digit is far more
likely a typing slip).
"""

from __future__ import annotations

import calendar
import datetime as _dt
import re
from dataclasses import dataclass

from rdflib import Literal
from rdflib.namespace import XSD

__all__ = ["PartialDate", "parse_date", "parse_day", "parse_year", "YEARS"]

#: The years a date may have, as documented (docs/validation.md, the bundle contract).
YEARS = (1, 9999)
_ISO = re.compile(r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?$")
_TIMEZONE = re.compile(r"(Z|[+-][0-9]{2}:[0-9]{2})$")


@dataclass(frozen=True, slots=True, order=True)
class PartialDate:
    """A calendar date known to the day, the month or the year."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if not YEARS[0] <= self.year <= YEARS[1]:
            raise ValueError(f"year {self.year} out of range")
        if self.day is not None and self.month is None:
            raise ValueError("a day needs a month")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"month {self.month} out of range")
        if self.day is not None:
            _dt.date(self.year, self.month or 1, self.day)  # raises ValueError on 2014-02-30

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (ASCII digits, years 0001-9999); ValueError otherwise."""
        m = _ISO.match(text.strip())
        if not m:
            raise ValueError(f"{text!r} is not an ISO 8601 date (YYYY-MM-DD, YYYY-MM or YYYY)")
        y, mo, d = m.groups()
        return cls(int(y), int(mo) if mo else None, int(d) if d else None)

    @classmethod
    def of(cls, value: PartialDate | _dt.date | str) -> PartialDate:
        """Coerce a date, a string or a PartialDate."""
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, _dt.datetime):
            value = value.date()
        if isinstance(value, _dt.date):
            return cls(value.year, value.month, value.day)
        if isinstance(value, str):
            return cls.parse(value)
        raise TypeError(f"cannot make a date of {value!r}")

    @property
    def precision(self) -> str:
        """``day``, ``month`` or ``year``: how much of the date the source gives."""
        return "day" if self.day is not None else "month" if self.month is not None else "year"

    def earliest(self) -> _dt.date:
        """The first day this date may stand for."""
        return _dt.date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> _dt.date:
        """The last day this date may stand for."""
        month = self.month or 12
        day = self.day or calendar.monthrange(self.year, month)[1]
        return _dt.date(self.year, month, day)

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text

    def to_literal(self) -> Literal:
        """The date as an ``xsd:date``, ``xsd:gYearMonth`` or ``xsd:gYear`` literal."""
        datatype = {"day": XSD.date, "month": XSD.gYearMonth, "year": XSD.gYear}[self.precision]
        return Literal(str(self), datatype=datatype)

    @classmethod
    def from_literal(cls, literal: Literal) -> PartialDate:
        """Read an xsd:date, xsd:gYearMonth, xsd:gYear or xsd:dateTime literal."""
        text = str(literal).strip()
        if literal.datatype == XSD.dateTime:
            text = text[:10]
        # Drop a timezone suffix (2014-07-31Z, 2014-07-31+02:00).
        text = _TIMEZONE.sub("", text)
        return cls.parse(text)


def parse_date(text: str) -> PartialDate:
    """Shorthand for :meth:`PartialDate.parse`."""
    return PartialDate.parse(text)


def parse_day(text: str) -> _dt.date:
    """A date known to the day, ``YYYY-MM-DD`` (strict, as :meth:`PartialDate.parse`); ValueError otherwise.

    Unlike :meth:`datetime.date.fromisoformat`, which also takes ``20150301``,
    ``2015-W10-1`` and other digits than ASCII ones."""
    date = PartialDate.parse(text)
    if date.precision != "day":
        raise ValueError(f"{text!r} is not a day (YYYY-MM-DD)")
    return date.earliest()


def parse_year(text: str) -> int:
    """A year ``YYYY`` (four ASCII digits, 0001-9999); ValueError otherwise."""
    date = PartialDate.parse(text)
    if date.precision != "year":
        raise ValueError(f"{text!r} is not a year (YYYY)")
    return date.year
