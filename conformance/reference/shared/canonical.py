"""RFC 8785 canonical bytes (the ``rfc8785`` package, through its faster equal conformance/jcs.py) and the
suite's SHA-256 digests."""

from __future__ import annotations

import base64
import hashlib
import re

from conformance import jcs

DIGEST_PREFIX = "sha256:"
_B64URL_43 = re.compile(r"[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]")  # 43 chars, last one has 2 zero pad bits


def canonical_bytes(value) -> bytes:
    return jcs.dumps(value)


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def sha256_digest(data: bytes) -> str:
    return DIGEST_PREFIX + b64url(hashlib.sha256(data).digest())


def digest_of(value) -> str:
    """``sha256:`` + unpadded base64url of SHA-256 over the RFC 8785 bytes of ``value``."""
    return sha256_digest(canonical_bytes(value))


def claim_of(target_node_id: str, endpoint: dict) -> dict:
    return {"target/node-id": target_node_id, "endpoint": endpoint}


def is_strict_sha256_digest(text) -> bool:
    """``sha256:`` then exactly the canonical unpadded base64url encoding of 32 bytes."""
    return isinstance(text, str) and text.startswith(DIGEST_PREFIX) and bool(
        _B64URL_43.fullmatch(text[len(DIGEST_PREFIX):])
    )
