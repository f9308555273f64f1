"""Reports of a run: the terminal summary, JSON, JUnit XML and a static HTML page.

Every file is written whole to a temporary name and renamed, so an interrupted run
leaves complete (if partial, and marked so) reports, never truncated ones.
"""

from __future__ import annotations

import json
import os
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import conformance
from conformance import catalog, expected, junit, protocol
from conformance.runner import (ERRORED, FAIL, LEVEL_ORDER, NOT_APPLICABLE, PASS, SKIPPED, STRICT_FAIL, CaseResult,
                                RunResult, required_level)
from conformance.safe_text import block, json_dumps, one_line

MAX_DOC_CHARS = 4000


def missing_capabilities(result: RunResult):
    """What the implementation declared it does not implement (its start reply, as recorded)."""
    from conformance import capabilities

    return capabilities.declared(result.implementation, strict=False)


def requirement_status(result: RunResult, req_id: str) -> str:
    from conformance.expected import XFAIL

    if req_id in missing_capabilities(result).requirements:
        return "not certified (capabilities)"  # never judged: neither pass nor fail
    counts = result.counts.get(req_id, {})
    level = catalog.requirement(req_id).level
    if (counts.get(FAIL) or (result.level == "strict" and counts.get(STRICT_FAIL))) and not counts.get(ERRORED) \
            and not required_level(level, result.require):
        return f"differs ({level})"  # below --require: reported, never failing the run
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
    """The failure block printed for a case. Everything in it that came from an implementation,
    a vector file or a document is neutralized (safe_text): it can neither emit terminal control
    sequences nor start a line of its own at column 0."""
    lines = [f"FAILED {one_line(r.source)}"]
    if r.case is not None:
        reqs = ", ".join(f"{q} ({catalog.requirement(q).title})" for q in r.case.requirements)
        lines.append(f"  requirement: {reqs}")
        lines.append(f"  case:        {one_line(r.case.id)} [{one_line(', '.join(r.case.flags))}]")
        lines.append(f"  {block(r.case.comment)}")
        lines.append(f"  expected:    {one_line([e.as_dict() for e in r.case.expected])}")
        lines.append(f"  actual:      {one_line(r.actual)}")
        lines.append(f"  difference:  {block(r.message)}")
        lines.append(f"  now: {one_line(r.case.now)}   trust: {json.dumps(r.case.trust)}   "
                     f"options: {json.dumps(r.case.options)}")
        kinds = r.case.document_kinds or (r.case.kind,) * len(r.case.documents)
        for i, (raw, kind) in enumerate(zip(r.case.documents, kinds)):
            lines.append(f"  document {i} ({one_line(kind)}): {block(_document_text(raw))}")
        if r.case.context is not None:
            lines.append(f"  context: {len(r.case.context)} earlier admitted artifact(s)")
            for i, (kind, raw) in enumerate(r.case.context):
                lines.append(f"    context {i} ({one_line(kind)}): {block(_document_text(raw), '      ')}")
    else:
        lines.append(f"  {block(r.message)}")
    if r.expected:
        lines.append(f"  expected failure: {one_line(r.expected)}")
    for command in r.replay.split("\n") if r.replay else ():
        lines.append(f"  replay:      {one_line(command)}")
    return "\n".join(lines)


