"""storage-policy-bundle.v1 evaluation (the reference).

Stages: intake -> schema -> structure -> adoption -> operations. A failing intake, schema or
structure stage ends evaluation (later rules presume the shape and unambiguous identifiers)
and no operation is decided. Adoption reports every finding; any error makes the bundle
``invalid`` (not adoptable). Operations are decided even for a bundle that is not
adoptable: an operation on a spec with an error finding (its own or a referenced policy's)
is refused with ``spec-not-adopted``.

Each concern is one method so that a seeded-bug variant (tests/mutants/storage.py)
overrides exactly one.
"""

from __future__ import annotations

from fractions import Fraction

from conformance.catalog import SDP, severity

from ..shared import intake, rfc3339, schema
from ..shared.findings import ERROR, Finding, pointer
from . import structure
from .adoption import AdoptionRules
from .context import Context
from .results import Decision, Evaluation
from .operations import OperationRules
from .order import LOCALITY_RANKS, OptionError, privacy_incomparable, privacy_ranks
from .vocab import ENCRYPTED_PRIVACY, SCHEMA_NAME, USABLE_STATUSES


class BundleEvaluator(AdoptionRules, OperationRules):
    def __init__(self, options: dict | None = None):
        options = dict(options or {})
        self.options = options
        self.privacy = privacy_ranks(options.get("privacy-order"))
        self.incomparable = privacy_incomparable(options.get("privacy-order"))  # S1 partial: only with itself
        choices = options.get("interpretations") or {}
        if not isinstance(choices, dict):
            raise OptionError("interpretations must be an object {ID: CHOICE}")
        # S8 superseded-inert: a superseded version is not current, hence inert like a draft
        self.superseded_inert = choices.get("S8") == "superseded-inert"
        # S4 closed-windows: an authority is still in force at its valid-until
        self.closed_windows = choices.get("S4") == "closed-windows"
        # S10: whether an export needs an authority (authority-required) or its authority is judged at all
        self.export_authority = choices.get("S10", "if-presented")
        # S5 bundle-wide: every operation is refused when the bundle is not adoptable
        self.bundle_wide = choices.get("S5") == "bundle-wide"
        # S12 expectations-only: the custody table's cells are not rules (SDP-CUSTODY-* unchecked)
        self.custody_rules = choices.get("S12") != "expectations-only"
        # S13 except-backup: an explicit none is accepted for every slot but a non-discardable backup
        self.none_except_backup = choices.get("S13") == "except-backup"
        self.now_text = ""

    # ---- stages ----
    def parse(self, raw: bytes):
        return intake.parse(raw)

    def schema_findings(self, data) -> list[Finding]:
        return schema.findings(data, SCHEMA_NAME)

    def structure_findings(self, doc: dict) -> list[Finding]:
        return structure.findings(doc)

    # ---- single concerns ----
    def finding(self, code: str, where: tuple, message: str) -> Finding:
        return Finding(code, severity(code, SDP), pointer(*where), message)

    def instant(self, text: str) -> Fraction:
        return rfc3339.instant(text)

    def locality_wider(self, a: str, b: str) -> bool:
        """``a`` discloses to a wider locality than ``b`` (kernel order)."""
        return LOCALITY_RANKS[a] > LOCALITY_RANKS[b]

    def privacy_wider(self, a: str, b: str) -> bool:
        """``a`` discloses more than ``b`` (interpretation S1 or the substituted order)."""
        if a != b and (a in self.incomparable or b in self.incomparable):
            return True  # incomparable classes: a copy between them is a broadening (fail closed)
        return self.privacy[a] > self.privacy[b]

    def wider(self, dimension: str, a: str, b: str) -> bool:
        return self.locality_wider(a, b) if dimension == "locality" else self.privacy_wider(a, b)

    def requires_encryption(self, privacy: str) -> bool:
        return privacy in ENCRYPTED_PRIVACY

    def secret_material(self, spec: dict) -> bool:
        return spec.get("custody") == "secret" or spec["privacy"] == "SecretCredential"

    def policy_usable(self, status: str) -> bool:
        if status == "superseded" and self.superseded_inert:
            return False
        return status in USABLE_STATUSES

    def authority_in_force(self, authority: dict, now: Fraction) -> bool:
        if self.instant(authority["valid-from"]) > now:
            return False
        until = authority.get("valid-until")
        return until is None or now < self.instant(until) or (self.closed_windows and now == self.instant(until))

    def authority_covers(self, authority: dict, spec: dict) -> bool:
        return spec["id"] in authority["specs"]

    def act_in_force(self, act: dict, now: Fraction) -> bool:
        return self.instant(act["decided-at"]) <= now

    def broadening_named(self, ctx, spec: dict, copy: str, dimension: str, value: str) -> bool:
        for act in ctx.acts:
            if (act["kind"] == "broadening" and act["spec"] == spec["id"] and act["copy"] == copy
                    and act["dimension"] == dimension and not self.wider(dimension, value, act["to"])
                    and self.act_in_force(act, ctx.now)):
                return True
        return False

    def copy_broadens(self, ctx, spec: dict, copy: str, dimension: str, value: str) -> bool:
        return self.wider(dimension, value, spec[dimension]) and not self.broadening_named(ctx, spec, copy, dimension, value)

    # ---- driver ----
    def evaluate(self, raw: bytes, now: str) -> Evaluation:
        self.now_text = now
        try:
            data = self.parse(raw)
        except intake.IntakeError as exc:
            return Evaluation("invalid", [exc.finding])
        found = self.schema_findings(data)
        if found:
            return Evaluation("invalid", found)
        found = self.structure_findings(data)
        if found:
            return Evaluation("invalid", found)
        ctx = Context.of(data, self.instant(now))
        found = sorted(set(self.adoption_findings(ctx)), key=lambda f: (f.pointer, f.code, f.message))
        ctx.findings = found
        ctx.blocked = self.blocked_specs(ctx, found)
        operations = [self.decide(ctx, op, n) for n, op in enumerate(data["operations"])]
        verdict = "invalid" if any(f.severity == ERROR for f in found) else "valid"
        return Evaluation(verdict, found, operations)


def result(evaluation: Evaluation) -> dict:
    """The protocol result of an ``evaluate`` request."""
    return {
        "verdict": evaluation.verdict,
        "class": None,
        "codes": evaluation.codes,
        "operations": [{"id": o.id, "decision": o.decision, "codes": list(o.codes), "receipts": list(o.receipts)}
                       for o in evaluation.operations],
    }


__all__ = ["BundleEvaluator", "Decision", "Evaluation", "OptionError", "result"]
