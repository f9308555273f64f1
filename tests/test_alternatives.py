"""Supported alternative choices, end to end (issue 11): the reference re-configured with each
one (tests/miniatures/readings.py) is certified when the same choice is declared and fails when
it is not; no golden vector left applicable depends on the choice; an implementation that reads
one open point differently and has one real bug fails only on the bug, with a counterexample
away from the open point; and the shared generators keep interpretation boundaries out of the
properties that are not about them."""

from __future__ import annotations

from functools import cache

import pytest

from conformance import dependence, interpretations, vectors
from conformance.adapters.python import PythonAdapter
from conformance.catalogs.interpretations import INTERPRETATIONS
from conformance.profiles import get
from conformance.runner import NOT_APPLICABLE, PASS, Runner
from conformance.run_options import RunOptions
from tests.miniatures.readings import Reading, expiry_at_instant_bug

# every supported alternative (parameterized ones excepted: I2 and S1 have their own tests), with
# the properties it changes: the cheap selection that must fail when the choice is not declared
AFFECTED = {
    ("I1", "last-duplicate-wins"): ("intake.duplicate-key",),
    ("I8", "expired-at-instant"): ("time.envelope-expired",),
    ("I8", "skew-exclusive"): ("time.certificate-skew-boundary",),
    ("I8", "expired-at-instant+skew-exclusive"): ("time.evidence-expired",),
    ("I10", "drop-bad-entry"): ("signature.tampered", "signature.wrong-key"),
    ("C5", "no-tolerance"): ("cir.time.bind-skew-edge",),
    ("C5", "no-future-check"): ("cir.time.future",),
    ("S4", "closed-windows"): ("sdp.restore.emergency-expired", "sdp.failure.restore-unauthorized"),
    ("S5", "bundle-wide"): ("sdp.metamorphic.deprecate", "sdp.several.rules"),
    ("S8", "superseded-inert"): ("sdp.spec.policy-superseded",),
    ("S12", "expectations-only"): ("sdp.custody.canonical-discardable", "sdp.custody.canonical-replication-none",
                                    "sdp.custody.canonical-archive-missing", "sdp.custody.secret-ordinary-replica",
                                    "sdp.custody.secret-export-unpermitted", "sdp.custody.vault-backup-unencrypted"),
    ("S13", "except-backup"): ("sdp.custody.canonical-replication-none", "sdp.custody.canonical-archive-missing"),
    ("S10", "authority-required"): ("sdp.authority.export-no-authority", "sdp.valid.export"),
    ("S10", "authority-ignored"): ("sdp.authority.export-authority-invalid", "sdp.authority.export-authority-emergency"),
}
# a parameterized choice, with one value: the suite's order with ExternalCustodian incomparable
PARTIAL = ('partial:{"order":["SecretCredential","SealedUntil","PrivateOverlay","ScopeRestricted","MembersOnly",'
           '"ExternalCustodian","Public"],"incomparable":["ExternalCustodian"]}')
CERTIFIED = {**AFFECTED, ("S1", PARTIAL): ("sdp.copy.backup-privacy",)}
FAMILY_VECTORS = {"I": ("NAA-*",), "C": ("CIR-*",), "S": ("SDP-*",)}


_LOAD = vectors.load


@cache
def _bundled(root):
    return _LOAD(root)


@pytest.fixture(autouse=True)
def _vectors_loaded_once(monkeypatch):
    """Loading (and schema-checking) the bundled vectors dominates a short run: once per module."""
    monkeypatch.setattr(vectors, "load", _bundled)


def _run(impl, declare: list[str], only, vectors_only: bool = False, seed: int = 7, exitfirst: bool = False):
    declared = interpretations.declare(declare)
    options = RunOptions(adapter="python:reading", profile=get("quick"), seed=seed, only=tuple(only),
                         interpretations=declared, exitfirst=exitfirst)
    runner = Runner(PythonAdapter(impl, "python:reading"), options, echo=lambda _: None)
    return runner.run_vectors_only() if vectors_only else runner.run()


def test_every_supported_alternative_has_a_certification_entry():
    supported = {(i.id, c.id) for i in INTERPRETATIONS for c in i.alternatives if c.supported and not c.id.endswith(":")}
    assert supported == set(AFFECTED)


