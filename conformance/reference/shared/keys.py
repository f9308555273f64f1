"""did:key Ed25519 identities and strict base64url signature values.

``node:``/``participant:``/``org:`` signers carry ``did:key:z…``: multibase ``z`` (base58btc,
via the ``base58`` package), multicodec varint 0xed01, then the 32-byte public key.
Seed Directory signers (``seed-directory:…``) have no self-certifying key: their keys
come from the trust configuration.
"""

from __future__ import annotations

import base64
import re
from functools import lru_cache

import base58

ED25519_MULTICODEC = b"\xed\x01"
ROLE_PREFIXES = ("node:", "participant:", "org:")
_B64URL_SIG = re.compile(r"[A-Za-z0-9_-]{85}[AQgw]")  # 86 chars; last one has 4 zero pad bits


class KeyError_(ValueError):
    """A key or signature encoding that does not decode."""


def decode_multibase_ed25519(fingerprint: str) -> bytes:
    if not isinstance(fingerprint, str) or not fingerprint.startswith("z"):
        raise KeyError_("multibase prefix is not 'z' (base58btc)")
    return _decode_z(fingerprint)


@lru_cache(maxsize=4096)  # the same signer keys recur across a run; failures are not cached
def _decode_z(fingerprint: str) -> bytes:
    try:
        raw = base58.b58decode(fingerprint[1:].encode("ascii"))
    except (ValueError, UnicodeEncodeError) as exc:
        raise KeyError_(f"not base58btc: {exc}") from None
    if raw[:2] != ED25519_MULTICODEC:
        raise KeyError_(f"multicodec prefix is {raw[:2].hex()}, not ed01 (ed25519-pub)")
    if len(raw) != 34:
        raise KeyError_(f"Ed25519 public key is {len(raw) - 2} bytes, not 32")
    return raw[2:]


def encode_multibase_ed25519(public_key: bytes) -> str:
    return "z" + base58.b58encode(ED25519_MULTICODEC + public_key).decode("ascii")


def did_key_public_key(identity: str) -> bytes:
    """Public key of ``<role>:did:key:z…`` (role optional)."""
    rest = identity
    for prefix in ROLE_PREFIXES:
        if rest.startswith(prefix):
            rest = rest[len(prefix):]
            break
    if not rest.startswith("did:key:"):
        raise KeyError_(f"{identity!r} is not a did:key identity")
    return decode_multibase_ed25519(rest[len("did:key:"):])


def is_did_key_identity(identity: str) -> bool:
    return isinstance(identity, str) and any(
        identity.startswith(p + "did:key:") for p in ROLE_PREFIXES
    )


def decode_signature_value(value: str) -> bytes:
    """Strict unpadded base64url of exactly 64 bytes with zero pad bits; else KeyError_."""
    if not isinstance(value, str) or not _B64URL_SIG.fullmatch(value):
        if isinstance(value, str) and "=" in value:
            raise KeyError_("signature value is padded ('=' is not allowed)")
        if isinstance(value, str) and ("+" in value or "/" in value):
            raise KeyError_("signature value uses the standard base64 alphabet, not base64url")
        raise KeyError_("signature value is not 86 characters of canonical unpadded base64url (64 bytes)")
    return base64.urlsafe_b64decode(value + "==")
