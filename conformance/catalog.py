"""The requirement catalog: every normative statement the suite checks, with a stable ID.

CONFORMANCE.md renders this catalog (a test keeps the two equal). Requirement IDs and
outcome codes are permanent: they may be added, never renamed or reused.
"""

from __future__ import annotations

from dataclasses import dataclass, field

NAA = "node-address-attestation"

SEED_NAA = "seeds/002_ca07650fe509061b.txt"
SCHEMA_NAA = "orbidocs/schemas/node-address-attestation.v1.schema.json"
SCHEMA_ADV = "orbidocs/schemas/node-advertisement.v1.schema.json"


@dataclass(frozen=True)
class Requirement:
    id: str
    family: str
    level: str  # MUST | SHOULD | derived
    source: str
    title: str
    codes: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class Code:
    code: str
    severity: str  # error | warning | info
    requirement: str
    meaning: str


REQUIREMENTS: tuple[Requirement, ...] = (
    # --- JSON intake (I-JSON, as RFC 8785 requires of its input) ---
    Requirement("NAA-JSON-001", NAA, "MUST", "RFC 8785 §3.1 / RFC 7493 §2.1",
                "The document is UTF-8 without a byte order mark; invalid UTF-8 is rejected.",
                ("json-encoding",)),
    Requirement("NAA-JSON-002", NAA, "MUST", "RFC 8259 §2 / RFC 7493 §2",
                "The document is exactly one JSON value; syntax errors and trailing data are rejected.",
                ("json-syntax",)),
    Requirement("NAA-JSON-003", NAA, "MUST", "RFC 7493 §2.3 / RFC 8785 §3.1",
                "Object member names are unique; a duplicate name is rejected, whatever its value.",
                ("json-duplicate-key",)),
    Requirement("NAA-JSON-004", NAA, "MUST", "RFC 7493 §2.1 / RFC 8785 §3.1",
                "Strings hold Unicode scalar values only; an escaped lone surrogate is rejected.",
                ("json-lone-surrogate",)),
    Requirement("NAA-JSON-005", NAA, "MUST", "RFC 7493 §2.2 / RFC 8785 §3.2.2.3",
                "Numbers are finite IEEE 754 doubles: NaN, Infinity, overflow and integers past 2^53 are rejected.",
                ("json-number",)),
    # --- schema (the published schema's constraints) ---
    Requirement("NAA-SCHEMA-001", NAA, "MUST", f"{SCHEMA_NAA} /properties/schema",
                "`schema` is exactly `node-address-attestation.v1`.",
                ("schema-discriminator",)),
    Requirement("NAA-SCHEMA-002", NAA, "MUST", f"{SCHEMA_NAA} required (top level, evidence, endpoint, certificate, signature)",
                "Every required member is present.",
                ("schema-required",)),
    Requirement("NAA-SCHEMA-003", NAA, "MUST", f"{SCHEMA_NAA} additionalProperties:false",
                "`endpoint`, evidence entries and `endpoint/certificate` are closed: extra members are rejected.",
                ("schema-closed",)),
    Requirement("NAA-SCHEMA-004", NAA, "MUST", f"{SCHEMA_NAA} types, patterns, lengths, enums",
                "Members have the published types, patterns, lengths and enumerations (ids, digests, endpoint, signature alg).",
                ("schema-shape",)),
    Requirement("NAA-SCHEMA-005", NAA, "MUST", f"{SCHEMA_NAA} format: date-time (RFC 3339 §5.6)",
                "Every timestamp is an RFC 3339 date-time (asserted, not just annotated).",
                ("timestamp-invalid",)),
    Requirement("NAA-SCHEMA-006", NAA, "MUST", f"{SEED_NAA} evidence; {SCHEMA_NAA} /$defs/evidenceEntry/properties/kind",
                "Unknown evidence kinds are not allowed in v1.",
                ("evidence-kind-unknown",)),
    Requirement("NAA-SCHEMA-007", NAA, "MUST", f"{SEED_NAA} Conditional Rules, Rule 1",
                "Exactly one of `node-advertisement` and `node-advertisement/ref` is present.",
                ("advertisement-form",)),
    Requirement("NAA-SCHEMA-008", NAA, "MUST", f"{SCHEMA_NAA} /$defs/evidenceEntry/allOf/0",
                "`peer-reachability` evidence carries `session/transcript-hash`.",
                ("transcript-required",)),
    Requirement("NAA-SCHEMA-009", NAA, "MUST", f"{SCHEMA_NAA} /$defs/evidenceEntry/allOf/1",
                "Evidence with `session/transcript-hash` also carries `endpoint/certificate`.",
                ("certificate-required",)),
    # --- digests ---
    Requirement("NAA-DIGEST-001", NAA, "MUST", f"{SEED_NAA} claim/digest",
                "`claim/digest` is `sha256:` + unpadded base64url of SHA-256 over the RFC 8785 bytes of "
                "{`target/node-id`, normalized `endpoint`}.",
                ("claim-digest-mismatch",)),
    Requirement("NAA-DIGEST-002", NAA, "MUST", f"{SEED_NAA} claim/digest (\"Every evidence entry MUST repeat this same digest\")",
                "Every evidence entry repeats the top-level `claim/digest`.",
                ("evidence-claim-digest-mismatch",)),
    Requirement("NAA-DIGEST-003", NAA, "derived", f"{SEED_NAA} $defs.sha256Digest",
                "A digest that must equal a computed SHA-256 is `sha256:` + exactly 43 canonical unpadded base64url characters.",
                ("digest-malformed",)),
    Requirement("NAA-ADV-001", NAA, "MUST", f"{SEED_NAA} advertisement/digest",
                "With an embedded advertisement, `advertisement/digest` is SHA-256 over its RFC 8785 bytes.",
                ("advertisement-digest-mismatch",)),
    Requirement("NAA-ADV-002", NAA, "MUST", f"{SEED_NAA} advertisement/digest, node-advertisement/ref",
                "With a reference, `advertisement/digest` equals the digest inside `node-advertisement/ref`.",
                ("advertisement-ref-mismatch",)),
    Requirement("NAA-ADV-003", NAA, "MUST", f"{SEED_NAA} target/node-id",
                "The embedded advertisement's `node/id` equals `target/node-id`.",
                ("advertisement-node-mismatch",)),
    Requirement("NAA-ADV-004", NAA, "derived", f"{SEED_NAA} endpoint; node-advertisement.v1 endpoints",
                "The claimed endpoint appears among the embedded advertisement's endpoints after normalization.",
                ("endpoint-not-advertised",)),
    Requirement("NAA-ADV-005", NAA, "derived", f"{SEED_NAA} node-advertisement; {SCHEMA_ADV}",
                "The embedded advertisement is a well-formed node-advertisement.v1 payload (its signature is governed "
                "by node-advertisement.v1 and not re-verified here).",
                ("advertisement-malformed",)),
    Requirement("NAA-ADV-006", NAA, "SHOULD", f"{SCHEMA_NAA} /$defs/evidenceEntry/properties/advertisement~1digest",
                "An evidence entry's `advertisement/digest`, when present, equals the top-level one.",
                ("evidence-advertisement-digest-differs",)),
    # --- endpoint normalization ---
    Requirement("NAA-ENDPOINT-001", NAA, "MUST", f"{SEED_NAA} endpoint (\"Receivers MUST normalize before digest comparison\")",
                "Receivers normalize the endpoint before digest comparison; a host that cannot be normalized is rejected.",
                ("endpoint-host-invalid",)),
    Requirement("NAA-ENDPOINT-002", NAA, "SHOULD", f"{SCHEMA_NAA} /$defs/normalizedEndpoint/properties/host",
                "The endpoint is carried in normal form (lowercase DNS name, IDNA A-labels, canonical IP literal, normalized path).",
                ("endpoint-not-normalized",)),
    # --- keys and signatures ---
    Requirement("NAA-KEY-001", NAA, "MUST", f"{SCHEMA_NAA} signer/id; did:key (W3C CCG) Ed25519",
                "A did:key signer decodes: multibase `z`, base58btc, multicodec 0xed01, 32-byte Ed25519 key.",
                ("signer-key-invalid",)),
    Requirement("NAA-SIG-001", NAA, "MUST", f"{SEED_NAA} $defs.evidenceEntry",
                "Each evidence signature verifies (Ed25519) over the RFC 8785 bytes of the entry with `signature` omitted.",
                ("evidence-signature-invalid",)),
    Requirement("NAA-SIG-002", NAA, "MUST", f"{SCHEMA_NAA} /$defs/ed25519Signature/properties/value",
                "A signature value is strict unpadded base64url (no `=`, no `+` or `/`, zero pad bits) of exactly 64 bytes.",
                ("signature-encoding",)),
    Requirement("NAA-SIG-003", NAA, "MUST", "RFC 8032 §5.1.7 (S < L)",
                "A signature with non-canonical S (S >= L, e.g. S+L) is rejected.",
                ("evidence-signature-invalid", "envelope-signature-invalid")),
    Requirement("NAA-SIG-004", NAA, "MUST", f"{SEED_NAA} signature",
                "An envelope signature, when present, is by `assembler/node-id` over the attestation with `signature` omitted.",
                ("envelope-signature-invalid", "envelope-signer-missing")),
    Requirement("NAA-SIG-005", NAA, "SHOULD", f"{SCHEMA_NAA} /$defs/evidenceEntry/properties/signer~1id",
                "`self-advertisement` evidence is signed by `target/node-id`.",
                ("self-signer-not-target",)),
    # --- time ---
    Requirement("NAA-TIME-001", NAA, "MUST", f"{SEED_NAA} $defs.evidenceEntry",
                "In each evidence entry, `signed/at` <= `expires/at` (instants compared exactly).",
                ("evidence-window-inverted",)),
    Requirement("NAA-TIME-002", NAA, "MUST", f"{SEED_NAA} $defs.evidenceEntry; {SCHEMA_NAA} verified/at",
                "`endpoint/certificate.verified/at` lies in [`signed/at` - 16 s, `expires/at` + 16 s], to the microsecond.",
                ("certificate-time-skew",)),
    Requirement("NAA-TIME-003", NAA, "derived", "RFC 3339 §5.6, §5.8",
                "Timestamps are compared as instants: offsets, fractional seconds of any length, lowercase `t`/`z`.",
                ("evidence-window-inverted", "certificate-time-skew", "envelope-expired", "evidence-expired")),
    Requirement("NAA-TIME-004", NAA, "MUST", f"{SEED_NAA} expires/at",
                "After the envelope's `expires/at` (at the request's `now`) the packet is treated as expired.",
                ("envelope-expired",)),
    Requirement("NAA-TIME-005", NAA, "MUST", f"{SCHEMA_NAA} /$defs/evidenceEntry/properties/expires~1at",
                "An evidence entry past its `expires/at` (at `now`) is ignored.",
                ("evidence-expired",)),
    Requirement("NAA-TIME-006", NAA, "SHOULD", f"{SEED_NAA} expires/at",
                "The envelope's `expires/at` does not exceed the earliest expiry among the evidence that counts.",
                ("envelope-outlives-evidence",)),
    # --- trust classification ---
    Requirement("NAA-TRUST-001", NAA, "derived", f"{SEED_NAA} evidence kinds (seed-directory, transcript)",
                "Live, trusted Seed Directory evidence with a transcript hash classifies the claim `directory-confirmed`.",
                ()),
    Requirement("NAA-TRUST-002", NAA, "derived", f"{SEED_NAA} evidence kinds (seed-directory)",
                "Live, trusted Seed Directory evidence without a transcript hash classifies it `directory-accepted`.",
                ()),
    Requirement("NAA-TRUST-003", NAA, "derived", f"{SEED_NAA} evidence kinds (peer-reachability)",
                "Live peer-reachability evidence from a trusted peer classifies it `trusted-peer-confirmed`.",
                ()),
    Requirement("NAA-TRUST-004", NAA, "derived", f"{SEED_NAA} evidence kinds (self-advertisement)",
                "With no live trusted third-party evidence the claim is `self-only`.",
                ()),
    Requirement("NAA-TRUST-005", NAA, "derived", f"{SEED_NAA} endpoint (one normalized endpoint claim)",
                "Distinct node ids claiming one normalized endpoint, over a set of live valid attestations, are all `collision`.",
                ("endpoint-collision",)),
    Requirement("NAA-TRUST-006", NAA, "MUST", f"{SEED_NAA} expires/at; evidence expires/at",
                "An expired envelope, or one whose countable evidence has all expired, is `expired`.",
                ()),
    Requirement("NAA-TRUST-007", NAA, "MUST", f"{SEED_NAA} Seed Directory is the trusted primary source; assembler/node-id",
                "Untrusted signers (unknown directories, untrusted peers, the assembler as such) count for nothing.",
                ("signer-untrusted",)),
)


