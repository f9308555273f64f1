"""storage-policy-bundle.v1 properties and golden vectors.

A property draws bundles for one rule (or several, or a metamorphic relation); a vector is
the same construction with its choices fixed. Both yield ``conformance.case.Case`` for the
``evaluate`` operation, with the expected outcome recorded while the bundle was built.
"""

from __future__ import annotations

from hypothesis import reject
from hypothesis import strategies as st

from conformance.case import Case

from ..shared.property import Property
from ..shared.timefmt import PLAIN, Style, parse_plain
from . import custody as table_cases
from .builder import Builder
from . import isolated
from .defects import ADOPTION, DEFECTS, STAGE, Defect, policy_status
from .operations import ALLOWED, BROADENINGS, REFUSED, VARIANTS, Variant
from .pick import DrawPicker, NotApplicable, Picker
from .scenarios import (MISSCOPES, add_allowed_ops, add_unit, broaden_by_act, misscoped_act, narrow_copy,
                        reorder)
from .timestyles import STYLES, StyledBuilder
from .timestyles import FLAGS as TIME_FLAGS
from .timestyles import REQUIREMENTS as TIME_REQUIREMENTS
from .vocab import CUSTODY, DEFAULT_PRIVACY_ORDER, KIND, Order

NOW = parse_plain("2026-04-17T12:00:00Z")
TOPICS = ("intake", "format", "spec", "failure", "copy", "restore", "archive", "export", "operation", "receipt",
          "valid", "several", "metamorphic", "custody", "authority", "scope", "isolated", "time")
COPY_VARIANTS = ("backup-run", "replica-placement", "export", "restore-drill")
SEVERAL_REQUIREMENTS = tuple(sorted({r for x in ADOPTION + REFUSED for r in x.requirements}))


def _options(order: Order, choices: dict) -> dict:
    out = {"privacy-order": order.option if order.option is not None else list(DEFAULT_PRIVACY_ORDER)}
    if choices:  # the choices the expected outcome was built under (none: the defaults)
        out["interpretations"] = dict(choices)
    return out


def make_case(case_id: str, b: Builder, requirements, flags, comment: str) -> Case:
    return Case(id=case_id, operation="evaluate", documents=(b.raw(),), now=b.t(b.now), expected=(b.expected(),),
                requirements=tuple(requirements), flags=tuple(flags), comment=comment, options=_options(b.order, b.choices),
                kind=KIND)


# ---------------------------------------------------------------- builds (shared by properties and vectors)
def build_variant(b: Builder, pick, v: Variant, noise: bool) -> None:
    u = add_unit(b, pick.within(v.within), v.needs)
    if noise:
        if pick("second-unit", [False, True]):
            add_allowed_ops(b, add_unit(b, pick), pick.unforced(), pick("noise-b", [0, 1, 2]), "b")
        add_allowed_ops(b, u, pick.unforced(), pick("noise-a", [0, 1, 2]), "a")
    v.build(b, u, pick)


def build_defect(b: Builder, pick, d: Defect, noise: bool) -> None:
    u = add_unit(b, pick, d.needs)
    if noise:
        if pick("second-unit", [False, True]):
            add_allowed_ops(b, add_unit(b, pick), pick.unforced(), pick("noise-b", [0, 1, 2]), "b")
        add_allowed_ops(b, u, pick.unforced(), pick("noise-a", [0, 1, 2, 3]), "a")
    else:  # vectors: the unit's own fixed operations show what a defect does to them
        for name in ("integrity-passed", "outage-suspend", "backup-run"):
            try:
                VARIANTS[name].build(b, u, pick.unforced())
            except NotApplicable:
                pass
    d.apply(b, u, pick)


def build_valid(b: Builder, pick, units: int, per_unit: int) -> None:
    for _ in range(units):
        u = add_unit(b, pick)
        add_allowed_ops(b, u, pick.unforced(), per_unit, u.params.label)


def build_all_allowed(b: Builder, pick) -> None:
    u = add_unit(b, pick)
    for v in ALLOWED:
        try:
            v.build(b, u, pick.unforced())
        except NotApplicable:
            pass


