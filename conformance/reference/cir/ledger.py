"""The lifecycle ledger (C6): artifacts admitted so far, in order of admission.

Filled from a request's ``context`` (taken as admitted) or, in a ``lifecycle`` sequence,
with each document judged valid. Lookups return the first admitted match: a lifecycle never
admits a duplicate id, and a context that holds one is the caller's to answer for.
"""

from __future__ import annotations

from .artifact import ATTACHMENT, DETACHMENT, RECOVERY, Artifact


class Ledger:
    def __init__(self, entries=()):
        self.entries: list[Artifact] = list(entries)

    def admit(self, art: Artifact) -> None:
        self.entries.append(art)

    def of_kind(self, name: str) -> list[Artifact]:
        return [a for a in self.entries if a.kind.name == name]

    def _first(self, name: str, member: str, value: str) -> Artifact | None:
        return next((a for a in self.of_kind(name) if a.data[member] == value), None)

    def detachment(self, detachment_id: str) -> Artifact | None:
        return self._first(DETACHMENT, "detachment/id", detachment_id)

    def access(self, access_id: str) -> Artifact | None:
        """An access is an attachment, or a recovery (which re-establishes client access);
        an attachment's ``attachment/id`` wins over a recovery's ``recovery/id``."""
        return self._first(ATTACHMENT, "attachment/id", access_id) or self._first(RECOVERY, "recovery/id", access_id)

    def ids(self, name: str) -> set[str]:
        return {a.id for a in self.of_kind(name)}

    def recoveries_of(self, detachment_id: str) -> list[Artifact]:
        return [a for a in self.of_kind(RECOVERY) if a.data["recovery/from-detachment-id"] == detachment_id]

    def detachments_of(self, access_id: str) -> list[Artifact]:
        return [a for a in self.of_kind(DETACHMENT) if a.data["attachment/id"] == access_id]
