"""Operations, each built to be allowed or to break exactly one rule, with the decision,
codes and receipts that follow from how it was built.

A variant takes the builder, a unit (whose ``needs`` it declared) and a picker; it appends
one operation (and any governance act it relies on) and records its expected outcome.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .pick import NotApplicable
from .units import DAY, HOUR, IN_FORCE, Unit
from .vocab import CHECKS, CUSTODY, ENCRYPTED, GOVERNED_EXPORT

ALLOW, REFUSE = "allow", "refuse"


def _op(b, u: Unit, kind: str, bare: bool = False, **fields) -> dict:
    """One operation; under S10 authority-required an export of governed custody gets a grant in
    force unless ``bare`` (the case about an export presenting none)."""
    op = {"id": b.next_op_id(), "kind": kind, "spec": u.spec_id, "actor": f"operator:{u.params.label}", **fields}
    if kind == "export" and "authority" not in fields and not bare and export_granted(b, u):
        op["authority"] = export_grant(b, u)  # S10 authority-required: so that only the rule a variant breaks decides
    return op


def export_needs_authority(b, u: Unit) -> bool:
    """S10 authority-required: an export of governed custody also needs a grant or mandate in force."""
    return b.choices.get("S10") == "authority-required" and u.params.custody in GOVERNED_EXPORT


def export_granted(b, u: Unit) -> bool:
    """Whether a governed export is given a grant in force: under S10 authority-required, and in the
    properties always (``Builder.grant_exports``): allowed under every reading of S10, so an export
    that is not the case's subject is undisputed noise (issue 11 point 6). The golden vectors keep
    their exports as they were."""
    return u.params.custody in GOVERNED_EXPORT and (b.grant_exports or b.choices.get("S10") == "authority-required")


def export_grant(b, u: Unit) -> str:
    """A grant in force at `now` covering the unit's spec, made for one export."""
    a = {"id": f"auth-export-grant-{len(b.extra_authorities)}", "type": "grant", "holder": f"steward:export:{u.params.label}",
         "specs": [u.spec_id], "valid-from": b.t(b.now - DAY), "valid-until": b.t(b.now + DAY)}
    b.extra_authorities.append(a)
    return a["id"]


def narrow_target(b, u: Unit, pick, name: str) -> dict:
    o = b.order
    return {"locality": pick(name + "-locality", o.at_most("locality", u.spec["locality"])),
            "privacy": pick(name + "-privacy", o.at_most("privacy", u.spec["privacy"])),
            "custody": pick(name + "-custody", [u.params.custody] + [c for c in CUSTODY if c != u.params.custody])}


def wide_target(b, u: Unit, pick, name: str, dimension: str) -> dict:
    t = narrow_target(b, u, pick, name)
    t[dimension] = pick(name + "-wide-" + dimension, b.order.wider_than(dimension, u.spec[dimension]))
    return t


def broadening_act(b, u: Unit, copy: str, dimension: str, value: str, pick) -> dict:
    """An act in force naming the broadening of ``copy`` to ``value`` or wider."""
    to = pick("act-to", b.order.at_least(dimension, value))
    return b.add_act({"kind": "broadening", "spec": u.spec_id, "decided-at": b.t(b.now - pick("act-age", [DAY, 0])),
                      "copy": copy, "dimension": dimension, "to": to})


def decision_act(b, u: Unit, op_id: str) -> dict:
    return b.add_act({"kind": "restore-decision", "spec": u.spec_id, "decided-at": b.t(b.now - HOUR), "operation": op_id})


def needs_encryption(u: Unit, target: dict) -> bool:
    return u.spec["privacy"] in ENCRYPTED or target["privacy"] in ENCRYPTED


# ---------------------------------------------------------------- backup run
def backup_ok(b, u, pick, execution=None):
    if not u.params.backup_ref:
        raise NotApplicable("no backup policy")
    mech = pick("mechanism", ["key-rotation", "key-recovery"] if u.secret else ["ordinary", "key-rotation", "key-recovery"])
    execution = execution or pick("execution", ["succeeded", "failed"])
    op = _op(b, u, "backup-run", target=narrow_target(b, u, pick, "target"), mechanism=mech, encrypted=True,
             execution=execution)
    if execution == "succeeded":
        b.add_op(u, op, ALLOW, (), [("backup-creation", True)])
    else:
        b.add_op(u, op, ALLOW, ["backup-failed"], [("backup-failure", False)])


def backup_failed_run(b, u, pick):
    backup_ok(b, u, pick, execution="failed")


