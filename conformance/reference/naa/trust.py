"""Trust classification: which evidence counts, the class it earns, and endpoint collisions.

Counted evidence is valid, live and from a signer trusted for its kind: a
self-advertisement by the target itself, a Seed Directory in the trust configuration, a
peer node in the trusted peers. The assembler is a courier, not an authority.
"""

from __future__ import annotations

from .trustconfig import TrustConfig

RANKED = ("directory-confirmed", "directory-accepted", "trusted-peer-confirmed", "self-only")


def signer_counts(target: str, entry: dict, trust: TrustConfig) -> bool:
    kind, signer = entry["kind"], entry["signer/id"]
    if kind == "self-advertisement":
        return signer == target
    if kind == "seed-directory":
        return signer in trust.directories
    return signer.startswith("node:") and signer in trust.peers


def class_of(counted: list[dict]) -> str:
    """The class earned by live, counted evidence entries (expiry is decided before)."""
    kinds = {(e["kind"], "session/transcript-hash" in e) for e in counted}
    if ("seed-directory", True) in kinds:
        return "directory-confirmed"
    if ("seed-directory", False) in kinds:
        return "directory-accepted"
    if any(kind == "peer-reachability" for kind, _ in kinds):
        return "trusted-peer-confirmed"
    return "self-only"


def colliding(claims: list[tuple[tuple, str] | None]) -> list[bool]:
    """For each (normalized endpoint key, target id) claim of a live valid attestation (None
    for the others): whether another target id claims the same endpoint."""
    claimants: dict = {}
    for claim in claims:
        if claim is not None:
            claimants.setdefault(claim[0], set()).add(claim[1])
    return [claim is not None and len(claimants[claim[0]]) > 1 for claim in claims]
