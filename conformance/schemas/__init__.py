"""JSON Schemas shipped with the suite: artifact schemas (the suite's own) and protocol messages."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=None)
def load(name: str) -> dict:
    """Load ``name`` (e.g. ``node-address-attestation.v1.json`` or ``protocol/start.json``)."""
    return json.loads(resources.files(__name__).joinpath(name).read_text("utf-8"))


@lru_cache(maxsize=None)
def receipt_validator():
    """Validator of the receipts a storage policy evaluator emits (compared at strict level)."""
    from jsonschema import Draft202012Validator

    return Draft202012Validator(load("storage-receipt.v1.json"), format_checker=Draft202012Validator.FORMAT_CHECKER)
