"""The case model shared by properties and vectors, for every family.

A Case is one request to an implementation plus the outcome it must produce, known by
construction (strategies/) or recorded in a golden vector (vectors/). The same Case is
what Hypothesis draws and what a vector file stores, so a shrunk counterexample can be
written out as a vector and replayed without the seed.

Operations (CONFORMANCE.md, "Adapter protocol"): ``verify`` one document (optionally with
``context``, earlier admitted artifacts); ``classify`` a set; ``lifecycle`` a sequence
judged in order; ``evaluate`` a storage policy bundle and the operations it carries.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from conformance import protocol

VALID, INVALID, ACCEPTABLE = "valid", "invalid", "acceptable"
MULTI_DOCUMENT = ("classify", "lifecycle")


@dataclass(frozen=True)
class OperationOutcome:
    """The decision a policy evaluator must reach on one operation of a bundle."""

    id: str
    decision: str  # allow | refuse
    codes: tuple[str, ...] = ()
    receipts: tuple[tuple[str, bool], ...] = ()  # sorted (receipt kind, success) pairs

    def as_dict(self) -> dict:
        return {"id": self.id, "decision": self.decision, "codes": list(self.codes),
                "receipts": [{"kind": k, "success": s} for k, s in self.receipts]}

    @classmethod
    def from_dict(cls, d: dict) -> "OperationOutcome":
        return cls(d["id"], d["decision"], tuple(d["codes"]),
                   tuple(sorted((r["kind"], bool(r["success"])) for r in d["receipts"])))


@dataclass(frozen=True)
class Expected:
    verdict: str  # valid | invalid | acceptable
    trust_class: str | None = None
    codes: tuple[str, ...] = ()
    operations: tuple[OperationOutcome, ...] = ()

    def as_dict(self) -> dict:
        out = {"result": self.verdict, "class": self.trust_class, "codes": list(self.codes)}
        if self.operations:
            out["operations"] = [o.as_dict() for o in self.operations]
        return out


@dataclass(frozen=True)
class Case:
    id: str
    operation: str  # verify | classify | lifecycle | evaluate
    documents: tuple[bytes, ...]
    now: str
    expected: tuple[Expected, ...]  # one per document
    requirements: tuple[str, ...]
    flags: tuple[str, ...] = ()
    comment: str = ""
    trust: dict = field(default_factory=dict, hash=False, compare=False)
    options: dict = field(default_factory=dict, hash=False, compare=False)
    kind: str = protocol.KIND_NAA
    # the artifact kind of each document (lifecycle sequences mix kinds); empty = all `kind`
    document_kinds: tuple[str, ...] = ()
    # earlier admitted artifacts as (kind, bytes); None = no context (context rules not evaluated)
    context: tuple[tuple[str, bytes], ...] | None = None

    def request(self, seq: int) -> dict:
        message = {"cmd": self.operation, "seq": seq, "kind": self.kind, "now": self.now,
                   "trust": self.trust, "options": self.options}
        if self.operation in MULTI_DOCUMENT:
            message["documents"] = self.encoded_documents()
        else:
            message["document"] = protocol.encode_document(self.documents[0])
        if self.context is not None:
            message["context"] = [protocol.encode_document(raw, kind) for kind, raw in self.context]
        return message

    def encoded_documents(self) -> list[dict]:
        if self.document_kinds:
            return [protocol.encode_document(d, k) for d, k in zip(self.documents, self.document_kinds)]
        return [protocol.encode_document(d) for d in self.documents]

    def actual_results(self, result: dict) -> list[dict]:
        """The per-document results inside an implementation's reply."""
        if self.operation in MULTI_DOCUMENT:
            return list(result.get("results", []))
        return [result]


def compare(case: Case, results: list[dict], receipt_schema: bool = True, missing=None) -> tuple[bool, bool, str]:
    """(verdict level ok, strict level ok, explanation). The explanation names first the
    difference that fails the verdict level (a decision, or an operation's receipts as
    (kind, success) pairs), then, if any, the first that fails only the strict level (codes,
    the receipt schema, the receipt members the seed names). ``receipt_schema=False`` (a run
    at ``--level verdict``) skips those receipt checks, strict-only checks whose result such a
    run does not use; receipts are still compared as (kind, success). ``missing``: the
    capabilities the implementation lacks (conformance.capabilities), whose parts of the
    outcome are not compared."""
    from conformance.capabilities import NONE

    missing = missing or NONE
    if len(results) != len(case.expected):
        return False, False, f"expected {len(case.expected)} results, got {len(results)}"
    verdict_ok, strict_ok = True, True
    verdict_why, strict_why = "", ""
    for i, (exp, act) in enumerate(zip(case.expected, results)):
        label = f"document {i}: " if len(case.expected) > 1 else ""
        if not isinstance(act, dict):
            return False, False, verdict_why or f"{label}result is not an object: {act!r}"
        verdict = act.get("verdict")
        if exp.verdict != ACCEPTABLE and verdict != exp.verdict:
            verdict_ok = strict_ok = False
            verdict_why = verdict_why or f"{label}expected verdict {exp.verdict}, got {verdict}"
            continue
        if exp.verdict == VALID and case.kind == protocol.KIND_NAA and missing.compares_class(exp.trust_class) \
                and act.get("class") != exp.trust_class:
            verdict_ok = strict_ok = False
            verdict_why = verdict_why or f"{label}expected class {exp.trust_class}, got {act.get('class')}"
            continue
        left_out = missing.codes if case.kind == protocol.KIND_NAA else frozenset()
        codes = sorted(set(act.get("codes") or []) - left_out)
        if exp.verdict != ACCEPTABLE and codes != sorted(set(exp.codes) - left_out):
            strict_ok = False
            strict_why = strict_why or f"{label}expected codes {sorted(exp.codes)}, got {codes}"
        if case.operation == "evaluate":  # no decisions at all are expected when the bundle did not parse
            bundle = _BundleOperations(case.documents[0]) if receipt_schema else None
            v_ok, s_ok, op_verdict_why, op_strict_why = _compare_operations(exp.operations, act.get("operations", []),
                                                                            receipt_schema, bundle,
                                                                            missing.compares_receipts)
            verdict_ok, strict_ok = verdict_ok and v_ok, strict_ok and s_ok
            verdict_why = verdict_why or (label + op_verdict_why if op_verdict_why else "")
            strict_why = strict_why or (label + op_strict_why if op_strict_why else "")
    if verdict_why and strict_why:
        return verdict_ok, strict_ok, f"{verdict_why}; also (strict level) {strict_why}"
    return verdict_ok, strict_ok, verdict_why or strict_why


