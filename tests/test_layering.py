"""Import direction, checked with import-linter against the contracts in pyproject.toml
([tool.importlinter]): the harness never imports strategies, strategies never import the
reference, and the family packages (naa, cir, storage) never import each other."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINT = Path(sys.executable).with_name("lint-imports")

CONTRACTS = {
    "harness-below-strategies": "layers",
    "strategies-not-reference": "forbidden",
    "reference-families-independent": "independence",
    "strategies-families-independent": "independence",
    "shared-below-families": "layers",
}


def lint(config: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(LINT), "--config", str(config), "--no-cache"], cwd=ROOT, capture_output=True,
                          text=True, timeout=300)


def test_the_contracts_are_declared():
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["importlinter"]["contracts"]
    assert {c["id"]: c["type"] for c in declared} == CONTRACTS


def test_every_contract_is_kept():
    done = lint(ROOT / "pyproject.toml")
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"Contracts: {len(CONTRACTS)} kept, 0 broken." in done.stdout


def test_a_broken_contract_fails(tmp_path):
    # strategies build cases from conformance.case: a contract forbidding that must be reported broken.
    config = tmp_path / "broken.toml"
    config.write_text('[tool.importlinter]\nroot_packages = ["conformance", "strategies"]\n\n'
                      '[[tool.importlinter.contracts]]\nname = "strategies do not import the case model"\n'
                      'type = "forbidden"\nsource_modules = ["strategies"]\nforbidden_modules = ["conformance.case"]\n',
                      "utf-8")
    done = lint(config)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "BROKEN" in done.stdout and "strategies" in done.stdout


def test_every_package_is_shipped():
    """A package missing from pyproject's list imports from a checkout but not once installed
    (`pip install .`): every directory with an __init__.py is listed."""
    root = Path(__file__).resolve().parent.parent
    listed = set(tomllib.loads((root / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {".".join(init.parent.relative_to(root).parts)
             for top in ("conformance", "strategies") for init in (root / top).rglob("__init__.py")}
    assert found - listed == set(), "add these to [tool.setuptools] packages in pyproject.toml"
