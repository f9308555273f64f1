"""client-instance-recovery.v1 (with participant-bind.v1 and the attachment and detachment
artifacts it is judged against): requirements and outcome codes.

Levels: MUST where the seed or a published schema states the rule; ``derived`` where the
seed only implies it (the rationale is in CONFORMANCE.md, "Client-instance recovery").
"""

from __future__ import annotations

from .model import Code, Requirement

CIR = "client-instance-recovery"

SEED = "seeds/000_b2f84d99ae988206.txt"
S_REC = "orbidocs/schemas/client-instance-recovery.v1.schema.json"
S_BIND = "orbidocs/schemas/participant-bind.v1.schema.json"
S_ATT = "orbidocs/schemas/client-instance-attachment.v1.schema.json"
S_DET = "orbidocs/schemas/client-instance-detachment.v1.schema.json"
SCHEMAS = f"{S_REC}, {S_BIND}, {S_ATT}, {S_DET}"

REQUIREMENTS: tuple[Requirement, ...] = (
    # --- JSON intake: the same I-JSON rules as node-address-attestation (RFC 8785 input) ---
    Requirement("CIR-JSON-001", CIR, "MUST", "RFC 8785 §3.1 / RFC 7493 (I-JSON)",
                "The artifact is one I-JSON value: UTF-8 without BOM, no duplicate member names, no lone "
                "surrogates, numbers within IEEE 754 doubles.",
                ("json-encoding", "json-syntax", "json-duplicate-key", "json-lone-surrogate", "json-number")),
    # --- schema ---
    Requirement("CIR-SCHEMA-001", CIR, "MUST", f"{SCHEMAS} required",
                "Every required member of the artifact and of its embedded `participant-bind` is present.",
                ("schema-required",)),
    Requirement("CIR-SCHEMA-002", CIR, "MUST", f"{SCHEMAS} additionalProperties:false (NT-014 closed admission shape)",
                "The artifact, its `participant-bind` and every signature object are closed: extra members are rejected.",
                ("schema-closed",)),
    Requirement("CIR-SCHEMA-003", CIR, "MUST", f"{SCHEMAS} const, types, patterns, minLength, enums",
                "Members have the published types, patterns (did:key ids in the base58btc alphabet), non-empty "
                "strings (optional ones too), enumerations and `schema/v` 1.",
                ("schema-shape",)),
    Requirement("CIR-SCHEMA-004", CIR, "MUST", f"{SCHEMAS} format: date-time (RFC 3339 §5.6)",
                "Every timestamp is an RFC 3339 date-time (asserted, not just annotated).",
                ("timestamp-invalid",)),
    # --- identities and the embedded participant-bind ---
    Requirement("CIR-KEY-001", CIR, "derived", f"{S_BIND} participant/id, via/node-id; {S_REC} serving-node/id",
                "`participant/id`, `via/node-id` and `serving-node/id` are did:key identities that decode to "
                "Ed25519 public keys (multicodec 0xed01, 32 bytes).",
                ("identity-key-invalid",)),
    Requirement("CIR-BIND-001", CIR, "derived", f"{S_BIND} participant/key/public",
                "`participant/key/public` is the key inside `participant/id`'s did:key (the same multibase text).",
                ("bind-key-mismatch",)),
    Requirement("CIR-BIND-002", CIR, "derived", f"{S_BIND} participant/key/alg, proof/participant-signature",
                "`proof/participant-signature/alg` is `participant/key/alg` (ed25519).",
                ("signature-alg-mismatch",)),
    Requirement("CIR-BIND-003", CIR, "derived", f"{S_BIND} $defs.signature",
                "A signature value to verify is strict unpadded base64url of exactly 64 bytes.",
                ("signature-encoding",)),
    Requirement("CIR-BIND-004", CIR, "MUST", f"{S_BIND} proof/participant-signature (\"Participant-side proof over the bind payload\")",
                "`proof/participant-signature` verifies under the key of `participant/id` over the RFC 8785 bytes of "
                "the bind with every `proof/…` member omitted.",
                ("bind-signature-invalid",)),
    Requirement("CIR-BIND-005", CIR, "MUST", f"{SEED} participant-bind (\"resuming access over the already established channel\"); {S_BIND} via/node-id",
                "The bind speaks via the serving node: `participant-bind/via/node-id` equals the artifact's `serving-node/id`.",
                ("bind-via-mismatch",)),
    Requirement("CIR-BIND-006", CIR, "derived", f"{SEED} proof/node-attestation; {S_BIND} proof/node-attestation",
                "A `proof/node-attestation` with alg ed25519 verifies under the serving node's key (over the artifact, "
                "or the bind, with every `proof/…` member of that object omitted).",
                ("node-attestation-invalid",)),
    Requirement("CIR-BIND-007", CIR, "derived", f"{SEED} proof/node-attestation (\"optional future-facing\")",
                "A `proof/node-attestation` with an algorithm the verifier does not know is reported as not "
                "verifiable (a warning), neither accepted as proof nor a rejection.",
                ("node-attestation-unverifiable",)),
    # --- time ---
    Requirement("CIR-TIME-001", CIR, "derived", f"{S_BIND} bound-at; {S_REC} recovered-at",
                "The bind is asserted no later than its artifact: `bound-at` ≤ `recovered-at` (`attached-at`, "
                "`detached-at`) + 16 s of clock skew.",
                ("bind-asserted-late",)),
    Requirement("CIR-TIME-002", CIR, "derived", f"{SEED} recovered-at (\"when the recovery path was accepted\")",
                "No timestamp of the artifact is later than the verifier's `now` + 16 s.",
                ("timestamp-in-future",)),
    # --- lifecycle, judged against context (earlier admitted artifacts) ---
    Requirement("CIR-CTX-001", CIR, "MUST", f"{SEED} recovery/from-detachment-id",
                "`recovery/from-detachment-id` names a known detachment.",
                ("detachment-unknown",)),
    Requirement("CIR-CTX-002", CIR, "derived", f"{SEED} participant-bind (\"proving who is resuming access\")",
                "An artifact that refers to an earlier one (recovery → detachment, detachment → attachment) is "
                "bound by the same `participant/id`.",
                ("participant-mismatch",)),
    Requirement("CIR-CTX-003", CIR, "derived", f"{SEED} recovered-at, recovery/from-detachment-id",
                "`recovered-at` is not before the recovered detachment's `detached-at`.",
                ("recovery-before-detachment",)),
    Requirement("CIR-CTX-004", CIR, "derived", f"{SEED} recovery/from-detachment-id",
                "A detachment is recovered at most once.",
                ("detachment-already-recovered",)),
    Requirement("CIR-CTX-005", CIR, "MUST", f"{SEED} recovery/id (\"Stable identifier\")",
                "A `recovery/id` is never reused (a replayed recovery is refused).",
                ("recovery-id-reused",)),
    Requirement("CIR-MODE-001", CIR, "derived", f"{SEED} recovery/mode reattach-existing-device, resume-after-suspension",
                "`reattach-existing-device` and `resume-after-suspension` keep the detachment's serving node and client instance.",
                ("mode-serving-node-changed", "mode-client-instance-changed")),
    Requirement("CIR-MODE-002", CIR, "derived", f"{SEED} recovery/mode migrate-to-new-host",
                "`migrate-to-new-host` moves to a serving node other than the detachment's.",
                ("mode-serving-node-unchanged",)),
    Requirement("CIR-MODE-003", CIR, "derived", f"{SEED} recovery/mode replace-device",
                "`replace-device` names a client instance other than the detachment's (the serving node may stay or change).",
                ("mode-client-instance-unchanged",)),
    Requirement("CIR-MODE-004", CIR, "derived", f"{S_ATT} migration/allowed?; {SEED} migrate-to-new-host",
                "`migrate-to-new-host` is refused when the attachment at the root of the recovered path says "
                "`migration/allowed?` false (evaluated when that attachment is in the context).",
                ("migration-not-allowed",)),
    Requirement("CIR-LIFE-001", CIR, "derived", f"{S_ATT} attachment/id (\"Stable identifier\")",
                "An `attachment/id` is never reused.",
                ("attachment-id-reused",)),
    Requirement("CIR-LIFE-002", CIR, "MUST", f"{S_DET} attachment/id (\"Reference to the earlier attachment artifact\")",
                "A detachment's `attachment/id` names a known attachment, or a known recovery (which re-establishes access).",
                ("attachment-unknown",)),
    Requirement("CIR-LIFE-003", CIR, "derived", f"{S_DET} serving-node/id, client-instance/id",
                "A detachment names the serving node and client instance of the access it terminates.",
                ("detachment-mismatch",)),
    Requirement("CIR-LIFE-004", CIR, "derived", f"{S_DET} detached-at",
                "`detached-at` is not before the `attached-at` (`recovered-at`) of the access it terminates.",
                ("detachment-before-attachment",)),
    Requirement("CIR-LIFE-005", CIR, "derived", f"{S_DET} attachment/id",
                "An access (attachment or recovery) is detached at most once.",
                ("attachment-already-detached",)),
    Requirement("CIR-LIFE-006", CIR, "derived", f"{S_DET} detachment/id (\"Stable identifier\")",
                "A `detachment/id` is never reused.",
                ("detachment-id-reused",)),
)

