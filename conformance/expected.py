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


def _recount(result, case, old: str) -> None:
    for req in case.requirements if case is not None else ():
        bucket = result.counts.setdefault(req, {})
        bucket[old] = max(0, bucket.get(old, 0) - 1)
        bucket[XFAIL] = bucket.get(XFAIL, 0) + 1


def apply(result, entries: list[Entry]) -> list[str]:
    """Mark failing cases that an entry covers as expected failures; return the problems
    that fail the run: entries whose cases all ran and passed (unexpected passes)."""
    if not entries:
        return []
    ran = [(r, case_ids(r.case, r.source)) for r in result.vectors]
    ran += [(p.failure, (p.id, *p.requirements)) if p.failure else (None, (p.id, *p.requirements))
            for p in result.properties]
    statuses = {id(p.failure): p for p in result.properties if p.failure is not None}
    used = {e: False for e in entries}
    covered = {e: False for e in entries}
    for record, ids in ran:
        for e in entries:
            if not e.matches(*ids):
                continue
            covered[e] = True
            status = record.status if record is not None else None
            if record is not None and result.is_failure(status):
                used[e] = True
                record.expected = e.why
                _recount(result, record.case, record.status)
                record.status = XFAIL
                owner = statuses.get(id(record))
                if owner is not None:
                    owner.status = XFAIL
    return [f"expected failure {e.id!r} ({e.why}) passed: remove it from the list"
            for e in entries if covered[e] and not used[e]]
