"""``--badge``: a shields.io endpoint JSON whose message and colour follow the verdict."""

from __future__ import annotations

import json

from conformance import badge, cli


def _doc(conformant=True, statuses=("pass",), **extra):
    reqs = [{"id": f"{fam}-X-00{i}", "level": "MUST", "status": s, "counts": {}}
            for i, s in enumerate(statuses) for fam in ("NAA", "CIR", "SDP")]
    return {"conformant": conformant, "partial": False, "profile": "ci", "requirements": reqs, **extra}


def test_conformant_counts_certified_families():
    assert badge.endpoint(_doc()) == {"schemaVersion": 1, "label": "orbiplex conformance",
                                      "message": "conformant · 3 families · ci", "color": "brightgreen"}
    one = _doc()
    for r in one["requirements"]:
        if not r["id"].startswith("CIR"):
            r["status"] = "not applicable"
    assert badge.endpoint(one)["message"] == "conformant · 1 family · ci"
    scoped = _doc(scope={"families": ["NAA", "SDP"]})
    assert badge.endpoint(scoped)["message"] == "conformant · 2 families · ci"


def test_non_conformant_partial_errored_and_nothing_certified():
    assert badge.endpoint(_doc(False, ("pass", "FAIL")))["color"] == "red"
    assert badge.endpoint(_doc(False, ("FAIL",)))["message"] == "not conformant"
    partial = badge.endpoint(_doc(False, partial=True))
    assert (partial["message"], partial["color"]) == ("partial", "orange")
    errored = badge.endpoint(_doc(False, errored=True))
    assert (errored["message"], errored["color"]) == ("errored", "lightgrey")
    nothing = badge.endpoint(_doc(True, ("not applicable",)))
    assert (nothing["message"], nothing["color"]) == ("nothing certified", "lightgrey")


def test_cli_writes_the_badge_for_a_run(tmp_path):
    assert cli.main(["run", "--profile", "quick", "--only", "NAA-TIME-002", "--seed", "1",
                     "--badge", str(tmp_path / "b" / "badge.json")]) == 0
    assert json.loads((tmp_path / "b" / "badge.json").read_text()) == {
        "schemaVersion": 1, "label": "orbiplex conformance", "message": "conformant · 1 family · quick",
        "color": "brightgreen"}


def test_cli_badge_for_a_failing_run(tmp_path):
    code = cli.main(["run", "--adapter", "python:tests.mutants:skew_window_exclusive", "--profile", "quick",
                     "--only", "time.certificate-skew-boundary/*", "--seed", "1", "--badge", str(tmp_path / "badge.json")])
    assert code == 1
    assert json.loads((tmp_path / "badge.json").read_text())["color"] == "red"