def _backup_refused(b, u, pick, target, code, mechanism=None, encrypted=True):
    mech = mechanism or pick("mechanism", ["key-rotation", "key-recovery"] if u.secret else ["ordinary", "key-rotation"])
    op = _op(b, u, "backup-run", target=target, mechanism=mech, encrypted=encrypted,
             execution=pick("execution", ["succeeded", "failed"]))
    b.add_op(u, op, REFUSE, [code], [("backup-failure", False)])
    return op


def backup_broadened(dimension):
    code = {"locality": "backup-locality-broadened", "privacy": "backup-privacy-broadened"}[dimension]

    def build(b, u, pick):
        target = wide_target(b, u, pick, "target", dimension)
        _backup_refused(b, u, pick, target, code)
    return build


def backup_secret(b, u, pick):
    _backup_refused(b, u, pick, narrow_target(b, u, pick, "target"), "secret-ordinary-backup", mechanism="ordinary")


def backup_unencrypted(b, u, pick):
    target = narrow_target(b, u, pick, "target")
    if not needs_encryption(u, target):
        raise NotApplicable("nothing requires encryption")
    op = _backup_refused(b, u, pick, target, "copy-unencrypted", encrypted=False)
    if u.params.custody == "vault" and u.custody_rules:  # a vault backup is encrypted whatever its privacy (SDP-CUSTODY-006)
        b.plans[-1].codes += ("vault-backup-unencrypted",)
    return op


def backup_no_policy(b, u, pick):
    op = _op(b, u, "backup-run", target=narrow_target(b, u, pick, "target"), mechanism="ordinary" if not u.secret else "key-rotation",
             encrypted=True, execution="succeeded")
    b.add_op(u, op, REFUSE, ["policy-required"], [("backup-failure", False)])


# ---------------------------------------------------------------- replica placement
def _replica(b, u, pick, target, encrypted=True) -> dict:
    """A replica placement; secret material names a key protocol (SDP-CUSTODY-004) so that only the
    rule a variant breaks decides it."""
    fields = {"target": target, "encrypted": encrypted}
    if u.secret:
        fields["mechanism"] = pick("replica-mechanism", ["key-rotation", "key-recovery"])
    return _op(b, u, "replica-placement", **fields)


def replica_ok(b, u, pick):
    if not u.params.replication_ref:
        raise NotApplicable("no replication policy")
    op = _replica(b, u, pick, narrow_target(b, u, pick, "target"))
    b.add_op(u, op, ALLOW, (), [("replication-completed", True)])


def replica_broadened(dimension):
    code = {"locality": "replica-locality-broadened", "privacy": "replica-privacy-broadened"}[dimension]

    def build(b, u, pick):
        op = _replica(b, u, pick, wide_target(b, u, pick, "target", dimension))
        b.add_op(u, op, REFUSE, [code], [("replication-failure", False)])
    return build


def replica_unencrypted(b, u, pick):
    target = narrow_target(b, u, pick, "target")
    if not needs_encryption(u, target):
        raise NotApplicable("nothing requires encryption")
    op = _replica(b, u, pick, target, encrypted=False)
    b.add_op(u, op, REFUSE, ["copy-unencrypted"], [("replication-failure", False)])


def replica_no_policy(b, u, pick):
    op = _replica(b, u, pick, narrow_target(b, u, pick, "target"))
    b.add_op(u, op, REFUSE, ["policy-required"], [("replication-failure", False)])


# ---------------------------------------------------------------- restore
def _restore(b, u, pick, mode, environment, authority, checks=None, **extra) -> dict:
    fields = {"mode": mode, "scope": pick("scope", ["full", "partial", "point-in-time"]), "environment": environment,
              "target": extra.pop("target", None) or narrow_target(b, u, pick, "target"),
              "source": {"version": "snapshot-2026-04-16", "hash": "blake3:9f2c51d0"}}
    if authority is not None:
        fields["authority"] = authority
    if mode == "drill":
        fields["checks"] = checks or {c: "pass" for c in CHECKS}
    if pick("convergence", [False, True]):
        fields["convergence-seconds"] = 42.5
    fields.update(extra)
    return _op(b, u, "restore", **fields)


def _valid_restore_authority(b, u, pick) -> str:
    roles = [r for r in ("restore", "strict") if u.valid(r)]
    return u.authorities[pick("authority-role", roles)]["id"]


def _drill_checks(pick, failing: bool) -> dict:
    names = pick("checks", [CHECKS, CHECKS[:1], CHECKS[1:]])
    checks = {c: "pass" for c in names}
    if failing:
        checks[pick("failing-check", list(names))] = "fail"
    return checks


