"""Receipts an operation emits (the suite's shape: conformance/schemas/storage-receipt.v1.json).

Every receipt has ``kind`` and ``success``; a refusal or a failure always yields one with
``success`` false. The other members name what the seed asks each receipt class to record.
"""

from __future__ import annotations

CHECK_ORDER = ("integrity", "content-equivalence", "schema-compatibility")

# Receipt kind of a request-type operation: (allowed and succeeded, refused or failed).
REQUEST_KINDS = {
    "backup-run": ("backup-creation", "backup-failure"),
    "replica-placement": ("replication-completed", "replication-failure"),
    "archive-expiration": ("archive-expiration", "archive-expiration"),
    "export": ("export", "export"),
}
EVENT_OPERATIONS = ("integrity-check", "anti-entropy-divergence", "provider-outage")


def _base(kind: str, success: bool, op: dict, now_text: str) -> dict:
    return {"kind": kind, "success": success, "operation": op["id"], "spec": op["spec"], "at": now_text}


def _policy_ref(spec: dict, kind: str):
    slot = spec["policies"].get(kind)
    return None if slot is None or "none" in slot else {"id": slot["id"], "version": slot["version"]}


def target_of(op: dict) -> dict:
    t = op["target"]
    return {"locality": t["locality"], "privacy": t["privacy"], "custody": t["custody"]}


def request_receipt(op: dict, spec: dict, success: bool, reasons: list[str], now_text: str) -> dict:
    kind = REQUEST_KINDS[op["kind"]][0 if success else 1]
    r = _base(kind, success, op, now_text)
    r["actor"] = op["actor"]
    if "target" in op:
        r["target"] = target_of(op)
    policy_kind = {"backup-run": "backup", "replica-placement": "replication",
                   "archive-expiration": "archive", "export": None}[op["kind"]]
    if policy_kind:
        r["policy"] = _policy_ref(spec, policy_kind)
    if op["kind"] == "backup-run":
        r["mechanism"] = op["mechanism"]
        r["execution"] = op["execution"] if not reasons else "not-run"
    if op["kind"] == "archive-expiration":
        r["archive"] = op["archive"]
        r["authority"] = op.get("authority")
        r["path"] = op["path"]
    if op["kind"] == "export":
        r["basis"] = op["basis"]
    if reasons:
        r["reasons"] = sorted(set(reasons))
    return r


def restore_source(op: dict) -> dict:
    return {"spec": op["spec"], "version": op["source"]["version"], "hash": op["source"]["hash"]}


def restore_target(op: dict) -> dict:
    return dict(target_of(op), environment=op["environment"])


def restore_test_receipt(op: dict, decision_act: str | None, now_text: str) -> dict:
    checks = [{"check": name, "success": op["checks"][name] == "pass"}
              for name in CHECK_ORDER if name in op["checks"]]
    failures = [c["check"] for c in checks if not c["success"]]
    r = _base("restore-test", not failures, op, now_text)
    r.update(source=restore_source(op), target=restore_target(op), scope=op["scope"],
             authority={"authority": op.get("authority"), "decision": decision_act},
             checks=checks, failures=failures)
    if "convergence-seconds" in op:
        r["convergence-seconds"] = op["convergence-seconds"]
    return r


def restore_execution_receipt(op: dict, decision_act: str | None, emergency: dict | None, now_text: str) -> dict:
    r = _base("restore-execution", True, op, now_text)
    r.update(source=restore_source(op), target=restore_target(op), scope=op["scope"],
             authority={"authority": op.get("authority"), "decision": decision_act})
    if emergency is not None:
        r["emergency"] = emergency
    if "convergence-seconds" in op:
        r["convergence-seconds"] = op["convergence-seconds"]
    return r


def restore_failure_receipt(op: dict, missing: list[str], reasons: list[str], now_text: str) -> dict:
    r = _base("restore-failure", False, op, now_text)
    r.update(source=restore_source(op), target=restore_target(op), scope=op["scope"], actor=op["actor"],
             attempted={"authority": op.get("authority"), "decision": op.get("decision")},
             missing=sorted(set(missing)), reasons=sorted(set(reasons)))
    return r


def event_receipt(op: dict, spec: dict, now_text: str, **facts) -> dict:
    if op["kind"] == "integrity-check":
        passed = op["result"] == "passed"
        r = _base("integrity-check" if passed else "integrity-failure", passed, op, now_text)
        r["policy"] = _policy_ref(spec, "integrity")
    elif op["kind"] == "anti-entropy-divergence":
        r = _base("divergence-detected", False, op, now_text)
        r["repair"] = op["repair"]
        r["policy"] = _policy_ref(spec, "replication")
    else:
        r = _base("provider-outage", False, op, now_text)
        r.update(provider=op["provider"], response=op["response"])
    r.update(facts)
    return r
