"""The runner never hangs and never loses a result, whatever a `cmd:` implementation does."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conformance.adapters.cmd import CommandAdapter
from conformance.profiles import get
from conformance.run_options import RunOptions
from conformance.runner import ERRORED, PASS, Runner

ROOT = Path(__file__).resolve().parent.parent
FAULTY = str(ROOT / "tests" / "faulty_adapter.py")


def run_faulty(mode, n=3, only=("intake.*",), timeout=2.0, max_line=1024 * 1024, properties=False):
    adapter = CommandAdapter([sys.executable, FAULTY, mode, str(n)], f"cmd:faulty {mode}", timeout=timeout,
                             max_line=max_line)
    runner = Runner(adapter,
                    RunOptions(adapter=adapter.label, profile=get("quick"), seed=1, only=tuple(only)),
                    echo=lambda _: None)
    return runner.run() if properties else runner.run_vectors_only()


@pytest.mark.parametrize("mode, message", [
    ("crash", "exited (status 3)"),
    ("hang", "no reply within 2 s"),
    ("garbage", "stdout line 4 is not JSON"),
    ("wrong-seq", "stdout line 4 answers seq 1003, expected 3"),
    ("huge-line", "stdout line 4 exceeds the 1048576-byte line limit"),
])
def test_one_bad_request_is_errored_and_the_run_continues(mode, message):
    result = run_faulty(mode)
    statuses = [r.status for r in result.vectors]
    assert len(statuses) > 20, "every case has a result"
    assert statuses[2] == ERRORED and message in result.vectors[2].message
    assert statuses.count(ERRORED) == 1 and statuses.count(PASS) == len(statuses) - 1


def test_crash_reports_the_stderr_tail():
    result = run_faulty("crash")
    assert "fatal: cannot judge request 3" in result.vectors[2].message


def test_a_reply_to_a_request_never_sent_is_a_protocol_error():
    result = run_faulty("unsolicited")
    bad = [r for r in result.vectors if r.status == ERRORED]
    assert len(bad) == 1 and "answers seq 99999" in bad[0].message and "never sent" in bad[0].message


def test_early_exit_with_status_0_fails_every_case_without_hanging():
    started = time.monotonic()
    result = run_faulty("exit0-after-start")
    assert all(r.status == ERRORED for r in result.vectors)
    assert "exited (status 0)" in result.vectors[0].message
    assert any("not sent" in r.message for r in result.vectors), "gives up after repeated failures"
    assert time.monotonic() - started < 30


def test_stderr_flood_does_not_block():
    result = run_faulty("stderr-flood")
    assert result.conformant


@pytest.mark.parametrize("mode", ["all-valid", "all-invalid"])
def test_constant_answers_fail_certification_loudly(mode):
    result = run_faulty(mode, only=("*intake*", "cir.lifecycle.*", "sdp.failure.*"), properties=True)  # every family
    assert not result.conformant
    assert len(result.failures()) > 50
    assert any(p.status != PASS for p in result.properties)


def test_validate_messages_names_the_first_bad_message():
    adapter = CommandAdapter([sys.executable, FAULTY, "bad-message", "3"], "cmd:faulty", timeout=5)
    runner = Runner(adapter,
                    RunOptions(adapter="cmd:faulty", profile=get("quick"), seed=1,
                               only=("intake.*",), validate_messages=True),
                    echo=lambda _: None)
    result = runner.run_vectors_only()
    assert result.vectors[2].status == ERRORED
    assert "stdout line 4" in result.first_bad_message and "protocol/reply.json" in result.first_bad_message


def test_environment_and_working_directory_are_explicit(tmp_path):
    script = tmp_path / "env_adapter.py"
    script.write_text(
        "import json, os, sys\n"
        "for line in sys.stdin:\n"
        "    m = json.loads(line)\n"
        "    if m['cmd'] == 'start':\n"
        "        name = os.environ.get('IMPL_NAME', 'unset') + '@' + os.path.basename(os.getcwd())\n"
        "        print(json.dumps({'version': 1, 'implementation': {'name': name, 'operations': []}}), flush=True)\n"
        "    else:\n"
        "        break\n")
    (tmp_path / "work").mkdir()
    adapter = CommandAdapter.from_spec(f"cmd:{sys.executable} {script} 'arg with $HOME and ; no shell'",
                                       cwd=str(tmp_path / "work"), env={"IMPL_NAME": "explicit", "PATH": "/usr/bin"})
    assert adapter.argv[-1] == "arg with $HOME and ; no shell"
    assert adapter.start()["name"] == "explicit@work"
    adapter.stop()


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_interrupt_mid_run_leaves_complete_partial_reports(tmp_path, signum):
    proc = subprocess.Popen(
        [sys.executable, "-m", "conformance.cli", "run", "--profile", "ci", "--seed", "1", "--only", "NAA-*",
         "--adapter", f"cmd:{sys.executable} {FAULTY} slow", "--report", str(tmp_path / "r.json"),
         "--junit", str(tmp_path / "r.xml")], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not (tmp_path / "r.json").exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    time.sleep(1.0)
    proc.send_signal(signum)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 128 + signum, err  # 130 (SIGINT) / 143 (SIGTERM), never "non-conformant"
    assert "INTERRUPTED (partial)" in out
    report = json.loads((tmp_path / "r.json").read_text())
    assert report["partial"] is True and report["conformant"] is False and report["vectors"]
    root = ET.parse(tmp_path / "r.xml").getroot()
    assert root.find("testsuite/properties/property[@name='partial']").get("value") == "true"
