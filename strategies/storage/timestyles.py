"""Time text isolated per style (CONFORMANCE.md, "Vectors and properties"; issue 12, point 6).

Every other storage vector writes its instants ``YYYY-MM-DDTHH:MM:SSZ``. A ``sdp.time.style``
vector is an adoptable bundle whose every instant, and the request's ``now``, is written in
exactly one other RFC 3339 style, so an evaluator that rejects one style fails exactly the
one vector named after it (requirement SDP-FORMAT-004, code ``timestamp-invalid``) instead
of failing everything. The properties keep drawing mixed styles (``cases._STYLES``).
"""

from __future__ import annotations

from ..shared.timefmt import PLAIN, Style, render
from .builder import Builder

REQUIREMENTS = ("SDP-FORMAT-004",)
FLAGS = ("TimeStyle",)


def _lower_t(ns: int) -> str:
    return render(ns, PLAIN).replace("T", "t")  # only the separator: the zone stays "Z"


def _lower_z(ns: int) -> str:
    return render(ns, PLAIN).replace("Z", "z")


def _style(style: Style):
    return lambda ns: render(ns, style)


# label -> (how every instant is written, what the vector's comment says)
STYLES: dict[str, tuple] = {
    "lower-t": (_lower_t, "with a lower-case 't' separator (and 'Z')"),
    "lower-z": (_lower_z, "with a lower-case 'z' zone (and 'T')"),
    "offset-zero": (_style(Style(offset_minutes=0, zulu=False)), "with the numeric offset +00:00 instead of 'Z'"),
    "offset-plus-01-00": (_style(Style(offset_minutes=60, zulu=False)), "in local time at offset +01:00"),
    "offset-minus-05-00": (_style(Style(offset_minutes=-300, zulu=False)), "in local time at offset -05:00"),
    "offset-plus-05-30": (_style(Style(offset_minutes=330, zulu=False)), "in local time at offset +05:30"),
    **{f"fraction-{d}": (_style(Style(digits=d)), f"with {d} fraction digit{'' if d == 1 else 's'} ('Z')")
       for d in range(10)},
}


class StyledBuilder(Builder):
    """A builder whose instants are all written in one of ``STYLES``."""

    def __init__(self, order, now: int, label: str):
        super().__init__(order, now)
        self.style_label = label
        self._write = STYLES[label][0]

    def write(self, ns: int) -> str:
        return self._write(ns)
