"""Schema stage: the suite's own JSON Schemas (2020-12) with formats asserted.

``date-time`` uses the suite's RFC 3339 check (see rfc3339.py for why not the default);
``uri`` uses jsonschema's checker (rfc3986-validator). Each failing keyword becomes a
finding whose code comes from the schema's ``x-code`` annotation or the keyword's default.
"""

from __future__ import annotations

from functools import lru_cache

from jsonschema import Draft202012Validator, FormatChecker

from conformance import schemas

from . import rfc3339
from .findings import ERROR, Finding, pointer

_DEFAULT_CODES = {"required": "schema-required", "additionalProperties": "schema-closed"}


def format_checker() -> FormatChecker:
    checker = FormatChecker()
    checker.checkers.pop("date-time", None)

    @checker.checks("date-time")
    def _date_time(value) -> bool:
        return not isinstance(value, str) or rfc3339.is_date_time(value)

    return checker


@lru_cache(maxsize=None)
def validator(schema_name: str) -> Draft202012Validator:
    return Draft202012Validator(schemas.load(schema_name), format_checker=format_checker())


def _code(error) -> str:
    annotated = error.schema.get("x-code", {}) if isinstance(error.schema, dict) else {}
    return annotated.get(error.validator) or _DEFAULT_CODES.get(error.validator, "schema-shape")


def findings(document, schema_name: str, base: str = "") -> list[Finding]:
    out = []
    for error in validator(schema_name).iter_errors(document):
        out.append(Finding(_code(error), ERROR, base + pointer(*error.absolute_path), error.message))
    return sorted(set(out), key=lambda f: (f.pointer, f.code, f.message))
