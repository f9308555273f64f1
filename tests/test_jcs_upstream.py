"""The JCS layer reproduces the RFC 8785 reference test data byte for byte.

Data: UPSTREAM/jcs/ (cyberphone/json-canonicalization ``testdata/``; see SOURCES.md;
UPSTREAM as in tests/conftest.py). Every test needs it: without it the module is skipped. ``input/X.json`` must canonicalize to exactly the bytes of ``output/X.json``
(no trailing newline), which also equal the space-separated hex in ``outhex/X.txt``.
``es6testfile10k.txt`` holds ``hex-ieee754,expected`` lines: the ECMAScript number
serialization RFC 8785 §3.2.2.3 requires.
"""

from __future__ import annotations

import json
import math
import struct

import pytest

from conformance.reference.shared.canonical import canonical_bytes
from tests.conftest import skip_module_without_upstream

JCS = skip_module_without_upstream() / "jcs"
NAMES = sorted(p.stem for p in (JCS / "input").glob("*.json"))


def test_all_six_upstream_inputs_are_present():
    # The parametrization below must not silently shrink to nothing.
    assert NAMES == ["arrays", "french", "structures", "unicode", "values", "weird"]


def _outhex(name: str) -> bytes:
    return bytes.fromhex("".join((JCS / "outhex" / f"{name}.txt").read_text("ascii").split()))


@pytest.mark.parametrize("name", NAMES)
def test_input_canonicalizes_to_expected_output(name):
    # json.loads keeps the exact double of every number literal, which is what RFC 8785 serializes.
    value = json.loads((JCS / "input" / f"{name}.json").read_bytes().decode("utf-8"))
    expected = (JCS / "output" / f"{name}.json").read_bytes()
    got = canonical_bytes(value)
    assert got == expected
    assert got == _outhex(name)


@pytest.mark.parametrize("name", NAMES)
def test_output_is_a_fixed_point(name):
    # Canonical output canonicalizes to itself.
    expected = (JCS / "output" / f"{name}.json").read_bytes()
    assert canonical_bytes(json.loads(expected.decode("utf-8"))) == expected


def _number_lines():
    lines = (JCS / "es6testfile10k.txt").read_text("ascii").splitlines()
    out = []
    for line in lines:
        hex_bits, expected = line.split(",")
        value = struct.unpack(">d", bytes.fromhex(hex_bits.zfill(16)))[0]
        out.append((hex_bits, value, expected))
    return out


def test_es6_number_serialization_10k():
    cases = _number_lines()
    assert len(cases) == 10_000
    # The generator's edge-case list contains no NaN or Infinity, and neither do the random
    # lines: nothing is skipped.
    non_finite = [h for h, v, _ in cases if not math.isfinite(v)]
    assert non_finite == []
    mismatches = []
    for hex_bits, value, expected in cases:
        got = canonical_bytes(value)
        if got != expected.encode("ascii"):
            mismatches.append((hex_bits, expected, got))
    assert mismatches == []


def test_es6_number_file_covers_the_edge_cases():
    # Sanity: the file's first lines are the documented edge cases (so the test above is not vacuous).
    cases = {h: e for h, _, e in _number_lines()}
    assert cases["0"] == "0"
    assert cases["8000000000000000"] == "0"  # -0 serializes as 0
    assert cases["1"] == "5e-324"
    assert cases["7fefffffffffffff"] == "1.7976931348623157e+308"
    assert canonical_bytes(-0.0) == b"0"
    assert canonical_bytes(1e21) == b"1e+21"
    assert canonical_bytes(1e20) == b"100000000000000000000"
    assert canonical_bytes(1e-7) == b"1e-7"
    assert canonical_bytes(1e-6) == b"0.000001"
