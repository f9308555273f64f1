"""Named choices: the same builders serve Hypothesis (drawn choices) and golden vectors
(fixed choices), so a vector is a property's case with its choices written down."""

from __future__ import annotations


class NotApplicable(Exception):
    """The drawn choices cannot express this rule (the case is discarded)."""


class Picker:
    """``pick(name, options)``: a forced value when one is given for ``name``, else a choice."""

    def __init__(self, forced: dict | None = None):
        self.forced = dict(forced or {})

    def __call__(self, name: str, options):
        options = list(options)
        if name in self.forced:
            value = self.forced[name]
            if value not in options:
                raise NotApplicable(f"{name}={value!r} is not among {options!r}")
            return value
        if not options:
            raise NotApplicable(f"no option for {name}")
        return self.choose(name, options)

    def choose(self, name: str, options: list):
        return options[0]

    def within(self, allowed: dict) -> "Picker":
        """Drawn pickers choose only among ``allowed[name]`` (what a rule needs of its subject unit, so
        the case is drawn to fit instead of rejected); fixed pickers (vectors) are unchanged."""
        return self

    def unforced(self) -> "Picker":
        """The same way of choosing, without the forced values (for units and noise besides the subject)."""
        return Picker()

    def shuffle(self, name: str, items: list) -> list:
        """A permutation of ``items`` (fixed pickers reverse them)."""
        return list(reversed(items))


_INDEX: dict = {}


def _index_strategy(n: int):
    if n not in _INDEX:
        from hypothesis import strategies as st

        _INDEX[n] = st.integers(0, n - 1)
    return _INDEX[n]


_ORDER: dict = {}


def _order_strategy(n: int):
    if n not in _ORDER:
        from hypothesis import strategies as st

        _ORDER[n] = st.permutations(range(n))
    return _ORDER[n]


class DrawPicker(Picker):
    def __init__(self, draw, forced: dict | None = None, allowed: dict | None = None):
        super().__init__(forced)
        self.draw = draw
        self.allowed = allowed or {}

    def within(self, allowed: dict) -> "Picker":
        return DrawPicker(self.draw, self.forced, {**self.allowed, **allowed}) if allowed else self

    def choose(self, name, options):
        if name in self.allowed:
            options = [o for o in options if o in self.allowed[name]]
            if not options:
                raise NotApplicable(f"no option for {name} within {self.allowed[name]!r}")
        # an index from a cached strategy: building sampled_from(options) on every pick dominated generation time
        return options[self.draw(_index_strategy(len(options)))]

    def unforced(self):
        return DrawPicker(self.draw)

    def shuffle(self, name, items):
        items = list(items)
        return [items[i] for i in self.draw(_order_strategy(len(items)), label=name)]
