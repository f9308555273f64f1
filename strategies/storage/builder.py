"""A bundle under construction, and the outcome it must get, recorded as it is built.

Every unit starts valid; each defect or operation variant that the builders apply records
what it changes in the expected outcome (findings, blocked specs, one operation's decision,
codes and receipts). ``expected()`` only assembles those records.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from conformance.case import Expected, OperationOutcome

from ..shared.timefmt import PLAIN, Style, render
from .units import Unit, UnitParams, build_unit
from .vocab import SCHEMA, Order

EVENT_KINDS = ("integrity-check", "anti-entropy-divergence", "provider-outage")
FAILURE_RECEIPT = {"backup-run": "backup-failure", "replica-placement": "replication-failure",
                   "restore": "restore-failure", "archive-expiration": "archive-expiration", "export": "export"}


@dataclass
class OpPlan:
    op: dict
    unit: Unit
    decision: str
    codes: tuple
    receipts: tuple

    def facts(self) -> tuple:
        kind = self.op["kind"]
        if kind == "integrity-check":
            return ("integrity-failed",) if self.op["result"] == "failed" else ()
        return {"anti-entropy-divergence": ("divergence-found",), "provider-outage": ("provider-unavailable",)}.get(kind, ())

    def event_receipts(self) -> tuple:
        kind = self.op["kind"]
        if kind == "integrity-check":
            return (("integrity-check", True),) if self.op["result"] == "passed" else (("integrity-failure", False),)
        return {"anti-entropy-divergence": (("divergence-detected", False),),
                "provider-outage": (("provider-outage", False),)}[kind]

    def outcome(self, bundle_blocked: bool = False) -> OperationOutcome:
        if self.unit.blocked or bundle_blocked:
            receipts = self.event_receipts() if self.op["kind"] in EVENT_KINDS else ((FAILURE_RECEIPT[self.op["kind"]], False),)
            return OperationOutcome(self.op["id"], "refuse", tuple(sorted({"spec-not-adopted", *self.facts()})),
                                    tuple(sorted(receipts)))
        return OperationOutcome(self.op["id"], self.decision, tuple(sorted(set(self.codes))), tuple(sorted(self.receipts)))


class Builder:
    def __init__(self, order: Order, now: int, style: Style = PLAIN, choices: dict | None = None):
        self.order = order
        self.choices = dict(choices or {})  # declared interpretation choices (S…), e.g. {"S8": "superseded-inert"}
        self.grant_exports = False  # properties: every governed export presents a grant in force (S10-neutral)
        self.now = now
        self.style = style
        self.units: list[Unit] = []
        self.extra_bindings: list[dict] = []
        self.extra_authorities: list[dict] = []
        self.acts: list[dict] = []
        self.plans: list[OpPlan] = []
        self.findings: list[tuple[str, str]] = []  # (code, severity) of adoption findings
        self.stage_codes: tuple | None = None  # intake / schema / structure: evaluation ends, no operations
        self.raw_override: bytes | None = None
        self.doc_edits: list = []  # callables applied to the assembled document (schema / structure defects)
        self._times: dict[int, str] = {}

    def t(self, ns: int) -> str:
        # the same few instants (now, now ± a window) recur in every unit's authorities
        text = self._times.get(ns)
        if text is None:
            text = self._times[ns] = self.write(ns)
        return text

    def write(self, ns: int) -> str:
        return render(ns, self.style)

    # ---- construction ----
    def add_unit(self, params: UnitParams) -> Unit:
        unit = build_unit(params, self.now, self.t)
        unit.closed_windows = self.choices.get("S4") == "closed-windows"
        unit.custody_rules = self.choices.get("S12") != "expectations-only"
        self.units.append(unit)
        return unit

    def next_op_id(self) -> str:
        return f"op-{len(self.plans)}"

    def add_op(self, unit: Unit, op: dict, decision: str, codes=(), receipts=()) -> dict:
        self.plans.append(OpPlan(op, unit, decision, tuple(codes), tuple(receipts)))
        return op

    def add_act(self, act: dict) -> dict:
        act.setdefault("id", f"act-{len(self.acts)}")
        self.acts.append(act)
        return act

    def finding(self, code: str, severity: str = "error", block: Unit | None = None) -> None:
        self.findings.append((code, severity))
        if block is not None:
            block.blocked = True

    # ---- output ----
    def document(self) -> dict:
        policies = {k: [] for k in ("backup", "replication", "recovery", "archive", "integrity")}
        for u in self.units:
            for kind, policy in u.policies.items():
                policies[kind].append(policy)
            for kind, decoy in u.decoys:
                policies[kind].append(decoy)
        doc = {
            "schema": SCHEMA,
            "domain": "domain:conformance",
            "policies": policies,
            "authorities": [a for u in self.units for a in u.authorities.values()] + self.extra_authorities,
            "governance-acts": list(self.acts),
            "bindings": [u.binding for u in self.units] + self.extra_bindings,
            "specs": [u.spec for u in self.units],
            "operations": [p.op for p in self.plans],
        }
        doc = json.loads(json.dumps(doc))  # detach from the units
        for edit in self.doc_edits:
            edit(doc)
        return doc

    def raw(self) -> bytes:
        if self.raw_override is not None:
            return self.raw_override
        return json.dumps(self.document(), ensure_ascii=False).encode("utf-8")

    def expected(self) -> Expected:
        if self.stage_codes is not None:
            return Expected("invalid", None, tuple(sorted(set(self.stage_codes))), ())
        verdict = "invalid" if any(sev == "error" for _, sev in self.findings) else "valid"
        codes = tuple(sorted({c for c, _ in self.findings}))
        # S5 bundle-wide: a bundle that is not adoptable has every operation refused, not only its spec's
        bundle_blocked = verdict == "invalid" and self.choices.get("S5") == "bundle-wide"
        return Expected(verdict, None, codes, tuple(p.outcome(bundle_blocked) for p in self.plans))
