"""Key material and timestamps are decoded once per value, not once per use; what does not
decode still fails every time, with the same error."""

from __future__ import annotations

import pytest

from conformance.reference.shared import keys, rfc3339, signatures

NODE_KEY = keys.encode_multibase_ed25519(signatures.public_key(b"\x01" * 32))


def test_did_key_decoding_is_cached(monkeypatch):
    identity = "node:did:key:" + NODE_KEY
    expected = keys.did_key_public_key(identity)
    calls = []
    real = keys.base58.b58decode
    monkeypatch.setattr(keys.base58, "b58decode", lambda data: calls.append(data) or real(data))
    assert [keys.did_key_public_key(identity) for _ in range(5)] == [expected] * 5
    assert calls == []  # decoded before: every use is a cache hit
    for bad in ("z0OIl", "z", "zz", 5, None, ["z"]):
        for _ in range(2):
            with pytest.raises(keys.KeyError_):
                keys.decode_multibase_ed25519(bad)


def test_timestamps_are_parsed_once_and_bad_ones_still_fail():
    text = "2026-04-17T12:00:00.123456789+02:00"
    first = rfc3339.instant(text)
    hits = rfc3339._instant.cache_info().hits
    assert rfc3339.instant(text) == first and rfc3339._instant.cache_info().hits == hits + 1
    for bad in ("2026-02-30T12:00:00Z", "2026-04-17T12:00:00Z\n", 5, None, ["x"]):
        with pytest.raises(ValueError):
            rfc3339.instant(bad)
        assert rfc3339.is_date_time(bad) is False
