"""The four artifact kinds and a read-only view of a schema-valid artifact.

Every accessor presumes the document passed its schema (members present, right types).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..shared.findings import pointer

BIND = "participant-bind.v1"
ATTACHMENT = "client-instance-attachment.v1"
DETACHMENT = "client-instance-detachment.v1"
RECOVERY = "client-instance-recovery.v1"


@dataclass(frozen=True)
class Kind:
    name: str
    schema: str  # file under conformance/schemas/
    id_member: str
    time_member: str | None  # the artifact's own time T (C5); a bare bind has none


KINDS = {k.name: k for k in (
    Kind(BIND, "participant-bind.v1.json", "bind/id", None),
    Kind(ATTACHMENT, "client-instance-attachment.v1.json", "attachment/id", "attached-at"),
    Kind(DETACHMENT, "client-instance-detachment.v1.json", "detachment/id", "detached-at"),
    Kind(RECOVERY, "client-instance-recovery.v1.json", "recovery/id", "recovered-at"),
)}
LIFECYCLE_KINDS = (ATTACHMENT, DETACHMENT, RECOVERY)


def kind_named(name, allowed=tuple(KINDS), where: str = "kind") -> Kind:
    """The Kind called ``name``; a ValueError (a protocol error, not a finding) otherwise."""
    if name not in allowed:
        raise ValueError(f"{where}: {name!r} is not one of {', '.join(allowed)}")
    return KINDS[name]


@dataclass(frozen=True, eq=False)  # identity, not value: the same document admitted twice is two entries
class Artifact:
    kind: Kind
    data: dict

    @property
    def is_bind(self) -> bool:
        return self.kind.name == BIND

    @property
    def bind(self) -> dict:
        return self.data if self.is_bind else self.data["participant-bind"]

    def bind_pointer(self, *parts) -> str:
        return pointer(*parts) if self.is_bind else pointer("participant-bind", *parts)

    @property
    def id(self) -> str:
        return self.data[self.kind.id_member]

    @property
    def time(self) -> str | None:
        return None if self.kind.time_member is None else self.data[self.kind.time_member]

    @property
    def serving_node(self) -> str | None:
        return None if self.is_bind else self.data["serving-node/id"]

    @property
    def client_instance(self) -> str | None:
        return None if self.is_bind else self.data["client-instance/id"]

    @property
    def participant(self) -> str:
        return self.bind["participant/id"]
