"""The receipt members the storage seed names, compared at ``strict`` level (CONFORMANCE.md,
"Receipts"): what was restored (source spec, version and hash), what was verified (each
check's outcome, and the checks that failed), and under whose authority.

Every one of them echoes the operation the bundle carries, so the expected value is read
from the request's own bundle (how the case was built), never from an implementation:

- ``restore-test``, ``restore-execution``, ``restore-failure``: ``source`` is
  ``{spec, version, hash}`` of the operation;
- ``restore-test``: ``checks`` holds one ``{check, success}`` per check of the operation
  (``pass`` is true), in any order; ``failures`` names the failing checks, in any order;
- ``restore-test``, ``restore-execution``: ``authority.authority`` is the authority the
  operation presented (``null`` when it presented none);
- ``restore-failure``: ``attempted`` is the operation's ``{authority, decision}``;
- ``archive-expiration``: ``authority`` is the operation's authority (or ``null``).
"""

from __future__ import annotations

import json

# Receipt kinds whose members echo the operation (the others are compared as (kind, success) only).
ECHOING_KINDS = frozenset({"restore-test", "restore-execution", "restore-failure", "archive-expiration"})


def bundle_operations(raw: bytes) -> dict[str, dict]:
    """The bundle's operations by id ({} when the bytes are not a bundle with operations)."""
    try:
        doc = json.loads(raw)
    except ValueError:
        return {}
    ops = doc.get("operations") if isinstance(doc, dict) else None
    return {op["id"]: op for op in ops if isinstance(op, dict) and isinstance(op.get("id"), str)} \
        if isinstance(ops, list) else {}


def _checks(op: dict) -> list:
    checks = op.get("checks") if isinstance(op.get("checks"), dict) else {}
    return sorted([name, outcome == "pass"] for name, outcome in checks.items())


def expected_members(kind: str, op: dict) -> dict:
    """member name -> expected value (in the normal form ``_normal`` gives an actual value)."""
    out: dict = {}
    source = op.get("source") if isinstance(op.get("source"), dict) else {}
    if kind in ("restore-test", "restore-execution", "restore-failure"):
        out["source"] = {"spec": op.get("spec"), "version": source.get("version"), "hash": source.get("hash")}
    if kind == "restore-test":
        out["checks"] = _checks(op)
        out["failures"] = sorted(name for name, ok in out["checks"] if not ok)
    if kind in ("restore-test", "restore-execution"):
        out["authority/authority"] = op.get("authority")
    if kind == "restore-failure":
        out["attempted"] = {"authority": op.get("authority"), "decision": op.get("decision")}
    if kind == "archive-expiration":
        out["authority"] = op.get("authority")
    return out


_ABSENT = object()


def _normal(receipt: dict, member: str):
    """The receipt's value for ``member`` (``a/b`` is a nested member), in a comparable form."""
    value = receipt
    for part in member.split("/"):
        value = value.get(part, _ABSENT) if isinstance(value, dict) else _ABSENT
    if member == "checks" and isinstance(value, list):
        try:
            return sorted([c.get("check"), c.get("success")] for c in value)
        except (AttributeError, TypeError):
            return value
    if member == "failures" and isinstance(value, list):
        try:
            return sorted(value)
        except TypeError:
            return value
    return value


def member_problems(op: dict | None, receipts: list) -> str:
    """The first receipt member that does not echo ``op`` as the seed asks, or ""."""
    if op is None:
        return ""
    for i, receipt in enumerate(receipts):
        if not isinstance(receipt, dict) or receipt.get("kind") not in ECHOING_KINDS:
            continue
        for member, want in expected_members(receipt["kind"], op).items():
            got = _normal(receipt, member)
            if got != want:
                shown = "absent" if got is _ABSENT else json.dumps(got, ensure_ascii=False)
                return (f"receipt {i} ({receipt['kind']}) /{member}: expected {json.dumps(want, ensure_ascii=False)}, "
                        f"got {shown}")
    return ""
