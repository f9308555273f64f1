"""The suite's own model of what a well-built Spec must yield: trust class and outcome codes.

It reads only construction facts (trust flags chosen by the strategy, integer instants),
never a document, so it cannot inherit a parsing or canonicalization bug. The rules it
encodes are listed in CONFORMANCE.md ("Trust classification").
"""

from __future__ import annotations

from .build import Entry, Spec


SECOND = 10**9  # instants are integer nanoseconds
SKEW = 16 * SECOND


# ---- interpretation I8 (CONFORMANCE.md): the only places the model reads a declared choice
def _time_choice(spec: Spec) -> set[str]:
    return set(dict(spec.choices).get("I8", "suite").split("+"))


def expired_at(spec: Spec, expires_at: int) -> bool:
    """``now`` is past an expires/at: strictly after it (the default), or at it (I8 ``expired-at-instant``)."""
    return spec.now >= expires_at if "expired-at-instant" in _time_choice(spec) else spec.now > expires_at


def skewed(spec: Spec, e: Entry) -> bool:
    """The certificate's verified/at is outside the entry's window widened by 16 s; the bounds are
    inside by default and outside under I8 ``skew-exclusive``."""
    if e.verified_at is None:
        return False
    lo, hi = e.signed_at - SKEW, e.expires_at + SKEW
    if "skew-exclusive" in _time_choice(spec):
        return e.verified_at <= lo or e.verified_at >= hi
    return e.verified_at < lo or e.verified_at > hi


def invalid_time_codes(spec: Spec) -> set[str]:
    """Error codes the time checks give a document built well otherwise (a certificate on a skew bound
    under ``skew-exclusive``)."""
    return {"certificate-time-skew"} if any(skewed(spec, e) for e in spec.entries) else set()


def drops_bad_entry(spec: Spec) -> bool:
    """I10 ``drop-bad-entry``: an entry whose signature fails is ignored and the packet stays valid."""
    return dict(spec.choices).get("I10") == "drop-bad-entry"


def counts(spec: Spec, e: Entry) -> bool:
    """A signer the case trusts for this kind of evidence (its live-ness is separate); an entry
    whose signature fails (``Entry.bad_signature``, built only under I10 drop-bad-entry) counts for nothing."""
    if e.bad_signature:
        return False
    if e.kind == "self-advertisement":
        return e.signer == spec.target.node_id
    return e.trusted


def entry_validation_codes(spec: Spec, e: Entry) -> set[str]:
    """Codes the validation stage reports for one entry (a failing signature: only its own code)."""
    if e.bad_signature:
        return {"evidence-signature-invalid"}
    if e.kind == "self-advertisement":
        return set() if e.signer == spec.target.node_id else {"self-signer-not-target"}
    return set() if e.trusted else {"signer-untrusted"}


def validation_codes(spec: Spec) -> set[str]:
    codes: set[str] = set()
    for e in spec.entries:
        codes |= entry_validation_codes(spec, e)
        if e.adv_digest not in (None, "top"):
            codes.add("evidence-advertisement-digest-differs")
    if spec.stored_endpoint is not None and spec.stored_endpoint != spec.endpoint:
        codes.add("endpoint-not-normalized")
    return codes


def classification(spec: Spec) -> tuple[str, set[str]]:
    """(trust class, codes of the classification stage) for a valid document."""
    codes: set[str] = set()
    envelope_expired = expired_at(spec, spec.expires_at)
    if envelope_expired:
        codes.add("envelope-expired")
    live = [e for e in spec.entries if not expired_at(spec, e.expires_at)]
    if len(live) < len(spec.entries):
        codes.add("evidence-expired")
    counted_all = [e for e in spec.entries if counts(spec, e)]
    if counted_all and spec.expires_at > min(e.expires_at for e in counted_all):
        codes.add("envelope-outlives-evidence")
    pool = counted_all or spec.entries  # what would count; every entry when nothing would
    if envelope_expired or not any(not expired_at(spec, e.expires_at) for e in pool):
        return "expired", codes
    counted = [e for e in live if counts(spec, e)]
    if any(e.kind == "seed-directory" and e.transcript for e in counted):
        return "directory-confirmed", codes
    if any(e.kind == "seed-directory" for e in counted):
        return "directory-accepted", codes
    if any(e.kind == "peer-reachability" for e in counted):
        return "trusted-peer-confirmed", codes
    return "self-only", codes


def expected_valid(spec: Spec) -> tuple[str, set[str]]:
    trust_class, codes = classification(spec)
    return trust_class, codes | validation_codes(spec)


def clean_entries(spec: Spec) -> list[int]:
    """Indexes of entries whose signature is verified and which carry no code of their own:
    a mutation that breaks one of them changes nothing else."""
    return [
        i for i, e in enumerate(spec.entries)
        if counts(spec, e) and not entry_validation_codes(spec, e) and e.adv_digest in (None, "top")
    ]
