"""One unit of a bundle: a binding, its StorageSpec, the five policies it references and the
authorities those policies name, built valid from named choices (``UnitParams``)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from .pick import NotApplicable
from .vocab import CUSTODY, ENCRYPTED, GOVERNED_EXPORT, LOCALITIES, PRIVACY, STORAGE_FOR, Order

DAY = 86400 * 10**9
HOUR = 3600 * 10**9

# Authority windows relative to `now`; the first three are in force at `now`.
IN_FORCE = ("current", "open", "starts-now")
WINDOWS = IN_FORCE + ("expired", "ends-now", "future", "elsewhere")

NEEDS = frozenset({
    "secret", "not-secret", "canonical-class", "non-canonical-class", "locality-not-max", "locality-not-min",
    "privacy-not-max", "privacy-not-min", "encrypted-source", "governed-export", "ungoverned-export",
    "not-derived", "backup-ref", "no-backup", "replication-ref", "no-replication", "recovery-ref", "no-recovery",
    "archive-ref", "no-archive", "integrity-ref", "no-integrity", "exit-none", "exit-path",
    "canonical-custody", "vault-plain",
})
# Slots the custody table makes mandatory for canonical custody (SDP-FAIL-003, SDP-CUSTODY-001..003).
CANONICAL_MANDATORY = frozenset({"no-backup", "no-replication", "no-archive"})


@dataclass(frozen=True)
class UnitParams:
    label: str
    custody: str
    storage_class: str
    locality: str
    privacy: str
    manifest_locality: str
    manifest_privacy: str
    may_exit: bool
    exit_path: bool
    backup_ref: bool
    discardable: bool
    replication_ref: bool
    recovery_ref: bool
    archive_ref: bool
    integrity_ref: bool
    backup_target: tuple  # (locality, privacy, custody)
    replication_target: tuple
    archive_target: tuple
    archive_expirable: bool
    integrity_repair_named: bool
    replication_repair_named: bool
    emergency_named: bool
    numeric_objective: bool
    objective: str
    horizon_days: int
    last_drill_days: int
    version: int
    decoy: str | None  # status of an extra, unreferenced version of each referenced policy
    restore_window: str
    emergency_window: str
    expire_window: str
    repair_window: str

    def with_(self, **changes) -> "UnitParams":
        return replace(self, **changes)


def _secret(custody: str, privacy: str) -> bool:
    return custody == "secret" or privacy == "SecretCredential"


def unit_params(pick, order: Order, label: str, needs=frozenset()) -> UnitParams:
    needs = frozenset(needs)
    assert needs <= NEEDS, needs - NEEDS
    custodies = [c for c in CUSTODY
                 if not ("governed-export" in needs and c not in GOVERNED_EXPORT)
                 and not ("ungoverned-export" in needs and c in GOVERNED_EXPORT)
                 and not ("not-secret" in needs and c == "secret")
                 and not ("not-derived" in needs and c == "derived")
                 and not ("canonical-class" in needs and "canonical" not in STORAGE_FOR[c])
                 and not (c == "canonical" and needs & CANONICAL_MANDATORY)
                 and not ("canonical-custody" in needs and c != "canonical")
                 and not ("vault-plain" in needs and c != "vault")]
    custody = pick("custody", custodies)
    storage = pick("storage-class", [s for s in STORAGE_FOR[custody]
                                     if not ("canonical-class" in needs and s != "canonical")
                                     and not ("non-canonical-class" in needs and s == "canonical")])
    localities = [x for x in LOCALITIES if not ("locality-not-max" in needs and x == LOCALITIES[-1])
                  and not ("locality-not-min" in needs and x == LOCALITIES[0])]
    locality = pick("locality", localities)
    top = max(order.privacy.values())
    privacies = [p for p in (("SecretCredential",) if custody == "secret" else
                             ("PrivateOverlay", "ScopeRestricted", "SecretCredential") if custody == "vault" else PRIVACY)
                 if not ("not-secret" in needs and p == "SecretCredential")
                 and not ("encrypted-source" in needs and p not in ENCRYPTED)
                 and not ("privacy-not-max" in needs and order.privacy[p] == top)
                 and not ("privacy-not-min" in needs and order.privacy[p] == 0)
                 and not ("vault-plain" in needs and p in ENCRYPTED)]
    if "secret" in needs and custody != "secret":
        privacies = [p for p in privacies if p == "SecretCredential"]
    privacy = pick("privacy", privacies)
    if "secret" in needs and not _secret(custody, privacy):
        raise NotApplicable("secret material needed")
    manifest_locality = pick("manifest-locality", order.at_most("locality", LOCALITIES[-1])[order.locality[locality]:])
    manifest_privacy = pick("manifest-privacy", [p for p in PRIVACY if not order.wider("privacy", privacy, p)])

    def slot(name, on_need, off_need, default_options=(True, False)):
        if on_need in needs:
            return True
        if off_need in needs:
            return False
        return pick(name, list(default_options))

    exit_path = slot("exit-path", "exit-path", "exit-none")
    may_exit = False if not exit_path else pick("may-exit", [True, False])
    backup_ref = slot("backup-ref", "backup-ref", "no-backup", (True, False) if custody == "derived" else (True,))
    canonical = custody == "canonical"  # the custody table: backup, replication, archive mandatory
    discardable = (not backup_ref and custody != "derived") or pick("discardable", [False] if canonical else [False, True])
    if not backup_ref and custody != "derived":
        discardable = True
    replication_ref = slot("replication-ref", "replication-ref", "no-replication", (True,) if canonical else (True, False))
    recovery_ref = slot("recovery-ref", "recovery-ref", "no-recovery", (True,))
    archive_ref = slot("archive-ref", "archive-ref", "no-archive", (True,) if canonical else (True, False))
    integrity_ref = slot("integrity-ref", "integrity-ref", "no-integrity", (True, False))

    def target(name):
        return (pick(name + "-locality", order.at_most("locality", locality)),
                pick(name + "-privacy", order.at_most("privacy", privacy)),
                pick(name + "-custody", [custody] + [c for c in CUSTODY if c != custody]))

    horizon = pick("horizon-days", [365, 30, 90])
    return UnitParams(
        label=label, custody=custody, storage_class=storage, locality=locality, privacy=privacy,
        manifest_locality=manifest_locality, manifest_privacy=manifest_privacy, may_exit=may_exit,
        exit_path=exit_path, backup_ref=backup_ref, discardable=discardable, replication_ref=replication_ref,
        recovery_ref=recovery_ref, archive_ref=archive_ref, integrity_ref=integrity_ref,
        backup_target=target("backup-target"), replication_target=target("replication-target"),
        archive_target=target("archive-target"),
        archive_expirable=pick("archive-expirable", [True, False]),
        integrity_repair_named=pick("integrity-repair-named", [True, False]),
        replication_repair_named=pick("replication-repair-named", [True, False]),
        emergency_named=pick("emergency-named", [True, False]),
        numeric_objective=pick("numeric-objective", [False, True]),
        objective=pick("objective", ["bounded", "best-effort", "strict", "disaster-only"]),
        horizon_days=horizon,
        last_drill_days=pick("last-drill-days", [1, horizon // 2, horizon - 1]),
        version=pick("version", [1, 2, 7]),
        decoy=pick("decoy", [None, "deprecated", "superseded", "draft", "proposed"]),
        restore_window=pick("restore-window", list(WINDOWS)),
        emergency_window=pick("emergency-window", [w for w in WINDOWS if w != "open"]),
        expire_window=pick("expire-window", list(WINDOWS)),
        repair_window=pick("repair-window", list(WINDOWS)),
    )


@dataclass
class Unit:
    params: UnitParams
    binding: dict
    spec: dict
    policies: dict  # kind -> policy dict (referenced version)
    decoys: list
    authorities: dict  # role -> authority dict
    blocked: bool = False
    closed_windows: bool = False  # S4 closed-windows: an authority is still in force at valid-until
    custody_rules: bool = True  # S12: the custody table's cells are rules (False: expectations-only)

    @property
    def spec_id(self) -> str:
        return self.spec["id"]

    @property
    def canonical(self) -> bool:
        return self.spec["storage-class"] == "canonical"

    @property
    def secret(self) -> bool:
        return _secret(self.spec.get("custody"), self.spec["privacy"])

    def valid(self, role: str) -> bool:
        """The authority for ``role`` is in force at `now` and covers this spec."""
        window = self.window(role)
        return window in IN_FORCE or (window == "ends-now" and self.closed_windows)

    def window(self, role: str) -> str:
        p = self.params
        return {"restore": p.restore_window, "strict": "current", "emergency": p.emergency_window,
                "expire": p.expire_window, "integrity-repair": p.repair_window,
                "replication-repair": p.repair_window}[role]


def authority(role: str, kind: str, unit_label: str, spec_id: str, window: str, now: int, t) -> dict:
    a = {"id": f"auth-{role}-{unit_label}", "type": kind, "holder": f"steward:{role}:{unit_label}",
         "specs": [spec_id]}
    frm, until = {
        "current": (now - 30 * DAY, now + 30 * DAY),
        "open": (now - 30 * DAY, None),
        "starts-now": (now, now + 2 * HOUR),
        "expired": (now - 60 * DAY, now - DAY),
        "ends-now": (now - 6 * HOUR, now),
        "future": (now + DAY, now + 30 * DAY),
        "elsewhere": (now - 30 * DAY, now + 30 * DAY),
    }[window]
    if window == "elsewhere":
        a["specs"] = [f"spec-elsewhere-{unit_label}"]
    a["valid-from"] = t(frm)
    if until is not None:
        a["valid-until"] = t(until)
    return a


def _copy(value):
    """A copy of a JSON tree (copy.deepcopy, without its memo: a tenth of the cost)."""
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


def build_unit(p: UnitParams, now: int, t) -> Unit:
    L = p.label
    spec_id = f"spec-{L}"
    binding = {"id": f"binding-{L}", "declares-storage": True, "may-exit": p.may_exit,
               "manifest": {"locality": p.manifest_locality, "privacy": p.manifest_privacy}}
    auths = {
        "restore": authority("restore", "grant", L, spec_id, p.restore_window, now, t),
        "strict": authority("strict", "mandate", L, spec_id, "current", now, t),
        "emergency": authority("emergency", "emergency", L, spec_id, p.emergency_window, now, t),
        "expire": authority("expire", "grant", L, spec_id, p.expire_window, now, t),
        "integrity-repair": authority("integrity-repair", "mandate", L, spec_id, p.repair_window, now, t),
        "replication-repair": authority("replication-repair", "grant", L, spec_id, p.repair_window, now, t),
    }
    if p.emergency_window in ("current",):
        auths["emergency"]["valid-until"] = t(now + 6 * HOUR)

    def tgt(x):
        return {"locality": x[0], "privacy": x[1], "custody": x[2]}

    v = p.version
    policies = {
        "backup": {"id": f"backup-{L}", "version": v, "status": "adopted", "cadence": "periodic",
                   "schedule": "ops-plan:nightly", "target": tgt(p.backup_target),
                   "encryption": {"key-custody": "domain-kms"}, "retention": "institutional-horizon",
                   "expiration-authority": "steward-council", "integrity-check": "content-hash",
                   "verification-cadence": "weekly", "drill-cadence": "quarterly"},
        "replication": {"id": f"replication-{L}", "version": v, "status": "adopted", "replica-class": "dual-coop",
                        "placement": tgt(p.replication_target), "anti-entropy": "merkle-sync",
                        "divergence-detection": "root-compare"},
        "recovery": {"id": f"recovery-{L}", "version": v, "status": "adopted",
                     "objective": {"class": p.objective}, "restore-authority": auths["restore"]["id"],
                     "strict-authority": auths["strict"]["id"], "approval-path": "proposal:restore",
                     "drill": {"cadence": "quarterly", "scope": ["full", "partial", "point-in-time"],
                               "horizon-days": p.horizon_days}},
        "archive": {"id": f"archive-{L}", "version": v, "status": "adopted", "retention": "decades-horizon",
                    "immutability": "write-once", "target": tgt(p.archive_target), "access-path": "archivist"},
        "integrity": {"id": f"integrity-{L}", "version": v, "status": "adopted", "cadence": "periodic",
                      "proof": "blake3", "repair-path": "re-replicate"},
    }
    if p.numeric_objective:
        policies["recovery"]["objective"].update(numeric={"rto-minutes": 240}, mechanism="warm-standby")
    if p.emergency_named:
        policies["recovery"]["emergency"] = {"authority": auths["emergency"]["id"], "review-path": "council-review"}
    if p.archive_expirable:
        policies["archive"]["expiration-authority"] = auths["expire"]["id"]
    if p.integrity_repair_named:
        policies["integrity"]["repair-authority"] = auths["integrity-repair"]["id"]
    if p.replication_repair_named:
        policies["replication"]["repair-authority"] = auths["replication-repair"]["id"]

    refs = {"backup": p.backup_ref, "replication": p.replication_ref, "recovery": p.recovery_ref,
            "archive": p.archive_ref, "integrity": p.integrity_ref}
    slots = {}
    for kind, on in refs.items():
        if on:
            slots[kind] = {"id": policies[kind]["id"], "version": v}
        elif kind in ("backup", "replication", "integrity"):
            slots[kind] = {"none": {"backup": "regenerated from source", "replication": "single-copy",
                                    "integrity": "covered by the source"}[kind]}
    decoys = []
    if p.decoy is not None:
        for kind, on in refs.items():
            if on:
                decoy = _copy(policies[kind])
                decoy.update(version=v + 1 if p.decoy in ("draft", "proposed") or v == 1 else v - 1, status=p.decoy)
                decoys.append((kind, decoy))
    spec = {"id": spec_id, "binding": binding["id"], "object": f"store:{L}", "custody": p.custody,
            "storage-class": p.storage_class, "locality": p.locality, "privacy": p.privacy,
            "capacity": {"max-bytes": 1 << 34, "growth": "linear", "review-threshold": 0.8},
            "policies": slots, "exit": {"path": "export:bundle"} if p.exit_path else {"none": "never exits"},
            "deletion": {"allowed": False}, "bound-at": t(now - (p.horizon_days + 400) * DAY)}
    if p.discardable:
        spec["discardable"] = True
    if p.recovery_ref:
        spec["last-drill"] = t(now - p.last_drill_days * DAY)
    return Unit(p, binding, spec, {k: policies[k] for k, on in refs.items() if on}, decoys, auths)
