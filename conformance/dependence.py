"""Which open points a golden vector's expected outcome depends on, read from its content.

A vector built under the suite's default choices does not name them in its ``options`` (the
files stay as they were); its expected outcome depends on an interpretation only when its
documents sit on that interpretation's boundary (an instant exactly at an expiry, a skew of
exactly 16 s, a superseded policy version in use...). ``touched(case)`` names those
interpretations; the runner reports such a vector *not applicable* under another declared
choice. Only interpretations with a supported alternative are looked at (no other can be
declared). tests/test_alternatives.py checks that no vector outside these predicates changes
its outcome under any supported alternative: the reference re-configured with each one
passes every vector this module leaves applicable.
"""

from __future__ import annotations

import json
from fractions import Fraction

from conformance import protocol
from conformance.reference.shared import rfc3339

SKEW = Fraction(16)


def _json(raw: bytes):
    try:
        return json.loads(raw)
    except (ValueError, UnicodeDecodeError, RecursionError):
        return None


def _instant(value) -> Fraction | None:
    if not isinstance(value, str) or not rfc3339.is_date_time(value):
        return None
    return rfc3339.instant(value)


def _naa_time(case, docs: list) -> bool:
    """I8: ``now`` exactly at an envelope's or an entry's expires/at, or a certificate's
    verified/at exactly 16 s outside its entry's window."""
    now = _instant(case.now)
    for doc in docs:
        if not isinstance(doc, dict):
            continue
        if now is not None and _instant(doc.get("expires/at")) == now:
            return True
        evidence = doc.get("evidence")
        for e in evidence if isinstance(evidence, list) else ():
            if not isinstance(e, dict):
                continue
            signed, expires = _instant(e.get("signed/at")), _instant(e.get("expires/at"))
            if now is not None and expires == now:
                return True
            cert = e.get("endpoint/certificate")
            verified = _instant(cert.get("verified/at")) if isinstance(cert, dict) else None
            if verified is not None and ((signed is not None and verified == signed - SKEW)
                                         or (expires is not None and verified == expires + SKEW)):
                return True
    return False


def _superseded(case, docs: list) -> bool:
    """S8: a policy version with status superseded is in the bundle."""
    for doc in docs:
        policies = doc.get("policies") if isinstance(doc, dict) else None  # kind -> [policy version]
        for versions in policies.values() if isinstance(policies, dict) else ():
            if isinstance(versions, list) and any(isinstance(p, dict) and p.get("status") == "superseded"
                                                  for p in versions):
                return True
    return False


_ARTIFACT_TIMES = ("attached-at", "detached-at", "recovered-at")


def _cir_tolerance(case, docs: list) -> bool:
    """C5: a bind asserted after its artifact's time, or a timestamp after ``now`` (inside the 16 s
    tolerance or beyond it: either way the outcome depends on the tolerance)."""
    now = _instant(case.now)
    for doc in docs:
        if not isinstance(doc, dict):
            continue
        bind = doc.get("participant-bind") if isinstance(doc.get("participant-bind"), dict) else doc
        bound = _instant(bind.get("bound-at"))
        times = [t for t in (_instant(doc.get(k)) for k in _ARTIFACT_TIMES) if t is not None]
        if bound is not None and any(bound > t for t in times):
            return True
        if now is not None and any(t > now for t in [*times, *([bound] if bound is not None else [])]):
            return True
    return False


def _window_ends_now(case, docs: list) -> bool:
    """S4: an authority whose valid-until is exactly ``now``."""
    now = _instant(case.now)
    for doc in docs:
        authorities = doc.get("authorities") if isinstance(doc, dict) else None
        for a in authorities if isinstance(authorities, list) else ():
            if isinstance(a, dict) and now is not None and _instant(a.get("valid-until")) == now:
                return True
    return False


_CUSTODY_CODES = frozenset({"canonical-discardable", "canonical-replication-none", "canonical-archive-missing",
                            "secret-ordinary-replication", "secret-export-forbidden", "vault-backup-unencrypted"})


def _custody_rule(case, docs: list) -> bool:
    """S12: a custody-table rule decides the outcome (its code is expected; expectations-only drops it)."""
    return any(_CUSTODY_CODES.intersection(e.codes) or any(_CUSTODY_CODES.intersection(o.codes) for o in e.operations)
               for e in case.expected)


def _canonical_none(case, docs: list) -> bool:
    """S13: a canonical spec recording an explicit none for replication or archive."""
    for doc in docs:
        specs = doc.get("specs") if isinstance(doc, dict) else None
        for s in specs if isinstance(specs, list) else ():
            slots = s.get("policies") if isinstance(s, dict) and s.get("custody") == "canonical" else None
            if isinstance(slots, dict) and any(isinstance(slots.get(k), dict) and "none" in slots[k]
                                               for k in ("replication", "archive")):
                return True
    return False


def _fail_closed_per_spec(case, docs: list) -> bool:
    """S5: a bundle that is not adoptable with an operation decided on its own merits (bundle-wide
    refuses every operation)."""
    return any(e.verdict == "invalid" and any("spec-not-adopted" not in o.codes for o in e.operations)
               for e in case.expected)


_GOVERNED_EXPORT = ("canonical", "vault", "secret")


def _export_authority(case, docs: list) -> bool:
    """S10: an export presenting an authority (judged unless authority-ignored), or an export of
    governed custody presenting none (refused under authority-required)."""
    for doc in docs:
        if not isinstance(doc, dict) or not isinstance(doc.get("operations"), list):
            continue
        specs = doc.get("specs")
        custody = {s.get("id"): s.get("custody") for s in specs if isinstance(s, dict)} if isinstance(specs, list) else {}
        for op in doc["operations"]:
            if isinstance(op, dict) and op.get("kind") == "export" and (
                    "authority" in op or custody.get(op.get("spec")) in _GOVERNED_EXPORT):
                return True
    return False


def _duplicate_name(case, docs: list) -> bool:
    """I1: a repeated member name (the default refuses it, last-duplicate-wins reads the last value);
    read from the expected outcome, since the parsed documents no longer show it."""
    return any("json-duplicate-key" in e.codes for e in case.expected)


def _bad_entry(case, docs: list) -> bool:
    """I10: an evidence signature fails (the default rejects the packet, drop-bad-entry ignores the
    entry); read from the expected outcome, since only a verification tells."""
    return any("evidence-signature-invalid" in e.codes for e in case.expected)


# interpretation id -> (the document kinds it applies to, the predicate)
PREDICATES = {
    "I1": ((protocol.KIND_NAA,), _duplicate_name),
    "I8": ((protocol.KIND_NAA,), _naa_time),
    "I10": ((protocol.KIND_NAA,), _bad_entry),
    "C5": (tuple(protocol.CIR_KINDS), _cir_tolerance),
    "S4": ((protocol.KIND_STORAGE,), _window_ends_now),
    "S5": ((protocol.KIND_STORAGE,), _fail_closed_per_spec),
    "S8": ((protocol.KIND_STORAGE,), _superseded),
    "S10": ((protocol.KIND_STORAGE,), _export_authority),
    "S12": ((protocol.KIND_STORAGE,), _custody_rule),
    "S13": ((protocol.KIND_STORAGE,), _canonical_none),
}


def touched(case) -> list[str]:
    """The interpretations (with a supported alternative) on whose boundary ``case`` sits."""
    docs = None
    out = []
    for interp_id, (kinds, predicate) in PREDICATES.items():
        if case.kind not in kinds:
            continue
        if docs is None:
            docs = [_json(raw) for raw in case.documents]
        if predicate(case, docs):
            out.append(interp_id)
    return out
