"""The transformations per location kind, and the outcome each one has by construction.

An ``Effect`` is what the transformed value does to the document: ``schema`` (a schema keyword
rejects it: the code comes from the schema's ``x-code`` or the keyword's default), ``key`` (the
schema accepts it but the spec's key rule rejects it: the family's key code), ``signature`` (a
verified signature value that is not canonical base64url), or ``valid`` (nothing rejects it).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable

import base58

from conformance.ecma import ecma_regex

from . import intake
from .walk import ARRAY, CLOSED, DATETIME, DIDKEY, DIGEST, NUMBER, PATTERN, Location

ED25519 = b"\xed\x01"
SECP256K1 = b"\xe7\x01"  # another key type's multicodec: the same 32 bytes must not decode as Ed25519
SIGNATURE = "signature-value"  # a location kind the families declare (not from the schema)
NOT_DECODED = "not-decoded"  # a did:key the spec never decodes (declared by the families)
KEY_PAIR = "key-pair"  # the second form of a key an artifact carries twice (declared by the families)
TEXT_KINDS = (PATTERN, DIDKEY, DIGEST)


@dataclass(frozen=True)
class Transformation:
    name: str  # "<group>.<what>", e.g. "text.trailing-newline"
    kinds: tuple
    change: Callable  # (value, Location) -> new value, or None when it does not apply to this value
    effect: Callable  # (new value, Location) -> ("schema", keyword) | ("key", None) | ("signature", None) | ("valid", None)
    #                   | ("intake", code) | ("acceptable", None)
    note: str
    lossless: bool = False  # a reader that ignores the defect gets the valid document back (no re-derivation)
    raw: Callable | None = None  # bytes -> bytes: the serialized document's markers made into the defect (intake)


def _pattern_effect(value, loc: Location):
    if not ecma_regex(loc.node["pattern"]).search(value):
        return "schema", "pattern"
    return None  # the schema accepts it: not a case of this transformation here


def _text(suffix="", prefix=""):
    return lambda v, loc: prefix + v + suffix if isinstance(v, str) else None


def _did_parts(value: str):
    """(prefix up to and including 'did:key:', the 32 key bytes) of a well-formed Ed25519 did:key."""
    head, sep, mb = value.rpartition("did:key:")
    if not sep or not mb.startswith("z"):
        return None
    raw = base58.b58decode(mb[1:])
    return (head + sep, raw[2:]) if raw[:2] == ED25519 and len(raw) == 34 else None


def _did(make):
    def change(v, loc):
        got = _did_parts(v) if isinstance(v, str) else None
        return None if got is None else got[0] + make(got[1])
    return change


def _z(raw: bytes) -> str:
    return "z" + base58.b58encode(raw).decode("ascii")


def _non_base58(key: bytes) -> str:
    text = _z(ED25519 + key)
    return text[:5] + "0" + text[6:]  # '0' is no base58btc digit


def _key_effect(value, loc: Location):
    """A decoded did:key: the pattern, else the key rule. One the spec never decodes (a key
    reference, a pod user, a successor): the pattern, else nothing (valid)."""
    rejected = _pattern_effect(value, loc) if "pattern" in loc.node else None
    return rejected or (("valid", None) if loc.kind == NOT_DECODED else ("key", None))


def _date_lower(v, loc):
    return v.replace("T", "t").replace("Z", "z") if isinstance(v, str) and ("T" in v or "Z" in v) else None


def _minus_zero(v, loc):
    return v[:-1] + "-00:00" if isinstance(v, str) and v.endswith("Z") else None


def _unknown_member(v, loc):
    if not isinstance(v, dict):
        return None
    if len(v) < loc.node.get("maxProperties", len(v) + 1):
        return {**v, "x-unknown-member": True}
    # full (maxProperties): an added member would break maxProperties too, so an optional member
    # gives its place (and value) to the unknown one
    optional = [k for k in v if k not in loc.node.get("required", ())]
    if not optional:
        return None
    return {**{k: x for k, x in v.items() if k != optional[-1]}, "x-unknown-member": v[optional[-1]]}


I_JSON_MAX = 2**53 - 1  # past it a number is an intake defect (the intake transformations' own case)


def _above(v, loc):
    return loc.node["maximum"] + 1 if "maximum" in loc.node and loc.node["maximum"] < I_JSON_MAX else None


def _below(v, loc):
    return loc.node["minimum"] - 1 if "minimum" in loc.node else None


def _fewer_items(v, loc):
    return v[:loc.node["minItems"] - 1] if isinstance(v, list) and loc.node.get("minItems", 0) > 0 else None


def _schema(keyword):
    return lambda v, loc: ("schema", keyword)


def _always(effect):
    return lambda v, loc: (effect, None)


TEXT = (
    Transformation("text.trailing-newline", TEXT_KINDS, _text("\n"), _pattern_effect, "a final LF ($ must not match before it)"),
    Transformation("text.trailing-crlf", TEXT_KINDS, _text("\r\n"), _pattern_effect, "a final CR LF"),
    Transformation("text.trailing-u2028", TEXT_KINDS, _text("\u2028"), _pattern_effect, "a final U+2028 LINE SEPARATOR"),
    Transformation("text.leading-space", TEXT_KINDS, _text(prefix=" "), _pattern_effect, "a leading space"),
)
DATE = (
    Transformation("date.trailing-newline", (DATETIME,), _text("\n"), _schema("format"), "a final LF after a valid date-time"),
    Transformation("date.lowercase-t-z", (DATETIME,), _date_lower, _always("valid"), "lowercase t and z are RFC 3339 (valid)"),
    Transformation("date.minus-zero-offset", (DATETIME,), _minus_zero, _always("valid"), "-00:00 for Z is RFC 3339 (valid)"),
)
DIDKEY_KINDS = ("decoded",)
DIDKEY_DECODE = (
    Transformation("didkey.other-multicodec", DIDKEY_KINDS, _did(lambda k: _z(SECP256K1 + k)), _key_effect,
                   "multicodec 0xe701 with the same 32 key bytes"),
    Transformation("didkey.truncated-key", DIDKEY_KINDS, _did(lambda k: _z(ED25519 + k[:31])), _key_effect, "31 key bytes"),
    Transformation("didkey.extended-key", DIDKEY_KINDS, _did(lambda k: _z(ED25519 + k + b"\x00")), _key_effect, "33 key bytes"),
    Transformation("didkey.hex-multibase", DIDKEY_KINDS, _did(lambda k: "f" + (ED25519 + k).hex()), _key_effect,
                   "multibase 'f' (hex) for 'z'"),
    Transformation("didkey.non-base58", DIDKEY_KINDS, _did(_non_base58), _key_effect, "a '0', which is no base58btc digit"),
)
STRUCTURE = (
    Transformation("closed.unknown-member", (CLOSED,), _unknown_member, _schema("additionalProperties"),
                   "an unknown member in a closed object"),
    Transformation("number.above-maximum", (NUMBER,), _above, _schema("maximum"), "maximum + 1"),
    Transformation("number.below-minimum", (NUMBER,), _below, _schema("minimum"), "minimum - 1"),
    Transformation("array.too-few-items", (ARRAY,), _fewer_items, _schema("minItems"), "minItems - 1 items"),
)
SIGNATURES = (
    Transformation("sigvalue.trailing-newline", (SIGNATURE,), _text("\n"), _always("signature"), "a final LF"),
    Transformation("sigvalue.padded", (SIGNATURE,), _text("=="), _always("signature"), "base64 padding"),
)
# the same changes where the spec never decodes the did:key: valid unless the pattern refuses it
UNDECODED = tuple(replace(t, name="undecoded." + t.name.split(".", 1)[1], kinds=(NOT_DECODED,),
                          note=t.note + " in a did:key no rule decodes") for t in DIDKEY_DECODE)


def _other_key(v, loc):
    return loc.node["other"] if isinstance(v, str) and v != loc.node["other"] else None


KEYS = (  # the site re-derives: "other-signs" signs with the key the second form names
    Transformation("keys.other-signs", (KEY_PAIR,), _other_key, _always("pair"),
                   "the second form names another key, and that key signs (the designated one does not verify)"),
    Transformation("keys.designated-signs", (KEY_PAIR,), _other_key, _always("pair"),
                   "the second form names another key; the designated form's key signs"),
)
INTAKE = intake.transformations(Transformation)
ALL = TEXT + DATE + DIDKEY_DECODE + STRUCTURE + SIGNATURES + KEYS + UNDECODED + INTAKE


def for_kind(kind: str) -> tuple[Transformation, ...]:
    return tuple(t for t in ALL if kind in t.kinds)
