"""The aspects in which a reply differs from a case's expected outcome (the verdict, the class,
each code, each storage operation's decision, codes and receipts), each attributed to the
requirements whose rule it concerns and, for an operation, to the operation's kind.

conformance/expected.py counts a case as an expected failure only when every aspect is
covered by a declaration, so a declared disagreement never hides an undeclared one.

Attribution: a code belongs to its requirement (the catalog's code table). A verdict or a
decision that differs belongs to the requirements of the error codes that differ with it
(the rule that makes the difference), else of any code that differs, else to the case's own
requirements (an implementation that reports no codes). A receipt difference belongs to
the codes that differ on its operation, else to the receipt requirements, as does a receipt
that breaks the receipt schema.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass

from conformance import catalog, protocol
from conformance.capabilities import NONE
from conformance.case import ACCEPTABLE, VALID, Case, receipt_problems

VERDICT, STRICT = "verdict", "strict"  # the lowest conformance level at which an aspect fails a case
RECEIPT_REQUIREMENTS = tuple(r.id for r in catalog.REQUIREMENTS if r.id.startswith("SDP-RECEIPT-"))


@dataclass(frozen=True)
class Aspect:
    what: str  # e.g. "verdict", "code signature-invalid", "operation op-1 decision"
    level: str  # VERDICT | STRICT
    requirements: tuple[str, ...]
    operation_kind: str | None = None


def operation_kinds(case: Case) -> dict:
    """Operation id -> kind, read from a storage bundle (empty when it is not one or does not parse)."""
    if case.operation != "evaluate" or not case.documents:
        return {}
    try:
        bundle = json.loads(case.documents[0])
        return {op["id"]: op["kind"] for op in bundle.get("operations", [])
                if isinstance(op, dict) and isinstance(op.get("id"), str) and isinstance(op.get("kind"), str)}
    except (ValueError, TypeError, AttributeError, RecursionError):
        return {}


def whole(case: Case, what: str = "case") -> Aspect:
    """A failure that is not a comparison (errored, skipped, a broken reply): the case's own requirements."""
    return Aspect(what, VERDICT, tuple(case.requirements))


def differences(case: Case, results: list, missing=NONE, receipt_schema: bool = False) -> list[Aspect]:
    if len(results) != len(case.expected):
        return [whole(case, "results")]
    family = protocol.FAMILY_OF_KIND.get(case.kind, "")
    left_out = missing.codes if case.kind == protocol.KIND_NAA else frozenset()
    kinds = operation_kinds(case)
    out: list[Aspect] = []
    for i, (exp, act) in enumerate(zip(case.expected, results)):
        label = f"document {i} " if len(case.expected) > 1 else ""
        if not isinstance(act, dict):
            out.append(whole(case, f"{label}result"))
            continue
        diff = (set(exp.codes) ^ set(_strings(act.get("codes")))) - left_out
        if exp.verdict != ACCEPTABLE:
            if act.get("verdict") != exp.verdict:
                out.append(Aspect(f"{label}verdict", VERDICT, _blame(diff, family, case)))
            elif exp.verdict == VALID and case.kind == protocol.KIND_NAA and missing.compares_class(exp.trust_class) \
                    and act.get("class") != exp.trust_class:
                out.append(Aspect(f"{label}class", VERDICT, _blame(diff, family, case, errors_first=False)))
            out += [Aspect(f"{label}code {c}", STRICT, _code_requirements(c, family, case)) for c in sorted(diff)]
        if case.operation == "evaluate":
            out += _operations(case, exp.operations, act.get("operations", []), family, kinds, missing, receipt_schema)
    return out


def _operations(case, expected, actual, family, kinds, missing, receipt_schema) -> list[Aspect]:
    if not isinstance(actual, list):
        return [whole(case, "operations")]
    by_id = {a.get("id"): a for a in actual if isinstance(a, dict)}
    out = []
    for exp in expected:
        kind = kinds.get(exp.id)
        act = by_id.get(exp.id)
        if act is None:
            out.append(Aspect(f"operation {exp.id} decision", VERDICT, tuple(case.requirements), kind))
            continue
        diff = set(exp.codes) ^ set(_strings(act.get("codes")))
        if act.get("decision") != exp.decision:
            blame = _blame(diff, family, None) or _requirements(exp.codes, family) or tuple(case.requirements)
            out.append(Aspect(f"operation {exp.id} decision", VERDICT, blame, kind))
        out += [Aspect(f"operation {exp.id} code {c}", STRICT, _code_requirements(c, family, case), kind)
                for c in sorted(diff)]
        if missing.compares_receipts:  # (kind, success) pairs at verdict level; their schema at strict
            emitted = act.get("receipts") if isinstance(act.get("receipts"), list) else []
            got = [(r.get("kind"), r.get("success")) for r in emitted if isinstance(r, dict)]
            blame = _blame(diff, family, None) or RECEIPT_REQUIREMENTS
            if Counter(got) != Counter(exp.receipts) or len(got) != len(emitted):
                out.append(Aspect(f"operation {exp.id} receipts", VERDICT, blame, kind))
            elif receipt_schema and (receipt_problems(emitted) or _member_problems(case, exp.id, emitted)):
                out.append(Aspect(f"operation {exp.id} receipt schema", STRICT, RECEIPT_REQUIREMENTS, kind))
    if set(by_id) - {e.id for e in expected}:
        out.append(whole(case, "decisions for operations the bundle does not carry"))
    return out


def _member_problems(case: Case, op_id: str, receipts: list) -> str:
    """The receipt members that should echo the operation and do not (as compare's strict level)."""
    from conformance.receipt_members import bundle_operations, member_problems

    return member_problems(bundle_operations(case.documents[0]).get(op_id), receipts)


def _strings(value) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _requirements(codes, family: str) -> tuple[str, ...]:
    return tuple(sorted({r for r in (catalog.requirement_for_code(c, family) for c in codes) if r}))


def _code_requirements(code: str, family: str, case: Case) -> tuple[str, ...]:
    """A code's requirement; a code the catalog does not know belongs to the case's requirements."""
    return _requirements((code,), family) or tuple(case.requirements)


def _blame(diff: set, family: str, case, errors_first: bool = True) -> tuple[str, ...]:
    """The requirements a differing verdict (or decision, or class) comes from: those of the
    differing error codes, else of any differing code, else (``case`` given) the case's own."""
    errors = [c for c in diff if _severity(c, family) == "error"] if errors_first else []
    return _requirements(errors, family) or _requirements(diff, family) or \
        (tuple(case.requirements) if case is not None else ())


def _severity(code: str, family: str) -> str:
    try:
        return catalog.severity(code, family)
    except KeyError:
        return ""
