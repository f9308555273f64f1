"""Seeded bugs at ONE location only (issue 13): a rule an implementation checks at some members
and not at this one. Each is caught by the location vectors and the families' locations property."""

from __future__ import annotations

import copy
import json

import base58

from conformance.reference.cir import ClientInstanceVerifier
from conformance.reference.naa.attestation import AttestationVerifier
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


# text-format edges, per member
@mutant("python-dollar-at-advertised-at", ["date.trailing-newline"])
class PythonDollarAtAdvertisedAt(AttestationVerifier):
    def check_advertisement(self, doc, out):  # the embedded advertisement's date-time check: `$` for advertised-at only
        mine: list = []
        super().check_advertisement(doc, mine)
        advert = doc.data.get("node-advertisement")
        lf = isinstance(advert, dict) and str(advert.get("advertised-at", "")).endswith("\n")
        out.extend(f for f in mine if not (lf and f.code == "advertisement-malformed"
                                           and f.pointer.endswith("/advertised-at")))


@mutant("python-dollar-at-artifact-time", ["date.trailing-newline"], slot=CIR_SLOT)
class PythonDollarAtArtifactTime(ClientInstanceVerifier):
    MEMBERS = ("attached-at", "detached-at", "recovered-at")

    def schema_findings(self, data, kind):  # the artifact's own instant with Python's `$`; the bind's stays strict
        if isinstance(data, dict):
            data = copy.deepcopy(data)
            for member in self.MEMBERS:
                _strip_lf(data, member)
        return super().schema_findings(data, kind)

    def instant(self, text):
        return super().instant(text.removesuffix("\n"))


@mutant("python-dollar-at-act-id", ["text.trailing-newline"], slot=SDP_SLOT)
class PythonDollarAtActId(BundleEvaluator):
    def schema_findings(self, data):  # governance-act ids checked with Python's `$`
        if isinstance(data, dict) and isinstance(data.get("governance-acts"), list):
            data = copy.deepcopy(data)
            for act in data["governance-acts"]:
                _strip_lf(act, "id")
        return super().schema_findings(data)


# did:key decoding, per decoder
@mutant("no-length-check-at-assembler", ["didkey.extended-key"])
class NoLengthCheckAtAssembler(AttestationVerifier):
    def _key(self, identity, where, out):  # the envelope decoder reads the first 32 key bytes, whatever follows
        if where == "/assembler~1node-id" and identity.startswith("node:did:key:z"):
            raw = base58.b58decode(identity[len("node:did:key:z"):])
            if raw[:2] == b"\xed\x01" and len(raw) >= 34:
                return raw[2:34]
        return super()._key(identity, where, out)


@mutant("no-length-check-in-node-ids", ["didkey.extended-key"], slot=CIR_SLOT)
class NoLengthCheckInNodeIds(ClientInstanceVerifier):
    def public_key(self, identity):  # the node-id decoder reads the first 32 key bytes; the participant's checks the length
        if identity.startswith("node:did:key:z"):
            raw = base58.b58decode(identity[len("node:did:key:z"):])
            if raw[:2] == b"\xed\x01" and len(raw) >= 34:
                return raw[2:34]
        return super().public_key(identity)


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
