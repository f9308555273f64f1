"""The suite has teeth: every seeded-bug variant of the reference fails certification in
the ci profile, and every adversarial strategy catches at least one of them."""

from __future__ import annotations

import pytest

from conformance import vectors
from conformance.adapters.python import PythonAdapter
from conformance.profiles import get
from conformance.runner import Runner
from strategies.mutations import MUTATIONS
from tests.mutants import MUTANTS

STRATEGIES = [m.name for m in MUTATIONS] + ["trust.collision"]


def _run(mutant, **kwargs):
    adapter = PythonAdapter(mutant.implementation(), f"python:tests.mutants:{mutant.name}")
    return Runner(adapter, adapter.label, get("ci"), 20261122, level=mutant.level, echo=lambda _: None, **kwargs).run()


@pytest.fixture(scope="module")
def vector_failures():
    """mutant name -> set of strategies (vector id prefixes) whose vectors it fails."""
    out = {}
    for name, mutant in MUTANTS.items():
        adapter = PythonAdapter(mutant.implementation(), name)
        result = Runner(adapter, name, get("ci"), 0, level=mutant.level, echo=lambda _: None).run_vectors_only()
        out[name] = {r.case.id.split("/", 1)[0] for r in result.failures()}
    return out


def test_there_are_enough_mutants():
    assert len([m for m in MUTANTS.values() if m.level == "verdict"]) >= 20


@pytest.mark.parametrize("name", sorted(MUTANTS))
def test_mutant_fails_ci_certification(name):
    result = _run(MUTANTS[name], exitfirst=True)
    assert not result.conformant, f"mutant {name} passed certification"
    failure = result.failures()[0]
    assert failure.replay and "--only" in failure.replay


@pytest.mark.parametrize("name", sorted(MUTANTS))
def test_mutant_is_caught_by_the_strategies_it_names(name, vector_failures):
    missing = set(MUTANTS[name].catches) - vector_failures[name]
    assert not missing, f"{name} is not caught by the vectors of {sorted(missing)}; caught by {sorted(vector_failures[name])}"


def test_every_adversarial_strategy_catches_a_mutant(vector_failures):
    caught = set().union(*vector_failures.values())
    useless = [s for s in STRATEGIES if s not in caught]
    assert not useless, f"strategies that catch no mutant: {useless}"


def test_reference_passes_every_vector_strictly():
    result = Runner(PythonAdapter.from_spec("python:conformance.reference.adapter:handle"), "reference", get("ci"), 0,
                    level="strict", echo=lambda _: None).run_vectors_only()
    assert len(result.vectors) == len(vectors.load(vectors.bundled_dir()))
    assert result.conformant, [r.message for r in result.failures()][:3]
