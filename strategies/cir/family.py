"""client-instance-recovery.v1 as a registered family (entry point ``cir``)."""

from __future__ import annotations

from conformance import protocol
from conformance.case import Case
from conformance.families import Family

from . import cases as cir_cases
from . import flags as cir_flags
from . import keys as cir_keys
from ..locations import cases as locations, cir as cir_locations


def _cir_properties(signing_prefix: str, profile, options: dict | None = None) -> list:
    return cir_cases.properties(signing_prefix, (options or {}).get("interpretations")) + locations.properties(
        cir_locations.SITES, "locations.cir", "Every transformation at every location of the bind and the artifacts")


def _cir_vector_cases() -> list:
    return cir_cases.vector_cases() + locations.vector_cases(cir_locations.SITES)


def _second_segment(case: Case) -> str:
    return case.id.split("/", 1)[0].split(".")[1]


FAMILY = Family(
    family="client-instance-recovery", kind=protocol.KIND_RECOVERY,
    topics=cir_cases.TOPICS + locations.TOPICS,
    header=(
        "Test vectors for client-instance-recovery.v1 and the participant-bind, attachment and detachment",
        "artifacts it is judged with, alone ('verify'), against earlier artifacts ('context'), and as",
        "lifecycle sequences ('lifecycle': each document judged against those admitted before it).",
        "Generated from fixed labelled test keys and fixed instants; expected results come from construction.",
        "Signing input: RFC 8785 bytes of the object without its 'proof/...' members (no prefix).",
    ),
    flag_notes={**cir_flags.FLAG_NOTES, **locations.FLAG_NOTES}, cases=_cir_vector_cases, properties=_cir_properties,
    topic=locations.topic(_second_segment), locations=lambda: locations.table(cir_locations.SITES),
    keys=lambda cases: cir_keys.labelled_keys(),
)
