"""JSON intake: one I-JSON value (RFC 7493), the input RFC 8785 requires.

Python's ``json`` parses; hooks reject what it would otherwise let through: duplicate
member names, NaN/Infinity literals, numbers that overflow a double or integers past
2^53, and escaped lone surrogates. Raw bytes are decoded as strict UTF-8 (which already
refuses encoded surrogates); a byte order mark is refused.
"""

from __future__ import annotations

import json
import math
import re

from .findings import ERROR, Finding

MAX_SAFE_INTEGER = 2**53 - 1
MAX_DEPTH = 128  # nesting limit (RFC 8259 §9 lets a parser set one); the suite's cases never need more


class IntakeError(ValueError):
    def __init__(self, finding: Finding):
        super().__init__(finding.message)
        self.finding = finding


def _fail(code: str, message: str, where: str = "") -> IntakeError:
    return IntakeError(Finding(code, ERROR, where, message))


class _Duplicate(Exception):
    pass


def _object_pairs(pairs):
    seen = set()
    for key, _ in pairs:
        if key in seen:
            raise _Duplicate(key)
        seen.add(key)
    return dict(pairs)


def _constant(name):
    raise _fail("json-number", f"non-finite number literal {name} is not JSON")


def _parse_float(text: str) -> float:
    value = float(text)
    if math.isinf(value):
        raise _fail("json-number", f"number {text} overflows an IEEE 754 double")
    return value


def _parse_int(text: str):
    if len(text.lstrip("-")) > 16:  # past 2^53 for sure; also avoids int()'s 4,300-digit limit
        raise _fail("json-number", f"integer {text[:40]}... is outside the I-JSON exact range (|n| <= 2^53-1)")
    value = int(text)
    if abs(value) > MAX_SAFE_INTEGER:
        raise _fail("json-number", f"integer {text} is outside the I-JSON exact range (|n| <= 2^53-1)")
    return value


_SURROGATE = re.compile("[\ud800-\udfff]")
# Strict UTF-8 decoding refuses encoded surrogates, so a lone one can only come from a \u escape
# of D800-DFFF. Text without such an escape needs no walk (an escaped backslash before "ud8.."
# only costs the walk, never a wrong answer).
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _has_lone_surrogate(value) -> bool:
    if isinstance(value, str):
        return _SURROGATE.search(value) is not None
    if isinstance(value, dict):
        return any(_has_lone_surrogate(k) or _has_lone_surrogate(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_lone_surrogate(v) for v in value)
    return False


def decode_text(raw: bytes) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        raise _fail("json-encoding", "document starts with a UTF-8 byte order mark")
    try:
        return raw.decode("utf-8", errors="strict")
    except UnicodeDecodeError as exc:
        raise _fail("json-encoding", f"invalid UTF-8 at byte {exc.start}") from None


# A string literal, escapes included; an unterminated one runs to the end of the text.
_STRING = re.compile(r'"(?:[^"\\]|\\(?:.|\Z))*(?:"|\Z)', re.DOTALL)
_RUN = re.compile(r"[\[{]+|[\]}]+")  # outside strings: a run of openers or of closers


def nesting_depth(text: str) -> int:
    """Deepest array/object nesting of a JSON text, counted outside strings, without recursion
    (and without a Python-level loop over every character: deep texts are long)."""
    depth = deepest = 0
    for run in _RUN.findall(_STRING.sub("", text)):
        depth += len(run) if run[0] in "[{" else -len(run)
        deepest = max(deepest, depth)
    return deepest


def parse(raw: bytes, last_wins: bool = False):
    """Parse raw bytes into a JSON value or raise IntakeError with the outcome code;
    ``last_wins`` (interpretation I1 ``last-duplicate-wins``): a repeated member name keeps its
    last value instead of being refused."""
    text = decode_text(raw)
    # A text cannot nest deeper than it has openers: most documents need no scan.
    if text.count("[") + text.count("{") > MAX_DEPTH and nesting_depth(text) > MAX_DEPTH:
        raise _fail("json-syntax", f"nesting deeper than {MAX_DEPTH} levels")
    try:
        value = json.loads(
            text,
            object_pairs_hook=dict if last_wins else _object_pairs,
            parse_constant=_constant,
            parse_float=_parse_float,
            parse_int=_parse_int,
        )
    except IntakeError:
        raise
    except _Duplicate as exc:
        raise _fail("json-duplicate-key", f"duplicate member name {exc.args[0]!r}") from None
    except json.JSONDecodeError as exc:
        what = "trailing data after the JSON value" if exc.msg == "Extra data" else exc.msg
        raise _fail("json-syntax", f"{what} at line {exc.lineno} column {exc.colno}") from None
    except RecursionError:
        raise _fail("json-syntax", "nesting too deep") from None
    if _SURROGATE_ESCAPE.search(text) and _has_lone_surrogate(value):
        raise _fail("json-lone-surrogate", "a string holds a lone UTF-16 surrogate")
    return value
