"""Ed25519 verification (PyNaCl/libsodium) over the suite's signing input.

Default signing input: the RFC 8785 bytes of the statement with ``signature`` omitted.
The named option ``signing-prefix`` prepends domain-separation bytes (UTF-8) to it.
libsodium already refuses S >= L, small-order and non-canonical points; S is checked
here as well so that the policy does not depend on the library version.
"""

from __future__ import annotations

from nacl.exceptions import BadSignatureError
from nacl.signing import SigningKey, VerifyKey

from .canonical import canonical_bytes

# Order of the Ed25519 base point (RFC 8032 §5.1).
L = 2**252 + 27742317777372353535851937790883648493


def signing_input(statement: dict, prefix: str = "") -> bytes:
    body = {k: v for k, v in statement.items() if k != "signature"}
    return prefix.encode("utf-8") + canonical_bytes(body)


def s_is_canonical(signature: bytes) -> bool:
    return int.from_bytes(signature[32:], "little") < L


def verify(public_key: bytes, message: bytes, signature: bytes) -> bool:
    if len(signature) != 64 or len(public_key) != 32 or not s_is_canonical(signature):
        return False
    try:
        VerifyKey(public_key).verify(message, signature)
    except (BadSignatureError, ValueError, TypeError):
        return False
    except Exception:  # libsodium refuses some keys outright (e.g. small order)
        return False
    return True


def sign(seed: bytes, message: bytes) -> bytes:
    return SigningKey(seed).sign(message).signature


def public_key(seed: bytes) -> bytes:
    return bytes(SigningKey(seed).verify_key)
