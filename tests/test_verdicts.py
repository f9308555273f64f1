"""No false green (issue 9): expected failures with -x, nothing-passed runs, scope, counts,
errored and interrupted runs, and properties an implementation cannot be asked."""

from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conformance.adapters.python import PythonAdapter
from conformance.cli import main
from conformance.profiles import get
from conformance.protocol import KIND_RECOVERY
from conformance.run_options import RunOptions
from conformance.runner import NOT_APPLICABLE, Runner

ROOT = Path(__file__).resolve().parent.parent
MINI = "python:tests.miniatures.verdict_adapters"
TRUNCATES = "python:tests.mutants:truncates_to_seconds"  # fails time.window-inverted, then time.certificate-skew
INVERTED = "python:tests.mutants:allows_inverted_window"  # fails time.window-inverted only


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def xfail_file(tmp_path, *ids):
    path = tmp_path / "xfail.json"
    path.write_text(json.dumps({"expected-failures": [{"id": i, "reason": f"known: {i}"} for i in ids]}))
    return str(path)


def last_line(out: str) -> str:
    return out.strip().splitlines()[-1]


# ---- 2: -x with expected failures ----

def test_exitfirst_does_not_stop_at_an_expected_failure(capsys, tmp_path):
    xfail = xfail_file(tmp_path, "time.window-inverted*")
    code, out, _ = run(capsys, "run", "--adapter", TRUNCATES, "--profile", "quick", "--seed", "2", "--only", "NAA-*",
                       "-x", "--expected-failures", xfail, "--report", str(tmp_path / "r.json"))
    report = json.loads((tmp_path / "r.json").read_text())
    assert code == 1, last_line(out)
    assert report["conformant"] is False and report["stopped_early"] is True and report["partial"] is True
    failed = [v for v in report["vectors"] if v["status"] == "fail"]
    assert failed and failed[0]["id"].startswith("time.certificate-skew"), "-x stops at the real failure"
    assert any(v.get("expected_failure") for v in report["vectors"])
    assert "stopped at the first failure" in last_line(out)


def test_exitfirst_with_only_expected_failures_runs_everything(capsys, tmp_path):
    xfail = xfail_file(tmp_path, "time.window-inverted*")
    code, out, _ = run(capsys, "run", "--adapter", INVERTED, "--profile", "quick", "--seed", "2", "--only", "NAA-TIME-*",
                       "-x", "--expected-failures", xfail, "--report", str(tmp_path / "r.json"))
    report = json.loads((tmp_path / "r.json").read_text())
    assert code == 0, out
    assert report["stopped_early"] is False and report["totals"]["vectors"]["total"] == report["totals"]["vectors"]["selected"]
    assert report["properties"], "the properties phase runs after an expected vector failure"


# ---- 3: nothing passed ----

def test_vectors_verify_where_nothing_applies_is_not_a_success(capsys):
    code, out, _ = run(capsys, "vectors", "verify", "--adapter", f"{MINI}:no_operations")
    assert code == 1
    assert "0 passed" in out and "not applicable" in out and "nothing passed" in out


def test_replay_where_nothing_applies_is_not_a_success(capsys):
    files = sorted((ROOT / "vectors/node-address-attestation").glob("*.json"))[:2]
    code, out, _ = run(capsys, "replay", *map(str, files), "--adapter", f"{MINI}:no_operations")
    assert code == 1 and "0 passed" in out and "not applicable" in out


def test_run_summary_counts_not_applicable_properties(capsys):
    code, out, _ = run(capsys, "run", "--adapter", f"{MINI}:no_operations", "--profile", "quick", "--seed", "1",
                       "--only", "NAA-TIME-001")
    assert code == 1 and "not applicable" in last_line(out) and "no case passed" in last_line(out)


# ---- 5: properties of kinds the implementation does not support ----

def test_property_whose_cases_are_all_of_an_unsupported_kind_is_not_applicable():
    runner = Runner(PythonAdapter.from_spec(f"{MINI}:recovery_only"),
                    RunOptions(adapter="recovery-only", profile=get("quick"), seed=3,
                               only=("cir.valid.attachment", "cir.valid.recovery")),
                    echo=lambda _: None)
    result = runner.run()
    by_id = {p.id: p for p in result.properties}
    assert by_id["cir.valid.attachment"].status == NOT_APPLICABLE
    assert by_id["cir.valid.recovery"].status == "pass" and by_id["cir.valid.recovery"].examples > 0


