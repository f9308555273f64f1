"""Seeded bugs at ONE location only (issue 13): a rule an implementation checks at some members
and not at this one. Each is caught by the location vectors and the families' locations property."""

from __future__ import annotations

import copy

import base58

from conformance.reference.cir import ClientInstanceVerifier
from conformance.reference.naa.attestation import AttestationVerifier

from .registry import CIR_SLOT, mutant


def _lenient_ed25519(identity: str) -> bytes:  # any multicodec: the bytes after the first two
    raw = base58.b58decode(identity.rsplit(":z", 1)[1])
    return raw[2:34]


@mutant("python-dollar-at-evidence-signer", ["text.trailing-newline"])
class PythonDollarAtEvidenceSigner(AttestationVerifier):
    def schema_findings(self, data):  # Python's `$` for evidence signer/id only: a final LF passes
        if isinstance(data, dict) and isinstance(data.get("evidence"), list):
            data = copy.deepcopy(data)
            for entry in data["evidence"]:
                if isinstance(entry, dict) and isinstance(entry.get("signer/id"), str):
                    entry["signer/id"] = entry["signer/id"].removesuffix("\n")
        return super().schema_findings(data)

    def public_key(self, identity):
        return super().public_key(identity.removesuffix("\n"))


@mutant("no-multicodec-check-at-evidence-signer", ["didkey.other-multicodec"])
class NoMulticodecAtEvidenceSigner(AttestationVerifier):
    def _key(self, identity, where, out):  # the evidence decoder skips the multicodec; the envelope's does not
        if where.startswith("/evidence/"):
            return _lenient_ed25519(identity)
        return super()._key(identity, where, out)


@mutant("python-dollar-at-bound-at", ["date.trailing-newline"], slot=CIR_SLOT)
class PythonDollarAtBoundAt(ClientInstanceVerifier):
    def schema_findings(self, data, kind):  # a date-time check with Python's `$`, at the bind's bound-at only
        bind = data.get("participant-bind", data) if isinstance(data, dict) else None
        if isinstance(bind, dict) and isinstance(bind.get("bound-at"), str):
            data = copy.deepcopy(data)
            target = data.get("participant-bind", data)
            target["bound-at"] = target["bound-at"].removesuffix("\n")
        return super().schema_findings(data, kind)

    def instant(self, text):
        return super().instant(text.removesuffix("\n"))


@mutant("no-multicodec-check-at-participant-id", ["didkey.other-multicodec"], slot=CIR_SLOT)
class NoMulticodecAtParticipantId(ClientInstanceVerifier):
    def public_key(self, identity):  # the participant decoder skips the multicodec; the node ids' do not
        if identity.startswith("participant:"):
            return _lenient_ed25519(identity)
        return super().public_key(identity)
