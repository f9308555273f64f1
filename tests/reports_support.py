"""Helpers of the report tests: the JUnit XSD and the report JSON Schema, and a check for
characters that must never reach a terminal or a CI log."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import xmlschema
from jsonschema import Draft202012Validator

from conformance import schemas

JUNIT_XSD = xmlschema.XMLSchema(Path(__file__).resolve().parent / "data" / "junit.xsd")
REPORT_SCHEMA = Draft202012Validator(schemas.load("report.v1.json"))

# C0 but newline, DEL, C1, bidi embeddings/overrides/isolates: none may be printed raw.
CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def junit_problems(path) -> list[str]:
    """Parse (stdlib) and validate; the list of what is wrong, empty when the file is good."""
    try:
        ET.parse(path)
    except ET.ParseError as exc:
        return [f"not well-formed: {exc}"]
    return [str(e.reason) + " at " + str(e.path) for e in JUNIT_XSD.iter_errors(str(path))]


def report_problems(document) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message[:200]}" for e in REPORT_SCHEMA.iter_errors(document)]
