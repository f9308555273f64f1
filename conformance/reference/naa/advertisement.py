"""Advertisement consistency helpers: the reference form's digest and advertised endpoints."""

from __future__ import annotations

from . import endpoint

SCHEMA_NAME = "node-advertisement.v1.json"
REF_PREFIX = "orbiplex:blob:sha256:"


def digest_in_ref(ref: str) -> str:
    """``orbiplex:blob:sha256:<b64url>`` names the blob whose digest is ``sha256:<b64url>``."""
    return "sha256:" + ref[len(REF_PREFIX):]


def advertised_endpoints(advert: dict) -> list[dict]:
    found = []
    for item in advert.get("endpoints", []):
        normalized = endpoint.from_url(item.get("endpoint/url", ""))
        if normalized is not None:
            found.append(normalized)
    return found
