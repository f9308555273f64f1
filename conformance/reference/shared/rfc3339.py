"""RFC 3339 §5.6 date-time: validation and exact instants.

rfc3339-validator (what jsonschema uses) rejects leap seconds and lowercase ``t``/``z``
and accepts a trailing newline; RFC 3339 says otherwise (tests/test_rfc3339.py runs the
JSON-Schema-Test-Suite cases). ``datetime.fromisoformat`` truncates fractions past
microseconds. So the grammar is checked here and instants are exact rationals
(``Fraction`` of seconds since 1970-01-01T00:00:00Z), so that 100 ns still counts.
"""

from __future__ import annotations

import calendar
import re
from fractions import Fraction
from functools import lru_cache

_GRAMMAR = re.compile(
    r"(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})[Tt]"
    r"(?P<h>\d{2}):(?P<mi>\d{2}):(?P<s>\d{2})(?:\.(?P<frac>\d+))?"
    r"(?P<off>[Zz]|[+-](?P<oh>\d{2}):(?P<om>\d{2}))",
    re.ASCII,
)

_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _month_length(year: int, month: int) -> int:
    return 29 if month == 2 and calendar.isleap(year) else _MONTH_DAYS[month - 1]


def _days_from_civil(y: int, m: int, d: int) -> int:
    # Proleptic Gregorian day count from 1970-01-01 (H. Hinnant's algorithm); works for year 0000,
    # which RFC 3339 allows and ``datetime.date`` does not.
    y -= m <= 2
    era = y // 400
    yoe = y - era * 400
    doy = (153 * (m + (-3 if m > 2 else 9)) + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


def _fields(text: str):
    return _fields_of(text) if isinstance(text, str) else None


@lru_cache(maxsize=4096)  # a run judges the same few timestamps over and over
def _fields_of(text: str):
    m = _GRAMMAR.fullmatch(text)
    if m is None:
        return None
    y, mo, d = int(m["y"]), int(m["mo"]), int(m["d"])
    h, mi, s = int(m["h"]), int(m["mi"]), int(m["s"])
    if not 1 <= mo <= 12 or not 1 <= d <= _month_length(y, mo):
        return None
    if h > 23 or mi > 59 or s > 60:
        return None
    sign, oh, om = 0, 0, 0
    if m["off"] not in ("Z", "z"):
        sign = 1 if m["off"][0] == "+" else -1
        oh, om = int(m["oh"]), int(m["om"])
        if oh > 23 or om > 59:
            return None
    offset_minutes = sign * (oh * 60 + om)
    if s == 60:
        # A leap second is only ever 23:59:60 in UTC.
        utc_minutes = (h * 60 + mi - offset_minutes) % (24 * 60)
        if utc_minutes != 23 * 60 + 59:
            return None
    frac = Fraction(int(m["frac"]), 10 ** len(m["frac"])) if m["frac"] else Fraction(0)
    return y, mo, d, h, mi, s, frac, offset_minutes


def is_date_time(text) -> bool:
    return _fields(text) is not None


def instant(text: str) -> Fraction:
    """Exact seconds since the epoch. A leap second 23:59:60 counts as the next midnight."""
    if not isinstance(text, str):
        raise ValueError(f"not an RFC 3339 date-time: {text!r}")
    return _instant(text)


@lru_cache(maxsize=4096)
def _instant(text: str) -> Fraction:
    f = _fields_of(text)
    if f is None:
        raise ValueError(f"not an RFC 3339 date-time: {text!r}")
    y, mo, d, h, mi, s, frac, offset_minutes = f
    days = _days_from_civil(y, mo, d)
    seconds = days * 86400 + h * 3600 + mi * 60 + s - offset_minutes * 60
    return seconds + frac
