"""The pytest plugin: the same suite under `pytest --adapter SPEC --profile P`, with reports."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _pytest(tmp_path, *args):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args], cwd=tmp_path,
                          capture_output=True, text=True, env=env, timeout=600)


def test_plugin_certifies_the_reference_with_json_and_junit_reports(tmp_path):
    proc = _pytest(tmp_path, "--adapter", "reference", "--profile", "quick", "--conformance-seed", "7",
                   "--conformance-report", "r.json", "--junitxml", "j.xml")
    assert proc.returncode == 0, proc.stdout[-2000:]
    report = json.loads((tmp_path / "r.json").read_text())
    assert report["conformant"] is True and report["seed"] == 7
    assert {"NAA-TIME-002", "NAA-TRUST-005"} <= {r["id"] for r in report["requirements"]}
    junit = (tmp_path / "j.xml").read_text()
    assert "vector[time.certificate-skew/" in junit and "property[trust.collision]" in junit


def test_plugin_fails_a_mutant_and_names_the_requirement(tmp_path):
    proc = _pytest(tmp_path, "--adapter", "python:tests.mutants:skew_window_exclusive", "--profile", "quick",
                   "-k", "certificate-skew-boundary")
    assert proc.returncode == 1
    assert "NAA-TIME-002" in proc.stdout and "replay:" in proc.stdout


def test_plugin_is_inert_without_adapter(tmp_path):
    (tmp_path / "test_x.py").write_text("def test_x():\n    assert 1 + 1 == 2\n")
    proc = _pytest(tmp_path)
    assert proc.returncode == 0 and "1 passed" in proc.stdout
