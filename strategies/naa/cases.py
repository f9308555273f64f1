"""From scenarios and mutations to conformance Cases: the properties and the golden vectors.

A property is one mutation (or the collision rule) over Hypothesis-drawn scenarios; a
vector is one mutation with fixed parameters over a fixed base. Both yield the same
``conformance.case.Case``.
"""

from __future__ import annotations

from hypothesis import assume
from hypothesis import strategies as st

from conformance.case import Case, Expected

from . import build
from .collisions import collision_sets, fixed_collision_sets
from ..shared.property import Property
from .mutations import MUTATIONS, Mutation, NotApplicable, Outcome
from .scenarios import draw_spec, fixed_bases
from ..shared.timefmt import render

COLLISION_REQUIREMENTS = ("NAA-TRUST-005",)
COLLISION_FLAGS = ("EndpointCollision",)


def _expected(outcome: Outcome) -> Expected:
    return Expected(outcome.verdict, outcome.trust_class, tuple(sorted(outcome.codes)))


def case_of(case_id: str, m: Mutation, outcome: Outcome, comment: str = "") -> Case:
    spec = outcome.spec
    return Case(
        id=case_id, operation="verify", documents=(outcome.raw,), now=render(spec.now),
        expected=(_expected(outcome),), requirements=m.requirements, flags=m.flags,
        comment=comment or m.comment, trust=build.trust_config(spec),
        options={"signing-prefix": spec.signing_prefix, **({"interpretations": dict(spec.choices)} if spec.choices else {})},
    )


def collision_case(case_id: str, outcomes: list[Outcome], now: int, comment: str) -> Case:
    trust: dict = {"seed-directories": {}, "trusted-peers": []}
    for o in outcomes:
        t = build.trust_config(o.spec)
        trust["seed-directories"].update(t["seed-directories"])
        trust["trusted-peers"] = sorted(set(trust["trusted-peers"]) | set(t["trusted-peers"]))
    trust["seed-directories"] = dict(sorted(trust["seed-directories"].items()))
    return Case(
        id=case_id, operation="classify", documents=tuple(o.raw for o in outcomes), now=render(now),
        expected=tuple(_expected(o) for o in outcomes), requirements=COLLISION_REQUIREMENTS, flags=COLLISION_FLAGS,
        comment=comment, trust=trust, options={"signing-prefix": ""},
    )


def mutation_cases(m: Mutation, signing_prefix: str = "", choices: tuple = ()) -> st.SearchStrategy[Case]:
    params_strategy = st.fixed_dictionaries(m.params)  # built once per property

    @st.composite
    def cases(draw) -> Case:
        params = draw(params_strategy)  # first: the scenario is drawn to have what these parameters need
        spec = draw_spec(draw, needs=m.needs_for(params)).with_(signing_prefix=signing_prefix, choices=choices)
        try:
            outcome = m.apply(spec, params)
        except NotApplicable:
            assume(False)
        return case_of(m.name, m, outcome)

    return cases()


@st.composite
def collision_cases(draw, max_claimants: int = 6) -> Case:
    outcomes, now = draw(collision_sets(max_claimants))
    return collision_case("trust.collision", outcomes, now, "Distinct node ids claiming one normalized endpoint")


def properties(signing_prefix: str = "", max_claimants: int = 6, choices: dict | None = None) -> list[Property]:
    """``choices``: the declared interpretation choices; the node-address-attestation ones (I…) reach the model."""
    mine = tuple(sorted((k, v) for k, v in (choices or {}).items() if k.startswith("I")))
    props = [Property(m.name, m.comment.splitlines()[0] if m.comment else m.name, m.requirements, m.flags,
                      mutation_cases(m, signing_prefix, mine)) for m in MUTATIONS]
    props.append(Property("trust.collision", "Distinct node ids claiming one normalized endpoint are all collision",
                          COLLISION_REQUIREMENTS, COLLISION_FLAGS, collision_cases(max_claimants), "classify"))
    return props


def vector_cases() -> list[Case]:
    """Every golden vector case, in a fixed order. Deterministic: no randomness anywhere."""
    bases = fixed_bases()
    out = []
    for m in MUTATIONS:
        for label, params, base_name in m.vectors:
            try:
                outcome = m.apply(bases[base_name], dict(params))
            except NotApplicable as exc:
                raise AssertionError(f"vector {m.name}/{base_name}/{label} is not applicable: {exc}") from None
            out.append(case_of(f"{m.name}/{base_name}/{label}", m, outcome))
    for name, (outcomes, now) in fixed_collision_sets().items():
        out.append(collision_case(f"trust.collision/{name}", outcomes, now, f"Endpoint collision set: {name}"))
    return out