def build_several(b: Builder, pick, names: list[str]) -> None:
    later = []
    for name in names:
        subject = DEFECTS.get(name) or VARIANTS[name]
        u = add_unit(b, pick.unforced().within(getattr(subject, "within", {})), subject.needs)
        add_allowed_ops(b, u, pick.unforced(), pick(f"noise-{u.params.label}", [1, 0, 2]), u.params.label)
        if isinstance(subject, Defect):
            later.append((subject, u))
        else:
            subject.build(b, u, pick.unforced())
    for d, u in later:
        d.apply(b, u, pick.unforced())


def build_broadening(b: Builder, pick, name: str, act: str) -> None:
    """A copy refused for a broadening, then either named in an act ('named') or a mis-scoped act."""
    v = VARIANTS[name]
    u = add_unit(b, pick, v.needs)
    if pick("second-unit", [False, True]) or act == "other-spec":
        add_unit(b, pick)
    v.build(b, u, pick)
    if act == "named":
        broaden_by_act(b, pick)
    else:
        misscoped_act(b, Picker({"misscope": act}) if act in MISSCOPES else pick)


def build_narrowing(b: Builder, pick, name: str) -> None:
    v = VARIANTS[name]
    u = add_unit(b, pick, v.needs)
    add_allowed_ops(b, u, pick.unforced(), pick("noise-a", [0, 1]), "a")
    v.build(b, u, pick)
    narrow_copy(b, pick)


def build_deprecate(b: Builder, pick) -> None:
    u = add_unit(b, pick)
    if pick("second-unit", [True, False]):
        add_allowed_ops(b, add_unit(b, pick), pick.unforced(), 2, "b")
    add_allowed_ops(b, u, pick.unforced(), pick("noise-a", [4, 2, 6]), "a")
    policy_status("deprecated")(b, u, pick)


# ---------------------------------------------------------------- properties
# the bundle's instant and time style, drawn as digits of the picker's words (strategies/shared/choices.py)
_STYLES = tuple(Style(offset_minutes=o, zulu=z, lower=lo, digits=d) for o in (0, 60, -300, 330)
                for z in (False, True) for lo in (False, True) for d in range(10))
_FRACTIONS = (0, 1, 999_999_999, 500_000)
_STYLE_LABELS = tuple(STYLES)


def _instant(pick: DrawPicker) -> int:
    c = pick.choices
    return NOW + c.number(-400, 400) * 86400 * 10**9 + c.number(0, 86399) * 10**9 + c.pick(_FRACTIONS)


# decorated once at module level (st.composite parses the function's source at every decoration)
@st.composite
def _cases(draw, order: Order, build, case_id: str, requirements, flags, comment: str, choices: dict):
    pick = DrawPicker(draw)
    b = Builder(order, _instant(pick), pick.choices.pick(_STYLES), choices)
    b.grant_exports = True  # S10-neutral noise (operations.export_granted)
    try:
        build(b, pick)
    except NotApplicable:
        reject()
    return make_case(case_id, b, requirements, flags, comment)


def _strategy(order: Order, build, case_id: str, requirements, flags, comment: str, choices: dict):
    return _cases(order, build, case_id, requirements, flags, comment, choices)


@st.composite
def _styled_cases(draw, order: Order, case_id: str, comment: str, choices: dict | None):
    pick = DrawPicker(draw)
    b = StyledBuilder(order, _instant(pick), pick.choices.pick(_STYLE_LABELS))
    b.choices = dict(choices or {})  # the declared interpretation choices (S…)
    b.grant_exports = True  # S10-neutral noise (operations.export_granted)
    try:
        build_valid(b, pick, pick("units", [1, 2]), pick("ops-per-unit", [3, 5]))
    except NotApplicable:
        reject()
    return make_case(case_id, b, TIME_REQUIREMENTS, TIME_FLAGS, comment)


def _styled_strategy(order: Order, case_id: str, comment: str, choices: dict | None = None):
    """Valid bundles whose instants are all written in one drawn style of timestyles.STYLES."""
    return _styled_cases(order, case_id, comment, choices)


