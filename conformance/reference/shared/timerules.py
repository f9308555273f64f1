"""Time rules: freshness windows, the 16-second certificate skew, expiry at ``now``.

All comparisons are on exact instants (rfc3339.instant); ``now`` always comes from the
request, never from the clock.
"""

from __future__ import annotations

from fractions import Fraction

from .rfc3339 import instant

CLOCK_SKEW = Fraction(16)


def window_inverted(signed_at: str, expires_at: str) -> bool:
    return instant(signed_at) > instant(expires_at)


def certificate_skewed(verified_at: str, signed_at: str, expires_at: str, skew: Fraction = CLOCK_SKEW,
                       exclusive: bool = False) -> bool:
    """True when verified/at is outside [signed/at - skew, expires/at + skew] (bounds included;
    excluded under I8 ``skew-exclusive``)."""
    t, lo, hi = instant(verified_at), instant(signed_at) - skew, instant(expires_at) + skew
    return (t <= lo or t >= hi) if exclusive else (t < lo or t > hi)


def expired(expires_at: str, now: str, at_instant: bool = False) -> bool:
    """'After which … expired': at exactly expires/at the statement is still live (already
    expired under I8 ``expired-at-instant``)."""
    return instant(now) >= instant(expires_at) if at_instant else instant(now) > instant(expires_at)
