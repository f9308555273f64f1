"""Many small categorical choices from few Hypothesis draws.

Each ``draw`` costs the engine a span, a choice and its bookkeeping (about as much as building a
small document); a scenario made ~60 of them, most picking one of a handful of options. ``Choices``
draws one 64-bit word and reads it (mixed, see _MIX) as a mixed-radix number, one digit per
choice, drawing the next word only when the digits run out. Shrinking a word to 0 moves every
choice it holds to its first option. Numbers (``number``) give their bounds an eighth
of the time each, as Hypothesis's integers do; free text stays a Hypothesis draw.
"""

from __future__ import annotations

from hypothesis import strategies as st

_WIDTH = 2**64
_WORD = st.integers(0, _WIDTH - 1)
# Hypothesis's integers concentrate on small values (most 64-bit draws fit in 16 bits), which
# would leave every digit after the first few at 0: the word is multiplied by an odd constant
# modulo 2^64 (a bijection that keeps 0 at 0), spreading a small value over all 64 bits.
_MIX = 0x9E3779B97F4A7C15


class Choices:
    def __init__(self, draw):
        self._draw = draw
        self._value, self._room = 0, 1

    def index(self, n: int) -> int:
        """A choice among ``n`` options (0 <= index < n)."""
        if n <= 1:
            return 0
        if self._room < n:
            self._value, self._room = self._draw(_WORD) * _MIX % _WIDTH, _WIDTH
        self._value, digit = divmod(self._value, n)
        self._room //= n
        return digit

    def flag(self) -> bool:
        return self.index(2) == 1

    def pick(self, options):
        return options[self.index(len(options))]

    def number(self, lo: int, hi: int) -> int:
        """An integer in [lo, hi]: an eighth of the time ``lo``, an eighth ``hi``, else any (the
        bounds as often as Hypothesis's own integers give them)."""
        edge = self.index(8)
        return lo if edge == 0 else hi if edge == 1 else lo + self.index(hi - lo + 1)

    def order(self, n: int) -> list[int]:
        """A permutation of range(n) (Fisher-Yates, one choice per place)."""
        out = list(range(n))
        for i in range(n - 1, 0, -1):
            j = self.index(i + 1)
            out[i], out[j] = out[j], out[i]
        return out
