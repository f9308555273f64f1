"""`conformance run --jobs N` (conformance/parallel.py): the same cases and the same reports as
an in-process run, never a false green when a worker dies, and -x stops every worker."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conformance.cli import main

INVERTED = "python:tests.mutants:allows_inverted_window"  # fails time.window-inverted only
VERDICT = "python:tests.miniatures.verdict_adapters"
# two NAA properties (one failing under INVERTED, so a shrunk counterexample is compared), and a
# client-instance requirement (one property and a vector)
ONLY = ("time.window-inverted", "intake.trailing-data*", "CIR-BIND-002")


def _run(capsys, tmp_path: Path, jobs: int, *extra) -> tuple[int, str, str, Path]:
    out = tmp_path / f"jobs{jobs}"
    out.mkdir()
    code = main(["run", "--profile", "quick", "--seed", "11", "--jobs", str(jobs), "--report", str(out / "r.json"),
                 "--junit", str(out / "r.xml"), "--html", str(out / "r.html"), "--markdown", str(out / "r.md"),
                 "--failures-dir", str(out / "failures"), *extra])
    captured = capsys.readouterr()
    return code, captured.out, captured.err, out


def _without_timings(text: str, where: Path) -> str:
    text = text.replace(str(where), "DIR")  # the --failures-dir files, named in replay commands
    text = re.sub(r'"seconds": [0-9.]+', '"seconds": T', text)  # JSON, and the JSON embedded in HTML
    text = re.sub(r'\btime="[0-9.]+"', 'time="T"', text)  # JUnit
    return re.sub(r"[0-9]+\.[0-9]+ s\b", "T s", text)  # summary lines, the HTML header


def test_same_seed_same_cases_and_reports_for_jobs_1_and_2(capsys, tmp_path):
    xfail = tmp_path / "xfail.json"  # an entry that passes: a problem only the merged counts can find
    xfail.write_text(json.dumps({"expected-failures": [{"id": "intake.trailing-data*", "reason": "known"}]}))
    args = ("--adapter", INVERTED, "--only", *ONLY, "--expected-failures", str(xfail))
    code1, out1, err1, dir1 = _run(capsys, tmp_path, 1, *args)
    code2, out2, err2, dir2 = _run(capsys, tmp_path, 2, *args)
    assert code1 == code2 == 1, err1 + err2  # the mutant fails time.window-inverted
    doc = json.loads((dir2 / "r.json").read_text())
    assert len(doc["properties"]) == 3 and doc["totals"]["vectors"]["total"] >= 1  # several work items ran
    assert doc["problems"] == ["expected failure 'intake.trailing-data*' (known) passed: remove it from the list"]
    failing = [p for p in doc["properties"] if p["failure"]]
    assert [p["id"] for p in failing] == ["time.window-inverted"] and failing[0]["failure"]["documents"]
    for name in ("r.json", "r.xml", "r.html", "r.md"):
        assert _without_timings((dir1 / name).read_text(), dir1) == _without_timings((dir2 / name).read_text(), dir2), name
    written = lambda where: {p.name: p.read_bytes() for p in (where / "failures").iterdir()}  # noqa: E731
    assert written(dir1) == written(dir2) and written(dir1)  # the same shrunk counterexample, byte for byte
    # the summary after the progress lines (those come in the order the workers finish)
    summary = lambda out, where: _without_timings(out[out.index("\nimplementation:"):], where)  # noqa: E731
    assert summary(out1, dir1) == summary(out2, dir2)
    assert sorted(line for line in out1.splitlines() if line.startswith("property")) == \
        sorted(line for line in out2.splitlines() if line.startswith("property"))


def test_a_worker_whose_process_dies_errors_the_run(capsys, tmp_path):
    code, _, err, out = _run(capsys, tmp_path, 2, "--adapter", f"{VERDICT}:dies", "--only", "intake.trailing-data",
                               "intake.duplicate-key")
    assert code == 2 and "conformance: error: worker" in err
    doc = json.loads((out / "r.json").read_text())
    assert doc["errored"] and "worker" in doc["errored"] and doc["partial"] and not doc["conformant"]
    assert doc["verdict"] == "ERRORED (partial)"


def test_exitfirst_stops_every_worker(capsys, tmp_path):
    code, _, _, where = _run(capsys, tmp_path, 2, "--adapter", f"{VERDICT}:all_valid", "--only", "intake.*", "-x")
    assert code == 1
    doc = json.loads((where / "r.json").read_text())
    assert doc["stopped_early"] and doc["partial"] and not doc["conformant"]
    assert "stopped at the first failure" in doc["verdict"]
    # each worker stops after the property it failed: never the whole selection
    assert doc["totals"]["properties"]["total"] < doc["totals"]["properties"]["selected"] == 8


@pytest.mark.parametrize("value", ["0", "x", "257"])
def test_jobs_out_of_range_is_a_usage_error(capsys, value):
    with pytest.raises(SystemExit) as exc:
        main(["run", "--jobs", value])
    assert exc.value.code == 2 and "--jobs" in capsys.readouterr().err


def test_the_forkserver_list_is_used_only_by_the_run_it_was_prepared_for(monkeypatch):
    from conformance import prepared, profiles
    from conformance.run_options import RunOptions
    from conformance.runner import Runner

    monkeypatch.setattr(prepared, "_token", None)
    monkeypatch.setattr(prepared, "_properties", None)
    options = RunOptions(profile=profiles.get("quick"), seed=5, only=("intake.*",), jobs=2)
    token, value = prepared.encode(options)
    prepared._prepare(value)  # what the server does on importing the module with ENV set
    built = [p.id for p in Runner(None, options, echo=lambda line: None).chosen_properties()]
    assert [p.id for p in prepared.properties(token)] == built and len(built) == 8
    assert prepared.properties(prepared.encode(options)[0]) is None and prepared.properties(None) is None


def test_workers_take_the_longest_items_first():
    from conformance.parallel import schedule

    items = [("vectors", [], 256.0), ("property", 0, "a", 64.0), ("property", 1, "b", 320.0), ("property", 2, "c", 64.0)]
    assert schedule(items) == [2, 0, 1, 3]  # ties in --jobs 1 order; results are merged by index
