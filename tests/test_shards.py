"""--shard K/N and merge-reports: N disjoint parts whose union, merged, is the whole run."""

from __future__ import annotations

import json

import pytest

from conformance.cli import main
from tests.reports_support import REPORT_SCHEMA

RUN = ["run", "--profile", "quick", "--seed", "7"]


def _run(tmp_path, name, *extra) -> dict:
    path = tmp_path / f"{name}.json"
    assert main([*RUN, *extra, "--report", str(path)]) in (0, 1)
    return json.loads(path.read_text())


def _ids(doc) -> list:
    return [v["id"] for v in doc["vectors"]] + [p["id"] for p in doc["properties"]]


def _without_timings(doc: dict) -> dict:
    doc = dict(doc, seconds=None)
    doc["properties"] = [dict(p, seconds=None) for p in doc["properties"]]
    return doc


@pytest.mark.parametrize("adapter, only, counts", [
    ("reference", "NAA-TIME-*", (1, 2, 3, 4)),
    ("python:tests.mutants:skew_window_exclusive", "NAA-TIME-002", (3,)),  # failures to merge
])
def test_the_shards_are_disjoint_and_merge_into_the_whole_run(tmp_path, adapter, only, counts):
    whole = _run(tmp_path, "whole", "--adapter", adapter, "--only", only)
    assert whole["shard"] is None and _ids(whole)
    for n in counts:
        parts = [_run(tmp_path, f"{k}-of-{n}", "--adapter", adapter, "--only", only, "--shard", f"{k}/{n}")
                 for k in range(1, n + 1)]
        assert [p["shard"] for p in parts] == [f"{k}/{n}" for k in range(1, n + 1)]
        ids = [i for p in parts for i in _ids(p)]
        assert sorted(ids) == sorted(_ids(whole)) and len(set(ids)) == len(ids), "disjoint, and the union is the run"
        merged_path = tmp_path / f"merged-{n}.json"
        assert main(["merge-reports", *(str(tmp_path / f"{k}-of-{n}.json") for k in range(1, n + 1)),
                     "--report", str(merged_path), "--junit", str(tmp_path / "m.xml"), "--html", str(tmp_path / "m.html"),
                     "--markdown", str(tmp_path / "m.md"), "--badge", str(tmp_path / "b.json")]) == \
            (0 if whole["conformant"] else 1)
        merged = json.loads(merged_path.read_text())
        REPORT_SCHEMA.validate(merged)
        REPORT_SCHEMA.validate(parts[0])
        assert _without_timings(merged) == _without_timings(whole)
        assert all((tmp_path / name).stat().st_size for name in ("m.xml", "m.html", "m.md", "b.json"))


def test_merge_refuses_what_is_not_one_run(tmp_path, capsys):
    one = ["--only", "time.window-equal"]
    a = _run(tmp_path, "a", *one, "--shard", "1/2")
    _run(tmp_path, "b", *one, "--shard", "2/2")
    other = dict(a, seed=8, shard="2/2")
    (tmp_path / "other.json").write_text(json.dumps(other))
    cases = {
        ("a", "other"): "seed is 8, but 7 in",
        ("a", "a"): "shard 1/2 given twice",
        ("a",): "shard 2/2 missing",
        ("a", "whole"): "/shard is None, expected K/N",
    }
    _run(tmp_path, "whole", *one)
    for names, message in cases.items():
        assert main(["merge-reports", *(str(tmp_path / f"{n}.json") for n in names)]) == 2
        err = capsys.readouterr().err
        assert message in err and err.count("\n") == 1, err


def test_a_bad_shard_is_a_usage_error(capsys):
    for text in ("0/2", "3/2", "1", "a/b"):
        with pytest.raises(SystemExit) as exit_:
            main([*RUN, "--shard", text])
        assert exit_.value.code == 2 and "expected K/N" in capsys.readouterr().err
