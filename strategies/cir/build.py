"""Builders for participant-bind.v1 and the attachment, detachment and recovery artifacts.

Signing input (CONFORMANCE.md C4): UTF-8(prefix) || RFC 8785 of the object without its
``proof/…`` members. Instants are integer nanoseconds, written in any RFC 3339 style.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace

from conformance import jcs

from ..shared.encoding import b64url
from ..shared.keys import TestKey
from ..shared.timefmt import PLAIN, Style, render
from .keys import participant_id

ATTACH, DETACH, RECOVER, BIND = ("client-instance-attachment.v1", "client-instance-detachment.v1",
                                 "client-instance-recovery.v1", "participant-bind.v1")
MODES = ("reattach-existing-device", "replace-device", "migrate-to-new-host", "resume-after-suspension")
KEEP_BOTH = ("reattach-existing-device", "resume-after-suspension")


def proofless(obj: dict) -> dict:
    return {k: v for k, v in obj.items() if not k.startswith("proof/")}


def signing_input(obj: dict, prefix: str = "") -> bytes:
    return prefix.encode("utf-8") + jcs.dumps(proofless(obj))


def signature(key: TestKey, obj: dict, prefix: str = "", alg: str = "ed25519") -> dict:
    return {"alg": alg, "value": b64url(key.sign(signing_input(obj, prefix)))}


@dataclass(frozen=True)
class BindSpec:
    participant: TestKey
    via: TestKey
    bound_at: int
    bind_id: str
    session: str
    node_attestation: bool = False  # a valid ed25519 proof/node-attestation by `via`
    annotations: dict | None = None


def bind(spec: BindSpec, style: Style = PLAIN, prefix: str = "") -> dict:
    doc = {
        "schema/v": 1,
        "bind/id": spec.bind_id,
        "bound-at": render(spec.bound_at, style),
        "participant/id": participant_id(spec.participant),
        "via/node-id": spec.via.node_id,
        "session/id": spec.session,
        "participant/key/alg": "ed25519",
        "participant/key/public": spec.participant.multibase,
    }
    if spec.annotations is not None:
        doc["policy_annotations"] = spec.annotations
    doc["proof/participant-signature"] = signature(spec.participant, doc, prefix)
    if spec.node_attestation:
        doc["proof/node-attestation"] = signature(spec.via, doc, prefix)
    return doc


@dataclass(frozen=True)
class Artifact:
    """One attachment, detachment or recovery, as the facts the model reasons about."""

    kind: str
    id: str
    at: int  # attached-at | detached-at | recovered-at
    node: TestKey  # serving node
    client: str
    bind: BindSpec
    ref: str = ""  # detachment: attachment/id; recovery: recovery/from-detachment-id
    mode: str = ""  # recovery only
    migration_allowed: bool = True  # attachment only
    node_attestation: bool = False  # a valid top-level proof/node-attestation by `node`
    extras: dict = field(default_factory=dict, hash=False, compare=False)  # optional members

    @property
    def participant(self) -> TestKey:
        return self.bind.participant

    def with_(self, **changes) -> "Artifact":
        return replace(self, **changes)

    def with_bind(self, **changes) -> "Artifact":
        """The same artifact with its bind changed (``via``, ``participant``, ``bound_at``, ...)."""
        return replace(self, bind=replace(self.bind, **changes))


def document(a: Artifact, style: Style = PLAIN, prefix: str = "") -> dict:
    b = bind(a.bind, style, prefix)
    if a.kind == ATTACH:
        doc = {"schema/v": 1, "attachment/id": a.id, "attached-at": render(a.at, style), "profile/type": "pod-client",
               "serving-node/id": a.node.node_id, "client-instance/id": a.client, "session/state": "attached",
               "export/capable?": True, "migration/allowed?": a.migration_allowed}
    elif a.kind == DETACH:
        doc = {"schema/v": 1, "detachment/id": a.id, "detached-at": render(a.at, style), "attachment/id": a.ref,
               "serving-node/id": a.node.node_id, "client-instance/id": a.client, "detach/reason": "user-request"}
    else:
        doc = {"schema/v": 1, "recovery/id": a.id, "recovered-at": render(a.at, style),
               "serving-node/id": a.node.node_id, "client-instance/id": a.client, "recovery/mode": a.mode,
               "recovery/from-detachment-id": a.ref}
    doc.update(a.extras)
    doc["participant-bind"] = b
    if a.node_attestation:
        doc["proof/node-attestation"] = signature(a.node, doc, prefix)
    return doc


def serialize(doc: dict) -> bytes:
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


def raw(a: Artifact, style: Style = PLAIN, prefix: str = "") -> bytes:
    return serialize(document(a, style, prefix))


def timestamp_key(kind: str) -> str:
    return {ATTACH: "attached-at", DETACH: "detached-at", RECOVER: "recovered-at", BIND: "bound-at"}[kind]
