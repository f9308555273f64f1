"""Cases for the custody table's rules, export authority and recovery scope (issue 12, points
1-3): each built valid or breaking exactly one rule, with its outcome recorded as it is built.

Kept apart from ``operations.ALLOWED`` / ``REFUSED`` and ``defects.ADOPTION`` so that the
existing vectors (whose requirement lists and noise are drawn from those tuples) stay as they
were; ``cases.py`` registers these as properties and vectors of their own topics.
"""

from __future__ import annotations

from .defects import _d
from .operations import ALLOW, REFUSE, _basis, _drill_checks, _need_recovery, _op, _restore, _v, \
    _valid_restore_authority, export_needs_authority, narrow_target, permit_secret_export
from .builder import FAILURE_RECEIPT
from .pick import NotApplicable
from .units import DAY, HOUR
from .vocab import CUSTODY, ENCRYPTED


# ---------------------------------------------------------------- custody table: canonical store (adoption)
# S12 expectations-only: the table's cells are not rules; S13 except-backup: an explicit none is
# accepted for every slot but a non-discardable backup. Either way the spec stays adoptable, and
# the operations already on it that needed the emptied slot's policy are refused for lacking it.
POLICY_OPS = {"replication": {"replica-placement": (), "anti-entropy-divergence": ("divergence-found",)},
              "archive": {"archive-expiration": ()}}


def _slot_emptied(b, u, kind: str) -> None:
    for plan in b.plans:
        if plan.unit is u and plan.op["kind"] in POLICY_OPS[kind]:
            plan.decision, plan.codes = REFUSE, (*POLICY_OPS[kind][plan.op["kind"]], "policy-required")
            plan.receipts = plan.event_receipts() if plan.op["kind"] == "anti-entropy-divergence" else \
                ((FAILURE_RECEIPT[plan.op["kind"]], False),)


def _none_accepted(b) -> bool:
    return b.choices.get("S12") == "expectations-only" or b.choices.get("S13") == "except-backup"


def canonical_discardable(b, u, pick):
    u.spec["discardable"] = True
    if u.custody_rules:
        b.finding("canonical-discardable", block=u)


def canonical_replication_none(b, u, pick):
    u.spec["policies"]["replication"] = {"none": "single-copy"}
    if _none_accepted(b):
        _slot_emptied(b, u, "replication")
    else:
        b.finding("canonical-replication-none", block=u)


def canonical_archive_missing(b, u, pick):
    absent = pick("reason", ["absent", "none"]) == "absent"
    if absent:
        del u.spec["policies"]["archive"]
    else:
        u.spec["policies"]["archive"] = {"none": "nothing to keep"}
    if not u.custody_rules or (not absent and _none_accepted(b)):
        _slot_emptied(b, u, "archive")
    else:
        b.finding("canonical-archive-missing", block=u)


# ---------------------------------------------------------------- custody table: secret and vault (operations)
def secret_replica(ok: bool):
    def build(b, u, pick):
        if not u.params.replication_ref:
            raise NotApplicable("no replication policy")
        fields = {"target": narrow_target(b, u, pick, "target"), "encrypted": True}
        mechanism = pick("replica-mechanism", ["key-rotation", "key-recovery"] if ok else ["ordinary", None])
        if mechanism is not None:
            fields["mechanism"] = mechanism
        op = _op(b, u, "replica-placement", **fields)
        if ok or not u.custody_rules:
            b.add_op(u, op, ALLOW, (), [("replication-completed", True)])
        else:
            b.add_op(u, op, REFUSE, ["secret-ordinary-replication"], [("replication-failure", False)])
    return build


