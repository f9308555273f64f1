"""Mutations of the intake (I-JSON: NAA-JSON-*) group."""

from __future__ import annotations

import json

from hypothesis import strategies as st

from ...shared import keys as K
from ..build import Spec, build, fake_digest
from .base import NotApplicable, Outcome, doc_bytes, invalid, mutation, valid


_DUP_MARK = "__conformance_duplicate__"


def _with_duplicate(spec: Spec, where: str, position: str, same: bool) -> bytes:
    doc = build(spec)
    if where == "top":
        target, member = doc, "claim/digest"
        value = doc[member] if same else fake_digest("duplicate claim")
    elif where == "endpoint":
        target, member = doc["endpoint"], "host"
        value = doc["endpoint"]["host"] if same else "attacker.example"
    else:
        target, member = doc["evidence"][0], "signer/id"
        value = target[member] if same else K.STRANGER.node_id
    items = list(target.items())
    marker = (_DUP_MARK, 0)
    items = [marker] + items if position == "first" else items + [marker]
    target.clear()
    target.update(items)
    text = json.dumps(doc, ensure_ascii=False)
    return text.replace(f'"{_DUP_MARK}": 0', f'"{member}": {json.dumps(value, ensure_ascii=False)}').encode("utf-8")


@mutation("intake.duplicate-key", "intake", ["NAA-JSON-003"], ["DuplicateKey"],
          params={"where": st.sampled_from(["top", "endpoint", "evidence"]),
                  "position": st.sampled_from(["first", "last"]), "same": st.booleans()},
          vectors=[("top-first-conflicting", {"where": "top", "position": "first", "same": False}, "directory-confirmed"),
                   ("top-last-conflicting", {"where": "top", "position": "last", "same": False}, "directory-confirmed"),
                   ("endpoint-host-conflicting", {"where": "endpoint", "position": "first", "same": False}, "self-only"),
                   ("evidence-signer-conflicting", {"where": "evidence", "position": "last", "same": False}, "trusted-peer-confirmed"),
                   ("top-same-value", {"where": "top", "position": "last", "same": True}, "self-only")])
def duplicate_key(spec, p):
    """A member name repeated in one object: first-wins and last-wins parsers disagree, so it is refused."""
    if dict(spec.choices).get("I1") == "last-duplicate-wins":
        # I1 last-duplicate-wins: the document read is the undisturbed one when its own value comes last
        if p["position"] == "last" and not p["same"]:
            raise NotApplicable("the conflicting value comes last: what it changes is not modelled")
        return valid(spec, _with_duplicate(spec, p["where"], p["position"], p["same"]))
    return invalid(spec, _with_duplicate(spec, p["where"], p["position"], p["same"]), {"json-duplicate-key"}, "intake")


_ID_PREFIX = b'"attestation:node-address:'


def _inject_in_id(raw: bytes, payload: bytes) -> bytes:
    return raw.replace(_ID_PREFIX, _ID_PREFIX + payload, 1)


@mutation("intake.invalid-utf8", "intake", ["NAA-JSON-001"], ["InvalidUtf8"],
          params={"bytes": st.sampled_from(["ff", "c3", "c0af", "eda080", "f4908080", "e282"])},
          vectors=[(f"bytes-{h}", {"bytes": h}, "self-only") for h in ["ff", "c0af", "eda080", "f4908080"]])
def invalid_utf8(spec, p):
    """Bytes that are not UTF-8 (stray, overlong, CESU-8 surrogate, past U+10FFFF) inside a string."""
    return invalid(spec, _inject_in_id(doc_bytes(spec), bytes.fromhex(p["bytes"])), {"json-encoding"}, "intake")


@mutation("intake.byte-order-mark", "intake", ["NAA-JSON-001"], ["ByteOrderMark"],
          vectors=[("bom", {}, "self-only")])
def byte_order_mark(spec, p):
    """A UTF-8 byte order mark before the JSON text."""
    return invalid(spec, b"\xef\xbb\xbf" + doc_bytes(spec), {"json-encoding"}, "intake")