def test_mixed_property_draws_only_supported_kinds():
    seen = []

    handle = __import__("tests.miniatures.verdict_adapters", fromlist=["x"]).recovery_only

    def recording(message):
        if message.get("cmd") == "verify":
            seen.append(message["kind"])
        return handle(message)

    result = Runner(PythonAdapter(recording, "rec"),
                    RunOptions(adapter="rec", profile=get("quick"), seed=5, only=("cir.bind.key-mismatch",)),
                    echo=lambda _: None).run()
    prop = next(p for p in result.properties if p.id == "cir.bind.key-mismatch")
    assert prop.status == "pass" and prop.examples == get("quick").examples
    assert set(seen) == {KIND_RECOVERY}
    assert not any(c.get(NOT_APPLICABLE) for c in result.counts.values()), "no draw is wasted on another kind"


def test_every_property_declares_the_kinds_its_cases_carry():
    from hypothesis import HealthCheck, given, settings

    from conformance.families import all_properties

    for prop in all_properties("", get("quick")):
        if prop.strategy is None:
            continue

        @settings(max_examples=5, database=None, deadline=None, suppress_health_check=list(HealthCheck))
        @given(prop.strategy)
        def check(case):
            assert case.kind in prop.case_kinds, (prop.id, case.kind)
        check()


# ---- 6: harness error after the run started ----

def test_harness_error_writes_reports_marked_errored(capsys, tmp_path):
    code, _, err = run(capsys, "run", "--adapter", f"{MINI}:bad_start", "--profile", "quick", "--seed", "1",
                       "--report", str(tmp_path / "r.json"), "--junit", str(tmp_path / "r.xml"),
                       "--html", str(tmp_path / "r.html"))
    assert code == 2 and "start reply must carry version" in err
    report = json.loads((tmp_path / "r.json").read_text())
    assert "start reply must carry version" in report["errored"]
    assert report["conformant"] is False and report["partial"] is True
    assert ET.parse(tmp_path / "r.xml").getroot() is not None
    assert "ERRORED" in (tmp_path / "r.html").read_text()


# ---- 7: scope ----

def test_report_records_the_certified_scope(capsys, tmp_path):
    xfail = xfail_file(tmp_path, "time.window-inverted*")
    code, out, _ = run(capsys, "run", "--adapter", INVERTED, "--profile", "quick", "--seed", "2",
                       "--only", "NAA-TIME-*", "--expected-failures", xfail, "--report", str(tmp_path / "r.json"))
    scope = json.loads((tmp_path / "r.json").read_text())["scope"]
    assert code == 0
    assert scope["only"] == ["NAA-TIME-*"] and scope["level"] == "verdict"
    assert scope["families"] == ["node-address-attestation"]
    assert "NAA-TIME-002" in scope["requirements_certified"] and "NAA-TIME-001" not in scope["requirements_certified"]
    assert "CIR-BIND-001" in scope["requirements_not_run"] and "NAA-SCHEMA-001" in scope["requirements_not_run"]
    # judged on the golden vectors (2, both covered); the property's 8 drawn cases all differed as declared
    assert scope["expected_failures"] == [{"id": "time.window-inverted*", "reason": "known: time.window-inverted*",
                                           "vectors_concerned": 2, "vectors_covered": 2, "property_cases_covered": 8,
                                           "judged": True}]
    from conformance import catalog

    assert "scope: --only NAA-TIME-*" in last_line(out)
    assert f"of {len(catalog.REQUIREMENTS)} requirements certified" in last_line(out)


# ---- 8: overlapping entries ----

def test_overlapping_expected_failure_entries_do_not_pass(capsys, tmp_path):
    xfail = xfail_file(tmp_path, "time.window-inverted*", "NAA-TIME-001")
    code, out, _ = run(capsys, "run", "--adapter", INVERTED, "--profile", "quick", "--seed", "2",
                       "--only", "NAA-TIME-*", "--expected-failures", xfail)
    assert code == 0, out
    assert "passed: remove it" not in out


# ---- 9: one source for every count ----

def test_progress_line_and_summary_agree_with_expected_failures(capsys, tmp_path):
    xfail = xfail_file(tmp_path, "time.window-inverted*")
    code, out, _ = run(capsys, "run", "--adapter", INVERTED, "--profile", "quick", "--seed", "2",
                       "--only", "NAA-TIME-*", "--expected-failures", xfail)
    vectors_line = next(line for line in out.splitlines() if line.startswith("vectors "))
    assert "FAILED" not in vectors_line and "2 expected failures" in vectors_line
    assert "41 vectors (0 failed, 2 expected failures)" in last_line(out)
    assert not any(line.startswith("property") and "FAIL" in line for line in out.splitlines())


