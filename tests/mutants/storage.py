"""Seeded-bug variants of the storage-policy bundle evaluator.

Each overrides exactly one method of ``BundleEvaluator`` with a bug an implementer
plausibly writes, and names the vector-id and property-id prefixes expected to catch it.
``STRICT_ONLY`` lists the mutants whose decisions and (kind, success) receipt pairs stay
right and whose codes or receipt members are wrong: they are caught at the ``strict`` level only.
"""

from __future__ import annotations

import json
import re

from conformance.reference.shared import intake, schema
from conformance.reference.shared.findings import ERROR, Finding, pointer
from conformance.reference.storage import BundleEvaluator
from conformance.reference.storage import receipts
from conformance.reference.storage.order import LOCALITY_RANKS
from conformance.reference.storage.vocab import LOCALITIES, PRIVACY_CLASSES, SCHEMA_NAME, STORAGE_CLASSES

from .registry import SDP_SLOT, of_slot
from .registry import mutant as _register


def mutant(name: str, catches, strict: bool = False):
    """Register a storage mutant; ``catches`` are vector ids or their strategy names (the part
    before ``/``), registered as strategy names."""
    strategies = tuple(dict.fromkeys(c.split("/", 1)[0] for c in catches))
    return _register(name, strategies, "strict" if strict else "verdict", SDP_SLOT)


# ---- intake (each one parse() an implementer writes with one guard missing) ----
_HOOKS = {"object_pairs_hook": intake._object_pairs, "parse_constant": intake._constant,
          "parse_float": intake._parse_float, "parse_int": intake._parse_int}


def _parse(raw: bytes, decode=intake.decode_text, without=(), first_value_only=False, surrogates_checked=True):
    """The reference intake with one guard taken out (a hook, the trailing-data check, the surrogate scan)."""
    text = decode(raw)
    hooks = {k: v for k, v in _HOOKS.items() if k not in without}
    try:
        if first_value_only:
            value, _ = json.JSONDecoder(**hooks).raw_decode(text)
        else:
            value = json.loads(text, **hooks)
    except intake._Duplicate as exc:
        raise intake._fail("json-duplicate-key", f"duplicate member name {exc.args[0]!r}") from None
    except json.JSONDecodeError as exc:
        raise intake._fail("json-syntax", exc.msg) from None
    if surrogates_checked and intake._has_lone_surrogate(value):
        raise intake._fail("json-lone-surrogate", "a string holds a lone UTF-16 surrogate")
    return value


@mutant("duplicate-keys-last-wins", ["sdp.intake.duplicate-key"])
class DuplicateKeysLastWins(BundleEvaluator):
    def parse(self, raw):
        return _parse(raw, without=("object_pairs_hook",))  # json.loads keeps the last of repeated names


@mutant("lenient-utf8-decoding", ["sdp.intake.encoding/bom", "sdp.intake.encoding/invalid-utf8"])
class LenientUtf8Decoding(BundleEvaluator):
    def parse(self, raw):
        return _parse(raw, decode=lambda b: b.decode("utf-8-sig", errors="replace"))  # BOM skipped, bad bytes -> U+FFFD


@mutant("raw-decode-ignores-trailing-data", ["sdp.intake.syntax/trailing-data"])
class RawDecodeIgnoresTrailingData(BundleEvaluator):
    def parse(self, raw):
        return _parse(raw, first_value_only=True)  # raw_decode stops after the first value


@mutant("lone-surrogates-accepted", ["sdp.intake.lone-surrogate"])
class LoneSurrogatesAccepted(BundleEvaluator):
    def parse(self, raw):
        return _parse(raw, surrogates_checked=False)  # Python's json decodes "\ud800" without complaint


# Strict only: the schema's max-bytes bound still refuses the bundle, with the wrong code (schema-shape).
@mutant("python-numbers-accepted", ["sdp.intake.number/integer-past-2-53", "sdp.intake.number/overflow"], strict=True)
class PythonNumbersAccepted(BundleEvaluator):
    def parse(self, raw):
        return _parse(raw, without=("parse_int", "parse_float"))  # arbitrary-precision ints, 1e400 -> inf


# ---- schema (the validator run with one keyword or format dropped) ----
@mutant("additional-properties-ignored", ["sdp.format.schema-closed"])
class AdditionalPropertiesIgnored(BundleEvaluator):
    def schema_findings(self, data):
        return [f for f in super().schema_findings(data) if f.code != "schema-closed"]  # unknown members ignored


@mutant("required-members-optional", ["sdp.format.schema-required/spec-object", "sdp.format.schema-required"])
class RequiredMembersOptional(BundleEvaluator):
    def schema_findings(self, data):
        return [f for f in super().schema_findings(data) if f.code != "schema-required"]  # every member an Option


@mutant("numeric-bounds-ignored", ["sdp.format.schema-shape/review-threshold", "sdp.format.schema-shape/policy-version"])
class NumericBoundsIgnored(BundleEvaluator):
    def schema_findings(self, data):
        bounds = ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")
        return [Finding(schema._code(e), ERROR, pointer(*e.absolute_path), e.message)
                for e in schema.validator(SCHEMA_NAME).iter_errors(data) if e.validator not in bounds]


