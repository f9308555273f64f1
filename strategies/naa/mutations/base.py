"""What a mutation is (Mutation, Outcome, NotApplicable), the registry every group module
adds to (MUTATIONS, in import order), and the outcome helpers the groups share."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Callable

from hypothesis import strategies as st

from ...shared.timefmt import NS
from .. import model
from ..build import Spec, build, serialize

SECOND = NS


@dataclass(frozen=True)
class Outcome:
    raw: bytes
    verdict: str  # valid | invalid
    trust_class: str | None
    codes: frozenset
    spec: Spec


class NotApplicable(Exception):
    """The scenario lacks what this mutation changes (properties retry, vectors skip)."""


@dataclass(frozen=True)
class Mutation:
    name: str
    group: str
    requirements: tuple
    flags: tuple
    apply: Callable
    params: dict = field(default_factory=dict)  # name -> strategy
    vectors: tuple = ()  # (label, params, base name)
    needs: frozenset = frozenset()
    comment: str = ""
    # ((param, value), features): what the scenario must have when a drawn parameter takes that value,
    # so the scenario is drawn to fit the parameters instead of being rejected
    param_needs: tuple = ()

    def needs_for(self, params: dict) -> frozenset:
        extra = [f for (name, value), features in self.param_needs if params.get(name) == value for f in features]
        return self.needs | frozenset(extra) if extra else self.needs


MUTATIONS: list[Mutation] = []


def mutation(name, group, requirements, flags, params=None, vectors=(), needs=(), comment="", param_needs=None):
    def register(fn):
        MUTATIONS.append(Mutation(name, group, tuple(requirements), tuple(flags), fn, params or {},
                                  tuple(vectors), frozenset(needs), comment or (fn.__doc__ or "").strip(),
                                  tuple((key, tuple(features)) for key, features in (param_needs or {}).items())))
        return fn
    return register


def doc_bytes(spec: Spec, edit=None, ascii_only=False, indent=None) -> bytes:
    return serialize(build(spec, edit), ascii_only, indent)


def valid(spec: Spec, raw: bytes | None = None) -> Outcome:
    if model.invalid_time_codes(spec):  # a bound a declared interpretation (I8) puts outside
        return invalid(spec, raw if raw is not None else doc_bytes(spec), set(), "semantic")
    trust_class, codes = model.expected_valid(spec)
    return Outcome(raw if raw is not None else doc_bytes(spec), "valid", trust_class, frozenset(codes), spec)


def invalid(spec: Spec, raw: bytes, codes, stage: str) -> Outcome:
    codes = set(codes) | (model.validation_codes(spec) | model.invalid_time_codes(spec) if stage == "semantic" else set())
    return Outcome(raw, "invalid", None, frozenset(codes), spec)


def bad_entry_signature(spec: Spec, raw: bytes, index: int) -> Outcome:
    """Evidence entry ``index``'s signature fails: the packet is invalid (the default, I10), or under
    I10 ``drop-bad-entry`` the entry is ignored, reported as a warning, and the packet judged without it."""
    if model.drops_bad_entry(spec):
        return valid(with_entry(spec, index, bad_signature=True), raw)
    return invalid(spec, raw, {"evidence-signature-invalid"}, "semantic")


def clean_entry(spec: Spec, choice: int, kinds=None) -> int:
    candidates = [i for i in model.clean_entries(spec) if kinds is None or spec.entries[i].kind in kinds]
    if not candidates:
        raise NotApplicable("no clean evidence entry of the needed kind")
    return candidates[choice % len(candidates)]


def with_entry(spec: Spec, index: int, **changes) -> Spec:
    entries = list(spec.entries)
    entries[index] = replace(entries[index], **changes)
    return spec.with_(entries=entries)


def edited(spec: Spec, fn) -> bytes:
    """Document bytes after ``fn(doc)`` edits the signed document (envelope re-signed after)."""
    return doc_bytes(spec, edit=fn)


def post_signed(spec: Spec, fn) -> bytes:
    """Document bytes after ``fn(doc)`` edits the fully signed document (nothing re-signed)."""
    doc = build(spec)
    fn(doc)
    return serialize(doc)


choice = st.integers(0, 7)


def by_name(name: str) -> Mutation:
    for m in MUTATIONS:
        if m.name == name:
            return m
    raise KeyError(name)