def secret_export(permitted: bool):
    def build(b, u, pick):
        if not permitted and u.spec["exit"].get("permits-secret") is True:
            raise NotApplicable("an earlier export on this unit made its exit policy permit secret material")
        if permitted:
            if not u.params.exit_path:
                raise NotApplicable("no exit path to permit the export")
            permit_secret_export(u)
        elif pick("exit-says", ["silent", "false"]) == "false" and "path" in u.spec["exit"]:
            u.spec["exit"]["permits-secret"] = False
        op = _op(b, u, "export", target=narrow_target(b, u, pick, "target"), basis=_basis(u, pick), encrypted=True)
        if permitted or not u.custody_rules:
            b.add_op(u, op, ALLOW, (), [("export", True)])
        else:
            b.add_op(u, op, REFUSE, ["secret-export-forbidden"], [("export", False)])
    return build


def vault_backup_unencrypted(b, u, pick):
    if not u.params.backup_ref:
        raise NotApplicable("no backup policy")
    target = narrow_target(b, u, pick, "target")
    target["privacy"] = pick("plain-privacy", [p for p in b.order.at_most("privacy", u.spec["privacy"]) if p not in ENCRYPTED])
    op = _op(b, u, "backup-run", target=target, mechanism="ordinary", encrypted=False,
             execution=pick("execution", ["succeeded", "failed"]))
    if u.custody_rules:
        b.add_op(u, op, REFUSE, ["vault-backup-unencrypted"], [("backup-failure", False)])
    elif op["execution"] == "succeeded":  # S12 expectations-only: an ordinary allowed backup
        b.add_op(u, op, ALLOW, (), [("backup-creation", True)])
    else:
        b.add_op(u, op, ALLOW, ["backup-failed"], [("backup-failure", False)])


# ---------------------------------------------------------------- export authority (S10, SDP-EXPORT-002)
def _export_authority(b, u, pick, kind: str, window: str) -> str:
    """An authority of ``kind`` made for this export; ``window``: in-force, expired, future, other-spec."""
    now = b.now
    frm, until = {"in-force": (now - DAY, now + DAY), "expired": (now - 30 * DAY, now - HOUR),
                  "future": (now + HOUR, now + DAY), "other-spec": (now - DAY, now + DAY)}[window]
    a = {"id": f"auth-export-{b.next_op_id()}", "type": kind, "holder": f"steward:export:{u.params.label}",
         "specs": [u.spec_id if window != "other-spec" else f"spec-elsewhere-{u.params.label}"],
         "valid-from": b.t(frm), "valid-until": b.t(until)}
    b.extra_authorities.append(a)
    return a["id"]


def _crossing_export(b, u, pick, authority: str, codes) -> None:
    """An export handing the material to another custody class (a custody-crossing export)."""
    if u.secret and not u.params.exit_path:
        raise NotApplicable("secret material without an exit path that could permit its export")
    permit_secret_export(u)  # so that only the authority decides
    target = narrow_target(b, u, pick, "target")
    target["custody"] = pick("crossing-custody", [c for c in CUSTODY if c != u.params.custody])
    op = _op(b, u, "export", target=target, basis=_basis(u, pick), encrypted=True, authority=authority)
    if b.choices.get("S10") == "authority-ignored":
        codes = ()  # S10 authority-ignored: the presented authority is not judged
    if codes:
        b.add_op(u, op, REFUSE, codes, [("export", False)])
    else:
        b.add_op(u, op, ALLOW, (), [("export", True)])


def export_authority_ok(b, u, pick):
    _crossing_export(b, u, pick, _export_authority(b, u, pick, pick("authority-kind", ["grant", "mandate"]), "in-force"), ())


def export_authority_invalid(b, u, pick):
    reason = pick("reason", ["expired", "future", "other-spec", "unknown"])
    if reason == "unknown":
        authority = f"auth-nowhere-{u.params.label}"
    else:
        authority = _export_authority(b, u, pick, pick("authority-kind", ["grant", "mandate"]), reason)
    _crossing_export(b, u, pick, authority, ["export-authority-invalid"])


