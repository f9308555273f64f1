"""What a verification of this family returns; severities come from the catalog."""

from __future__ import annotations

from dataclasses import dataclass, field

from conformance.catalog import severity

from ..shared.findings import ERROR, Finding

FAMILY = "client-instance-recovery"


@dataclass
class Result:
    findings: list = field(default_factory=list)
    not_evaluated: tuple = ()  # requirement IDs of context rules that could not be judged
    trust_class = None  # always null for this family (no trust classification)

    @property
    def verdict(self) -> str:
        return "invalid" if any(f.severity == ERROR for f in self.findings) else "valid"

    @property
    def codes(self) -> list[str]:
        return sorted({f.code for f in self.findings})


def finding(code: str, where: str, message: str) -> Finding:
    return Finding(code, severity(code, FAMILY), where, message)


def has_error(findings) -> bool:
    return any(f.severity == ERROR for f in findings)
