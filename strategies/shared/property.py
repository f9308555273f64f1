"""What a property is: a named Hypothesis strategy of Cases (or a rule-based state machine)
tied to the requirements it exercises. Every family's strategies produce these."""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import strategies as st

from conformance import protocol


@dataclass(frozen=True)
class Property:
    id: str
    title: str
    requirements: tuple
    flags: tuple
    strategy: st.SearchStrategy | None  # of conformance.case.Case; None for a state machine
    operation: str = "verify"
    kind: str = protocol.KIND_NAA
    # A state machine factory ``machine(check)``: a RuleBasedStateMachine class whose steps
    # call ``check(case)`` with the Case for the sequence so far (see strategies/cir/lifecycle.py).
    machine: object = None
