"""Seeded bugs at ONE location only (issue 13): a rule an implementation checks at some members
and not at this one. Each is caught by the location vectors and the families' locations property."""

from __future__ import annotations

import copy
import json

import base58

from conformance.reference.cir import ClientInstanceVerifier
from conformance.reference.naa.attestation import AttestationVerifier
from conformance.reference.shared.findings import ERROR, Finding
from conformance.reference.shared.intake import IntakeError
from conformance.reference.storage.evaluator import BundleEvaluator

from .registry import CIR_SLOT, SDP_SLOT, mutant


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


# ---- issue 13, second round: each class at locations the first four mutants do not reach ----
def _strip_lf(obj: dict, member: str) -> None:
    if isinstance(obj, dict) and isinstance(obj.get(member), str):
        obj[member] = obj[member].removesuffix("\n")


# text-format edges, per member (storage: the locations the first round did not have)
@mutant("python-dollar-at-act-id", ["text.trailing-newline"], slot=SDP_SLOT)
class PythonDollarAtActId(BundleEvaluator):
    def schema_findings(self, data):  # governance-act ids checked with Python's `$`
        if isinstance(data, dict) and isinstance(data.get("governance-acts"), list):
            data = copy.deepcopy(data)
            for act in data["governance-acts"]:
                _strip_lf(act, "id")
        return super().schema_findings(data)


@mutant("python-dollar-at-valid-from", ["date.trailing-newline"], slot=SDP_SLOT)
class PythonDollarAtValidFrom(BundleEvaluator):
    def schema_findings(self, data):  # an authority's valid-from checked with Python's `$` (its valid-until is not)
        if isinstance(data, dict) and isinstance(data.get("authorities"), list):
            data = copy.deepcopy(data)
            for authority in data["authorities"]:
                _strip_lf(authority, "valid-from")
        return super().schema_findings(data)

    def instant(self, text):
        return super().instant(text.removesuffix("\n"))


# did:key decoding, where no rule decodes (the first round reached every did:key the spec decodes)
@mutant("decodes-envelope-key-ref", ["undecoded.other-multicodec", "undecoded.truncated-key"])
class DecodesEnvelopeKeyRef(AttestationVerifier):
    def check_envelope_signature(self, doc, out):  # the envelope's key/ref decoded too (I9: it is ignored)
        ref = doc.data.get("signature", {}).get("key/ref") if isinstance(doc.data.get("signature"), dict) else None
        if isinstance(ref, str) and ":did:key:" in ref:
            self._key(ref, "/signature/key~1ref", out)
        super().check_envelope_signature(doc, out)


@mutant("decodes-pod-user-id", ["undecoded.other-multicodec", "undecoded.truncated-key"], slot=CIR_SLOT)
class DecodesPodUserId(ClientInstanceVerifier):
    def schema_findings(self, data, kind):  # an attachment's pod-user/id decoded as an identity (C2: it is not)
        found = super().schema_findings(data, kind)
        user = data.get("pod-user/id") if isinstance(data, dict) else None
        if not found and isinstance(user, str) and user.startswith("pod-user:did:key:"):
            try:
                super().public_key("participant:" + user[len("pod-user:"):])
            except Exception as exc:
                found = [Finding("identity-key-invalid", ERROR, "/pod-user~1id", str(exc))]
        return found


# keys that appear twice
def _key_ref(verifier, statement: dict):
    ref = statement.get("signature", {}).get("key/ref") if isinstance(statement, dict) else None
    try:
        return verifier.public_key(ref) if isinstance(ref, str) and ref.startswith("node:did:key:") else None
    except Exception:
        return None


@mutant("key-ref-at-evidence", ["keys.other-signs", "keys.designated-signs"])
class KeyRefAtEvidence(AttestationVerifier):
    def _signature_verifies(self, key, statement, where, code, out):  # evidence: the key named by key/ref wins
        if where.startswith("/evidence/"):
            key = _key_ref(self, statement) or key
        return super()._signature_verifies(key, statement, where, code, out)


@mutant("key-ref-at-envelope", ["keys.other-signs", "keys.designated-signs"])
class KeyRefAtEnvelope(AttestationVerifier):
    def _signature_verifies(self, key, statement, where, code, out):  # envelope: the key named by key/ref wins
        if where == "/signature":
            key = _key_ref(self, statement) or key
        return super()._signature_verifies(key, statement, where, code, out)


# intake, per family
class _Elsewhere(Exception):
    pass


class _DuplicatesInside:
    """A reader that lets a repeated member name through in objects that carry ``MARK`` (the
    reference's intake stays in force everywhere else)."""

    MARK = ""

    def parse(self, raw):
        try:
            return super().parse(raw)
        except IntakeError as exc:
            if exc.finding.code != "json-duplicate-key":
                raise
            try:
                return json.loads(raw.decode("utf-8"), object_pairs_hook=self._pairs)
            except _Elsewhere:
                raise exc from None

    def _pairs(self, pairs):
        names = [k for k, _ in pairs]
        if len(names) != len(set(names)) and self.MARK not in names:
            raise _Elsewhere
        return dict(pairs)


@mutant("duplicates-in-bind", ["json.duplicate-name"], slot=CIR_SLOT)
class DuplicatesInBind(_DuplicatesInside, ClientInstanceVerifier):
    MARK = "participant/id"  # a repeated name inside the (embedded) bind object passes


@mutant("duplicates-in-storage-spec", ["json.duplicate-name"], slot=SDP_SLOT)
class DuplicatesInStorageSpec(_DuplicatesInside, BundleEvaluator):
    MARK = "custody"  # a repeated name inside a spec (or a copy target) passes


@mutant("lenient-numbers-in-operations", ["json.overflow", "json.non-finite"], slot=SDP_SLOT)
class LenientNumbersInOperations(BundleEvaluator):
    def parse(self, raw):  # NaN, Infinity and overflow read as Python floats inside operations
        try:
            return super().parse(raw)
        except IntakeError as exc:
            if exc.finding.code != "json-number":
                raise
            data = json.loads(raw.decode("utf-8"))
            rest = {k: v for k, v in data.items() if k != "operations"} if isinstance(data, dict) else data
            if not _finite(rest):
                raise
            return data


def _finite(value) -> bool:
    if isinstance(value, float):
        return value == value and abs(value) != float("inf")
    if isinstance(value, int) and not isinstance(value, bool):
        return abs(value) < 2**53
    if isinstance(value, dict):
        return all(_finite(v) for v in value.values())
    if isinstance(value, list):
        return all(_finite(v) for v in value)
    return True
