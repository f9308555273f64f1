"""Mutations of the digest (claim and evidence digests: NAA-DIGEST-*) group."""

from __future__ import annotations

import base64
import json

from conformance import jcs
from hypothesis import strategies as st

from ...shared import keys as K
from ..build import build, jcs_digest, sha256_digest
from .base import NotApplicable, choice, clean_entry, doc_bytes, invalid, mutation, with_entry


def _claim(spec):
    return {"target/node-id": spec.target.node_id, "endpoint": spec.endpoint}


def _wrong_claim_digest(spec, variant):
    claim = _claim(spec)
    if variant == "json-sort-keys":
        return sha256_digest(json.dumps(claim, sort_keys=True).encode())
    if variant == "json-compact-ascii":
        if all(ord(c) < 128 for c in json.dumps(claim, ensure_ascii=False)):
            raise NotApplicable("claim is ASCII: ascii escaping changes nothing")
        return sha256_digest(json.dumps(claim, sort_keys=True, separators=(",", ":")).encode())
    if variant == "insertion-order":
        return sha256_digest(json.dumps(claim, separators=(",", ":"), ensure_ascii=False).encode())
    if variant == "extra-member":
        return jcs_digest(dict(claim, schema="node-address-attestation.v1"))
    if variant == "hex":
        import hashlib
        return "sha256:" + hashlib.sha256(jcs.dumps(claim)).hexdigest()
    if variant == "target-only":
        return jcs_digest({"target/node-id": spec.target.node_id})
    raise ValueError(variant)


CLAIM_VARIANTS = ("json-sort-keys", "json-compact-ascii", "insertion-order", "extra-member", "hex", "target-only")


@mutation("digest.claim", "digest", ["NAA-DIGEST-001", "NAA-DIGEST-003"], ["NonCanonicalJson", "DigestEncoding"],
          params={"variant": st.sampled_from(CLAIM_VARIANTS)},
          vectors=[(v, {"variant": v}, "non-ascii") for v in CLAIM_VARIANTS])
def claim_digest(spec, p):
    """claim/digest (repeated by every entry) over a non-RFC 8785 encoding, another object, or hex."""
    digest = _wrong_claim_digest(spec, p["variant"])
    code = "digest-malformed" if p["variant"] == "hex" else "claim-digest-mismatch"
    mutated = spec.with_(claim_digest=digest)
    return invalid(mutated, doc_bytes(mutated), {code}, "semantic")


@mutation("digest.evidence-claim", "digest", ["NAA-DIGEST-002"], ["EvidenceDigestMismatch"],
          params={"which": choice, "variant": st.sampled_from(["other-port", "other-node", "json-sort-keys"])},
          vectors=[(v, {"which": 0, "variant": v}, "directory-confirmed") for v in ["other-port", "other-node", "json-sort-keys"]])
def evidence_claim_digest(spec, p):
    """One evidence entry signs a different claim digest than the top level."""
    i = clean_entry(spec, p["which"])
    claim = _claim(spec)
    if p["variant"] == "other-port":
        claim = dict(claim, endpoint=dict(spec.endpoint, port=spec.endpoint["port"] % 65535 + 1))
        other = jcs_digest(claim)
    elif p["variant"] == "other-node":
        other = jcs_digest(dict(claim, **{"target/node-id": K.STRANGER.node_id}))
    else:
        other = sha256_digest(json.dumps(claim, sort_keys=True).encode())
    mutated = with_entry(spec, i, overrides={"claim/digest": other})
    return invalid(mutated, doc_bytes(mutated), {"evidence-claim-digest-mismatch"}, "semantic")


def _hex(digest: str) -> str:
    import hashlib

    raw = base64.urlsafe_b64decode(digest[7:] + "=")
    assert len(raw) == hashlib.sha256().digest_size
    return "sha256:" + raw.hex()


@mutation("digest.malformed", "digest", ["NAA-DIGEST-003"], ["DigestEncoding"],
          params={"which": choice, "where": st.sampled_from(["evidence-claim", "evidence-advertisement", "top-advertisement"])},
          vectors=[(w, {"which": 0, "where": w}, b) for w in ["evidence-claim", "evidence-advertisement", "top-advertisement"]
                   for b in ["directory-confirmed", "directory-accepted"]])
def malformed_digest(spec, p):
    """The right digest in hex (the schema's loose pattern admits it): reported once as malformed, and a
    malformed digest is never compared with anything, so no mismatch is reported besides."""
    where = p["where"]
    built = build(spec)
    if where == "top-advertisement":
        mutated = spec.with_(overrides={**spec.overrides, "advertisement/digest": _hex(built["advertisement/digest"])})
    else:
        i = clean_entry(spec, p["which"])
        member = "claim/digest" if where == "evidence-claim" else "advertisement/digest"
        mutated = with_entry(spec, i, overrides={member: _hex(built[member])})
    return invalid(mutated, doc_bytes(mutated), {"digest-malformed"}, "semantic")
