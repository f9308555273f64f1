"""Instants as integer nanoseconds since the epoch, written as RFC 3339 strings in many
valid styles: ``Z``/``z``, lowercase ``t``, numeric offsets, 0 to 9 fraction digits.

The style never changes the instant, so a case's expected outcome (computed on the
integers) holds for every style; implementations that compare strings or truncate
fractions are caught.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

NS = 1_000_000_000
US = 1_000
SECOND = NS


@dataclass(frozen=True)
class Style:
    offset_minutes: int = 0  # 0 with zulu=True writes Z
    zulu: bool = True
    lower: bool = False  # lowercase t and z
    digits: int = 0  # fraction digits; widened when the instant needs more

    def as_label(self) -> str:
        zone = ("z" if self.lower else "Z") if self.zulu else f"{self.offset_minutes:+d}min"
        return f"{zone}/{self.digits}d{'/lower' if self.lower else ''}"


PLAIN = Style()


def needed_digits(ns: int) -> int:
    frac = ns % NS
    if frac == 0:
        return 0
    digits = 9
    while frac % 10 == 0:
        frac //= 10
        digits -= 1
    return digits


def render(ns: int, style: Style = PLAIN) -> str:
    offset = 0 if style.zulu else style.offset_minutes
    seconds, frac = divmod(ns, NS)
    local = datetime(1970, 1, 1, tzinfo=timezone.utc) + timedelta(seconds=seconds + offset * 60)
    if 1000 <= local.year:  # what strftime writes, without its cost (it writes years below 1000 unpadded)
        text = f"{local.year}-{local.month:02d}-{local.day:02d}T{local.hour:02d}:{local.minute:02d}:{local.second:02d}"
    else:
        text = local.strftime("%Y-%m-%dT%H:%M:%S")
    digits = max(style.digits, needed_digits(ns))
    if digits:
        text += "." + (f"{frac:09d}" + "0" * digits)[:digits]  # digits past 9 are zeros
    if style.zulu:
        text += "Z"
    else:
        sign = "+" if offset >= 0 else "-"
        text += f"{sign}{abs(offset) // 60:02d}:{abs(offset) % 60:02d}"
    if style.lower:
        text = text.replace("T", "t").replace("Z", "z")
    return text


def parse_plain(text: str) -> int:
    """Instants of the suite's own fixed ``YYYY-MM-DDTHH:MM:SSZ`` strings (no fraction)."""
    dt = datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
    return int(dt.timestamp()) * NS