@mutation("intake.lone-surrogate", "intake", ["NAA-JSON-004"], ["LoneSurrogate"],
          params={"escape": st.sampled_from(["\\ud800", "\\udfff", "\\udc00\\ud800", "\\ud83dx"])},
          vectors=[("high", {"escape": "\\ud800"}, "self-only"), ("reversed-pair", {"escape": "\\udc00\\ud800"}, "self-only")])
def lone_surrogate(spec, p):
    """An escaped lone surrogate: not a Unicode scalar value, so not canonicalizable."""
    return invalid(spec, _inject_in_id(doc_bytes(spec), p["escape"].encode()), {"json-lone-surrogate"}, "intake")


@mutation("intake.number-domain", "intake", ["NAA-JSON-005"], ["NonFiniteNumber"],
          params={"literal": st.sampled_from(["NaN", "Infinity", "-Infinity", "1e400", "-1E309", "9007199254740993"])},
          vectors=[(lit.lower(), {"literal": lit}, "self-only") for lit in ["NaN", "Infinity", "1e400", "9007199254740993"]])
def number_domain(spec, p):
    """A number outside the I-JSON domain in an open member (NaN, Infinity, overflow, > 2^53)."""
    raw = doc_bytes(spec)
    return invalid(spec, raw[:-1] + f', "x-number": {p["literal"]}}}'.encode(), {"json-number"}, "intake")


@mutation("intake.trailing-data", "intake", ["NAA-JSON-002"], ["TrailingData"],
          params={"tail": st.sampled_from(["x", "{}", "]", "\x00", ",", " // comment", "\n{}"])},
          vectors=[("second-object", {"tail": "{}"}, "self-only"), ("garbage", {"tail": "x"}, "self-only"),
                   ("nul", {"tail": "\x00"}, "self-only")])
def trailing_data(spec, p):
    """Data after the JSON value."""
    return invalid(spec, doc_bytes(spec) + p["tail"].encode(), {"json-syntax"}, "intake")


@mutation("intake.deep-nesting", "intake", ["NAA-JSON-002"], ["DeepNesting"],
          params={"depth": st.sampled_from([64, 100_000])},
          vectors=[("depth-64", {"depth": 64}, "self-only"), ("depth-100000", {"depth": 100_000}, "self-only")])
def deep_nesting(spec, p):
    """Deeply nested arrays in an open member. 64 levels are valid everywhere; 100,000 levels are
    `acceptable`: RFC 8259 §9 lets a parser limit nesting, but the implementation must answer, not crash."""
    depth = p["depth"]
    if depth <= 64:
        nested: list = []
        for _ in range(depth - 1):
            nested = [nested]
        return valid(spec.with_(overrides={**spec.overrides, "x-deep": nested}))  # signed like any member
    raw = doc_bytes(spec)
    raw = raw[:-1] + b', "x-deep": ' + b"[" * depth + b"]" * depth + b"}"
    return Outcome(raw, "acceptable", None, frozenset(), spec)


@mutation("intake.equivalent-text", "intake", ["NAA-JSON-002", "NAA-DIGEST-001"], ["EquivalentEncoding"],
          params={"form": st.sampled_from(["ascii-escapes", "indented", "trailing-whitespace"])},
          vectors=[("ascii-escapes", {"form": "ascii-escapes"}, "non-ascii"), ("indented", {"form": "indented"}, "self-only"),
                   ("trailing-whitespace", {"form": "trailing-whitespace"}, "directory-accepted")])
def equivalent_text(spec, p):
    """The same JSON value written differently (\\u escapes, indentation, trailing whitespace): still valid,
    because digests and signatures are over RFC 8785 bytes of the parsed value, not the text."""
    form = p["form"]
    if form == "ascii-escapes":
        raw = doc_bytes(spec, ascii_only=True)
    elif form == "indented":
        raw = doc_bytes(spec, indent=2)
    else:
        raw = doc_bytes(spec) + b" \r\n\t\n"
    return valid(spec, raw)
