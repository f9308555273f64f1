"""The core of derived rules, isolated (issue 12, point 5): each case is an adoptable bundle
whose operations are all allowed, changed in exactly one point that the rule decides.

The general properties and vectors draw these points among others (a canonical unit, a
restore grant that may not be in force, one operation per bundle), so an evaluator that gets
only the core wrong can pass every vector. Here each core has its own strategy
(``sdp.isolated.<name>``: a property, and one vector per label) and its expected outcome is
recorded as the bundle is built:

- ``key-custody-both-encrypted``: a backup policy whose source *and* target privacy need
  encryption names no key custody (SDP-COPY-004, ``encryption-unnamed``);
- ``canonical-repair-unnamed``: a canonical repair under an authority in force that the
  integrity policy does not name, because it names none (SDP-FAIL-009);
- ``production-drill-restore-grant``: a drill into production under the ordinary restore
  authority on storage that is not canonical (SDP-RESTORE-002);
- ``restore-decision``: a canonical live restore whose decision is not in force, decides
  another restore (which is itself properly decided), or is not a restore decision
  (SDP-RESTORE-001);
- ``outage-fallback``: a provider outage answered by fallback on storage that is not
  canonical (SDP-FAIL-015).
"""

from __future__ import annotations

from .defects import Defect
from .operations import (ALLOW, REFUSE, Variant, _drill_checks, _govern, _need_recovery, _op, _restore,
                         _valid_restore_authority, outage_fallback)
from .pick import NotApplicable
from .units import HOUR, IN_FORCE
from .vocab import ENCRYPTED

ISOLATED = ("Isolated",)


# ---------------------------------------------------------------- adoption
def key_custody_both_encrypted(b, u, pick):
    if "backup" not in u.policies or u.spec["privacy"] not in ENCRYPTED:
        raise NotApplicable("needs a backup policy over an encrypted source")
    source = u.spec["privacy"]
    targets = [source] + [p for p in b.order.at_most("privacy", source) if p in ENCRYPTED and p != source]
    u.policies["backup"]["target"]["privacy"] = pick("encrypted-target", targets)
    del u.policies["backup"]["encryption"]
    b.finding("encryption-unnamed", block=u)


# ---------------------------------------------------------------- operations
def canonical_repair_unnamed(b, u, pick):
    if not (u.canonical and u.params.integrity_ref) or u.params.integrity_repair_named or not u.valid("integrity-repair"):
        raise NotApplicable("needs canonical storage whose integrity policy names no repair authority")
    op = _op(b, u, "integrity-check", result="failed", authority=u.authorities["integrity-repair"]["id"])
    b.add_op(u, op, REFUSE, ["integrity-failed", "repair-authority-missing"], [("integrity-failure", False)])


def production_drill_restore_grant(b, u, pick):
    _need_recovery(u)
    if u.canonical or not u.valid("restore"):
        raise NotApplicable("needs storage that is not canonical and a restore grant in force")
    op = _restore(b, u, pick, "drill", "production", u.authorities["restore"]["id"], _drill_checks(pick, False))
    b.add_op(u, op, REFUSE, ["drill-into-production"], [("restore-failure", False)])


DECISION_FLAWS = ("not-in-force", "other-operation", "not-a-restore-decision")


def restore_decision(b, u, pick):
    _need_recovery(u)
    if not u.canonical:
        raise NotApplicable("needs canonical storage")
    authority = _valid_restore_authority(b, u, pick)
    decided = _restore(b, u, pick, "live", "production", authority)
    _govern(b, u, decided)  # a restore with its own decision in force: allowed
    b.add_op(u, decided, ALLOW, (), [("restore-execution", True)])
    op = _restore(b, u, pick, "live", "production", authority)
    flaw = pick("flaw", list(DECISION_FLAWS))
    if flaw == "not-in-force":
        act = {"kind": "restore-decision", "spec": u.spec_id, "decided-at": b.t(b.now + pick("delay", [10**9, HOUR])),
               "operation": op["id"]}
    elif flaw == "other-operation":
        act = None
        op["decision"] = decided["decision"]
    else:
        act = {"kind": "broadening", "spec": u.spec_id, "decided-at": b.t(b.now - HOUR), "copy": "restore",
               "dimension": "locality", "to": u.spec["locality"]}
    if act is not None:
        op["decision"] = b.add_act(act)["id"]
    b.add_op(u, op, REFUSE, ["restore-not-governed"], [("restore-failure", False)])


def outage_fallback_routine(b, u, pick):
    if u.canonical:
        raise NotApplicable("needs storage that is not canonical")
    outage_fallback(b, u, pick)


# ---------------------------------------------------------------- the table
DEFECTS = (
    Defect("key-custody-both-encrypted", "isolated", ("SDP-COPY-004",), ("Encryption", "FailClosed") + ISOLATED,
           key_custody_both_encrypted, frozenset({"backup-ref", "encrypted-source"}),
           (("same-class", {"custody": "vault", "privacy": "PrivateOverlay", "encrypted-target": "PrivateOverlay"}),
            ("narrowed-to-secret", {"custody": "vault", "privacy": "PrivateOverlay", "encrypted-target": "SecretCredential"}),
            ("secret-custody", {"custody": "secret"})),
           comment="a backup policy whose source and target privacy both need encryption names no key custody"),
)

VARIANTS = (
    Variant("canonical-repair-unnamed", "isolated", ("SDP-FAIL-009",), ("RepairAuthority",) + ISOLATED,
            canonical_repair_unnamed, frozenset({"integrity-ref", "canonical-class"}),
            labels=(("canonical", {"custody": "canonical", "integrity-repair-named": False, "repair-window": "current"}),
                    ("secret-on-canonical", {"custody": "secret", "storage-class": "canonical",
                                             "integrity-repair-named": False, "repair-window": "current"})),
            comment="a canonical repair under an authority in force that the integrity policy does not name: it names none",
            within={"integrity-repair-named": (False,), "repair-window": IN_FORCE}),
    Variant("production-drill-restore-grant", "isolated", ("SDP-RESTORE-002",), ("DrillIsLiveRestore",) + ISOLATED,
            production_drill_restore_grant, frozenset({"recovery-ref", "non-canonical-class"}),
            labels=(("service-state", {"custody": "service-state", "restore-window": "current"}),
                    ("vault", {"custody": "vault", "restore-window": "current"})),
            comment="a drill into production under the ordinary restore grant, on storage that is not canonical",
            within={"restore-window": IN_FORCE}),
    Variant("restore-decision", "isolated", ("SDP-RESTORE-001",), ("GovernedRestore",) + ISOLATED,
            restore_decision, frozenset({"recovery-ref", "canonical-class"}),
            labels=tuple((flaw, {"flaw": flaw, "custody": "canonical"}) for flaw in DECISION_FLAWS),
            comment="two canonical live restores; the second's decision is not in force, decides the first, "
                    "or is not a restore decision"),
    Variant("outage-fallback", "isolated", ("SDP-FAIL-015",), ("ProviderOutage",) + ISOLATED,
            outage_fallback_routine, frozenset({"non-canonical-class"}),
            labels=(("service-state", {"custody": "service-state"}), ("artifact", {"custody": "artifact"}),
                    ("derived", {"custody": "derived"})),
            comment="a provider outage answered by fallback, on storage that is not canonical"),
)
