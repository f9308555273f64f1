"""The storage-policy vectors: the reference passes each one, they are deterministic, and
together they reach every SDP requirement and code."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from conformance.catalog import SDP, codes, requirement_ids
from conformance.case import Case, OperationOutcome, compare
from conformance.reference.storage import BundleEvaluator, result
from strategies.storage import TOPICS, properties, vector_cases
from strategies.storage.flags import FLAG_NOTES

ROOT = Path(__file__).resolve().parent.parent
CASES = vector_cases()


def run(case: Case, evaluator: type = BundleEvaluator) -> dict:
    return result(evaluator(case.options).evaluate(case.documents[0], case.now))


def judge(case: Case, reply: dict) -> tuple[bool, bool, str]:
    """(verdict ok, strict ok, why): compare() also fails decisions where none are expected, and
    receipts that break storage-receipt.v1.json (strict)."""
    return compare(case, [reply])


def all_codes(case: Case) -> set[str]:
    exp = case.expected[0]
    return set(exp.codes) | {c for o in exp.operations for c in o.codes}


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_the_reference_passes_every_vector_strictly(case):
    verdict_ok, strict_ok, why = judge(case, run(case))
    assert verdict_ok and strict_ok, why


def test_vectors_are_deterministic():
    again = vector_cases()
    assert [c.id for c in again] == [c.id for c in CASES]
    assert [c.documents for c in again] == [c.documents for c in CASES]
    assert [c.expected for c in again] == [c.expected for c in CASES]
    assert [c.options for c in again] == [c.options for c in CASES]


def test_vector_ids_are_unique_and_name_a_topic():
    ids = [c.id for c in CASES]
    assert len(ids) == len(set(ids))
    for case_id in ids:
        assert re.fullmatch(r"sdp\.[a-z]+\.[a-z0-9-]+/[a-z0-9-]+", case_id), case_id
        assert case_id.split(".")[1] in TOPICS, case_id
    assert {i.split(".")[1] for i in ids} == set(TOPICS)


def test_every_requirement_and_code_has_a_vector():
    covered = {r for c in CASES for r in c.requirements}
    assert set(requirement_ids(SDP)) - covered == set()
    hit = set().union(*(all_codes(c) for c in CASES))
    assert {c.code for c in codes(SDP)} - hit == set()
    assert hit <= {c.code for c in codes(SDP)}, hit - {c.code for c in codes(SDP)}


def test_every_requirement_has_a_property():
    covered = {r for p in properties() for r in p.requirements}
    assert set(requirement_ids(SDP)) - covered == set()


def test_catalog_codes_map_to_exactly_one_requirement():
    family = codes(SDP)
    assert len({c.code for c in family}) == len(family)
    from conformance.catalog import requirement
    for c in family:
        assert c.code in requirement(c.requirement).codes
    for rid in requirement_ids(SDP):
        assert requirement(rid).codes, rid
    for n in range(1, 17):
        assert f"SDP-FAIL-{n:03d}" in requirement_ids(SDP)


def test_every_flag_has_a_note():
    used = {f for c in CASES for f in c.flags} | {f for p in properties() for f in p.flags}
    assert used == set(FLAG_NOTES)


def test_vectors_carry_the_privacy_order_explicitly():
    assert all(c.options.get("privacy-order") for c in CASES)


def test_operation_outcomes_are_sorted_pairs():
    for c in CASES:
        for o in c.expected[0].operations:
            assert isinstance(o, OperationOutcome) and list(o.receipts) == sorted(o.receipts)
            assert o.decision in ("allow", "refuse")


def test_storage_strategies_never_import_the_reference():
    for path in (ROOT / "strategies" / "storage").rglob("*.py"):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            assert not any(n.startswith("conformance.reference") for n in names), path.name


def _with_a_broken_receipt(case: Case) -> dict:
    """The reference's reply with one receipt that keeps (kind, success) but breaks its schema."""
    reply = run(case)
    op = next(o for o in reply["operations"] if o["receipts"])
    op["receipts"][0] = {"kind": op["receipts"][0]["kind"], "success": op["receipts"][0]["success"]}
    return reply


