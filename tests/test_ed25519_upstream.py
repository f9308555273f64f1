"""The signature layer's verdicts on published Ed25519 test vectors.

Data: UPSTREAM/ed25519/ (see SOURCES.md; UPSTREAM as in tests/conftest.py):
- wycheproof/ed25519_test.json (C2SP/wycheproof testvectors_v1): 151 EddsaVerify tests,
  88 valid, 63 invalid, none ``acceptable``;
- rfc8032/rfc8032-ed25519.json (noble-curves; RFC 8032 §7.1 TEST 1, 2, 1024 plus line 318 of
  sign.input) and rfc8032/sign.input (SUPERCOP, 1,024 lines ``sk||pk:pk:msg:sig||msg:``);
- speccheck/cases.json (novifinancial/ed25519-speccheck): 12 edge cases, indexed 0-11.

The suite's documented policy is libsodium-strict (signatures.py: PyNaCl plus an explicit
S < L check), so on speccheck only case 3 verifies.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest

from conformance.reference.shared import keys, signatures
from conformance.reference.shared.signatures import L, s_is_canonical, sign, verify


@pytest.fixture(scope="module")
def ed(upstream) -> Path:
    return upstream / "ed25519"



# --------------------------------------------------------------------------- Wycheproof

def _wycheproof_cases(ed: Path):
    data = json.loads((ed / "wycheproof" / "ed25519_test.json").read_text("utf-8"))
    cases = []
    for group in data["testGroups"]:
        assert group["type"] == "EddsaVerify"
        pk = bytes.fromhex(group["publicKey"]["pk"])
        for t in group["tests"]:
            cases.append((t["tcId"], t["comment"], pk, bytes.fromhex(t["msg"]),
                          bytes.fromhex(t["sig"]), t["result"]))
    return data, cases


def test_wycheproof_inventory(ed):
    data, cases = _wycheproof_cases(ed)
    assert len(cases) == data["numberOfTests"] == 151
    results = [c[-1] for c in cases]
    assert results.count("valid") == 88
    assert results.count("invalid") == 63
    assert "acceptable" not in results


def test_wycheproof_every_verdict_matches_result(ed):
    _, cases = _wycheproof_cases(ed)
    mismatches = []
    for tc_id, comment, pk, msg, sig, result in cases:
        assert result in ("valid", "invalid")
        if verify(pk, msg, sig) != (result == "valid"):
            mismatches.append((tc_id, comment, result))
    assert mismatches == []


# --------------------------------------------------------------------------- RFC 8032 / SUPERCOP

def test_rfc8032_json_vectors_verify_and_resign(ed):
    vectors = json.loads((ed / "rfc8032" / "rfc8032-ed25519.json").read_text("utf-8"))
    assert len(vectors) == 4
    for v in vectors:
        seed, pk = bytes.fromhex(v["priv"]), bytes.fromhex(v["pub"])
        msg, sig = bytes.fromhex(v["msg"]), bytes.fromhex(v["sig"])
        assert signatures.public_key(seed) == pk
        assert verify(pk, msg, sig) is True
        assert sign(seed, msg) == sig
        # A one-bit change in the message or the signature must be rejected.
        assert verify(pk, msg + b"\x00", sig) is False
        flipped = bytearray(sig)
        flipped[0] ^= 1
        assert verify(pk, msg, bytes(flipped)) is False


def _sign_input(ed: Path):
    lines = (ed / "rfc8032" / "sign.input").read_text("ascii").splitlines()
    out = []
    for line in lines:
        fields = line.split(":")
        assert len(fields) == 5 and fields[4] == ""
        sk, pk = bytes.fromhex(fields[0]), bytes.fromhex(fields[1])
        msg, sigmsg = bytes.fromhex(fields[2]), bytes.fromhex(fields[3])
        assert len(sk) == 64 and sk[32:] == pk
        assert sigmsg[64:] == msg
        out.append((sk[:32], pk, msg, sigmsg[:64]))
    return out


def test_sign_input_all_1024_lines_verify_and_resign(ed):
    cases = _sign_input(ed)
    assert len(cases) == 1024
    failures = []
    for lineno, (seed, pk, msg, sig) in enumerate(cases, start=1):
        if not verify(pk, msg, sig):
            failures.append((lineno, "verify"))
        if sign(seed, msg) != sig:
            failures.append((lineno, "re-sign"))
        if signatures.public_key(seed) != pk:
            failures.append((lineno, "public key"))
    assert failures == []


def test_sign_input_rfc_lines_match_rfc8032_json(ed):
    # Lines 1, 2 and 1024 are RFC 8032 TEST 1, 2 and 1024 (entries 1, 2, 4 of the JSON file);
    # JSON entry 3 is sign.input line 318, not RFC TEST 3 (SOURCES.md).
    cases = _sign_input(ed)
    vectors = json.loads((ed / "rfc8032" / "rfc8032-ed25519.json").read_text("utf-8"))
    for entry, line in ((0, 1), (1, 2), (2, 318), (3, 1024)):
        seed, pk, msg, sig = cases[line - 1]
        v = vectors[entry]
        assert (seed.hex(), pk.hex(), msg.hex(), sig.hex()) == (v["priv"], v["pub"], v["msg"], v["sig"])


# --------------------------------------------------------------------------- speccheck

# libsodium-strict policy (the suite's documented choice): exactly case 3 verifies.
# Per SOURCES.md / the speccheck README:
SPECCHECK_EXPECTED = [
    False,  # 0: small-order A and small-order R, S = 0 -> rejected (small-order key/R refused)
    False,  # 1: small-order A only -> rejected (libsodium refuses small-order public keys)
    False,  # 2: small-order R only -> rejected (libsodium refuses small-order R)
    True,   # 3: mixed-order A and R; passes cofactored AND cofactorless -> the only accepted case
    False,  # 4: mixed A/R; passes cofactored, fails cofactorless -> rejected (libsodium is cofactorless)
    False,  # 5: "pre-reduced" 8h scalar -> rejected by the cofactorless equation
    False,  # 6: S > L -> rejected (non-canonical S; RFC 8032 §5.1.7)
    False,  # 7: S >> L -> rejected (non-canonical S)
    False,  # 8: non-canonical R encoding -> rejected
    False,  # 9: non-canonical R encoding -> rejected
    False,  # 10: non-canonical A encoding -> rejected
    False,  # 11: non-canonical A encoding -> rejected (OpenSSL/Go/BoringSSL accept this one)
]


def test_speccheck_libsodium_strict_vector(ed):
    cases = json.loads((ed / "speccheck" / "cases.json").read_text("utf-8"))
    assert len(cases) == 12
    verdicts = [
        verify(bytes.fromhex(c["pub_key"]), bytes.fromhex(c["message"]), bytes.fromhex(c["signature"]))
        for c in cases
    ]
    assert verdicts == SPECCHECK_EXPECTED


def test_speccheck_s_canonicality_matches_cases_6_and_7(ed):
    cases = json.loads((ed / "speccheck" / "cases.json").read_text("utf-8"))
    canonical = [s_is_canonical(bytes.fromhex(c["signature"])) for c in cases]
    assert canonical[6] is False and canonical[7] is False
    assert canonical[3] is True


# --------------------------------------------------------------------------- S malleation

def test_s_plus_l_malleation_is_rejected():
    seed = bytes(range(32))
    pk = signatures.public_key(seed)
    msg = b"node-address-attestation.v1 malleability probe"
    sig = sign(seed, msg)
    assert verify(pk, msg, sig) is True
    assert s_is_canonical(sig) is True
    s = int.from_bytes(sig[32:], "little")
    malleated_s = s + L
    assert malleated_s < 2**256  # S < L, so S + L < 2L < 2^254 still fits in 32 bytes
    malleated = sig[:32] + malleated_s.to_bytes(32, "little")
    assert s_is_canonical(malleated) is False
    assert verify(pk, msg, malleated) is False


def test_s_is_canonical_boundaries():
    r = bytes(32)
    assert s_is_canonical(r + (L - 1).to_bytes(32, "little")) is True
    assert s_is_canonical(r + L.to_bytes(32, "little")) is False
    assert s_is_canonical(r + (L + 1).to_bytes(32, "little")) is False
    assert s_is_canonical(r + (2**256 - 1).to_bytes(32, "little")) is False
    assert s_is_canonical(r + bytes(32)) is True


def test_wrong_lengths_rejected():
    seed = bytes(32)
    pk = signatures.public_key(seed)
    sig = sign(seed, b"m")
    assert verify(pk, b"m", sig) is True
    assert verify(pk, b"m", sig[:63]) is False
    assert verify(pk, b"m", sig + b"\x00") is False
    assert verify(pk[:31], b"m", sig) is False


# --------------------------------------------------------------------------- decode_signature_value

def _canonical_value(sig: bytes) -> str:
    return base64.urlsafe_b64encode(sig).rstrip(b"=").decode("ascii")


SIG = sign(bytes(range(32)), b"decode probe")
VALUE = _canonical_value(SIG)


def test_decode_signature_value_accepts_canonical():
    assert len(VALUE) == 86
    assert keys.decode_signature_value(VALUE) == SIG
    # All 64-byte values round-trip, including ones using '-' and '_'.
    tricky = bytes([0xFB, 0xFF, 0xBF] * 21 + [0xF0])
    v = _canonical_value(tricky)
    assert "-" in v and "_" in v
    assert keys.decode_signature_value(v) == tricky


@pytest.mark.parametrize(
    "bad",
    [
        VALUE + "==",  # padded
        base64.b64encode(bytes([0xFB, 0xFF, 0xBF] * 21 + [0xF0])).rstrip(b"=").decode(),  # '+' and '/'
        VALUE[:85],  # 85 chars
        VALUE + "A",  # 87 chars
        VALUE[:84],  # 84 chars: a canonical 63-byte value
        _canonical_value(SIG + b"\x00"),  # 87 chars: 65 bytes
    ],
    ids=["padded", "standard-alphabet", "85-chars", "87-chars", "63-bytes", "65-bytes"],
)
def test_decode_signature_value_rejects(bad):
    with pytest.raises(keys.KeyError_):
        keys.decode_signature_value(bad)


def test_standard_alphabet_value_really_uses_plus_and_slash():
    std = base64.b64encode(bytes([0xFB, 0xFF, 0xBF] * 21 + [0xF0])).rstrip(b"=").decode()
    assert "+" in std and "/" in std and len(std) == 86
    with pytest.raises(keys.KeyError_, match="standard base64"):
        keys.decode_signature_value(std)


def test_padded_value_message():
    with pytest.raises(keys.KeyError_, match="padded"):
        keys.decode_signature_value(VALUE + "==")


@pytest.mark.parametrize("last", [c for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"])
def test_decode_signature_value_pad_bits(last):
    value = VALUE[:85] + last
    if last in "AQgw":
        # Pad bits zero: canonical, and it decodes to 64 bytes whose encoding is the same text.
        decoded = keys.decode_signature_value(value)
        assert len(decoded) == 64
        assert _canonical_value(decoded) == value
    else:
        # Nonzero pad bits: a second spelling of some 64 bytes, refused.
        with pytest.raises(keys.KeyError_):
            keys.decode_signature_value(value)


@pytest.mark.parametrize("value", [None, 12, b"x" * 86, [VALUE], {"v": VALUE}, VALUE.encode("ascii")])
def test_decode_signature_value_rejects_non_strings(value):
    with pytest.raises(keys.KeyError_):
        keys.decode_signature_value(value)


@pytest.mark.parametrize("value", ["", " " + VALUE[1:], VALUE[:85] + ".", VALUE[:40] + "\n" + VALUE[41:],
                                   VALUE[:85] + "é"])
def test_decode_signature_value_rejects_other_characters(value):
    with pytest.raises(keys.KeyError_):
        keys.decode_signature_value(value)
