"""Partial reports while a run goes on: the first snapshot at once, then at most one every few
seconds (not after every property); the final reports are always written."""

from __future__ import annotations

import json

from conformance import report
from conformance.cli import main


class FakeClock:
    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


def test_snapshots_are_throttled(monkeypatch, tmp_path):
    written = []
    monkeypatch.setattr(report, "write", lambda result, *paths, partial=False: written.append((paths, partial)))
    clock = FakeClock()
    snapshot = report.partial_writer(tmp_path / "r.json", None, None, every=5.0, clock=clock)
    for t in (100.0, 101.0, 104.9, 105.0, 106.0, 111.0):
        clock.now = t
        snapshot(object())
    assert [p for _, p in written] == [True] * 3  # at 100, 105 and 111
    assert written[0][0] == (tmp_path / "r.json", None, None)


def test_a_run_writes_few_partial_reports_and_the_final_one(monkeypatch, tmp_path, capsys):
    calls = []
    real = report.write

    def spy(result, *paths, partial=False):
        calls.append(partial)
        real(result, *paths, partial=partial)

    monkeypatch.setattr(report, "write", spy)
    monkeypatch.setattr(report, "PARTIAL_EVERY", 3600.0)
    out = tmp_path / "r.json"
    code = main(["run", "--profile", "quick", "--seed", "1", "--only", "NAA-JSON-*", "--report", str(out)])
    assert code == 0, capsys.readouterr().out
    assert calls.count(True) == 1 and calls[-1] is False, calls  # one snapshot (after the vectors), then the end
    assert json.loads(out.read_text("utf-8"))["partial"] is False
