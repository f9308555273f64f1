"""Labelled test keys for client-instance artifacts: participants, and serving nodes
(the node keys are the node-address-attestation family's, so the upstream 0x29 key serves too)."""

from __future__ import annotations

from ..shared import keys as K

PARTICIPANTS = tuple(K._derived(f"participant-{i}") for i in range(1, 5))
SERVING_NODES = K.NODES[:4]  # upstream-0x29, node-1, node-2, node-3


def participant_id(key: K.TestKey) -> str:
    return "participant:did:key:" + key.multibase


def labelled_keys() -> dict:
    return {k.label: k.as_dict() for k in PARTICIPANTS + SERVING_NODES}