def export_no_authority(b, u, pick):
    """A governed-custody export on a valid basis presenting no authority: allowed (S10's default
    needs none), refused under S10 authority-required (no grant or mandate in force)."""
    if u.secret and not u.params.exit_path:
        raise NotApplicable("secret material without an exit path that could permit its export")
    permit_secret_export(u)
    op = _op(b, u, "export", bare=True, target=narrow_target(b, u, pick, "target"), basis=_basis(u, pick),
             encrypted=True)
    if export_needs_authority(b, u):
        b.add_op(u, op, REFUSE, ["export-authority-invalid"], [("export", False)])
    else:
        b.add_op(u, op, ALLOW, (), [("export", True)])


def export_authority_emergency(b, u, pick):
    _crossing_export(b, u, pick, _export_authority(b, u, pick, "emergency", "in-force"), ["export-authority-emergency"])


# ---------------------------------------------------------------- recovery scope (SDP-RESTORE-004..006)
DRILL_CLASS = "proposal:destructive-rehearsal"
SUBSETS = ["ledger-tail", "member-index"]


def _touching_drill(b, u, pick):
    _need_recovery(u)
    return _restore(b, u, pick, "drill", pick("environment", ["staging", "sandbox"]), _valid_restore_authority(b, u, pick),
                    _drill_checks(pick, False), **{"touches-authoritative": True})


def drill_touch_authorized(b, u, pick):
    op = _touching_drill(b, u, pick)
    u.policies["recovery"]["authoritative-drill-class"] = DRILL_CLASS
    op["decision"] = b.add_act({"kind": "restore-decision", "spec": u.spec_id, "decided-at": b.t(b.now - HOUR),
                                "operation": op["id"], "proposal-class": DRILL_CLASS})["id"]
    b.add_op(u, op, ALLOW, (), [("restore-test", True)])


def drill_touch_unauthorized(b, u, pick):
    op = _touching_drill(b, u, pick)
    reason = pick("reason", ["policy-names-none", "no-decision", "other-class", "class-unnamed", "not-yet-decided"])
    if reason != "policy-names-none":
        u.policies["recovery"]["authoritative-drill-class"] = DRILL_CLASS
    if reason != "no-decision":
        act = {"kind": "restore-decision", "spec": u.spec_id, "operation": op["id"],
               "decided-at": b.t(b.now + HOUR if reason == "not-yet-decided" else b.now - HOUR)}
        if reason != "class-unnamed":
            act["proposal-class"] = "proposal:routine-restore" if reason == "other-class" else DRILL_CLASS
        op["decision"] = b.add_act(act)["id"]
    b.add_op(u, op, REFUSE, ["drill-touch-unauthorized"], [("restore-failure", False)])


def _restores_on(b, u, scope):
    return [p.op for p in b.plans if p.unit is u and p.op["kind"] == "restore" and p.op["scope"] == scope]


def _allow_subsets(b, u):
    """The policy names its subsets; earlier partial restores on this unit name one (they stay allowed)."""
    u.policies["recovery"]["partial-subsets"] = list(SUBSETS)
    for op in _restores_on(b, u, "partial"):
        op.setdefault("subset", SUBSETS[0])


def _allow_horizon(b, u, days):
    u.policies["recovery"]["point-in-time-horizon-days"] = days
    for op in _restores_on(b, u, "point-in-time"):
        op.setdefault("point-in-time", b.t(b.now - DAY))


def _scoped_drill(b, u, pick, scope, **extra):
    _need_recovery(u)
    return _restore(b, u, pick, "drill", pick("environment", ["staging", "sandbox"]), _valid_restore_authority(b, u, pick),
                    _drill_checks(pick, False), scope=scope, **extra)


def restore_subset_ok(b, u, pick):
    _allow_subsets(b, u)
    op = _scoped_drill(b, u, pick, "partial", subset=pick("subset", SUBSETS))
    b.add_op(u, op, ALLOW, (), [("restore-test", True)])


def restore_subset_not_allowed(b, u, pick):
    _allow_subsets(b, u)
    extra = {"subset": "whole-ledger"} if pick("reason", ["other-subset", "no-subset"]) == "other-subset" else {}
    op = _scoped_drill(b, u, pick, "partial", **extra)
    b.add_op(u, op, REFUSE, ["restore-subset-not-allowed"], [("restore-failure", False)])


