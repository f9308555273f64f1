"""Seeded-bug variants of the client-instance-recovery reference (ClientInstanceVerifier).

Each overrides exactly ONE method with a bug an implementer plausibly writes. CIR_MUTANTS
maps a name to the class; tests/test_cir_reference.py proves each one gets at least one
hand-built scenario wrong.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from datetime import datetime, timezone
from fractions import Fraction

import base58
from jsonschema import Draft202012Validator

from conformance import schemas
from conformance.reference.shared import intake, keys, rfc3339, schema
from conformance.reference.cir import ClientInstanceVerifier
from conformance.reference.cir.artifact import ATTACHMENT, DETACHMENT
from conformance.reference.cir.bind import NODE_ATTESTATION, PARTICIPANT_SIGNATURE
from conformance.reference.cir.result import finding
from conformance.reference.shared.findings import ERROR, Finding, pointer

from .registry import CIR_SLOT, of_slot
from .registry import mutant as _register


def mutant(name: str, catches=None, level: str = "verdict"):
    """Register a client-instance mutant; ``catches=None``: invisible to the protocol."""
    return _register(name, catches, level, CIR_SLOT)


# ---- intake and schema ----

@mutant("cir-ignores-duplicate-keys", ["cir.intake.duplicate-key"])
class IgnoresDuplicateKeys(ClientInstanceVerifier):
    def parse(self, raw):  # every other intake rule holds; with duplicates, the last one wins
        try:
            return intake.parse(raw)
        except intake.IntakeError as exc:
            if exc.finding.code != "json-duplicate-key":
                raise
            return json.loads(raw.decode("utf-8"))


@mutant("cir-python-dollar-in-patterns", ["cir.schema.malformed-id"], "strict")
class PythonDollarInPatterns(ClientInstanceVerifier):
    def schema_findings(self, data, kind):  # jsonschema's default `pattern` ($ matches before a final newline)
        v = Draft202012Validator(schemas.load(kind.schema), format_checker=schema.format_checker(),
                                 registry=schema.registry())
        return [Finding(schema._code(e), ERROR, pointer(*e.absolute_path), e.message) for e in v.iter_errors(data)]


# ---- identities and keys ----

@mutant("cir-no-multicodec-check", ["cir.key.not-ed25519"])
class NoMulticodecCheck(ClientInstanceVerifier):
    def public_key(self, identity):  # takes the last 32 bytes of whatever base58 decodes to
        raw = base58.b58decode(identity.rsplit(":z", 1)[1])
        if len(raw) < 32:
            return raw
        return raw[-32:]


@mutant("cir-key-mismatch-ignored", ["cir.bind.key-mismatch"])
class KeyMismatchIgnored(ClientInstanceVerifier):
    def key_matches(self, bind):
        return True


@mutant("cir-verifies-under-key-public", ["cir.bind.key-mismatch"], "strict")
class VerifiesUnderKeyPublic(ClientInstanceVerifier):
    def check_participant_signature(self, art, key, out):  # trusts participant/key/public, not participant/id
        bind, where = art.bind, art.bind_pointer(PARTICIPANT_SIGNATURE)
        if not self.alg_matches(bind):
            out.append(finding("signature-alg-mismatch", where + "/alg", "alg mismatch"))
            return
        try:
            own = keys.decode_multibase_ed25519(bind["participant/key/public"])
        except keys.KeyError_:
            return
        self.verify_proof(own, bind, PARTICIPANT_SIGNATURE, where, "bind-signature-invalid", out)


@mutant("cir-alg-mismatch-ignored", ["cir.bind.alg-mismatch"])
class AlgMismatchIgnored(ClientInstanceVerifier):
    def alg_matches(self, bind):
        return True


@mutant("cir-via-not-checked", ["cir.bind.via-other-node"])
class ViaNotChecked(ClientInstanceVerifier):
    def via_matches(self, bind, serving_node):
        return True


# ---- signatures ----

@mutant("cir-signs-over-node-attestation", ["cir.attest.unknown-alg", "cir.attest.valid"])
class SignsOverNodeAttestation(ClientInstanceVerifier):
    def unsigned(self, statement):  # omits only the participant signature, not every proof/ member
        return {k: v for k, v in statement.items() if k != PARTICIPANT_SIGNATURE}


@mutant("cir-strips-nested-proofs", ["cir.attest.valid"])
class StripsNestedProofs(ClientInstanceVerifier):
    def unsigned(self, statement):  # also strips the embedded bind's proofs from the artifact's input
        def strip(value):
            if isinstance(value, dict):
                return {k: strip(v) for k, v in value.items() if not k.startswith("proof/")}
            return value
        return strip(statement)


@mutant("cir-ignores-signing-prefix")
class IgnoresSigningPrefix(ClientInstanceVerifier):
    def signing_input(self, statement):
        return self.canonical(self.unsigned(statement))


@mutant("cir-lenient-signature-encoding", ["cir.bind.signature-encoding"])
class LenientSignatureEncoding(ClientInstanceVerifier):
    def decode_signature(self, value):  # any base64 alphabet, padding optional, pad bits unchecked
        try:
            raw = base64.b64decode(value.replace("-", "+").replace("_", "/").rstrip("=") + "==")
        except (binascii.Error, ValueError) as exc:
            raise keys.KeyError_(str(exc)) from None
        if len(raw) != 64:
            raise keys.KeyError_("not 64 bytes")
        return raw


@mutant("cir-case-insensitive-attestation-alg", ["cir.attest.unknown-alg"])
class CaseInsensitiveAttestationAlg(ClientInstanceVerifier):
    def attestation_alg_known(self, alg):
        return alg.lower() == "ed25519"


@mutant("cir-silent-on-unknown-attestation-alg", ["cir.attest.unknown-alg"], "strict")
class SilentOnUnknownAttestationAlg(ClientInstanceVerifier):
    def check_node_attestations(self, art, node_key, out):  # no warning for an unknown alg
        for statement, base in self.attested_statements(art):
            proof = statement.get(NODE_ATTESTATION)
            if proof is not None and self.attestation_alg_known(proof["alg"]) and node_key is not None:
                self.verify_proof(node_key, statement, NODE_ATTESTATION, base + pointer(NODE_ATTESTATION),
                                  "node-attestation-invalid", out)


@mutant("cir-ignores-bind-attestation", ["cir.attest.forged"])
class IgnoresBindAttestation(ClientInstanceVerifier):
    def attested_statements(self, art):  # only the top-level object's attestation
        return [(art.data, "")]


# ---- time ----

@mutant("cir-bind-late-without-tolerance", ["cir.time.bind-skew-edge"])
class BindLateWithoutTolerance(ClientInstanceVerifier):
    def asserted_late(self, bound_at, at):
        return self.instant(bound_at) > self.instant(at)


@mutant("cir-bind-late-bound-exclusive", ["cir.time.bind-skew-edge"])
class BindLateBoundExclusive(ClientInstanceVerifier):
    def asserted_late(self, bound_at, at):
        return self.instant(bound_at) >= self.instant(at) + self.clock_skew


@mutant("cir-future-without-tolerance", ["cir.time.future-edge"])
class FutureWithoutTolerance(ClientInstanceVerifier):
    def in_future(self, at, now):
        return self.instant(at) > self.instant(now)


@mutant("cir-microsecond-instants", ["cir.time.bind-late"])
class MicrosecondInstants(ClientInstanceVerifier):
    def instant(self, text):  # datetime: fractions past the microsecond are dropped
        head, _, rest = text.upper().partition(".")
        if rest:
            digits = "".join(c for c in rest if c.isdigit())
            text = head + "." + digits[:6] + rest[len(digits):]
        dt = datetime.fromisoformat(text.replace("Z", "+00:00"))
        return Fraction(int((dt - datetime(1970, 1, 1, tzinfo=timezone.utc)).total_seconds() * 10**6), 10**6)


@mutant("cir-ignores-offsets", ["cir.time.offsets"])
class IgnoresOffsets(ClientInstanceVerifier):
    def instant(self, text):  # wall-clock digits, the offset dropped
        return rfc3339.instant(re.sub(r"([+-]\d\d:\d\d|[Zz])$", "Z", text))


# ---- context: recovery ----

@mutant("cir-recovery-skew-tolerant", ["cir.context.before-detachment"])
class RecoverySkewTolerant(ClientInstanceVerifier):
    def recovered_before_detachment(self, recovery, detachment):
        return self.instant(recovery.time) + self.clock_skew < self.instant(detachment.time)


@mutant("cir-no-participant-check", ["cir.context.other-participant", "cir.life.other-participant"])
class NoParticipantCheck(ClientInstanceVerifier):
    def same_participant(self, a, b):
        return True


@mutant("cir-detachment-recovered-twice", ["cir.context.already-recovered"])
class DetachmentRecoveredTwice(ClientInstanceVerifier):
    def check_detachment_not_recovered(self, rec, det, ledger, out):
        pass


@mutant("cir-recovery-id-reuse-ignored", ["cir.context.reused-id"])
class RecoveryIdReuseIgnored(ClientInstanceVerifier):
    def check_recovery_id_fresh(self, rec, ledger, out):
        pass


@mutant("cir-replace-device-keeps-node", ["cir.valid.recovery"])
class ReplaceDeviceKeepsNode(ClientInstanceVerifier):
    def check_mode(self, rec, det, out):  # replace-device also refuses a change of serving node
        super().check_mode(rec, det, out)
        if rec.data["recovery/mode"] == "replace-device" and rec.serving_node != det.serving_node:
            out.append(finding("mode-serving-node-changed", pointer("serving-node/id"), "node changed"))


@mutant("cir-migration-root-not-walked", ["cir.lifecycle.script"])
class MigrationRootNotWalked(ClientInstanceVerifier):
    def root_attachment(self, access, ledger):  # only a directly detached attachment counts
        return access if access is not None and access.kind.name == ATTACHMENT else None


@mutant("cir-migration-always-allowed", ["cir.mode.migration-not-allowed", "cir.lifecycle.script"])
class MigrationAlwaysAllowed(ClientInstanceVerifier):
    def migration_allowed(self, root):
        return True


# ---- context: detachment, attachment ----

@mutant("cir-recovery-is-not-an-access", ["cir.lifecycle.script"])
class RecoveryIsNotAnAccess(ClientInstanceVerifier):
    def find_access(self, det, ledger, out):  # a detachment may only name an attachment
        name = det.data["attachment/id"]
        access = next((a for a in ledger.of_kind(ATTACHMENT) if a.id == name), None)
        if access is None:
            out.append(finding("attachment-unknown", pointer("attachment/id"), f"{name!r} unknown"))
        return access


@mutant("cir-detachment-mismatch-ignored", ["cir.life.detachment-mismatch"])
class DetachmentMismatchIgnored(ClientInstanceVerifier):
    def check_detachment_matches_access(self, det, access, out):
        pass


@mutant("cir-detachment-before-attachment-ignored", ["cir.life.before-attachment"])
class DetachmentBeforeAttachmentIgnored(ClientInstanceVerifier):
    def detached_before_access(self, detachment, access):
        return False


@mutant("cir-detached-twice", ["cir.life.already-detached"])
class DetachedTwice(ClientInstanceVerifier):
    def check_access_not_detached(self, det, access, ledger, out):
        pass


@mutant("cir-detachment-id-reuse-ignored", ["cir.life.detachment-id-reused"])
class DetachmentIdReuseIgnored(ClientInstanceVerifier):
    def check_detachment_id_fresh(self, det, ledger, out):
        pass


@mutant("cir-attachment-id-reuse-ignored", ["cir.life.attachment-id-reused"])
class AttachmentIdReuseIgnored(ClientInstanceVerifier):
    def check_attachment_id_fresh(self, att, ledger, out):
        pass


# ---- ledger and evaluation ----

@mutant("cir-admits-refused-documents", ["cir.lifecycle.script"])
class AdmitsRefusedDocuments(ClientInstanceVerifier):
    def admissible(self, result):
        return True


@mutant("cir-empty-context-is-no-context", ["cir.context.empty"])
class EmptyContextIsNoContext(ClientInstanceVerifier):
    def context_ledger(self, context):
        return super().context_ledger(context) if context else None


@mutant("cir-claims-context-rules-evaluated")
class ClaimsContextRulesEvaluated(ClientInstanceVerifier):
    def unevaluated(self, kind, ledger):
        return ()


# ---- more intake, schema, signature and lifecycle bugs (each caught by a named strategy) ----

@mutant("cir-lenient-utf8", ["cir.intake.encoding"])
class LenientUtf8(ClientInstanceVerifier):
    def parse(self, raw):  # decodes with replacement characters and drops a BOM
        return intake.parse(raw.decode("utf-8", errors="replace").lstrip("\ufeff").encode("utf-8"))


@mutant("cir-accepts-lone-surrogates", ["cir.intake.lone-surrogate"])
class AcceptsLoneSurrogates(ClientInstanceVerifier):
    def parse(self, raw):  # Python's json keeps lone surrogates
        try:
            return intake.parse(raw)
        except intake.IntakeError as exc:
            if exc.finding.code != "json-lone-surrogate":
                raise
            return json.loads(raw.decode("utf-8"))


@mutant("cir-accepts-big-numbers", ["cir.intake.number"], "strict")
class AcceptsBigNumbers(ClientInstanceVerifier):
    def parse(self, raw):  # arbitrary-precision integers and infinities pass
        try:
            return intake.parse(raw)
        except intake.IntakeError as exc:
            if exc.finding.code != "json-number":
                raise
            return json.loads(raw.decode("utf-8"))


@mutant("cir-accepts-trailing-data", ["cir.intake.syntax"])
class AcceptsTrailingData(ClientInstanceVerifier):
    def parse(self, raw):  # stops after the first JSON value
        value, _ = json.JSONDecoder().raw_decode(raw.decode("utf-8"))
        return value


@mutant("cir-open-shapes", ["cir.schema.extra-member"])
class OpenShapes(ClientInstanceVerifier):
    def schema_findings(self, data, kind):  # additionalProperties not enforced
        return [f for f in super().schema_findings(data, kind) if f.code != "schema-closed"]


@mutant("cir-optional-members-in-bind", ["cir.schema.missing-member"])
class OptionalMembersInBind(ClientInstanceVerifier):
    def schema_findings(self, data, kind):  # `required` not enforced inside the embedded bind
        return [f for f in super().schema_findings(data, kind)
                if not (f.code == "schema-required" and f.pointer.startswith("/participant-bind"))]


@mutant("cir-empty-strings-allowed", ["cir.schema.shape"])
class EmptyStringsAllowed(ClientInstanceVerifier):
    def schema_findings(self, data, kind):  # minLength ignored: "" passes for ids and optional members
        return [f for f in super().schema_findings(data, kind) if "should be non-empty" not in f.message]


@mutant("cir-date-time-not-asserted", ["cir.schema.timestamp"])
class DateTimeNotAsserted(ClientInstanceVerifier):
    def schema_findings(self, data, kind):  # format is an annotation only
        return [f for f in super().schema_findings(data, kind) if f.code != "timestamp-invalid"]


@mutant("cir-no-signature-check", ["cir.bind.wrong-signer", "cir.bind.tampered", "cir.bind.signed-with-proofs"])
class NoSignatureCheck(ClientInstanceVerifier):
    def signature_ok(self, public_key, message, sig):  # decodes the signature, never verifies it
        return True


@mutant("cir-reduces-s-mod-l", ["cir.bind.malleated"])
class ReducesSModL(ClientInstanceVerifier):
    def signature_ok(self, public_key, message, sig):  # "normalizes" S instead of refusing S >= L
        from conformance.reference.shared.signatures import L, verify

        s = int.from_bytes(sig[32:], "little") % L
        return verify(public_key, message, sig[:32] + s.to_bytes(32, "little"))


@mutant("cir-skips-undecodable-attestation", ["cir.attest.encoding"])
class SkipsUndecodableAttestation(ClientInstanceVerifier):
    def verify_proof(self, key, statement, member, where, code, out):  # a node attestation it cannot decode is ignored
        if member == NODE_ATTESTATION:
            try:
                self.decode_signature(statement[member]["value"])
            except keys.KeyError_:
                return True
        return super().verify_proof(key, statement, member, where, code, out)


@mutant("cir-no-future-check", ["cir.time.future"])
class NoFutureCheck(ClientInstanceVerifier):
    def in_future(self, at, now):
        return False


@mutant("cir-no-context-means-empty", ["cir.context.absent"])
class NoContextMeansEmpty(ClientInstanceVerifier):
    def verify(self, raw, kind, now, context=None, level="full"):  # always judges the lifecycle rules
        return super().verify(raw, kind, now, [] if context is None else context, level)


@mutant("cir-detachment-found-by-attachment-id", ["cir.context.unknown-detachment"])
class DetachmentFoundByAttachmentId(ClientInstanceVerifier):
    def find_detachment(self, rec, ledger, out):  # also accepts the id of the detached attachment
        name = rec.data["recovery/from-detachment-id"]
        for det in ledger.of_kind(DETACHMENT):
            if det.data["attachment/id"] == name:
                return det
        return super().find_detachment(rec, ledger, out)


@mutant("cir-unknown-access-ignored", ["cir.life.attachment-unknown"])
class UnknownAccessIgnored(ClientInstanceVerifier):
    def find_access(self, det, ledger, out):  # a detachment of an unknown attachment passes silently
        return ledger.access(det.data["attachment/id"])


@mutant("cir-resume-unchecked", ["cir.mode.node-changed", "cir.mode.client-changed"])
class ResumeUnchecked(ClientInstanceVerifier):
    def check_mode(self, rec, det, out):  # resume-after-suspension is treated as free
        if rec.data["recovery/mode"] != "resume-after-suspension":
            super().check_mode(rec, det, out)


@mutant("cir-same-host-migration-allowed", ["cir.mode.same-host-migration"])
class SameHostMigrationAllowed(ClientInstanceVerifier):
    def check_mode(self, rec, det, out):
        if rec.data["recovery/mode"] != "migrate-to-new-host":
            super().check_mode(rec, det, out)


@mutant("cir-same-device-replacement-allowed", ["cir.mode.same-device-replacement"])
class SameDeviceReplacementAllowed(ClientInstanceVerifier):
    def check_mode(self, rec, det, out):
        if rec.data["recovery/mode"] != "replace-device":
            super().check_mode(rec, det, out)


@mutant("cir-first-lifecycle-finding-only", ["cir.context.replay"], "strict")
class FirstLifecycleFindingOnly(ClientInstanceVerifier):
    def check_context(self, art, ledger, out):  # stops at the first lifecycle violation it meets
        found: list = []
        unevaluated = super().check_context(art, ledger, found)
        errors = [f for f in found if f.severity == ERROR]
        out.extend(f for f in found if f.severity != ERROR or f is (errors[0] if errors else None))
        return unevaluated


# name -> verifier class, every client-instance mutant (tests/test_cir_reference.py runs them all)
CIR_MUTANTS: dict[str, type] = {n: m.verifier for n, m in of_slot(CIR_SLOT).items()}
