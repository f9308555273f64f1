"""The adapter protocol's message helpers (CONFORMANCE.md, "Adapter protocol").

Every adapter, in-process or over a process boundary, sees the same JSON messages.
Documents travel as raw JSON text: ``{"text": "..."}`` when the bytes are valid UTF-8,
``{"base64": "..."}`` otherwise, so byte-level adversarial input arrives intact.
"""

from __future__ import annotations

import base64

PROTOCOL_VERSION = 1
OPERATIONS = ("verify", "classify")
KIND_NAA = "node-address-attestation.v1"


class ProtocolError(Exception):
    """A message that breaks the protocol (harness error, never a verdict)."""


def encode_document(raw: bytes) -> dict:
    try:
        return {"text": raw.decode("utf-8", errors="strict")}
    except UnicodeDecodeError:
        return {"base64": base64.b64encode(raw).decode("ascii")}


def decode_document(document: dict) -> bytes:
    if not isinstance(document, dict):
        raise ProtocolError("document must be an object with 'text' or 'base64'")
    if "text" in document and isinstance(document["text"], str):
        return document["text"].encode("utf-8", errors="surrogatepass")
    if "base64" in document and isinstance(document["base64"], str):
        return base64.b64decode(document["base64"], validate=True)
    raise ProtocolError("document must be an object with 'text' or 'base64'")


def result_of(verdict: str, trust_class, codes) -> dict:
    return {"verdict": verdict, "class": trust_class, "codes": sorted(set(codes))}