def restore_horizon_ok(b, u, pick):
    days = pick("pit-horizon-days", [30, 7])
    _allow_horizon(b, u, days)
    age = {"inside": DAY, "at-horizon": days * DAY, "now": 0}[pick("age", ["inside", "at-horizon", "now"])]
    op = _scoped_drill(b, u, pick, "point-in-time", **{"point-in-time": b.t(b.now - age)})
    b.add_op(u, op, ALLOW, (), [("restore-test", True)])


def restore_horizon_exceeded(b, u, pick):
    days = pick("pit-horizon-days", [30, 7])
    _allow_horizon(b, u, days)
    reason = pick("reason", ["past-horizon", "future", "unnamed"])
    extra = {"past-horizon": {"point-in-time": b.t(b.now - days * DAY - pick("overdue", [10**9, DAY]))},
             "future": {"point-in-time": b.t(b.now + HOUR)}, "unnamed": {}}[reason]
    op = _scoped_drill(b, u, pick, "point-in-time", **extra)
    b.add_op(u, op, REFUSE, ["restore-horizon-exceeded"], [("restore-failure", False)])


# ---------------------------------------------------------------- the tables
ADOPTION = (
    _d("canonical-discardable", "custody", ["SDP-CUSTODY-001"], ["CustodyTable", "FailClosed"], canonical_discardable,
       ["canonical-custody", "backup-ref"], comment="canonical custody declared discardable: its backup is mandatory"),
    _d("canonical-replication-none", "custody", ["SDP-CUSTODY-002"], ["CustodyTable", "FailClosed"],
       canonical_replication_none, ["canonical-custody"], comment="canonical custody recorded as single-copy"),
    _d("canonical-archive-missing", "custody", ["SDP-CUSTODY-003"], ["CustodyTable", "FailClosed"],
       canonical_archive_missing, ["canonical-custody"],
       labels=(("absent", {"reason": "absent"}), ("none", {"reason": "none"})),
       comment="canonical custody without an archive policy"),
)

ALLOWED = (
    _v("secret-replica-protocol", "custody", ["SDP-CUSTODY-004"], ["CustodyTable"], secret_replica(True),
       ["replication-ref", "secret"], True,
       labels=(("key-rotation", {"custody": "secret", "replica-mechanism": "key-rotation"}),
               ("vault-key-recovery", {"custody": "vault", "privacy": "SecretCredential", "replica-mechanism": "key-recovery"})),
       comment="a replica of secret material placed through a key protocol"),
    _v("secret-export-permitted", "custody", ["SDP-CUSTODY-005"], ["CustodyTable"], secret_export(True),
       ["secret", "exit-path"], True, labels=(("exit-permits", {"custody": "secret", "basis": "exit-policy"}),),
       comment="secret material exported under an exit policy that explicitly permits it"),
    _v("export-authority", "authority", ["SDP-EXPORT-002"], ["ExportAuthority"], export_authority_ok, (), True,
       labels=(("grant", {"authority-kind": "grant"}), ("mandate-vault", {"authority-kind": "mandate", "custody": "vault"})),
       comment="a custody-crossing export presenting a grant or mandate in force that covers the spec"),
    _v("export-no-authority", "authority", ["SDP-EXPORT-002"], ["ExportAuthority"], export_no_authority,
       ["governed-export"], True, labels=(("canonical", {"custody": "canonical", "basis": "federation-agreement"}),),
       comment="an export of governed custody on a valid basis presenting no authority: none is needed (S10)"),
    _v("drill-touch-authorized", "scope", ["SDP-RESTORE-004"], ["AuthoritativeDrill"], drill_touch_authorized,
       ["recovery-ref"], True,
       comment="a drill touching authoritative state under a decision of the proposal class the policy names"),
    _v("restore-subset", "scope", ["SDP-RESTORE-005"], ["RestoreScope"], restore_subset_ok, ["recovery-ref"], True,
       comment="a partial restore of a subset the recovery policy allows"),
    _v("restore-horizon", "scope", ["SDP-RESTORE-006"], ["RestoreScope", "TimeBound"], restore_horizon_ok, ["recovery-ref"], True,
       labels=(("inside", {"age": "inside"}), ("at-horizon", {"age": "at-horizon"}), ("now", {"age": "now"})),
       comment="a point-in-time restore within the recovery policy's horizon (both ends included)"),
)

