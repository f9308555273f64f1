"""What the later stages look up in a bundle that passed intake, schema and structure."""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from .vocab import POLICY_KINDS


@dataclass
class Context:
    doc: dict
    now: Fraction
    specs: dict = field(default_factory=dict)  # id -> (index, spec)
    bindings: dict = field(default_factory=dict)  # id -> (index, binding)
    policies: dict = field(default_factory=dict)  # (kind, id, version) -> (index, policy)
    authorities: dict = field(default_factory=dict)  # id -> authority
    acts: list = field(default_factory=list)
    findings: list = field(default_factory=list)  # adoption findings
    blocked: set = field(default_factory=set)  # ids of specs an operation may not rely on

    @classmethod
    def of(cls, doc: dict, now: Fraction) -> "Context":
        ctx = cls(doc=doc, now=now)
        ctx.specs = {s["id"]: (i, s) for i, s in enumerate(doc["specs"])}
        ctx.bindings = {b["id"]: (i, b) for i, b in enumerate(doc["bindings"])}
        for kind in POLICY_KINDS:
            for j, p in enumerate(doc["policies"][kind]):
                ctx.policies[(kind, p["id"], p["version"])] = (j, p)
        ctx.authorities = {a["id"]: a for a in doc["authorities"]}
        ctx.acts = list(doc["governance-acts"])
        return ctx

    def binding_of(self, spec: dict) -> dict:
        return self.bindings[spec["binding"]][1]

    def policy_ref(self, spec: dict, kind: str):
        """(index, policy) that ``spec`` names for ``kind``; None when it names none or nothing resolves."""
        slot = spec["policies"].get(kind)
        if slot is None or "none" in slot:
            return None
        return self.policies.get((kind, slot["id"], slot["version"]))
