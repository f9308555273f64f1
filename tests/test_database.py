"""--database: Hypothesis's example database remembers counterexamples across runs."""

from __future__ import annotations

from conformance.adapters import load
from conformance.cli import main
from conformance.profiles import get
from conformance.run_options import RunOptions
from conformance.runner import FAIL, Runner

MUTANT = "python:tests.mutants:compares_raw_urls"
PROPERTY = "time.window-equal"  # the mutant (raw endpoint text) fails it after dozens of examples without a database


def _failing_property(seed: int, database=()):
    options = RunOptions(adapter=MUTANT, profile=get("ci"), seed=seed, only=(PROPERTY,), database=database)
    (prop,) = Runner(load(MUTANT), options, echo=lambda _: None).run().properties
    assert prop.status == FAIL and prop.failure.case is not None
    return prop


def test_a_counterexample_found_once_is_tried_first_in_a_later_run(tmp_path):
    directory = str(tmp_path / "db")
    first = _failing_property(1, (directory,))
    assert first.examples > 10, "the first run has to search (else this test shows nothing)"
    assert any((tmp_path / "db").iterdir()), "the counterexample is recorded"
    second = _failing_property(2, (directory,))  # another seed: only the database can make it quick
    assert second.examples <= 3 < _failing_property(2).examples


def test_no_database_by_default_so_the_seed_alone_decides(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert _failing_property(1).examples == _failing_property(1).examples
    assert not any(tmp_path.iterdir()), "nothing written (no .hypothesis directory either)"


def test_a_database_that_is_a_file_is_a_usage_error(tmp_path, capsys):
    path = tmp_path / "file"
    path.write_text("")
    assert main(["run", "--database", str(path), "--only", PROPERTY]) == 2
    assert capsys.readouterr().err.strip() == f"conformance: error: --database {path}: not a directory"
    assert main(["run", "--database", "github:owner", "--only", PROPERTY]) == 2
    assert "expected github:OWNER/REPO" in capsys.readouterr().err


class _Config:  # the options pytest_configure reads, as pytest gives them
    def __init__(self, **values):
        self.values = {"adapter": "reference", "profile": "quick", "conformance_level": "verdict",
                       "conformance_signing_prefix": "", "conformance_privacy_order": None,
                       "conformance_report": None, "conformance_failures_dir": None, **values}

    def getoption(self, name, default=None):
        return self.values.get(name, default)


def test_the_pytest_plugin_passes_conformance_database(tmp_path):
    import pytest

    from conformance.errors import HarnessError

    options = RunOptions.from_pytest(_Config(conformance_database=[str(tmp_path)]), 1)
    assert options.database == (str(tmp_path),)
    assert Runner(load("reference"), options, echo=lambda _: None).database is not None
    assert RunOptions.from_pytest(_Config(), 1).database == ()
    (tmp_path / "file").write_text("")
    with pytest.raises(HarnessError, match="--database .*file: not a directory"):
        RunOptions.from_pytest(_Config(conformance_database=[str(tmp_path / "file")]), 1)
