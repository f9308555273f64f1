"""The suite's own model of what a well-built Spec must yield: trust class and outcome codes.

It reads only construction facts (trust flags chosen by the strategy, integer instants),
never a document, so it cannot inherit a parsing or canonicalization bug. The rules it
encodes are listed in CONFORMANCE.md ("Trust classification").
"""

from __future__ import annotations

from .build import Entry, Spec


def counts(spec: Spec, e: Entry) -> bool:
    """A signer the case trusts for this kind of evidence (its live-ness is separate)."""
    if e.kind == "self-advertisement":
        return e.signer == spec.target.node_id
    return e.trusted


def entry_validation_codes(spec: Spec, e: Entry) -> set[str]:
    """Codes the validation stage reports for one well-signed entry."""
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
    envelope_expired = spec.now > spec.expires_at
    if envelope_expired:
        codes.add("envelope-expired")
    live = [e for e in spec.entries if spec.now <= e.expires_at]
    if len(live) < len(spec.entries):
        codes.add("evidence-expired")
    counted_all = [e for e in spec.entries if counts(spec, e)]
    if counted_all and spec.expires_at > min(e.expires_at for e in counted_all):
        codes.add("envelope-outlives-evidence")
    pool = counted_all or spec.entries  # what would count; every entry when nothing would
    if envelope_expired or not any(spec.now <= e.expires_at for e in pool):
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
