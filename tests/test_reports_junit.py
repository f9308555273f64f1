"""JUnit XML: well-formed whatever the failure text holds, valid against a JUnit XSD, test
cases named by the IDs --only and --expected-failures take, and never green when the run
is partial, errored or not conformant."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from conformance import report
from conformance.cli import main
from conformance.runner import ERRORED, PASS, CaseResult, PropertyResult, RunResult

from .reports_support import junit_problems


def _run(tmp_path, capsys, adapter, *only):
    junit = tmp_path / "j.xml"
    code = main(["run", "--adapter", adapter, "--profile", "quick", "--seed", "1", "--only", *only,
                 "--junit", str(junit)])
    capsys.readouterr()
    return code, junit


def test_junit_of_a_failed_nul_vector_is_well_formed_and_valid(tmp_path, capsys):
    # intake.trailing-data/self-only/nul has a NUL byte after the document: the failure text shows it
    code, junit = _run(tmp_path, capsys, "python:tests.mutants:accepts_trailing_data", "intake.trailing-data/*")
    assert code == 1
    assert junit_problems(junit) == []
    root = ET.parse(junit).getroot()
    nul = root.find(".//testcase[@name='intake.trailing-data/self-only/nul']")
    assert nul is not None and nul.get("file") == "node-address-attestation/intake.json#19"
    assert "}\\x00" in nul.find("failure").text


def _result(**kw) -> RunResult:
    result = RunResult("python:x:y", {"name": "x"}, "quick", 5, "verdict", **kw)
    result.counts = {"NAA-JSON-002": {PASS: 1}}
    return result


def test_junit_names_vectors_and_properties_by_stable_id_and_keeps_the_file(tmp_path):
    from conformance import vectors

    source, case = next(iter(vectors.load(vectors.bundled_dir())))
    result = _result()
    result.vectors = [CaseResult(source, case, ERRORED, "implementation errored: \x1b]0;t\x07\x00boom\ud800")]
    result.properties = [PropertyResult("intake.duplicate-key", "t", ("NAA-JSON-003",), 1, examples=3)]
    path = tmp_path / "j.xml"
    report.write(result, junit_path=path)
    assert junit_problems(path) == []
    cases = {tc.get("name"): tc for tc in ET.parse(path).getroot().iter("testcase")}
    assert cases[case.id].get("file") == source and cases[case.id].get("classname") == "conformance.vectors"
    assert "\\x1b]0;t\\x07\\x00boom\\ud800" in cases[case.id].find("error").get("message")
    assert cases["intake.duplicate-key"].get("classname") == "conformance.properties"
    assert not any("#" in name for name in cases)


def test_partial_run_is_marked_and_red(tmp_path):
    from conformance import vectors

    source, case = next(iter(vectors.load(vectors.bundled_dir())))
    result = _result(interrupted=True)
    result.vectors = [CaseResult(source, case, PASS)]
    path = tmp_path / "j.xml"
    report.write(result, junit_path=path)
    assert junit_problems(path) == []
    root = ET.parse(path).getroot()
    for suite in root.iter("testsuite"):
        assert suite.find("properties/property[@name='partial']").get("value") == "true"
    interrupted = root.find(".//testcase[@name='conformance.run-interrupted']")
    assert interrupted is not None and interrupted.find("error") is not None
    assert int(root.get("errors")) >= 1


def test_run_level_problems_and_harness_errors_make_junit_red(tmp_path):
    result = _result()
    result.problems = ["expected failure 'X' (why) passed: remove it from the list"]
    result.errored = "--vectors d: \x1b[31mbroken"  # a harness error recorded by the runner
    path = tmp_path / "j.xml"
    report.write(result, junit_path=path)
    assert junit_problems(path) == []
    root = ET.parse(path).getroot()
    verdict = root.find(".//testcase[@name='conformance.verdict']/failure")
    assert verdict is not None and "expected failure 'X'" in verdict.text
    errored = root.find(".//testcase[@name='conformance.run-errored']/error")
    assert errored is not None and "\\x1b[31mbroken" in errored.get("message")


def test_a_conformant_run_has_a_passing_verdict_case(tmp_path, capsys):
    code, junit = _run(tmp_path, capsys, "reference", "intake.trailing-data/*")
    assert code == 0 and junit_problems(junit) == []
    root = ET.parse(junit).getroot()
    assert root.get("failures") == "0" and root.get("errors") == "0"
    assert list(root.find(".//testcase[@name='conformance.verdict']")) == []
