"""The pytest plugin's reports and options match the command line's: one JSON report format
(validated against conformance/schemas/report.v1.json, merged across xdist workers),
--conformance-expected-failures, --conformance-failures-dir, and --co counting its items."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from conformance.cli import main

from .reports_support import report_problems

ROOT = Path(__file__).resolve().parent.parent
TRAILING = "python:tests.mutants:accepts_trailing_data"


def _pytest(tmp_path, *args):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args], cwd=tmp_path,
                          capture_output=True, text=True, env=env, timeout=600)


def test_collect_only_counts_the_suite_items(tmp_path):
    proc = _pytest(tmp_path, "--co", "-n", "0", "--adapter", "reference", "-k", "trailing-data")
    assert proc.returncode == 0, proc.stdout[-2000:]
    assert "no tests collected" not in proc.stdout
    listed = [line for line in proc.stdout.splitlines() if "::conformance::" in line]
    assert listed and f"{len(listed)}/" in proc.stdout.splitlines()[-1]  # "N/M tests collected (K deselected)"


def test_plugin_report_has_the_cli_format_and_validates_under_xdist(tmp_path, capsys):
    proc = _pytest(tmp_path, "-n", "2", "--adapter", TRAILING, "--profile", "quick", "--conformance-seed", "4",
                   "-k", "intake.trailing-data", "--conformance-report", "p.json")
    assert proc.returncode == 1, proc.stdout[-2000:]
    plugin = json.loads((tmp_path / "p.json").read_text())
    assert main(["run", "--adapter", TRAILING, "--profile", "quick", "--seed", "4", "--only", "intake.trailing-data*",
                 "--report", str(tmp_path / "c.json")]) == 1
    capsys.readouterr()
    cli = json.loads((tmp_path / "c.json").read_text())
    assert report_problems(plugin) == [] and report_problems(cli) == []
    assert set(plugin) == set(cli)
    assert plugin["partial"] is False and plugin["conformant"] is False
    assert [v["id"] for v in plugin["vectors"]] == [v["id"] for v in cli["vectors"]]  # collection order, merged
    assert [v["status"] for v in plugin["vectors"]] == [v["status"] for v in cli["vectors"]]
    assert [p["id"] for p in plugin["properties"]] == ["intake.trailing-data"]
    assert plugin["requirements"] == cli["requirements"]


def test_plugin_expected_failures_and_failures_dir_mean_what_the_cli_options_mean(tmp_path):
    xfails = tmp_path / "x.json"
    xfails.write_text(json.dumps({"expected-failures": [{"id": "intake.trailing-data*", "reason": "raw_decode"}]}))
    proc = _pytest(tmp_path, "-n", "0", "--adapter", TRAILING, "--profile", "quick",
                   "-k", "intake.trailing-data or intake.duplicate-key",
                   "--conformance-expected-failures", str(xfails), "--conformance-report", "p.json",
                   "--conformance-failures-dir", "fails")
    assert proc.returncode == 0, proc.stdout[-3000:]
    assert "xfailed" in proc.stdout
    report = json.loads((tmp_path / "p.json").read_text())
    assert report_problems(report) == [] and report["conformant"] is True
    assert {v["status"] for v in report["vectors"] if v["id"].startswith("intake.trailing-data")} == {"expected-failure"}
    assert {v["status"] for v in report["vectors"] if v["id"].startswith("intake.duplicate-key")} == {"pass"}
    assert not (tmp_path / "fails").exists() or not list((tmp_path / "fails").iterdir())

    proc = _pytest(tmp_path, "-n", "0", "--adapter", TRAILING, "--profile", "quick", "-k", "intake.trailing-data",
                   "--conformance-failures-dir", "fails")
    written = sorted((tmp_path / "fails").glob("*.json"))
    assert proc.returncode == 1 and len(written) == 4, proc.stdout[-3000:]
    replay = subprocess.run([sys.executable, "-m", "conformance.cli", "replay", str(written[0]), "--adapter", TRAILING],
                            cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert replay.returncode == 1 and "1 failed" in replay.stdout


def test_plugin_fails_the_run_when_an_expected_failure_passes(tmp_path):
    xfails = tmp_path / "x.json"
    xfails.write_text(json.dumps({"expected-failures": [{"id": "intake.trailing-data*", "reason": "fixed long ago"}]}))
    proc = _pytest(tmp_path, "-n", "0", "--adapter", "reference", "--profile", "quick", "-k", "intake.trailing-data",
                   "--conformance-expected-failures", str(xfails))
    assert proc.returncode == 1, proc.stdout[-3000:]
    assert "expected failure 'intake.trailing-data*' (fixed long ago) passed" in proc.stdout


def test_plugin_rejects_a_bad_expected_failures_file_in_one_line(tmp_path):
    (tmp_path / "x.json").write_text(json.dumps({"expected-failures": [{"id": "NAA-TIME-001"}]}))
    proc = _pytest(tmp_path, "--adapter", "reference", "--conformance-expected-failures", "x.json")
    assert proc.returncode == 4
    assert "--expected-failures x.json: /expected-failures/0 (NAA-TIME-001): needs a 'reason'" in proc.stderr
