"""Fixed, labelled Ed25519 test keys. Test fixtures only: never use them for anything real.

``upstream-0x29`` is the 32 x 0x29 seed of the upstream networking signing vectors; the
others are SHA-256("orbiplex-conformance test key: <label>").
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache

import base58
from nacl.signing import SigningKey

ED25519_MULTICODEC = b"\xed\x01"


@dataclass(frozen=True)
class TestKey:
    label: str
    seed: bytes

    @property
    def public(self) -> bytes:
        return _public(self.seed)

    @property
    def multibase(self) -> str:
        return _multibase(self.seed)

    @property
    def node_id(self) -> str:
        return "node:did:key:" + self.multibase

    def sign(self, message: bytes) -> bytes:
        return _signing_key(self.seed).sign(message).signature

    def as_dict(self) -> dict:
        return {"seed": self.seed.hex(), "public": self.public.hex(), "multibase": self.multibase}


# Derived once per key (a handful of fixed keys): re-deriving per use was a visible share of generation.
@lru_cache(maxsize=None)
def _signing_key(seed: bytes) -> SigningKey:
    return SigningKey(seed)


@lru_cache(maxsize=None)
def _public(seed: bytes) -> bytes:
    return bytes(_signing_key(seed).verify_key)


@lru_cache(maxsize=None)
def _multibase(seed: bytes) -> str:
    return "z" + base58.b58encode(ED25519_MULTICODEC + _public(seed)).decode("ascii")


def _derived(label: str) -> TestKey:
    return TestKey(label, hashlib.sha256(f"orbiplex-conformance test key: {label}".encode()).digest())


UPSTREAM = TestKey("upstream-0x29", b"\x29" * 32)
NODES = (UPSTREAM,) + tuple(_derived(f"node-{i}") for i in range(1, 8))
DIRECTORIES = tuple(_derived(f"seed-directory-{i}") for i in range(1, 4))
STRANGER = _derived("stranger")


@lru_cache(maxsize=None)
def flood_node(i: int) -> TestKey:
    """The i-th extra node key, for endpoint-collision floods."""
    return _derived(f"flood-{i}")


def directory_id(key: TestKey) -> str:
    return "seed-directory:" + key.label


def by_label(label: str) -> TestKey:
    for key in NODES + DIRECTORIES + (STRANGER,):
        if key.label == label:
            return key
    raise KeyError(label)
