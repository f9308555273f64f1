"""RFC 3339 §5.6 date-time: the suite's grammar check and exact instants.

Data: UPSTREAM/json-schema-test-suite/draft2020-12/optional/format/date-time.json
(JSON-Schema-Test-Suite; see SOURCES.md; UPSTREAM as in tests/conftest.py).
"""

from __future__ import annotations

import copy
import json
from datetime import datetime
from fractions import Fraction
from pathlib import Path

import pytest
from rfc3339_validator import validate_rfc3339

from conformance.reference.shared import schema
from conformance.reference.shared.rfc3339 import instant, is_date_time
from tests.conftest import upstream_params

SUITE = "json-schema-test-suite/draft2020-12/optional/format/date-time.json"
EXAMPLE = "orbidocs/examples/valid/trusted-peer.node-address-attestation.json"


def _string_tests(root: Path):
    groups = json.loads((root / SUITE).read_text("utf-8"))
    return [
        (t["data"], t["valid"], t["description"])
        for g in groups
        for t in g["tests"]
        if isinstance(t["data"], str)
    ]


STRING_TESTS = upstream_params(lambda root: [pytest.param(*t, id=t[2]) for t in _string_tests(root)], width=3)


def test_suite_inventory(upstream):
    # 33 tests in all; 6 are non-strings (ignored by the format), 27 are strings, 8 of them valid.
    groups = json.loads((upstream / SUITE).read_text("utf-8"))
    strings = _string_tests(upstream)
    assert sum(len(g["tests"]) for g in groups) == 33
    assert len(strings) == 27 and len(STRING_TESTS) == 27
    assert sum(valid for _, valid, _ in strings) == 8


@pytest.mark.parametrize("data,valid,description", STRING_TESTS)
def test_is_date_time_agrees_with_json_schema_test_suite(data, valid, description):
    assert is_date_time(data) is valid


@pytest.mark.parametrize("value", [12, 13.7, {}, [], True, None])
def test_is_date_time_false_for_non_strings(value):
    # The grammar check itself is about strings; the format checker ignores non-strings.
    assert is_date_time(value) is False


def test_format_checker_ignores_non_strings():
    checker = schema.format_checker()
    for value in (12, 13.7, {}, [], True, None):
        assert checker.conforms(value, "date-time") is True
    assert checker.conforms("2026-04-17T12:00:00", "date-time") is False
    assert checker.conforms("1998-12-31T23:59:60Z", "date-time") is True


# What rfc3339_validator (jsonschema's default date-time checker) says about the suite's cases,
# where it differs from the JSON-Schema-Test-Suite. If the library is fixed, this test fails
# and tells us the workaround in rfc3339.py/schema.py may no longer be needed.
LIBRARY_DISAGREEMENTS = {
    "1998-12-31T23:59:60Z": (True, False),              # leap second, UTC
    "1998-12-31T15:59:60.123-08:00": (True, False),     # leap second, with offset
    "1963-06-19t08:30:06.283185z": (True, False),       # lowercase t and z
    "1985-04-12T23:20:50Z\n": (False, True),            # trailing newline ($ matches before \n)
}


def test_rfc3339_validator_disagrees_with_the_test_suite_exactly_here(upstream):
    disagreements = {}
    for data, valid, _ in _string_tests(upstream):
        library = bool(validate_rfc3339(data))
        if library != valid:
            disagreements[data] = (valid, library)
    assert disagreements == LIBRARY_DISAGREEMENTS


def test_jsonschema_default_format_checker_uses_the_disagreeing_library():
    # Documents why schema.format_checker() replaces the default date-time check.
    from jsonschema import FormatChecker

    default = FormatChecker()
    assert default.conforms("1998-12-31T23:59:60Z", "date-time") is False
    assert default.conforms("1985-04-12T23:20:50Z\n", "date-time") is True
    ours = schema.format_checker()
    assert ours.conforms("1998-12-31T23:59:60Z", "date-time") is True
    assert ours.conforms("1963-06-19t08:30:06.283185z", "date-time") is True
    assert ours.conforms("1985-04-12T23:20:50Z\n", "date-time") is False


# --------------------------------------------------------------------------- instant()

def test_instant_offsets_are_the_same_instant():
    assert instant("2026-04-17T14:00:00+02:00") == instant("2026-04-17T12:00:00Z")
    assert instant("2026-04-17T07:30:00-04:30") == instant("2026-04-17T12:00:00Z")
    assert instant("2026-04-18T00:30:00+12:30") == instant("2026-04-17T12:00:00Z")
    assert instant("2026-04-17T12:00:00+00:00") == instant("2026-04-17T12:00:00Z")
    assert instant("2026-04-17T12:00:00-00:00") == instant("2026-04-17T12:00:00Z")
    # Crossing a day (and year) boundary through the offset.
    assert instant("2025-12-31T23:30:00-01:00") == instant("2026-01-01T00:30:00Z")


def test_instant_epoch_and_known_values():
    assert instant("1970-01-01T00:00:00Z") == 0
    assert instant("2026-04-17T12:00:00Z") == 1776427200
    assert instant("1969-12-31T23:59:59Z") == -1
    assert isinstance(instant("2026-04-17T12:00:00.5Z"), Fraction)
    assert instant("2026-04-17T12:00:00.5Z") - instant("2026-04-17T12:00:00Z") == Fraction(1, 2)


