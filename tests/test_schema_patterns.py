"""JSON Schema patterns are ECMA-262 regexes; Python's `re` differs on `$` (it also matches
before a final newline) and `.` (it matches U+2028/U+2029 and CR). The suite's validator
uses ECMA semantics; jsonschema's default does not (this test shows both)."""

from __future__ import annotations

import re

from jsonschema import Draft202012Validator

from conformance import schemas
from conformance.reference.shared import schema

NODE = "node:did:key:z6MkwJFpvJVFe15ygGgYLTYuiPwfhkkDRkMG4eKQFT8g65yE"


def test_dollar_is_end_of_input():
    assert schema.ecma_regex("^abc$").search("abc")
    assert not schema.ecma_regex("^abc$").search("abc\n")
    assert re.search("^abc$", "abc\n"), "Python's $ matches before a final newline (why the suite converts it)"


def test_dot_excludes_every_line_terminator():
    for terminator in "\n\r\u2028\u2029":
        assert not schema.ecma_regex("^route:.+$").search("route:a" + terminator)
    assert schema.ecma_regex("^route:.+$").search("route:a-b")


def test_escapes_and_classes_are_left_alone():
    assert schema.ecma_regex(r"^a\.b[$.]$").pattern == r"^a\.b[$.]\Z"


def test_node_id_with_trailing_newline_is_a_schema_violation():
    doc = {"schema/v": 1, "node/id": NODE + "\n"}
    codes = {f.code for f in schema.findings(doc, "node-advertisement.v1.json") if f.pointer == "/node~1id"}
    assert codes == {"schema-shape"}
    default = Draft202012Validator(schemas.load("node-advertisement.v1.json"))
    assert not [e for e in default.iter_errors(doc) if list(e.absolute_path) == ["node/id"]], \
        "jsonschema's default pattern check accepts it"
