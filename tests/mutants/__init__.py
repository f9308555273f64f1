"""Seeded-bug variants ("mutants") of the reference implementation.

Here: node-address-attestation (each overrides exactly one concern of AttestationVerifier);
tests/mutants/cir.py and storage.py hold the other families'. All register in the one
registry of registry.py. Each mutant is a bug an implementer plausibly writes, and names
the adversarial strategies (mutation names, or ``trust.collision``) expected to catch it. tests/test_mutants.py proves that the suite
catches every mutant, and that every adversarial strategy catches at least one mutant.
Use one from the command line as ``--adapter python:tests.mutants:<NAME>``.
"""

from __future__ import annotations

import base64
import json
import math

from conformance.reference.naa import endpoint
from conformance.reference.naa.attestation import AttestationVerifier
from conformance.reference.naa.trustconfig import TrustConfig
from conformance.reference.shared import keys, rfc3339
from conformance.reference.shared.intake import _has_lone_surrogate
from conformance.reference.shared.signatures import L, verify


from .registry import MUTANTS, OUTSIDE_PROTOCOL, Mutant, mutant  # noqa: F401  (Mutant: for users)


# ---- JSON intake ----

@mutant("ignores-duplicate-keys", ["intake.duplicate-key"])
class IgnoresDuplicateKeys(AttestationVerifier):
    def parse(self, raw):
        return _lenient_parse(raw, check_duplicates=False)


@mutant("lenient-utf8", ["intake.invalid-utf8", "intake.byte-order-mark"])
class LenientUtf8(AttestationVerifier):
    def parse(self, raw):
        return super().parse(raw.decode("utf-8", errors="replace").lstrip("\ufeff").encode("utf-8"))


@mutant("accepts-trailing-data", ["intake.trailing-data"])
class AcceptsTrailingData(AttestationVerifier):
    def parse(self, raw):
        value, _ = json.JSONDecoder(object_pairs_hook=_no_duplicates).raw_decode(raw.decode("utf-8"))
        return value


@mutant("accepts-lone-surrogates", ["intake.lone-surrogate"])
class AcceptsLoneSurrogates(AttestationVerifier):
    def parse(self, raw):
        return _lenient_parse(raw, check_duplicates=True)

    def canonical(self, value):
        return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8", "surrogatepass") \
            if _has_lone_surrogate(value) else super().canonical(value)


@mutant("accepts-non-finite-numbers", ["intake.number-domain"])
class AcceptsNonFiniteNumbers(AttestationVerifier):
    def parse(self, raw):
        value = json.loads(raw.decode("utf-8"), object_pairs_hook=_no_duplicates)
        return _replace_non_finite(value)


def _no_duplicates(pairs):
    keys_seen = [k for k, _ in pairs]
    if len(keys_seen) != len(set(keys_seen)):
        from conformance.reference.shared.intake import _fail
        raise _fail("json-duplicate-key", "duplicate")
    return dict(pairs)


def _lenient_parse(raw, check_duplicates):
    from conformance.reference.shared.intake import IntakeError, _fail

    try:
        return json.loads(raw.decode("utf-8"), object_pairs_hook=_no_duplicates if check_duplicates else None)
    except IntakeError:
        raise
    except ValueError as exc:
        raise _fail("json-syntax", str(exc)) from None


