"""The shape of a catalog entry: a requirement with a stable ID, and an outcome code."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Requirement:
    id: str
    family: str
    level: str  # MUST | SHOULD | derived
    source: str
    title: str
    codes: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class Code:
    family: str  # the same code name may exist in several families, each mapped to its own requirement
    code: str
    severity: str  # error | warning | info
    requirement: str
    meaning: str


@dataclass(frozen=True)
class Choice:
    """One defensible reading of an open point. ``supported``: the case builders can build
    expectations under it (otherwise declaring it is refused, never silently ignored).
    A choice whose id ends with ``:`` takes a value (``prefix:TEXT``, ``order:JSON``)."""
    id: str
    description: str
    supported: bool = False


@dataclass(frozen=True)
class Interpretation:
    """An open point of a spec the suite settles: its default (what the suite does today),
    why, the spec text it reads, what it affects, and the other defensible readings."""
    id: str  # I1…I15 (node-address-attestation), C1…C8 (client-instance), S1… (storage): permanent
    family: str
    title: str
    default: str  # a Choice id
    reasoning: str
    source: str  # seed file + section
    affects: tuple[str, ...]  # requirement IDs
    choices: tuple[Choice, ...]  # the default first
    doc: str = ""  # the CONFORMANCE.md heading anchor with the long text

    def choice(self, choice_id: str) -> Choice | None:
        for c in self.choices:
            if c.id == choice_id or (c.id.endswith(":") and choice_id.startswith(c.id)):
                return c
        return None

    @property
    def alternatives(self) -> tuple[Choice, ...]:
        return tuple(c for c in self.choices if c.id != self.default)