def restore_drill(failing: bool):
    def build(b, u, pick):
        _need_recovery(u)
        op = _restore(b, u, pick, "drill", pick("environment", ["staging", "sandbox"]),
                      _valid_restore_authority(b, u, pick), _drill_checks(pick, failing))
        if failing:
            b.add_op(u, op, ALLOW, ["drill-failed"], [("restore-test", False)])
        else:
            b.add_op(u, op, ALLOW, (), [("restore-test", True)])
    return build


def _need_recovery(u):
    if not u.params.recovery_ref:
        raise NotApplicable("no recovery policy")


def _govern(b, u, op):
    if u.canonical:
        op["decision"] = decision_act(b, u, op["id"])["id"]


def restore_live(b, u, pick):
    _need_recovery(u)
    op = _restore(b, u, pick, "live", pick("environment", ["production", "staging", "sandbox"]),
                  _valid_restore_authority(b, u, pick))
    _govern(b, u, op)
    b.add_op(u, op, ALLOW, (), [("restore-execution", True)])


def restore_production_drill_strict(b, u, pick):
    _need_recovery(u)
    op = _restore(b, u, pick, "drill", "production", u.authorities["strict"]["id"], _drill_checks(pick, pick("failing", [False, True])))
    _govern(b, u, op)
    b.add_op(u, op, ALLOW, (), [("restore-execution", True)])


def restore_emergency(b, u, pick):
    _need_recovery(u)
    if not (u.params.emergency_named and u.valid("emergency")):
        raise NotApplicable("no emergency authority in force")
    op = _restore(b, u, pick, "live", pick("environment", ["production", "staging"]), u.authorities["emergency"]["id"],
                  emergency=True)
    b.add_op(u, op, ALLOW, (), [("restore-execution", True)])


def restore_unauthorized(b, u, pick):
    _need_recovery(u)
    reasons = ["absent", "unnamed"] + (["window"] if not u.valid("restore") else [])
    reason = pick("reason", reasons)
    authority = {"absent": None, "unnamed": u.authorities["expire"]["id"],
                 "window": u.authorities["restore"]["id"]}[reason]
    mode = pick("mode", ["drill", "live"])
    env = pick("environment", ["staging", "sandbox"] if mode == "drill" else ["production", "staging"])
    op = _restore(b, u, pick, mode, env, authority, _drill_checks(pick, False) if mode == "drill" else None)
    if mode == "live":
        _govern(b, u, op)
    b.add_op(u, op, REFUSE, ["restore-unauthorized"], [("restore-failure", False)])


def restore_not_governed(b, u, pick):
    _need_recovery(u)
    reason = pick("reason", ["absent", "future", "other-operation", "wrong-kind"])
    op = _restore(b, u, pick, "live", pick("environment", ["production", "staging"]), _valid_restore_authority(b, u, pick))
    if reason == "future":
        op["decision"] = b.add_act({"kind": "restore-decision", "spec": u.spec_id, "decided-at": b.t(b.now + HOUR),
                                    "operation": op["id"]})["id"]
    elif reason == "other-operation":
        other = b.plans[-1].op["id"] if b.plans else None
        if other is None:
            raise NotApplicable("no earlier operation")
        op["decision"] = b.add_act({"kind": "restore-decision", "spec": u.spec_id, "decided-at": b.t(b.now - HOUR),
                                    "operation": other})["id"]
    elif reason == "wrong-kind":
        op["decision"] = b.add_act({"kind": "broadening", "spec": u.spec_id, "decided-at": b.t(b.now - HOUR),
                                    "copy": "restore", "dimension": "locality", "to": u.spec["locality"]})["id"]
    b.add_op(u, op, REFUSE, ["restore-not-governed"], [("restore-failure", False)])


def restore_drill_production(b, u, pick):
    _need_recovery(u)
    if not u.valid("restore"):
        raise NotApplicable("restore authority not in force")
    op = _restore(b, u, pick, "drill", "production", u.authorities["restore"]["id"], _drill_checks(pick, False))
    _govern(b, u, op)
    b.add_op(u, op, REFUSE, ["drill-into-production"], [("restore-failure", False)])


def restore_emergency_not_named(b, u, pick):
    _need_recovery(u)
    reasons = ["strict-mandate", "unnamed-emergency"] + (["policy-names-none"] if not u.params.emergency_named else [])
    reason = pick("reason", reasons)
    if reason == "strict-mandate":
        authority = u.authorities["strict"]["id"]
    elif reason == "policy-names-none":
        authority = u.authorities["emergency"]["id"]
    else:
        other = dict(u.authorities["emergency"], id=f"auth-emergency-unnamed-{b.next_op_id()}", specs=[u.spec_id],
                     **{"valid-from": b.t(b.now - HOUR), "valid-until": b.t(b.now + HOUR)})
        b.extra_authorities.append(other)
        authority = other["id"]
    op = _restore(b, u, pick, "live", "production", authority, emergency=True)
    b.add_op(u, op, REFUSE, ["emergency-not-named"], [("restore-failure", False)])


