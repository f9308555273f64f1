"""Capabilities (issue 11, point 5): what an implementation declares it does not implement is
not certified, never failed or passed, and the rest is judged without it."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conformance import report, vectors
from conformance.adapters.python import PythonAdapter
from conformance.capabilities import Missing, declared
from conformance.cli import main
from conformance.errors import HarnessError
from conformance.profiles import get
from conformance.run_options import RunOptions
from conformance.runner import NOT_APPLICABLE, Runner
from tests.miniatures import capabilities as miniatures

ROOT = Path(__file__).resolve().parent.parent
# a trust-class vector file (valid documents, their class compared) and the collision properties' kind
NAA_ONLY = ("trust.class*", "trust.collision*", "signature.tampered*")


@pytest.fixture(scope="module")
def few_vectors(tmp_path_factory):
    """The vector files these tests select (loading every vector file costs seconds)."""
    root = tmp_path_factory.mktemp("vectors")
    for rel in ("node-address-attestation/trust.json", "node-address-attestation/signature.json",
                "storage-policy/receipt.json", "storage-policy/export.json"):
        (root / rel).parent.mkdir(exist_ok=True)
        shutil.copy(vectors.bundled_dir() / rel, root / rel)
    return root


@pytest.fixture
def run(few_vectors):
    def run(name: str, only=NAA_ONLY, level="verdict"):
        adapter = PythonAdapter(getattr(miniatures, name), f"python:tests.miniatures.capabilities:{name}")
        options = RunOptions(adapter=adapter.label, profile=get("quick"), seed=11, only=only, level=level,
                             vectors_dir=few_vectors)
        return Runner(adapter, options, echo=lambda _: None).run()
    return run


def test_a_verifier_without_classification_fails_every_valid_case_unless_it_declares_so(run):
    undeclared = run("no_classification_undeclared")
    assert not undeclared.conformant
    assert any("expected class" in r.message for r in undeclared.failures())
    result = run("no_classification")
    assert result.conformant, report.summary(result)
    for req in ("NAA-TRUST-001", "NAA-TRUST-005", "NAA-TIME-004"):
        assert report.requirement_status(result, req) == "not certified (capabilities)"
    assert report.requirement_status(result, "NAA-SIG-001").startswith("pass")
    # a collision set asks only for classes: not asked at all; trust.class also checks NAA-TIME-003: asked
    assert all(r.status == NOT_APPLICABLE for r in result.vectors if r.case.id.startswith("trust.collision"))
    assert any(r.status == "pass" for r in result.vectors if r.case.id.startswith("trust.class"))
    scope = report.to_json(result)["scope"]
    assert scope["capabilities_missing"] == ["classification"] and "NAA-TRUST-001" in scope["requirements_not_certified"]
    assert "not implemented (capabilities, not certified): classification" in report.certified_text(result)
    assert "NAA-TRUST-001" not in scope["requirements_certified"]


def test_declaring_a_capability_absent_judges_the_same_as_lacking_it(run):
    lacking, declaring = run("no_classification"), run("classification_declared_absent")
    assert [r.status for r in lacking.vectors] == [r.status for r in declaring.vectors]
    assert report.to_json(lacking)["scope"]["requirements_not_certified"] == \
        report.to_json(declaring)["scope"]["requirements_not_certified"]


def test_an_evaluator_without_receipts_passes_at_strict_only_when_it_declares_so(run):
    only = ("sdp.receipt.*", "sdp.export.export-basis*")
    assert not run("no_receipts_undeclared", only, "strict").conformant
    result = run("no_receipts", only, "strict")
    assert result.conformant, report.summary(result)
    assert report.requirement_status(result, "SDP-RECEIPT-001") == "not certified (capabilities)"
    assert report.requirement_status(result, "SDP-EXPORT-001") == "pass"


def test_capabilities_are_checked():
    assert declared({}) == Missing() and declared({"capabilities": {"receipts": True}}) == Missing()
    with pytest.raises(HarnessError, match="capabilities/clasification"):
        declared({"capabilities": {"clasification": False}})
    with pytest.raises(HarnessError, match="capabilities/collision"):
        declared({"capabilities": {"collision": "no"}})
    assert declared({"capabilities": {"clasification": False}}, strict=False) == Missing()


def test_an_unknown_capability_is_a_harness_error(capsys):
    code = main(["run", "--adapter", "python:tests.miniatures.capabilities:unknown_capability", "--profile", "quick",
                 "--only", "NAA-TRUST-005"])
    assert code == 2 and "capabilities/clasification" in capsys.readouterr().err


def test_the_pytest_plugin_honours_capabilities(tmp_path):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-n", "0",
                           "--adapter", "python:tests.miniatures.capabilities:no_classification", "--profile", "quick",
                           "--conformance-report", "r.json", "-k", "trust.collision or signature.tampered"],
                          cwd=tmp_path, capture_output=True, text=True, env=env, timeout=600)
    assert proc.returncode == 0, proc.stdout[-3000:]
    doc = json.loads((tmp_path / "r.json").read_text())
    status = {r["id"]: r["status"] for r in doc["requirements"]}
    assert status["NAA-TRUST-005"] == "not certified (capabilities)" and status["NAA-SIG-001"].startswith("pass")
    assert "not certified" in proc.stdout and "skipped" in proc.stdout


def test_require_must_passes_a_run_that_differs_only_in_derived_rules_and_every_report_says_so(capsys, tmp_path):
    # the CIR mutant breaks CIR-MODE-002 only, a derived rule (tests/mutants/cir.py)
    files = {k: tmp_path / f"r.{k}" for k in ("json", "xml", "html", "md")}
    rel = "client-instance-recovery/mode.json"  # the one vector file of CIR-MODE-002 (loading all costs seconds)
    (tmp_path / "v" / rel).parent.mkdir(parents=True)
    data = (vectors.bundled_dir() / rel).read_bytes()
    (tmp_path / "v" / rel).write_bytes(data)
    (tmp_path / "v" / "MANIFEST.json").write_text(json.dumps({"files": {rel: hashlib.sha256(data).hexdigest()}}))
    code = main(["run", "--adapter", "python:tests.mutants:cir_same_host_migration_allowed", "--profile", "quick",
                 "--seed", "5", "--only", "CIR-MODE-002", "--require", "must", "--report", str(files["json"]),
                 "--vectors", str(tmp_path / "v"),
                 "--junit", str(files["xml"]), "--html", str(files["html"]), "--markdown", str(files["md"])])
    out = capsys.readouterr().out
    assert code == 0 and "CONFORMANT" in out, out[-2000:]
    certified = json.loads(files["json"].read_text())["scope"]["certified"]
    assert "derived rules: 0 pass, 1 differ" in certified and "--require must" in certified
    assert f"certified: {certified}" in out
    junit = files["xml"].read_text()
    assert 'name="certified"' in junit and 'name="require" value="must"' in junit
    for kind in ("html", "md"):
        assert "derived requirements are reported but do not fail the run" in files[kind].read_text()