@pytest.mark.parametrize("interp_id, choice", sorted(CERTIFIED))
def test_vectors_left_applicable_hold_under_the_alternative(interp_id, choice):
    """The fail-safe for undeclared dependence: every vector of the family that conformance/dependence.py
    leaves applicable under the choice is passed by the reference reading it that way."""
    result = _run(Reading({interp_id: choice}), [f"{interp_id}={choice}"], FAMILY_VECTORS[interp_id[0]], True)
    failed = [r.case.id for r in result.vectors if r.status not in (PASS, NOT_APPLICABLE)]
    assert not failed, f"vectors whose outcome depends on {interp_id} without recording it: {failed}"
    skipped = [r for r in result.vectors if r.status == NOT_APPLICABLE]
    default = interpretations.BY_ID[interp_id].default
    assert skipped and all(interpretations.assumed_choices(r.case).get(interp_id) == default for r in skipped)


@pytest.mark.parametrize("interp_id, choice", sorted(CERTIFIED))
def test_reconfigured_reference_passes_declared_and_fails_undeclared(interp_id, choice):
    reading = Reading({interp_id: choice})
    only = CERTIFIED[(interp_id, choice)]
    declared = _run(reading, [f"{interp_id}={choice}"], only)
    assert declared.conformant and declared.properties, [p.failure.message for p in declared.properties if p.failure]
    assert declared.interpretations == {interp_id: choice}
    undeclared = _run(reading, [], only, exitfirst=True)
    assert not undeclared.conformant
    failing = {p.id for p in undeclared.properties if p.status != PASS}
    assert failing and failing <= set(only)


def test_reading_differently_plus_a_bug_fails_only_on_the_bug():
    """I8 read as expired-at-instant, plus one seeded bug on an undisputed rule (NAA-ADV-003)."""
    only = ("time.envelope-expired", "time.evidence-expired", "advertisement.other-node")
    result = _run(expiry_at_instant_bug, ["I8=expired-at-instant"], only)
    failing = [p for p in result.properties if p.status != PASS]
    assert [p.id for p in failing] == ["advertisement.other-node"]
    assert not [r for r in result.vectors if r.status not in (PASS, NOT_APPLICABLE)]
    counterexample = failing[0].failure.case
    assert dependence.touched(counterexample) == []  # printed case away from the open point
    assert set(failing[0].requirements) == {"NAA-ADV-003"}
    # the same failure is the bug's alone: the reading without the bug passes that case
    clean = Reading({"I8": "expired-at-instant"})
    replay = _run(clean, ["I8=expired-at-instant"], ("advertisement.other-node",), seed=failing[0].seed)
    assert replay.conformant
    # undeclared, the reading's differences show as well
    assert {p.id for p in _run(expiry_at_instant_bug, [], only).properties if p.status != PASS} == set(only)


def test_properties_not_about_a_boundary_hold_under_every_reading_of_it():
    """Point 6: the shared scenario draws no skew edge and no `now` at an expiry, so an implementation
    reading I8 differently, undeclared, still passes every property that is not about time."""
    reading = Reading({"I8": "expired-at-instant+skew-exclusive"})
    result = _run(reading, [], ("trust.class", "signature.tampered", "digest.claim", "advertisement.equivalent-url"))
    assert result.properties and all(p.status == PASS for p in result.properties), \
        [p.failure.message for p in result.properties if p.failure]


# interpretation -> (choice, one property it affects): nine points, three families
COMBINED = {"I1": ("last-duplicate-wins", "intake.duplicate-key"), "I8": ("expired-at-instant", "time.envelope-expired"),
            "I10": ("drop-bad-entry", "signature.tampered"), "C5": ("no-tolerance", "cir.time.bind-skew-edge"),
            "S4": ("closed-windows", "sdp.restore.emergency-expired"), "S5": ("bundle-wide", "sdp.metamorphic.deprecate"),
            "S8": ("superseded-inert", "sdp.spec.policy-superseded"),
            "S10": ("authority-required", "sdp.authority.export-no-authority"),
            "S13": ("except-backup", "sdp.custody.canonical-replication-none")}


def test_reference_reading_several_alternatives_at_once_is_certified_when_they_are_declared():
    """Issue 11: a combination of alternative choices across the three families, declared together,
    on one property each choice affects (quick profile); with one left undeclared, only its property fails."""
    choices = {k: c for k, (c, _) in COMBINED.items()}
    only = [p for _, p in COMBINED.values()]
    assert all(p in AFFECTED[(k, c)] for k, (c, p) in COMBINED.items())
    reading = Reading(choices)
    declared = _run(reading, [f"{k}={v}" for k, v in choices.items()], only)
    assert declared.conformant and {p.id for p in declared.properties} == set(only), \
        [p.failure.message for p in declared.properties if p.failure]
    assert declared.interpretations == choices
    partly = _run(reading, [f"{k}={v}" for k, v in choices.items() if k != "S10"], only)
    assert {p.id for p in partly.properties if p.status != PASS} == {COMBINED["S10"][1]}