def restore_emergency_expired(b, u, pick):
    _need_recovery(u)
    if (not u.params.emergency_named or u.params.emergency_window not in ("expired", "ends-now", "future")
            or u.valid("emergency")):
        raise NotApplicable("emergency authority in force or not named")
    op = _restore(b, u, pick, "live", "production", u.authorities["emergency"]["id"], emergency=True)
    b.add_op(u, op, REFUSE, ["emergency-expired"], [("restore-failure", False)])


def restore_target_broadened(dimension):
    def build(b, u, pick):
        _need_recovery(u)
        target = wide_target(b, u, pick, "target", dimension)
        op = _restore(b, u, pick, "drill", pick("environment", ["staging", "sandbox"]),
                      _valid_restore_authority(b, u, pick), _drill_checks(pick, False), target=target)
        b.add_op(u, op, REFUSE, ["restore-target-broadened"], [("restore-failure", False)])
    return build


def restore_no_policy(b, u, pick):
    op = _restore(b, u, pick, "drill", "staging", u.authorities["restore"]["id"], _drill_checks(pick, False))
    b.add_op(u, op, REFUSE, ["policy-required"], [("restore-failure", False)])


# ---------------------------------------------------------------- archive expiration
def archive_expire(b, u, pick):
    if not (u.params.archive_ref and u.params.archive_expirable and u.valid("expire")):
        raise NotApplicable("no governed expiration possible")
    op = _op(b, u, "archive-expiration", archive=f"archive-item-{u.params.label}", path="governed",
             authority=u.authorities["expire"]["id"])
    b.add_op(u, op, ALLOW, (), [("archive-expiration", True)])


def archive_quiet(b, u, pick):
    fields = {"archive": f"archive-item-{u.params.label}", "path": "direct"}
    if pick("with-authority", [False, True]):
        fields["authority"] = u.authorities["expire"]["id"]
    b.add_op(u, _op(b, u, "archive-expiration", **fields), REFUSE, ["archive-quiet-deletion"], [("archive-expiration", False)])


def archive_unauthorized(b, u, pick):
    reasons = ["absent", "unnamed"] + (["never"] if not u.params.archive_expirable else []) \
        + (["window"] if not u.valid("expire") else [])
    reason = pick("reason", reasons)
    fields = {"archive": f"archive-item-{u.params.label}", "path": "governed"}
    authority = {"absent": None, "unnamed": u.authorities["restore"]["id"], "never": u.authorities["expire"]["id"],
                 "window": u.authorities["expire"]["id"]}[reason]
    if authority is not None:
        fields["authority"] = authority
    b.add_op(u, _op(b, u, "archive-expiration", **fields), REFUSE, ["archive-expiration-unauthorized"],
             [("archive-expiration", False)])


def archive_no_policy(b, u, pick):
    op = _op(b, u, "archive-expiration", archive=f"archive-item-{u.params.label}", path="governed",
             authority=u.authorities["expire"]["id"])
    b.add_op(u, op, REFUSE, ["policy-required"], [("archive-expiration", False)])


# ---------------------------------------------------------------- export
def _basis(u, pick):
    options = ["federation-agreement"] + (["exit-policy"] if u.params.exit_path else [])
    if u.params.custody not in GOVERNED_EXPORT:
        options.append("none")
    return pick("basis", options)


def permit_secret_export(u) -> list:
    """Secret material is exported only under an exit policy that permits it (SDP-CUSTODY-005): the
    unit's exit path is made to permit it; without a path the export also breaks that rule (its code)."""
    if not u.secret:
        return []
    if "path" in u.spec["exit"]:
        u.spec["exit"]["permits-secret"] = True
        return []
    return ["secret-export-forbidden"] if u.custody_rules else []  # S12 expectations-only: not a rule


def export_ok(b, u, pick):
    if u.secret and not u.params.exit_path:
        raise NotApplicable("secret material without an exit path that could permit its export")
    permit_secret_export(u)
    op = _op(b, u, "export", target=narrow_target(b, u, pick, "target"), basis=_basis(u, pick), encrypted=True)
    b.add_op(u, op, ALLOW, (), [("export", True)])


