"""The composite action (action.yml) and its example workflow: every input is used, and the
action's shell steps, run with the environment the GitHub runner sets, produce the step
summary, the artifact files and the run's exit code."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
ACTION = yaml.safe_load((ROOT / "action.yml").read_text())
WORKFLOW = yaml.safe_load((ROOT / "examples" / "ci" / "conformance.yml").read_text())
SCRIPT = ROOT / "scripts" / "action-run.sh"


def _step(name_or_id: str) -> dict:
    return next(s for s in ACTION["runs"]["steps"] if name_or_id in (s.get("id"), s.get("name")))


def _action_step() -> dict:
    steps = WORKFLOW["jobs"]["conformance"]["steps"]
    return next(s for s in steps if "conformance" in s.get("uses", "") and "checkout" not in s["uses"])


def test_every_input_reaches_a_step_and_the_script():
    steps = yaml.safe_dump(ACTION["runs"]["steps"])
    script = SCRIPT.read_text()
    for name in ACTION["inputs"]:
        assert f"${{{{ inputs.{name} }}}}" in steps, f"action.yml: input {name!r} is used by no step"
        env = "INPUT_" + name.upper().replace("-", "_")
        if name != "python-version":
            assert env in steps and f"${{{env}" in script, f"input {name!r}: {env} not passed to or read by the script"
    assert ACTION["runs"]["using"] == "composite"
    upload = _step("Upload the conformance reports")
    assert upload["uses"].startswith("actions/upload-artifact@") and "failure()" in upload["if"]


def test_example_workflow_uses_the_action_with_the_python_example_adapter():
    step = _action_step()
    assert set(step["with"]) <= set(ACTION["inputs"])
    assert "examples/adapters/python/adapter.py" in step["with"]["adapter"]
    assert (ROOT / "examples" / "adapters" / "python" / "adapter.py").is_file()


def _runner_env(tmp_path: Path, with_: dict) -> dict:
    """What the runner sets for the `run` step: GITHUB_* files, RUNNER_TEMP, the step's env."""
    for d in ("temp", "workspace"):
        (tmp_path / d).mkdir(exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("INPUT_", "GITHUB_"))}
    env.update(PATH=f"{Path(sys.executable).parent}{os.pathsep}{env['PATH']}", PYTHONPATH=str(ROOT),
               GITHUB_STEP_SUMMARY=str(tmp_path / "step_summary.md"), GITHUB_OUTPUT=str(tmp_path / "output"),
               RUNNER_TEMP=str(tmp_path / "temp"), GITHUB_WORKSPACE=str(ROOT), GITHUB_ACTIONS="true",
               ACTION_PATH=str(ROOT))
    inputs = {name: str(spec.get("default", "")) for name, spec in ACTION["inputs"].items()}
    inputs.update({k: str(v) for k, v in with_.items()})
    env.update({"INPUT_" + k.upper().replace("-", "_"): v for k, v in inputs.items()})
    return env


def _run(tmp_path: Path, **with_) -> tuple[subprocess.CompletedProcess, dict, Path]:
    env = _runner_env(tmp_path, with_)
    proc = subprocess.run(["bash", str(SCRIPT), "run"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    outputs = dict(line.split("=", 1) for line in (tmp_path / "output").read_text().splitlines())
    return proc, outputs, tmp_path / "temp" / "conformance"


ARTIFACTS = ("conformance.json", "conformance.xml", "conformance.html", "conformance.md", "badge.json")


def test_run_step_certifies_the_example_adapter(tmp_path):
    with_ = dict(_action_step()["with"], profile="quick", only="NAA-TIME-002")  # the example's inputs, kept fast
    proc, outputs, out = _run(tmp_path, **with_)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert outputs == {"report-dir": str(out), "exit-code": "0"}
    assert all((out / name).is_file() for name in ARTIFACTS)
    assert not list((out / "failures").iterdir())
    summary = (tmp_path / "step_summary.md").read_text()
    assert summary.startswith("## ✅ Orbiplex conformance: conformant") and "example-python-adapter" in summary
    assert json.loads((out / "badge.json").read_text())["color"] == "brightgreen"


def test_run_step_fails_a_non_conformant_adapter_with_its_exit_code(tmp_path):
    proc, outputs, out = _run(tmp_path, adapter="python:tests.mutants:skew_window_exclusive", profile="quick",
                              only="NAA-TIME-002", seed="1", level="verdict")
    assert proc.returncode == 1 and outputs["exit-code"] == "1"
    assert all((out / name).is_file() for name in ARTIFACTS)
    assert len(list((out / "failures").glob("*.json"))) >= 2  # replayable vectors for the artifact
    summary = (tmp_path / "step_summary.md").read_text()
    assert summary.startswith("## ❌ Orbiplex conformance: not conformant")
    assert "NAA-TIME-002" in summary and "conformance replay " in summary and "<details>" in summary


def test_run_step_passes_the_database_input(tmp_path):
    """The `database` input reaches --database: the run records its counterexample there."""
    database = tmp_path / "db"
    proc, outputs, _ = _run(tmp_path, adapter="python:tests.mutants:skew_window_exclusive", profile="quick",
                            only="time.certificate-skew-boundary", seed="1", database=str(database))
    assert outputs["exit-code"] == "1", proc.stderr[-2000:]
    assert database.is_dir() and any(database.iterdir())


def test_run_step_with_a_bad_input_says_so_in_the_summary(tmp_path):
    expected = tmp_path / "missing.json"
    proc, outputs, _ = _run(tmp_path, adapter="reference", only="NAA-TIME-002", **{"expected-failures": str(expected)})
    assert proc.returncode == 2 and outputs["exit-code"] == "2"
    assert "exited with code 2 before writing a report" in (tmp_path / "step_summary.md").read_text()


@pytest.mark.parametrize("version, expected", [("0.1.0", "orbiplex-conformance==0.1.0"), ("", str(ROOT))])
def test_install_step_installs_the_requested_suite(tmp_path, version, expected):
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "python").write_text(f'#!/bin/sh\necho "$@" >> {tmp_path / "calls"}\n')
    (fake / "python").chmod(0o755)
    env = dict(os.environ, PATH=f"{fake}{os.pathsep}{os.environ['PATH']}", INPUT_SUITE_VERSION=version,
               ACTION_PATH=str(ROOT))
    subprocess.run(["bash", str(SCRIPT), "install"], env=env, check=True, timeout=30)
    assert (tmp_path / "calls").read_text().split() == ["-m", "pip", "install", "--quiet", expected]
