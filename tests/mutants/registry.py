"""The one registry of seeded-bug variants ("mutants"), for every family.

A mutant replaces one of the reference's verifier classes (``slot``) by a subclass that
overrides exactly one method, and names the strategies (vector-id prefixes up to the
first ``/``) whose golden vectors it must fail at its ``level``. ``catches=None`` marks a
mutant the adapter protocol cannot see (it is caught by a direct test instead), so the
runner-based tests leave it out.
"""

from __future__ import annotations

from dataclasses import dataclass

from conformance.reference.adapter import Implementation

NAA_SLOT, CIR_SLOT, SDP_SLOT = "verifier_class", "recovery_verifier_class", "storage_evaluator_class"


@dataclass(frozen=True)
class Mutant:
    name: str
    verifier: type
    catches: tuple  # strategy names expected to catch it
    level: str = "verdict"  # the level at which it is caught
    slot: str = NAA_SLOT  # which of the reference's verifier classes it replaces

    def implementation(self) -> Implementation:
        impl = Implementation()
        setattr(impl, self.slot, self.verifier)
        impl.info = dict(impl.info, name=f"mutant:{self.name}")
        return impl


MUTANTS: dict[str, Mutant] = {}  # certified through the runner
OUTSIDE_PROTOCOL: dict[str, Mutant] = {}  # invisible to the protocol; caught by direct tests


def mutant(name: str, catches, level: str = "verdict", slot: str = NAA_SLOT):
    def register(cls):
        table = OUTSIDE_PROTOCOL if catches is None else MUTANTS
        assert name not in MUTANTS and name not in OUTSIDE_PROTOCOL, f"mutant {name} registered twice"
        table[name] = Mutant(name, cls, tuple(catches or ()), level, slot)
        return cls
    return register


def of_slot(slot: str) -> dict[str, Mutant]:
    return {n: m for table in (MUTANTS, OUTSIDE_PROTOCOL) for n, m in table.items() if m.slot == slot}