def export_broadened(dimension):
    def build(b, u, pick):
        op = _op(b, u, "export", target=wide_target(b, u, pick, "target", dimension), basis=_basis(u, pick), encrypted=True)
        b.add_op(u, op, REFUSE, ["export-broadened", *permit_secret_export(u)], [("export", False)])
    return build


def export_no_basis(b, u, pick):
    reasons = (["none"] if u.params.custody in GOVERNED_EXPORT else []) + (["no-exit"] if not u.params.exit_path else [])
    basis = {"none": "none", "no-exit": "exit-policy"}[pick("reason", reasons)]
    op = _op(b, u, "export", target=narrow_target(b, u, pick, "target"), basis=basis, encrypted=True)
    b.add_op(u, op, REFUSE, ["export-basis-missing", *permit_secret_export(u)], [("export", False)])


def export_unencrypted(b, u, pick):
    target = narrow_target(b, u, pick, "target")
    if not needs_encryption(u, target):
        raise NotApplicable("nothing requires encryption")
    op = _op(b, u, "export", target=target, basis=_basis(u, pick), encrypted=False)
    b.add_op(u, op, REFUSE, ["copy-unencrypted", *permit_secret_export(u)], [("export", False)])


# ---------------------------------------------------------------- integrity check
def integrity_passed(b, u, pick):
    b.add_op(u, _op(b, u, "integrity-check", result="passed"), ALLOW, (), [("integrity-check", True)])


def integrity_failed_repaired(b, u, pick):
    if not u.params.integrity_ref:
        raise NotApplicable("no integrity policy")
    fields = {"result": "failed"}
    if u.canonical:
        if not (u.params.integrity_repair_named and u.valid("integrity-repair")):
            raise NotApplicable("no repair authority in force")
        fields["authority"] = u.authorities["integrity-repair"]["id"]
    b.add_op(u, _op(b, u, "integrity-check", **fields), ALLOW, ["integrity-failed"], [("integrity-failure", False)])


def integrity_no_repair_authority(b, u, pick):
    reasons = ["absent", "unnamed"] + (["policy-names-none"] if not u.params.integrity_repair_named else []) \
        + (["window"] if u.params.integrity_repair_named and not u.valid("integrity-repair") else [])
    reason = pick("reason", reasons)
    fields = {"result": "failed"}
    authority = {"absent": None, "unnamed": u.authorities["replication-repair"]["id"],
                 "policy-names-none": u.authorities["integrity-repair"]["id"],
                 "window": u.authorities["integrity-repair"]["id"]}[reason]
    if authority:
        fields["authority"] = authority
    b.add_op(u, _op(b, u, "integrity-check", **fields), REFUSE, ["integrity-failed", "repair-authority-missing"],
             [("integrity-failure", False)])


def integrity_no_policy(b, u, pick):
    b.add_op(u, _op(b, u, "integrity-check", result="failed"), REFUSE, ["integrity-failed", "policy-required"],
             [("integrity-failure", False)])


# ---------------------------------------------------------------- anti-entropy divergence
def divergence_repaired(b, u, pick):
    if not u.params.replication_ref:
        raise NotApplicable("no replication policy")
    governed_ok = u.params.replication_repair_named and u.valid("replication-repair")
    modes = (["governed"] if governed_ok else []) + ([] if u.canonical else ["auto"])
    mode = pick("repair", modes)
    fields = {"repair": mode}
    if mode == "governed":
        fields["authority"] = u.authorities["replication-repair"]["id"]
    b.add_op(u, _op(b, u, "anti-entropy-divergence", **fields), ALLOW, ["divergence-found"], [("divergence-detected", False)])


def divergence_unauthorized(b, u, pick):
    reasons = (["auto-canonical"] if u.canonical else []) + ["absent", "unnamed"] \
        + (["policy-names-none"] if not u.params.replication_repair_named else []) \
        + (["window"] if u.params.replication_repair_named and not u.valid("replication-repair") else [])
    reason = pick("reason", reasons)
    fields = {"repair": "auto" if reason == "auto-canonical" else "governed"}
    authority = {"auto-canonical": None, "absent": None, "unnamed": u.authorities["integrity-repair"]["id"],
                 "policy-names-none": u.authorities["replication-repair"]["id"],
                 "window": u.authorities["replication-repair"]["id"]}[reason]
    if authority:
        fields["authority"] = authority
    b.add_op(u, _op(b, u, "anti-entropy-divergence", **fields), REFUSE,
             ["divergence-found", "divergence-repair-unauthorized"], [("divergence-detected", False)])


