"""conformance/jcs.py writes the bytes of ``rfc8785.dumps`` (and raises where it raises) on every
parsable golden vector document and on drawn JSON-like values, including the cases its fast path
must hand over: floats, keys above U+FFFF, lone surrogates, integers out of range, other types."""

from __future__ import annotations

import rfc8785
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conformance import jcs, vectors
from conformance.reference.shared import intake


def _outcome(fn, value):
    try:
        return fn(value)
    except (rfc8785.CanonicalizationError, UnicodeEncodeError) as exc:  # rfc8785 lets a lone surrogate key's through
        return type(exc)


def test_same_bytes_on_every_golden_document():
    checked = 0
    for _, case in vectors.load(vectors.bundled_dir()):
        for raw in case.documents + tuple(raw for _, raw in case.context or ()):
            try:
                value = intake.parse(raw)
            except intake.IntakeError:
                continue
            assert jcs.dumps(value) == rfc8785.dumps(value), case.id
            checked += 1
    assert checked > 500


_TEXT = st.text(st.characters(codec=None), max_size=6) | st.sampled_from(["", "\ud800", "a\udfffb", "😂", "\uffff", "\x7f"])
_SCALARS = (st.none() | st.booleans() | st.integers(-(2**54), 2**54) | st.floats(allow_nan=True) | _TEXT
            | st.sampled_from([2**53 - 1, -(2**53) + 1, 2**53, 1.0, -0.0, 1e21, 1e-7]))
_VALUES = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner)
                       | st.dictionaries(_TEXT, inner, max_size=4) | st.dictionaries(st.integers(0, 3), inner, max_size=1),
                       max_leaves=12)


@settings(max_examples=300, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(_VALUES)
def test_same_bytes_or_same_error_on_drawn_values(value):
    assert _outcome(jcs.dumps, value) == _outcome(rfc8785.dumps, value)


def test_utf16_member_order_is_kept():
    # U+1F600 is a surrogate pair in UTF-16 (D83D DE00): JCS sorts it before U+FFFD, code points do not.
    value = {"\ufffd": 1, "\U0001f600": 2, "a": 3}
    assert jcs.dumps(value) == rfc8785.dumps(value) == '{"a":3,"😀":2,"\ufffd":1}'.encode()