def receipt_problems(receipts: list) -> str:
    """The first way a receipt breaks the suite's receipt schema (storage-receipt.v1.json), or ""."""
    from conformance.schemas import receipt_validator

    for i, receipt in enumerate(receipts):
        error = next(iter(receipt_validator().iter_errors(receipt)), None)
        if error is not None:
            where = "/" + "/".join(map(str, error.absolute_path))
            return f"receipt {i} ({receipt.get('kind')}) at {where}: {error.message}"
    return ""


class _BundleOperations:
    """The request bundle's operations by id, parsed on first use (only a strict comparison of
    restore or archive receipts needs them)."""

    def __init__(self, raw: bytes):
        self.raw, self.ops = raw, None

    def get(self, op_id: str):
        if self.ops is None:
            from conformance.receipt_members import bundle_operations
            self.ops = bundle_operations(self.raw)
        return self.ops.get(op_id)


def _receipt_pairs(receipts: list) -> list:
    return sorted(((r.get("kind"), r.get("success")) for r in receipts if isinstance(r, dict)), key=repr)


def _compare_operations(expected: tuple[OperationOutcome, ...], actual,
                        receipt_schema: bool = True, bundle: "_BundleOperations | None" = None,
                        compare_receipts: bool = True) -> tuple[bool, bool, str, str]:
    """(verdict ok, strict ok, first verdict-level difference, first strict-only difference).

    Verdict level: each operation's decision, and its receipts as a multiset of (kind, success)
    pairs (receipts are MUST-level evidence in the seed). Strict level: codes, then (with
    ``receipt_schema``) the receipt schema and the members that echo the operation in ``bundle``.
    ``compare_receipts=False``: the implementation declares no receipts (capabilities)."""
    if not isinstance(actual, list):
        return False, False, f"expected {len(expected)} operation decisions, got {type(actual).__name__}", ""
    by_id = {a.get("id"): a for a in actual if isinstance(a, dict)}
    verdict_ok = strict_ok = True
    verdict_why = strict_why = ""
    for exp in expected:
        act = by_id.get(exp.id)
        if act is None:
            verdict_ok = strict_ok = False
            verdict_why = verdict_why or f"operation {exp.id!r}: no decision"
            continue
        if act.get("decision") != exp.decision:
            verdict_ok = strict_ok = False
            verdict_why = verdict_why or f"operation {exp.id!r}: expected {exp.decision}, got {act.get('decision')}"
            continue
        receipts = act.get("receipts") if isinstance(act.get("receipts"), list) else []
        got = _receipt_pairs(receipts)
        if compare_receipts and (Counter(got) != Counter(exp.receipts) or len(got) != len(receipts)):
            verdict_ok = strict_ok = False
            verdict_why = verdict_why or f"operation {exp.id!r}: expected receipts {sorted(exp.receipts)}, got {got}"
            continue
        codes = sorted(set(act.get("codes") or []))
        if codes != sorted(exp.codes):
            strict_ok = False
            strict_why = strict_why or f"operation {exp.id!r}: expected codes {sorted(exp.codes)}, got {codes}"
            continue
        bad = receipt_problems(receipts) if receipt_schema and compare_receipts else ""
        if not bad and receipt_schema and compare_receipts and bundle is not None:
            from conformance.receipt_members import member_problems
            bad = member_problems(bundle.get(exp.id), receipts)
        if bad:
            strict_ok = False
            strict_why = strict_why or f"operation {exp.id!r}: {bad}"
    extra = sorted(set(by_id) - {e.id for e in expected}, key=str)
    if extra:
        verdict_ok = strict_ok = False
        verdict_why = verdict_why or f"decisions for operations the bundle does not carry: {extra}"
    return verdict_ok, strict_ok, verdict_why, strict_why
