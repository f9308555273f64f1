"""Interpretations as data (issue 11): the catalog, declaring choices, and the certified scope."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conformance import catalog, cli, docs, interpretations, vectors
from conformance.adapters.python import PythonAdapter
from conformance.catalogs.interpretations import INTERPRETATIONS
from conformance.errors import HarnessError
from conformance.profiles import get
from conformance.runner import NOT_APPLICABLE, Runner
from conformance.run_options import RunOptions
from tests.mutants import MUTANTS

ROOT = Path(__file__).resolve().parents[1]


def test_every_interpretation_has_id_default_reasoning_source_and_affects():
    ids = [i.id for i in INTERPRETATIONS]
    assert len(ids) == len(set(ids))
    known = set(catalog.requirement_ids())
    for i in INTERPRETATIONS:
        assert i.id and i.reasoning and i.source and i.title, i.id
        assert i.choice(i.default) is not None and i.choice(i.default).supported, i.id
        assert i.affects and set(i.affects) <= known, i.id
        assert len({c.id for c in i.choices}) == len(i.choices), i.id
    # the names CONFORMANCE.md has used since before the catalog, and the storage points issue 11 names
    assert {f"I{n}" for n in range(1, 16)} | {f"C{n}" for n in range(1, 9)} | {f"S{n}" for n in range(1, 15)} <= set(ids)


def test_generated_interpretations_table_is_current():
    text = (ROOT / "CONFORMANCE.md").read_text("utf-8")
    assert docs.section(text, "interpretations") == docs.interpretations_table()
    for i in INTERPRETATIONS:
        assert f"| {i.id} | {i.family} |" in text


def test_interpretations_command_lists_the_catalog(capsys):
    assert cli.main(["interpretations", "--json"]) == 0
    entries = json.loads(capsys.readouterr().out)["interpretations"]
    assert [e["id"] for e in entries] == [i.id for i in INTERPRETATIONS]
    s1 = next(e for e in entries if e["id"] == "S1")
    assert {c["id"] for c in s1["choices"]} == {"suite", "order:", "partial:"}
    assert cli.main(["interpretations"]) == 0
    assert "S10" in capsys.readouterr().out


def test_requirements_json_names_the_interpretations_of_each_requirement():
    entries = {e["id"]: e for e in cli.requirement_map()}
    assert "I2" in entries["NAA-SIG-001"]["interpretations"]
    assert {"S10", "S11"} <= set(entries["SDP-EXPORT-001"]["interpretations"])


@pytest.mark.parametrize("argv, message", [
    (["--interpret", "S9=source-only"],
     "interpretation S9: choice source-only is catalogued but not yet supported by the case builders"),
    (["--interpret", "S1=partial:{}"], "interpretation S1: a partial privacy-order is"),
    (["--interpret", 'S1=partial:{"order": ["Public"], "incomparable": ["ExternalCustodian"]}'],
     "interpretation S1: privacy-order misses"),
    (["--interpret", "Z9=x"], "interpretation 'Z9' is not catalogued"),
    (["--interpret", "I2=upper"], "interpretation I2: no choice 'upper'"),
    (["--interpret", "I2"], "expected ID=CHOICE"),
    (["--interpret", "I2=prefix:a", "--signing-prefix", "b"], "interpretation I2 declared twice"),
])
def test_bad_declarations_exit_2_with_one_line(argv, message, capsys):
    assert cli.main(["run", "--profile", "quick", *argv]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_declaration_file_and_old_spellings_map_onto_the_choices(tmp_path):
    order = ["Public", "SecretCredential", "SealedUntil", "PrivateOverlay", "ScopeRestricted", "MembersOnly",
             "ExternalCustodian"]
    f = tmp_path / "choices.json"
    f.write_text(json.dumps({"interpretations": {"I2": "prefix:dom/v1", "S1": order}}))
    declared = interpretations.declare(file=str(f))
    assert declared.signing_prefix == "dom/v1" and declared.property_options() == {"privacy-order": order}
    o = tmp_path / "order.json"
    o.write_text(json.dumps(order))
    assert interpretations.declare(signing_prefix="dom/v1", privacy_order_file=str(o)).as_json() == declared.as_json()
    f.write_text(json.dumps({"interpretations": {"I2": 3}}))
    with pytest.raises(HarnessError, match=r"pointer /interpretations/I2"):
        interpretations.declare(file=str(f))
    assert interpretations.declare(["I2=empty", "S1=suite"]).as_json() == {}  # the defaults, declared


def test_vectors_built_under_another_choice_are_not_applicable():
    declared = interpretations.declare(["I2=prefix:dom/v1"])
    loaded = [c for _, c in vectors.load(vectors.bundled_dir())]
    signed_valid = next(c for c in loaded if c.id.startswith("trust.class") or c.id.startswith("signature."))
    assert "I2=empty" in declared.not_applicable(signed_valid)
    intake = next(c for c in loaded if c.id.startswith("intake.duplicate-key"))
    assert declared.not_applicable(intake) == ""  # stops at intake: assumes no choice
    storage = next(c for c in loaded if c.id.startswith("sdp.copy."))
    assert declared.not_applicable(storage) == ""  # I2 does not touch storage bundles
    assert "S1=suite" in interpretations.declare(
        ["S1=order:" + json.dumps([["SecretCredential", "SealedUntil"], "PrivateOverlay", "ScopeRestricted",
                                   "MembersOnly", "ExternalCustodian", "Public"])]).not_applicable(storage)


def test_declared_prefix_runs_the_properties_under_it_and_marks_the_vectors():
    from conformance.adapters import load

    declared = interpretations.declare(["I2=prefix:dom/v1"])
    adapter = load("reference")
    options = RunOptions(adapter="reference", profile=get("quick"), seed=7, only=("signature.tampered*",),
                         interpretations=declared, signing_prefix=declared.signing_prefix)
    result = Runner(adapter, options, echo=lambda _: None).run()
    assert result.conformant and result.interpretations == {"I2": "prefix:dom/v1"}
    assert result.vectors and all(r.status == NOT_APPLICABLE for r in result.vectors)
    assert all(p.status == "pass" for p in result.properties)


# cir-same-host-migration-allowed breaks CIR-MODE-002 only, a derived rule.
DERIVED_MUTANT = "cir-same-host-migration-allowed"


def _mutant_run(require: str):
    from conformance import report

    mutant = MUTANTS[DERIVED_MUTANT]
    adapter = PythonAdapter(mutant.implementation(), f"python:tests.mutants:{mutant.name}")
    options = RunOptions(adapter=adapter.label, profile=get("quick"), seed=20261122, only=("CIR-MODE-00?",),
                         require=require)
    result = Runner(adapter, options, echo=lambda _: None).run()
    return result, report.summary(result)


def test_derived_only_mutant_fails_by_default_and_passes_with_require_must():
    assert catalog.requirement("CIR-MODE-002").level == "derived"
    result, summary = _mutant_run("derived")
    assert not result.conformant and "NOT CONFORMANT" in summary
    result, summary = _mutant_run("must")
    assert result.conformant, summary
    assert "derived rules: 3 pass, 1 differ" in summary and "--require must" in summary
    assert "differ only on requirements below --require must" in summary
    from conformance import report

    assert report.requirement_status(result, "CIR-MODE-002") == "differs (derived)"
    assert report.to_json(result)["scope"]["requirements_differing"] == ["CIR-MODE-002"]
