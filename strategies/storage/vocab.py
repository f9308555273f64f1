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
        # a partial order (S1 ``partial:``): {"order": [...], "incomparable": [classes]}; an incomparable
        # class is comparable only with itself
        order, incomparable = privacy_order, ()
        if isinstance(privacy_order, dict):
            order, incomparable = privacy_order["order"], tuple(privacy_order.get("incomparable", ()))
        order = DEFAULT_PRIVACY_ORDER if order is None else order
        self.privacy = {}
        for rank, item in enumerate(order):
            for name in (item if isinstance(item, (list, tuple)) else [item]):
                self.privacy[name] = rank
        for name in incomparable:  # a rank for sorting only: comparisons go through wider / narrower
            self.privacy[name] = len(order)
        self.incomparable = frozenset(incomparable)
        assert set(self.privacy) == set(PRIVACY), "privacy-order must rank all seven classes"
        self.locality = {name: rank for rank, name in enumerate(LOCALITIES)}
        self._at_most: dict = {}
        if isinstance(privacy_order, dict):
            self.option = {"order": [list(i) if isinstance(i, (list, tuple)) else i for i in order],
                           "incomparable": list(incomparable)}
        else:
            self.option = None if privacy_order is None else [list(i) if isinstance(i, (list, tuple)) else i
                                                              for i in privacy_order]

    def rank(self, dimension: str, value: str) -> int:
        return (self.locality if dimension == "locality" else self.privacy)[value]

    def values(self, dimension: str) -> tuple[str, ...]:
        return LOCALITIES if dimension == "locality" else PRIVACY

    def _incomparable(self, dimension: str, a: str, b: str) -> bool:
        return dimension == "privacy" and a != b and (a in self.incomparable or b in self.incomparable)

    def wider(self, dimension: str, a: str, b: str) -> bool:
        """A copy from ``b`` to ``a`` broadens: ``a`` ranks higher, or the two are incomparable."""
        return self._incomparable(dimension, a, b) or self.rank(dimension, a) > self.rank(dimension, b)

    def narrower(self, dimension: str, a: str, b: str) -> bool:
        """``a`` is comparable with ``b`` and ranks strictly lower."""
        return not self._incomparable(dimension, a, b) and self.rank(dimension, a) < self.rank(dimension, b)

    def _sorted(self, dimension: str, values) -> list[str]:
        return sorted(values, key=lambda v: (self.rank(dimension, v), v))

    def at_most(self, dimension: str, bound: str) -> list[str]:
        key = (dimension, bound)  # asked several times per unit drawn: remembered (a copy is returned)
        if key not in self._at_most:
            self._at_most[key] = self._sorted(dimension, (v for v in self.values(dimension)
                                                          if not self.wider(dimension, v, bound)))
        return list(self._at_most[key])

    def at_least(self, dimension: str, bound: str) -> list[str]:
        """The values a copy to ``bound`` does not broaden beyond (an act's `to` that covers it)."""
        return self._sorted(dimension, (v for v in self.values(dimension) if not self.wider(dimension, bound, v)))

    def wider_than(self, dimension: str, bound: str) -> list[str]:
        return self._sorted(dimension, (v for v in self.values(dimension) if self.wider(dimension, v, bound)))

    def narrower_than(self, dimension: str, bound: str) -> list[str]:
        return self._sorted(dimension, (v for v in self.values(dimension) if self.narrower(dimension, v, bound)))
