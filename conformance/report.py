"""Reports of a run: the terminal summary, JSON, JUnit XML and a static HTML page.

Every file is written whole to a temporary name and renamed, so an interrupted run
leaves complete (if partial, and marked so) reports, never truncated ones.
"""

from __future__ import annotations

import html
import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import conformance
from conformance import catalog, protocol
from conformance.runner import ERRORED, FAIL, NOT_APPLICABLE, PASS, SKIPPED, STRICT_FAIL, CaseResult, RunResult

MAX_DOC_CHARS = 4000


def requirement_status(result: RunResult, req_id: str) -> str:
    from conformance.expected import XFAIL

    counts = result.counts.get(req_id, {})
    if counts.get(FAIL) or counts.get(ERRORED) or (result.level == "strict" and counts.get(STRICT_FAIL)):
        return "FAIL"
    if counts.get(SKIPPED):
        return "SKIPPED"
    if counts.get(XFAIL):
        return "expected failure"
    if counts.get(PASS) or counts.get(STRICT_FAIL):
        return "pass (codes differ)" if counts.get(STRICT_FAIL) else "pass"
    if counts.get(SKIPPED):
        return "SKIPPED"
    if counts.get(NOT_APPLICABLE):
        return "not applicable"
    return "not run"


def _document_text(raw: bytes) -> str:
    doc = protocol.encode_document(raw)
    text = doc.get("text") if "text" in doc else "base64:" + doc["base64"]
    return text if len(text) <= MAX_DOC_CHARS else text[:MAX_DOC_CHARS] + f"... ({len(text)} characters)"


def describe_failure(r: CaseResult) -> str:
    lines = [f"FAILED {r.source}"]
    if r.case is not None:
        reqs = ", ".join(f"{q} ({catalog.requirement(q).title})" for q in r.case.requirements)
        lines.append(f"  requirement: {reqs}")
        lines.append(f"  case:        {r.case.id} [{', '.join(r.case.flags)}]")
        lines.append(f"  {r.case.comment}")
        lines.append(f"  expected:    {[e.as_dict() for e in r.case.expected]}")
        lines.append(f"  actual:      {r.actual}")
        lines.append(f"  difference:  {r.message}")
        lines.append(f"  now: {r.case.now}   trust: {json.dumps(r.case.trust)}   options: {json.dumps(r.case.options)}")
        kinds = r.case.document_kinds or (r.case.kind,) * len(r.case.documents)
        for i, (raw, kind) in enumerate(zip(r.case.documents, kinds)):
            lines.append(f"  document {i} ({kind}): {_document_text(raw)}")
        if r.case.context is not None:
            lines.append(f"  context: {len(r.case.context)} earlier admitted artifact(s)")
            for i, (kind, raw) in enumerate(r.case.context):
                lines.append(f"    context {i} ({kind}): {_document_text(raw)}")
    else:
        lines.append(f"  {r.message}")
    if r.expected:
        lines.append(f"  expected failure: {r.expected}")
    for command in r.replay.split("\n") if r.replay else ():
        lines.append(f"  replay:      {command}")
    return "\n".join(lines)


def summary(result: RunResult) -> str:
    info = result.implementation
    lines = [
        "",
        f"implementation: {info.get('name')} {info.get('version', '')} ({info.get('language', '?')})",
        f"adapter: {result.adapter}   profile: {result.profile}   seed: {result.seed}   level: {result.level}",
        "",
        f"{'requirement':18s} {'level':8s} {'cases':>6s} {'failed':>6s}  status",
    ]
    for req in catalog.REQUIREMENTS:
        counts = result.counts.get(req.id, {})
        total = sum(counts.values())
        failed = counts.get(FAIL, 0) + counts.get(ERRORED, 0) + counts.get(SKIPPED, 0) + \
            (counts.get(STRICT_FAIL, 0) if result.level == "strict" else 0)
        lines.append(f"{req.id:18s} {req.level:8s} {total:6d} {failed:6d}  {requirement_status(result, req.id)}")
    failures = result.failures()
    for r in failures:
        lines += ["", describe_failure(r)]
    strict_only = [p.failure for p in result.properties if p.status == STRICT_FAIL and result.level == "verdict"]
    strict_only += [r for r in result.vectors if r.status == STRICT_FAIL and result.level == "verdict"]
    if strict_only:
        lines += ["", f"{len(strict_only)} case(s) pass at verdict level but differ in outcome codes (strict level); first:",
                  describe_failure(strict_only[0])]
    for problem in result.problems:
        lines += ["", f"FAILED {problem}"]
    if result.first_bad_message:
        lines += ["", f"first invalid protocol message: {result.first_bad_message}"]
    xfailed = [r for r in result.vectors if r.expected] + [p.failure for p in result.properties if p.failure and p.failure.expected]
    if xfailed:
        lines += ["", f"{len(xfailed)} expected failure(s): " + ", ".join(sorted({r.case.id for r in xfailed if r.case}))]
    verdict = "INTERRUPTED (partial)" if result.interrupted else "CONFORMANT" if result.conformant else "NOT CONFORMANT"
    lines += ["", f"{verdict} at {result.level} level: {_tally(result, result.vectors, 'vectors')}, "
                  f"{_tally(result, result.properties, 'properties')}, {result.seconds:.1f} s, seed {result.seed}"]
    return "\n".join(lines)


