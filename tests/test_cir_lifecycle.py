"""The lifecycle state machine: it drives attach/detach/recover sequences through the
adapter, shrinks a failure to a short sequence, and that sequence replays as a vector."""

from __future__ import annotations

from conformance import vectors
from conformance.adapters.python import PythonAdapter
from conformance.case import compare
from conformance.families import all_properties
from conformance.profiles import get
from conformance.reference.adapter import Implementation
from conformance.reference.adapter import handle
from conformance.run_options import RunOptions
from conformance.runner import PASS, Runner
from strategies.cir.lifecycle import SCRIPTS, Story, script_cases
from strategies.cir.scenes import MINUTE
from strategies.cir.keys import PARTICIPANTS, SERVING_NODES
from tests.mutants import CIR_MUTANTS

MACHINE = next(p for p in all_properties("", get("quick")) if p.id == "cir.lifecycle.machine")


def _runner(impl, level="verdict"):
    runner = Runner(PythonAdapter(impl, "impl"),
                    RunOptions(adapter="impl", profile=get("ci"), seed=4, level=level), echo=lambda _: None)
    runner.begin()
    return runner


def test_the_reference_passes_the_state_machine_strictly():
    result = _runner(handle, "strict").run_property(MACHINE)
    assert result.status == PASS and result.examples > 40


def test_a_mutant_that_admits_refused_documents_is_shrunk_to_a_short_sequence(tmp_path):
    impl = Implementation()
    impl.recovery_verifier_class = CIR_MUTANTS["cir-admits-refused-documents"]
    result = _runner(impl).run_property(MACHINE)
    assert result.status == "fail"
    case = result.failure.case
    assert case.operation == "lifecycle" and 2 <= len(case.documents) <= 6, len(case.documents)
    assert "--only cir.lifecycle.machine" in result.failure.replay
    # the shrunk sequence is a self-contained vector file that fails the mutant and passes the reference
    path = tmp_path / "failure.json"
    path.write_bytes(vectors.case_file(case, "shrunk lifecycle"))
    [(_, again)] = vectors.load_file(path)
    assert again == case
    assert compare(again, again.actual_results(handle(again.request(1))["result"]))[1]
    assert not compare(again, again.actual_results(impl(again.request(1))["result"]))[0]


def test_scripts_are_what_the_vectors_hold():
    on_disk = {c.id: c for _, c in vectors.load(vectors.bundled_dir()) if c.id.startswith("cir.lifecycle.")}
    assert {c.id for c in script_cases()} == set(on_disk) and len(on_disk) == len(SCRIPTS)


def test_a_refused_artifact_never_enters_the_model_ledger():
    story = Story()
    a, _ = story.attach(PARTICIPANTS[0], SERVING_NODES[0], "client:x")
    d, codes = story.detach(a, forged=True)
    assert codes == {"bind-signature-invalid"} and not story.ledger.detachments
    _, codes = story.recover(d, "replace-device", gap=MINUTE)
    assert codes == {"detachment-unknown"}