CODES: tuple[Code, ...] = (
    Code(CIR, "json-encoding", "error", "CIR-JSON-001", "not UTF-8, or starts with a byte order mark"),
    Code(CIR, "json-syntax", "error", "CIR-JSON-001", "not exactly one JSON value (syntax error or trailing data)"),
    Code(CIR, "json-duplicate-key", "error", "CIR-JSON-001", "an object repeats a member name"),
    Code(CIR, "json-lone-surrogate", "error", "CIR-JSON-001", "a string holds a lone UTF-16 surrogate"),
    Code(CIR, "json-number", "error", "CIR-JSON-001", "a number is NaN, infinite, or outside the IEEE 754 double domain"),
    Code(CIR, "schema-required", "error", "CIR-SCHEMA-001", "a required member is missing"),
    Code(CIR, "schema-closed", "error", "CIR-SCHEMA-002", "a closed object has an extra member"),
    Code(CIR, "schema-shape", "error", "CIR-SCHEMA-003", "a member has the wrong type, pattern, length or value"),
    Code(CIR, "timestamp-invalid", "error", "CIR-SCHEMA-004", "a timestamp is not an RFC 3339 date-time"),
    Code(CIR, "identity-key-invalid", "error", "CIR-KEY-001", "a did:key identity does not decode to an Ed25519 key"),
    Code(CIR, "bind-key-mismatch", "error", "CIR-BIND-001", "participant/key/public is not the key of participant/id"),
    Code(CIR, "signature-alg-mismatch", "error", "CIR-BIND-002", "the participant signature's alg is not participant/key/alg"),
    Code(CIR, "signature-encoding", "error", "CIR-BIND-003", "a signature value is not strict unpadded base64url of 64 bytes"),
    Code(CIR, "bind-signature-invalid", "error", "CIR-BIND-004", "proof/participant-signature does not verify"),
    Code(CIR, "bind-via-mismatch", "error", "CIR-BIND-005", "the bind's via/node-id is not the serving node"),
    Code(CIR, "node-attestation-invalid", "error", "CIR-BIND-006", "an ed25519 node attestation does not verify"),
    Code(CIR, "node-attestation-unverifiable", "warning", "CIR-BIND-007", "a node attestation with an unknown algorithm"),
    Code(CIR, "bind-asserted-late", "error", "CIR-TIME-001", "bound-at is more than 16 s after the artifact's own time"),
    Code(CIR, "timestamp-in-future", "error", "CIR-TIME-002", "a timestamp is more than 16 s after now"),
    Code(CIR, "detachment-unknown", "error", "CIR-CTX-001", "recovery/from-detachment-id names no known detachment"),
    Code(CIR, "participant-mismatch", "error", "CIR-CTX-002", "the artifact referred to was bound by another participant"),
    Code(CIR, "recovery-before-detachment", "error", "CIR-CTX-003", "recovered-at is before detached-at"),
    Code(CIR, "detachment-already-recovered", "error", "CIR-CTX-004", "the detachment was already recovered"),
    Code(CIR, "recovery-id-reused", "error", "CIR-CTX-005", "recovery/id was used before"),
    Code(CIR, "mode-serving-node-changed", "error", "CIR-MODE-001", "the mode keeps the serving node, but it changed"),
    Code(CIR, "mode-client-instance-changed", "error", "CIR-MODE-001", "the mode keeps the client instance, but it changed"),
    Code(CIR, "mode-serving-node-unchanged", "error", "CIR-MODE-002", "migrate-to-new-host on the same serving node"),
    Code(CIR, "mode-client-instance-unchanged", "error", "CIR-MODE-003", "replace-device with the same client instance"),
    Code(CIR, "migration-not-allowed", "error", "CIR-MODE-004", "migration from an attachment that does not allow it"),
    Code(CIR, "attachment-id-reused", "error", "CIR-LIFE-001", "attachment/id was used before"),
    Code(CIR, "attachment-unknown", "error", "CIR-LIFE-002", "the detachment names no known attachment or recovery"),
    Code(CIR, "detachment-mismatch", "error", "CIR-LIFE-003", "the detachment names another serving node or client instance"),
    Code(CIR, "detachment-before-attachment", "error", "CIR-LIFE-004", "detached-at is before the access began"),
    Code(CIR, "attachment-already-detached", "error", "CIR-LIFE-005", "the access was already detached"),
    Code(CIR, "detachment-id-reused", "error", "CIR-LIFE-006", "detachment/id was used before"),
)

# Requirements judged only when the request carries context (earlier admitted artifacts).
CONTEXT_REQUIREMENTS = tuple(r.id for r in REQUIREMENTS if r.id.startswith(("CIR-CTX-", "CIR-MODE-", "CIR-LIFE-")))
