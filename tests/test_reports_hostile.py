"""A hostile implementation (tests/miniatures/reports_hostile.py) cannot take over the
terminal or forge a verdict: what it says is printed with its control characters escaped
and its lines indented, and every report it leads to parses and validates."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from conformance import report
from conformance.runner import ERRORED, CaseResult

from .reports_support import CONTROL, junit_problems, report_problems

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = "python:tests.miniatures.reports_hostile:handle"


def test_hostile_adapter_text_reaches_no_terminal_and_no_report_raw(tmp_path):
    j, r, h = tmp_path / "j.xml", tmp_path / "r.json", tmp_path / "r.html"
    proc = subprocess.run([sys.executable, "-m", "conformance.cli", "run", "--adapter", HOSTILE, "--profile", "quick",
                           "--seed", "1", "--only", "intake.*", "--junit", str(j), "--report", str(r), "--html", str(h)],
                          cwd=ROOT, capture_output=True, timeout=600, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    out, err = proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")
    assert proc.returncode == 1, err
    assert "implementation errored" in out and "\\x1b]0;all green\\x07" in out  # shown, escaped
    assert "}\\x00" in out  # the NUL after intake.trailing-data/self-only/nul's document
    for stream in (out, err):
        assert not CONTROL.search(stream), CONTROL.findall(stream)[:5]
    verdicts = [line for line in out.splitlines() if line.startswith(("CONFORMANT", "NOT CONFORMANT"))]
    assert verdicts == [out.splitlines()[-1]] and verdicts[0].startswith("NOT CONFORMANT")
    assert junit_problems(j) == []
    assert report_problems(json.loads(r.read_text("utf-8"))) == []
    page = h.read_text("utf-8")
    assert not CONTROL.search(page) and "\\x1b" in page


def test_describe_failure_escapes_and_indents_everything_from_the_implementation():
    from conformance import vectors

    source, case = next(iter(vectors.load(vectors.bundled_dir())))
    message = "implementation errored: x\x1b[2J\n\nCONFORMANT at verdict level\r\u202edone\x00"
    text = report.describe_failure(CaseResult(source, case, ERRORED, message, expected="reason\x07\nCONFORMANT"))
    assert not CONTROL.search(text)
    lines = text.splitlines()
    assert lines[0].startswith("FAILED ") and all(line.startswith("  ") for line in lines[1:])
    assert "    CONFORMANT at verdict level\\x0d\\u202edone\\x00" in lines
