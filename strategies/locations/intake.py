"""The intake transformations (CONFORMANCE.md I1, CIR-JSON-001, SDP-JSON-001) at every location
of every family's artifacts, embedded ones included: what JSON text the document is sent as.

A transformation puts a marker in the parsed value (a member or a string the family's own
serializer writes like any other), and ``raw`` rewrites the marker in the serialized bytes into
the defect, after digests and signatures were re-derived. Where the value a lenient reader
would get is the original one (a repeated member with the same value, a byte order mark,
trailing data) nothing else changes; a number or a surrogate a lenient reader accepts is not
what was signed, so in a signed family that reader would also see a signature fail (the cases
say so): the reference stops at intake and reports the one code.
"""

from __future__ import annotations

from .walk import CLOSED, FREE_TEXT, NUMBER, OPEN, Location

MARK = "@@intake@@"
_DUP = "@@intake-duplicate@@"
HUGE = 2**53 + 1
DEPTH = 10_000  # past any parser's default recursion limit; 20 kB a vector (100,000 is NAA's intake vector)


def _at_root(v, loc: Location):
    return v if loc.pointer == "" and isinstance(v, dict) else None


def _duplicate(v, loc):
    if not isinstance(v, dict) or not v:
        return None
    return {**v, _DUP + next(iter(v)): v[next(iter(v))]}  # the first member again, same value


def _raw_duplicate(raw: bytes) -> bytes:
    head, sep, tail = raw.partition(b'"' + _DUP.encode())
    return head + b'"' + tail if sep else raw  # the marker prefix goes: the name is the first member's


def _lenient_fits(value: float, node: dict) -> bool:
    """Would the schema's bounds accept what a lenient reader makes of the literal? (NaN compares
    false with every bound, an overflow reads as infinity, a huge integer as itself.)"""
    if value != value:
        return True
    return not (("maximum" in node and value > node["maximum"]) or ("minimum" in node and value < node["minimum"]))


def _number(literal: str, lenient: float):
    """``literal`` in place of a number the schema bounds (where a lenient reading still fits
    them, and an integer member only for an integer literal), or as a new member of an open
    object (where its additional members may be such a number)."""
    integral = isinstance(lenient, int)

    def change(v, loc):
        if loc.kind == NUMBER and isinstance(v, (int, float)) and not isinstance(v, bool):
            fits = _lenient_fits(lenient, loc.node) and (integral or loc.node.get("type") != "integer")
            return MARK if fits else None
        if loc.kind == OPEN and isinstance(v, dict):
            extra = loc.node.get("additionalProperties", True)
            if extra is True or (isinstance(extra, dict) and _lenient_fits(lenient, extra)):
                return {**v, "x-intake": MARK}
        return None
    return change, lambda raw: raw.replace(f'"{MARK}"'.encode(), literal.encode(), 1)


def _surrogate(v, loc):
    return v + MARK if isinstance(v, str) else None


def _nested(v, loc):
    # at each artifact's root (the document and each embedded artifact): a parser's depth limit
    # is one code path, so the other objects would add bytes, not reach
    return {**v, "x-intake": MARK} if isinstance(v, dict) and "$id" in loc.node else None


def _raw_surrogate(raw: bytes) -> bytes:
    return raw.replace(MARK.encode(), b"\\ud800", 1)


def _raw_nested(raw: bytes) -> bytes:
    return raw.replace(f'"{MARK}"'.encode(), b"[" * DEPTH + b"]" * DEPTH, 1)


def _intake(code):
    return lambda v, loc: ("intake", code)


OBJECTS = (CLOSED, OPEN)
_NAN, _OVERFLOW, _HUGE = _number("NaN", float("nan")), _number("1e400", float("inf")), _number(str(HUGE), HUGE)


def transformations(T) -> tuple:
    """Built by transforms (which owns the Transformation type) so this module stays below it."""
    return (
        T("json.byte-order-mark", OBJECTS, _at_root, _intake("json-encoding"), "a UTF-8 byte order mark first",
          raw=lambda raw: b"\xef\xbb\xbf" + raw, lossless=True),
        T("json.trailing-data", OBJECTS, _at_root, _intake("json-syntax"), "a second JSON value after the document",
          raw=lambda raw: raw + b" {}", lossless=True),
        T("json.duplicate-name", OBJECTS, _duplicate, _intake("json-duplicate-key"),
          "the object's first member repeated with the same value", raw=_raw_duplicate, lossless=True),
        T("json.non-finite", (NUMBER, OPEN), _NAN[0], _intake("json-number"), "NaN (a lenient reader's "
          "value differs from the signed one)", raw=_NAN[1]),
        T("json.overflow", (NUMBER, OPEN), _OVERFLOW[0], _intake("json-number"), "1e400, past a double",
          raw=_OVERFLOW[1]),
        T("json.huge-integer", (NUMBER, OPEN), _HUGE[0], _intake("json-number"), "the integer 2^53 + 1",
          raw=_HUGE[1]),
        T("json.lone-surrogate", (FREE_TEXT,), _surrogate, _intake("json-lone-surrogate"),
          "an escaped lone surrogate \\ud800 at the end of the text", raw=_raw_surrogate),
        T("json.deep-nesting", OBJECTS, _nested, lambda v, loc: ("acceptable", "json-syntax"),
          "10,000 nested arrays as a new member (acceptable either way: the implementation must answer)",
          raw=_raw_nested),
    )
