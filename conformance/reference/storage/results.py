"""What an evaluation returns: the bundle's verdict and findings, and one decision per operation."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Decision:
    """The decision on one operation (attributes; ``decision["id"]`` style access works too)."""

    id: str
    decision: str  # allow | refuse
    codes: list = field(default_factory=list)
    findings: list = field(default_factory=list)
    receipts: list = field(default_factory=list)

    def __getitem__(self, key: str):
        return getattr(self, key)


@dataclass
class Evaluation:
    verdict: str  # valid (adoptable) | invalid
    findings: list = field(default_factory=list)
    operations: list = field(default_factory=list)  # Decision, in bundle order

    @property
    def codes(self) -> list[str]:
        return sorted({f.code for f in self.findings})
