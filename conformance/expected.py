"""Expected failures (``--expected-failures FILE``): known non-conformances an implementation
declares, each with a reason or an issue link. Strict, as in tuf-conformance: an expected
failure that passes fails the run, so the list cannot rot.

File format (JSON)::

    {"expected-failures": [
        {"id": "NAA-TIME-002", "reason": "clock skew window not implemented yet"},
        {"id": "signature.encoding/*", "issue": "https://example.org/issues/12"}
    ]}

``id`` is a requirement, property or vector ID; shell wildcards are allowed.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass

from conformance.errors import HarnessError, read_json_file

XFAIL, XPASS = "expected-failure", "unexpected-pass"


@dataclass(frozen=True)
class Entry:
    id: str
    why: str

    def matches(self, *ids: str) -> bool:
        return any(fnmatch.fnmatchcase(i, self.id) for i in ids if i)


def load(path: str) -> list[Entry]:
    data = read_json_file("--expected-failures", path)
    items = data.get("expected-failures") if isinstance(data, dict) else None
    if not isinstance(items, list) or set(data) != {"expected-failures"}:
        raise HarnessError(f"--expected-failures {path}: expected {{\"expected-failures\": [...]}}")
    entries = []
    for i, item in enumerate(items):
        where = f"--expected-failures {path}: /expected-failures/{i}"
        if not isinstance(item, dict) or not isinstance(item.get("id"), str) or not item["id"]:
            raise HarnessError(f"{where}: needs an 'id' (requirement, property or vector ID)")
        unknown = sorted(set(item) - {"id", "reason", "issue"})
        if unknown:
            raise HarnessError(f"{where} ({item['id']}): unknown members {unknown} (expected id, reason, issue)")
        why = item.get("reason") or item.get("issue")
        if not isinstance(why, str) or not why.strip():
            raise HarnessError(f"{where} ({item['id']}): needs a 'reason' or an 'issue' link")
        entries.append(Entry(item["id"], why))
    return entries


def case_ids(case, source: str = "") -> tuple:
    return (case.id, source, *case.requirements) if case is not None else (source,)


class Tracker:
    """Applies the entries to each result as it is recorded, so that ``-x`` and every count
    see expected failures as such, and finds the entries that no longer fail.

    An entry is an unexpected pass only if some case it covers ran and none of the cases it
    covers failed; overlapping entries each count every case they cover."""

    def __init__(self, entries: list[Entry]):
        self.entries = list(entries)
        self.ran = [0] * len(self.entries)
        self.failed = [0] * len(self.entries)

    def covering(self, ids) -> list[int]:
        return [i for i, e in enumerate(self.entries) if e.matches(*ids)]

    def record(self, ids, ran: bool, failed: bool) -> str:
        """Note one result (a vector, or a whole property); the reason when an entry covers
        its failure (it is then an expected failure), else ""."""
        covering = self.covering(ids)
        for i in covering if ran else ():
            self.ran[i] += 1
            self.failed[i] += failed
        return self.entries[covering[0]].why if failed and covering else ""

    def problems(self) -> list[str]:
        return [f"expected failure {e.id!r} ({e.why}) passed: remove it from the list"
                for i, e in enumerate(self.entries) if self.ran[i] and not self.failed[i]]

    def as_json(self) -> list[dict]:
        return [{"id": e.id, "reason": e.why, "covered_results_run": self.ran[i], "failed": self.failed[i]}
                for i, e in enumerate(self.entries)]


def apply(result, entries: list[Entry]) -> list[str]:
    """Apply ``entries`` to a run recorded without them (the pytest plugin merges its workers'
    results first): covered failures become expected failures, counts follow, and the
    problems are the entries that no longer fail, as the runner's own tracking finds them."""
    tracker = Tracker(entries)
    records = [(r, case_ids(r.case, r.source)) for r in result.vectors]
    records += [(p, (p.id, *p.requirements)) for p in result.properties]
    for record, ids in records:
        failed = result.is_failure(record.status)
        why = tracker.record(ids, record.status != "not-applicable", failed)
        if not why:
            continue
        case_result = record.failure if hasattr(record, "failure") else record
        if case_result is not None:
            case_result.expected = why
            for req in case_result.case.requirements if case_result.case is not None else ():
                bucket = result.counts.setdefault(req, {})
                bucket[case_result.status] = max(0, bucket.get(case_result.status, 0) - 1)
                bucket[XFAIL] = bucket.get(XFAIL, 0) + 1
            case_result.status = XFAIL
        record.status = XFAIL
    result.expected_failures = tracker
    return [] if result.partial else tracker.problems()