def properties(options: dict | None = None) -> list[Property]:
    options = options or {}
    order = Order(options.get("privacy-order"))
    choices = {k: v for k, v in (options.get("interpretations") or {}).items() if k.startswith("S")}
    out = []

    def prop(pid, title, reqs, flags, build):
        out.append(Property(pid, title, tuple(reqs), tuple(flags), _strategy(order, build, pid, reqs, flags, title, choices),
                            operation="evaluate", kind=KIND))

    prop("sdp.valid.bundle", "Adoptable bundles across all custody classes with allowed operations of every kind",
         sorted({r for v in ALLOWED for r in v.requirements} | {"SDP-FORMAT-001", "SDP-SPEC-001", "SDP-FAIL-003"}),
         ("ValidBundle",),
         lambda b, pick: build_valid(b, pick, pick("units", [1, 2, 3]), pick("ops-per-unit", [3, 1, 2, 5])))
    def per_rule(variants, defects):  # one property per operation variant, then per bundle defect
        for v in variants:
            prop(f"sdp.{v.topic}.{v.name}", v.comment or f"operation variant {v.name}", v.requirements, v.flags,
                 lambda b, pick, v=v: build_variant(b, pick, v, True))
        for d in defects:
            prop(f"sdp.{d.topic}.{d.name}", d.comment or f"bundle defect {d.name}", d.requirements, d.flags,
                 lambda b, pick, d=d: build_defect(b, pick, d, True))

    per_rule(ALLOWED + REFUSED, ADOPTION + STAGE)
    per_rule(table_cases.ALLOWED + table_cases.REFUSED, table_cases.ADOPTION)
    several = [d.name for d in ADOPTION] + [v.name for v in REFUSED]

    def build_several_drawn(b, pick):
        names = [pick(f"rule-{k}", several) for k in range(pick("rules", [2, 3]))]
        build_several(b, pick, names)
    prop("sdp.several.rules", "Several rules broken at once, each on its own spec: the union of their outcomes",
         SEVERAL_REQUIREMENTS, ("SeveralRules",), build_several_drawn)
    prop("sdp.metamorphic.narrowing", "Narrowing an allowed copy's locality or privacy keeps it allowed",
         ("SDP-FAIL-004", "SDP-FAIL-005", "SDP-COPY-001", "SDP-COPY-002", "SDP-COPY-003"), ("Metamorphic", "Narrowing"),
         lambda b, pick: build_narrowing(b, pick, pick("variant", list(COPY_VARIANTS))))
    prop("sdp.metamorphic.broadening-act", "A governance act naming a refused broadening turns that refusal into an allow, and nothing else",
         ("SDP-FAIL-004", "SDP-FAIL-005", "SDP-COPY-001", "SDP-COPY-002", "SDP-COPY-003"), ("Metamorphic", "GovernanceAct"),
         lambda b, pick: build_broadening(b, pick, pick("variant", sorted(BROADENINGS)), "named"))
    prop("sdp.metamorphic.act-scope", "An act naming another spec, copy, dimension, a narrower bound or a later decision changes nothing",
         ("SDP-FAIL-004", "SDP-FAIL-005", "SDP-COPY-001", "SDP-COPY-002", "SDP-COPY-003"), ("Metamorphic", "ActScope"),
         lambda b, pick: build_broadening(b, pick, pick("variant", sorted(BROADENINGS)), "drawn"))

    def build_reordered(b, pick):
        names = [pick(f"rule-{k}", ["valid"] + several) for k in range(pick("rules", [1, 2, 3]))]
        build_several(b, pick, [n for n in names if n != "valid"] or ["outage-suspend"])
        b.doc_edits.append(reorder(pick))
    prop("sdp.metamorphic.reorder", "Reordering members, specs, policies, authorities, acts and operations changes no outcome",
         SEVERAL_REQUIREMENTS, ("Metamorphic", "Reorder"), build_reordered)
    prop("sdp.metamorphic.deprecate", "Deprecating a referenced policy version makes adoption fail closed and refuses the spec's operations",
         ("SDP-FAIL-016", "SDP-OP-001"), ("Metamorphic", "Deprecation", "FailClosed"), build_deprecate)
    per_rule(isolated.VARIANTS, isolated.DEFECTS)  # each derived rule's core, alone (strategies/storage/isolated.py)
    title = "Adoptable bundles whose every instant is written in one RFC 3339 style (lower-case t or z, an offset, 0 to 9 fraction digits)"
    out.append(Property("sdp.time.style", title, TIME_REQUIREMENTS, TIME_FLAGS,
                        _styled_strategy(order, "sdp.time.style", title, choices), operation="evaluate", kind=KIND))
    return out


