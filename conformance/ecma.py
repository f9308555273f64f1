"""ECMA-262 meaning of JSON Schema ``pattern``s in Python's ``re``: JSON Schema patterns are
ECMA-262, where ``$`` is the end of input (Python's also matches before a final newline) and
``.`` excludes every line terminator (Python's excludes only ``\n``). One translation, used by
the reference's schema stage and by the case builders that must know what a pattern accepts."""

from __future__ import annotations

import re
from functools import lru_cache


@lru_cache(maxsize=None)
def ecma_regex(pattern: str) -> re.Pattern:
    """Python regex with ECMA-262 meaning for ``$`` and ``.`` (JSON Schema patterns are ECMA-262):
    ``$`` is the end of input (Python's also matches before a final newline) and ``.`` excludes
    every line terminator (Python's excludes only ``\n``)."""
    return re.compile(ecma_source(pattern, "[^\n\r\u2028\u2029]", "$"))


def ecma_pattern_text(pattern: str) -> str:
    """The same rewrite as ``ecma_regex`` as plain regex text: escapes instead of raw line
    terminators, and ``\\$`` for a ``$`` inside a class (same meaning), so that no unescaped
    ``$`` is left (fastjsonschema turns every one into ``\\Z``, classes included)."""
    return ecma_source(pattern, r"[^\n\r\u2028\u2029]", r"\$")


def ecma_source(pattern: str, dot: str, class_dollar: str) -> str:
    out, i, in_class = [], 0, False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            out.append(pattern[i:i + 2])
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
            out.append(class_dollar if ch == "$" else ch)
        elif ch == "[":
            in_class = True
            out.append(ch)
        elif ch == "$":
            out.append(r"\Z")
        elif ch == ".":
            out.append(dot)
        else:
            out.append(ch)
        i += 1
    return "".join(out)
