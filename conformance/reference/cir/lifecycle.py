"""Context stage (C7, C8): an artifact against the ledger of those admitted before it.

Every applicable rule is checked and every failing one reported. When the artifact an
artifact refers to is unknown, only the "unknown" rule and the id-reuse rule can apply.
"""

from __future__ import annotations

from ..shared.findings import pointer
from .artifact import ATTACHMENT, DETACHMENT, RECOVERY, Artifact
from .ledger import Ledger
from .result import finding

REATTACH = "reattach-existing-device"
RESUME = "resume-after-suspension"
MIGRATE = "migrate-to-new-host"
REPLACE = "replace-device"
KEEPS_NODE_AND_INSTANCE = (REATTACH, RESUME)
MIGRATION_RULE = "CIR-MODE-004"


class LifecycleChecks:
    # ---- single concerns (mutants override these) ----
    def same_participant(self, a: Artifact, b: Artifact) -> bool:
        return a.participant == b.participant

    def recovered_before_detachment(self, recovery: Artifact, detachment: Artifact) -> bool:
        # No tolerance: both times are ledger events of serving nodes, not device clocks.
        return self.instant(recovery.time) < self.instant(detachment.time)

    def detached_before_access(self, detachment: Artifact, access: Artifact) -> bool:
        return self.instant(detachment.time) < self.instant(access.time)

    def root_attachment(self, access: Artifact | None, ledger: Ledger) -> Artifact | None:
        """The attachment at the root of an access: itself, or for a recovery the root of the
        access its detachment terminated. None when a link is missing from the ledger (or the
        context documents form a cycle)."""
        seen = set()
        while access is not None and access.kind.name == RECOVERY:
            if id(access) in seen:
                return None
            seen.add(id(access))
            detachment = ledger.detachment(access.data["recovery/from-detachment-id"])
            access = None if detachment is None else ledger.access(detachment.data["attachment/id"])
        return access

    def migration_allowed(self, root: Artifact) -> bool:
        return root.data["migration/allowed?"] is not False

    # ---- dispatch ----
    def check_context(self, art: Artifact, ledger: Ledger, out: list) -> tuple:
        """Append the context findings; return the requirement IDs that could not be evaluated."""
        if art.kind.name == RECOVERY:
            return self.check_recovery(art, ledger, out)
        if art.kind.name == DETACHMENT:
            self.check_detachment(art, ledger, out)
        elif art.kind.name == ATTACHMENT:
            self.check_attachment_id_fresh(art, ledger, out)
        return ()

    # ---- recovery ----
    def check_recovery(self, rec: Artifact, ledger: Ledger, out: list) -> tuple:
        det = self.find_detachment(rec, ledger, out)
        if det is None:
            self.check_recovery_id_fresh(rec, ledger, out)
            return ()
        self.check_recovery_participant(rec, det, out)
        self.check_recovery_after_detachment(rec, det, out)
        self.check_detachment_not_recovered(rec, det, ledger, out)
        self.check_recovery_id_fresh(rec, ledger, out)
        self.check_mode(rec, det, out)
        return self.check_migration_allowed(rec, det, ledger, out)

    def find_detachment(self, rec: Artifact, ledger: Ledger, out: list) -> Artifact | None:
        name = rec.data["recovery/from-detachment-id"]
        det = ledger.detachment(name)
        if det is None:
            out.append(finding("detachment-unknown", pointer("recovery/from-detachment-id"),
                               f"no admitted detachment has detachment/id {name!r}"))
        return det

    def check_recovery_participant(self, rec: Artifact, det: Artifact, out: list) -> None:
        if not self.same_participant(rec, det):
            out.append(finding("participant-mismatch", pointer("participant-bind", "participant/id"),
                               f"detachment {det.id!r} was bound by {det.participant!r}"))

    def check_recovery_after_detachment(self, rec: Artifact, det: Artifact, out: list) -> None:
        if self.recovered_before_detachment(rec, det):
            out.append(finding("recovery-before-detachment", pointer("recovered-at"),
                               f"detachment {det.id!r} was detached at {det.time}"))

    def check_detachment_not_recovered(self, rec: Artifact, det: Artifact, ledger: Ledger, out: list) -> None:
        earlier = ledger.recoveries_of(det.id)
        if earlier:
            out.append(finding("detachment-already-recovered", pointer("recovery/from-detachment-id"),
                               f"detachment {det.id!r} was already recovered by {earlier[0].id!r}"))

    def check_recovery_id_fresh(self, rec: Artifact, ledger: Ledger, out: list) -> None:
        if rec.id in ledger.ids(RECOVERY):
            out.append(finding("recovery-id-reused", pointer("recovery/id"),
                               f"an admitted recovery already has recovery/id {rec.id!r}"))

    def check_mode(self, rec: Artifact, det: Artifact, out: list) -> None:
        mode = rec.data["recovery/mode"]
        same_node = rec.serving_node == det.serving_node
        same_instance = rec.client_instance == det.client_instance
        node_at, instance_at = pointer("serving-node/id"), pointer("client-instance/id")
        if mode in KEEPS_NODE_AND_INSTANCE:
            if not same_node:
                out.append(finding("mode-serving-node-changed", node_at,
                                   f"{mode} keeps the serving node of detachment {det.id!r}: {det.serving_node!r}"))
            if not same_instance:
                out.append(finding("mode-client-instance-changed", instance_at,
                                   f"{mode} keeps the client instance of detachment {det.id!r}: "
                                   f"{det.client_instance!r}"))
        elif mode == MIGRATE and same_node:
            out.append(finding("mode-serving-node-unchanged", node_at,
                               f"{mode} must leave the serving node of detachment {det.id!r}"))
        elif mode == REPLACE and same_instance:
            out.append(finding("mode-client-instance-unchanged", instance_at,
                               f"{mode} must name a client instance other than detachment {det.id!r}'s"))

    def check_migration_allowed(self, rec: Artifact, det: Artifact, ledger: Ledger, out: list) -> tuple:
        if rec.data["recovery/mode"] != MIGRATE:
            return ()
        root = self.root_attachment(ledger.access(det.data["attachment/id"]), ledger)
        if root is None:
            return (MIGRATION_RULE,)
        if not self.migration_allowed(root):
            out.append(finding("migration-not-allowed", pointer("recovery/mode"),
                               f"root attachment {root.id!r} says migration/allowed? false"))
        return ()

    # ---- detachment ----
    def check_detachment(self, det: Artifact, ledger: Ledger, out: list) -> None:
        access = self.find_access(det, ledger, out)
        if access is not None:
            self.check_detachment_participant(det, access, out)
            self.check_detachment_matches_access(det, access, out)
            self.check_detachment_after_access(det, access, out)
            self.check_access_not_detached(det, access, ledger, out)
        self.check_detachment_id_fresh(det, ledger, out)

    def find_access(self, det: Artifact, ledger: Ledger, out: list) -> Artifact | None:
        name = det.data["attachment/id"]
        access = ledger.access(name)
        if access is None:
            out.append(finding("attachment-unknown", pointer("attachment/id"),
                               f"no admitted attachment (attachment/id) or recovery (recovery/id) is {name!r}"))
        return access

    def check_detachment_participant(self, det: Artifact, access: Artifact, out: list) -> None:
        if not self.same_participant(det, access):
            out.append(finding("participant-mismatch", pointer("participant-bind", "participant/id"),
                               f"{access.kind.name} {access.id!r} was bound by {access.participant!r}"))

    def check_detachment_matches_access(self, det: Artifact, access: Artifact, out: list) -> None:
        differ = [m for m, a, b in (("serving-node/id", det.serving_node, access.serving_node),
                                    ("client-instance/id", det.client_instance, access.client_instance)) if a != b]
        if differ:
            out.append(finding("detachment-mismatch", pointer(differ[0]),
                               f"{' and '.join(differ)} differ from {access.kind.name} {access.id!r}"))

    def check_detachment_after_access(self, det: Artifact, access: Artifact, out: list) -> None:
        if self.detached_before_access(det, access):
            out.append(finding("detachment-before-attachment", pointer("detached-at"),
                               f"{access.kind.name} {access.id!r} began at {access.time}"))

    def check_access_not_detached(self, det: Artifact, access: Artifact, ledger: Ledger, out: list) -> None:
        earlier = ledger.detachments_of(det.data["attachment/id"])
        if earlier:
            out.append(finding("attachment-already-detached", pointer("attachment/id"),
                               f"{access.kind.name} {access.id!r} was already detached by {earlier[0].id!r}"))

    def check_detachment_id_fresh(self, det: Artifact, ledger: Ledger, out: list) -> None:
        if det.id in ledger.ids(DETACHMENT):
            out.append(finding("detachment-id-reused", pointer("detachment/id"),
                               f"an admitted detachment already has detachment/id {det.id!r}"))

    # ---- attachment ----
    def check_attachment_id_fresh(self, att: Artifact, ledger: Ledger, out: list) -> None:
        if att.id in ledger.ids(ATTACHMENT):
            out.append(finding("attachment-id-reused", pointer("attachment/id"),
                               f"an admitted attachment already has attachment/id {att.id!r}"))
