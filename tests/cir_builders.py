"""Hand-built client-instance artifacts for the reference's unit tests (and its mutants' test).

Keys come from fixed 32-byte seeds; signatures are made here, independently of the
reference: Ed25519 over UTF-8(prefix) || RFC 8785(object without its ``proof/…`` members).
Every builder returns a fresh dict, so a test may edit it freely.
"""

from __future__ import annotations

import base64
import json

from nacl.signing import SigningKey

from conformance.reference.shared.canonical import canonical_bytes
from conformance.reference.shared.keys import encode_multibase_ed25519

P1, P2 = SigningKey(b"\x01" * 32), SigningKey(b"\x02" * 32)  # participants
N1, N2, N3 = SigningKey(b"\x11" * 32), SigningKey(b"\x12" * 32), SigningKey(b"\x13" * 32)  # serving nodes

BIND, ATT, DET, REC = ("participant-bind.v1", "client-instance-attachment.v1",
                       "client-instance-detachment.v1", "client-instance-recovery.v1")

T_ATT = "2026-03-28T19:42:00Z"
T_DET = "2026-03-28T20:05:00Z"
T_REC = "2026-03-28T20:25:00Z"
NOW = "2026-03-28T21:00:00Z"


def key_text(sk: SigningKey) -> str:
    return encode_multibase_ed25519(bytes(sk.verify_key))


def pid(sk: SigningKey) -> str:
    return "participant:did:key:" + key_text(sk)


def nid(sk: SigningKey) -> str:
    return "node:did:key:" + key_text(sk)


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def unsigned(statement: dict) -> dict:
    return {k: v for k, v in statement.items() if not k.startswith("proof/")}


def proof(sk: SigningKey, statement: dict, prefix: str = "", alg: str = "ed25519") -> dict:
    message = prefix.encode("utf-8") + canonical_bytes(unsigned(statement))
    return {"alg": alg, "value": b64url(sk.sign(message).signature)}


def bind(p: SigningKey = P1, node: SigningKey = N1, at: str = T_ATT, bind_id: str = "pb:1",
         session: str = "sess:1", signer: SigningKey | None = None, prefix: str = "",
         attest: SigningKey | None = None, **members) -> dict:
    """A participant-bind signed by ``signer`` (default: the participant); ``members`` are
    set before signing (names with ``/`` go through ``**{"a/b": v}``)."""
    doc = {
        "schema/v": 1, "bind/id": bind_id, "bound-at": at, "participant/id": pid(p),
        "via/node-id": nid(node), "session/id": session, "participant/key/alg": "ed25519",
        "participant/key/public": key_text(p),
    }
    doc.update(members)
    doc["proof/participant-signature"] = proof(signer or p, doc, prefix)
    if attest is not None:
        doc["proof/node-attestation"] = proof(attest, doc)
    return doc


def attachment(att_id: str = "attach:1", at: str = T_ATT, node: SigningKey = N1, instance: str = "client:a",
               p: SigningKey = P1, allowed: bool = True, bind_: dict | None = None, **members) -> dict:
    doc = {
        "schema/v": 1, "attachment/id": att_id, "attached-at": at, "profile/type": "pod-client",
        "serving-node/id": nid(node), "client-instance/id": instance, "session/state": "attached",
        "export/capable?": True, "migration/allowed?": allowed,
        "participant-bind": bind_ if bind_ is not None else bind(p, node, at),
    }
    doc.update(members)
    return doc


def detachment(det_id: str = "detach:1", att_id: str = "attach:1", at: str = T_DET, node: SigningKey = N1,
               instance: str = "client:a", p: SigningKey = P1, bind_: dict | None = None,
               attest: SigningKey | None = None, **members) -> dict:
    doc = {
        "schema/v": 1, "detachment/id": det_id, "detached-at": at, "attachment/id": att_id,
        "serving-node/id": nid(node), "client-instance/id": instance, "detach/reason": "user-request",
        # A detachment reuses the bind of its session: asserted at attachment time.
        "participant-bind": bind_ if bind_ is not None else bind(p, node, T_ATT),
    }
    doc.update(members)
    if attest is not None:
        doc["proof/node-attestation"] = proof(attest, doc)
    return doc


def recovery(rec_id: str = "recover:1", det_id: str = "detach:1", at: str = T_REC, node: SigningKey = N1,
             instance: str = "client:b", mode: str = "replace-device", p: SigningKey = P1,
             bind_: dict | None = None, attest: SigningKey | None = None, **members) -> dict:
    doc = {
        "schema/v": 1, "recovery/id": rec_id, "recovered-at": at, "serving-node/id": nid(node),
        "client-instance/id": instance, "recovery/mode": mode, "recovery/from-detachment-id": det_id,
        "participant-bind": bind_ if bind_ is not None else bind(p, node, at, bind_id="pb:" + rec_id),
    }
    doc.update(members)
    if attest is not None:
        doc["proof/node-attestation"] = proof(attest, doc)
    return doc


def kind_of(doc: dict) -> str:
    for member, kind in (("recovery/id", REC), ("detachment/id", DET), ("attachment/id", ATT)):
        if member in doc:
            return kind
    return BIND


def enc(doc) -> bytes:
    return json.dumps(doc).encode("utf-8")


def item(doc: dict) -> tuple[str, bytes]:
    return kind_of(doc), enc(doc)
