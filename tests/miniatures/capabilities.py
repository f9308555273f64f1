"""Miniature implementations that implement less than the suite checks, and say so (or not)
in their start reply's ``capabilities`` (conformance/capabilities.py).

    python:tests.miniatures.capabilities:NAME
"""

from __future__ import annotations

from conformance.capabilities import STAGE4_CODES
from conformance.reference.adapter import handle as reference


def _without_classification(message: dict) -> dict:
    """The reference with stage 4 of node-address-attestation taken out: no class, no stage-4 code."""
    reply = reference(message)
    result = reply.get("result")
    if isinstance(result, dict) and message.get("kind") == "node-address-attestation.v1":
        for r in result.get("results", [result]):
            r["class"] = None
            r["codes"] = [c for c in r["codes"] if c not in STAGE4_CODES]
    return reply


def _declaring(handle, **capabilities):
    def declared(message: dict) -> dict:
        reply = handle(message)
        if message.get("cmd") == "start":
            reply["implementation"] = dict(reply["implementation"], capabilities=capabilities)
        return reply
    return declared


# computes no trust class, and declares it: the rest is certified, classification is not
no_classification = _declaring(_without_classification, classification=False)

# the same verifier, declaring nothing: every valid attestation fails on its class
no_classification_undeclared = _without_classification

# declares no classification but computes it: nothing of stage 4 is judged either way
classification_declared_absent = _declaring(reference, classification=False)


def _without_receipts(message: dict) -> dict:
    reply = reference(message)
    result = reply.get("result")
    if isinstance(result, dict):
        for op in result.get("operations", []):
            op["receipts"] = []
    return reply


# a storage evaluator that decides but emits no receipts, and declares it
no_receipts = _declaring(_without_receipts, receipts=False)
no_receipts_undeclared = _without_receipts

# a capability the suite does not know: a harness error, never a silent choice
unknown_capability = _declaring(reference, clasification=False)
