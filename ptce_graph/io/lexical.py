"""Lexical checks of XSD literals, done before rdflib sees them.

rdflib accepts ``"2014-13-45"^^xsd:date`` and logs a traceback at WARNING
level; it does not check ``xsd:gYear`` at all.  Data with such values would be
judged wrongly later, so the loader checks the common XSD datatypes here and
refuses bad values with a located message.
"""

from __future__ import annotations

import calendar
import re

from rdflib.namespace import XSD

__all__ = ["lexical_error"]

_TZ = r"(?:Z|[+-](?:(?:0\d|1[0-3]):[0-5]\d|14:00))?"
_DATE = re.compile(rf"^(-?\d{{4,}})-(\d{{2}})-(\d{{2}}){_TZ}$")
_DATETIME = re.compile(rf"^(-?\d{{4,}})-(\d{{2}})-(\d{{2}})T(\d{{2}}):(\d{{2}}):(\d{{2}})(?:\.\d+)?{_TZ}$")
_GYEAR = re.compile(rf"^-?\d{{4,}}{_TZ}$")
_GYEARMONTH = re.compile(rf"^(-?\d{{4,}})-(\d{{2}}){_TZ}$")
_INTEGER = re.compile(r"^[+-]?\d+$")
_DECIMAL = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$")
_DOUBLE = re.compile(r"^(?:[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|[+-]?INF|NaN)$")
_BOOLEAN = {"true", "false", "1", "0"}

_INTEGER_BOUNDS: dict[str, tuple[int | None, int | None]] = {
    str(XSD.integer): (None, None),
    str(XSD.int): (-(2**31), 2**31 - 1),
    str(XSD.long): (-(2**63), 2**63 - 1),
    str(XSD.short): (-(2**15), 2**15 - 1),
    str(XSD.byte): (-128, 127),
    str(XSD.nonNegativeInteger): (0, None),
    str(XSD.positiveInteger): (1, None),
    str(XSD.nonPositiveInteger): (None, 0),
    str(XSD.negativeInteger): (None, -1),
    str(XSD.unsignedInt): (0, 2**32 - 1),
    str(XSD.unsignedLong): (0, 2**64 - 1),
    str(XSD.unsignedShort): (0, 2**16 - 1),
    str(XSD.unsignedByte): (0, 255),
}


def _valid_ymd(y: str, m: str, d: str) -> bool:
    year, month, day = int(y), int(m), int(d)
    if not 1 <= month <= 12:
        return False
    # Year 0 and negative years: calendar has no leap rule for them; accept 1..31.
    last = calendar.monthrange(year, month)[1] if 1 <= year <= 9999 else 31
    return 1 <= day <= last


def lexical_error(value: str, datatype: str) -> str | None:
    """Why ``value`` is not a valid lexical form of ``datatype``, or None.

    Datatypes not checked here are accepted as they are.
    """
    if datatype == str(XSD.date):
        m = _DATE.match(value)
        if not m or not _valid_ymd(*m.groups()):
            return "a valid date YYYY-MM-DD"
    elif datatype == str(XSD.dateTime):
        m = _DATETIME.match(value)
        if not m or not _valid_ymd(*m.groups()[:3]):
            return "a valid date-time YYYY-MM-DDThh:mm:ss"
        hh, mm, ss = (int(x) for x in m.groups()[3:6])
        if hh > 24 or mm > 59 or ss > 60:
            return "a valid date-time YYYY-MM-DDThh:mm:ss"
    elif datatype == str(XSD.gYear):
        if not _GYEAR.match(value):
            return "a year YYYY"
    elif datatype == str(XSD.gYearMonth):
        m = _GYEARMONTH.match(value)
        if not m or not 1 <= int(m.group(2)) <= 12:
            return "a year and month YYYY-MM"
    elif datatype == str(XSD.boolean):
        if value not in _BOOLEAN:
            return "true or false"
    elif datatype in _INTEGER_BOUNDS:
        if not _INTEGER.match(value):
            return "an integer"
        low, high = _INTEGER_BOUNDS[datatype]
        number = int(value)
        if (low is not None and number < low) or (high is not None and number > high):
            name = datatype.rsplit("#", 1)[-1]
            return f"an integer within the range of xsd:{name}"
    elif datatype == str(XSD.decimal):
        if not _DECIMAL.match(value):
            return "a decimal number such as 1500.50"
    elif datatype in (str(XSD.double), str(XSD.float)):
        if not _DOUBLE.match(value):
            return "a floating-point number"
    return None