def divergence_no_policy(b, u, pick):
    b.add_op(u, _op(b, u, "anti-entropy-divergence", repair="auto"), REFUSE, ["divergence-found", "policy-required"],
             [("divergence-detected", False)])


# ---------------------------------------------------------------- provider outage
def outage_handled(b, u, pick):
    op = _op(b, u, "provider-outage", provider=f"backend:{u.params.label}", response=pick("response", ["suspend", "operator-restore"]))
    b.add_op(u, op, ALLOW, ["provider-unavailable"], [("provider-outage", False)])


def outage_fallback(b, u, pick):
    op = _op(b, u, "provider-outage", provider=f"backend:{u.params.label}", response="fallback")
    b.add_op(u, op, REFUSE, ["provider-unavailable", "silent-fallback"], [("provider-outage", False)])


# ---------------------------------------------------------------- the table
@dataclass(frozen=True)
class Variant:
    name: str
    topic: str
    requirements: tuple
    flags: tuple
    build: object
    needs: frozenset = frozenset()
    allowed: bool = False
    labels: tuple = (("base", {}),)  # vector labels and the choices each forces
    comment: str = ""
    within: dict = field(default_factory=dict)  # choices a drawn subject unit is limited to (Picker.within)


def _v(name, topic, reqs, flags, build, needs=(), allowed=False, labels=(("base", {}),), comment="", within=None):
    return Variant(name, topic, tuple(reqs), tuple(flags), build, frozenset(needs), allowed, tuple(labels), comment,
                   dict(within or {}))


ALLOWED = (
    _v("backup-run", "valid", ["SDP-RECEIPT-001"], ["ValidOperation"], backup_ok, ["backup-ref"], True,
       (("succeeded", {"execution": "succeeded"}),), "an allowed backup run emits a creation receipt"),
    _v("backup-run-failed", "receipt", ["SDP-RECEIPT-001"], ["FailureReceipt"], backup_failed_run, ["backup-ref"], True,
       comment="a failed but allowed backup run still emits evidence: a failure receipt with success false"),
    _v("replica-placement", "valid", ["SDP-FAIL-005"], ["ValidOperation"], replica_ok, ["replication-ref"], True),
    _v("restore-drill", "valid", ["SDP-FAIL-006", "SDP-RECEIPT-002"], ["ValidOperation"], restore_drill(False), ["recovery-ref"], True),
    _v("restore-drill-failed", "receipt", ["SDP-RECEIPT-002"], ["FailureReceipt", "PerCheckReceipt"], restore_drill(True),
       ["recovery-ref"], True, comment="a drill with a failing check is allowed and reported with success false"),
    _v("restore-live", "valid", ["SDP-FAIL-006", "SDP-RESTORE-001"], ["ValidOperation"], restore_live, ["recovery-ref"], True),
    _v("restore-production-strict", "restore", ["SDP-RESTORE-002"], ["DrillIsLiveRestore"], restore_production_drill_strict,
       ["recovery-ref"], True, comment="a drill into production under the strict authority is a live restore"),
    _v("restore-emergency", "restore", ["SDP-RESTORE-003"], ["EmergencyAuthority"], restore_emergency, ["recovery-ref"], True,
       labels=(("in-force", {"emergency-window": "current", "emergency-named": True}),
               ("starts-now", {"emergency-window": "starts-now", "emergency-named": True})),
       within={"emergency-named": (True,), "emergency-window": IN_FORCE}),
    _v("archive-expiration", "valid", ["SDP-FAIL-008", "SDP-ARCHIVE-001"], ["ValidOperation"], archive_expire, ["archive-ref"], True,
       labels=(("base", {"archive-expirable": True, "expire-window": "current"}),),
       within={"archive-expirable": (True,), "expire-window": IN_FORCE}),
    _v("export", "valid", ["SDP-EXPORT-001"], ["ValidOperation"], export_ok, (), True),
    _v("integrity-passed", "valid", ["SDP-FAIL-009"], ["ValidOperation"], integrity_passed, (), True),
    _v("integrity-failed", "failure", ["SDP-FAIL-009"], ["FailureReceipt"], integrity_failed_repaired, ["integrity-ref"], True,
       labels=(("canonical-repair", {"storage-class": "canonical", "custody": "canonical", "integrity-repair-named": True,
                                     "repair-window": "current"}),
               ("service-state", {"custody": "service-state"}))),
    _v("divergence-repaired", "failure", ["SDP-FAIL-010"], ["FailureReceipt"], divergence_repaired, ["replication-ref"], True,
       labels=(("auto-service-state", {"custody": "service-state", "repair": "auto"}),
               ("governed-canonical", {"custody": "canonical", "replication-repair-named": True, "repair-window": "current"}))),
    _v("outage-suspend", "failure", ["SDP-FAIL-015"], ["ProviderOutage"], outage_handled, (), True),
)