def _tally(result: RunResult, items: list, noun: str) -> str:
    failed = sum(1 for r in items if result.is_failure(r.status))
    not_applicable = sum(1 for r in items if r.status == NOT_APPLICABLE)
    extra = f", {not_applicable} not applicable" if not_applicable else ""
    return f"{len(items)} {noun} ({failed} failed{extra})"


def _case_json(r: CaseResult) -> dict:
    out = {"source": r.source, "status": r.status, "message": r.message}
    if r.expected:
        out["expected_failure"] = r.expected
    if r.case is not None:
        out.update({"id": r.case.id, "requirements": list(r.case.requirements), "flags": list(r.case.flags),
                    "operation": r.case.operation, "now": r.case.now, "trust": r.case.trust, "options": r.case.options,
                    "kind": r.case.kind, "documents": r.case.encoded_documents(),
                    "context": None if r.case.context is None else
                    [protocol.encode_document(raw, kind) for kind, raw in r.case.context],
                    "expected": [e.as_dict() for e in r.case.expected], "actual": r.actual})
    if r.replay:
        out["replay"] = r.replay
    return out


def to_json(result: RunResult) -> dict:
    return {
        "suite": f"orbiplex-conformance {conformance.__version__}",
        "partial": result.interrupted,
        "conformant": result.conformant,
        "adapter": result.adapter,
        "implementation": result.implementation,
        "profile": result.profile,
        "seed": result.seed,
        "level": result.level,
        "seconds": round(result.seconds, 3),
        "problems": result.problems,
        "first_bad_message": result.first_bad_message,
        "requirements": [
            {"id": req.id, "level": req.level, "status": requirement_status(result, req.id),
             "counts": result.counts.get(req.id, {})}
            for req in catalog.REQUIREMENTS
        ],
        "vectors": [_case_json(r) if r.status != PASS else {"source": r.source, "id": r.case.id, "status": r.status}
                    for r in result.vectors],
        "properties": [
            {"id": p.id, "title": p.title, "requirements": list(p.requirements), "seed": p.seed, "examples": p.examples,
             "status": p.status, "seconds": round(p.seconds, 3), "failure": _case_json(p.failure) if p.failure else None}
            for p in result.properties
        ],
    }


def to_junit(result: RunResult) -> ET.ElementTree:
    suites = ET.Element("testsuites", name="orbiplex-conformance")
    for name, items in (("vectors", [(r.source, r.status, r) for r in result.vectors]),
                        ("properties", [(p.id, p.status, p.failure) for p in result.properties])):
        suite = ET.SubElement(suites, "testsuite", name=f"{result.adapter} {name}", tests=str(len(items)))
        failures = errors = skipped = 0
        for test_name, status, detail in items:
            tc = ET.SubElement(suite, "testcase", classname=f"conformance.{name}", name=test_name)
            if result.is_failure(status):
                tag = "error" if status == ERRORED else "failure"
                failures += tag == "failure"
                errors += tag == "error"
                el = ET.SubElement(tc, tag, message=(detail.message if detail else status)[:500])
                el.text = describe_failure(detail) if detail else status
            elif status in (SKIPPED, NOT_APPLICABLE) or (detail is not None and detail.expected):
                skipped += 1
                why = f"expected failure: {detail.expected}" if detail is not None and detail.expected else \
                    (detail.message if detail else status) or status
                ET.SubElement(tc, "skipped", message=why)
        suite.set("failures", str(failures))
        suite.set("errors", str(errors))
        suite.set("skipped", str(skipped))
    props = ET.SubElement(suites, "properties")
    ET.SubElement(props, "property", name="partial", value=str(result.interrupted).lower())
    ET.SubElement(props, "property", name="seed", value=str(result.seed))
    return ET.ElementTree(suites)


def to_html(result: RunResult) -> str:
    from conformance import html_report

    return html_report.render(to_json(result))


def _atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def write(result: RunResult, json_path=None, junit_path=None, html_path=None, partial: bool = False) -> None:
    """Write the reports, whole (``partial`` marks a snapshot taken while the run goes on)."""
    if partial and not result.interrupted:
        result.interrupted = True
        try:
            write(result, json_path, junit_path, html_path)
        finally:
            result.interrupted = False
        return
    if json_path:
        _atomic_write(Path(json_path), (json.dumps(to_json(result), indent=1, ensure_ascii=False) + "\n").encode())
    if junit_path:
        tree = to_junit(result)
        ET.indent(tree)
        _atomic_write(Path(junit_path), ET.tostring(tree.getroot(), encoding="utf-8", xml_declaration=True))
    if html_path:
        _atomic_write(Path(html_path), to_html(result).encode("utf-8"))
