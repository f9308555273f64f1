"""`conformance check` of files the reference rejects at intake (issue 9, point 19): the intake
finding is reported, not "cannot tell what kind"; every message is bounded."""

from __future__ import annotations

import json

import pytest

from conformance.cli import main

NOW = "2026-04-17T12:01:00Z"


def _check(capsys, *args):
    code = main(["check", *map(str, args), "--now", NOW, "--json"])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("raw, code", [
    (b'{"schema": "node-address-attestation.v1", "x": "\xff"}', "json-encoding"),
    (b'{"schema": "node-address-attestation.v1", "x": ' + b"9" * 5000 + b"}", "json-number"),
    (b'{"schema": "storage-policy-bundle.v1", "x": 1e999}', "json-number"),
    (b'{"schema/v": 1, "recovery/id": "\xc3\x28"}', "json-encoding"),
])
def test_intake_problem_is_reported_for_the_named_kind(capsys, tmp_path, raw, code):
    path = tmp_path / "doc.json"
    path.write_bytes(raw)
    exit_code, out, err = _check(capsys, path)
    assert exit_code == 1, err
    [report] = json.loads(out)
    assert report["verdict"] == "invalid" and code in {f["code"] for f in report["findings"]}


def test_unparseable_file_of_unknown_kind_names_the_intake_problem(capsys, tmp_path):
    path = tmp_path / "doc.json"
    path.write_bytes(b'{"x": "\xff"}')
    exit_code, _, err = _check(capsys, path)
    assert exit_code == 2 and err.count("\n") == 1
    assert "json-encoding" in err and "pass --kind" in err


def test_every_message_is_bounded(capsys, tmp_path):
    path = tmp_path / "doc.json"
    huge = "x" * 2_000_000
    path.write_text(json.dumps({"schema": "node-address-attestation.v1", "endpoint": huge, "evidence": huge}))
    exit_code, out, _ = _check(capsys, path)
    [report] = json.loads(out)
    assert exit_code == 1 and report["findings"]
    assert all(len(f["message"]) <= 540 for f in report["findings"])
    assert any(f["message"].endswith(" characters)") for f in report["findings"])
    assert len(out) < 20_000


def test_text_output_prints_the_instant_for_every_kind(capsys, tmp_path):
    path = tmp_path / "doc.json"
    path.write_text(json.dumps({"schema": "storage-policy-bundle.v1"}))
    main(["check", str(path)])
    out = capsys.readouterr().out
    assert out.startswith(f"{path}: invalid (at 20"), out
