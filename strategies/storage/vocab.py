"""The names a storage-policy bundle uses, and the orders the case builders reason with.

Written independently of the reference evaluator (strategies never import it): the kernel's
locality order, interpretation S1's privacy order (or an implementer's substitute), and the
seven custody classes with the kernel storage classes each may sit on.
"""

from __future__ import annotations

KIND = "storage-policy-bundle.v1"
SCHEMA = "storage-policy-bundle.v1"

LOCALITIES = ("cell_local", "coop_replicated", "federation_mirrored", "commons_public")
PRIVACY = ("Public", "MembersOnly", "ScopeRestricted", "PrivateOverlay", "SecretCredential",
           "ExternalCustodian", "SealedUntil")
DEFAULT_PRIVACY_ORDER = ("SecretCredential", "SealedUntil", "PrivateOverlay", "ScopeRestricted",
                         "MembersOnly", "ExternalCustodian", "Public")
ENCRYPTED = frozenset({"PrivateOverlay", "SecretCredential", "ExternalCustodian"})
CUSTODY = ("canonical", "service-state", "artifact", "volume", "vault", "secret", "derived")
GOVERNED_EXPORT = frozenset({"canonical", "vault", "secret"})
# Kernel storage classes a custody class may sit on (the seed's mapping; cache never on canonical).
STORAGE_FOR = {
    "canonical": ("canonical",),
    "service-state": ("service_state",),
    "artifact": ("blobs",),
    "volume": ("service_state", "blobs"),
    "vault": ("blobs", "service_state"),
    "secret": ("canonical", "blobs"),
    "derived": ("service_state", "blobs"),
}
POLICY_KINDS = ("backup", "replication", "recovery", "archive", "integrity")
CHECKS = ("integrity", "content-equivalence", "schema-compatibility")


class Order:
    """Ranks for both dimensions: locality by the kernel, privacy by the order in force."""

    def __init__(self, privacy_order=None):
        order = DEFAULT_PRIVACY_ORDER if privacy_order is None else privacy_order
        self.privacy = {}
        for rank, item in enumerate(order):
            for name in (item if isinstance(item, (list, tuple)) else [item]):
                self.privacy[name] = rank
        assert set(self.privacy) == set(PRIVACY), "privacy-order must rank all seven classes"
        self.locality = {name: rank for rank, name in enumerate(LOCALITIES)}
        self.option = None if privacy_order is None else [list(i) if isinstance(i, (list, tuple)) else i
                                                          for i in privacy_order]

    def rank(self, dimension: str, value: str) -> int:
        return (self.locality if dimension == "locality" else self.privacy)[value]

    def values(self, dimension: str) -> tuple[str, ...]:
        return LOCALITIES if dimension == "locality" else PRIVACY

    def at_most(self, dimension: str, bound: str) -> list[str]:
        r = self.rank(dimension, bound)
        return sorted((v for v in self.values(dimension) if self.rank(dimension, v) <= r),
                      key=lambda v: (self.rank(dimension, v), v))

    def wider_than(self, dimension: str, bound: str) -> list[str]:
        r = self.rank(dimension, bound)
        return sorted((v for v in self.values(dimension) if self.rank(dimension, v) > r),
                      key=lambda v: (self.rank(dimension, v), v))

    def narrower_than(self, dimension: str, bound: str) -> list[str]:
        r = self.rank(dimension, bound)
        return sorted((v for v in self.values(dimension) if self.rank(dimension, v) < r),
                      key=lambda v: (self.rank(dimension, v), v))