def test_instant_distinguishes_nanoseconds():
    a = "2026-04-17T12:00:00.000000001Z"
    b = "2026-04-17T12:00:00.000000002Z"
    assert instant(b) - instant(a) == Fraction(1, 10**9)
    assert instant(a) > instant("2026-04-17T12:00:00Z")
    c = "2026-04-17T12:00:00.0000001Z"  # 100 ns
    d = "2026-04-17T12:00:00.0000002Z"
    assert instant(d) - instant(c) == Fraction(1, 10**7)
    # datetime.fromisoformat cannot tell these apart (it truncates/rounds past microseconds,
    # or refuses more than 6 digits on older Pythons): instant() must not inherit that.
    try:
        same = datetime.fromisoformat(c) == datetime.fromisoformat(d)
    except ValueError:
        same = True
    assert same
    assert instant(c) != instant(d)


def test_instant_fraction_length_does_not_matter():
    assert instant("2026-04-17T12:00:00.5Z") == instant("2026-04-17T12:00:00.500000000000Z")
    assert instant("2026-04-17T12:00:00.000Z") == instant("2026-04-17T12:00:00Z")
    assert instant("1985-04-12T00:59:59.999999999999999Z") < instant("1985-04-12T01:00:00Z")


def test_instant_lowercase_t_and_z():
    assert instant("2026-04-17t12:00:00z") == instant("2026-04-17T12:00:00Z")
    assert instant("2026-04-17t12:00:00.25Z") == instant("2026-04-17T12:00:00.25z")


def test_instant_leap_second_is_next_midnight():
    assert instant("1998-12-31T23:59:60Z") == instant("1999-01-01T00:00:00Z")
    assert instant("1998-12-31T15:59:60-08:00") == instant("1999-01-01T00:00:00Z")
    assert instant("1998-12-31T23:59:60.5Z") == instant("1999-01-01T00:00:00.5Z")
    assert instant("1998-12-31T23:59:59Z") < instant("1998-12-31T23:59:60Z")


def test_instant_year_zero():
    # 0000 is a leap year in the proleptic Gregorian calendar; datetime.date cannot represent it.
    assert is_date_time("0000-02-29T00:00:00Z")
    assert instant("0000-03-01T00:00:00Z") - instant("0000-02-29T00:00:00Z") == 86400
    assert instant("0001-01-01T00:00:00Z") - instant("0000-01-01T00:00:00Z") == 366 * 86400
    # 0001-01-01 is 719162 days before the epoch.
    assert instant("0001-01-01T00:00:00Z") == -719162 * 86400
    assert instant("0000-12-31T23:59:59Z") + 1 == instant("0001-01-01T00:00:00Z")


def test_instant_calendar_rules():
    assert is_date_time("2000-02-29T00:00:00Z")
    assert not is_date_time("1900-02-29T00:00:00Z")
    assert is_date_time("2024-02-29T00:00:00Z")
    assert not is_date_time("2026-02-29T00:00:00Z")
    assert instant("2000-03-01T00:00:00Z") - instant("2000-02-28T00:00:00Z") == 2 * 86400
    assert instant("2100-03-01T00:00:00Z") - instant("2100-02-28T00:00:00Z") == 86400


@pytest.mark.parametrize("bad", ["2026-04-17T12:00:00", "2026-04-17 12:00:00Z", "", "1998-12-31T23:58:60Z",
                                 "2026-04-17T12:00:00Z\n"])
def test_instant_rejects_non_date_times(bad):
    with pytest.raises(ValueError):
        instant(bad)


# --------------------------------------------------------------------------- schema asserts the format

def _example(root: Path):
    return json.loads((root / EXAMPLE).read_text("utf-8"))


def test_example_has_no_findings(upstream):
    assert schema.findings(_example(upstream), "node-address-attestation.v1.json") == []


def test_schema_findings_timestamp_without_offset(upstream):
    doc = _example(upstream)
    doc["observed/at"] = "2026-04-17T12:00:00"
    found = schema.findings(doc, "node-address-attestation.v1.json")
    assert [(f.code, f.pointer) for f in found] == [("timestamp-invalid", "/observed~1at")]


@pytest.mark.parametrize("path", [
    ("expires/at",),
    ("evidence", 0, "signed/at"),
    ("evidence", 1, "expires/at"),
    ("evidence", 1, "endpoint/certificate", "verified/at"),
])
def test_schema_findings_timestamp_invalid_everywhere(path, upstream):
    doc = _example(upstream)
    target = doc
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = "2026-04-17T25:00:00Z"
    found = schema.findings(doc, "node-address-attestation.v1.json")
    assert {f.code for f in found} == {"timestamp-invalid"}


@pytest.mark.parametrize("good", ["1998-12-31T23:59:60Z", "2026-04-17t12:00:00z", "2026-04-17T12:00:00.000000001+05:45"])
def test_schema_accepts_rfc3339_forms_the_default_checker_refuses(good, upstream):
    doc = copy.deepcopy(_example(upstream))
    doc["observed/at"] = good
    assert schema.findings(doc, "node-address-attestation.v1.json") == []