def summary(result: RunResult) -> str:
    info = result.implementation
    lines = [
        "",
        f"implementation: {one_line(info.get('name'))} {one_line(info.get('version', ''))} ({one_line(info.get('language', '?'))})",
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
        lines += ["", f"FAILED {block(problem)}"]
    if result.first_bad_message:
        lines += ["", f"first invalid protocol message: {block(result.first_bad_message)}"]
    xfailed = [r for r in result.vectors if r.expected] + [p.failure for p in result.properties if p.failure and p.failure.expected]
    if xfailed:
        lines += ["", f"{len(xfailed)} expected failure(s): " + ", ".join(sorted({r.case.id for r in xfailed if r.case}))]
    differences = result.differences()
    if differences:
        lines += ["", f"{len(differences)} case(s) differ only on requirements below --require {result.require} "
                      f"(reported, not failing the run); first:", describe_failure(differences[0])]
    if result.errored:
        lines += ["", f"harness error: {result.errored}"]
    lines += ["", f"certified: {certified_text(result)}"]
    lines += ["", f"{verdict_text(result)} at {result.level} level ({scope_text(result)}): "
                  f"{_tally(result, result.vectors, 'vectors', result.vectors_total)}, "
                  f"{_tally(result, result.properties, 'properties', result.properties_total)}, "
                  f"{result.seconds:.1f} s, seed {result.seed}"]
    return "\n".join(lines)


def verdict_text(result: RunResult) -> str:
    if result.errored:
        return "ERRORED (partial)"
    if result.interrupted:
        return "INTERRUPTED (partial)"
    if result.stopped_early:
        return "NOT CONFORMANT (stopped at the first failure, -x: partial)"
    if result.conformant:
        return "CONFORMANT"
    if not result.failures() and not result.problems and not result.passed():
        return "NOT CONFORMANT (no case passed: nothing certified)"
    return "NOT CONFORMANT"


def _tally(result: RunResult, items: list, noun: str, selected: int = 0) -> str:
    t = result.tally(items)
    ran = f"{t['total']} of {selected} {noun}" if selected > t["total"] else f"{t['total']} {noun}"
    extra = "".join(f", {t[k]} {k}" for k in ("differs", "not applicable", "expected failures") if t.get(k))
    return f"{ran} ({t['failed']} failed{extra})"


def scope(result: RunResult) -> dict:
    """What the verdict covers: the selection, and which requirements it certifies."""
    status = {req.id: requirement_status(result, req.id) for req in catalog.REQUIREMENTS}
    passed = [r for r, s in status.items() if s.startswith("pass")]
    certified = [r for r in passed if r not in result.left_out]
    return {
        "only": result.only,
        "level": result.level,
        "families": sorted({catalog.requirement(r).family for r in certified}),
        "requirements_certified": certified,
        # passed, but --only left some of their cases out
        "requirements_partly_run": [r for r in passed if r in result.left_out],
        "requirements_not_applicable": [r for r, s in status.items() if s == "not applicable"],
        "requirements_not_run": [r for r, s in status.items() if s == "not run"],
        "expected_failures": expected.tally(result, result.expected_failures.entries).as_json(),
        "require": result.require,
        "certified": certified_text(result),
        "requirements_differing": [r for r, s in status.items() if s.startswith("differs")],
        "requirements_not_certified": [r for r, s in status.items() if s.startswith("not certified")],
        "capabilities_missing": missing_capabilities(result).as_json(),
    }


def certified_text(result: RunResult) -> str:
    """What the verdict certifies, per level, and under which interpretations. Never more
    than was checked: a level is "conformant to all" only when every one of its requirements passed."""
    status = {req.id: requirement_status(result, req.id) for req in catalog.REQUIREMENTS}
    parts = []
    for level in LEVEL_ORDER:
        ids = [r.id for r in catalog.REQUIREMENTS if r.level == level]
        passed = sum(status[i].startswith("pass") and i not in result.left_out for i in ids)
        differ = sum(status[i].startswith("differs") for i in ids)
        failed = sum(status[i] in ("FAIL", "SKIPPED") for i in ids)
        name = "derived rules" if level == "derived" else f"{level} requirements"
        if passed == len(ids):
            parts.append(f"conformant to all {len(ids)} {name}")
            continue
        counts = [f"{passed} pass"] + [f"{n} {w}" for n, w in ((differ, "differ"), (failed, "fail")) if n]
        rest = len(ids) - passed - differ - failed
        if rest:
            counts.append(f"{rest} not certified")
        parts.append(f"{name}: {', '.join(counts)}")
    missing = missing_capabilities(result)
    if missing:
        parts.append(f"not implemented (capabilities, not certified): {', '.join(missing.as_json())}")
    parts.append("interpretations: " + (
        "; ".join(f"{k}={v}" for k, v in result.interpretations.items()) + "; others at the suite's defaults"
        if result.interpretations else "the suite's defaults"))
    text = "; ".join(parts)
    if result.require != "derived":
        below = [lv for lv in LEVEL_ORDER if not required_level(lv, result.require)]
        text += (f" (--require {result.require}: differences in {' and '.join(below)} requirements are reported "
                 f"but do not fail the run)")
    return text


def scope_text(result: RunResult) -> str:
    s = scope(result)
    parts = [f"--only {' '.join(result.only)}"] if result.only else []
    parts.append(f"{len(s['requirements_certified'])} of {len(catalog.REQUIREMENTS)} requirements certified")
    if result.expected_failures.entries:
        parts.append(f"{len(result.expected_failures.entries)} expected-failure entries")
    return "scope: " + ", ".join(parts)


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
    return {**verdict_json(result),
            "vectors": [_case_json(r) if r.status != PASS else {"source": r.source, "id": r.case.id, "status": r.status}
                        for r in result.vectors],
            "properties": [
                {"id": p.id, "title": p.title, "requirements": list(p.requirements), "seed": p.seed,
                 "examples": p.examples, "status": p.status, "seconds": round(p.seconds, 3),
                 "failure": _case_json(p.failure) if p.failure else None}
                for p in result.properties]}


def verdict_json(result: RunResult) -> dict:
    """The report's members other than the case lists: what a run (or merged shards) concludes.
    Only the statuses of ``result.vectors`` and ``result.properties`` (and whether a property
    has a failure) are read, so conformance/merge.py can call it with the records of a report."""
    return {
        "suite": f"orbiplex-conformance {conformance.__version__}",
        "partial": result.partial,
        "interrupted": result.interrupted,
        "stopped_early": result.stopped_early,
        "errored": result.errored,
        "conformant": result.conformant,
        "verdict": verdict_text(result),
        "adapter": result.adapter,
        "implementation": result.implementation,
        "profile": result.profile,
        "seed": result.seed,
        "level": result.level,
        "shard": result.shard,
        "seconds": round(result.seconds, 3),
        "scope": scope(result),
        "interpretations": {"declared": result.interpretations, "require": result.require},
        "totals": {"vectors": dict(result.tally(result.vectors), selected=result.vectors_total),
                   "properties": dict(result.tally(result.properties), selected=result.properties_total)},
        "problems": result.problems,
        "first_bad_message": result.first_bad_message,
        "requirements": [
            {"id": req.id, "level": req.level, "status": requirement_status(result, req.id),
             "counts": result.counts.get(req.id, {})}
            for req in catalog.REQUIREMENTS
        ],
    }


def to_junit(result: RunResult) -> ET.ElementTree:
    """JUnit XML of a run (conformance.junit): a failing case's text is its description."""
    def row(name, source, status, detail, seconds):
        if result.is_failure(status):
            return junit.Row(name, status, "error" if status == ERRORED else "failure",
                             detail.message if detail else status, describe_failure(detail) if detail else status,
                             source, seconds)
        if status in (SKIPPED, NOT_APPLICABLE) or (detail is not None and detail.expected):
            why = f"expected failure: {detail.expected}" if detail is not None and detail.expected else \
                (detail.message if detail else status) or status
            return junit.Row(name, status, "skipped", why, file=source, seconds=seconds)
        return junit.Row(name, status, None, file=source, seconds=seconds)

    vectors = [row(r.case.id if r.case is not None else r.source, r.source, r.status, r, None) for r in result.vectors]
    props = [row(p.id, None, p.status, p.failure, p.seconds) for p in result.properties]
    meta = {"partial": result.partial, "conformant": result.conformant, "adapter": result.adapter,
            "profile": result.profile, "seed": result.seed, "level": result.level,
            "suite": f"orbiplex-conformance {conformance.__version__}",
            "require": result.require, "certified": certified_text(result)}
    return junit.build(meta, [("vectors", vectors), ("properties", props)], summary(result).splitlines()[-1],
                       result.problems, junit.partial_why(result.interrupted, result.stopped_early), result.errored)


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
        _atomic_write(Path(json_path), (json_dumps(to_json(result), indent=1) + "\n").encode())
    if junit_path:
        tree = to_junit(result)
        ET.indent(tree)
        _atomic_write(Path(junit_path), ET.tostring(tree.getroot(), encoding="utf-8", xml_declaration=True))
    if html_path:
        _atomic_write(Path(html_path), to_html(result).encode("utf-8"))


PARTIAL_EVERY = 5.0  # seconds between snapshots while a run goes on


def partial_writer(json_path=None, junit_path=None, html_path=None, every: float | None = None, clock=time.monotonic):
    """A progress callback writing partial reports: the first snapshot at once, then at most one
    every ``every`` seconds (rewriting every report after each property cost ~9% of a run). The
    final reports, and those of an interrupted or errored run, are written by ``write`` itself."""
    every = PARTIAL_EVERY if every is None else every
    last = None

    def snapshot(result: RunResult) -> None:
        nonlocal last
        now = clock()
        if last is not None and now - last < every:
            return
        write(result, json_path, junit_path, html_path, partial=True)
        last = clock()

    return snapshot
