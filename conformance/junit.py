"""JUnit XML (the Jenkins/ant format; tests/data/junit.xsd), built the same way for a live run
(conformance.report) and for shards merged from their JSON reports (conformance.merge).

Test cases are named by the IDs ``--only`` and ``--expected-failures`` take, a vector's file#N
in ``file``. A third suite carries the run itself: its verdict, and an error when the run was
partial or errored, so such a run is never green in CI. Every text is XML-safe."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass

from conformance.safe_text import block, one_line, xml_safe

RUN_INTERRUPTED, RUN_ERRORED, RUN_VERDICT = "conformance.run-interrupted", "conformance.run-errored", "conformance.verdict"
SUITE_PROPERTIES = ("partial", "conformant", "adapter", "profile", "seed", "level", "suite")
SCOPE_PROPERTIES = ("require", "certified")  # what the verdict certifies (report.certified_text), when known


@dataclass(frozen=True)
class Row:
    name: str  # the stable ID
    status: str
    outcome: str | None  # "failure", "error", "skipped" or None (passed)
    message: str = ""
    text: str = ""  # the failure's description
    file: str | None = None
    seconds: float | None = None


def build(meta: dict, groups: list, verdict_line: str, problems: list, partial_why: str | None,
          errored: str | None) -> ET.ElementTree:
    """``meta``: the SUITE_PROPERTIES values; ``groups``: (suite name, [Row]) pairs."""
    suites = ET.Element("testsuites", name="orbiplex-conformance")
    for name, rows in groups:
        suite = _suite(suites, meta, f"{meta['adapter']} {name}")
        for row in rows:
            tc = ET.SubElement(suite, "testcase", classname=f"conformance.{name}", name=row.name)
            if row.file:
                tc.set("file", row.file)
            if row.seconds is not None:
                tc.set("time", f"{row.seconds:.3f}")
            if row.outcome == "skipped":
                ET.SubElement(tc, "skipped", message=one_line(row.message or row.status))
            elif row.outcome:
                el = ET.SubElement(tc, row.outcome, type=row.status, message=one_line(row.message or row.status)[:500])
                el.text = row.text or row.status
    run = _suite(suites, meta, f"{meta['adapter']} run")
    verdict = ET.SubElement(run, "testcase", classname="conformance.run", name=RUN_VERDICT)
    if not meta["conformant"]:
        el = ET.SubElement(verdict, "failure", type="not-conformant", message=one_line(verdict_line))
        if problems:
            el.text = "problems:\n" + "\n".join(f"  {block(p)}" for p in problems)
    if partial_why:
        tc = ET.SubElement(run, "testcase", classname="conformance.run", name=RUN_INTERRUPTED)
        ET.SubElement(tc, "error", type="partial", message=f"the run was {partial_why}: these results are partial")
    if errored:
        tc = ET.SubElement(run, "testcase", classname="conformance.run", name=RUN_ERRORED)
        ET.SubElement(tc, "error", type="harness-error", message=one_line(errored)[:500]).text = block(errored)
    return _finish(suites)


def _suite(parent: ET.Element, meta: dict, name: str) -> ET.Element:
    suite = ET.SubElement(parent, "testsuite", name=name)
    props = ET.SubElement(suite, "properties")
    for key in SUITE_PROPERTIES + tuple(k for k in SCOPE_PROPERTIES if meta.get(k) is not None):
        value = meta[key]
        ET.SubElement(props, "property", name=key, value=str(value).lower() if isinstance(value, bool) else str(value))
    return suite


def _finish(suites: ET.Element) -> ET.ElementTree:
    """The counts of every suite and of the whole, and every text made XML-safe."""
    for suite in suites:
        cases = suite.findall("testcase")
        for attr, tag in (("failures", "failure"), ("errors", "error"), ("skipped", "skipped")):
            suite.set(attr, str(sum(1 for tc in cases if tc.find(tag) is not None)))
        suite.set("tests", str(len(cases)))
    for attr in ("tests", "failures", "errors", "skipped"):
        suites.set(attr, str(sum(int(suite.get(attr)) for suite in suites)))
    for el in suites.iter():  # the guarantee: nothing XML 1.0 forbids reaches the file
        el.text = xml_safe(el.text) if el.text else el.text
        el.attrib.update({k: xml_safe(v) for k, v in el.attrib.items()})
    return ET.ElementTree(suites)


def partial_why(interrupted: bool, stopped_early: bool) -> str | None:
    return "interrupted" if interrupted else "stopped at the first failure (-x)" if stopped_early else None
