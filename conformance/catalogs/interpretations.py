"""The open points the suite settles: one entry per interpretation, with its default (what the
suite does today), the reasoning, the spec text it reads and the other defensible readings.

IDs are permanent (I… node-address-attestation, C… client-instance-recovery, S… storage
policy bundles). CONFORMANCE.md's interpretation tables are generated from this module; the
long text of each item stays in CONFORMANCE.md under ``doc``. A choice is ``supported`` when
the case builders can build expectations under it; declaring any other alternative is refused.
"""

from __future__ import annotations

from .cir import CIR, SEED as SEED_CIR
from .model import Choice, Interpretation
from .naa import NAA, SEED_NAA
from .sdp import SDP, SEED as SEED_SDP

SUITE = "suite"  # the default choice's id wherever the point has no more specific name


def _i(id, family, title, default, reasoning, source, affects, alternatives=(), doc="", default_text=""):
    default_choice = Choice(default, default_text or "what the suite does (see the long text)", supported=True)
    return Interpretation(id, family, title, default, reasoning, source, tuple(affects),
                          (default_choice, *alternatives), doc)


NAA_ITEMS = (
    _i("I1", NAA, "JSON intake (I-JSON)", SUITE,
       "RFC 8785 canonicalization is defined on I-JSON input; duplicate names and out-of-range numbers make parsers "
       "disagree about what was signed.", f"{SEED_NAA} Field Semantics (canonical JSON); RFC 8785 §3.1",
       ["NAA-JSON-001", "NAA-JSON-002", "NAA-JSON-003", "NAA-JSON-004", "NAA-JSON-005"],
       [Choice("last-duplicate-wins", "a repeated member name keeps its last value (plain JSON parsers; "
                                      "node-address-attestation documents)", supported=True)],
       doc="#i1-json-intake"),
    _i("I2", NAA, "Signing input (domain-separation prefix)", "empty",
       "The seed signs 'the deterministic canonical JSON ... with signature omitted' and names no prefix; a "
       "deployment may add domain separation, so the prefix is a named option.",
       f"{SEED_NAA} Definition Semantics (evidence entry, signature); Field Semantics (signature)",
       ["NAA-SIG-001", "NAA-SIG-002", "NAA-SIG-004", "CIR-BIND-004", "CIR-BIND-006"],
       [Choice("prefix:", "UTF-8 of TEXT prepended to every signing input (`prefix:TEXT`; "
                          "`--signing-prefix TEXT` is the old spelling)", supported=True)],
       doc="#i2-signing-input", default_text="no prefix: the signing input is the RFC 8785 text alone"),
    _i("I3", NAA, "Digest encoding", SUITE,
       "The seed's sha256Digest is 'unpadded base64url-encoded SHA-256 bytes'; the schema's pattern is looser.",
       f"{SEED_NAA} Definitions (sha256Digest)", ["NAA-DIGEST-003"],
       [Choice("schema-pattern", "any value matching the schema pattern is compared as text")], doc="#i3-digest-encoding"),
    _i("I4", NAA, "Claim digest construction", SUITE,
       "The claim is the RFC 8785 JSON of target/node-id and the normalized endpoint.",
       f"{SEED_NAA} Field Semantics (claim/digest)", ["NAA-DIGEST-001", "NAA-DIGEST-002"], doc="#i4-claim-digest"),
    _i("I5", NAA, "Advertisement digest and reference", SUITE,
       "The seed says 'Digest of the target node-advertisement.v1 payload or referenced blob' without the bytes.",
       f"{SEED_NAA} Field Semantics (advertisement/digest)", ["NAA-ADV-001", "NAA-ADV-002", "NAA-ADV-004"],
       doc="#i5-advertisement-digest-and-reference"),
    _i("I6", NAA, "The embedded advertisement", SUITE,
       "The seed does not reinterpret the advertisement's own signature; the suite checks only the consistency the "
       "seed asks for.", f"{SEED_NAA} Field Semantics (node-advertisement)", ["NAA-ADV-003", "NAA-ADV-005"],
       doc="#i6-the-embedded-advertisement"),
    _i("I7", NAA, "Endpoint normalization", SUITE,
       "The seed requires normalization before digesting but does not define it; RFC 3986 §6.2.2 in IRI form, "
       "IDNA 2008 / UTS 46 non-transitional; only changes that cannot change the target.",
       f"{SEED_NAA} Field Semantics (endpoint); Definition Semantics (endpoint)",
       ["NAA-ENDPOINT-001", "NAA-ENDPOINT-002", "NAA-DIGEST-001", "NAA-TRUST-005"],
       [Choice("transitional-idna", "UTS 46 transitional processing (ß → ss)"),
        Choice("remove-dot-segments", "dot segments removed from paths (RFC 3986 §5.2.4)")],
       doc="#i7-endpoint-normalization"),
    _i("I8", NAA, "Time: bounds, skew and expiry instants", SUITE,
       "'after which ... MUST be treated as expired' makes the expiry instant live; 'less than or equal' and 'at "
       "most 16 seconds' are inclusive; fractions count in full.",
       f"{SEED_NAA} Field Semantics (expires/at); Definition Semantics (evidence entry)",
       ["NAA-TIME-001", "NAA-TIME-002", "NAA-TIME-003", "NAA-TIME-004", "NAA-SCHEMA-005"],
       [Choice("expired-at-instant", "an envelope or entry is already expired at exactly expires/at", supported=True),
        Choice("skew-exclusive", "the 16 s certificate skew bound is exclusive", supported=True),
        Choice("expired-at-instant+skew-exclusive", "both of the above", supported=True)], doc="#i8-time"),
    _i("I9", NAA, "Keys and signatures (strict Ed25519, canonical encodings)", SUITE,
       "Accepting several encodings of one signature is malleability; the strictest common Ed25519 policy rejects "
       "only what an honest signer never produces.", f"{SEED_NAA} Definition Semantics (signature)",
       ["NAA-SIG-001", "NAA-SIG-003", "NAA-KEY-001"],
       [Choice("cofactored", "the cofactored verification equation (ZIP 215)")], doc="#i9-keys-and-signatures"),
    _i("I10", NAA, "Evidence signers and trust", SUITE,
       "Evidence from an unknown directory cannot be checked; a checkable signature that fails makes the whole "
       "packet invalid (fail closed).", f"{SEED_NAA} Purpose; Field Semantics (evidence)",
       ["NAA-SIG-002", "NAA-TRUST-001", "NAA-TRUST-002"],
       [Choice("drop-bad-entry", "an entry whose signature fails is ignored; the packet stays valid and "
                                 "`evidence-signature-invalid` is reported as a warning", supported=True)],
       doc="#i10-evidence-signers-and-trust"),
    _i("I11", NAA, "Envelope signature and assembler", SUITE,
       "The assembler is 'a courier/curator, not an authority'; its signature proves assembly integrity only.",
       f"{SEED_NAA} Field Semantics (assembler/node-id, signature)", ["NAA-SIG-004", "NAA-SIG-005", "NAA-TRUST-003"],
       doc="#i11-envelope-signature-and-assembler"),
    _i("I12", NAA, "Trust classification", SUITE,
       "The evidence kinds describe decreasing authority; the seed names no classes, so the suite's six classes "
       "and their priority are its own.", f"{SEED_NAA} Purpose; Field Semantics (evidence, expires/at)",
       ["NAA-TRUST-001", "NAA-TRUST-002", "NAA-TRUST-003", "NAA-TRUST-004"],
       [Choice("no-classification", "the implementation computes no trust class (a capability, issue 11 point 5)")],
       doc="#i12-trust-classification"),
    _i("I13", NAA, "Endpoint collisions", SUITE,
       "Fallback evidence cannot tell which claimant is genuine, so every member of a colliding group is "
       "`collision` (fail closed).", f"{SEED_NAA} Purpose (degraded-mode dial decision)", ["NAA-TRUST-005"],
       [Choice("rank-claims", "collide only with claims of equal or higher class")], doc="#i13-endpoint-collisions"),
    _i("I14", NAA, "Seed, published schema and published examples", SUITE,
       "The seed omits detail the schema has; the suite takes it from the schema and applies the seed where it is "
       "stricter.", f"{SEED_NAA} Fields, Definitions, Conditional Rules",
       ["NAA-SCHEMA-002", "NAA-SCHEMA-004", "NAA-SCHEMA-005", "NAA-DIGEST-003"],
       [Choice("format-annotation", "`format: date-time` as an annotation only (JSON Schema 2020-12 default)")],
       doc="#i14-seed-published-schema-and-published-examples"),
    _i("I15", NAA, "Library edge cases (RFC 3339, ECMA-262 patterns, exact time)", SUITE,
       "Where common libraries deviate from the RFCs the suite follows the RFCs.", "RFC 3339 §5.6; ECMA-262",
       ["NAA-SCHEMA-004", "NAA-SCHEMA-005"], doc="#i15-library-edge-cases"),
    # found by the issue 11 audit of the seed: points the suite settled without naming them
    _i("I16", NAA, "Which evidence bounds the envelope's lifetime", "counted-evidence",
       "'It SHOULD NOT exceed the earliest authoritative expiry among the evidence entries that make the packet "
       "useful under local policy': the suite reads 'authoritative ... useful' as the entries that count (trusted "
       "for their kind) and reports a warning, never an error.", f"{SEED_NAA} Field Semantics (expires/at)",
       ["NAA-TIME-006"],
       [Choice("all-evidence", "the earliest expiry among every evidence entry, trusted or not"),
        Choice("outlives-is-error", "an envelope outliving its evidence is invalid (the SHOULD read as a MUST)")],
       default_text="earliest expiry among the counted entries; a warning"),
    _i("I17", NAA, "observed/at is informational", "unchecked",
       "'Informational for ordering; freshness is enforced from each evidence entry and the envelope expires/at': "
       "the suite checks only that observed/at is an RFC 3339 date-time, never its instant.",
       f"{SEED_NAA} Field Semantics (observed/at)", ["NAA-SCHEMA-005", "NAA-TIME-003"],
       [Choice("not-future", "observed/at more than 16 s after now makes the packet invalid"),
        Choice("within-envelope", "observed/at after the envelope's expires/at makes the packet invalid")],
       default_text="only its form is checked"),
    _i("I18", NAA, "An expired packet is valid, with class `expired`", "class-expired",
       "'MUST be treated as expired' names a treatment, not a rejection: the packet is well formed and signed, so the "
       "verdict stays `valid` and the class `expired` tells the dialer not to use it.",
       f"{SEED_NAA} Field Semantics (expires/at)", ["NAA-TIME-004", "NAA-TRUST-006"],
       [Choice("expired-invalid", "an expired packet is rejected (verdict invalid, code envelope-expired)")],
       default_text="verdict valid, trust class expired, code envelope-expired"),
)