def test_receipt_schema_is_checked_only_at_strict_level(monkeypatch):
    from conformance import case as case_module
    from conformance.adapters import PythonAdapter
    from conformance.profiles import get
    from conformance.reference.adapter import handle
    from conformance.run_options import RunOptions
    from conformance.runner import PASS, STRICT_FAIL, Runner

    case = next(c for c in CASES if any(o.receipts for o in c.expected[0].operations))
    reply = _with_a_broken_receipt(case)
    verdict_ok, strict_ok, why = compare(case, [reply])
    assert verdict_ok and not strict_ok and "receipt 0" in why
    assert compare(case, [reply], receipt_schema=False) == (True, True, "")
    # (kind, success) is compared at verdict level, with or without the schema check
    next(o for o in reply["operations"] if o["receipts"])["receipts"][0]["kind"] = "other"
    verdict_ok, strict_ok, why = compare(case, [reply], receipt_schema=False)
    assert not verdict_ok and not strict_ok and "expected receipts" in why

    checked = []
    real = case_module.receipt_problems
    monkeypatch.setattr(case_module, "receipt_problems", lambda receipts: checked.append(1) or real(receipts))
    for level, status in (("verdict", PASS), ("strict", STRICT_FAIL)):
        options = RunOptions(adapter="reference", profile=get("quick"), seed=1, level=level)
        runner = Runner(PythonAdapter(handle, "reference"), options, echo=lambda _: None)
        request = case.request(1)
        answer = {"seq": 1, "result": _with_a_broken_receipt(case)}
        assert runner.judge(case, "t", request, answer).status == status, level
        assert bool(checked) is (level == "strict"), level


def _drill_reply(label: str):
    case = next(c for c in CASES if c.id == label)
    reply = run(case)
    assert compare(case, [reply]) == (True, True, "")
    return case, reply, reply["operations"][-1]["receipts"][0]


@pytest.mark.parametrize("spoil, member", [
    (lambda r: r.update(success=not r["success"]), None),  # (kind, success): verdict level
    (lambda r: r.update(kind="restore-execution"), None),
    (lambda r: r["source"].update(hash="blake3:00000000"), "/source"),
    (lambda r: r["source"].update(version="snapshot-other"), "/source"),
    (lambda r: r.update(checks=[{"check": "restore", "success": r["success"]}]), "/checks"),
    (lambda r: r["checks"][0].update(success=not r["checks"][0]["success"]), "/checks"),
    (lambda r: r.update(failures=[]), None),  # also breaks the schema (failures non-empty when success false)
    (lambda r: r["authority"].update(authority="auth-strict-a"), "/authority/authority"),
])
def test_receipts_are_compared_as_pairs_at_verdict_and_by_member_at_strict(spoil, member):
    case, reply, receipt = _drill_reply("sdp.receipt.restore-drill-failed/base")
    kind, success = receipt["kind"], receipt["success"]
    spoil(receipt)
    verdict_ok, strict_ok, why = compare(case, [reply])
    assert not strict_ok, why
    assert verdict_ok is ((receipt["kind"], receipt["success"]) == (kind, success)), why
    if member:
        assert f"{member}: expected" in why, why
    # a verdict-level run compares (kind, success) only
    assert compare(case, [reply], receipt_schema=False)[0] is verdict_ok


def test_a_missing_or_extra_receipt_fails_the_verdict_level():
    case, reply, receipt = _drill_reply("sdp.valid.restore-drill/base")
    reply["operations"][-1]["receipts"] = []
    assert compare(case, [reply])[0] is False
    reply["operations"][-1]["receipts"] = [receipt, dict(receipt)]
    verdict_ok, _, why = compare(case, [reply])
    assert not verdict_ok and "expected receipts" in why


def test_isolated_and_time_style_vectors_differ_from_a_valid_bundle_in_one_point():
    # sdp.isolated.*: one adoption error, or one refused operation beside allowed ones;
    # sdp.time.style/*: an adoptable bundle with every operation allowed (only its time text differs)
    seen = {"isolated": 0, "time": 0}
    for case in CASES:
        topic = case.id.split(".")[1]
        if topic not in seen:
            continue
        seen[topic] += 1
        exp = case.expected[0]
        refused = [o for o in exp.operations if o.decision == "refuse"]
        if topic == "time":
            assert exp.verdict == "valid" and not exp.codes and not refused, case.id
            assert len(case.requirements) == 1 and case.requirements[0] == "SDP-FORMAT-004", case.id
        elif exp.codes:
            assert len(exp.codes) == 1 and all("spec-not-adopted" in o.codes for o in refused), case.id
        else:
            assert exp.verdict == "valid" and len(refused) == 1 and "spec-not-adopted" not in refused[0].codes, case.id
    assert seen["isolated"] >= 13 and seen["time"] == 16
