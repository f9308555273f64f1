"""safe_text: implementation and document text made safe for terminals, logs and XML."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from conformance.safe_text import block, json_dumps, one_line, xml_safe

from .reports_support import CONTROL


@pytest.mark.parametrize("char, shown", [("\x00", "\\x00"), ("\x1b", "\\x1b"), ("\x07", "\\x07"), ("\r", "\\x0d"),
                                         ("\t", "\\x09"), ("\x7f", "\\x7f"), ("\x9b", "\\x9b"), ("\u202e", "\\u202e"),
                                         ("\u2066", "\\u2066"), ("\u2028", "\\u2028"), ("\ud800", "\\ud800")])
def test_one_line_shows_each_control_character_as_a_visible_escape(char, shown):
    assert one_line(f"a{char}b") == f"a{shown}b"


def test_one_line_keeps_printable_text_and_escapes_newlines():
    assert one_line("zażółć \\ \"x\" 日本") == "zażółć \\ \"x\" 日本"
    assert one_line("a\nb") == "a\\x0ab"


def test_block_indents_every_later_line_so_none_starts_at_column_0():
    text = block("first\n\nCONFORMANT at verdict level\r\n\x1b[32mok", indent="    ")
    assert text.split("\n") == ["first", "    ", "    CONFORMANT at verdict level\\x0d", "    \\x1b[32mok"]
    assert not CONTROL.search(text)


def test_xml_safe_output_always_parses_as_xml():
    hostile = "".join(chr(c) for c in range(0x20)) + "\x7f\ud800\udfff\ufffe\uffff<&>\"'"
    element = ET.Element("e", message=xml_safe(hostile))
    element.text = xml_safe(hostile)
    parsed = ET.fromstring(ET.tostring(element, encoding="utf-8"))
    assert parsed.text.startswith("\\x00\\x01") and "\\ud800" in parsed.text and "<&>" in parsed.text
    assert "\t\n" in parsed.text  # what XML allows stays as it is


def test_json_dumps_writes_lone_surrogates_as_escapes():
    text = json_dumps({"m": "a\ud800b\x00é"})
    text.encode("utf-8")  # would raise on a raw lone surrogate
    assert json.loads(text) == {"m": "a\ud800b\x00é"} and "é" in text
