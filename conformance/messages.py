"""Validation of adapter-protocol messages against the JSON Schemas shipped in
conformance/schemas/protocol/ (one per message kind)."""

from __future__ import annotations

from functools import lru_cache

from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from conformance import schemas

KINDS = ("start", "start-reply", "verify", "classify", "lifecycle", "evaluate", "reply", "stop", "document", "trust")
BASE = "https://conformance.orbiplex.invalid/protocol/"


@lru_cache(maxsize=None)
def _registry() -> Registry:
    resources = [(BASE + f"{k}.json", Resource.from_contents(schemas.load(f"protocol/{k}.json"))) for k in KINDS]
    return Registry().with_resources(resources)


@lru_cache(maxsize=None)
def validator(kind: str) -> Draft202012Validator:
    return Draft202012Validator(schemas.load(f"protocol/{kind}.json"), registry=_registry())


def errors(kind: str, message) -> list[str]:
    """Human-readable problems of ``message`` as a ``kind`` message (empty when valid)."""
    return [f"{'/' + '/'.join(map(str, e.absolute_path)) if e.absolute_path else '/'}: {e.message}"
            for e in validator(kind).iter_errors(message)]


def request_kind(message: dict) -> str:
    return message.get("cmd", "unknown")
