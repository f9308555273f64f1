"""Names the storage-policy bundle uses: the kernel's serialized enums, the seed's design-level
taxonomies, and which privacy classes need encryption. One place, no logic."""

from __future__ import annotations

SCHEMA_NAME = "storage-policy-bundle.v1.json"
FAMILY = "storage-policy"

# Kernel DataLocality, narrowest first (the kernel's own order).
LOCALITIES = ("cell_local", "coop_replicated", "federation_mirrored", "commons_public")
STORAGE_CLASSES = ("canonical", "service_state", "blobs")
CUSTODY_CLASSES = ("canonical", "service-state", "artifact", "volume", "vault", "secret", "derived")
PRIVACY_CLASSES = ("Public", "MembersOnly", "ScopeRestricted", "PrivateOverlay", "SecretCredential",
                   "ExternalCustodian", "SealedUntil")

# Interpretation S1 (CONFORMANCE.md): narrowest disclosure first. Substitutable via options["privacy-order"].
DEFAULT_PRIVACY_ORDER = ("SecretCredential", "SealedUntil", "PrivateOverlay", "ScopeRestricted",
                         "MembersOnly", "ExternalCustodian", "Public")

# The seed: these classes require encryption and a named key-custody model.
ENCRYPTED_PRIVACY = frozenset({"PrivateOverlay", "SecretCredential", "ExternalCustodian"})

POLICY_KINDS = ("backup", "replication", "recovery", "archive", "integrity")
USABLE_STATUSES = frozenset({"adopted", "superseded"})

# Custody classes whose export needs a federation agreement or the exit policy.
GOVERNED_EXPORT_CUSTODY = frozenset({"canonical", "vault", "secret"})
