"""Dates as the sources give them: a day, a month or only a year.

The paper says "October 2012 to February 2014" and "end 2014"; spreadsheets say
"2015-03-01".  A :class:`PartialDate` keeps the precision the source has, maps
to ``xsd:date``, ``xsd:gYearMonth`` or ``xsd:gYear``, and compares by the
earliest and latest day it may stand for, so that no precision is invented.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import re
from dataclasses import dataclass

from rdflib import Literal
from rdflib.namespace import XSD

__all__ = ["PartialDate", "parse_date"]

_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True, slots=True, order=True)
class PartialDate:
    """A calendar date known to the day, the month or the year."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if not 1 <= self.year <= 9999:
            raise ValueError(f"year {self.year} out of range")
        if self.day is not None and self.month is None:
            raise ValueError("a day needs a month")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"month {self.month} out of range")
        if self.day is not None:
            _dt.date(self.year, self.month or 1, self.day)  # raises ValueError on 2014-02-30

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; ValueError otherwise."""
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
        text = re.sub(r"(Z|[+-]\d{2}:\d{2})$", "", text)
        return cls.parse(text)


def parse_date(text: str) -> PartialDate:
    """Shorthand for :meth:`PartialDate.parse`."""
    return PartialDate.parse(text)