REFUSED = (
    _v("secret-ordinary-replica", "custody", ["SDP-CUSTODY-004"], ["CustodyTable"], secret_replica(False),
       ["replication-ref", "secret"],
       labels=(("ordinary", {"custody": "secret", "replica-mechanism": "ordinary"}),
               ("mechanism-absent", {"custody": "secret", "replica-mechanism": None})),
       comment="a replica of secret material placed by ordinary replication"),
    _v("secret-export-unpermitted", "custody", ["SDP-CUSTODY-005"], ["CustodyTable"], secret_export(False),
       ["secret"],
       labels=(("federation-agreement", {"custody": "secret", "basis": "federation-agreement", "exit-says": "silent"}),
               ("exit-says-false", {"custody": "secret", "basis": "exit-policy", "exit-says": "false"})),
       comment="secret material exported on a valid basis, without an exit policy that permits secret material"),
    _v("vault-backup-unencrypted", "custody", ["SDP-CUSTODY-006"], ["CustodyTable", "Encryption"], vault_backup_unencrypted,
       ["backup-ref", "vault-plain"], labels=(("scope-restricted", {"custody": "vault", "privacy": "ScopeRestricted"}),),
       comment="an unencrypted backup of vault custody whose privacy class alone would not require encryption"),
    _v("export-authority-invalid", "authority", ["SDP-EXPORT-002"], ["ExportAuthority"], export_authority_invalid, (),
       labels=(("expired", {"reason": "expired"}), ("future", {"reason": "future"}),
               ("other-spec", {"reason": "other-spec"}), ("unknown", {"reason": "unknown"})),
       comment="a custody-crossing export presenting an authority that is not in force or does not cover the spec"),
    _v("export-authority-emergency", "authority", ["SDP-EXPORT-002"], ["ExportAuthority", "EmergencyAuthority"],
       export_authority_emergency, (), labels=(("canonical", {"custody": "canonical"}),),
       comment="a custody-crossing export presenting an emergency authority in force"),
    _v("drill-touch-unauthorized", "scope", ["SDP-RESTORE-004"], ["AuthoritativeDrill"], drill_touch_unauthorized,
       ["recovery-ref"],
       labels=(("policy-names-none", {"reason": "policy-names-none"}), ("no-decision", {"reason": "no-decision"}),
               ("other-class", {"reason": "other-class"}), ("class-unnamed", {"reason": "class-unnamed"}),
               ("not-yet-decided", {"reason": "not-yet-decided"})),
       comment="a drill touching authoritative state without a decision of the policy's proposal class"),
    _v("restore-subset-not-allowed", "scope", ["SDP-RESTORE-005"], ["RestoreScope"], restore_subset_not_allowed,
       ["recovery-ref"], labels=(("other-subset", {"reason": "other-subset"}), ("no-subset", {"reason": "no-subset"})),
       comment="a partial restore of a subset the recovery policy does not name"),
    _v("restore-horizon-exceeded", "scope", ["SDP-RESTORE-006"], ["RestoreScope", "TimeBound"], restore_horizon_exceeded,
       ["recovery-ref"],
       labels=(("one-second-past", {"reason": "past-horizon", "overdue": 10**9}), ("future", {"reason": "future"}),
               ("unnamed", {"reason": "unnamed"})),
       comment="a point-in-time restore before the policy's horizon, in the future, or naming no instant"),
)
