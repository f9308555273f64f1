"""Schema stage: the suite's own JSON Schemas (2020-12) with formats asserted.

``date-time`` uses the suite's RFC 3339 check (see rfc3339.py for why not the default);
``uri`` uses jsonschema's checker (rfc3986-validator). Each failing keyword becomes a
finding whose code comes from the schema's ``x-code`` annotation or the keyword's default.
``$ref`` between the suite's schemas resolves by absolute ``$id`` through a registry of
every top-level ``conformance/schemas/*.json`` (e.g. the artifacts' embedded participant-bind).
A document the compiled fast path (fast_schema.py) accepts has no findings and skips jsonschema;
in one it rejects, jsonschema skips each ``$ref`` whose compiled subschema check passes.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from urllib.parse import urljoin

from jsonschema import Draft202012Validator, FormatChecker, validators
from jsonschema.exceptions import ValidationError
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from conformance import schemas
from conformance.ecma import ecma_pattern_text, ecma_regex  # noqa: F401 (ecma_pattern_text: the fast path's)

from . import rfc3339
from .findings import ERROR, Finding, pointer

_DEFAULT_CODES = {"required": "schema-required", "additionalProperties": "schema-closed"}


def format_checker() -> FormatChecker:
    checker = FormatChecker()
    checker.checkers.pop("date-time", None)

    @checker.checks("date-time")
    def _date_time(value) -> bool:
        return not isinstance(value, str) or rfc3339.is_date_time(value)

    # rfc3986-validator anchors with Python's '$', which also matches before a final newline.
    uri_check = checker.checkers.get("uri", (None,))[0]
    if uri_check is not None:
        checker.checkers.pop("uri")

        @checker.checks("uri")
        def _uri(value) -> bool:
            return not isinstance(value, str) or ("\n" not in value and uri_check(value))

    return checker


def _ecma_pattern(validator, pattern, instance, schema):
    if isinstance(instance, str) and not ecma_regex(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


@lru_cache(maxsize=None)
def _subschema_check(base, ref: str):
    from . import fast_schema  # imports this module

    return fast_schema.subschema(urljoin(base, ref)) if isinstance(base, str) and base else None  # no base: no pruning


def _pruned_ref(validator, ref, instance, schema):
    """``$ref``, skipped when the compiled check of the referenced subschema passes the instance (it
    has no findings there), so only the failing records are walked keyword by keyword."""
    passes = _subschema_check(getattr(validator._resolver, "_base_uri", None), ref)  # referencing's Resolver
    if passes is not None and passes(instance):
        return
    yield from validator._validate_reference(ref=ref, instance=instance)


EcmaDraft202012Validator = validators.extend(Draft202012Validator, {"pattern": _ecma_pattern})
# the judge with its $ref pruned where the compiled subschema check passes (findings(): the same findings)
PrunedDraft202012Validator = validators.extend(EcmaDraft202012Validator, {"$ref": _pruned_ref})


@lru_cache(maxsize=None)
def registry() -> Registry:
    """Every top-level schema of the package, keyed by its ``$id``, so that ``$ref`` resolves
    across them. Each is registered without ``$schema``: jsonschema's evolve() re-selects the
    validator class from a referenced schema's ``$schema``, which would drop the ECMA-262
    ``pattern`` of our class inside the embedded participant-bind (a newline after
    via/node-id would pass)."""
    names = sorted(e.name for e in resources.files(schemas).iterdir() if e.name.endswith(".json") and e.is_file())
    found = []
    for name in names:
        contents = schemas.load(name)
        found.append((contents["$id"], DRAFT202012.create_resource({k: v for k, v in contents.items() if k != "$schema"})))
    return Registry().with_resources(found)


@lru_cache(maxsize=None)
def validator(schema_name: str):
    return EcmaDraft202012Validator(schemas.load(schema_name), format_checker=format_checker(), registry=registry())


@lru_cache(maxsize=None)
def pruned_validator(schema_name: str):
    return PrunedDraft202012Validator(schemas.load(schema_name), format_checker=format_checker(), registry=registry())


def _code(error) -> str:
    annotated = error.schema.get("x-code", {}) if isinstance(error.schema, dict) else {}
    return annotated.get(error.validator) or _DEFAULT_CODES.get(error.validator, "schema-shape")


def findings(document, schema_name: str, base: str = "") -> list[Finding]:
    from . import fast_schema  # imports this module

    if fast_schema.accepts(document, schema_name):
        return []
    out = []
    for error in pruned_validator(schema_name).iter_errors(document):
        out.append(Finding(_code(error), ERROR, base + pointer(*error.absolute_path), error.message))
    return sorted(set(out), key=lambda f: (f.pointer, f.code, f.message))
