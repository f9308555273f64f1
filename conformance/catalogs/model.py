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