CODES: tuple[Code, ...] = (
    Code("json-encoding", "error", "NAA-JSON-001", "not UTF-8, or starts with a byte order mark"),
    Code("json-syntax", "error", "NAA-JSON-002", "not exactly one JSON value (syntax error or trailing data)"),
    Code("json-duplicate-key", "error", "NAA-JSON-003", "an object repeats a member name"),
    Code("json-lone-surrogate", "error", "NAA-JSON-004", "a string holds a lone UTF-16 surrogate"),
    Code("json-number", "error", "NAA-JSON-005", "a number is NaN, infinite, or outside the IEEE 754 double domain"),
    Code("schema-discriminator", "error", "NAA-SCHEMA-001", "`schema` is not node-address-attestation.v1"),
    Code("schema-required", "error", "NAA-SCHEMA-002", "a required member is missing"),
    Code("schema-closed", "error", "NAA-SCHEMA-003", "a closed object has an extra member"),
    Code("schema-shape", "error", "NAA-SCHEMA-004", "a member has the wrong type, pattern, length or value"),
    Code("timestamp-invalid", "error", "NAA-SCHEMA-005", "a timestamp is not an RFC 3339 date-time"),
    Code("evidence-kind-unknown", "error", "NAA-SCHEMA-006", "an evidence kind outside v1's three"),
    Code("advertisement-form", "error", "NAA-SCHEMA-007", "neither or both of node-advertisement and node-advertisement/ref"),
    Code("transcript-required", "error", "NAA-SCHEMA-008", "peer-reachability evidence without session/transcript-hash"),
    Code("certificate-required", "error", "NAA-SCHEMA-009", "transcript hash without endpoint/certificate"),
    Code("claim-digest-mismatch", "error", "NAA-DIGEST-001", "claim/digest is not the digest of the normalized claim"),
    Code("evidence-claim-digest-mismatch", "error", "NAA-DIGEST-002", "an evidence entry's claim/digest differs from the top level"),
    Code("digest-malformed", "error", "NAA-DIGEST-003", "a digest is not sha256: + 43 canonical base64url characters"),
    Code("advertisement-digest-mismatch", "error", "NAA-ADV-001", "advertisement/digest is not the digest of the embedded advertisement"),
    Code("advertisement-ref-mismatch", "error", "NAA-ADV-002", "advertisement/digest differs from the digest in node-advertisement/ref"),
    Code("advertisement-node-mismatch", "error", "NAA-ADV-003", "the embedded advertisement is another node's"),
    Code("endpoint-not-advertised", "error", "NAA-ADV-004", "the claimed endpoint is not among the advertisement's endpoints"),
    Code("advertisement-malformed", "error", "NAA-ADV-005", "the embedded advertisement is not a node-advertisement.v1 payload"),
    Code("evidence-advertisement-digest-differs", "warning", "NAA-ADV-006", "an evidence entry names another advertisement digest"),
    Code("endpoint-host-invalid", "error", "NAA-ENDPOINT-001", "the endpoint host cannot be normalized"),
    Code("endpoint-not-normalized", "warning", "NAA-ENDPOINT-002", "the endpoint is not carried in normal form"),
    Code("signer-key-invalid", "error", "NAA-KEY-001", "a did:key does not decode to an Ed25519 public key"),
    Code("evidence-signature-invalid", "error", "NAA-SIG-001", "an evidence signature does not verify"),
    Code("signature-encoding", "error", "NAA-SIG-002", "a signature value is not strict unpadded base64url of 64 bytes"),
    Code("envelope-signature-invalid", "error", "NAA-SIG-004", "the envelope signature does not verify under assembler/node-id"),
    Code("envelope-signer-missing", "error", "NAA-SIG-004", "an envelope signature without assembler/node-id"),
    Code("self-signer-not-target", "warning", "NAA-SIG-005", "self-advertisement evidence signed by another identity"),
    Code("evidence-window-inverted", "error", "NAA-TIME-001", "signed/at is after expires/at"),
    Code("certificate-time-skew", "error", "NAA-TIME-002", "verified/at is outside the freshness window plus 16 s"),
    Code("envelope-expired", "info", "NAA-TIME-004", "the packet is past its expires/at"),
    Code("evidence-expired", "info", "NAA-TIME-005", "an evidence entry is past its expires/at and is ignored"),
    Code("envelope-outlives-evidence", "warning", "NAA-TIME-006", "the packet outlives the evidence that makes it useful"),
    Code("endpoint-collision", "info", "NAA-TRUST-005", "another node id claims the same normalized endpoint"),
    Code("signer-untrusted", "info", "NAA-TRUST-007", "an evidence signer is not trusted for its kind and counts for nothing"),
)

TRUST_CLASSES = (
    "directory-confirmed",
    "directory-accepted",
    "trusted-peer-confirmed",
    "self-only",
    "collision",
    "expired",
)

_BY_ID = {r.id: r for r in REQUIREMENTS}
_BY_CODE = {c.code: c for c in CODES}


def requirement(req_id: str) -> Requirement:
    return _BY_ID[req_id]


def requirement_ids() -> list[str]:
    return [r.id for r in REQUIREMENTS]


def code_info(code: str) -> Code:
    return _BY_CODE[code]


def requirement_for_code(code: str) -> str:
    return _BY_CODE[code].requirement if code in _BY_CODE else ""


def severity(code: str) -> str:
    return _BY_CODE[code].severity
