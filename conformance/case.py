"""The case model shared by properties and vectors.

A Case is one request to an implementation plus the outcome it must produce, known by
construction (strategies/) or recorded in a golden vector (vectors/). The same Case is
what Hypothesis draws and what a vector file stores, so a shrunk counterexample can be
written out as a vector and replayed without the seed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from conformance import protocol

VALID, INVALID, ACCEPTABLE = "valid", "invalid", "acceptable"


@dataclass(frozen=True)
class Expected:
    verdict: str  # valid | invalid | acceptable
    trust_class: str | None = None
    codes: tuple[str, ...] = ()

    def as_dict(self) -> dict:
        return {"result": self.verdict, "class": self.trust_class, "codes": list(self.codes)}


@dataclass(frozen=True)
class Case:
    id: str
    operation: str  # verify | classify
    documents: tuple[bytes, ...]
    now: str
    expected: tuple[Expected, ...]  # one per document
    requirements: tuple[str, ...]
    flags: tuple[str, ...] = ()
    comment: str = ""
    trust: dict = field(default_factory=dict, hash=False, compare=False)
    options: dict = field(default_factory=dict, hash=False, compare=False)
    kind: str = protocol.KIND_NAA

    def request(self, seq: int) -> dict:
        message = {"cmd": self.operation, "seq": seq, "kind": self.kind, "now": self.now,
                   "trust": self.trust, "options": self.options}
        if self.operation == "verify":
            message["document"] = protocol.encode_document(self.documents[0])
        else:
            message["documents"] = [protocol.encode_document(d) for d in self.documents]
        return message

    def actual_results(self, result: dict) -> list[dict]:
        """The per-document results inside an implementation's reply."""
        if self.operation == "verify":
            return [result]
        return list(result.get("results", []))


def compare(case: Case, results: list[dict]) -> tuple[bool, bool, str]:
    """(verdict level ok, strict level ok, explanation of the first difference)."""
    if len(results) != len(case.expected):
        return False, False, f"expected {len(case.expected)} results, got {len(results)}"
    verdict_ok, strict_ok, why = True, True, ""
    for i, (exp, act) in enumerate(zip(case.expected, results)):
        label = f"document {i}: " if len(case.expected) > 1 else ""
        verdict = act.get("verdict")
        if exp.verdict != ACCEPTABLE and verdict != exp.verdict:
            verdict_ok = strict_ok = False
            why = why or f"{label}expected verdict {exp.verdict}, got {verdict}"
            continue
        if exp.verdict == VALID and act.get("class") != exp.trust_class:
            verdict_ok = strict_ok = False
            why = why or f"{label}expected class {exp.trust_class}, got {act.get('class')}"
            continue
        codes = sorted(set(act.get("codes") or []))
        if exp.verdict != ACCEPTABLE and codes != sorted(exp.codes):
            strict_ok = False
            why = why or f"{label}expected codes {sorted(exp.codes)}, got {codes}"
    return verdict_ok, strict_ok, why
