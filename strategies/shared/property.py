"""What a property is: a named Hypothesis strategy of Cases (or a rule-based state machine)
tied to the requirements it exercises. Every family's strategies produce these."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable

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
    # The kinds its cases carry, when more than ``kind`` (empty: only ``kind``), and
    # ``narrow(kinds)``: the strategy that draws only cases of those kinds.
    kinds: tuple = ()
    narrow: Callable | None = None

    @property
    def case_kinds(self) -> tuple:
        return self.kinds or (self.kind,)

    def supported(self, kinds) -> "Property | None":
        """This property as an implementation supporting ``kinds`` is asked it: drawing only
        cases of those kinds (None when it can draw none)."""
        usable = tuple(k for k in self.case_kinds if k in kinds)
        if not usable:
            return None
        if usable == self.case_kinds:
            return self
        if self.narrow is None:  # cannot draw a subset: only what it draws can tell
            return self
        return replace(self, kind=usable[0], kinds=usable, strategy=self.narrow(usable))
