"""Stage 5: each operation is allowed or refused, with the receipts it emits.

An operation on a spec that is not adoptable (an error finding on the spec or on a policy
it references) is refused with ``spec-not-adopted`` and nothing else judged. Otherwise each
kind has its own rules; any error finding refuses, warnings record facts (a failed backup
run, a failed drill check, an integrity failure, a divergence, an outage).
"""

from __future__ import annotations

from ..shared.findings import ERROR, Finding
from . import receipts
from .receipts import EVENT_OPERATIONS
from .results import Decision
from .vocab import GOVERNED_EXPORT_CUSTODY

COPY_CODES = {
    ("backup", "locality"): "backup-locality-broadened",
    ("backup", "privacy"): "backup-privacy-broadened",
    ("replica", "locality"): "replica-locality-broadened",
    ("replica", "privacy"): "replica-privacy-broadened",
    ("restore", "locality"): "restore-target-broadened",
    ("restore", "privacy"): "restore-target-broadened",
    ("export", "locality"): "export-broadened",
    ("export", "privacy"): "export-broadened",
}


class OperationRules:
    """Mixin of BundleEvaluator: one method per operation kind and per shared concern."""

    def decide(self, ctx, op: dict, n: int) -> Decision:
        _, spec = ctx.specs[op["spec"]]
        if op["spec"] in ctx.blocked:
            found = [self.finding("spec-not-adopted", ("operations", n, "spec"),
                                  f"spec {op['spec']} is not adoptable; the operation cannot rely on it")]
            found += self.event_facts(op, n)
        else:
            found = getattr(self, "decide_" + op["kind"].replace("-", "_"))(ctx, op, spec, n)
        allowed = not any(f.severity == ERROR for f in found)
        return Decision(op["id"], "allow" if allowed else "refuse", sorted({f.code for f in found}), found,
                        self.operation_receipts(ctx, op, spec, found, allowed))

    # ---- shared concerns ----
    def event_facts(self, op: dict, n: int) -> list[Finding]:
        if op["kind"] == "integrity-check" and op["result"] == "failed":
            return [self.finding("integrity-failed", ("operations", n, "result"), "the integrity check failed")]
        if op["kind"] == "anti-entropy-divergence":
            return [self.finding("divergence-found", ("operations", n), "replicas diverged")]
        if op["kind"] == "provider-outage":
            return [self.finding("provider-unavailable", ("operations", n, "provider"), f"provider {op['provider']} is unavailable")]
        return []

    def policy_required(self, ctx, spec: dict, kind: str, n: int) -> list[Finding]:
        found = ctx.policy_ref(spec, kind)
        if found is None:
            return [self.finding("policy-required", ("operations", n, "kind"),
                                 f"the spec references no {kind} policy to govern this operation")]
        return []

    def copy_findings(self, ctx, spec: dict, copy: str, target: dict, n: int) -> list[Finding]:
        out = []
        for dimension in ("locality", "privacy"):
            if self.copy_broadens(ctx, spec, copy, dimension, target[dimension]):
                out.append(self.finding(COPY_CODES[(copy, dimension)], ("operations", n, "target", dimension),
                                        f"{copy} target {dimension} {target[dimension]} is wider than the source's "
                                        f"{spec[dimension]} and no governance act names that broadening"))
        return out

    def encryption_findings(self, spec: dict, op: dict, n: int) -> list[Finding]:
        if (self.requires_encryption(spec["privacy"]) or self.requires_encryption(op["target"]["privacy"])) \
                and not op["encrypted"]:
            return [self.finding("copy-unencrypted", ("operations", n, "encrypted"),
                                 "a copy of material whose privacy class requires encryption is not encrypted")]
        return []

    def authority_valid(self, ctx, authority_id, spec: dict) -> bool:
        authority = ctx.authorities.get(authority_id)
        return (authority is not None and self.authority_in_force(authority, ctx.now)
                and self.authority_covers(authority, spec))

    # ---- operation kinds ----
    def decide_backup_run(self, ctx, op, spec, n) -> list[Finding]:
        missing = self.policy_required(ctx, spec, "backup", n)
        if missing:
            return missing
        out = []
        if self.secret_material(spec) and op["mechanism"] == "ordinary":
            out.append(self.finding("secret-ordinary-backup", ("operations", n, "mechanism"),
                                    "secret material never goes through ordinary backup (key rotation / recovery only)"))
        out += self.copy_findings(ctx, spec, "backup", op["target"], n)
        out += self.encryption_findings(spec, op, n)
        if self.custody_rules and spec.get("custody") == "vault" and not op["encrypted"]:
            out.append(self.finding("vault-backup-unencrypted", ("operations", n, "encrypted"),
                                    "a backup of vault custody is encrypted whatever its privacy class"))
        if not any(f.severity == ERROR for f in out) and op["execution"] == "failed":
            out.append(self.finding("backup-failed", ("operations", n, "execution"), "the backup run failed"))
        return out

    def decide_replica_placement(self, ctx, op, spec, n) -> list[Finding]:
        missing = self.policy_required(ctx, spec, "replication", n)
        if missing:
            return missing
        out = self.copy_findings(ctx, spec, "replica", op["target"], n) + self.encryption_findings(spec, op, n)
        if self.custody_rules and self.secret_material(spec) and op.get("mechanism", "ordinary") == "ordinary":
            out.append(self.finding("secret-ordinary-replication", ("operations", n, "mechanism"),
                                    "secret material is replicated only via key-rotation / recovery protocols"))
        return out

    def decide_restore(self, ctx, op, spec, n) -> list[Finding]:
        missing = self.policy_required(ctx, spec, "recovery", n)
        if missing:
            return missing
        policy = ctx.policy_ref(spec, "recovery")[1]
        out = self.copy_findings(ctx, spec, "restore", op["target"], n)
        if op.get("emergency"):
            out += self.emergency_findings(ctx, op, spec, policy, n)
        elif self.restore_is_live(op):
            out += self.live_restore_findings(ctx, op, spec, policy, n)
        else:
            out += self.drill_authority_findings(ctx, op, spec, policy, n)
        out += self.restore_scope_findings(ctx, op, policy, n)
        if op.get("touches-authoritative") and op["mode"] == "drill":
            out += self.drill_touch_findings(ctx, op, spec, policy, n)
        if not any(f.severity == ERROR for f in out) and not self.restore_is_live(op) and not self.drill_succeeded(op):
            out.append(self.finding("drill-failed", ("operations", n, "checks"), "a restore drill check failed"))
        return out

    def restore_scope_findings(self, ctx, op, policy, n) -> list[Finding]:
        """The subsets and historical horizons a recovery policy allows (S22: a policy naming none allows any)."""
        out = []
        subsets = policy.get("partial-subsets")
        if op["scope"] == "partial" and subsets is not None and op.get("subset") not in subsets:
            out.append(self.finding("restore-subset-not-allowed", ("operations", n, "subset"),
                                    "a partial restore names a subset its recovery policy allows"))
        horizon = policy.get("point-in-time-horizon-days")
        if op["scope"] == "point-in-time" and horizon is not None:
            at = op.get("point-in-time")
            if at is None or not (ctx.now - horizon * 86400 <= self.instant(at) <= ctx.now):
                out.append(self.finding("restore-horizon-exceeded", ("operations", n, "point-in-time"),
                                        f"a point-in-time restore names an instant within the policy's {horizon}-day horizon"))
        return out

    def drill_touch_findings(self, ctx, op, spec, policy, n) -> list[Finding]:
        named = policy.get("authoritative-drill-class")
        act = next((a for a in ctx.acts if a["id"] == op.get("decision")), None)
        if (named is None or act is None or act["kind"] != "restore-decision" or act["spec"] != spec["id"]
                or act["operation"] != op["id"] or act.get("proposal-class") != named
                or not self.act_in_force(act, ctx.now)):
            return [self.finding("drill-touch-unauthorized", ("operations", n, "touches-authoritative"),
                                 "a drill touching authoritative state needs a decision of the proposal class its "
                                 "recovery policy names")]
        return []

    def restore_is_live(self, op: dict) -> bool:
        return op["mode"] == "live" or op["environment"] == "production"

    def drill_succeeded(self, op: dict) -> bool:
        return all(v == "pass" for v in op["checks"].values())

    def emergency_findings(self, ctx, op, spec, policy, n) -> list[Finding]:
        named = policy.get("emergency", {}).get("authority")
        authority = ctx.authorities.get(op.get("authority"))
        if (named is None or op.get("authority") != named or authority is None or authority["type"] != "emergency"
                or not self.authority_covers(authority, spec)):
            return [self.finding("emergency-not-named", ("operations", n, "authority"),
                                 "an emergency restore must use the emergency authority its recovery policy names")]
        if not self.authority_in_force(authority, ctx.now):
            return [self.finding("emergency-expired", ("operations", n, "authority"),
                                 "the emergency authority is outside its time bound")]
        return []

    def live_restore_findings(self, ctx, op, spec, policy, n) -> list[Finding]:
        out = []
        if op["mode"] == "drill" and op.get("authority") != policy["strict-authority"]:
            out.append(self.finding("drill-into-production", ("operations", n, "environment"),
                                    "a drill into production is a live restore and needs the strict authority"))
        elif op.get("authority") not in (policy["restore-authority"], policy["strict-authority"]) \
                or not self.authority_valid(ctx, op.get("authority"), spec):
            out.append(self.finding("restore-unauthorized", ("operations", n, "authority"),
                                    "no restore authority named by the recovery policy is in force for this spec"))
        if self.governed_per_restore(spec) and not self.restore_decision(ctx, op, spec):
            out.append(self.finding("restore-not-governed", ("operations", n, "decision"),
                                    "restoring canonical storage needs a governance decision for this restore"))
        return out

    def drill_authority_findings(self, ctx, op, spec, policy, n) -> list[Finding]:
        if op.get("authority") not in (policy["restore-authority"], policy["strict-authority"]) \
                or not self.authority_valid(ctx, op.get("authority"), spec):
            return [self.finding("restore-unauthorized", ("operations", n, "authority"),
                                 "no restore authority named by the recovery policy is in force for this spec")]
        return []

    def governed_per_restore(self, spec: dict) -> bool:
        return spec["storage-class"] == "canonical"

    def restore_decision(self, ctx, op: dict, spec: dict) -> str | None:
        for act in ctx.acts:
            if (act["id"] == op.get("decision") and act["kind"] == "restore-decision" and act["spec"] == spec["id"]
                    and act["operation"] == op["id"] and self.act_in_force(act, ctx.now)):
                return act["id"]
        return None

    def decide_archive_expiration(self, ctx, op, spec, n) -> list[Finding]:
        missing = self.policy_required(ctx, spec, "archive", n)
        if missing:
            return missing
        if not self.archive_path_governed(op):
            return [self.finding("archive-quiet-deletion", ("operations", n, "path"),
                                 "archival material expires only through the governed expiration path")]
        policy = ctx.policy_ref(spec, "archive")[1]
        named = policy.get("expiration-authority")
        if named is None or op.get("authority") != named or not self.authority_valid(ctx, named, spec):
            return [self.finding("archive-expiration-unauthorized", ("operations", n, "authority"),
                                 "the archive policy's expiration authority is not named, not used, or not in force")]
        return []

    def archive_path_governed(self, op: dict) -> bool:
        return op["path"] == "governed"

    def decide_export(self, ctx, op, spec, n) -> list[Finding]:
        out = self.copy_findings(ctx, spec, "export", op["target"], n)
        if op["basis"] == "none" and spec.get("custody") in GOVERNED_EXPORT_CUSTODY:
            out.append(self.finding("export-basis-missing", ("operations", n, "basis"),
                                    "export of canonical, vault or secret material needs a federation agreement or the exit policy"))
        elif op["basis"] == "exit-policy" and "path" not in spec["exit"]:
            out.append(self.finding("export-basis-missing", ("operations", n, "basis"),
                                    "the export invokes an exit policy the spec does not have"))
        if self.custody_rules and self.secret_material(spec) and spec["exit"].get("permits-secret") is not True:
            out.append(self.finding("secret-export-forbidden", ("operations", n, "spec"),
                                    "secret material is exported only where the exit policy explicitly permits it"))
        out += self.export_authority_findings(ctx, op, spec, n)
        return out + self.encryption_findings(spec, op, n)

    def export_authority_findings(self, ctx, op, spec, n) -> list[Finding]:
        """S10: an export needs no authority, but one it presents must be usable for an export
        (authority-required: governed custody needs one; authority-ignored: none is judged)."""
        if self.export_authority == "authority-ignored":
            return []
        if "authority" not in op:
            if self.export_authority == "authority-required" and spec.get("custody") in GOVERNED_EXPORT_CUSTODY:
                return [self.finding("export-authority-invalid", ("operations", n),
                                     "an export of governed custody needs a grant or mandate in force covering the "
                                     "spec (S10 authority-required); it presents none")]
            return []
        if not self.authority_valid(ctx, op["authority"], spec):
            return [self.finding("export-authority-invalid", ("operations", n, "authority"),
                                 "the export's authority is unknown, not in force, or does not cover the spec")]
        if ctx.authorities[op["authority"]]["type"] == "emergency":
            return [self.finding("export-authority-emergency", ("operations", n, "authority"),
                                 "an emergency authority covers emergency restores, not exports")]
        return []

    def decide_integrity_check(self, ctx, op, spec, n) -> list[Finding]:
        out = self.event_facts(op, n)
        if op["result"] == "passed":
            return out
        missing = self.policy_required(ctx, spec, "integrity", n)
        if missing:
            return out + missing
        if self.repair_is_governed(spec):
            named = ctx.policy_ref(spec, "integrity")[1].get("repair-authority")
            if named is None or op.get("authority") != named or not self.authority_valid(ctx, named, spec):
                out.append(self.finding("repair-authority-missing", ("operations", n, "authority"),
                                        "repairing canonical storage needs the integrity policy's named repair authority"))
        return out

    def repair_is_governed(self, spec: dict) -> bool:
        return spec["storage-class"] == "canonical"

    def decide_anti_entropy_divergence(self, ctx, op, spec, n) -> list[Finding]:
        out = self.event_facts(op, n)
        missing = self.policy_required(ctx, spec, "replication", n)
        if missing:
            return out + missing
        if op["repair"] == "auto":
            if self.repair_is_governed(spec):
                out.append(self.finding("divergence-repair-unauthorized", ("operations", n, "repair"),
                                        "a divergence in canonical storage is a governance event, not an automatic repair"))
            return out
        named = ctx.policy_ref(spec, "replication")[1].get("repair-authority")
        if named is None or op.get("authority") != named or not self.authority_valid(ctx, named, spec):
            out.append(self.finding("divergence-repair-unauthorized", ("operations", n, "authority"),
                                    "a governed repair needs the replication policy's repair authority in force"))
        return out

    def decide_provider_outage(self, ctx, op, spec, n) -> list[Finding]:
        out = self.event_facts(op, n)
        if op["response"] == "fallback":
            out.append(self.finding("silent-fallback", ("operations", n, "response"),
                                    "an unavailable provider is never silently replaced; suspend or restore the provider"))
        return out

    # ---- receipts ----
    def operation_receipts(self, ctx, op, spec, found, allowed) -> list[dict]:
        now_text = self.now_text
        reasons = [f.code for f in found if f.severity == ERROR]
        if op["kind"] in EVENT_OPERATIONS:
            facts = {}
            if op["kind"] != "provider-outage":
                facts["governance-relevant"] = self.repair_is_governed(spec)
            return [receipts.event_receipt(op, spec, now_text, **facts)]
        if op["kind"] == "restore":
            return [self.restore_receipt(ctx, op, spec, found, allowed)]
        success = allowed and not (op["kind"] == "backup-run" and op["execution"] == "failed")
        return [receipts.request_receipt(op, spec, success, reasons, now_text)]

    def missing_for_restore(self, ctx, spec: dict, reasons: list[str]) -> list[str]:
        """What a refused restore lacked: the authorities, decision or acts it would have needed."""
        found = ctx.policy_ref(spec, "recovery")
        policy = found[1] if found else {}
        wanted = {
            "spec-not-adopted": ["adoptable-spec"],
            "policy-required": ["recovery-policy"],
            "restore-target-broadened": ["broadening-act"],
            "restore-unauthorized": [policy.get("restore-authority", ""), policy.get("strict-authority", "")],
            "drill-into-production": [policy.get("strict-authority", "")],
            "restore-not-governed": ["restore-decision"],
            "emergency-not-named": [policy.get("emergency", {}).get("authority", "emergency-authority")],
            "emergency-expired": ["emergency-authority-in-force"],
            "drill-touch-unauthorized": [f"decision:{policy.get('authoritative-drill-class', 'authoritative-drill-class')}"],
            "restore-subset-not-allowed": ["allowed-subset"],
            "restore-horizon-exceeded": ["point-in-time-within-horizon"],
        }
        return sorted({name for code in reasons for name in wanted.get(code, [code]) if name})

    def restore_receipt(self, ctx, op, spec, found, allowed) -> dict:
        if not allowed:
            reasons = [f.code for f in found if f.severity == ERROR]
            return receipts.restore_failure_receipt(op, self.missing_for_restore(ctx, spec, reasons), reasons,
                                                    self.now_text)
        decision = self.restore_decision(ctx, op, spec)
        if self.restore_is_live(op):
            emergency = None
            if op.get("emergency"):
                policy = ctx.policy_ref(spec, "recovery")[1]
                authority = ctx.authorities[op["authority"]]
                emergency = {"authority": authority["id"], "review-path": policy.get("emergency", {}).get("review-path"),
                             "bound-until": authority.get("valid-until")}
            return receipts.restore_execution_receipt(op, decision, emergency, self.now_text)
        return receipts.restore_test_receipt(op, decision, self.now_text)
