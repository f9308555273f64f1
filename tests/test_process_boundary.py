"""The process boundary: whatever an implementation does, in-process (`python:`) or as a
command (`cmd:`), the run ends in bounded time with that case errored, and nothing it
started outlives the run. The implementations are the miniatures in tests/miniatures/."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pytest

from conformance.adapters.cmd import CommandAdapter
from conformance.adapters.python import PythonAdapter
from conformance.profiles import get
from conformance.report import describe_failure
from conformance.run_options import RunOptions
from conformance.runner import ERRORED, PASS, Runner
from tests.miniatures import python_faults

ROOT = Path(__file__).resolve().parent.parent
MINIATURES = ROOT / "tests" / "miniatures"
ONLY = "cir.bind.key-mismatch*"  # 2 vectors and one property


def cli_run(adapter: str, tmp_path, *extra, timeout=15):
    """`conformance run` in a subprocess; returns (exit code, stdout, JSON report, seconds)."""
    started = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-m", "conformance.cli", "run", "--adapter", adapter, "--profile", "quick", "--seed", "1",
         "--only", ONLY, "--report", str(tmp_path / "r.json"), *extra],
        cwd=ROOT, capture_output=True, text=True, timeout=timeout)
    report = json.loads((tmp_path / "r.json").read_text()) if (tmp_path / "r.json").exists() else None
    return proc.returncode, proc.stdout + proc.stderr, report, time.monotonic() - started


# ---- python: ----

@pytest.mark.parametrize("handler, raised", [("exits", "SystemExit"), ("interrupts", "KeyboardInterrupt")])
def test_an_implementation_ending_the_process_is_an_errored_case(tmp_path, handler, raised):
    code, out, report, _ = cli_run(f"python:tests.miniatures.python_faults:{handler}", tmp_path, "--timeout", "2")
    assert code == 1, out
    assert report is not None and report["conformant"] is False and report["partial"] is False, out
    first = report["vectors"][0]
    assert first["status"] == ERRORED and raised in first["message"], first
    assert [v["status"] for v in report["vectors"][1:]] == [PASS], "the run goes on after it"


def test_a_hanging_request_is_errored_after_the_timeout(tmp_path):
    code, out, report, seconds = cli_run("python:tests.miniatures.python_faults:hangs", tmp_path, "--timeout", "2")
    assert code == 1, out
    assert report["vectors"][0]["status"] == ERRORED and "no reply within 2 s" in report["vectors"][0]["message"]
    assert report["vectors"][1]["status"] == PASS, "a fresh worker answers the next request"
    assert seconds < 15


def test_an_implementation_that_always_hangs_is_given_up_on():
    adapter = PythonAdapter(python_faults.always_hangs, "python:always_hangs", timeout=0.1)
    started = time.monotonic()
    replies = list(adapter.request_many([{"cmd": "verify", "seq": i} for i in range(1, 16)]))
    assert [r["seq"] for r in replies] == list(range(1, 16))
    messages = [r["errored"]["message"] for r in replies]
    assert all("no reply within 0.1 s" in m for m in messages[:10])
    assert all(m.startswith("not sent: the implementation failed 10 requests in a row") for m in messages[10:])
    assert time.monotonic() - started < 5


def test_ctrl_c_still_interrupts_a_run_whose_implementation_hangs():
    proc = subprocess.Popen(
        [sys.executable, "-m", "conformance.cli", "run", "--adapter", "python:tests.miniatures.python_faults:hangs",
         "--profile", "quick", "--seed", "1", "--only", ONLY, "--timeout", "600"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout.readline().startswith("conformance run:")
    time.sleep(1.0)  # the first request is now stuck in the implementation
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=10)
    assert proc.returncode != 0 and "INTERRUPTED (partial)" in out, out + err


# ---- cmd: ----

def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def vectors_run(argv, timeout, only=("cir.bind.*",)):
    adapter = CommandAdapter([sys.executable, *map(str, argv)], "cmd:miniature", timeout=timeout)
    runner = Runner(adapter,
                    RunOptions(adapter=adapter.label, profile=get("quick"), seed=1, only=tuple(only)),
                    echo=lambda _: None)
    return adapter, runner.run_vectors_only()


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="descendants are tracked through /proc (Linux)")
def test_an_exit_is_noticed_although_a_setsid_grandchild_holds_stdout_and_nothing_outlives_the_run(tmp_path):
    pidfile = tmp_path / "grandchildren"
    started = time.monotonic()
    _, result = vectors_run([MINIATURES / "setsid_orphan.py", pidfile], timeout=3)
    seconds = time.monotonic() - started
    bad = [r for r in result.vectors if r.status == ERRORED]
    assert len(bad) == 5 and all("exited (status 3)" in r.message for r in bad), [r.message for r in bad]
    assert seconds < 3 * len(bad), f"{seconds:.1f} s: each exit cost the full timeout"
    grandchildren = [int(p) for p in pidfile.read_text().split()]
    assert len(grandchildren) == 6
    deadline = time.monotonic() + 2
    while any(map(_alive, grandchildren)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert [p for p in grandchildren if _alive(p)] == [], "grandchildren outlived the run"


def test_the_stderr_tail_of_an_errored_case_is_its_own_process_s_indented():
    _, result = vectors_run([MINIATURES / "stderr_noise.py", "crash-each"], timeout=5)
    bad = [r for r in result.vectors if r.status == ERRORED and "not sent" not in r.message]
    assert len(bad) == 10
    for r in bad:
        lines = [line for line in r.message.splitlines() if "fails seq" in line]
        assert len(lines) == 1, r.message  # one process per case: none of the earlier ones' lines
    for r in bad:
        block = describe_failure(r).splitlines()
        assert any(line.startswith("      ") and line.lstrip().startswith("| process ") for line in block), \
            "stderr is indented in the failure block"


def test_stderr_without_newlines_keeps_a_bounded_tail():
    tracemalloc.start()
    try:
        adapter, result = vectors_run([MINIATURES / "stderr_noise.py", "flood", "64"], timeout=10, only=(ONLY,))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [r.status for r in result.vectors] == [PASS, PASS]
    assert peak < 16 * 1024 * 1024, f"reading 64 MiB of stderr peaked at {peak} bytes"
    assert 0 < len(adapter.stderr_tail.buffer) <= adapter.stderr_tail.max_bytes
    assert adapter.stderr_tail.text().startswith("[... earlier output dropped]\nxxx")


def test_stop_ends_the_idle_worker_thread():
    import threading

    adapter = PythonAdapter(lambda m: {"seq": m.get("seq"), "result": {}}, "python:idle")
    assert adapter.request({"cmd": "verify", "seq": 1}) == {"seq": 1, "result": {}}
    adapter.stop()
    deadline = time.monotonic() + 2
    while any(t.name == "conformance python:idle" for t in threading.enumerate()) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert not any(t.name == "conformance python:idle" for t in threading.enumerate())


def test_a_caller_that_reads_every_reply_keeps_the_worker_thread():
    """Reading a batch's replies one by one and then dropping the generator (as the runner
    does) must not abandon the worker: each abandoned worker is a thread that never ends."""
    import threading

    def echo(message):
        return {"seq": message.get("seq"), "result": {}}

    adapter = PythonAdapter(echo, "echo", timeout=5)
    before = threading.active_count()
    for seq in range(1, 41):
        replies = iter(adapter.request_many([{"cmd": "verify", "seq": seq}, {"cmd": "verify", "seq": seq}]))
        assert [next(replies)["seq"], next(replies)["seq"]] == [seq, seq]
        del replies  # dropped unexhausted, like Runner.execute_many's iterator
    assert threading.active_count() <= before + 1
    adapter.stop()
