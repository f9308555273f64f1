"""The adapter protocol's message helpers (CONFORMANCE.md, "Adapter protocol").

Every adapter, in-process or over a process boundary, sees the same JSON messages.
Documents travel as raw JSON text: ``{"text": "..."}`` when the bytes are valid UTF-8,
``{"base64": "..."}`` otherwise, so byte-level adversarial input arrives intact.
"""

from __future__ import annotations

import base64

PROTOCOL_VERSION = 1
OPERATIONS = ("verify", "classify", "lifecycle", "evaluate")
KIND_NAA = "node-address-attestation.v1"
KIND_ADV = "node-advertisement.v1"
KIND_BIND = "participant-bind.v1"
KIND_ATTACH = "client-instance-attachment.v1"
KIND_DETACH = "client-instance-detachment.v1"
KIND_RECOVERY = "client-instance-recovery.v1"
KIND_STORAGE = "storage-policy-bundle.v1"
CIR_KINDS = (KIND_BIND, KIND_ATTACH, KIND_DETACH, KIND_RECOVERY)
LIFECYCLE_KINDS = (KIND_ATTACH, KIND_DETACH, KIND_RECOVERY)
# An implementation that does not list its kinds in `start` is taken to support only the first family's.
DEFAULT_KINDS = (KIND_NAA,)


class ProtocolError(Exception):
    """A message that breaks the protocol (harness error, never a verdict)."""


def encode_document(raw: bytes, kind: str | None = None) -> dict:
    out = {"kind": kind} if kind else {}
    try:
        out["text"] = raw.decode("utf-8", errors="strict")
    except UnicodeDecodeError:
        out["base64"] = base64.b64encode(raw).decode("ascii")
    return out


def decode_document(document: dict) -> bytes:
    if not isinstance(document, dict):
        raise ProtocolError("document must be an object with 'text' or 'base64'")
    if "text" in document and isinstance(document["text"], str):
        return document["text"].encode("utf-8", errors="surrogatepass")
    if "base64" in document and isinstance(document["base64"], str):
        return base64.b64decode(document["base64"], validate=True)
    raise ProtocolError("document must be an object with 'text' or 'base64'")


def document_kind(document: dict) -> str:
    kind = document.get("kind") if isinstance(document, dict) else None
    if not isinstance(kind, str):
        raise ProtocolError("a context or lifecycle document must name its 'kind'")
    return kind


def result_of(verdict: str, trust_class, codes) -> dict:
    return {"verdict": verdict, "class": trust_class, "codes": sorted(set(codes))}


FAMILY_OF_KIND = {
    KIND_NAA: "node-address-attestation",
    **{k: "client-instance-recovery" for k in CIR_KINDS},
    KIND_STORAGE: "storage-policy",
}