REFUSED = (
    _v("backup-locality", "failure", ["SDP-FAIL-004"], ["LocalityBroadening"], backup_broadened("locality"), ["backup-ref", "locality-not-max"],
       labels=(("coop-to-commons", {"locality": "coop_replicated", "target-wide-locality": "commons_public"}),
               ("cell-to-coop", {"locality": "cell_local", "target-wide-locality": "coop_replicated"}))),
    _v("backup-privacy", "copy", ["SDP-COPY-001"], ["PrivacyBroadening"], backup_broadened("privacy"), ["backup-ref", "privacy-not-max"],
       labels=(("members-to-public", {"privacy": "MembersOnly", "target-wide-privacy": "Public"}),
               ("scope-to-members", {"privacy": "ScopeRestricted", "target-wide-privacy": "MembersOnly"}))),
    _v("secret-backup", "failure", ["SDP-FAIL-012"], ["SecretMaterial"], backup_secret, ["backup-ref", "secret"],
       labels=(("secret-custody", {"custody": "secret"}),
               ("vault-secret-credential", {"custody": "vault", "privacy": "SecretCredential"}))),
    _v("backup-unencrypted", "copy", ["SDP-COPY-004"], ["Encryption"], backup_unencrypted, ["backup-ref", "encrypted-source"]),
    _v("backup-no-policy", "operation", ["SDP-OP-002"], ["MissingPolicy"], backup_no_policy, ["no-backup", "not-secret"],
       labels=(("derived", {"custody": "derived"}),)),
    _v("replica-locality", "failure", ["SDP-FAIL-005"], ["LocalityBroadening"], replica_broadened("locality"),
       ["replication-ref", "locality-not-max"],
       labels=(("coop-to-commons", {"locality": "coop_replicated", "target-wide-locality": "commons_public"}),
               ("federation-to-commons", {"locality": "federation_mirrored", "target-wide-locality": "commons_public"}))),
    _v("replica-privacy", "failure", ["SDP-FAIL-005"], ["PrivacyBroadening"], replica_broadened("privacy"),
       ["replication-ref", "privacy-not-max"],
       labels=(("overlay-to-scope", {"privacy": "PrivateOverlay", "target-wide-privacy": "ScopeRestricted"}),
               ("members-to-custodian", {"privacy": "MembersOnly", "target-wide-privacy": "ExternalCustodian"}))),
    _v("replica-unencrypted", "copy", ["SDP-COPY-004"], ["Encryption"], replica_unencrypted, ["replication-ref", "encrypted-source"]),
    _v("replica-no-policy", "operation", ["SDP-OP-002"], ["MissingPolicy"], replica_no_policy, ["no-replication"]),
    _v("restore-unauthorized", "failure", ["SDP-FAIL-006"], ["RestoreAuthority"], restore_unauthorized, ["recovery-ref"],
       labels=(("no-authority", {"reason": "absent"}), ("unnamed-grant", {"reason": "unnamed"}),
               ("expired-grant", {"reason": "window", "restore-window": "expired"}),
               ("grant-ends-now", {"reason": "window", "restore-window": "ends-now"}),
               ("future-grant", {"reason": "window", "restore-window": "future"}),
               ("grant-for-other-spec", {"reason": "window", "restore-window": "elsewhere"}))),
    _v("restore-not-governed", "restore", ["SDP-RESTORE-001"], ["GovernedRestore"], restore_not_governed, ["recovery-ref", "canonical-class"],
       labels=(("no-decision", {"reason": "absent"}), ("future-decision", {"reason": "future"}),
               ("broadening-act-as-decision", {"reason": "wrong-kind"}))),
    _v("drill-into-production", "restore", ["SDP-RESTORE-002"], ["DrillIsLiveRestore"], restore_drill_production, ["recovery-ref"],
       labels=(("restore-grant", {"restore-window": "current"}),), within={"restore-window": IN_FORCE}),
    _v("emergency-not-named", "restore", ["SDP-RESTORE-003"], ["EmergencyAuthority"], restore_emergency_not_named, ["recovery-ref"],
       labels=(("strict-mandate", {"reason": "strict-mandate"}), ("unnamed-emergency", {"reason": "unnamed-emergency"}),
               ("policy-names-none", {"reason": "policy-names-none", "emergency-named": False}))),
    _v("emergency-expired", "restore", ["SDP-RESTORE-003"], ["EmergencyAuthority", "TimeBound"], restore_emergency_expired, ["recovery-ref"],
       labels=(("expired", {"emergency-named": True, "emergency-window": "expired"}),
               ("ends-now", {"emergency-named": True, "emergency-window": "ends-now"}),
               ("not-yet", {"emergency-named": True, "emergency-window": "future"})),
       within={"emergency-named": (True,), "emergency-window": ("expired", "ends-now", "future")}),
    _v("restore-target-locality", "copy", ["SDP-COPY-002"], ["LocalityBroadening"], restore_target_broadened("locality"),
       ["recovery-ref", "locality-not-max"]),
    _v("restore-target-privacy", "copy", ["SDP-COPY-002"], ["PrivacyBroadening"], restore_target_broadened("privacy"),
       ["recovery-ref", "privacy-not-max"]),
    _v("restore-no-policy", "operation", ["SDP-OP-002"], ["MissingPolicy"], restore_no_policy, ["no-recovery"]),
    _v("archive-quiet-deletion", "failure", ["SDP-FAIL-008"], ["QuietDeletion"], archive_quiet, ["archive-ref"],
       labels=(("direct", {"with-authority": False}), ("direct-with-authority", {"with-authority": True}))),
    _v("archive-unauthorized", "archive", ["SDP-ARCHIVE-001"], ["ArchiveExpiration"], archive_unauthorized, ["archive-ref"],
       labels=(("no-authority", {"reason": "absent"}), ("unnamed", {"reason": "unnamed"}),
               ("canonical-never", {"reason": "never", "archive-expirable": False, "custody": "canonical"}),
               ("expired", {"reason": "window", "expire-window": "expired"}))),
    _v("archive-no-policy", "operation", ["SDP-OP-002"], ["MissingPolicy"], archive_no_policy, ["no-archive"]),
    _v("export-locality", "copy", ["SDP-COPY-003"], ["LocalityBroadening"], export_broadened("locality"), ["locality-not-max"]),
    _v("export-privacy", "copy", ["SDP-COPY-003"], ["PrivacyBroadening", "ExternalCustodian"], export_broadened("privacy"),
       ["privacy-not-max"],
       labels=(("members-to-custodian", {"privacy": "MembersOnly", "target-wide-privacy": "ExternalCustodian"}),)),
    _v("export-basis", "export", ["SDP-EXPORT-001"], ["ExportBasis"], export_no_basis, (),
       labels=(("canonical-no-basis", {"custody": "canonical", "reason": "none"}),
               ("exit-policy-without-exit", {"custody": "artifact", "exit-path": False, "reason": "no-exit"}))),
    _v("export-unencrypted", "copy", ["SDP-COPY-004"], ["Encryption"], export_unencrypted, ["encrypted-source"]),
    _v("integrity-repair-authority", "failure", ["SDP-FAIL-009"], ["RepairAuthority"], integrity_no_repair_authority,
       ["integrity-ref", "canonical-class"],
       labels=(("no-authority", {"reason": "absent"}), ("unnamed", {"reason": "unnamed"}),
               ("expired", {"reason": "window", "integrity-repair-named": True, "repair-window": "expired"}))),
    _v("integrity-no-policy", "operation", ["SDP-OP-002", "SDP-FAIL-009"], ["MissingPolicy"], integrity_no_policy, ["no-integrity"]),
    _v("divergence-unauthorized", "failure", ["SDP-FAIL-010"], ["RepairAuthority"], divergence_unauthorized,
       ["replication-ref"],
       labels=(("auto-canonical", {"reason": "auto-canonical", "custody": "canonical"}), ("no-authority", {"reason": "absent"}),
               ("expired", {"reason": "window", "replication-repair-named": True, "repair-window": "expired"}))),
    _v("divergence-no-policy", "operation", ["SDP-OP-002", "SDP-FAIL-010"], ["MissingPolicy"], divergence_no_policy, ["no-replication"]),
    _v("silent-fallback", "failure", ["SDP-FAIL-015"], ["ProviderOutage"], outage_fallback, ()),
)

VARIANTS = {v.name: v for v in ALLOWED + REFUSED}

# Copy refusals that a broadening act in force turns into an allow (metamorphic): variant -> (copy, dimension).
BROADENINGS = {
    "backup-locality": ("backup", "locality"), "backup-privacy": ("backup", "privacy"),
    "replica-locality": ("replica", "locality"), "replica-privacy": ("replica", "privacy"),
    "restore-target-locality": ("restore", "locality"), "restore-target-privacy": ("restore", "privacy"),
    "export-locality": ("export", "locality"), "export-privacy": ("export", "privacy"),
}
