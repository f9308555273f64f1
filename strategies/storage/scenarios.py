"""Assembling bundles: units, operations and defects in one builder, for properties (drawn
choices) and vectors (fixed choices). Expected outcomes come from the builder's records."""

from __future__ import annotations

from .builder import Builder
from .defects import Defect
from .operations import ALLOWED, VARIANTS, Variant, broadening_act
from .pick import NotApplicable
from .units import Unit, unit_params

LABELS = ("a", "b", "c", "d")


def add_unit(b: Builder, pick, needs=frozenset()) -> Unit:
    label = LABELS[len(b.units)]
    return b.add_unit(unit_params(pick if label == "a" else pick.unforced(), b.order, label, needs))


def add_allowed_ops(b: Builder, u: Unit, pick, count: int, prefix: str) -> None:
    """Up to ``count`` allowed operations on ``u`` (variants that cannot apply are skipped)."""
    for k in range(count):
        variant = pick(f"{prefix}-noise-{k}", [v.name for v in ALLOWED])
        try:
            VARIANTS[variant].build(b, u, pick)
        except NotApplicable:
            continue


def apply_variant(b: Builder, u: Unit, variant: Variant, pick) -> None:
    variant.build(b, u, pick)


def apply_defect(b: Builder, u: Unit, defect: Defect, pick) -> None:
    defect.apply(b, u, pick)


def broaden_by_act(b: Builder, pick) -> None:
    """Name the last operation's broadening in a governance act: that refusal becomes an allow."""
    plan = b.plans[-1]
    op, u = plan.op, plan.unit
    copy = {"backup-run": "backup", "replica-placement": "replica", "restore": "restore", "export": "export"}[op["kind"]]
    for dimension in ("locality", "privacy"):
        value = op["target"][dimension]
        if b.order.wider(dimension, value, u.spec[dimension]):
            broadening_act(b, u, copy, dimension, value, pick)
    if "secret-export-forbidden" in plan.codes:  # the act excuses the broadening, not the unpermitted secret export
        plan.codes = ("secret-export-forbidden",)
        return
    plan.decision, plan.codes, plan.receipts = allowed_outcome(op)


def allowed_outcome(op: dict) -> tuple:
    kind = op["kind"]
    if kind == "backup-run":
        if op["execution"] == "failed":
            return "allow", ("backup-failed",), (("backup-failure", False),)
        return "allow", (), (("backup-creation", True),)
    if kind == "replica-placement":
        return "allow", (), (("replication-completed", True),)
    if kind == "export":
        return "allow", (), (("export", True),)
    assert kind == "restore" and op["mode"] == "drill" and op["environment"] != "production"
    ok = all(v == "pass" for v in op["checks"].values())
    return "allow", (() if ok else ("drill-failed",)), (("restore-test", ok),)


MISSCOPES = ("other-copy", "other-dimension", "not-wide-enough", "not-yet-decided", "other-spec")


def misscoped_act(b: Builder, pick) -> str:
    """An act that names *a* broadening, but not this one: the refusal stands."""
    plan = b.plans[-1]
    op, u = plan.op, plan.unit
    copy = {"backup-run": "backup", "replica-placement": "replica", "restore": "restore", "export": "export"}[op["kind"]]
    dimension = next(d for d in ("locality", "privacy")
                     if b.order.wider(d, op["target"][d], u.spec[d]))
    others = [x for x in b.units if x is not u]
    how = pick("misscope", [m for m in MISSCOPES if m != "other-spec" or others])
    act = {"kind": "broadening", "spec": u.spec_id, "decided-at": b.t(b.now - 3600 * 10**9), "copy": copy,
           "dimension": dimension, "to": op["target"][dimension]}
    if how == "other-copy":
        act["copy"] = pick("other-copy", [c for c in ("backup", "replica", "restore", "export", "archive") if c != copy])
    elif how == "other-dimension":
        other = "privacy" if dimension == "locality" else "locality"
        act.update(dimension=other, to=b.order.values(other)[-1] if other == "locality" else
                   max(b.order.values(other), key=lambda v: b.order.rank(other, v)))
    elif how == "not-wide-enough":
        below = b.order.narrower_than(dimension, op["target"][dimension])
        act["to"] = pick("to", sorted(below, key=lambda v: (-b.order.rank(dimension, v), v)))
    elif how == "not-yet-decided":
        act["decided-at"] = b.t(b.now + pick("delay", [10**9, 3600 * 10**9]))
    else:
        act["spec"] = pick("other-spec", [x.spec_id for x in others])
    b.add_act(act)
    return how


def narrow_copy(b: Builder, pick) -> None:
    """Narrow the last (allowed) copy operation's target in locality or privacy, or both."""
    op = b.plans[-1].op
    for dimension in ("locality", "privacy"):
        current = op["target"][dimension]
        op["target"][dimension] = pick("narrow-" + dimension, list(reversed(b.order.at_most(dimension, current))))


def reorder(pick):
    """A document edit that permutes every array of records and the members of every object."""
    def shuffle_members(value, path):
        if isinstance(value, dict):
            keys = pick.shuffle("members" + path, sorted(value))
            return {k: shuffle_members(value[k], path + "/" + k) for k in keys}
        if isinstance(value, list):
            return [shuffle_members(v, path + "/*") for v in value]
        return value

    def edit(doc):
        for name in ("authorities", "governance-acts", "bindings", "specs", "operations"):
            doc[name] = pick.shuffle(name, doc[name])
        for kind in sorted(doc["policies"]):
            doc["policies"][kind] = pick.shuffle("policies-" + kind, doc["policies"][kind])
        shuffled = shuffle_members(doc, "")
        doc.clear()
        doc.update(shuffled)
    return edit
