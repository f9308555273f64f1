"""Local trust configuration: Seed Directory signer keys and trusted peer nodes.

JSON form (in requests and ``--trust FILE``)::

    {"seed-directories": {"seed-directory:main": "z6Mk…"},   # multibase Ed25519 keys
     "trusted-peers": ["node:did:key:z6Mk…"]}
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..shared.keys import KeyError_, decode_multibase_ed25519


class TrustConfigError(ValueError):
    pass


@dataclass(frozen=True)
class TrustConfig:
    directories: dict = field(default_factory=dict)  # signer id -> 32-byte key
    peers: frozenset = frozenset()

    @classmethod
    def from_json(cls, data) -> "TrustConfig":
        if data is None:
            return cls()
        if not isinstance(data, dict):
            raise TrustConfigError("trust configuration must be a JSON object")
        unknown = set(data) - {"seed-directories", "trusted-peers"}
        if unknown:
            raise TrustConfigError(f"unknown trust configuration members: {sorted(unknown)}")
        directories = {}
        for signer, key in (data.get("seed-directories") or {}).items():
            if not signer.startswith("seed-directory:"):
                raise TrustConfigError(f"/seed-directories/{signer}: ids start with 'seed-directory:'")
            try:
                directories[signer] = decode_multibase_ed25519(key)
            except KeyError_ as exc:
                raise TrustConfigError(f"/seed-directories/{signer}: {exc}") from None
        peers = data.get("trusted-peers") or []
        if not isinstance(peers, list):
            raise TrustConfigError("/trusted-peers must be a list of node ids")
        for i, peer in enumerate(peers):
            if not isinstance(peer, str) or not peer.startswith("node:did:key:z"):
                raise TrustConfigError(f"/trusted-peers/{i}: expected a node:did:key:z... id, got {peer!r}")
        return cls(directories, frozenset(peers))
