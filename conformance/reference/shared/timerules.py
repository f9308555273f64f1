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


def certificate_skewed(verified_at: str, signed_at: str, expires_at: str, skew: Fraction = CLOCK_SKEW) -> bool:
    """True when verified/at is outside [signed/at - skew, expires/at + skew] (bounds included)."""
    t = instant(verified_at)
    return t < instant(signed_at) - skew or t > instant(expires_at) + skew


def expired(expires_at: str, now: str) -> bool:
    """'After which … expired': at exactly expires/at the statement is still live."""
    return instant(now) > instant(expires_at)
