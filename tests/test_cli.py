"""The command line as a user meets it: exit codes, messages, check --json, requirements."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conformance.cli import main
from strategies.naa.build import build, serialize, trust_config
from strategies.naa.scenarios import fixed_bases
from strategies.shared.timefmt import render
from tests.conftest import upstream_params

EXAMPLES = "orbidocs/examples"
NOW = "2026-04-17T12:01:00Z"


def run_cli(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def good_attestation(tmp_path):
    spec = fixed_bases()["directory-confirmed"]
    path = tmp_path / "good.json"
    path.write_bytes(serialize(build(spec)))
    trust = tmp_path / "trust.json"
    trust.write_text(json.dumps(trust_config(spec)))
    return path, trust, render(spec.now)


def test_check_valid_attestation_json_shape(capsys, good_attestation):
    path, trust, now = good_attestation
    code, out, _ = run_cli(capsys, "check", str(path), "--json", "--now", now, "--trust", str(trust))
    assert code == 0
    [report] = json.loads(out)
    assert report["file"] == str(path) and report["kind"] == "node-address-attestation"
    assert report["verdict"] == "valid" and report["class"] == "directory-confirmed" and report["findings"] == []


def test_check_reports_findings_with_pointer_requirement_and_expectation(capsys, good_attestation, tmp_path):
    path, trust, now = good_attestation
    doc = json.loads(path.read_text())
    doc["evidence"][0]["signed/at"] = doc["evidence"][0]["expires/at"][:-1] + ".000001Z"  # inverted, not re-signed
    bad = tmp_path / "bad.node-address-attestation.json"
    bad.write_text(json.dumps(doc))
    code, out, _ = run_cli(capsys, "check", str(bad), "--json", "--now", now, "--trust", str(trust))
    assert code == 1
    [report] = json.loads(out)
    assert report["verdict"] == "invalid"
    by_code = {f["code"]: f for f in report["findings"]}
    assert by_code["evidence-window-inverted"]["pointer"] == "/evidence/0/signed~1at"
    assert by_code["evidence-window-inverted"]["requirement"] == "NAA-TIME-001"
    assert by_code["evidence-signature-invalid"]["severity"] == "error"
    assert all(set(f) == {"code", "requirement", "severity", "pointer", "message"} for f in report["findings"])


def test_check_without_trust_counts_directory_evidence_for_nothing(capsys, good_attestation):
    path, _, now = good_attestation
    code, out, _ = run_cli(capsys, "check", str(path), "--json", "--now", now)
    [report] = json.loads(out)
    assert code == 0 and report["class"] == "self-only"
    assert {f["code"] for f in report["findings"]} == {"signer-untrusted"}


PUBLISHED_KINDS = ("*.node-a*.json", "*.client-instance-*.json", "*.participant-bind.json")


def _published(folder: str) -> list[str]:
    return upstream_params(lambda root: sorted(
        p.name for pattern in PUBLISHED_KINDS for p in (root / EXAMPLES / folder).glob(pattern)))


@pytest.mark.parametrize("name", _published("valid"))
def test_published_valid_examples_pass_at_schema_level(capsys, upstream, name):
    code, out, _ = run_cli(capsys, "check", str(upstream / EXAMPLES / "valid" / name), "--level", "schema", "--json")
    assert code == 0, out


@pytest.mark.parametrize("name", _published("invalid"))
def test_published_invalid_examples_fail_at_schema_level(capsys, upstream, name):
    code, out, _ = run_cli(capsys, "check", str(upstream / EXAMPLES / "invalid" / name), "--level", "schema", "--json")
    assert code == 1 and json.loads(out)[0]["verdict"] == "invalid"


def test_published_trusted_peer_example_is_flagged_at_full_level(capsys, upstream):
    code, out, _ = run_cli(capsys, "check", str(upstream / EXAMPLES / "valid/trusted-peer.node-address-attestation.json"),
                           "--json", "--now", NOW)
    [report] = json.loads(out)
    codes = {f["code"] for f in report["findings"]}
    assert code == 1 and {"claim-digest-mismatch", "advertisement-digest-mismatch"} <= codes


@pytest.mark.parametrize("args, message", [
    (["check", "/nonexistent.json"], "No such file"),
    (["check", "{file}", "--now", "yesterday"], "not an RFC 3339"),
    (["check", "{file}", "--trust", "/nonexistent-trust.json"], "--trust"),
    (["check", "{file}", "--kind", "peer-handshake"], "not supported"),
    (["check", "{file}", "--context", "/nonexistent-context.json"], "--context"),
    (["run", "--adapter", "nonsense"], "expected 'reference'"),
    (["run", "--adapter", "python:no_such_module_xyz:handle"], "cannot import"),
    (["run", "--adapter", "cmd:/no/such/binary"], "cannot start"),
    (["run", "--only", "NO-SUCH-ID"], "matches no"),
    (["run", "--profile", "nightly"], "invalid choice"),
    (["vectors", "verify", "/nonexistent-dir"], "not a directory"),
])
def test_bad_input_exits_2_with_one_clear_line(capsys, good_attestation, args, message):
    path, _, _ = good_attestation
    try:
        code = main([a.replace("{file}", str(path)) for a in args])
    except SystemExit as exc:  # argparse usage errors
        code = exc.code
    err = capsys.readouterr().err
    assert code == 2
    assert message in err and "Traceback" not in err and err.count("\n") == 1


def test_check_bad_trust_file_names_the_member(capsys, good_attestation, tmp_path):
    path, _, _ = good_attestation
    trust = tmp_path / "t.json"
    trust.write_text(json.dumps({"seed-directories": {"seed-directory:x": "zNotAKey"}}))
    code, _, err = run_cli(capsys, "check", str(path), "--trust", str(trust))
    assert code == 2 and "/seed-directories/seed-directory:x" in err


def test_requirements_json_entries(capsys):
    code, out, _ = run_cli(capsys, "requirements", "--json")
    entries = json.loads(out)
    assert code == 0 and entries
    for e in entries:
        assert {"id", "family", "level", "source", "properties", "vectors"} <= set(e)
        assert e["properties"] and e["vectors"]


def test_requirements_json_lists_the_location_pairs_under_their_requirement(capsys):
    code, out, _ = run_cli(capsys, "requirements", "--json")
    entries = {e["id"]: e for e in json.loads(out)}
    pairs = entries["CIR-BIND-001"]["locations"]
    assert code == 0 and {"artifact": "participant-bind.v1", "pointer": "/participant~1key~1public", "kind": "key-pair",
                          "transformation": "keys.designated-signs"} in pairs


def test_locations_prints_the_table_per_artifact_and_kind(capsys):
    code, out, _ = run_cli(capsys, "locations")
    assert code == 0 and "storage-policy-bundle.v1" in out and "(location, transformation) pairs" in out.splitlines()[-1]
    code, out, _ = run_cli(capsys, "locations", "--json")
    rows = json.loads(out)["locations"]
    assert {r["family"] for r in rows} == {"node-address-attestation", "client-instance-recovery", "storage-policy"}
    row = next(r for r in rows if r["artifact"] == "participant-bind.v1" and r["pointer"] == "/bound-at")
    assert row["kind"] == "date-time" and "date.trailing-newline" in row["transformations"]


def test_vectors_verify_bundled_with_reference(capsys):
    code, out, _ = run_cli(capsys, "vectors", "verify")
    assert code == 0 and "manifest ok" in out and ", 0 failed" in out


def test_vectors_verify_refuses_a_tampered_copy(capsys, tmp_path):
    assert run_cli(capsys, "vectors", "export", "--out", str(tmp_path))[0] == 0
    f = tmp_path / "node-address-attestation/signature.json"
    f.write_bytes(f.read_bytes().replace(b'"invalid"', b'"valid"', 1))
    code, _, err = run_cli(capsys, "vectors", "verify", str(tmp_path))
    assert code == 1 and "signature.json: SHA-256 differs" in err


def test_run_of_a_mutant_fails_with_requirement_and_replay(tmp_path):
    root = Path(__file__).resolve().parent.parent
    proc = subprocess.run([sys.executable, "-m", "conformance.cli", "run", "--profile", "quick", "--seed", "5", "-x",
                           "--adapter", "python:tests.mutants:skew_17_seconds", "--report", str(tmp_path / "r.json"),
                           "--junit", str(tmp_path / "r.xml")], cwd=root, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "seed 5" in proc.stdout and "NAA-TIME-002" in proc.stdout and "replay:" in proc.stdout
    assert "NOT CONFORMANT" in proc.stdout
    report = json.loads((tmp_path / "r.json").read_text())
    assert report["conformant"] is False and report["seed"] == 5
    assert "<failure" in (tmp_path / "r.xml").read_text()
