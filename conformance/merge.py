"""``conformance merge-reports``: the JSON reports of the shards of one run (``--shard K/N``)
as the one report of the whole run. (``--jobs`` merges its workers' live results instead:
conformance/parallel.py.)

The verdict is recomputed from the merged records with the same code a run uses
(report.verdict_json); the shards must be the N parts of one run: same suite, adapter,
profile, seed, level and selection, every shard 1..N exactly once."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from types import SimpleNamespace

from conformance import shards
from conformance.errors import HarnessError, read_json_file
from conformance.expected import Entry, Tracker

SAME = ("suite", "adapter", "profile", "seed", "level", "interpretations")


def load(paths: list[str]) -> list[tuple[str, dict]]:
    docs = []
    for path in paths:
        doc = read_json_file("merge-reports", path)
        if not isinstance(doc, dict) or not isinstance(doc.get("vectors"), list) or "requirements" not in doc:
            raise HarnessError(f"merge-reports {path}: not a conformance JSON report (conformance run --report)")
        docs.append((str(path), doc))
    return docs


def _shard(path: str, doc: dict) -> tuple[int, int]:
    text = doc.get("shard")
    try:
        part = shards.parse(text) if isinstance(text, str) else None
    except Exception:
        part = None
    if part is None:
        raise HarnessError(f"merge-reports {path}: /shard is {text!r}, expected K/N (a report of conformance run --shard)")
    return part.index, part.count


def _check(docs: list[tuple[str, dict]]) -> list[dict]:
    """The reports in shard order, after checking they are the N parts of one run."""
    if not docs:
        raise HarnessError("merge-reports: no reports given")
    first_path, first = docs[0]
    for path, doc in docs[1:]:
        for key in SAME + ("scope/only", "scope/expected_failures ids"):
            mine, theirs = _member(first, key), _member(doc, key)
            if mine != theirs:
                raise HarnessError(f"merge-reports {path}: {key} is {theirs!r}, but {mine!r} in {first_path} "
                                   f"(only the shards of one run merge)")
    by_index: dict[int, str] = {}
    counts = set()
    for path, doc in docs:
        index, count = _shard(path, doc)
        counts.add(count)
        if index in by_index:
            raise HarnessError(f"merge-reports {path}: shard {index}/{count} given twice (also {by_index[index]})")
        by_index[index] = path
    if len(counts) > 1:
        raise HarnessError(f"merge-reports: the reports split the run differently (shards of {sorted(counts)})")
    count = counts.pop()
    missing = [f"{i}/{count}" for i in range(1, count + 1) if i not in by_index]
    if missing:
        raise HarnessError(f"merge-reports: shard {', '.join(missing)} missing (expected {count} reports)")
    return [doc for _, doc in sorted(docs, key=lambda item: _shard(*item)[0])]


def _member(doc: dict, key: str):
    if key == "scope/only":
        return (doc.get("scope") or {}).get("only")
    if key == "scope/expected_failures ids":
        return [(e.get("id"), e.get("reason")) for e in (doc.get("scope") or {}).get("expected_failures") or []]
    return doc.get(key)


def _record(case_json: dict) -> SimpleNamespace:
    """What the verdict needs of a recorded case: its status and requirements (for --require)."""
    requirements = tuple(case_json.get("requirements") or ())
    return SimpleNamespace(status=case_json["status"], case=SimpleNamespace(requirements=requirements))


def merge(docs: list[tuple[str, dict]]) -> dict:
    """One report from the shards' reports."""
    from conformance import report
    from conformance.runner import RunResult

    parts = _check(docs)
    first = parts[0]
    vectors = shards.interleave([p["vectors"] for p in parts])
    properties = shards.interleave([p["properties"] for p in parts])
    counts: dict = {}
    for p in parts:
        for req in p["requirements"]:
            bucket = counts.setdefault(req["id"], {})
            for status, n in req["counts"].items():
                bucket[status] = bucket.get(status, 0) + n
    entries = first["scope"]["expected_failures"]
    tracker = Tracker([Entry(e["id"], e["reason"]) for e in entries])
    for p in parts:
        for i, e in enumerate(p["scope"]["expected_failures"]):
            tracker.concerned[i] += e["vectors_concerned"]
            tracker.covered[i] += e["vectors_covered"]
            tracker.property_cases[i] += e["property_cases_covered"]
    # each shard judged its expected failures on its part alone: drop those judgements (every
    # text an entry's unexpected pass can have), and judge the entries again on the whole
    per_shard = {tracker.problem(i) for i in range(len(entries))}
    problems = list(dict.fromkeys(x for p in parts for x in p["problems"] if x not in per_shard))
    result = RunResult(
        first["adapter"], first["implementation"], first["profile"], first["seed"], first["level"],
        vectors=[_record(v) for v in vectors],
        properties=[SimpleNamespace(status=p["status"], failure=_record(p["failure"]) if p.get("failure") else None)
                    for p in properties],
        counts=counts, interrupted=any(p["interrupted"] for p in parts),
        stopped_early=any(p["stopped_early"] for p in parts),
        errored=next((p["errored"] for p in parts if p["errored"]), None),
        seconds=max(p["seconds"] for p in parts),
        first_bad_message=next((p["first_bad_message"] for p in parts if p["first_bad_message"]), None),
        problems=problems, only=first["scope"]["only"],
        vectors_total=sum(p["totals"]["vectors"]["selected"] for p in parts),
        properties_total=sum(p["totals"]["properties"]["selected"] for p in parts),
        left_out={r for p in parts for r in p["scope"]["requirements_partly_run"]}, expected_failures=tracker,
        interpretations=(first.get("interpretations") or {}).get("declared") or {},
        require=(first.get("interpretations") or {}).get("require") or "derived")
    if not result.partial:
        result.problems += tracker.problems()
    return {**report.verdict_json(result), "vectors": vectors, "properties": properties}


def to_junit(doc: dict) -> ET.ElementTree:
    """JUnit XML from a JSON report (conformance.junit): a failing case's text is its JSON record,
    since the merged report has no live cases to describe."""
    from conformance import junit
    from conformance.safe_text import json_dumps

    failing = {"fail", "errored", "skipped"} | ({"strict-fail"} if doc["level"] == "strict" else set())

    def row(name, source, status, detail, seconds):
        message = (detail or {}).get("message") or status
        if status in failing:
            return junit.Row(name, status, "error" if status == "errored" else "failure", message,
                             json_dumps(detail, indent=1) if detail else status, source, seconds)
        if status in ("not-applicable", "expected-failure"):
            why = (detail or {}).get("expected_failure")
            return junit.Row(name, status, "skipped", f"expected failure: {why}" if why else message, file=source,
                             seconds=seconds)
        return junit.Row(name, status, None, file=source, seconds=seconds)

    groups = [("vectors", [row(v.get("id") or v["source"], v["source"], v["status"], v, None) for v in doc["vectors"]]),
              ("properties", [row(p["id"], None, p["status"], p.get("failure"), p["seconds"]) for p in doc["properties"]])]
    scope = doc.get("scope") or {}
    meta = {**doc, "require": scope.get("require"), "certified": scope.get("certified")}
    return junit.build(meta, groups, doc["verdict"], doc["problems"],
                       junit.partial_why(doc["interrupted"], doc["stopped_early"]), doc["errored"])
