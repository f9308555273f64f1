"""Sets of attestations judged together (the ``classify`` operation): endpoint collisions.

Members share one ``now``. Each member's own outcome comes from the mutations' outcome
helpers; collisions come from construction: the members that are valid and live, grouped
by the normal form the strategy chose, with two or more distinct target ids, are all
``collision``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from hypothesis import strategies as st

from ..shared import keys as K
from .endpoints import denormalized_variants, draw_endpoint
from .mutations import Outcome, doc_bytes, invalid, valid
from .build import jcs_digest, retarget
from .scenarios import SECOND, T0, US, orders, draw_spec, fixed_bases


@dataclass(frozen=True)
class Member:
    outcome: Outcome
    normal_endpoint: tuple
    target: str


def _member_of(outcome: Outcome) -> Member:
    ep = outcome.spec.endpoint
    return Member(outcome, (ep["scheme"], ep["host"], ep["port"], ep["path"]), outcome.spec.target.node_id)


def judged(members: list[Member]) -> list[Outcome]:
    """Apply the collision rule over members built by construction."""
    claimants: dict = {}
    for m in members:
        if m.outcome.verdict == "valid" and m.outcome.trust_class != "expired":
            claimants.setdefault(m.normal_endpoint, set()).add(m.target)
    out = []
    for m in members:
        o = m.outcome
        if o.verdict == "valid" and o.trust_class != "expired" and len(claimants[m.normal_endpoint]) > 1:
            o = replace(o, trust_class="collision", codes=o.codes | {"endpoint-collision"})
        out.append(o)
    return out


def _live(spec, now):
    return spec.with_(now=now)


def _trusted_only(spec):
    """Members share one trust configuration, so a signer one member distrusts must not be
    trusted through another: collision sets carry trusted evidence only."""
    return spec.with_(entries=[e for e in spec.entries if e.trusted])


def _expired(spec, now):
    return spec.with_(now=now, expires_at=now - US)


def _broken(spec):
    wrong = jcs_digest({"target/node-id": spec.target.node_id, "endpoint": dict(spec.endpoint, port=1 + spec.endpoint["port"] % 65535)})
    mutated = spec.with_(claim_digest=wrong)
    return invalid(mutated, doc_bytes(mutated), {"claim-digest-mismatch"}, "semantic")


def _written_differently(spec, variant: int):
    variants = denormalized_variants(spec.endpoint)
    if not variants:
        return spec
    return spec.with_(stored_endpoint=variants[variant % len(variants)][1])


ROLES = ("live", "live", "same-target", "expired", "invalid", "elsewhere")
_ROLES = st.sampled_from(ROLES)
_T0 = st.integers(1_800_000_000, 1_900_000_000)
_VARIANT = st.integers(0, 5)
_LIVE = frozenset({"live"})


@lru_cache(maxsize=None)
def _counts(max_claimants: int) -> st.SearchStrategy[int]:
    return st.integers(1, max_claimants)


@lru_cache(maxsize=None)
def _flood_indices(count: int) -> st.SearchStrategy[list]:
    return st.lists(st.integers(0, 200), min_size=count, max_size=count, unique=True)


@st.composite
def collision_sets(draw, max_claimants: int = 6):
    """(members' outcomes after the collision rule, shared now)."""
    t0 = draw(_T0) * SECOND
    shared = draw_endpoint(draw)
    count = draw(_counts(max_claimants))
    targets = [K.flood_node(i) for i in draw(_flood_indices(count))]
    members = []
    for i, target in enumerate(targets):
        role = "live" if i < 2 else draw(_ROLES)
        spec = _trusted_only(draw_spec(draw, needs=_LIVE, t0=t0, target=target, endpoint=shared))
        if draw(st.booleans()):
            spec = _written_differently(spec, draw(_VARIANT))
        if role == "same-target":
            members.append(_member_of(valid(_live(retarget(spec, targets[0]), t0))))
        elif role == "expired":
            members.append(_member_of(valid(_expired(spec, t0))))
        elif role == "invalid":
            members.append(_member_of(_broken(_live(spec, t0))))
        elif role == "elsewhere":
            other = _trusted_only(draw_spec(draw, needs=_LIVE, t0=t0, target=target))
            members.append(_member_of(valid(_live(other, t0))))
        else:
            members.append(_member_of(valid(_live(spec, t0))))
    order = draw(orders(len(members)))
    return judged([members[i] for i in order]), t0


def fixed_collision_sets() -> dict[str, tuple[list[Outcome], int]]:
    """Named, fixed sets for the golden vectors."""
    bases = fixed_bases()
    now = T0 + 60 * SECOND
    a = bases["directory-confirmed"]
    ep = a.endpoint

    def claim(i: int, spec=a, **changes):
        return retarget(spec, K.flood_node(i)).with_(now=now, **changes)

    def members(*specs_or_outcomes):
        return [_member_of(x if isinstance(x, Outcome) else valid(x)) for x in specs_or_outcomes]

    upper = dict(ep, host=ep["host"].upper())
    sets = {
        "two-nodes-one-endpoint": members(claim(1), claim(2)),
        "written-differently": members(claim(1), claim(3, stored_endpoint=upper)),
        "fully-qualified-dot": members(claim(1), claim(4, stored_endpoint=dict(ep, host=ep["host"] + "."))),
        "same-node-twice": members(claim(1), claim(1, attestation_suffix="again")),
        "expired-does-not-collide": members(claim(1), _expired(claim(2), now)),
        "invalid-does-not-collide": members(claim(1), _broken(claim(2))),
        "different-endpoints": members(claim(1), claim(2, endpoint=dict(ep, port=8443))),
        "flood-64": members(*[claim(i) for i in range(64)]),
    }
    return {name: (judged(ms), now) for name, ms in sets.items()}