def _replace_non_finite(value):
    if isinstance(value, float) and not math.isfinite(value):
        return 0
    if isinstance(value, dict):
        return {k: _replace_non_finite(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_replace_non_finite(v) for v in value]
    return value


# ---- schema ----

def _schema_without(predicate):
    """A verifier whose schema stage drops the findings ``predicate`` matches."""
    class Variant(AttestationVerifier):
        def schema_findings(self, data):
            return [f for f in super().schema_findings(data) if not predicate(f)]
    return Variant


for _name, _code, _catch in [
    ("no-date-time-assertion", "timestamp-invalid", "schema.invalid-timestamp"),
    ("accepts-unknown-evidence-kind", "evidence-kind-unknown", "schema.unknown-evidence-kind"),
    ("open-closed-objects", "schema-closed", "schema.closed-extra"),
    ("ignores-transcript-rules", "transcript-required", "schema.transcript-rules"),
    ("accepts-any-advertisement-form", "advertisement-form", "schema.advertisement-form"),
    ("ignores-discriminator", "schema-discriminator", "schema.discriminator"),
    ("ignores-shape", "schema-shape", "schema.shape"),
    ("ignores-required", "schema-required", "schema.missing-required"),
]:
    mutant(_name, [_catch])(_schema_without(lambda f, code=_code: f.code == code))


@mutant("rejects-open-extensions", ["schema.open-extra"])
class RejectsOpenExtensions(AttestationVerifier):
    def schema_findings(self, data):
        found = super().schema_findings(data)
        extra = set(data) - {"schema", "attestation/id", "target/node-id", "endpoint", "claim/digest", "node-advertisement",
                             "node-advertisement/ref", "advertisement/digest", "observed/at", "expires/at", "evidence",
                             "assembler/node-id", "signature", "policy_annotations"} if isinstance(data, dict) else set()
        if extra:
            from conformance.reference.shared.findings import ERROR, Finding
            found.append(Finding("schema-closed", ERROR, "", f"extra members {sorted(extra)}"))
        return found


# ---- digests and canonical JSON ----

@mutant("skips-claim-digest", ["digest.claim", "endpoint.not-normalized"])
class SkipsClaimDigest(AttestationVerifier):
    def check_digests(self, doc, out):
        super().check_digests(doc, out)
        out[:] = [f for f in out if f.code != "claim-digest-mismatch"]


@mutant("json-dumps-not-rfc8785", ["intake.equivalent-text", "trust.class"])
class JsonDumpsNotRfc8785(AttestationVerifier):
    def canonical(self, value):
        return json.dumps(value, sort_keys=True, separators=(",", ":")).encode("ascii")


@mutant("hashes-document-text", ["intake.equivalent-text"])
class HashesDocumentText(AttestationVerifier):
    """Checks the envelope signature over the received text's members in received order."""
    def signing_input(self, statement):
        body = {k: v for k, v in statement.items() if k != "signature"}
        return self.signing_prefix.encode() + json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()


@mutant("loose-digest-encoding", ["digest.claim"])
class LooseDigestEncoding(AttestationVerifier):
    def digest_well_formed(self, text):
        return text.startswith("sha256:")

    def check_digests(self, doc, out):
        import hashlib
        super().check_digests(doc, out)
        top = doc.data["claim/digest"]
        hexed = "sha256:" + hashlib.sha256(self.canonical({"target/node-id": doc.data["target/node-id"],
                                                           "endpoint": doc.normalized_endpoint})).hexdigest() \
            if doc.normalized_endpoint else None
        if top == hexed:  # accepts a hex digest as the same bytes
            out[:] = [f for f in out if f.code != "claim-digest-mismatch"]


@mutant("skips-evidence-claim-digest", ["digest.evidence-claim"])
class SkipsEvidenceClaimDigest(AttestationVerifier):
    def check_digests(self, doc, out):
        super().check_digests(doc, out)
        out[:] = [f for f in out if f.code != "evidence-claim-digest-mismatch"]


# ---- advertisement ----

def _dropping(code, catches):
    class Variant(AttestationVerifier):
        def check_advertisement(self, doc, out):
            super().check_advertisement(doc, out)
            out[:] = [f for f in out if f.code != code]
    return mutant(code.replace("advertisement-", "skips-advertisement-").replace("endpoint-not-advertised", "skips-endpoint-advertised")
                  .replace("skips-advertisement-malformed", "skips-advertisement-schema"), catches)(Variant)


_dropping("advertisement-digest-mismatch", ["advertisement.digest"])
_dropping("advertisement-ref-mismatch", ["advertisement.ref"])
_dropping("advertisement-node-mismatch", ["advertisement.other-node"])
_dropping("endpoint-not-advertised", ["advertisement.endpoint-missing"])
_dropping("advertisement-malformed", ["advertisement.malformed"])


@mutant("compares-raw-urls", ["advertisement.equivalent-url"])
class ComparesRawUrls(AttestationVerifier):
    def check_advertisement(self, doc, out):
        super().check_advertisement(doc, out)
        advert = doc.data.get("node-advertisement")
        if advert and doc.normalized_endpoint:
            ep = doc.data["endpoint"]
            host = f"[{ep['host']}]" if ":" in ep["host"] else ep["host"]
            port = "" if ep["port"] == 443 else f":{ep['port']}"
            from urllib.parse import quote
            url = f"wss://{host}{port}{quote(ep['path'], safe='/%:@!$&()*+,;=-._~' + chr(39))}"
            if url not in [e.get("endpoint/url") for e in advert.get("endpoints", [])]:
                from conformance.reference.shared.findings import ERROR, Finding
                out.append(Finding("endpoint-not-advertised", ERROR, "/endpoint", "raw URL not listed"))


@mutant("advertisement-digest-warning-is-error", ["advertisement.evidence-digest-differs"])
class AdvertisementDigestWarningIsError(AttestationVerifier):
    def check_digests(self, doc, out):
        super().check_digests(doc, out)
        from conformance.reference.shared.findings import ERROR
        out[:] = [f.__class__(f.code, ERROR, f.pointer, f.message) if f.code == "evidence-advertisement-digest-differs" else f
                  for f in out]


# ---- endpoint ----

@mutant("no-endpoint-normalization", ["endpoint.not-normalized"])
class NoEndpointNormalization(AttestationVerifier):
    def normalize_endpoint(self, ep):
        return dict(ep)


@mutant("lenient-host", ["endpoint.host-invalid"])
class LenientHost(AttestationVerifier):
    def normalize_endpoint(self, ep):
        try:
            return super().normalize_endpoint(ep)
        except endpoint.EndpointError:
            return dict(ep, host=ep["host"].lower())


# ---- keys and signatures ----

@mutant("lenient-base64", ["signature.encoding"])
class LenientBase64(AttestationVerifier):
    def decode_signature(self, value):
        cleaned = value.replace("\n", "").rstrip("=").replace("+", "-").replace("/", "_")
        try:
            raw = base64.urlsafe_b64decode(cleaned + "=" * (-len(cleaned) % 4))
        except ValueError:
            raise keys.KeyError_("undecodable") from None
        if len(raw) != 64:
            raise keys.KeyError_("length")
        return raw


@mutant("no-s-range-check", ["signature.malleated-s"])
class NoSRangeCheck(AttestationVerifier):
    def signature_ok(self, public_key, message, sig):
        s = int.from_bytes(sig[32:], "little")
        if s >= L:  # reduce, as a verifier without the S < L check effectively does
            sig = sig[:32] + (s % L).to_bytes(32, "little")
        return verify(public_key, message, sig)


@mutant("ignores-evidence-signatures", ["signature.wrong-key", "signature.tampered", "signature.signing-input"])
class IgnoresEvidenceSignatures(AttestationVerifier):
    def check_evidence_signatures(self, doc, trust, out):
        super().check_evidence_signatures(doc, trust, out)
        out[:] = [f for f in out if f.code != "evidence-signature-invalid"]
        for i, entry in enumerate(doc.data["evidence"]):
            if self.signer_counts(doc.data, entry, trust) and (i, entry) not in doc.trusted_entries:
                doc.trusted_entries.append((i, entry))


@mutant("ignores-envelope-signature", ["signature.envelope-tampered", "signature.envelope-signer-missing"])
class IgnoresEnvelopeSignature(AttestationVerifier):
    def check_envelope_signature(self, doc, out):
        return None


@mutant("signature-covers-itself", ["signature.signing-input"])
class SignatureCoversItself(AttestationVerifier):
    """Also accepts a signature over the statement with its own signature member ({alg})."""
    def signature_ok(self, public_key, message, sig):
        return super().signature_ok(public_key, message, sig) or getattr(self, "_alt", None) is not None and \
            verify(public_key, self._alt, sig)

    def signing_input(self, statement):
        body = {k: v for k, v in statement.items() if k != "signature"}
        self._alt = self.signing_prefix.encode() + self.canonical(dict(body, signature={"alg": "ed25519"}))
        return super().signing_input(statement)


@mutant("signs-subset", ["trust.class"])
class SignsSubset(AttestationVerifier):
    """Signs and verifies evidence over kind, signer, times and claim digest only."""
    def signing_input(self, statement):
        if "kind" in statement:
            statement = {k: statement[k] for k in ("kind", "signer/id", "signed/at", "expires/at", "claim/digest")}
        return super().signing_input(statement)


@mutant("lenient-did-key", ["key.invalid-did-key"])
class LenientDidKey(AttestationVerifier):
    def public_key(self, identity):
        import base58
        raw = base58.b58decode(identity.rsplit(":", 1)[-1][1:])
        return (raw[-32:]).rjust(32, b"\0")


# ---- time ----

@mutant("lexicographic-timestamps", ["time.window-inverted", "time.equivalent-styles"])
class LexicographicTimestamps(AttestationVerifier):
    def window_inverted(self, signed_at, expires_at):
        return signed_at > expires_at

    def certificate_skewed(self, verified_at, signed_at, expires_at):
        return False if verified_at[:19] >= signed_at[:19] and verified_at[:19] <= expires_at[:19] else \
            super().certificate_skewed(verified_at, signed_at, expires_at)


@mutant("skew-window-exclusive", ["time.certificate-skew-boundary"])
class SkewWindowExclusive(AttestationVerifier):
    def certificate_skewed(self, verified_at, signed_at, expires_at):
        t, lo, hi = (rfc3339.instant(x) for x in (verified_at, signed_at, expires_at))
        return t <= lo - 16 or t >= hi + 16


@mutant("skew-17-seconds", ["time.certificate-skew"])
class Skew17Seconds(AttestationVerifier):
    clock_skew = 17


@mutant("truncates-to-seconds", ["time.certificate-skew", "time.window-inverted", "time.envelope-expired"])
class TruncatesToSeconds(AttestationVerifier):
    def window_inverted(self, signed_at, expires_at):
        return int(rfc3339.instant(signed_at)) > int(rfc3339.instant(expires_at))

    def certificate_skewed(self, verified_at, signed_at, expires_at):
        t, lo, hi = (int(rfc3339.instant(x)) for x in (verified_at, signed_at, expires_at))
        return t < lo - 16 or t > hi + 16

    def expired(self, expires_at, now):
        return int(rfc3339.instant(now)) > int(rfc3339.instant(expires_at))


@mutant("allows-inverted-window", ["time.window-inverted"])
class AllowsInvertedWindow(AttestationVerifier):
    def window_inverted(self, signed_at, expires_at):
        return False


@mutant("rejects-equal-window", ["time.window-equal"])
class RejectsEqualWindow(AttestationVerifier):
    def window_inverted(self, signed_at, expires_at):
        return rfc3339.instant(signed_at) >= rfc3339.instant(expires_at)


@mutant("ignores-envelope-expiry", ["time.envelope-expired"])
class IgnoresEnvelopeExpiry(AttestationVerifier):
    def classify(self, doc, now, trust, result):
        far_future = "9999-12-31T23:59:59Z"
        saved = doc.data["expires/at"]
        doc.data["expires/at"] = far_future
        try:
            super().classify(doc, now, trust, result)
        finally:
            doc.data["expires/at"] = saved
        result.findings = [f for f in result.findings if f.code not in ("envelope-expired", "envelope-outlives-evidence")]


@mutant("expired-at-boundary", ["time.envelope-expired", "time.evidence-expired"])
class ExpiredAtBoundary(AttestationVerifier):
    def expired(self, expires_at, now):
        return rfc3339.instant(now) >= rfc3339.instant(expires_at)


@mutant("counts-expired-evidence", ["time.evidence-expired"])
class CountsExpiredEvidence(AttestationVerifier):
    def classify(self, doc, now, trust, result):
        super().classify(doc, now, trust, result)
        if result.trust_class == "expired" and not self.expired(doc.data["expires/at"], now):
            result.trust_class = self.trust_class(doc.trusted_entries)
        elif result.trust_class != "expired":
            result.trust_class = self.trust_class(doc.trusted_entries)


@mutant("outlives-is-error", ["time.envelope-outlives-evidence"])
class OutlivesIsError(AttestationVerifier):
    def check_envelope_lifetime(self, doc, result):
        super().check_envelope_lifetime(doc, result)
        if any(f.code == "envelope-outlives-evidence" for f in result.findings):
            result.verdict = "invalid"


# ---- trust ----

@mutant("trusts-any-signer", ["trust.untrusted-upgrade"])
class TrustsAnySigner(AttestationVerifier):
    def signer_counts(self, data, entry, trust):
        return entry["kind"] != "self-advertisement" or entry["signer/id"] == data["target/node-id"]


@mutant("assembler-is-authority", ["trust.untrusted-upgrade"])
class AssemblerIsAuthority(AttestationVerifier):
    def classify(self, doc, now, trust, result):
        super().classify(doc, now, trust, result)
        assembler = doc.data.get("assembler/node-id")
        if assembler in trust.peers and result.trust_class in ("self-only",):
            result.trust_class = "trusted-peer-confirmed"


@mutant("self-evidence-from-anyone", ["signature.self-signer-not-target"], level="strict")
class SelfEvidenceFromAnyone(AttestationVerifier):
    def check_evidence_signatures(self, doc, trust, out):
        super().check_evidence_signatures(doc, trust, out)
        out[:] = [f for f in out if f.code != "self-signer-not-target"]


@mutant("never-collides", ["trust.collision"])
class NeverCollides(AttestationVerifier):
    def collision_key(self, normalized):
        return (id(normalized),)


@mutant("expired-collides", ["trust.collision"])
class ExpiredCollides(AttestationVerifier):
    def classify_set(self, raws, now, trust):
        results = super().classify_set(raws, now, trust)
        docs = []
        for raw in raws:
            doc, _ = self.validate(raw, TrustConfig())
            docs.append(doc)
        claimants: dict = {}
        for doc in docs:
            if doc is not None:
                claimants.setdefault(self.collision_key(doc.normalized_endpoint), set()).add(doc.data["target/node-id"])
        for doc, result in zip(docs, results):
            if doc is not None and len(claimants[self.collision_key(doc.normalized_endpoint)]) > 1:
                result.trust_class = "collision"
        return results


@mutant("keeps-trailing-dot", ["endpoint.not-normalized", "trust.collision"])
class KeepsTrailingDot(AttestationVerifier):
    def normalize_endpoint(self, ep):
        normal = super().normalize_endpoint(ep)
        return dict(normal, host=normal["host"] + ".") if ep["host"].endswith(".") else normal


@mutant("hex-ipv4-mapped", ["endpoint.not-normalized"])
class HexIpv4Mapped(AttestationVerifier):
    """Writes IPv4-mapped IPv6 addresses as Python 3.11's ipaddress does (::ffff:c000:207)."""
    def normalize_endpoint(self, ep):
        import ipaddress
        normal = super().normalize_endpoint(ep)
        try:
            return dict(normal, host=ipaddress.IPv6Address(normal["host"]).compressed)
        except ValueError:
            return normal


@mutant("untrusted-evidence-keeps-alive", ["time.evidence-expired"])
class UntrustedEvidenceKeepsAlive(AttestationVerifier):
    def classify(self, doc, now, trust, result):
        super().classify(doc, now, trust, result)
        live = [e for e in doc.data["evidence"] if not self.expired(e["expires/at"], now)]
        if result.trust_class == "expired" and live and not self.expired(doc.data["expires/at"], now):
            counted = [(i, e) for i, e in doc.trusted_entries if not self.expired(e["expires/at"], now)]
            result.trust_class = self.trust_class(counted)


@mutant("recursive-parser-crashes", ["intake.deep-nesting"])
class RecursiveParserCrashes(AttestationVerifier):
    """A recursive-descent parser without a depth limit: deep input exhausts the stack."""
    def parse(self, raw):
        from conformance.reference.shared.intake import nesting_depth

        if nesting_depth(raw.decode("utf-8", errors="replace")) > 1000:
            raise RecursionError("maximum recursion depth exceeded")
        return super().parse(raw)


@mutant("compares-malformed-digests", ["digest.malformed"], level="strict")
class ComparesMalformedDigests(AttestationVerifier):
    def digest_well_formed(self, text):
        return True

    def check_digests(self, doc, out):
        super().check_digests(doc, out)
        from conformance.reference.shared.canonical import is_strict_sha256_digest
        from conformance.reference.shared.findings import ERROR, Finding
        for where, text in [("/claim~1digest", doc.data["claim/digest"]),
                            ("/advertisement~1digest", doc.data["advertisement/digest"])]:
            if not is_strict_sha256_digest(text):
                out.append(Finding("digest-malformed", ERROR, where, "malformed"))


@mutant("idna-without-uts46", ["endpoint.uts46-mapping"])
class IdnaWithoutUts46(AttestationVerifier):
    def normalize_endpoint(self, ep):
        import idna
        host = ep["host"]
        if not host.isascii():
            try:
                host = idna.encode(host).decode("ascii")
            except (idna.IDNAError, UnicodeError) as exc:
                raise endpoint.EndpointError(str(exc)) from None
        return super().normalize_endpoint(dict(ep, host=host))


# ---- the other families register themselves on import ----

from . import cir, locations, storage  # noqa: E402,F401

# `--adapter python:tests.mutants:<name_with_underscores>` for every certified mutant
for _m in MUTANTS.values():
    globals()[_m.name.replace("-", "_")] = _m.implementation()
from .cir import CIR_MUTANTS  # noqa: E402,F401
