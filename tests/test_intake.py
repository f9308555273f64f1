"""JSON intake: exactly one I-JSON value (RFC 7493), with the outcome code of each refusal."""

from __future__ import annotations

import json
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conformance import catalog
from conformance.reference.shared.intake import IntakeError, nesting_depth, parse

INTAKE_CODES = {"json-encoding", "json-syntax", "json-duplicate-key", "json-lone-surrogate", "json-number"}


def test_intake_codes_are_in_the_catalog():
    known = {c.code for c in catalog.CODES}
    assert INTAKE_CODES <= known


def _code(raw: bytes) -> str:
    with pytest.raises(IntakeError) as info:
        parse(raw)
    assert info.value.finding.code in INTAKE_CODES
    return info.value.finding.code


REJECTED = [
    # duplicate member names, whatever the values
    (b'{"a": 1, "a": 2}', "json-duplicate-key"),
    (b'{"a": 1, "a": 1}', "json-duplicate-key"),
    (b'{"a": {"b": true, "b": true}}', "json-duplicate-key"),
    (b'[{"x": null}, {"y": 1, "y": 1}]', "json-duplicate-key"),
    (b'{"a": 1, "b": 2, "\\u0061": 3}', "json-duplicate-key"),  # escaped spelling of the same name
    # encoding
    (b'{"a": "\xff"}', "json-encoding"),
    (b'{"a": "\xc3"}', "json-encoding"),  # truncated sequence
    (b'{"a": "\xc0\xaf"}', "json-encoding"),  # overlong
    (b"\xef\xbb\xbf{}", "json-encoding"),  # UTF-8 BOM
    (b'{"a": "\xed\xa0\x80"}', "json-encoding"),  # CESU-8 / encoded surrogate U+D800
    (b'{"a": "\xed\xa0\xbd\xed\xb8\x82"}', "json-encoding"),  # CESU-8 pair for U+1F602
    # escaped lone surrogates
    (b'{"a": "\\ud800"}', "json-lone-surrogate"),
    (b'{"a": "\\udc00"}', "json-lone-surrogate"),
    (b'{"\\ud800": 1}', "json-lone-surrogate"),
    (b'["ok", ["\\ude02\\ud83d"]]', "json-lone-surrogate"),  # reversed pair: two lone surrogates
    (b'{"a": "x\\ud83dy"}', "json-lone-surrogate"),
    # numbers
    (b'{"a": NaN}', "json-number"),
    (b'{"a": Infinity}', "json-number"),
    (b'{"a": -Infinity}', "json-number"),
    (b"1e400", "json-number"),
    (b'{"a": -1e400}', "json-number"),
    (b"9007199254740992", "json-number"),
    (b"-9007199254740992", "json-number"),
    (b'{"n": 123456789012345678901234567890}', "json-number"),
    # syntax
    (b"{} {}", "json-syntax"),
    (b"{}x", "json-syntax"),
    (b"", "json-syntax"),
    (b"   ", "json-syntax"),
    (b'{"a": 1,}', "json-syntax"),
    (b"{'a': 1}", "json-syntax"),
    (b'{"a": 01}', "json-syntax"),
    (b'"\x01"', "json-syntax"),  # raw control character in a string
]


@pytest.mark.parametrize("raw,code", REJECTED, ids=[repr(r)[:40] for r, _ in REJECTED])
def test_rejected_with_code(raw, code):
    assert _code(raw) == code


def test_finding_is_an_error_with_a_message():
    with pytest.raises(IntakeError) as info:
        parse(b'{"a": 1, "a": 2}')
    finding = info.value.finding
    assert finding.code == "json-duplicate-key"
    assert finding.severity == "error"
    assert "a" in finding.message
    assert isinstance(info.value, ValueError)


ACCEPTED = [
    (b"{}", {}),
    (b"[]", []),
    (b'{"a": "\\ud83d\\ude02"}', {"a": "\U0001F602"}),  # a valid escaped surrogate pair
    (b'{"a": "\xf0\x9f\x98\x82"}', {"a": "\U0001F602"}),  # the same character as raw UTF-8
    (b"9007199254740991", 9007199254740991),
    (b"-9007199254740991", -9007199254740991),
    (b"1e308", 1e308),
    (b"5e-324", 5e-324),
    (b"1e-400", 0.0),  # underflow to zero is a finite double
    (b"9007199254740992.0", 9007199254740992.0),  # a double, not an integer literal
    (b' \n{"a": [1, 2.5, true, false, null, "x"]}\n ', {"a": [1, 2.5, True, False, None, "x"]}),
    (b'{"a": {"b": 1}, "b": {"a": 1}}', {"a": {"b": 1}, "b": {"a": 1}}),  # same names, different objects
    (b'[{"a": 1}, {"a": 1}]', [{"a": 1}, {"a": 1}]),
    (b'"\\u0000"', "\x00"),
    (b'"\xef\xbf\xbf"', "\uffff"),  # noncharacters are scalar values
]


@pytest.mark.parametrize("raw,expected", ACCEPTED, ids=[repr(r)[:40] for r, _ in ACCEPTED])
def test_accepted(raw, expected):
    assert parse(raw) == expected


def test_accepts_a_full_example_document(upstream):
    raw = (upstream / "orbidocs/examples/valid/trusted-peer.node-address-attestation.json").read_bytes()
    value = parse(raw)
    assert value == json.loads(raw)
    assert value["schema"] == "node-address-attestation.v1"


def test_deep_nesting_is_a_syntax_refusal_not_a_crash():
    raw = b"[" * 100_000 + b"]" * 100_000
    try:
        value = parse(raw)
    except IntakeError as exc:
        assert exc.finding.code == "json-syntax"
    else:
        depth = 0
        while isinstance(value, list) and value:
            value = value[0]
            depth += 1
        assert depth == 100_000 - 1


def test_huge_integer_literal_is_a_number_refusal():
    # An integer literal longer than Python's int-string conversion limit (4300 digits by
    # default) is still just an integer past 2^53: it must be refused as json-number, not
    # escape as a bare ValueError without a finding.
    assert _code(b"1" * 5000) == "json-number"
    assert _code(b'{"n": -' + b"9" * 5000 + b"}") == "json-number"


def _nesting_depth_by_characters(text: str) -> int:
    """The specification of intake.nesting_depth: one character at a time."""
    depth = deepest = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth -= 1
    return deepest


@settings(max_examples=2000, deadline=None, derandomize=True, database=None)
@given(st.text(alphabet='[]{}"\\a\n', max_size=40))
def test_nesting_depth_matches_the_character_scan(text):
    assert nesting_depth(text) == _nesting_depth_by_characters(text)


def test_nesting_depth_of_a_deep_text_is_fast_and_exact():
    text = '["' + '[' * 50 + '\\"' + '",' + "[" * 200_000 + "]" * 200_000 + ']'
    started = time.process_time()
    assert nesting_depth(text) == 200_001
    fast = time.process_time() - started
    started = time.process_time()
    assert _nesting_depth_by_characters(text) == 200_001
    assert fast * 5 < time.process_time() - started, "no faster than a character-at-a-time scan"
    assert nesting_depth('"[[[\\') == 0 and nesting_depth('"\\"[') == 0 and nesting_depth(']][') == 0
