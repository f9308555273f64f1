"""Named choices: the same builders serve Hypothesis (drawn choices) and golden vectors
(fixed choices), so a vector is a property's case with its choices written down."""

from __future__ import annotations

from ..shared.choices import Choices


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


class DrawPicker(Picker):
    """Choices read as digits of few 64-bit draws (strategies/shared/choices.py): one engine draw per
    choice was most of a storage case's generation time (~70 draws per case). Pickers derived by
    ``within``/``unforced`` share the digits of the same draws."""

    def __init__(self, draw, forced: dict | None = None, allowed: dict | None = None, choices: Choices | None = None):
        super().__init__(forced)
        self.draw = draw
        self.allowed = allowed or {}
        self.choices = choices if choices is not None else Choices(draw)

    def within(self, allowed: dict) -> "Picker":
        return DrawPicker(self.draw, self.forced, {**self.allowed, **allowed}, self.choices) if allowed else self

    def choose(self, name, options):
        if name in self.allowed:
            options = [o for o in options if o in self.allowed[name]]
            if not options:
                raise NotApplicable(f"no option for {name} within {self.allowed[name]!r}")
        return options[self.choices.index(len(options))]

    def unforced(self):
        return DrawPicker(self.draw, choices=self.choices)

    def shuffle(self, name, items):
        items = list(items)
        return [items[i] for i in self.choices.order(len(items))]
