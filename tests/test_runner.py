"""The runner itself: reference passes every property strictly, seeds reproduce cases,
unsupported operations are not applicable (never passes), implementation crashes are errors."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import seed as hseed

from conformance.adapters.python import PythonAdapter
from conformance.profiles import get
from conformance.reference.adapter import Implementation
from conformance.run_options import RunOptions
from conformance.runner import ERRORED, NOT_APPLICABLE, PASS, Runner
from strategies.naa.cases import properties


def reference():
    return PythonAdapter.from_spec("python:conformance.reference.adapter:handle", label="reference")


def test_reference_passes_every_property_strictly():
    result = Runner(reference(),
                    RunOptions(adapter="reference", profile=get("quick"), seed=12345, level="strict"),
                    echo=lambda _: None).run()
    assert result.conformant, [f.message for f in result.failures()][:3]
    assert all(p.status == PASS and p.examples > 0 for p in result.properties)


def _drawn(prop, seed_value, n=5):
    seen = []

    @hseed(seed_value)
    @settings(max_examples=n, database=None, deadline=None)
    @given(prop.strategy)
    def collect(case):
        seen.append((case.documents, case.expected, case.now))

    collect()
    return seen


def test_a_seed_reproduces_the_same_cases():
    prop = next(p for p in properties() if p.id == "time.certificate-skew")
    assert _drawn(prop, 99) == _drawn(prop, 99)
    assert _drawn(prop, 99) != _drawn(prop, 100)


def test_unsupported_operation_is_not_applicable_never_a_pass():
    impl = Implementation()
    impl.info = dict(impl.info, operations=["verify"])
    result = Runner(PythonAdapter(impl, "verify-only"),
                    RunOptions(adapter="verify-only", profile=get("quick"), seed=1), echo=lambda _: None).run()
    classify = [r for r in result.vectors if r.case.operation == "classify"]
    assert classify and all(r.status == NOT_APPLICABLE for r in classify)
    assert next(p for p in result.properties if p.id == "trust.collision").status == NOT_APPLICABLE


def test_crashing_implementation_is_errored_and_the_run_continues():
    def crashing(message):
        if message.get("cmd") == "start":
            return {"version": 1, "implementation": {"name": "crasher", "operations": ["verify", "classify"]}}
        raise RuntimeError("boom")

    result = Runner(PythonAdapter(crashing, "crasher"),
                    RunOptions(adapter="crasher", profile=get("quick"), seed=1, only=("intake.*",)),
                    echo=lambda _: None).run()
    assert not result.conformant
    assert result.vectors and all(r.status == ERRORED and "boom" in r.message for r in result.vectors)


def test_answering_valid_to_everything_fails_loudly():
    def yes(message):
        if message.get("cmd") == "start":
            return {"version": 1, "implementation": {"name": "yes", "operations": ["verify"]}}
        return {"seq": message["seq"], "result": {"verdict": "valid", "class": "self-only", "codes": []}}

    result = Runner(PythonAdapter(yes, "yes"),
                    RunOptions(adapter="yes", profile=get("quick"), seed=1), echo=lambda _: None).run()
    assert not result.conformant and len(result.failures()) > 100


def test_signing_prefix_option_certifies_prefixed_implementations_and_only_them():
    prefix = "node-address-attestation.v1\x00"
    result = Runner(reference(),
                    RunOptions(adapter="reference", profile=get("quick"), seed=8,
                               level="strict", signing_prefix=prefix, only=("signature.*", "trust.class")),
                    echo=lambda _: None).run()
    assert result.conformant and result.properties

    class PrefixBlind(Implementation):
        def run(self, message):
            return super().run(dict(message, options={}))  # ignores the signing-prefix option

    blind = Runner(PythonAdapter(PrefixBlind(), "blind"),
                   RunOptions(adapter="blind", profile=get("quick"), seed=8,
                              signing_prefix=prefix, only=("trust.class",)),
                   echo=lambda _: None).run()
    assert not blind.conformant and any(p.status != PASS for p in blind.properties)


def test_kinds_not_declared_are_not_applicable_never_a_pass():
    impl = Implementation()
    impl.info = dict(impl.info, kinds=["node-address-attestation.v1"])
    result = Runner(PythonAdapter(impl, "naa-only"),
                    RunOptions(adapter="naa-only", profile=get("quick"), seed=1, only=("CIR-*", "SDP-*")),
                    echo=lambda _: None).run()
    assert result.vectors and all(r.status == NOT_APPLICABLE for r in result.vectors)
    assert result.properties and all(p.status == NOT_APPLICABLE for p in result.properties)
    assert not result.conformant, "a run in which nothing passed is never conformant"


def test_signing_prefix_option_reaches_client_instance_properties():
    from tests.mutants import CIR_MUTANTS

    prefix = "orbiplex:participant-bind:v1\n"
    only = ["cir.valid.*", "cir.bind.tampered"]
    result = Runner(reference(),
                    RunOptions(adapter="reference", profile=get("quick"), seed=8,
                               level="strict", signing_prefix=prefix, only=tuple(only)),
                    echo=lambda _: None).run()
    assert result.conformant and result.properties
    blind = Implementation()
    blind.recovery_verifier_class = CIR_MUTANTS["cir-ignores-signing-prefix"]
    result = Runner(PythonAdapter(blind, "blind"),
                    RunOptions(adapter="blind", profile=get("quick"), seed=8, signing_prefix=prefix, only=tuple(only)),
                    echo=lambda _: None).run()
    assert not result.conformant and any(p.status != PASS for p in result.properties)


def test_a_stop_request_whose_interrupt_was_swallowed_still_ends_the_run():
    # A signal handler sets stop_requested and raises KeyboardInterrupt; if that raise is lost
    # (e.g. inside a callback that ignores exceptions), the next case must raise it again.
    calls = []

    def answering(message):
        if message.get("cmd") != "start":
            calls.append(message["seq"])
            runner.stop_requested = True  # the handler ran, its KeyboardInterrupt went nowhere
        return handle(message)

    from conformance.reference.adapter import handle

    runner = Runner(PythonAdapter(answering, "stop"),
                    RunOptions(adapter="stop", profile=get("quick"), seed=1, only=("time.*",), exitfirst=True),
                    echo=lambda _: None)
    result = runner.run()
    assert result.interrupted and not result.conformant
    assert len(calls) == 1, "no case is sent after the stop request"
