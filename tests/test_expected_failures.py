"""--expected-failures (strict) and --failures-dir with `conformance replay`."""

from __future__ import annotations

import json

import pytest

from conformance.cli import main

MUTANT = "python:tests.mutants:skew_17_seconds"  # fails only time.certificate-skew


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def write(tmp_path, entries):
    path = tmp_path / "xfail.json"
    path.write_text(json.dumps({"expected-failures": entries}))
    return str(path)


def test_declared_failures_make_the_run_pass(capsys, tmp_path):
    xfail = write(tmp_path, [{"id": "time.certificate-skew*", "issue": "https://example.org/issues/1"}])
    code, out, _ = run(capsys, "run", "--adapter", MUTANT, "--profile", "quick", "--seed", "2", "--only", "NAA-*",
                       "--expected-failures", xfail, "--report", str(tmp_path / "r.json"), "--junit", str(tmp_path / "r.xml"))
    assert code == 0, out
    assert "expected failure(s)" in out and "CONFORMANT" in out
    report = json.loads((tmp_path / "r.json").read_text())
    assert any(v.get("expected_failure") for v in report["vectors"])
    assert 'message="expected failure: https://example.org/issues/1"' in (tmp_path / "r.xml").read_text()


def test_an_expected_failure_that_passes_fails_the_run(capsys, tmp_path):
    xfail = write(tmp_path, [{"id": "time.certificate-skew*", "reason": "skew"},
                             {"id": "NAA-JSON-003", "reason": "believed broken, but is not"}])
    code, out, _ = run(capsys, "run", "--adapter", MUTANT, "--profile", "quick", "--seed", "2", "--only", "NAA-*",
                       "--expected-failures", xfail)
    assert code == 1 and "expected failure 'NAA-JSON-003'" in out and "passed" in out


@pytest.mark.parametrize("entries, message", [
    ([{"id": "NAA-TIME-002"}], "needs a 'reason' or an 'issue'"),
    ([{"reason": "x"}], "needs an 'id'"),
    ({"not": "a list"}, "expected"),
])
def test_malformed_expected_failures_file_is_a_usage_error(capsys, tmp_path, entries, message):
    path = tmp_path / "x.json"
    path.write_text(json.dumps({"expected-failures": entries} if isinstance(entries, list) else entries))
    code, _, err = run(capsys, "run", "--expected-failures", str(path))
    assert code == 2 and message in err


def test_failures_dir_files_replay_exactly_without_the_seed(capsys, tmp_path):
    code, out, _ = run(capsys, "run", "--adapter", MUTANT, "--profile", "quick", "--seed", "4",
                       "--failures-dir", str(tmp_path / "failures"))
    assert code == 1
    files = sorted((tmp_path / "failures").glob("*.json"))
    assert files and f"conformance replay {files[0]} --adapter {MUTANT}" in out
    code, out, _ = run(capsys, "replay", *map(str, files), "--adapter", MUTANT)
    assert code == 1 and f"{len(files)} cases replayed, {len(files)} failed" in out
    code, out, _ = run(capsys, "replay", *map(str, files))
    assert code == 0 and ", 0 failed" in out
