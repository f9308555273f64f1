"""Storage durability policy bundles (storage-policy-bundle.v1): requirements and outcome codes.

The seed (``seeds/001_e2a46c1503061e2c.txt``) defines the six policy objects at design level
and defers their wire format; the bundle format is the suite's own (CONFORMANCE.md, "Storage
durability policies"). Levels: MUST where the seed says so; ``derived`` where the seed
implies the rule or the suite fixes what it leaves open; requirements whose source starts
with "suite format" are rules of the suite's wire form, not of the seed.

Adoption codes are reported in the bundle's ``codes``; operation codes in each operation's.
"""

from __future__ import annotations

from .model import Code, Requirement

SDP = "storage-policy"

SEED = "seeds/001_e2a46c1503061e2c.txt"
FAIL = f"{SEED} Failure and safety rules"
FORMAT = "suite format (storage-policy-bundle.v1.json)"
TABLE = f"{SEED} Storage class model, custody table"


def _fail(n: int, level: str, row: str, title: str, codes: tuple[str, ...]) -> Requirement:
    return Requirement(f"SDP-FAIL-{n:03d}", SDP, level, f"{FAIL}, row \"{row}\"", title, codes)


REQUIREMENTS: tuple[Requirement, ...] = (
    # --- intake and the suite's wire form ---
    Requirement("SDP-JSON-001", SDP, "MUST", "RFC 7493 (I-JSON), as for every artifact the suite reads",
                "The bundle is one I-JSON value: UTF-8 without BOM, no duplicate member names, no lone "
                "surrogates, numbers within IEEE 754 doubles.",
                ("json-encoding", "json-syntax", "json-duplicate-key", "json-lone-surrogate", "json-number")),
    Requirement("SDP-FORMAT-001", SDP, "derived", f"{FORMAT} required",
                "Every member the suite's bundle schema requires is present.", ("schema-required",)),
    Requirement("SDP-FORMAT-002", SDP, "derived", f"{FORMAT} additionalProperties:false",
                "Bundle objects are closed: members the schema does not define, or that belong to another "
                "operation or act kind, are rejected.", ("schema-closed",)),
    Requirement("SDP-FORMAT-003", SDP, "derived", f"{FORMAT} const, types, patterns, enums, bounds",
                "Members have the schema's types, identifier pattern, enumerations and bounds; a policy slot is "
                "either a reference (id and version) or an explicit none with its reason.", ("schema-shape",)),
    Requirement("SDP-FORMAT-004", SDP, "derived", f"{FORMAT} format: date-time (RFC 3339 §5.6)",
                "Every timestamp is an RFC 3339 date-time (asserted).", ("timestamp-invalid",)),
    Requirement("SDP-FORMAT-005", SDP, "MUST", f"{SEED} Storage class model (\"Reuses existing kernel-level types ... verbatim\")",
                "Locality and storage class use the kernel's serialized names (`cell_local`, `coop_replicated`, "
                "`federation_mirrored`, `commons_public`; `canonical`, `service_state`, `blobs`).",
                ("locality-unknown", "storage-class-unknown")),
    Requirement("SDP-FORMAT-006", SDP, "derived", f"{SEED} Storage class model (seven-class custody taxonomy); StorageSpec Classification (privacy classes)",
                "Custody is one of the seven design-level classes and privacy one of the seven disclosure classes, "
                "by the suite's serialized names.", ("custody-unknown", "privacy-unknown")),
    Requirement("SDP-FORMAT-007", SDP, "derived", "suite format (identifiers)",
                "Identifiers are unique among bindings, specs, authorities, governance acts and operations, and "
                "policy (id, version) pairs are unique per policy kind.", ("id-duplicate",)),
    Requirement("SDP-FORMAT-008", SDP, "derived", "suite format (references)",
                "Structural references resolve: a spec's binding, a governance act's spec and operation, an "
                "operation's spec.", ("reference-unknown",)),
    # --- StorageSpec invariants not already a failure-table row ---
    Requirement("SDP-SPEC-001", SDP, "derived", f"{SEED} StorageSpec, Invariants (\"without a backup, replication, and exit policy is incomplete\")",
                "A spec names its replication policy and its export / exit requirement, or explicitly records that "
                "none applies with a reason; silence refuses adoption.",
                ("replication-policy-missing", "exit-policy-missing")),
    Requirement("SDP-SPEC-002", SDP, "MUST", f"{SEED} StorageSpec, Invariants (\"The spec never widens what the manifest declared\")",
                "A spec's locality and privacy are no wider than its binding's manifest declares.",
                ("spec-widens-manifest",)),
    Requirement("SDP-SPEC-003", SDP, "derived", f"{SEED} Backup / export / restore authority (\"Unadopted policy is inert\"); StorageSpec Policy references",
                "Every policy reference resolves to a policy of that kind and version whose status is adopted "
                "(draft and proposed versions are inert).", ("policy-unknown", "policy-not-adopted")),
    Requirement("SDP-SPEC-004", SDP, "derived", f"{SEED} Backup / export / restore authority (\"the domain runs against its currently adopted versions\")",
                "A reference to a superseded version is reported (warning): the domain should amend it.",
                ("policy-superseded",)),
    Requirement("SDP-SPEC-005", SDP, "MUST", f"{SEED} StorageSpec, Invariants (\"DataLocality is upper-bound\"); BackupPolicy Target; Locality and privacy inheritance",
                "The targets of a spec's backup, replication and archive policies are no wider in locality or "
                "privacy than the spec, unless a governance act in force names that broadening.",
                ("policy-broadens-bound",)),
    # --- the failure-and-safety table, one requirement per row ---
    _fail(1, "MUST", "Missing StorageSpec",
          "A binding that declares storage has at least one StorageSpec bound to it.", ("spec-missing",)),
    _fail(2, "MUST", "Storage binding without a custody class",
          "A spec without a custody class is refused at adoption.", ("custody-missing",)),
    _fail(3, "MUST", "BackupPolicy missing for non-discardable state",
          "A spec references a backup policy, or records 'none' with a reason only when its state is "
          "discardable (custody `derived`, or `discardable: true`); silence is a contract gap.",
          ("backup-policy-missing",)),
    _fail(4, "MUST", "Backup crosses locality boundary",
          "A backup run whose target locality is wider than the source's is refused (with a failure receipt) "
          "unless a governance act names the broadening.", ("backup-locality-broadened",)),
    _fail(5, "MUST", "Replica violates locality / privacy policy",
          "A replica placement wider in locality or privacy than the source is refused unless a governance act "
          "names the broadening.", ("replica-locality-broadened", "replica-privacy-broadened")),
    _fail(6, "MUST", "Restore without authority",
          "A restore (drill or live) needs an authority its recovery policy names, in force at `now` and "
          "covering the spec; otherwise it is refused and the failure receipt records the would-be actor and "
          "the missing authority.", ("restore-unauthorized",)),
    _fail(7, "MUST", "Restore drill never run",
          "A spec under a recovery policy that has never run a drill is surfaced; once the policy's drill "
          "horizon has passed since the last drill (or since binding) the binding is reported at risk.",
          ("drill-never-run", "binding-at-risk")),
    _fail(8, "MUST", "Archive quietly deleted",
          "Archival material is never deleted outside the governed expiration path.", ("archive-quiet-deletion",)),
    _fail(9, "MUST", "Integrity check fails",
          "A failed integrity check yields a failure receipt (success false); repairing canonical storage needs "
          "the integrity policy's named repair authority in force.",
          ("integrity-failed", "repair-authority-missing")),
    _fail(10, "MUST", "Anti-entropy divergence found",
          "A divergence yields a divergence receipt (success false); for canonical storage it is a governance "
          "event (no automatic repair), and any governed repair needs the replication policy's repair authority.",
          ("divergence-found", "divergence-repair-unauthorized")),
    _fail(11, "MUST", "Cache treated as canonical",
          "A spec naming cache / derived custody over the canonical storage class is refused.", ("cache-as-canonical",)),
    _fail(12, "MUST", "Secret material copied into ordinary backup",
          "A backup run of secret material (custody `secret` or privacy `SecretCredential`) by the ordinary "
          "mechanism is refused; only key rotation or key recovery may copy it.", ("secret-ordinary-backup",)),
    _fail(13, "MUST", "Export path missing for a binding that may exit",
          "A spec whose binding may exit has an export path, not 'none'.", ("export-path-missing",)),
    _fail(14, "MUST", "Recovery objective overclaimed as SLA",
          "A recovery objective that states numbers names the operational mechanism that delivers them.",
          ("sla-overclaim",)),
    _fail(15, "MUST", "Provider unavailable",
          "A provider outage leaves the spec valid and yields an outage receipt (success false); the response is "
          "to suspend or restore the provider, never a silent fallback.", ("provider-unavailable", "silent-fallback")),
    _fail(16, "MUST", "Stale policy reference",
          "A reference to a deprecated policy version fails closed: the bundle is not adoptable and operations "
          "on the spec are refused.", ("policy-deprecated",)),
    # --- copies: locality and privacy inheritance, encryption ---
    Requirement("SDP-COPY-001", SDP, "MUST", f"{SEED} BackupPolicy, Privacy inheritance (\"MUST be equal to or narrower\")",
                "A backup run whose target privacy discloses more than the source is refused unless a governance "
                "act names the broadening.", ("backup-privacy-broadened",)),
    Requirement("SDP-COPY-002", SDP, "MUST", f"{SEED} RecoveryPolicy, Restore-target constraints; Locality and privacy inheritance",
                "A restore target wider in locality or privacy than the source is refused unless a governance act "
                "names the broadening.", ("restore-target-broadened",)),
    Requirement("SDP-COPY-003", SDP, "MUST", f"{SEED} Locality and privacy inheritance (\"An export to an external custodian is governed\")",
                "An export target wider in locality or privacy than the source is refused unless a governance act "
                "names the broadening.", ("export-broadened",)),
    Requirement("SDP-COPY-004", SDP, "derived", f"{SEED} BackupPolicy, Encryption / key custody expectation; Locality and privacy inheritance, Per-class application",
                "A backup policy whose target privacy requires encryption (`PrivateOverlay`, `SecretCredential`, "
                "`ExternalCustodian`) names its key custody; a backup, replica or export of such material "
                "(source or target class) is encrypted.", ("encryption-unnamed", "copy-unencrypted")),
    # --- restore ---
    Requirement("SDP-RESTORE-001", SDP, "MUST", f"{SEED} Backup / export / restore authority, Restore of authoritative state",
                "A live restore of the canonical storage class is governed per restore: it names a restore-decision "
                "act in force for this spec and this operation.", ("restore-not-governed",)),
    Requirement("SDP-RESTORE-002", SDP, "MUST", f"{SEED} Restore-test receipts, Constraints (\"A drill that restores into production is a live restore\")",
                "A drill into the production environment is a live restore and needs the recovery policy's strict "
                "authority; its receipt is a restore-execution receipt.", ("drill-into-production",)),
    Requirement("SDP-RESTORE-003", SDP, "MUST", f"{SEED} Backup / export / restore authority, Emergency authority",
                "Emergency restore authority is bounded in time (`valid-until`), named in the recovery policy "
                "(with its review path), and used only within its bound.",
                ("emergency-unbounded", "emergency-not-named", "emergency-expired")),
    # --- archive and export ---
    Requirement("SDP-ARCHIVE-001", SDP, "MUST", f"{SEED} ArchivePolicy, Deletion / expiration (\"The default is never for Canonical storage\")",
                "A governed expiration uses the archive policy's named expiration authority, in force and covering "
                "the spec; a policy that names none never expires its archives.",
                ("archive-expiration-unauthorized",)),
    Requirement("SDP-EXPORT-001", SDP, "MUST", f"{SEED} Backup / export / restore authority, Export and exit",
                "Export of canonical, vault or secret material rests on a federation agreement or the spec's exit "
                "policy (which must then exist).", ("export-basis-missing",)),
    Requirement("SDP-EXPORT-002", SDP, "derived", f"{SEED} Backup / export / restore authority (Export and exit; Emergency authority); interpretation S10",
                "An export that presents an `authority` presents one that exists, is in force at `now`, covers the "
                "spec, and is a grant or a mandate: an emergency authority covers emergency restores only.",
                ("export-authority-invalid", "export-authority-emergency")),
    # --- the custody table (Storage class model), one requirement per cell that is a rule ---
    Requirement("SDP-CUSTODY-001", SDP, "derived", f"{TABLE}, Canonical store (\"Backup: mandatory\")",
                "A canonical-custody spec is never discardable (`discardable: true` is refused), so with "
                "SDP-FAIL-003 it always references a backup policy.", ("canonical-discardable",)),
    Requirement("SDP-CUSTODY-002", SDP, "derived", f"{TABLE}, Canonical store (\"Replication: mandatory\")",
                "A canonical-custody spec references a replication policy: an explicit none (single-copy) is refused.",
                ("canonical-replication-none",)),
    Requirement("SDP-CUSTODY-003", SDP, "derived", f"{TABLE}, Canonical store (\"Archive: mandatory\")",
                "A canonical-custody spec references an archive policy: an absent slot or an explicit none is refused.",
                ("canonical-archive-missing",)),
    Requirement("SDP-CUSTODY-004", SDP, "derived", f"{TABLE}, Secret / key material (\"Replication: only via key-rotation / recovery protocols\")",
                "A replica placement of secret material names mechanism `key-rotation` or `key-recovery`; an "
                "ordinary placement (mechanism `ordinary` or absent) is refused.", ("secret-ordinary-replication",)),
    Requirement("SDP-CUSTODY-005", SDP, "derived", f"{TABLE}, Secret / key material (\"Export: forbidden except by explicit policy\")",
                "An export of secret material is refused unless the spec's exit policy explicitly permits secret "
                "material (`exit.permits-secret: true`), whatever its basis.", ("secret-export-forbidden",)),
    Requirement("SDP-CUSTODY-006", SDP, "derived", f"{TABLE}, Scoped vault (\"Backup: encrypted\")",
                "A backup run of vault custody is encrypted, whatever the source's or target's privacy class.",
                ("vault-backup-unencrypted",)),
    # --- recovery scope: drills touching authoritative state, restore subsets and horizons ---
    Requirement("SDP-RESTORE-004", SDP, "MUST", f"{SEED} Restore-test receipts, Constraints (\"the policy names the proposal class that authorizes it\")",
                "A drill marked `touches-authoritative` needs its recovery policy to name an "
                "`authoritative-drill-class` and a restore-decision act in force for this spec and operation whose "
                "`proposal-class` is that class.", ("drill-touch-unauthorized",)),
    Requirement("SDP-RESTORE-005", SDP, "derived", f"{SEED} RecoveryPolicy, Restore type (\"the policy names which subsets are allowed\"); interpretation S22",
                "A partial restore under a recovery policy that names `partial-subsets` names one of them as its "
                "`subset`.", ("restore-subset-not-allowed",)),
    Requirement("SDP-RESTORE-006", SDP, "derived", f"{SEED} RecoveryPolicy, Restore type (\"the policy names which historical horizons are accessible\"); interpretation S22",
                "A point-in-time restore under a recovery policy that names `point-in-time-horizon-days` names a "
                "`point-in-time` no earlier than `now` minus the horizon and no later than `now`.",
                ("restore-horizon-exceeded",)),
    # --- operations and receipts ---
    Requirement("SDP-OP-001", SDP, "derived", f"{FAIL} (\"fail closed, surface honestly, never silently fall back\")",
                "An operation on a spec that is not adoptable (an error on the spec or on a policy it references) "
                "is refused.", ("spec-not-adopted",)),
    Requirement("SDP-OP-002", SDP, "derived", f"{SEED} Backup / export / restore authority (\"the policy is the standing authority\")",
                "A backup run, replica placement, restore, archive expiration, integrity repair or divergence repair "
                "needs the spec to reference the policy of that kind.", ("policy-required",)),
    Requirement("SDP-RECEIPT-001", SDP, "MUST", f"{SEED} Operational backup execution (\"Every backup execution emits evidence regardless\"); BackupPolicy Receipt classes",
                "Every backup run emits a receipt: a creation receipt when it succeeds, a failure receipt with "
                "success false when it fails or is refused.", ("backup-failed",)),
    Requirement("SDP-RECEIPT-002", SDP, "MUST", f"{SEED} Restore-test receipts, What the receipt records; Failure",
                "A drill emits a restore-test receipt naming source, version and hash, target environment, locality, "
                "custody and privacy, authority, and each check's outcome; any failed check makes it success false.",
                ("drill-failed",)),
)


