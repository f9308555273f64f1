"""Stage 4: adoption rules over bindings, StorageSpecs and policies (the failure-and-safety
table, the StorageSpec invariants, SLA overclaim). Every finding points into the bundle."""

from __future__ import annotations

from ..shared.findings import ERROR, Finding, pointer
from .vocab import POLICY_KINDS

DAY = 86400
BOUND_SLOTS = {"backup": ("backup", "target"), "replication": ("replica", "target"), "archive": ("archive", "target")}
_TARGET_FIELD = {"backup": "target", "replication": "placement", "archive": "target"}


class AdoptionRules:
    """Mixin of BundleEvaluator: each method judges one rule and returns findings."""

    def adoption_findings(self, ctx) -> list[Finding]:
        out = []
        for k, binding in enumerate(ctx.doc["bindings"]):
            out += self.binding_findings(ctx, binding, k)
        for i, spec in enumerate(ctx.doc["specs"]):
            out += self.spec_findings(ctx, spec, i)
        for j, policy in enumerate(ctx.doc["policies"]["recovery"]):
            out += self.sla_findings(policy, j)
        for j, policy in enumerate(ctx.doc["policies"]["backup"]):
            out += self.encryption_posture_findings(policy, j)
        return out

    # ---- bindings ----
    def binding_findings(self, ctx, binding: dict, k: int) -> list[Finding]:
        if binding["declares-storage"] and not any(s["binding"] == binding["id"] for s in ctx.doc["specs"]):
            return [self.finding("spec-missing", ("bindings", k), "the binding declares storage but no StorageSpec is bound to it")]
        return []

    # ---- one StorageSpec ----
    def spec_findings(self, ctx, spec: dict, i: int) -> list[Finding]:
        return (self.custody_findings(spec, i) + self.cache_findings(spec, i) + self.backup_slot_findings(spec, i)
                + self.slot_findings(spec, i) + self.exit_findings(ctx, spec, i) + self.manifest_findings(ctx, spec, i)
                + self.reference_findings(ctx, spec, i) + self.bound_findings(ctx, spec, i)
                + self.drill_findings(ctx, spec, i) + self.custody_table_findings(spec, i))

    def custody_findings(self, spec: dict, i: int) -> list[Finding]:
        if "custody" not in spec:
            return [self.finding("custody-missing", ("specs", i), "a storage binding without a custody class is refused")]
        return []

    def cache_findings(self, spec: dict, i: int) -> list[Finding]:
        if spec.get("custody") == "derived" and spec["storage-class"] == "canonical":
            return [self.finding("cache-as-canonical", ("specs", i, "custody"),
                                 "cache / derived custody over the canonical storage class")]
        return []

    def custody_table_findings(self, spec: dict, i: int) -> list[Finding]:
        """The custody table's canonical-store row: backup, replication and archive are mandatory."""
        if spec.get("custody") != "canonical" or not self.custody_rules:
            return []
        out = []
        if spec.get("discardable") is True:
            out.append(self.finding("canonical-discardable", ("specs", i, "discardable"),
                                    "canonical custody is never discardable: its backup is mandatory"))
        slot = spec["policies"].get("replication")
        if slot is not None and "none" in slot and not self.none_except_backup:
            out.append(self.finding("canonical-replication-none", ("specs", i, "policies", "replication"),
                                    "canonical custody must be replicated; single-copy is not acceptable"))
        slot = spec["policies"].get("archive")
        if slot is None or ("none" in slot and not self.none_except_backup):
            out.append(self.finding("canonical-archive-missing", ("specs", i, "policies"),
                                    "canonical custody must reference an archive policy"))
        return out

    def discardable(self, spec: dict) -> bool:
        return spec.get("discardable") is True or spec.get("custody") == "derived"

    def backup_slot_findings(self, spec: dict, i: int) -> list[Finding]:
        slot = spec["policies"].get("backup")
        if slot is None:
            return [self.finding("backup-policy-missing", ("specs", i, "policies"),
                                 "no BackupPolicy reference and no explicit acknowledgement that none applies")]
        if "none" in slot and not self.discardable(spec):
            return [self.finding("backup-policy-missing", ("specs", i, "policies", "backup"),
                                 "'no backup' is only acceptable for state the spec declares discardable")]
        return []

    def slot_findings(self, spec: dict, i: int) -> list[Finding]:
        out = []
        if "replication" not in spec["policies"]:
            out.append(self.finding("replication-policy-missing", ("specs", i, "policies"),
                                    "no ReplicationPolicy reference and no explicit single-copy acknowledgement"))
        if "exit" not in spec:
            out.append(self.finding("exit-policy-missing", ("specs", i), "no export / exit requirement, not even an explicit none"))
        return out

    def exit_findings(self, ctx, spec: dict, i: int) -> list[Finding]:
        exit_ = spec.get("exit")
        if exit_ is not None and "none" in exit_ and ctx.binding_of(spec)["may-exit"]:
            return [self.finding("export-path-missing", ("specs", i, "exit"), "the binding may exit but the spec has no export path")]
        return []

    def manifest_findings(self, ctx, spec: dict, i: int) -> list[Finding]:
        manifest = ctx.binding_of(spec)["manifest"]
        out = []
        if self.locality_wider(spec["locality"], manifest["locality"]):
            out.append(self.finding("spec-widens-manifest", ("specs", i, "locality"),
                                    f"{spec['locality']} is wider than the manifest's {manifest['locality']}"))
        if self.privacy_wider(spec["privacy"], manifest["privacy"]):
            out.append(self.finding("spec-widens-manifest", ("specs", i, "privacy"),
                                    f"{spec['privacy']} discloses more than the manifest's {manifest['privacy']}"))
        return out

    def reference_findings(self, ctx, spec: dict, i: int) -> list[Finding]:
        out = []
        for kind in POLICY_KINDS:
            slot = spec["policies"].get(kind)
            if slot is None or "none" in slot:
                continue
            where = ("specs", i, "policies", kind)
            found = ctx.policies.get((kind, slot["id"], slot["version"]))
            if found is None:
                out.append(self.finding("policy-unknown", where, f"no {kind} policy {slot['id']} v{slot['version']}"))
                continue
            code = self.status_code(found[1]["status"])
            if code:
                out.append(self.finding(code, where, f"{kind} policy {slot['id']} v{slot['version']} is {found[1]['status']}"))
        return out

    def status_code(self, status: str) -> str | None:
        if status == "superseded" and self.superseded_inert:
            return "policy-not-adopted"
        return {"deprecated": "policy-deprecated", "draft": "policy-not-adopted",
                "proposed": "policy-not-adopted", "superseded": "policy-superseded"}.get(status)

    def bound_findings(self, ctx, spec: dict, i: int) -> list[Finding]:
        """The spec's locality and privacy bound the targets of its backup, replication and archive policies."""
        out = []
        for kind, (copy, _) in BOUND_SLOTS.items():
            found = ctx.policy_ref(spec, kind)
            if found is None:
                continue
            target = found[1][_TARGET_FIELD[kind]]
            for dimension in ("locality", "privacy"):
                if self.copy_broadens(ctx, spec, copy, dimension, target[dimension]):
                    out.append(self.finding("policy-broadens-bound", ("specs", i, "policies", kind),
                                            f"the {kind} policy's {dimension} {target[dimension]} is wider than the spec's "
                                            f"{spec[dimension]} and no governance act names that broadening"))
        return out

    def drill_findings(self, ctx, spec: dict, i: int) -> list[Finding]:
        found = ctx.policy_ref(spec, "recovery")
        if found is None or not self.policy_usable(found[1]["status"]):
            return []
        horizon = found[1]["drill"]["horizon-days"] * DAY
        out = []
        last = spec.get("last-drill")
        if last is None:
            out.append(self.finding("drill-never-run", ("specs", i), "no restore drill has ever run for this spec"))
        since = self.instant(last if last is not None else spec["bound-at"])
        if ctx.now > since + horizon:
            out.append(self.finding("binding-at-risk", ("specs", i, "last-drill" if last else "bound-at"),
                                    "the recovery policy's drill horizon has passed: the binding is at risk and emergency review applies"))
        return out

    # ---- policies ----
    def sla_findings(self, policy: dict, j: int) -> list[Finding]:
        objective = policy["objective"]
        if "numeric" in objective and "mechanism" not in objective:
            return [self.finding("sla-overclaim", ("policies", "recovery", j, "objective"),
                                 "a numeric recovery objective without the operational mechanism that delivers it")]
        return []

    def encryption_posture_findings(self, policy: dict, j: int) -> list[Finding]:
        if self.requires_encryption(policy["target"]["privacy"]) and "encryption" not in policy:
            return [self.finding("encryption-unnamed", ("policies", "backup", j),
                                 f"target privacy {policy['target']['privacy']} requires encryption but no key custody is named")]
        return []

    # ---- which specs operations may rely on ----
    def blocked_specs(self, ctx, findings: list[Finding]) -> set[str]:
        errors = [f.pointer for f in findings if f.severity == ERROR]
        if errors and self.bundle_wide:  # S5 bundle-wide: a bundle that is not adoptable decides nothing
            return set(ctx.specs)

        def hit(base: str) -> bool:
            return any(p == base or p.startswith(base + "/") for p in errors)

        blocked = set()
        for spec_id, (i, spec) in ctx.specs.items():
            bases = [pointer("specs", i)]
            for kind in POLICY_KINDS:
                found = ctx.policy_ref(spec, kind)
                if found is not None:
                    bases.append(pointer("policies", kind, found[0]))
            if any(hit(b) for b in bases):
                blocked.add(spec_id)
        return blocked