CIR_ITEMS = (
    _i("C1", CIR, "Schemas (the suite's resolvable copies)", SUITE,
       "The published schemas do not resolve (relative reference against URN ids); the suite's copies carry the "
       "same facts.", f"{SEED_CIR} Fields", ["CIR-SCHEMA-001", "CIR-SCHEMA-002", "CIR-SCHEMA-003", "CIR-SCHEMA-004"],
       doc="#c1-schemas"),
    _i("C2", CIR, "Identities decode as did:key Ed25519", SUITE,
       "An identity the suite verifies signatures with must carry a usable key.", f"{SEED_CIR} Fields (participant/id)",
       ["CIR-KEY-001"], doc="#c2-identities"),
    _i("C3", CIR, "The bind belongs to the participant and speaks via the serving node", SUITE,
       "The bind authorizes the participant's identity; its key and algorithm must agree with that identity.",
       f"{SEED_CIR} Fields (participant-bind)", ["CIR-BIND-001", "CIR-BIND-002", "CIR-BIND-005"],
       doc="#c3-the-bind-belongs-to-the-participant-and-speaks-via-the-serving-node"),
    _i("C4", CIR, "Signing input and signatures", SUITE,
       "'proof over the bind payload' names no bytes; RFC 8785 without every proof/ member, with the I2 prefix.",
       f"{SEED_CIR} Fields (proof/participant-signature, proof/node-attestation)",
       ["CIR-BIND-003", "CIR-BIND-004", "CIR-BIND-006", "CIR-BIND-007"],
       [Choice("unknown-alg-invalid", "a node attestation with an unknown alg makes the artifact invalid")],
       doc="#c4-signing-input-and-signatures",
       default_text="RFC 8785 without proof/ members; the prefix is I2's"),
    _i("C5", CIR, "Time: 16 s tolerance for bind and future timestamps", SUITE,
       "The clock-skew bound of I8 applied to device and node clocks; inclusive.", f"{SEED_CIR} Fields (bound-at, recovered-at)",
       ["CIR-TIME-001", "CIR-TIME-002"],
       [Choice("no-tolerance", "bound-at ≤ recovered-at and timestamps ≤ now exactly", supported=True),
        Choice("no-future-check", "timestamps later than now are not checked", supported=True)], doc="#c5-time"),
    _i("C6", CIR, "Context and the lifecycle ledger", SUITE,
       "Without context the context rules are not evaluated (not failed): a verifier cannot know what it was not "
       "shown.", f"{SEED_CIR} Purpose", ["CIR-CTX-001", "CIR-LIFE-002"],
       [Choice("empty-context", "no context means an empty ledger: every recovery is detachment-unknown")],
       doc="#c6-context-and-the-lifecycle-ledger"),
    _i("C7", CIR, "Lifecycle rules", SUITE,
       "A recovery resumes one loss of access by the same participant; stable identifiers name one artifact.",
       f"{SEED_CIR} Purpose; Fields (recovery/from-detachment-id, recovery/id)",
       ["CIR-CTX-002", "CIR-CTX-003", "CIR-CTX-004", "CIR-LIFE-001", "CIR-LIFE-003", "CIR-LIFE-004", "CIR-LIFE-005",
        "CIR-LIFE-006"],
       [Choice("recovery-skew", "recovered-at may precede detached-at by the 16 s tolerance"),
        Choice("multiple-recoveries", "a detachment may be recovered more than once")],
       doc="#c7-lifecycle-rules"),
    _i("C8", CIR, "Recovery modes", SUITE,
       "The seed names the modes without rules; each mode's node and instance constraints are the suite's.",
       f"{SEED_CIR} Fields (recovery/mode)", ["CIR-MODE-001", "CIR-MODE-002", "CIR-MODE-003", "CIR-MODE-004"],
       [Choice("replace-device-same-node", "replace-device also keeps the serving node"),
        Choice("modes-unchecked", "modes are descriptive; no rule ties them to the node or instance")],
       doc="#c8-recovery-modes"),
    # found by the issue 11 audit of the seed
    _i("C9", CIR, "Optional references are not resolved", "uninterpreted",
       "`recovery/token-ref` is 'an optional reference to a migration bundle, export token, or recovery token' and "
       "`policy_annotations` 'do not change the core recovery semantics': the suite checks their shape only.",
       f"{SEED_CIR} Fields (recovery/token-ref, policy_annotations)", ["CIR-SCHEMA-003"],
       [Choice("token-required-for-migration", "migrate-to-new-host requires recovery/token-ref")],
       default_text="shape only; never resolved or required"),
)

