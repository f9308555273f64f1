"""What an implementation must answer about a client-instance artifact, decided from the
facts it was built from (CONFORMANCE.md C5, C7, C8), never from an implementation.

``Ledger`` is the suite's own model of the lifecycle: the attachments, detachments and
recoveries admitted so far. Mutations and the state machine both ask it for the context
codes of the next artifact, then admit the artifact when it is valid.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from conformance import catalog

from ..shared.timefmt import NS
from .build import ATTACH, DETACH, KEEP_BOTH, RECOVER, Artifact

SKEW = 16 * NS
WARNINGS = {c.code for c in catalog.codes(catalog.CIR) if c.severity != "error"}


def verdict(codes) -> str:
    return "invalid" if set(codes) - WARNINGS else "valid"


# ---- interpretation C5 (CONFORMANCE.md): the only place the model reads a declared choice
def tolerance(choices=()) -> int:
    """The clock tolerance: 16 s by default, none under C5 ``no-tolerance``."""
    return 0 if dict(choices).get("C5") == "no-tolerance" else SKEW


def in_future(at: int, now: int, choices=()) -> bool:
    """``at`` is later than ``now`` beyond the tolerance (never, under C5 ``no-future-check``)."""
    return dict(choices).get("C5") != "no-future-check" and at > now + tolerance(choices)


def artifact_codes(a: Artifact, now: int, choices=()) -> set[str]:
    """Codes of the artifact stage for a well-formed, correctly signed artifact."""
    codes = set()
    if a.bind.via != a.node:
        codes.add("bind-via-mismatch")
    if a.bind.bound_at > a.at + tolerance(choices):
        codes.add("bind-asserted-late")
    if in_future(max(a.at, a.bind.bound_at), now, choices):
        codes.add("timestamp-in-future")
    return codes


@dataclass
class Ledger:
    attachments: dict = field(default_factory=dict)
    detachments: dict = field(default_factory=dict)
    recoveries: dict = field(default_factory=dict)

    @classmethod
    def of(cls, admitted) -> "Ledger":
        ledger = cls()
        for a in admitted:
            ledger.admit(a)
        return ledger

    def admit(self, a: Artifact) -> None:
        table = {ATTACH: self.attachments, DETACH: self.detachments, RECOVER: self.recoveries}[a.kind]
        table.setdefault(a.id, a)

    def access(self, access_id: str) -> Artifact | None:
        return self.attachments.get(access_id) or self.recoveries.get(access_id)

    def root_attachment(self, access: Artifact | None, depth: int = 0) -> Artifact | None:
        if access is None or depth > 1000:
            return None
        if access.kind == ATTACH:
            return access
        detachment = self.detachments.get(access.ref)
        return self.root_attachment(self.access(detachment.ref) if detachment else None, depth + 1)

    def codes(self, a: Artifact) -> set[str]:
        """Context-stage codes of ``a`` judged against this ledger."""
        if a.kind == ATTACH:
            return {"attachment-id-reused"} if a.id in self.attachments else set()
        if a.kind == DETACH:
            return self._detachment(a)
        return self._recovery(a)

    def _detachment(self, d: Artifact) -> set[str]:
        codes = {"detachment-id-reused"} if d.id in self.detachments else set()
        x = self.access(d.ref)
        if x is None:
            return codes | {"attachment-unknown"}
        if x.participant != d.participant:
            codes.add("participant-mismatch")
        if (x.node, x.client) != (d.node, d.client):
            codes.add("detachment-mismatch")
        if d.at < x.at:
            codes.add("detachment-before-attachment")
        if any(e.ref == x.id for e in self.detachments.values()):
            codes.add("attachment-already-detached")
        return codes

    def _recovery(self, r: Artifact) -> set[str]:
        codes = {"recovery-id-reused"} if r.id in self.recoveries else set()
        d = self.detachments.get(r.ref)
        if d is None:
            return codes | {"detachment-unknown"}
        if d.participant != r.participant:
            codes.add("participant-mismatch")
        if r.at < d.at:
            codes.add("recovery-before-detachment")
        if any(e.ref == d.id for e in self.recoveries.values()):
            codes.add("detachment-already-recovered")
        if r.mode in KEEP_BOTH:
            if r.node != d.node:
                codes.add("mode-serving-node-changed")
            if r.client != d.client:
                codes.add("mode-client-instance-changed")
        elif r.mode == "migrate-to-new-host":
            if r.node == d.node:
                codes.add("mode-serving-node-unchanged")
            root = self.root_attachment(self.access(d.ref))
            if root is not None and not root.migration_allowed:
                codes.add("migration-not-allowed")
        elif r.mode == "replace-device" and r.client == d.client:
            codes.add("mode-client-instance-unchanged")
        return codes


def expected_codes(a: Artifact, now: int, context, extra: set[str] = frozenset(), choices=()) -> set[str]:
    """All codes for a well-formed artifact: artifact stage (plus ``extra`` codes the builder
    planted in that stage); the context stage only when that found no error."""
    codes = artifact_codes(a, now, choices) | set(extra)
    if verdict(codes) == "invalid" or context is None:
        return codes
    return codes | Ledger.of(context).codes(a)
