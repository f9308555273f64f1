"""Every seeded-bug storage evaluator is caught by a vector it names; receipts keep the
shape the seed asks for (a one-boolean restore receipt is caught by the receipt schema)."""

from __future__ import annotations

import pytest
from jsonschema import Draft202012Validator

from conformance import schemas
from conformance.reference.storage import BundleEvaluator
from conformance.families import families
from strategies.storage import vector_cases
from conformance.profiles import get
from tests.mutants.storage import STORAGE_MUTANTS, STRICT_ONLY, OneBooleanRestoreReceipt
from tests.test_storage_vectors import judge, run

# the family as registered: its own vectors and the location vectors a storage mutant may name
STORAGE = next(f for f in families() if f.family == "storage-policy")
NAMEABLE = STORAGE.cases()
PROPERTY_IDS = [p.id for p in STORAGE.properties("", get("quick"))]
CASES = vector_cases()  # the storage package's own vectors (the location vectors hold deliberately bad JSON)
RECEIPTS = Draft202012Validator(schemas.load("storage-receipt.v1.json"))


def test_there_are_enough_mutants():
    assert len(STORAGE_MUTANTS) >= 22


@pytest.mark.parametrize("name", sorted(STORAGE_MUTANTS))
def test_mutant_is_caught_by_a_vector_it_names(name):
    cls, prefixes = STORAGE_MUTANTS[name]
    assert all(any(c.id.startswith(p) for c in NAMEABLE) or any(i.startswith(p) for i in PROPERTY_IDS)
               for p in prefixes), f"{name} names a prefix that matches nothing"
    named = [c for c in NAMEABLE if c.id.startswith(prefixes)]
    assert named, f"{name} names no vector"
    caught = []
    for case in named:
        try:
            result = run(case, cls)
        except Exception:  # noqa: BLE001 - a crash is an errored case, which the runner counts as caught
            caught.append(case.id)
            continue
        verdict_ok, strict_ok, _ = judge(case, result)
        if not (strict_ok if name in STRICT_ONLY else verdict_ok):
            caught.append(case.id)
    assert caught, f"{name} passes every vector it names"


@pytest.mark.parametrize("name", sorted(STRICT_ONLY))
def test_strict_only_mutants_keep_every_decision(name):
    cls, prefixes = STORAGE_MUTANTS[name]
    for case in CASES:
        verdict_ok, _, why = judge(case, run(case, cls))
        assert verdict_ok, f"{case.id}: {why} (then it is not strict-only)"


def _receipts(cls):
    for case in CASES:
        for op in cls(case.options).evaluate(case.documents[0], case.now).operations:
            yield case.id, op["receipts"]


def test_reference_receipts_have_the_receipt_shape():
    count = 0
    for case_id, receipts in _receipts(BundleEvaluator):
        assert receipts, f"{case_id}: an operation without a receipt"
        for r in receipts:
            count += 1
            errors = [e.message for e in RECEIPTS.iter_errors(r)]
            assert not errors, (case_id, r["kind"], errors)
    assert count > 100


def test_one_boolean_restore_receipt_is_caught_by_the_receipt_schema():
    bad = [case_id for case_id, receipts in _receipts(OneBooleanRestoreReceipt)
           for r in receipts if not RECEIPTS.is_valid(r)]
    assert "sdp.receipt.restore-drill-failed/base" in bad


def test_a_rejected_time_style_fails_exactly_the_vectors_of_that_style():
    # Every other storage vector writes 'T' and 'Z': rejecting lower-case t/z must fail exactly the two
    # time-style vectors that use them, each naming one requirement, and report one code.
    cls, _ = STORAGE_MUTANTS["default-date-time-checker"]
    failed = {}
    for case in CASES:
        reply = run(case, cls)
        if not judge(case, reply)[0]:
            failed[case.id] = (case.requirements, reply["codes"])
    assert sorted(failed) == ["sdp.time.style/lower-t", "sdp.time.style/lower-z"]
    assert all(reqs == ("SDP-FORMAT-004",) and codes == ["timestamp-invalid"] for reqs, codes in failed.values()), failed