@mutant("date-time-format-not-asserted", ["sdp.format.timestamp/february-30", "sdp.format.timestamp/no-offset"])
class DateTimeFormatNotAsserted(BundleEvaluator):
    def schema_findings(self, data):
        # JSON Schema 2020-12 treats "format" as an annotation unless the validator is told to assert it
        return [Finding(schema._code(e), ERROR, pointer(*e.absolute_path), e.message)
                for e in schema.validator(SCHEMA_NAME).iter_errors(data) if e.validator != "format"]


_DATE_TIME_MEMBERS = ("valid-from", "valid-until", "decided-at", "bound-at", "last-drill")


def _date_times(value, path=()):
    if isinstance(value, dict):
        for key, item in value.items():
            if key in _DATE_TIME_MEMBERS and isinstance(item, str):
                yield path + (key,), item
            else:
                yield from _date_times(item, path + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _date_times(item, path + (i,))


@mutant("default-date-time-checker", ["sdp.time.style/lower-t", "sdp.time.style/lower-z"])
class DefaultDateTimeChecker(BundleEvaluator):
    def schema_findings(self, data):
        # jsonschema's own date-time check (rfc3339-validator) wants an upper-case 'T' and 'Z'
        from rfc3339_validator import validate_rfc3339
        found = super().schema_findings(data)
        return found + [Finding("timestamp-invalid", ERROR, pointer(*path), f"{text!r} is not a 'date-time'")
                        for path, text in _date_times(data) if not validate_rfc3339(text)]


def _loose(name: str) -> str:
    return re.sub(r"[-_ ]", "", name).lower()


_LOOSE_NAMES = {"locality": {_loose(n): n for n in LOCALITIES}, "storage-class": {_loose(n): n for n in STORAGE_CLASSES},
                "privacy": {_loose(n): n for n in PRIVACY_CLASSES}}


def _normalize_names(value):
    if isinstance(value, dict):
        for key, item in value.items():
            if key in _LOOSE_NAMES and isinstance(item, str):
                value[key] = _LOOSE_NAMES[key].get(_loose(item), item)
            else:
                _normalize_names(item)
    elif isinstance(value, list):
        for item in value:
            _normalize_names(item)


@mutant("enum-names-loosely-matched", ["sdp.format.locality-name/rust-variant", "sdp.format.locality-name/kebab",
                                       "sdp.format.storage-class-name/rust-variant", "sdp.format.privacy-name"])
class EnumNamesLooselyMatched(BundleEvaluator):
    def schema_findings(self, data):
        _normalize_names(data)  # CoopReplicated, coop-replicated, ServiceState, members-only: all "the same name"
        return super().schema_findings(data)


@mutant("cache-custody-alias", ["sdp.format.custody-name"])
class CacheCustodyAlias(BundleEvaluator):
    def schema_findings(self, data):
        # the seed speaks of "cache / derived" custody: "cache" read as "derived"
        specs = data.get("specs") if isinstance(data, dict) else None
        for spec in specs if isinstance(specs, list) else []:
            if isinstance(spec, dict) and spec.get("custody") == "cache":
                spec["custody"] = "derived"
        return super().schema_findings(data)


@mutant("emergency-authority-unbounded-accepted", ["sdp.restore.emergency-unbounded"])
class EmergencyAuthorityUnboundedAccepted(BundleEvaluator):
    def schema_findings(self, data):
        return [f for f in super().schema_findings(data) if f.code != "emergency-unbounded"]  # no valid-until = forever


# ---- structure ----
@mutant("duplicate-ids-last-wins", ["sdp.format.id-duplicate"])
class DuplicateIdsLastWins(BundleEvaluator):
    def structure_findings(self, doc):
        return [f for f in super().structure_findings(doc) if f.code != "id-duplicate"]  # dict(id -> item) keeps the last


@mutant("dangling-references-skipped", ["sdp.format.reference-unknown/operation-spec", "sdp.format.reference-unknown"])
class DanglingReferencesSkipped(BundleEvaluator):
    def structure_findings(self, doc):
        # whatever names nothing is quietly left out instead of ending the evaluation
        bindings = {b["id"] for b in doc["bindings"]}
        doc["specs"] = [s for s in doc["specs"] if s["binding"] in bindings]
        specs = {s["id"] for s in doc["specs"]}
        doc["operations"] = [o for o in doc["operations"] if o["spec"] in specs]
        operations = {o["id"] for o in doc["operations"]}
        doc["governance-acts"] = [a for a in doc["governance-acts"] if a["spec"] in specs
                                  and (a["kind"] != "restore-decision" or a["operation"] in operations)]
        return super().structure_findings(doc)


# ---- orders ----
@mutant("locality-names-as-strings", ["sdp.failure.backup-locality/coop-to-commons", "sdp.failure.backup-locality",
                                      "sdp.failure.replica-locality", "sdp.spec.spec-widens-manifest-locality"])
class LocalityNamesAsStrings(BundleEvaluator):
    def locality_wider(self, a, b):
        return a > b


@mutant("privacy-in-listing-order", ["sdp.metamorphic.reorder", "sdp.failure.replica-privacy", "sdp.copy.export-privacy", "sdp.copy.restore-target-privacy",
                                     "sdp.spec.policy-broadens-bound"])
class PrivacyInListingOrder(BundleEvaluator):
    def privacy_wider(self, a, b):
        return PRIVACY_CLASSES.index(a) < PRIVACY_CLASSES.index(b)


# ---- adoption ----
@mutant("backup-demanded-for-derived-state", ["sdp.operation.backup-no-policy/derived", "sdp.operation.backup-no-policy"])
class BackupDemandedForDerivedState(BundleEvaluator):
    def discardable(self, spec):
        return spec.get("discardable") is True


@mutant("silence-means-no-backup", ["sdp.failure.backup-policy-missing/absent", "sdp.failure.backup-policy-missing"])
class SilenceMeansNoBackup(BundleEvaluator):
    def backup_slot_findings(self, spec, i):
        slot = spec["policies"].get("backup")
        return [] if slot is None else super().backup_slot_findings(spec, i)


@mutant("binding-without-spec-accepted", ["sdp.failure.spec-missing"])
class BindingWithoutSpecAccepted(BundleEvaluator):
    def binding_findings(self, ctx, binding, k):
        return []  # only the specs present are judged; a binding that declares storage and has none goes unseen


@mutant("custody-optional", ["sdp.several.rules", "sdp.failure.custody-missing"])
class CustodyOptional(BundleEvaluator):
    def custody_findings(self, spec, i):
        return []


@mutant("cache-accepted-as-canonical", ["sdp.failure.cache-as-canonical"])
class CacheAcceptedAsCanonical(BundleEvaluator):
    def cache_findings(self, spec, i):
        return []


@mutant("exit-path-optional", ["sdp.failure.export-path-missing"])
class ExitPathOptional(BundleEvaluator):
    def exit_findings(self, ctx, spec, i):
        return []


@mutant("manifest-not-checked", ["sdp.spec.spec-widens-manifest-locality", "sdp.spec.spec-widens-manifest-privacy"])
class ManifestNotChecked(BundleEvaluator):
    def manifest_findings(self, ctx, spec, i):
        return []


@mutant("ignores-deprecated-version", ["sdp.failure.policy-deprecated", "sdp.metamorphic.deprecate"])
class IgnoresDeprecatedVersion(BundleEvaluator):
    def status_code(self, status):
        return None if status == "deprecated" else super().status_code(status)


@mutant("draft-policy-in-force", ["sdp.spec.policy-draft", "sdp.spec.policy-proposed"])
class DraftPolicyInForce(BundleEvaluator):
    def status_code(self, status):
        return None if status in ("draft", "proposed") else super().status_code(status)


@mutant("superseded-treated-as-deprecated", ["sdp.spec.policy-superseded"])
class SupersededTreatedAsDeprecated(BundleEvaluator):
    def status_code(self, status):
        return "policy-deprecated" if status == "superseded" else super().status_code(status)


@mutant("sla-numbers-trusted", ["sdp.failure.sla-overclaim"])
class SlaNumbersTrusted(BundleEvaluator):
    def sla_findings(self, policy, j):
        return []


@mutant("drill-gap-hidden", ["sdp.failure.drill-never-run", "sdp.failure.binding-at-risk", "sdp.failure.drill-gap"], strict=True)
class DrillGapHidden(BundleEvaluator):
    def drill_findings(self, ctx, spec, i):
        return []


@mutant("drill-horizon-inclusive", ["sdp.failure.drill-on-horizon"], strict=True)
class DrillHorizonInclusive(BundleEvaluator):
    def drill_findings(self, ctx, spec, i):
        found = ctx.policy_ref(spec, "recovery")
        if found is None or not self.policy_usable(found[1]["status"]):
            return []
        out = []
        last = spec.get("last-drill")
        if last is None:
            out.append(self.finding("drill-never-run", ("specs", i), "no restore drill has ever run for this spec"))
        since = self.instant(last if last is not None else spec["bound-at"])
        if ctx.now >= since + found[1]["drill"]["horizon-days"] * 86400:  # a drill exactly one horizon ago is stale
            out.append(self.finding("binding-at-risk", ("specs", i, "last-drill" if last else "bound-at"),
                                    "the recovery policy's drill horizon has passed"))
        return out


@mutant("operations-on-unadoptable-spec", ["sdp.failure.custody-missing", "sdp.failure.policy-deprecated",
                                           "sdp.metamorphic.deprecate"])
class OperationsOnUnadoptableSpec(BundleEvaluator):
    def blocked_specs(self, ctx, findings):
        return set()


# ---- copies ----
@mutant("ignores-act-scope", ["sdp.metamorphic.act-scope"])
class IgnoresActScope(BundleEvaluator):
    def broadening_named(self, ctx, spec, copy, dimension, value):
        return any(act["kind"] == "broadening" for act in ctx.acts)


@mutant("governance-acts-ignored", ["sdp.metamorphic.broadening-act"])
class GovernanceActsIgnored(BundleEvaluator):
    def broadening_named(self, ctx, spec, copy, dimension, value):
        return False  # every broadening refused, whatever act names it


@mutant("locality-order-reversed", ["sdp.metamorphic.narrowing", "sdp.failure.backup-locality", "sdp.failure.replica-locality",
                                    "sdp.copy.export-locality", "sdp.copy.restore-target-locality"])
class LocalityOrderReversed(BundleEvaluator):
    def locality_wider(self, a, b):
        return LOCALITY_RANKS[a] < LOCALITY_RANKS[b]  # DataLocality read widest first: a narrowed copy looks broadened


@mutant("secret-by-custody-only", ["sdp.failure.secret-backup/vault-secret-credential", "sdp.failure.secret-backup"])
class SecretByCustodyOnly(BundleEvaluator):
    def secret_material(self, spec):
        return spec.get("custody") == "secret"


@mutant("unencrypted-copies-accepted", ["sdp.copy.backup-unencrypted", "sdp.copy.replica-unencrypted",
                                        "sdp.copy.export-unencrypted"])
class UnencryptedCopiesAccepted(BundleEvaluator):
    def encryption_findings(self, spec, op, n):
        return []


# ---- restore ----
@mutant("emergency-outlives-bound", ["sdp.restore.emergency-expired"])
class EmergencyOutlivesBound(BundleEvaluator):
    def emergency_findings(self, ctx, op, spec, policy, n):
        found = super().emergency_findings(ctx, op, spec, policy, n)
        return [f for f in found if f.code != "emergency-expired"]


@mutant("any-emergency-authority", ["sdp.restore.emergency-not-named"])
class AnyEmergencyAuthority(BundleEvaluator):
    def emergency_findings(self, ctx, op, spec, policy, n):
        authority = ctx.authorities.get(op.get("authority"))
        if authority is not None and not self.authority_in_force(authority, ctx.now):
            return [self.finding("emergency-expired", ("operations", n, "authority"), "outside its bound")]
        return []


@mutant("emergency-restore-needs-decision", ["sdp.restore.restore-emergency/in-force", "sdp.restore.restore-emergency"])
class EmergencyRestoreNeedsDecision(BundleEvaluator):
    def emergency_findings(self, ctx, op, spec, policy, n):
        found = super().emergency_findings(ctx, op, spec, policy, n)
        if self.governed_per_restore(spec) and not self.restore_decision(ctx, op, spec):  # the live-restore rule, misapplied
            found.append(self.finding("restore-not-governed", ("operations", n, "decision"),
                                      "restoring canonical storage needs a governance decision for this restore"))
        return found


@mutant("authority-window-start-exclusive", ["sdp.restore.restore-emergency/starts-now"])
class AuthorityWindowStartExclusive(BundleEvaluator):
    def authority_in_force(self, authority, now):
        if self.instant(authority["valid-from"]) >= now:
            return False
        until = authority.get("valid-until")
        return until is None or now < self.instant(until)


@mutant("production-drill-always-refused", ["sdp.restore.restore-production-strict"])
class ProductionDrillAlwaysRefused(BundleEvaluator):
    def live_restore_findings(self, ctx, op, spec, policy, n):
        if op["mode"] == "drill":  # "a drill never touches production", even under the strict authority
            return [self.finding("drill-into-production", ("operations", n, "environment"),
                                 "a drill into production is refused")]
        return super().live_restore_findings(ctx, op, spec, policy, n)


@mutant("drill-touches-production", ["sdp.restore.drill-into-production"])
class DrillTouchesProduction(BundleEvaluator):
    def restore_is_live(self, op):
        return op["mode"] == "live"


@mutant("canonical-restore-ungoverned", ["sdp.restore.restore-not-governed"])
class CanonicalRestoreUngoverned(BundleEvaluator):
    def governed_per_restore(self, spec):
        return False


@mutant("authority-window-end-inclusive", ["sdp.failure.restore-unauthorized/grant-ends-now", "sdp.restore.emergency-expired/ends-now"])
class AuthorityWindowEndInclusive(BundleEvaluator):
    def authority_in_force(self, authority, now):
        if self.instant(authority["valid-from"]) > now:
            return False
        until = authority.get("valid-until")
        return until is None or now <= self.instant(until)


@mutant("authority-scope-ignored", ["sdp.failure.restore-unauthorized/grant-for-other-spec", "sdp.failure.restore-unauthorized"])
class AuthorityScopeIgnored(BundleEvaluator):
    def authority_covers(self, authority, spec):
        return True


@mutant("failed-drill-reported-as-success", ["sdp.receipt.restore-drill-failed"], strict=True)
class FailedDrillReportedAsSuccess(BundleEvaluator):
    def drill_succeeded(self, op):
        return True


# ---- archive, export, repair, outage ----
@mutant("silently-deletes-archive", ["sdp.failure.archive-quiet-deletion/direct-with-authority", "sdp.failure.archive-quiet-deletion"])
class SilentlyDeletesArchive(BundleEvaluator):
    def archive_path_governed(self, op):
        return True


@mutant("export-basis-ignored", ["sdp.export.export-basis"])
class ExportBasisIgnored(BundleEvaluator):
    def decide_export(self, ctx, op, spec, n):
        return self.copy_findings(ctx, spec, "export", op["target"], n) + self.encryption_findings(spec, op, n)


@mutant("canonical-repair-routine", ["sdp.failure.integrity-repair-authority",
                                     "sdp.failure.divergence-unauthorized/auto-canonical"])
class CanonicalRepairRoutine(BundleEvaluator):
    def repair_is_governed(self, spec):
        return False


@mutant("silent-fallback-allowed", ["sdp.failure.silent-fallback"])
class SilentFallbackAllowed(BundleEvaluator):
    def decide_provider_outage(self, ctx, op, spec, n):
        return self.event_facts(op, n)


@mutant("outage-suspension-refused", ["sdp.failure.outage-suspend"])
class OutageSuspensionRefused(BundleEvaluator):
    def decide_provider_outage(self, ctx, op, spec, n):
        out = self.event_facts(op, n)
        if op["response"] != "operator-restore":  # suspending read as "carrying on without the provider"
            out.append(self.finding("silent-fallback", ("operations", n, "response"),
                                    "an unavailable provider is never silently replaced"))
        return out


# ---- receipts: (kind, success) pairs are compared at verdict level, members at strict level ----
@mutant("repaired-integrity-failure-reported-as-success", ["sdp.failure.integrity-failed"])
class RepairedIntegrityFailureReportedAsSuccess(BundleEvaluator):
    def operation_receipts(self, ctx, op, spec, found, allowed):
        out = super().operation_receipts(ctx, op, spec, found, allowed)
        if op["kind"] == "integrity-check" and allowed:  # the repair went through, so "the check is fine now"
            out = [dict(r, kind="integrity-check", success=True) for r in out]
        return out


@mutant("repaired-divergence-leaves-no-receipt", ["sdp.failure.divergence-repaired"])
class RepairedDivergenceLeavesNoReceipt(BundleEvaluator):
    def operation_receipts(self, ctx, op, spec, found, allowed):
        if op["kind"] == "anti-entropy-divergence" and allowed:  # nothing left to report once repaired
            return []
        return super().operation_receipts(ctx, op, spec, found, allowed)


@mutant("failed-backup-without-failure-receipt", ["sdp.receipt.backup-run-failed"])
class FailedBackupWithoutFailureReceipt(BundleEvaluator):
    def operation_receipts(self, ctx, op, spec, found, allowed):
        if op["kind"] == "backup-run" and allowed:
            return [receipts.request_receipt(op, spec, True, [], self.now_text)]
        return super().operation_receipts(ctx, op, spec, found, allowed)


@mutant("refusals-leave-no-receipt", ["sdp.failure.backup-locality", "sdp.failure.restore-unauthorized",
                                      "sdp.copy.export-locality", "sdp.operation.divergence-no-policy"])
class RefusalsLeaveNoReceipt(BundleEvaluator):
    def operation_receipts(self, ctx, op, spec, found, allowed):
        return super().operation_receipts(ctx, op, spec, found, allowed) if allowed else []


# The (kind, success) bugs below are caught at verdict level; the member bugs at strict level,
# where restore and archive receipts must echo their operation (conformance/receipt_members.py).
@mutant("drill-receipt-success-from-decision", ["sdp.receipt.restore-drill-failed"])
class DrillReceiptSuccessFromDecision(BundleEvaluator):
    def restore_receipt(self, ctx, op, spec, found, allowed):
        r = super().restore_receipt(ctx, op, spec, found, allowed)
        if r["kind"] == "restore-test":
            r["success"] = allowed  # "success" read as "the drill was allowed", whatever its checks said
        return r


@mutant("integrity-receipt-success-from-decision", ["sdp.failure.integrity-failed"])
class IntegrityReceiptSuccessFromDecision(BundleEvaluator):
    def operation_receipts(self, ctx, op, spec, found, allowed):
        out = super().operation_receipts(ctx, op, spec, found, allowed)
        if op["kind"] == "integrity-check":
            out = [dict(r, success=allowed) for r in out]  # the repair was allowed, so the receipt "succeeded"
        return out


@mutant("successful-backup-leaves-no-receipt", ["sdp.valid.backup-run"])
class SuccessfulBackupLeavesNoReceipt(BundleEvaluator):
    def operation_receipts(self, ctx, op, spec, found, allowed):
        if op["kind"] == "backup-run" and allowed and op["execution"] == "succeeded":
            return []  # only failures are "worth a receipt"; the schedule is the record of success
        return super().operation_receipts(ctx, op, spec, found, allowed)


@mutant("refused-backup-leaves-no-receipt", ["sdp.failure.backup-locality", "sdp.copy.backup-privacy",
                                             "sdp.failure.secret-backup"])
class RefusedBackupLeavesNoReceipt(BundleEvaluator):
    def operation_receipts(self, ctx, op, spec, found, allowed):
        if op["kind"] == "backup-run" and not allowed:
            return []  # a backup that never ran "has nothing to record"
        return super().operation_receipts(ctx, op, spec, found, allowed)


@mutant("per-check-results-collapsed", ["sdp.valid.restore-drill", "sdp.receipt.restore-drill-failed"], strict=True)
class PerCheckResultsCollapsed(BundleEvaluator):
    def restore_receipt(self, ctx, op, spec, found, allowed):
        r = super().restore_receipt(ctx, op, spec, found, allowed)
        if r["kind"] == "restore-test":  # one summary check: schema-valid, but not "per check"
            r["checks"] = [{"check": "restore", "success": r["success"]}]
            r["failures"] = [] if r["success"] else ["restore"]
        return r


@mutant("restore-source-hash-dropped", ["sdp.valid.restore-drill", "sdp.valid.restore-live",
                                        "sdp.failure.restore-unauthorized"], strict=True)
class RestoreSourceHashDropped(BundleEvaluator):
    def restore_receipt(self, ctx, op, spec, found, allowed):
        r = super().restore_receipt(ctx, op, spec, found, allowed)
        r["source"] = {k: v for k, v in r["source"].items() if k != "hash"}  # "the version identifies it"
        return r


@mutant("restore-receipt-names-the-policy-authority", ["sdp.restore.restore-production-strict",
                                                       "sdp.restore.restore-emergency"], strict=True)
class RestoreReceiptNamesThePolicyAuthority(BundleEvaluator):
    def restore_receipt(self, ctx, op, spec, found, allowed):
        r = super().restore_receipt(ctx, op, spec, found, allowed)
        if "authority" in r:  # the policy's standing restore authority, not the one the restore presented
            r["authority"] = dict(r["authority"], authority=ctx.policy_ref(spec, "recovery")[1]["restore-authority"])
        return r


# Caught at strict level, where every receipt must match storage-receipt.v1.json.
@mutant("one-boolean-restore-receipt", ["sdp.receipt.restore-drill-failed"], strict=True)
class OneBooleanRestoreReceipt(BundleEvaluator):
    def restore_receipt(self, ctx, op, spec, found, allowed):
        r = super().restore_receipt(ctx, op, spec, found, allowed)
        for key in ("checks", "failures"):
            r.pop(key, None)
        return r


# ---- the core of derived rules, isolated (strategies/storage/isolated.py): each passes every other vector ----
@mutant("key-custody-inherited-from-the-source", ["sdp.isolated.key-custody-both-encrypted"])
class KeyCustodyInheritedFromTheSource(BundleEvaluator):
    def adoption_findings(self, ctx):
        # "backups inherit the source's encryption posture": an encrypted source is taken to carry its key custody along
        inherited = {(s["policies"]["backup"].get("id"), s["policies"]["backup"].get("version"))
                     for s in ctx.doc["specs"] if "backup" in s["policies"] and self.requires_encryption(s["privacy"])}
        backups = ctx.doc["policies"]["backup"]
        return [f for f in super().adoption_findings(ctx)
                if not (f.code == "encryption-unnamed"
                        and (lambda p: (p["id"], p["version"]) in inherited)(backups[int(f.pointer.split("/")[3])]))]


@mutant("unnamed-repair-authority-any-in-force", ["sdp.isolated.canonical-repair-unnamed"])
class UnnamedRepairAuthorityAnyInForce(BundleEvaluator):
    def decide_integrity_check(self, ctx, op, spec, n):
        found = super().decide_integrity_check(ctx, op, spec, n)
        policy = ctx.policy_ref(spec, "integrity")
        if policy is not None and "repair-authority" not in policy[1] and self.authority_valid(ctx, op.get("authority"), spec):
            return [f for f in found if f.code != "repair-authority-missing"]  # "names none" read as "any mandate in force"
        return found


@mutant("production-drill-strict-only-for-canonical", ["sdp.isolated.production-drill-restore-grant"])
class ProductionDrillStrictOnlyForCanonical(BundleEvaluator):
    def live_restore_findings(self, ctx, op, spec, policy, n):
        found = super().live_restore_findings(ctx, op, spec, policy, n)
        if not self.governed_per_restore(spec):  # "the strict authority class for that storage": canonical storage only
            return [f for f in found if f.code != "drill-into-production"]
        return found


@mutant("restore-decision-for-any-operation", ["sdp.isolated.restore-decision/other-operation"])
class RestoreDecisionForAnyOperation(BundleEvaluator):
    def restore_decision(self, ctx, op, spec):
        for act in ctx.acts:  # a decision for the spec is taken to cover every restore of it
            if (act["id"] == op.get("decision") and act["kind"] == "restore-decision" and act["spec"] == spec["id"]
                    and self.act_in_force(act, ctx.now)):
                return act["id"]
        return None


@mutant("fallback-refused-only-for-canonical", ["sdp.isolated.outage-fallback"])
class FallbackRefusedOnlyForCanonical(BundleEvaluator):
    def decide_provider_outage(self, ctx, op, spec, n):
        if not self.repair_is_governed(spec):  # routine storage "may fall back", as routine divergences auto-repair
            return self.event_facts(op, n)
        return super().decide_provider_outage(ctx, op, spec, n)


# ---- targeted bugs for rules that only generic mutants caught before ----
@mutant("operations-without-policy-allowed", ["sdp.operation.archive-no-policy", "sdp.operation.integrity-no-policy", "sdp.operation.replica-no-policy",
                                              "sdp.operation.restore-no-policy"])
class OperationsWithoutPolicyAllowed(BundleEvaluator):
    def policy_required(self, ctx, spec, kind, n):  # "no policy" read as "no constraints"
        return []


@mutant("open-policy-slots-accepted", ["sdp.spec.replication-policy-missing", "sdp.spec.exit-policy-missing"])
class OpenPolicySlotsAccepted(BundleEvaluator):
    def slot_findings(self, spec, i):  # silence about replication and exit taken as "none"
        return []


@mutant("unknown-policy-references-ignored", ["sdp.spec.policy-unknown"])
class UnknownPolicyReferencesIgnored(BundleEvaluator):
    def reference_findings(self, ctx, spec, i):  # a reference to a policy nobody published is skipped
        return [f for f in super().reference_findings(ctx, spec, i) if f.code != "policy-unknown"]


@mutant("key-custody-optional", ["sdp.copy.encryption-unnamed"])
class KeyCustodyOptional(BundleEvaluator):
    def encryption_posture_findings(self, policy, j):  # encryption assumed without naming who holds the keys
        return []


@mutant("any-authority-expires-archives", ["sdp.archive.archive-unauthorized"])
class AnyAuthorityExpiresArchives(BundleEvaluator):
    def decide_archive_expiration(self, ctx, op, spec, n):  # the governed path is enough, whoever walks it
        found = super().decide_archive_expiration(ctx, op, spec, n)
        return [f for f in found if f.code != "archive-expiration-unauthorized"]


@mutant("backup-privacy-unchecked", ["sdp.copy.backup-privacy"])
class BackupPrivacyUnchecked(BundleEvaluator):
    def copy_findings(self, ctx, spec, copy, target, n):  # a backup "stays inside", so only its locality is checked
        found = super().copy_findings(ctx, spec, copy, target, n)
        return [f for f in found if not (copy == "backup" and f.pointer.endswith("/privacy"))]


# ---- the custody table (issue 12, point 1) ----
def _without(found, code):
    return [f for f in found if f.code != code]


@mutant("canonical-custody-discardable", ["sdp.custody.canonical-discardable"])
class CanonicalCustodyDiscardable(BundleEvaluator):
    def custody_table_findings(self, spec, i):  # 'discardable' trusted for every custody
        return _without(super().custody_table_findings(spec, i), "canonical-discardable")


@mutant("canonical-single-copy-accepted", ["sdp.custody.canonical-replication-none"])
class CanonicalSingleCopyAccepted(BundleEvaluator):
    def custody_table_findings(self, spec, i):  # "an explicit none is always an acknowledgement"
        return _without(super().custody_table_findings(spec, i), "canonical-replication-none")


@mutant("canonical-archive-optional", ["sdp.custody.canonical-archive-missing"])
class CanonicalArchiveOptional(BundleEvaluator):
    def custody_table_findings(self, spec, i):  # archive read as "where the class warrants", never required
        return _without(super().custody_table_findings(spec, i), "canonical-archive-missing")


@mutant("secret-replica-mechanism-presumed", ["sdp.custody.secret-ordinary-replica/mechanism-absent"])
class SecretReplicaMechanismPresumed(BundleEvaluator):
    def decide_replica_placement(self, ctx, op, spec, n):  # an unnamed mechanism presumed to be a key protocol
        return super().decide_replica_placement(ctx, op if "mechanism" in op else dict(op, mechanism="key-rotation"),
                                                spec, n)


@mutant("secret-never-replicated", ["sdp.custody.secret-replica-protocol"])
class SecretNeverReplicated(BundleEvaluator):
    def decide_replica_placement(self, ctx, op, spec, n):  # "only via key protocols" read as "never a replica"
        found = super().decide_replica_placement(ctx, op, spec, n)
        if self.secret_material(spec) and not any(f.code == "secret-ordinary-replication" for f in found):
            found.append(self.finding("secret-ordinary-replication", ("operations", n), "secret material is never replicated"))
        return found


@mutant("secret-export-permit-by-presence", ["sdp.custody.secret-export-unpermitted/exit-says-false"])
class SecretExportPermitByPresence(BundleEvaluator):
    def decide_export(self, ctx, op, spec, n):  # 'permits-secret' present, whatever its value, read as a permit
        if "permits-secret" in spec["exit"]:
            spec = dict(spec, exit=dict(spec["exit"], **{"permits-secret": True}))
        return super().decide_export(ctx, op, spec, n)


@mutant("secret-export-basis-suffices", ["sdp.custody.secret-export-unpermitted"])
class SecretExportBasisSuffices(BundleEvaluator):
    def decide_export(self, ctx, op, spec, n):  # a federation agreement or exit basis taken as the explicit policy
        found = super().decide_export(ctx, op, spec, n)
        return found if op["basis"] == "none" else _without(found, "secret-export-forbidden")


@mutant("secret-export-always-forbidden", ["sdp.custody.secret-export-permitted"])
class SecretExportAlwaysForbidden(BundleEvaluator):
    def decide_export(self, ctx, op, spec, n):  # "forbidden except by explicit policy" read as "forbidden"
        return super().decide_export(ctx, op, dict(spec, exit={k: v for k, v in spec["exit"].items()
                                                                if k != "permits-secret"}), n)


@mutant("vault-backup-encryption-by-privacy", ["sdp.custody.vault-backup-unencrypted"])
class VaultBackupEncryptionByPrivacy(BundleEvaluator):
    def decide_backup_run(self, ctx, op, spec, n):  # only the privacy class decides encryption
        return _without(super().decide_backup_run(ctx, op, spec, n), "vault-backup-unencrypted")


# ---- export authority (issue 12, point 2) ----
@mutant("export-authority-window-ignored", ["sdp.authority.export-authority-invalid"])
class ExportAuthorityWindowIgnored(BundleEvaluator):
    def export_authority_findings(self, ctx, op, spec, n):  # a known authority is enough, whenever and for whatever
        authority = ctx.authorities.get(op.get("authority"))
        if authority is not None and authority["type"] != "emergency":
            return []
        return super().export_authority_findings(ctx, op, spec, n)


@mutant("emergency-authority-exports", ["sdp.authority.export-authority-emergency"])
class EmergencyAuthorityExports(BundleEvaluator):
    def export_authority_findings(self, ctx, op, spec, n):  # any authority in force will do, whatever its kind
        return _without(super().export_authority_findings(ctx, op, spec, n), "export-authority-emergency")


@mutant("export-needs-mandate", ["sdp.authority.export-authority/grant"])
class ExportNeedsMandate(BundleEvaluator):
    def export_authority_findings(self, ctx, op, spec, n):  # a custody-crossing export read as mandate-only
        found = super().export_authority_findings(ctx, op, spec, n)
        authority = ctx.authorities.get(op.get("authority"))
        if not found and authority is not None and authority["type"] == "grant":
            found.append(self.finding("export-authority-invalid", ("operations", n, "authority"), "a grant cannot export"))
        return found


@mutant("export-authority-always-required", ["sdp.authority.export-no-authority"])
class ExportAuthorityAlwaysRequired(BundleEvaluator):
    """S10 read as authority-required without declaring it: a governed export that presents no
    authority is refused although the suite's default (if-presented) allows it."""

    def __init__(self, options=None):
        options = dict(options or {})
        options["interpretations"] = {**(options.get("interpretations") or {}), "S10": "authority-required"}
        super().__init__(options)


# ---- recovery scope (issue 12, point 3) ----
@mutant("authoritative-drill-any-decision", ["sdp.scope.drill-touch-unauthorized"])
class AuthoritativeDrillAnyDecision(BundleEvaluator):
    def drill_touch_findings(self, ctx, op, spec, policy, n):  # any restore decision authorizes it, whatever its class
        if self.restore_decision(ctx, op, spec):
            return []
        return super().drill_touch_findings(ctx, op, spec, policy, n)


@mutant("touching-drill-needs-strict-authority", ["sdp.scope.drill-touch-authorized"])
class TouchingDrillNeedsStrictAuthority(BundleEvaluator):
    def drill_touch_findings(self, ctx, op, spec, policy, n):  # read as a live restore: strict authority only
        found = super().drill_touch_findings(ctx, op, spec, policy, n)
        if not found and op.get("authority") != policy["strict-authority"]:
            found.append(self.finding("drill-touch-unauthorized", ("operations", n, "authority"), "strict authority only"))
        return found


@mutant("any-subset-restores", ["sdp.scope.restore-subset-not-allowed"])
class AnySubsetRestores(BundleEvaluator):
    def restore_scope_findings(self, ctx, op, policy, n):  # the subset list read as documentation
        return _without(super().restore_scope_findings(ctx, op, policy, n), "restore-subset-not-allowed")


@mutant("subsets-read-as-excluded", ["sdp.scope.restore-subset"])
class SubsetsReadAsExcluded(BundleEvaluator):
    def restore_scope_findings(self, ctx, op, policy, n):  # the named subsets are the ones a restore may NOT touch
        found = _without(super().restore_scope_findings(ctx, op, policy, n), "restore-subset-not-allowed")
        if op["scope"] == "partial" and op.get("subset") in policy.get("partial-subsets", ()):
            found.append(self.finding("restore-subset-not-allowed", ("operations", n, "subset"), "an excluded subset"))
        return found


@mutant("point-in-time-horizon-exclusive", ["sdp.scope.restore-horizon/at-horizon"])
class PointInTimeHorizonExclusive(BundleEvaluator):
    def restore_scope_findings(self, ctx, op, policy, n):  # 'within the horizon' read as strictly inside it
        found = super().restore_scope_findings(ctx, op, policy, n)
        horizon = policy.get("point-in-time-horizon-days")
        if (not found and op["scope"] == "point-in-time" and horizon is not None
                and self.instant(op["point-in-time"]) == ctx.now - horizon * 86400):
            found.append(self.finding("restore-horizon-exceeded", ("operations", n, "point-in-time"), "on the horizon"))
        return found


@mutant("future-point-in-time-accepted", ["sdp.scope.restore-horizon-exceeded/future"])
class FuturePointInTimeAccepted(BundleEvaluator):
    def restore_scope_findings(self, ctx, op, policy, n):  # only the lower bound of the horizon is checked
        found = super().restore_scope_findings(ctx, op, policy, n)
        at = op.get("point-in-time")
        if at is not None and self.instant(at) > ctx.now:
            found = _without(found, "restore-horizon-exceeded")
        return found


# views for tests/test_storage_mutants.py
STORAGE_MUTANTS: dict[str, tuple[type, tuple[str, ...]]] = {n: (m.verifier, m.catches) for n, m in of_slot(SDP_SLOT).items()}
STRICT_ONLY: set[str] = {n for n, m in of_slot(SDP_SLOT).items() if m.level == "strict"}
