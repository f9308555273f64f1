"""The storage family as registered (entry point ``storage``): ``strategies.storage.family``'s
value with the location vectors, the locations property and the coverage table added, so the
storage package itself needs no change (nor any import of this one)."""

from __future__ import annotations

from dataclasses import replace

from ..storage.family import FAMILY as _STORAGE
from . import cases as locations, storage as storage_locations


def _properties(signing_prefix: str, profile, options: dict | None = None) -> list:
    return _STORAGE.properties(signing_prefix, profile, options) + locations.properties(
        storage_locations.SITES, "locations.sdp", "Every transformation at every location of the policy bundle")


def _vector_cases() -> list:
    return _STORAGE.cases() + locations.vector_cases(storage_locations.SITES)


FAMILY = replace(_STORAGE, topics=_STORAGE.topics + locations.TOPICS,
                 flag_notes={**_STORAGE.flag_notes, **locations.FLAG_NOTES}, cases=_vector_cases,
                 properties=_properties, topic=locations.topic(_STORAGE.topic),
                 locations=lambda: locations.table(storage_locations.SITES))