def test_progress_line_and_summary_agree_when_stopped_early(capsys, tmp_path):
    code, out, _ = run(capsys, "run", "--adapter", TRUNCATES, "--profile", "quick", "--seed", "2",
                       "--only", "NAA-*", "-x", "--report", str(tmp_path / "r.json"))
    report = json.loads((tmp_path / "r.json").read_text())
    ran = len(report["vectors"])
    vectors_line = next(line for line in out.splitlines() if line.startswith("vectors "))
    assert code == 1 and f"{ran} of {report['totals']['vectors']['selected']} cases" in vectors_line
    assert f"{ran} of {report['totals']['vectors']['selected']} vectors" in last_line(out)
    assert report["partial"] is True and report["stopped_early"] is True


# ---- 10: the difference that decided the verdict comes first ----

def test_difference_names_the_decision_before_the_codes():
    from conformance.case import Case, Expected, OperationOutcome, compare

    case = Case("sdp.x", "evaluate", (b"{}",), "2026-01-01T00:00:00Z",
                (Expected("valid", None, ("a",), (OperationOutcome("op-1", "refuse", ("r",)),)),), ("SDP-FORMAT-001",),
                kind="storage-policy-bundle.v1")
    actual = [{"verdict": "valid", "codes": ["b"], "operations": [{"id": "op-1", "decision": "allow", "codes": []}]}]
    verdict_ok, strict_ok, why = compare(case, actual)
    assert not verdict_ok and not strict_ok
    assert why.startswith("operation 'op-1': expected refuse, got allow"), why
    assert "expected codes ['a'], got ['b']" in why


# ---- 4 and 22: interrupts and progress, with a slow implementation ----

def _start(tmp_path, *args, seconds="0.05", period="0.3"):
    env = dict(os.environ, VERDICT_SLOW_SECONDS=seconds, CONFORMANCE_PROGRESS_SECONDS=period)
    proc = subprocess.Popen([sys.executable, "-m", "conformance.cli", *args], cwd=ROOT, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in proc.stdout], daemon=True).start()
    return proc, lines


def _wait_for(lines, prefix, seconds=20.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=0.2)
        except queue.Empty:
            continue
        if line.startswith(prefix):
            return line
    return None


@pytest.mark.parametrize("signum, code", [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_interrupt_in_the_vectors_phase_keeps_answered_vectors(tmp_path, signum, code):
    proc, lines = _start(tmp_path, "run", "--adapter", f"{MINI}:slow", "--profile", "quick", "--seed", "1",
                         "--report", str(tmp_path / "r.json"), "--junit", str(tmp_path / "r.xml"))
    # some vectors answered (a loaded machine may take a while to start the run)
    assert _wait_for(lines, "... vectors", seconds=60), "no progress line from the vectors phase"
    proc.send_signal(signum)
    proc.wait(timeout=60)
    assert proc.returncode == code
    report = json.loads((tmp_path / "r.json").read_text())
    assert report["partial"] is True and report["interrupted"] is True and report["conformant"] is False
    assert 0 < len(report["vectors"]) < 540 and not report["properties"]
    assert report["totals"]["vectors"]["total"] == len(report["vectors"])
    assert ET.parse(tmp_path / "r.xml").getroot().find("testsuite/properties/property[@name='partial']").get("value") == "true"


def test_progress_lines_in_every_phase_without_a_terminal(tmp_path):
    proc, lines = _start(tmp_path, "run", "--adapter", f"{MINI}:slow", "--profile", "quick", "--seed", "1",
                         "--only", "NAA-TIME-*", seconds="0.02", period="0.5")
    started = time.monotonic()
    proc.wait(timeout=120)
    elapsed = time.monotonic() - started
    out = []
    while not lines.empty():
        out.append(lines.get())
    progress = [line for line in out if line.startswith("... ")]
    assert any(line.startswith("... vectors") for line in progress), out[:5]
    assert any(line.startswith("... properties") for line in progress), out[:20]
    assert len(progress) <= elapsed / 0.5 + 2, "periodic, not a line per case"
    assert proc.returncode == 0


def test_progress_on_a_terminal_is_one_line_redrawn_in_place():
    import io

    from conformance.progress import Progress

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    clock = iter(range(0, 100)).__next__
    stream = Terminal()
    p = Progress(stream, period=5, clock=clock)
    for i in range(3):
        p.update("vectors", i, 3, 0)
    p.clear()
    text = stream.getvalue()
    assert "\n" not in text and text.count("\r\033[K") == 3 + 1 and "vectors     2/3 done" in text


def test_progress_period_from_the_environment_is_checked(monkeypatch):
    from conformance.errors import HarnessError
    from conformance.progress import period_from_env

    monkeypatch.setenv("CONFORMANCE_PROGRESS_SECONDS", "soon")
    with pytest.raises(HarnessError, match="CONFORMANCE_PROGRESS_SECONDS"):
        period_from_env()