# ---------------------------------------------------------------- vectors
def vector_cases() -> list[Case]:
    order = Order()
    out: list[Case] = []

    def vec(case_id, reqs, flags, comment, build, forced=None):
        b = Builder(order, NOW, PLAIN)
        build(b, Picker(forced))
        out.append(make_case("sdp." + case_id, b, reqs, flags, comment))

    def labelled(variants, defects):  # one vector per label of each operation variant, then of each bundle defect
        for v in variants:
            for label, forced in v.labels:
                vec(f"{v.topic}.{v.name}/{label}", v.requirements, v.flags, v.comment or f"operation variant {v.name}",
                    lambda b, pick, v=v: build_variant(b, pick, v, False), forced)
        for d in defects:
            for label, forced in d.labels:
                vec(f"{d.topic}.{d.name}/{label}", d.requirements, d.flags, d.comment or f"bundle defect {d.name}",
                    lambda b, pick, d=d: build_defect(b, pick, d, False), forced)

    labelled(ALLOWED + REFUSED, ADOPTION + STAGE)
    for custody in CUSTODY:
        vec(f"valid.custody/{custody}", sorted({r for v in ALLOWED for r in v.requirements}), ("ValidBundle",),
            f"an adoptable {custody} spec with every operation its policies allow", build_all_allowed, {"custody": custody})
    vec("several.rules/deprecated-broadened-overclaimed", SEVERAL_REQUIREMENTS, ("SeveralRules",),
        "three specs, three rules: a deprecated policy, a broadened backup, an SLA overclaim",
        lambda b, pick: build_several(b, pick, ["policy-deprecated", "backup-locality", "sla-overclaim"]))
    vec("several.rules/custody-restore-fallback", SEVERAL_REQUIREMENTS, ("SeveralRules",),
        "a spec without custody, an unauthorized restore and a silent fallback, at once",
        lambda b, pick: build_several(b, pick, ["custody-missing", "restore-unauthorized", "silent-fallback"]))
    for name in COPY_VARIANTS:
        vec(f"metamorphic.narrowing/{name}", ("SDP-FAIL-004", "SDP-FAIL-005", "SDP-COPY-001", "SDP-COPY-002", "SDP-COPY-003"),
            ("Metamorphic", "Narrowing"), "an allowed copy narrowed to the narrowest target stays allowed",
            lambda b, pick, name=name: build_narrowing(b, pick, name),
            {"locality": "federation_mirrored", "privacy": "MembersOnly", "narrow-locality": "cell_local",
             "narrow-privacy": "SecretCredential", "custody": "service-state"})
    wide = {"locality": "coop_replicated", "privacy": "ScopeRestricted", "custody": "service-state"}
    for name in sorted(BROADENINGS):
        vec(f"metamorphic.broadening-act/{name}", VARIANTS[name].requirements, ("Metamorphic", "GovernanceAct"),
            "the same refused broadening, named by a governance act in force: allowed",
            lambda b, pick, name=name: build_broadening(b, pick, name, "named"), wide)
    for how in MISSCOPES:
        vec(f"metamorphic.act-scope/{how}", ("SDP-FAIL-004",), ("Metamorphic", "ActScope"),
            f"a broadening act that does not cover this backup ({how}): still refused",
            lambda b, pick, how=how: build_broadening(b, pick, "backup-locality", how), wide)
    vec("metamorphic.reorder/reversed", SEVERAL_REQUIREMENTS, ("Metamorphic", "Reorder"),
        "every array and every object's members reversed: the same outcome",
        lambda b, pick: (build_several(b, pick, ["policy-superseded", "replica-privacy", "restore-live"]),
                         b.doc_edits.append(reorder(pick))))
    vec("metamorphic.deprecate/backup-policy", ("SDP-FAIL-016", "SDP-OP-001"), ("Metamorphic", "Deprecation", "FailClosed"),
        "a valid bundle whose backup policy version is deprecated: not adoptable, the spec's operations refused",
        build_deprecate, {"policy-kind": "backup"})
    # issue 12: the custody table, export authority and recovery scope (topics custody, authority, scope)
    labelled(table_cases.ALLOWED + table_cases.REFUSED, table_cases.ADOPTION)
    labelled(isolated.VARIANTS, isolated.DEFECTS)
    for label, (_, how) in STYLES.items():  # one vector per time style, on an otherwise plain valid bundle
        b = StyledBuilder(order, NOW, label)
        build_all_allowed(b, Picker({"custody": "canonical"}))
        out.append(make_case(f"sdp.time.style/{label}", b, TIME_REQUIREMENTS, TIME_FLAGS,
                             f"an adoptable canonical bundle with every operation its policies allow; every instant, "
                             f"and now, written {how}"))
    return out
