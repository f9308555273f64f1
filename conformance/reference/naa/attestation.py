"""node-address-attestation.v1 verification and trust classification (the reference).

Stages: intake -> schema -> semantic. A failing intake or schema stage ends evaluation
(later checks presume the shape); the semantic stage reports every finding. Errors make
the document ``invalid``; a valid document is then classified at ``now`` under the local
trust configuration. Each step is a method so that a seeded-bug variant (tests/mutants)
overrides exactly one concern.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from conformance.catalog import severity

from . import advertisement as adv
from . import endpoint, trust as trust_rules
from ..shared import canonical, intake, keys, schema, signatures, timerules
from ..shared.findings import ERROR, WARNING, Finding, pointer
from .trustconfig import TrustConfig

SCHEMA_NAME = "node-address-attestation.v1.json"


@dataclass
class Result:
    verdict: str  # valid | invalid
    trust_class: str | None = None
    findings: list = field(default_factory=list)

    @property
    def codes(self) -> list[str]:
        return sorted({f.code for f in self.findings})


@dataclass
class _Doc:
    """A document that passed intake and schema, with what later stages derive from it."""

    data: dict
    normalized_endpoint: dict | None = None
    trusted_entries: list = field(default_factory=list)  # (index, entry) whose signer counts


class AttestationVerifier:
    clock_skew = timerules.CLOCK_SKEW

    def __init__(self, signing_prefix: str = "", choices: dict | None = None):
        self.signing_prefix = signing_prefix
        # declared interpretation choices (conformance.interpretations), e.g. {"I8": "skew-exclusive"}
        time_choice = (choices or {}).get("I8", "suite")
        self.skew_exclusive = "skew-exclusive" in time_choice.split("+")
        self.expired_at_instant = "expired-at-instant" in time_choice.split("+")
        # I1 last-duplicate-wins: a repeated member name keeps its last value (plain JSON parsers)
        self.last_duplicate_wins = (choices or {}).get("I1") == "last-duplicate-wins"
        # I10 drop-bad-entry: an entry whose signature fails is ignored (a warning), the packet stays valid
        self.drop_bad_entry = (choices or {}).get("I10") == "drop-bad-entry"

    # ---- single concerns (mutants override these) ----
    def parse(self, raw: bytes):
        return intake.parse(raw, last_wins=self.last_duplicate_wins)

    def schema_findings(self, data) -> list[Finding]:
        return schema.findings(data, SCHEMA_NAME)

    def canonical(self, value) -> bytes:
        return canonical.canonical_bytes(value)

    def digest(self, value) -> str:
        return canonical.sha256_digest(self.canonical(value))

    def normalize_endpoint(self, ep: dict) -> dict:
        return endpoint.normalize(ep)

    def digest_well_formed(self, text: str) -> bool:
        return canonical.is_strict_sha256_digest(text)

    def decode_signature(self, value: str) -> bytes:
        return keys.decode_signature_value(value)

    def public_key(self, identity: str) -> bytes:
        return keys.did_key_public_key(identity)

    def signing_input(self, statement: dict) -> bytes:
        body = {k: v for k, v in statement.items() if k != "signature"}
        return self.signing_prefix.encode("utf-8") + self.canonical(body)

    def signature_ok(self, public_key: bytes, message: bytes, sig: bytes) -> bool:
        return signatures.verify(public_key, message, sig)

    def window_inverted(self, signed_at: str, expires_at: str) -> bool:
        return timerules.window_inverted(signed_at, expires_at)

    def certificate_skewed(self, verified_at: str, signed_at: str, expires_at: str) -> bool:
        return timerules.certificate_skewed(verified_at, signed_at, expires_at, self.clock_skew, self.skew_exclusive)

    def expired(self, expires_at: str, now: str) -> bool:
        return timerules.expired(expires_at, now, self.expired_at_instant)

    def signer_counts(self, data: dict, entry: dict, trust: TrustConfig) -> bool:
        """Whether a (verified) entry's signer is trusted for its kind."""
        return trust_rules.signer_counts(data["target/node-id"], entry, trust)

    # ---- stages ----
    def verify(self, raw: bytes, now: str, trust: TrustConfig) -> Result:
        doc, result = self.validate(raw, trust)
        if doc is not None:
            self.classify(doc, now, trust, result)
        return result

    def validate(self, raw: bytes, trust: TrustConfig, level: str = "full"):
        """Intake, schema and (at level ``full``) semantic checks; returns (doc or None, result)."""
        try:
            data = self.parse(raw)
        except intake.IntakeError as exc:
            return None, Result("invalid", findings=[exc.finding])
        found = self.schema_findings(data)
        if found:
            return None, Result("invalid", findings=found)
        doc = _Doc(data)
        if level == "schema":
            return None, Result("valid")
        found = self.semantic_findings(doc, trust)
        if any(f.severity == ERROR for f in found):
            return None, Result("invalid", findings=found)
        return doc, Result("valid", findings=found)

    def semantic_findings(self, doc: _Doc, trust: TrustConfig) -> list[Finding]:
        out: list[Finding] = []
        self.check_endpoint(doc, out)
        self.check_digests(doc, out)
        self.check_advertisement(doc, out)
        self.check_times(doc, out)
        self.check_evidence_signatures(doc, trust, out)
        self.check_envelope_signature(doc, out)
        return out

    def check_endpoint(self, doc: _Doc, out: list) -> None:
        ep = doc.data["endpoint"]
        try:
            doc.normalized_endpoint = self.normalize_endpoint(ep)
        except endpoint.EndpointError as exc:
            out.append(_finding("endpoint-host-invalid", pointer("endpoint", "host"), str(exc)))
            return
        if doc.normalized_endpoint != ep:
            out.append(_finding("endpoint-not-normalized", pointer("endpoint"),
                                f"normal form is {doc.normalized_endpoint}"))

    def check_digests(self, doc: _Doc, out: list) -> None:
        data = doc.data
        top = data["claim/digest"]
        top_ok = self._well_formed(top, pointer("claim/digest"), out)
        if top_ok and doc.normalized_endpoint is not None:
            expected = self.digest(canonical.claim_of(data["target/node-id"], doc.normalized_endpoint))
            if top != expected:
                out.append(_finding("claim-digest-mismatch", pointer("claim/digest"),
                                    f"expected {expected} (RFC 8785 claim of target/node-id and normalized endpoint)"))
        adv_ok = self._well_formed(data["advertisement/digest"], pointer("advertisement/digest"), out)
        for i, entry in enumerate(data["evidence"]):
            where = pointer("evidence", i, "claim/digest")
            if self._well_formed(entry["claim/digest"], where, out) and top_ok and entry["claim/digest"] != top:
                out.append(_finding("evidence-claim-digest-mismatch", where, f"expected the top-level {top}"))
            if "advertisement/digest" in entry:
                where = pointer("evidence", i, "advertisement/digest")
                if self._well_formed(entry["advertisement/digest"], where, out) and adv_ok and \
                        entry["advertisement/digest"] != data["advertisement/digest"]:
                    out.append(_finding("evidence-advertisement-digest-differs", where,
                                        f"top-level advertisement/digest is {data['advertisement/digest']}"))

    def _well_formed(self, text: str, where: str, out: list) -> bool:
        if self.digest_well_formed(text):
            return True
        out.append(_finding("digest-malformed", where, "expected sha256: + 43 canonical unpadded base64url characters"))
        return False

    def check_advertisement(self, doc: _Doc, out: list) -> None:
        data = doc.data
        declared = data["advertisement/digest"]
        if "node-advertisement/ref" in data:
            ref_digest = adv.digest_in_ref(data["node-advertisement/ref"])
            if self.digest_well_formed(declared) and ref_digest != declared:
                out.append(_finding("advertisement-ref-mismatch", pointer("advertisement/digest"),
                                    f"node-advertisement/ref names {ref_digest}"))
            return
        advert = data["node-advertisement"]
        if self.digest_well_formed(declared):
            expected = self.digest(advert)
            if declared != expected:
                out.append(_finding("advertisement-digest-mismatch", pointer("advertisement/digest"),
                                    f"expected {expected} (RFC 8785 bytes of node-advertisement)"))
        malformed = schema.findings(advert, adv.SCHEMA_NAME, base=pointer("node-advertisement"))
        if malformed:
            out.extend(_finding("advertisement-malformed", f.pointer, f.message) for f in malformed)
            return
        if advert["node/id"] != data["target/node-id"]:
            out.append(_finding("advertisement-node-mismatch", pointer("node-advertisement", "node/id"),
                                f"expected target/node-id {data['target/node-id']}"))
        if doc.normalized_endpoint is not None and doc.normalized_endpoint not in adv.advertised_endpoints(advert):
            out.append(_finding("endpoint-not-advertised", pointer("endpoint"),
                                "no endpoint/url of the advertisement normalizes to the claimed endpoint"))

    def check_times(self, doc: _Doc, out: list) -> None:
        for i, entry in enumerate(doc.data["evidence"]):
            if self.window_inverted(entry["signed/at"], entry["expires/at"]):
                out.append(_finding("evidence-window-inverted", pointer("evidence", i, "signed/at"),
                                    f"signed/at {entry['signed/at']} is after expires/at {entry['expires/at']}"))
            cert = entry.get("endpoint/certificate")
            if cert is not None and self.certificate_skewed(cert["verified/at"], entry["signed/at"], entry["expires/at"]):
                out.append(_finding("certificate-time-skew", pointer("evidence", i, "endpoint/certificate", "verified/at"),
                                    "expected within [signed/at - 16 s, expires/at + 16 s]"))

    def check_evidence_signatures(self, doc: _Doc, trust: TrustConfig, out: list) -> None:
        data = doc.data
        for i, entry in enumerate(data["evidence"]):
            signer = entry["signer/id"]
            if signer.startswith("seed-directory:"):
                key = trust.directories.get(signer)
                if key is None:
                    out.append(_finding("signer-untrusted", pointer("evidence", i, "signer/id"),
                                        "Seed Directory signer not in the trust configuration; its evidence counts for nothing"))
                    continue
            else:
                key = self._key(signer, pointer("evidence", i, "signer/id"), out)
                if key is None:
                    continue
            if not self._signature_verifies(key, entry, pointer("evidence", i, "signature"), "evidence-signature-invalid", out):
                if self.drop_bad_entry and out and out[-1].code == "evidence-signature-invalid":
                    out[-1] = Finding(out[-1].code, WARNING, out[-1].pointer, out[-1].message + "; the entry is ignored (I10)")
            else:
                if entry["kind"] == "self-advertisement" and signer != data["target/node-id"]:
                    out.append(_finding("self-signer-not-target", pointer("evidence", i, "signer/id"),
                                        "self-advertisement evidence should be signed by target/node-id; it counts for nothing"))
                elif self.signer_counts(data, entry, trust):
                    doc.trusted_entries.append((i, entry))
                else:
                    out.append(_finding("signer-untrusted", pointer("evidence", i, "signer/id"),
                                        f"signer is not trusted for {entry['kind']} evidence; it counts for nothing"))

    def check_envelope_signature(self, doc: _Doc, out: list) -> None:
        data = doc.data
        if "signature" not in data:
            return
        assembler = data.get("assembler/node-id")
        if assembler is None:
            out.append(_finding("envelope-signer-missing", pointer("signature"),
                                "an envelope signature needs assembler/node-id"))
            return
        key = self._key(assembler, pointer("assembler/node-id"), out)
        if key is not None:
            self._signature_verifies(key, data, pointer("signature"), "envelope-signature-invalid", out)

    def _key(self, identity: str, where: str, out: list):
        try:
            return self.public_key(identity)
        except keys.KeyError_ as exc:
            out.append(_finding("signer-key-invalid", where, str(exc)))
            return None

    def _signature_verifies(self, key: bytes, statement: dict, where: str, code: str, out: list) -> bool:
        try:
            sig = self.decode_signature(statement["signature"]["value"])
        except keys.KeyError_ as exc:
            out.append(_finding("signature-encoding", where + "/value", str(exc)))
            return False
        if not self.signature_ok(key, self.signing_input(statement), sig):
            out.append(_finding(code, where, "Ed25519 verification failed over RFC 8785 bytes without signature"))
            return False
        return True

    # ---- classification ----
    def classify(self, doc: _Doc, now: str, trust: TrustConfig, result: Result) -> None:
        data = doc.data
        envelope_expired = self.expired(data["expires/at"], now)
        if envelope_expired:
            result.findings.append(_finding("envelope-expired", pointer("expires/at"), f"expired at now={now}"))
        live = []
        for i, entry in enumerate(data["evidence"]):
            if self.expired(entry["expires/at"], now):
                result.findings.append(_finding("evidence-expired", pointer("evidence", i, "expires/at"),
                                                f"ignored: expired at now={now}"))
            else:
                live.append(i)
        counted = [(i, e) for i, e in doc.trusted_entries if i in live]
        self.check_envelope_lifetime(doc, result)
        # Expired: the envelope is, or nothing that would count is still live (when nothing
        # would count at all, judged over every entry).
        pool = [i for i, _ in doc.trusted_entries] or range(len(data["evidence"]))
        if envelope_expired or not any(i in live for i in pool):
            result.trust_class = "expired"
        else:
            result.trust_class = self.trust_class(counted)

    def trust_class(self, counted: list) -> str:
        return trust_rules.class_of([e for _, e in counted])

    def check_envelope_lifetime(self, doc: _Doc, result: Result) -> None:
        if not doc.trusted_entries:
            return
        earliest = min((e["expires/at"] for _, e in doc.trusted_entries), key=timerules.instant)
        if timerules.instant(doc.data["expires/at"]) > timerules.instant(earliest):
            result.findings.append(_finding("envelope-outlives-evidence", pointer("expires/at"),
                                            f"earliest expiry among counted evidence is {earliest}"))

    def classify_set(self, raws: list[bytes], now: str, trust: TrustConfig) -> list[Result]:
        """Verify each document, then mark distinct node ids claiming one normalized endpoint."""
        outcomes = []
        for raw in raws:
            doc, result = self.validate(raw, trust)
            if doc is not None:
                self.classify(doc, now, trust, result)
            outcomes.append((doc, result))
        claims = [(self.collision_key(doc.normalized_endpoint), doc.data["target/node-id"])
                  if doc is not None and result.trust_class != "expired" else None for doc, result in outcomes]
        for (doc, result), collides in zip(outcomes, trust_rules.colliding(claims)):
            if collides:
                result.trust_class = "collision"
                result.findings.append(_finding("endpoint-collision", pointer("endpoint"),
                                                "another node id claims the same normalized endpoint"))
        return [result for _, result in outcomes]

    def collision_key(self, normalized: dict) -> tuple:
        return (normalized["scheme"], normalized["host"], normalized["port"], normalized["path"])


def _finding(code: str, where: str, message: str) -> Finding:
    return Finding(code, severity(code), where, message)
