"""Lexical checks of XSD literals, done before rdflib sees them.

rdflib accepts ``"2014-13-45"^^xsd:date`` and logs a traceback at WARNING
level; it does not check ``xsd:gYear`` at all.  Data with such values would be
judged wrongly later, so the loader checks the common XSD datatypes here and
refuses bad values with a located message.

Stricter than XSD where our data never needs its latitude: digits are ASCII
(``\\d`` would take any script's digits, and ``int()`` reads them), years have
four digits from 0001 to 9999 and no sign (:mod:`ptce_graph.dates`), and a
number has at most :data:`MAX_NUMBER_LENGTH` characters (a 5,000-digit integer
is an attack on ``int()``, which refuses more than 4,300 digits, not data).
"""

from __future__ import annotations

import calendar
import re

from rdflib.namespace import XSD

__all__ = ["lexical_error", "MAX_NUMBER_LENGTH"]

#: Characters a numeric literal may have (a 20-digit amount in cents is far below).
MAX_NUMBER_LENGTH = 100

_D = "[0-9]"
_YEAR = "(?!0000)[0-9]{4}"  # 0001-9999, no sign
_TZ = r"(?:Z|[+-](?:(?:0[0-9]|1[0-3]):[0-5][0-9]|14:00))?"
_DATE = re.compile(rf"^({_YEAR})-({_D}{{2}})-({_D}{{2}}){_TZ}$")
_DATETIME = re.compile(
    rf"^({_YEAR})-({_D}{{2}})-({_D}{{2}})T({_D}{{2}}):({_D}{{2}}):({_D}{{2}})(?:\.{_D}+)?{_TZ}$"
)
_GYEAR = re.compile(rf"^{_YEAR}{_TZ}$")
_GYEARMONTH = re.compile(rf"^({_YEAR})-({_D}{{2}}){_TZ}$")
_INTEGER = re.compile(rf"^[+-]?{_D}+$")
_DECIMAL = re.compile(rf"^[+-]?(?:{_D}+(?:\.{_D}*)?|\.{_D}+)$")
_DOUBLE = re.compile(rf"^(?:[+-]?(?:{_D}+(?:\.{_D}*)?|\.{_D}+)(?:[eE][+-]?{_D}+)?|[+-]?INF|NaN)$")
_NUMERIC = frozenset(
    [str(XSD.decimal), str(XSD.double), str(XSD.float)]
    + [str(XSD[name]) for name in ("integer", "int", "long", "short", "byte", "nonNegativeInteger",
                                   "positiveInteger", "nonPositiveInteger", "negativeInteger", "unsignedInt",
                                   "unsignedLong", "unsignedShort", "unsignedByte")]
)
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
    return 1 <= day <= calendar.monthrange(year, month)[1]


def lexical_error(value: str, datatype: str) -> str | None:
    """Why ``value`` is not a valid lexical form of ``datatype``, or None.

    Datatypes not checked here are accepted as they are.
    """
    if datatype in _NUMERIC and len(value) > MAX_NUMBER_LENGTH:
        return f"a number of at most {MAX_NUMBER_LENGTH} characters (this one has {len(value)})"
    if datatype == str(XSD.date):
        m = _DATE.match(value)
        if not m or not _valid_ymd(*m.groups()):
            return "a valid date YYYY-MM-DD (years 0001-9999, ASCII digits)"
    elif datatype == str(XSD.dateTime):
        m = _DATETIME.match(value)
        if not m or not _valid_ymd(*m.groups()[:3]):
            return "a valid date-time YYYY-MM-DDThh:mm:ss"
        hh, mm, ss = (int(x) for x in m.groups()[3:6])
        if hh > 24 or mm > 59 or ss > 60:
            return "a valid date-time YYYY-MM-DDThh:mm:ss"
    elif datatype == str(XSD.gYear):
        if not _GYEAR.match(value):
            return "a year YYYY (0001-9999, ASCII digits)"
    elif datatype == str(XSD.gYearMonth):
        m = _GYEARMONTH.match(value)
        if not m or not 1 <= int(m.group(2)) <= 12:
            return "a year and month YYYY-MM (years 0001-9999, ASCII digits)"
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