_S = "#interpretations-1"  # the storage part's Interpretations heading
SDP_ITEMS = (
    _i("S1", SDP, "Privacy order", SUITE,
       "The seed gives the seven privacy classes no order; the suite ranks them by who can read the material now.",
       f"{SEED_SDP} Locality and privacy inheritance; BackupPolicy (Privacy inheritance)",
       ["SDP-SPEC-002", "SDP-SPEC-005", "SDP-FAIL-005", "SDP-COPY-001", "SDP-COPY-002", "SDP-COPY-003"],
       [Choice("order:", "another total preorder: a JSON list, narrowest first, items a class or a list of classes "
                         "of equal rank (`--privacy-order FILE` is the old spelling)", supported=True),
        Choice("partial:", "a partial order: JSON {\"order\": [...], \"incomparable\": [classes]}; an incomparable "
                           "class is comparable only with itself, and a copy to or from it is a broadening",
                supported=True)],
       doc="#s1-privacy-order",
       default_text="SecretCredential < SealedUntil < PrivateOverlay < ScopeRestricted < MembersOnly < "
                    "ExternalCustodian < Public"),
    _i("S2", SDP, "Discardable state", SUITE,
       "'explicit acknowledgement that no backup applies (e.g., for cache / derived state)'.",
       f"{SEED_SDP} StorageSpec (Policy references)", ["SDP-FAIL-003"],
       [Choice("none-always", "an explicit none is acceptable for any custody")], doc=_S),
    _i("S3", SDP, "Broadening acts", SUITE,
       "'an explicit governance act that names the broadening': same spec, copy kind and dimension, in force.",
       f"{SEED_SDP} Locality and privacy inheritance",
       ["SDP-SPEC-005", "SDP-FAIL-004", "SDP-FAIL-005", "SDP-COPY-001", "SDP-COPY-002", "SDP-COPY-003"],
       [Choice("any-act-for-spec", "any broadening act in force for the spec excuses every broadening of it")], doc=_S),
    _i("S4", SDP, "Time bounds", SUITE,
       "Authority windows are half-open; the drill horizon passes only after its instant.",
       f"{SEED_SDP} Emergency authority ('bounded in time')",
       ["SDP-FAIL-006", "SDP-FAIL-007", "SDP-RESTORE-003", "SDP-ARCHIVE-001"],
       [Choice("closed-windows", "an authority is still in force at valid-until", supported=True)], doc=_S),
    _i("S5", SDP, "Fail closed per spec", SUITE,
       "'fail closed, surface honestly': operations on a spec with an adoption error are refused, others decided.",
       f"{SEED_SDP} Failure and safety rules (cross-cutting rule)", ["SDP-OP-001"],
       [Choice("bundle-wide", "every operation is refused (`spec-not-adopted`) when the bundle is not adoptable",
               supported=True)], doc=_S),
    _i("S6", SDP, "Drill into production", SUITE,
       "'A drill that restores into production is a live restore, not a test'.",
       f"{SEED_SDP} RecoveryPolicy (Restore-target constraints); Restore-test receipts", ["SDP-RESTORE-002"], doc=_S),
    _i("S7", SDP, "Event operations", SUITE,
       "A failed integrity check, a divergence and an outage are facts; the decision is about the response.",
       f"{SEED_SDP} IntegrityPolicy (Evidence class); Failure visibility",
       ["SDP-FAIL-009", "SDP-FAIL-010", "SDP-FAIL-015"], doc=_S),
    _i("S8", SDP, "Policy status (is a superseded version usable?)", SUITE,
       "'Unadopted policy is inert; the domain runs against its currently adopted versions': a superseded version "
       "was adopted, so it stays usable with a warning; deprecated fails closed.",
       f"{SEED_SDP} Backup / export / restore authority (Policy adoption and amendment)",
       ["SDP-SPEC-003", "SDP-SPEC-004", "SDP-FAIL-016"],
       [Choice("superseded-inert", "a superseded version is not current, hence inert (policy-not-adopted)",
               supported=True)], doc=_S),
    _i("S9", SDP, "Encryption classes", SUITE,
       "'For privacy classes that require encryption (PrivateOverlay, SecretCredential, ExternalCustodian)'.",
       f"{SEED_SDP} BackupPolicy (Privacy inheritance)", ["SDP-COPY-004"],
       [Choice("source-only", "only the source's privacy decides whether a copy must be encrypted")], doc=_S),
    _i("S10", SDP, "Does an export need an authority?", "if-presented",
       "The seed requires a federation agreement or the exit policy for canonical or vault exports and names no "
       "export authority, so none is required; an export that does present one rests on it, so it must exist, be in "
       "force, cover the spec and not be an emergency authority, which covers emergency restores only (SDP-EXPORT-002).",
       f"{SEED_SDP} Backup / export / restore authority (Export and exit; Emergency authority); ArchivePolicy (Export: 'Always governed')",
       ["SDP-EXPORT-001", "SDP-EXPORT-002", "SDP-COPY-003"],
       [Choice("authority-required", "an export of governed custody also needs a grant or mandate in force covering the "
                                     "spec; one presenting none is refused with `export-authority-invalid`", supported=True),
        Choice("authority-ignored", "an export's `authority` is not judged at all (the suite before issue 12)",
               supported=True)],
       doc="#the-custody-table-row-by-row",
       default_text="no authority needed; one presented must be a grant or mandate in force covering the spec"),
    _i("S11", SDP, "Is secret custody treated as canonical?", "secret-governed",
       "The custody table says secret export is 'forbidden except by explicit policy'; the suite reads the basis "
       "rule for canonical and vault exports as applying to secret custody too, and treats custody `secret` or "
       "privacy SecretCredential as secret material (for SDP-FAIL-012 and the custody-table rules SDP-CUSTODY-004/005).",
       f"{SEED_SDP} Storage class model (custody table, Secret / key material); Export and exit",
       ["SDP-EXPORT-001", "SDP-FAIL-012", "SDP-CUSTODY-004", "SDP-CUSTODY-005"],
       [Choice("secret-export-forbidden", "a secret export is refused whatever its basis or exit policy"),
        Choice("secret-by-custody-only", "only custody `secret` is secret material (privacy alone is not)")],
       doc="#the-custody-table-row-by-row", default_text="secret custody needs a basis to export, like canonical and vault"),
    _i("S12", SDP, "The custody table's per-custody obligations", "mandatory-cells",
       "The table's unhedged cells are rules: 'Backup: mandatory. Replication: mandatory. Archive: mandatory' for a "
       "canonical store (SDP-CUSTODY-001..003), secret replication 'only via key-rotation / recovery protocols' and "
       "export 'forbidden except by explicit policy' (SDP-CUSTODY-004/005), vault 'Backup: encrypted' "
       "(SDP-CUSTODY-006); hedged or delegating cells are S15-S21. Keyed on custody (the row), not storage class.",
       f"{SEED_SDP} Storage class model (custody table); StorageSpec (Invariants)",
       ["SDP-FAIL-003", "SDP-SPEC-001", "SDP-CUSTODY-001", "SDP-CUSTODY-002", "SDP-CUSTODY-003", "SDP-CUSTODY-004",
        "SDP-CUSTODY-005", "SDP-CUSTODY-006"],
       [Choice("expectations-only", "the table lists design expectations; only the StorageSpec invariants are checked "
                                    "(the suite before issue 12)", supported=True)],
       doc="#the-custody-table-row-by-row", default_text="every unhedged cell is a requirement (SDP-CUSTODY-*)"),
    _i("S13", SDP, "Is an explicit `none` allowed for every custody?", "except-mandatory",
       "'even explicitly to record that the class warrants none' applies to every slot the custody table does not make "
       "mandatory: backup none only for discardable state (S2) and never for canonical custody, replication and "
       "archive never none for canonical custody (S12); exit none only where the binding may not exit.",
       f"{SEED_SDP} StorageSpec (Policy references, Invariants); Storage class model (custody table)",
       ["SDP-FAIL-003", "SDP-SPEC-001", "SDP-FAIL-013", "SDP-CUSTODY-001", "SDP-CUSTODY-002", "SDP-CUSTODY-003"],
       [Choice("except-backup", "none everywhere except a non-discardable backup slot (the suite before issue 12)",
               supported=True),
        Choice("canonical-never-none", "canonical custody may not record none for exit either")],
       doc="#the-custody-table-row-by-row", default_text="none is allowed except where S2 or S12 make the slot mandatory"),
    _i("S14", SDP, "'Canonical' means the kernel storage class", "storage-class",
       "The seed's 'Restoring Canonical storage' and 'For Canonical storage: a governed event' name the kernel "
       "StorageClass; the suite keys restore governance, repair authority and automatic divergence repair on "
       "`storage-class: canonical`, not on custody.", f"{SEED_SDP} Restore of authoritative state; IntegrityPolicy (Repair path)",
       ["SDP-RESTORE-001", "SDP-FAIL-009", "SDP-FAIL-010"],
       [Choice("custody", "the rules apply to custody `canonical` (the design-level class)")],
       doc=_S, default_text="keyed on storage-class canonical"),
    # the custody table's hedged and delegating cells (CONFORMANCE.md, "The custody table, row by row")
    _i("S15", SDP, "Custody-table cells that defer or hedge", "delegated",
       "Cells that say 'per service', 'per binding', 'per registry policy', 'per workload', 'usually', 'typically' or "
       "'as narrow as the institution can tolerate' leave the value to the binding or the domain's adoption; the "
       "suite checks them only through the bounds every spec has (manifest, inheritance).",
       f"{SEED_SDP} Storage class model (custody table)", ["SDP-SPEC-002", "SDP-SPEC-005"],
       [Choice("usual-as-rule", "'usually' and 'typically' read as rules (canonical locality at least coop_replicated, "
                                "privacy at least MembersOnly; service-state and volume archives refused)")],
       doc="#the-custody-table-row-by-row", default_text="delegated: bounded by the inheritance rules only"),
    _i("S16", SDP, "The kernel-mapping column", "cache-only",
       "The seed's drift note says the seven custody classes and the three kernel classes 'overlap but do not align "
       "1:1 today'; only the mismatch it calls a bug (cache on canonical) is refused.",
       f"{SEED_SDP} Storage class model (Drift note); Failure and safety rules (Cache treated as canonical)",
       ["SDP-FAIL-011"],
       [Choice("mapping-enforced", "a custody class sits only on the kernel class(es) the table maps it to")],
       doc="#the-custody-table-row-by-row", default_text="only cache-as-canonical is refused"),
    _i("S17", SDP, "Cache / derived: archive and export 'not applicable'", "not-judged",
       "'Not applicable' says there is nothing to require, not that the act is forbidden: a derived spec may "
       "reference an archive policy, and its export needs no basis (derived is not governed custody).",
       f"{SEED_SDP} Storage class model (custody table, Cache / derived state)", ["SDP-EXPORT-001"],
       [Choice("refused", "an archive reference or an export of derived custody is refused")],
       doc="#the-custody-table-row-by-row", default_text="nothing required, nothing refused"),
    _i("S18", SDP, "Cache / derived: restore 'trivial', receipts 'not required'", "uniform",
       "A restore still mutates state the binding relies on, so it names the recovery policy's authority like any "
       "other; and every operation emits its receipt (evidence costs nothing the table forbids).",
       f"{SEED_SDP} Storage class model (custody table, Cache / derived state)", ["SDP-FAIL-006", "SDP-RECEIPT-001"],
       [Choice("trivial-restore", "a restore of derived state needs no authority")],
       doc="#the-custody-table-row-by-row", default_text="the same restore and receipt rules as every custody"),
    _i("S19", SDP, "Vault and secret restore authority ('stricter', 'top-level governed')", "named-authorities",
       "The format's recovery policy names a restore and a strict authority for each spec; 'stricter than ordinary "
       "state; named explicitly' is met by naming them. Production needs the strict one (SDP-RESTORE-002).",
       f"{SEED_SDP} Storage class model (custody table, Scoped vault; Secret / key material)",
       ["SDP-FAIL-006", "SDP-RESTORE-002"],
       [Choice("strict-only", "every restore of vault or secret custody needs the strict authority")],
       doc="#the-custody-table-row-by-row", default_text="either named authority; strict for production"),
    _i("S20", SDP, "Secret archive 'only by explicit policy'", "referenced-policy",
       "The format has no archive operation: material is archived only under the archive policy a spec references, "
       "which is an explicit policy.",
       f"{SEED_SDP} Storage class model (custody table, Secret / key material)", ["SDP-SPEC-003"],
       [Choice("explicit-permit", "the archive policy must itself name secret material as permitted")],
       doc="#the-custody-table-row-by-row", default_text="a referenced archive policy is the explicit policy"),
    _i("S21", SDP, "Vault and secret privacy column", "not-enforced",
       "The classes are named 'per #1792', a taxonomy still forthcoming; the case builders keep vault in "
       "PrivateOverlay / ScopeRestricted / SecretCredential and secret in SecretCredential, but no rule refuses "
       "another class.", f"{SEED_SDP} Storage class model (custody table, Scoped vault; Secret / key material)",
       ["SDP-FORMAT-006"],
       [Choice("enforced", "vault and secret specs outside their listed privacy classes are refused")],
       doc="#the-custody-table-row-by-row", default_text="not checked"),
    _i("S22", SDP, "A recovery policy naming no subsets or no horizon", "unrestricted",
       "'the policy names which subsets are allowed' is met by the policies that name them; one that names none "
       "(every bundle before the members existed) restricts nothing. Horizon bounds are inclusive at both ends.",
       f"{SEED_SDP} RecoveryPolicy (Restore type)", ["SDP-RESTORE-005", "SDP-RESTORE-006"],
       [Choice("nothing-allowed", "a partial or point-in-time restore under a policy naming no subsets or horizon is refused")],
       doc="#the-custody-table-row-by-row", default_text="no list, no restriction"),
    _i("S23", SDP, "The receipts column", "every-operation",
       "The table's receipt cells differ per class ('every transition', 'institutionally relevant transitions only', "
       "'not required'); the seed's failure rules and receipt sections ask for evidence of every backup, restore and "
       "failure, so the suite asks every operation of every custody for its receipt. Access receipts have no "
       "operation in the format.", f"{SEED_SDP} Storage class model (custody table, Receipts); Operational backup execution",
       ["SDP-RECEIPT-001", "SDP-RECEIPT-002"],
       [Choice("per-class", "only the transitions a class's cell names emit receipts")],
       doc="#the-custody-table-row-by-row", default_text="every operation emits its receipt"),
)

INTERPRETATIONS: tuple[Interpretation, ...] = NAA_ITEMS + CIR_ITEMS + SDP_ITEMS
