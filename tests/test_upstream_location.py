"""The suite's own tests find external reference data through --upstream / ORBIPLEX_UPSTREAM
(default: the upstream directory in shared/ beside the checkout), never through a machine path; without it the
tests that need it skip with one reason. .ci/run also runs the README commands in a fresh clone."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import tests.conftest as conftest

TESTS = Path(__file__).resolve().parent
# The directory above this checkout as written on this machine (wherever that is), a relative
# path climbing out to a sibling shared/ directory, or code computing the checkout's parent.
OUTSIDE = TESTS.parent.parent
MACHINE_PATH = re.compile("|".join(
    ([re.escape(str(OUTSIDE) + os.sep)] if len(OUTSIDE.parts) > 1 else []) + [r"\.\./shared\b", r"parent\.parent\.parent"]))


def test_no_test_module_names_a_machine_path():
    offenders = [f"{p.relative_to(TESTS)}:{n}" for p in sorted(TESTS.rglob("*.py")) if p.name != "conftest.py"
                 and p != Path(__file__).resolve()
                 for n, line in enumerate(p.read_text("utf-8").splitlines(), 1) if MACHINE_PATH.search(line)]
    assert offenders == []


def test_absent_data_gives_one_skipped_case_with_the_reason(monkeypatch, tmp_path):
    reason = f"upstream reference data not found at {tmp_path / 'absent'}: pass --upstream DIR or set ORBIPLEX_UPSTREAM"
    monkeypatch.setitem(conftest._upstream, "path", tmp_path / "absent")
    monkeypatch.setitem(conftest._upstream, "missing", reason)

    def build(root):
        raise AssertionError("must not read absent data")

    [param] = conftest.upstream_params(build, width=2)
    assert param.values == (None, None) and param.id == "upstream-missing"
    assert [(m.name, m.kwargs["reason"]) for m in param.marks] == [("skip", reason)]
    with pytest.raises(pytest.skip.Exception, match="not found at"):
        conftest.skip_module_without_upstream()


def test_present_data_is_passed_to_the_builder(monkeypatch, tmp_path):
    monkeypatch.setitem(conftest._upstream, "path", tmp_path)
    monkeypatch.setitem(conftest._upstream, "missing", None)
    assert conftest.upstream_params(lambda root: [root / "x"]) == [tmp_path / "x"]


def _collect(*args, env_dir=None):
    env = {k: v for k, v in os.environ.items() if k not in ("ORBIPLEX_UPSTREAM", "PYTEST_ADDOPTS")}
    if env_dir is not None:
        env["ORBIPLEX_UPSTREAM"] = str(env_dir)
    return subprocess.run([sys.executable, "-m", "pytest", "--co", "-n", "0", *args, "tests/test_intake.py"],
                          cwd=TESTS.parent, env=env, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("how", ["option", "env"])
def test_an_explicit_directory_that_does_not_exist_is_a_usage_error(tmp_path, how):
    missing = tmp_path / "nowhere"
    run = _collect("--upstream", str(missing)) if how == "option" else _collect(env_dir=missing)
    source = "--upstream" if how == "option" else "ORBIPLEX_UPSTREAM"
    assert run.returncode == 4, run.stdout + run.stderr
    assert f"{source} {missing}: no such directory" in run.stderr


def test_the_option_wins_over_the_environment(tmp_path):
    run = _collect("--upstream", str(tmp_path), env_dir=tmp_path / "nowhere")
    assert run.returncode == 0, run.stdout + run.stderr
    assert f"upstream reference data: {tmp_path}" in run.stdout
