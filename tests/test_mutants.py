"""The suite has teeth: every seeded-bug variant of the reference fails certification in
the ci profile, and every adversarial strategy catches at least one of them."""

from __future__ import annotations

import pytest

from conformance import vectors
from conformance.adapters.python import PythonAdapter
from conformance.profiles import get
from conformance.run_options import RunOptions
from conformance.runner import Runner
from strategies.cir.mutations import MUTATIONS as CIR_MUTATIONS
from strategies.storage.family import FAMILY as SDP
from strategies.naa.mutations import MUTATIONS
from tests.mutants import MUTANTS

# Every adversarial strategy, named as its vector ids start (a valid-only strategy may catch nothing).
STRATEGIES = [m.name for m in MUTATIONS] + ["trust.collision"] + \
    [m.name for m in CIR_MUTATIONS if m.flags != ("Valid",)] + ["cir.lifecycle.script"] + \
    sorted({c.id.split("/", 1)[0] for c in SDP.cases() if not c.id.startswith("sdp.valid.")})


# The family a mutant's verifier belongs to: only that family's cases can tell it from the reference.
FAMILY_OF_SLOT = {"verifier_class": "node-address-attestation", "recovery_verifier_class": "client-instance-recovery",
                  "storage_evaluator_class": "storage-policy"}
PREFIX = {"node-address-attestation": "NAA-*", "client-instance-recovery": "CIR-*", "storage-policy": "SDP-*"}


def _run(mutant, **kwargs):
    adapter = PythonAdapter(mutant.implementation(), f"python:tests.mutants:{mutant.name}")
    only = (PREFIX[FAMILY_OF_SLOT[mutant.slot]],)  # a failure inside its family fails the whole run
    options = RunOptions(adapter=adapter.label, profile=get("ci"), seed=20261122, level=mutant.level, only=only,
                         **kwargs)
    return Runner(adapter, options, echo=lambda _: None).run()


@pytest.fixture(scope="module")
def vectors_by_strategy():
    """strategy name (vector id up to the first '/') -> its (source, case) pairs."""
    out: dict = {}
    for source, case in vectors.load(vectors.bundled_dir()):
        out.setdefault(case.id.split("/", 1)[0], []).append((source, case))
    return out


def test_there_are_enough_mutants():
    by_slot = {}
    for m in MUTANTS.values():
        by_slot.setdefault(m.slot, []).append(m)
    assert len([m for m in by_slot["verifier_class"] if m.level == "verdict"]) >= 20
    assert len(by_slot["recovery_verifier_class"]) >= 15
    assert len(by_slot["storage_evaluator_class"]) >= 20


@pytest.mark.parametrize("name", sorted(MUTANTS))
def test_mutant_fails_ci_certification(name):
    result = _run(MUTANTS[name], exitfirst=True)
    assert not result.conformant, f"mutant {name} passed certification"
    failure = result.failures()[0]
    assert failure.replay and "--only" in failure.replay


@pytest.mark.parametrize("name", sorted(MUTANTS))
def test_mutant_is_caught_by_the_strategies_it_names(name, vectors_by_strategy):
    mutant = MUTANTS[name]
    runner = Runner(PythonAdapter(mutant.implementation(), name),
                    RunOptions(adapter=name, profile=get("ci"), seed=0, level=mutant.level), echo=lambda _: None)
    runner.begin()
    for strategy in mutant.catches:
        assert strategy in vectors_by_strategy, f"{name} names {strategy}, which has no vectors"
        results = runner.execute_many(vectors_by_strategy[strategy])
        assert any(runner.result.is_failure(r.status) for r in results), \
            f"{name} passes every vector of {strategy} at {mutant.level} level"


def test_every_adversarial_strategy_catches_a_mutant():
    # Each mutant's claims are checked above, so their union is what the mutants are proved to catch.
    caught = {s for m in MUTANTS.values() for s in m.catches}
    useless = [s for s in STRATEGIES if s not in caught]
    assert not useless, f"strategies that catch no mutant: {useless}"


def test_reference_passes_every_vector_strictly():
    result = Runner(PythonAdapter.from_spec("python:conformance.reference.adapter:handle"),
                    RunOptions(adapter="reference", profile=get("ci"), seed=0, level="strict"),
                    echo=lambda _: None).run_vectors_only()
    assert len(result.vectors) == len(vectors.load(vectors.bundled_dir()))
    assert result.conformant, [r.message for r in result.failures()][:3]