def _c(code: str, sev: str, req: str, meaning: str) -> Code:
    return Code(SDP, code, sev, req, meaning)


CODES: tuple[Code, ...] = (
    _c("json-encoding", "error", "SDP-JSON-001", "not UTF-8, or starts with a byte order mark"),
    _c("json-syntax", "error", "SDP-JSON-001", "not exactly one JSON value (syntax error or trailing data)"),
    _c("json-duplicate-key", "error", "SDP-JSON-001", "an object repeats a member name"),
    _c("json-lone-surrogate", "error", "SDP-JSON-001", "a string holds a lone UTF-16 surrogate"),
    _c("json-number", "error", "SDP-JSON-001", "a number is NaN, infinite, or outside the IEEE 754 double domain"),
    _c("schema-required", "error", "SDP-FORMAT-001", "a required member is missing"),
    _c("schema-closed", "error", "SDP-FORMAT-002", "a member the schema does not define for this object"),
    _c("schema-shape", "error", "SDP-FORMAT-003", "a member has the wrong type, pattern, value or bounds"),
    _c("timestamp-invalid", "error", "SDP-FORMAT-004", "a timestamp is not an RFC 3339 date-time"),
    _c("locality-unknown", "error", "SDP-FORMAT-005", "a locality is not one of the kernel's four serialized names"),
    _c("storage-class-unknown", "error", "SDP-FORMAT-005", "a storage class is not one of the kernel's three serialized names"),
    _c("custody-unknown", "error", "SDP-FORMAT-006", "a custody class is not one of the seven"),
    _c("privacy-unknown", "error", "SDP-FORMAT-006", "a privacy class is not one of the seven"),
    _c("id-duplicate", "error", "SDP-FORMAT-007", "an identifier (or policy id and version) repeats"),
    _c("reference-unknown", "error", "SDP-FORMAT-008", "a structural reference names nothing in the bundle"),
    _c("replication-policy-missing", "error", "SDP-SPEC-001", "no replication policy reference and no explicit none"),
    _c("exit-policy-missing", "error", "SDP-SPEC-001", "no export / exit requirement and no explicit none"),
    _c("spec-widens-manifest", "error", "SDP-SPEC-002", "the spec's locality or privacy is wider than its manifest's"),
    _c("policy-unknown", "error", "SDP-SPEC-003", "a policy reference resolves to no policy of that kind and version"),
    _c("policy-not-adopted", "error", "SDP-SPEC-003", "a referenced policy version is draft or proposed"),
    _c("policy-superseded", "warning", "SDP-SPEC-004", "a referenced policy version is superseded"),
    _c("policy-broadens-bound", "error", "SDP-SPEC-005", "a referenced policy's target is wider than the spec, with no governance act"),
    _c("spec-missing", "error", "SDP-FAIL-001", "a binding declares storage but no spec is bound"),
    _c("custody-missing", "error", "SDP-FAIL-002", "a spec has no custody class"),
    _c("backup-policy-missing", "error", "SDP-FAIL-003", "no backup policy, or 'none' for state not declared discardable"),
    _c("backup-locality-broadened", "error", "SDP-FAIL-004", "a backup target's locality is wider than the source's"),
    _c("replica-locality-broadened", "error", "SDP-FAIL-005", "a replica target's locality is wider than the source's"),
    _c("replica-privacy-broadened", "error", "SDP-FAIL-005", "a replica target discloses more than the source"),
    _c("restore-unauthorized", "error", "SDP-FAIL-006", "no named restore authority in force for this spec"),
    _c("drill-never-run", "warning", "SDP-FAIL-007", "no restore drill has run for this spec"),
    _c("binding-at-risk", "warning", "SDP-FAIL-007", "the drill horizon has passed since the last drill (or binding)"),
    _c("archive-quiet-deletion", "error", "SDP-FAIL-008", "archival material deleted outside the governed path"),
    _c("integrity-failed", "warning", "SDP-FAIL-009", "an integrity check failed (a fact, recorded with a failure receipt)"),
    _c("repair-authority-missing", "error", "SDP-FAIL-009", "a canonical repair without the named repair authority in force"),
    _c("divergence-found", "warning", "SDP-FAIL-010", "replicas diverged (a fact, recorded with a divergence receipt)"),
    _c("divergence-repair-unauthorized", "error", "SDP-FAIL-010", "automatic repair of canonical storage, or a governed repair without the repair authority"),
    _c("cache-as-canonical", "error", "SDP-FAIL-011", "cache / derived custody over the canonical storage class"),
    _c("secret-ordinary-backup", "error", "SDP-FAIL-012", "secret material in an ordinary backup"),
    _c("export-path-missing", "error", "SDP-FAIL-013", "the binding may exit and the spec has no export path"),
    _c("sla-overclaim", "error", "SDP-FAIL-014", "a numeric recovery objective without a named mechanism"),
    _c("provider-unavailable", "warning", "SDP-FAIL-015", "a storage or backup provider is down (a fact)"),
    _c("silent-fallback", "error", "SDP-FAIL-015", "an outage answered by silently falling back to another provider"),
    _c("policy-deprecated", "error", "SDP-FAIL-016", "a referenced policy version is deprecated"),
    _c("backup-privacy-broadened", "error", "SDP-COPY-001", "a backup target discloses more than the source"),
    _c("restore-target-broadened", "error", "SDP-COPY-002", "a restore target is wider in locality or privacy than the source"),
    _c("export-broadened", "error", "SDP-COPY-003", "an export target is wider in locality or privacy than the source"),
    _c("encryption-unnamed", "error", "SDP-COPY-004", "a backup policy targeting an encrypted privacy class names no key custody"),
    _c("copy-unencrypted", "error", "SDP-COPY-004", "a copy of material that requires encryption is not encrypted"),
    _c("restore-not-governed", "error", "SDP-RESTORE-001", "a live canonical restore without its restore-decision act"),
    _c("drill-into-production", "error", "SDP-RESTORE-002", "a drill into production without the strict authority"),
    _c("emergency-unbounded", "error", "SDP-RESTORE-003", "an emergency authority without a time bound"),
    _c("emergency-not-named", "error", "SDP-RESTORE-003", "an emergency restore without the emergency authority the policy names"),
    _c("emergency-expired", "error", "SDP-RESTORE-003", "an emergency restore outside the authority's time bound"),
    _c("archive-expiration-unauthorized", "error", "SDP-ARCHIVE-001", "a governed expiration without the named expiration authority in force"),
    _c("export-basis-missing", "error", "SDP-EXPORT-001", "an export of governed material without agreement or exit policy"),
    _c("export-authority-invalid", "error", "SDP-EXPORT-002", "an export presents an authority that is unknown, not in force, or not covering the spec"),
    _c("export-authority-emergency", "error", "SDP-EXPORT-002", "an export presents an emergency authority"),
    _c("canonical-discardable", "error", "SDP-CUSTODY-001", "a canonical-custody spec declares itself discardable"),
    _c("canonical-replication-none", "error", "SDP-CUSTODY-002", "a canonical-custody spec records no replication (explicit none)"),
    _c("canonical-archive-missing", "error", "SDP-CUSTODY-003", "a canonical-custody spec references no archive policy"),
    _c("secret-ordinary-replication", "error", "SDP-CUSTODY-004", "secret material placed as an ordinary replica"),
    _c("secret-export-forbidden", "error", "SDP-CUSTODY-005", "secret material exported without an exit policy that permits it"),
    _c("vault-backup-unencrypted", "error", "SDP-CUSTODY-006", "a backup run of vault custody is not encrypted"),
    _c("drill-touch-unauthorized", "error", "SDP-RESTORE-004", "a drill touching authoritative state without the policy's proposal class"),
    _c("restore-subset-not-allowed", "error", "SDP-RESTORE-005", "a partial restore of a subset the recovery policy does not allow"),
    _c("restore-horizon-exceeded", "error", "SDP-RESTORE-006", "a point-in-time restore outside the recovery policy's horizon"),
    _c("spec-not-adopted", "error", "SDP-OP-001", "the operation's spec is not adoptable"),
    _c("policy-required", "error", "SDP-OP-002", "the spec references no policy of the kind this operation needs"),
    _c("backup-failed", "warning", "SDP-RECEIPT-001", "an allowed backup run failed (failure receipt, success false)"),
    _c("drill-failed", "warning", "SDP-RECEIPT-002", "an allowed drill had a failing check (restore-test receipt, success false)"),
)
