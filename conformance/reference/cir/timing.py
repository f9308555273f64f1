"""Artifact stage, time (C5): the bind is asserted no later than its artifact, and nothing
comes from the future. Both with the suite's 16 s clock skew, bounds inclusive, on exact
instants (fractions in full, offsets applied). A bind may be much older than its artifact
(a detachment reuses the bind of its session): there is no lower bound.
"""

from __future__ import annotations

from fractions import Fraction

from ..shared import rfc3339, timerules
from ..shared.findings import pointer
from .artifact import Artifact
from .result import finding


class TimeChecks:
    clock_skew: Fraction = timerules.CLOCK_SKEW

    # ---- single concerns (mutants override these) ----
    def instant(self, text: str) -> Fraction:
        return rfc3339.instant(text)

    def asserted_late(self, bound_at: str, at: str) -> bool:
        return self.instant(bound_at) > self.instant(at) + self.clock_skew

    def in_future(self, at: str, now: str) -> bool:
        if getattr(self, "time_choice", "suite") == "no-future-check":  # C5: timestamps after now not checked
            return False
        return self.instant(at) > self.instant(now) + self.clock_skew

    def timestamps(self, art: Artifact) -> list[tuple[str, str]]:
        out = [(art.bind_pointer("bound-at"), art.bind["bound-at"])]
        if art.time is not None:
            out.append((pointer(art.kind.time_member), art.time))
        return out

    # ---- checks ----
    def check_times(self, art: Artifact, now: str, out: list) -> None:
        bound_at = art.bind["bound-at"]
        if art.time is not None and self.asserted_late(bound_at, art.time):
            out.append(finding("bind-asserted-late", art.bind_pointer("bound-at"),
                               f"bound-at {bound_at} is more than {self.clock_skew} s after "
                               f"{art.kind.time_member} {art.time}"))
        for where, at in self.timestamps(art):
            if self.in_future(at, now):
                out.append(finding("timestamp-in-future", where,
                                   f"{at} is more than {self.clock_skew} s after now {now}"))
