"""Storage policy bundles as a registered family (entry point ``storage``)."""

from __future__ import annotations

from conformance import protocol
from conformance.case import Case
from conformance.families import Family
from conformance.flags import note

from . import flags as storage_flags
from .cases import TOPICS, properties, vector_cases


def _sdp_properties(signing_prefix: str, profile, options: dict | None = None) -> list:
    return properties(options or {})


def _second_segment(case: Case) -> str:
    return case.id.split("/", 1)[0].split(".")[1]


# Storage flag notes are one sentence each; the vector files' notes carry the full Wycheproof form.
SDP_FLAG_NOTES = {flag: note("POLICY", text, "An evaluator that gets this wrong adopts, allows or reports what the "
                                             "policy model forbids, or refuses what it allows.")
                  for flag, text in storage_flags.FLAG_NOTES.items()}


FAMILY = Family(
    family="storage-policy", kind=protocol.KIND_STORAGE,
    topics=tuple(TOPICS),
    header=(
        "Test vectors for storage durability policy evaluators, in the suite's own wire format",
        "storage-policy-bundle.v1 (CONFORMANCE.md, 'Storage durability policy bundles'): adoption",
        "verdicts, violated rules, and per-operation decisions with the receipts they must emit.",
        "Expected results come from how each bundle was built, not from any implementation.",
    ),
    flag_notes=SDP_FLAG_NOTES, cases=vector_cases, properties=_sdp_properties, topic=_second_segment,
    keys=lambda cases: {},
)
