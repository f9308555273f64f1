"""Mutations of the trust (NAA-TRUST-*) group."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import strategies as st

from ...shared import keys as K
from .base import NotApplicable, mutation, valid


@mutation("trust.untrusted-upgrade", "trust", ["NAA-TRUST-007"], ["UntrustedSigner"],
          params={"variant": st.sampled_from(["unknown-directory", "untrusted-peer", "trusted-peer-as-directory",
                                              "assembler-as-peer"])},
          vectors=[(v, {"variant": v}, "self-only") for v in ["unknown-directory", "untrusted-peer", "trusted-peer-as-directory"]]
          + [("assembler-as-peer", {"variant": "assembler-as-peer"}, "self-only"),
             ("assembler-as-peer-over-directory", {"variant": "assembler-as-peer"}, "directory-accepted")])
def untrusted_upgrade(spec, p):
    """Higher-kind evidence from signers the receiver does not trust for that kind counts for nothing."""
    variant = p["variant"]
    used = {e.signer for e in spec.entries}
    base = replace(spec.entries[0], overrides={}, adv_digest=None)
    if variant == "assembler-as-peer":
        if spec.assembler is None:
            spec = spec.with_(assembler=K.STRANGER)
        if spec.assembler.node_id in used:
            raise NotApplicable("the assembler also signs evidence")
        return valid(spec.with_(trusted_extra_peers=tuple(spec.trusted_extra_peers) + (spec.assembler,)))
    if variant == "unknown-directory":
        unknown = next((k for k in K.DIRECTORIES if K.directory_id(k) not in used), None)
        if unknown is None:
            raise NotApplicable("every test directory is in use")
        extra = replace(base, kind="seed-directory", signer=K.directory_id(unknown), key=None, trusted=False,
                        transcript=True, verified_at=base.signed_at)
        return valid(spec.with_(entries=list(spec.entries) + [extra]))
    if variant == "untrusted-peer":
        extra = replace(base, kind="peer-reachability", signer=K.STRANGER.node_id, key=K.STRANGER, trusted=False,
                        transcript=True, verified_at=base.signed_at)
        return valid(spec.with_(entries=list(spec.entries) + [extra]))
    peer = next(k for k in K.NODES if k not in (spec.target, spec.assembler) and k.node_id not in used)
    extra = replace(base, kind="seed-directory", signer=peer.node_id, key=peer, trusted=False, transcript=True,
                    verified_at=base.signed_at)
    return valid(spec.with_(entries=list(spec.entries) + [extra], trusted_extra_peers=(peer,)))


@mutation("trust.class", "trust",
          ["NAA-TRUST-001", "NAA-TRUST-002", "NAA-TRUST-003", "NAA-TRUST-004", "NAA-TRUST-006", "NAA-TIME-003"],
          ["TrustClass"], vectors=[("as-built", {}, b) for b in
                                   ["directory-confirmed", "directory-accepted", "trusted-peer-confirmed", "self-only", "non-ascii", "ipv6"]])
def trust_class(spec, p):
    """The scenario as built: its class follows from its live, trusted evidence."""
    return valid(spec)
