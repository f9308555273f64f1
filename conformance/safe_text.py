"""Text that came from an implementation or a document, made safe to print and to embed.

An implementation controls its error messages, stderr, skip reasons and name; a vector
controls its documents. Printed raw, such text can move the cursor, retitle the terminal,
reorder a line (bidi overrides) or start a line of its own that forges the suite's verdict.
Every character that could do so is shown as a visible escape (``\\x1b``, ``\\u202e``),
and text that spans several lines is indented, so no line of it starts at column 0.

XML 1.0 forbids most C0 characters, lone surrogates and U+FFFE/U+FFFF; :func:`xml_safe`
escapes those the same way, so a report always parses.
"""

from __future__ import annotations

import re

# C0 (tab included: it moves the cursor), DEL, C1, line/paragraph separators, bidi
# embeddings/overrides/isolates and marks, and lone surrogates (unprintable and unencodable).
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]")
_UNSAFE_KEEP_NEWLINE = re.compile(_UNSAFE.pattern.replace("\x00-\x1f", "\x00-\x09\x0b-\x1f"))
# What XML 1.0 cannot carry at all (https://www.w3.org/TR/xml/#charsets).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _escape(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def one_line(text) -> str:
    """``text`` on a single line, every control, bidi and separator character escaped."""
    return _UNSAFE.sub(_escape, str(text))


def block(text, indent: str = "    ") -> str:
    """``text`` with controls escaped; its second and later lines start with ``indent``."""
    lines = _UNSAFE_KEEP_NEWLINE.sub(_escape, str(text)).split("\n")
    return ("\n" + indent).join(lines)


def xml_safe(text) -> str:
    """``text`` with the characters XML 1.0 forbids escaped (``\\x00``, ``\\udc80``)."""
    return _NOT_XML.sub(_escape, str(text))



def json_dumps(value, **options) -> str:
    """``json.dumps`` with ``ensure_ascii=False`` whose output always encodes as UTF-8: a lone
    surrogate (an implementation may send one) is written as its ``\\uXXXX`` escape."""
    import json

    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(value, ensure_ascii=False, **options))


_SURROGATE = re.compile("[\ud800-\udfff]")


def safe_tree(value):
    """A JSON value (a report) with every string, names included, made safe as :func:`block`
    does without indenting: what renderers of the report (HTML, Markdown) start from."""
    if isinstance(value, str):
        return _UNSAFE_KEEP_NEWLINE.sub(_escape, value)
    if isinstance(value, dict):
        return {safe_tree(k): safe_tree(v) for k, v in value.items()}
    if isinstance(value, list):
        return [safe_tree(v) for v in value]
    return value
