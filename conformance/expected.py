"""Expected failures (``--expected-failures FILE``): known non-conformances an implementation
declares, each with a reason or an issue link.

File format (JSON)::

    {"expected-failures": [
        {"id": "NAA-TIME-002", "reason": "clock skew window not implemented yet"},
        {"id": "SDP-EXPORT-001@export", "reason": "we read exports as needing no authority"},
        {"id": "signature.encoding/*", "issue": "https://example.org/issues/12"}
    ]}

``id`` is a requirement, property or vector ID (shell wildcards allowed), optionally followed
by ``@KIND``, a storage operation kind (wildcards allowed).

Precise: a failing case is an expected failure only when *every* aspect in which it differs
(conformance/aspects.py) is covered by an entry. A case or property ID covers every aspect of
its cases; a requirement covers the aspects attributed to it; ``@KIND`` narrows an entry to
the decisions, codes and receipts of operations of that kind. Inside a property a covered case
counts as passing, so Hypothesis keeps searching, and shrinks only toward undeclared failures.

Strict, and the same at every profile: an entry that no longer fails fails the run. It is
judged on the golden vectors only, which, unlike drawn cases, are the same at every profile and
seed: an entry "passed" when at least one vector it concerns ran and no vector's difference
was covered by it. An entry that concerns no vector (a property ID) is never judged so.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass

from conformance.errors import HarnessError

XFAIL, XPASS = "expected-failure", "unexpected-pass"


def operation_kinds() -> tuple[str, ...]:
    from conformance import schemas

    return tuple(schemas.load("storage-policy-bundle.v1.json")["$defs"]["operation"]["properties"]["kind"]["enum"])


@dataclass(frozen=True)
class Entry:
    id: str  # as written, with any @KIND
    why: str

    @property
    def pattern(self) -> str:
        return self.id.partition("@")[0]

    @property
    def operation(self) -> str | None:
        head, at, kind = self.id.partition("@")
        return kind if at else None

    def matches(self, *ids: str) -> bool:
        return any(fnmatch.fnmatchcase(i, self.pattern) for i in ids if i)

    def covers(self, aspect, own_ids: tuple) -> bool:
        """Whether this entry covers ``aspect`` of a case known by ``own_ids`` (its id, its vector
        file#N or property id)."""
        if self.operation is not None and not (aspect.operation_kind and
                                               fnmatch.fnmatchcase(aspect.operation_kind, self.operation)):
            return False
        return self.matches(*own_ids, *aspect.requirements)

    def concerns(self, case, source: str) -> bool:
        """Whether a vector is one this entry is judged on (its id, file#N or a requirement)."""
        if not self.matches(case.id, source, *case.requirements):
            return False
        if self.operation is None:
            return True
        from conformance.aspects import operation_kinds as kinds_of

        return any(fnmatch.fnmatchcase(k, self.operation) for k in kinds_of(case).values())


def load(path: str) -> list[Entry]:
    data = read(path)
    items = data.get("expected-failures") if isinstance(data, dict) else None
    if not isinstance(items, list) or set(data) != {"expected-failures"}:
        raise HarnessError(f"--expected-failures {path}: expected {{\"expected-failures\": [...]}}")
    entries = []
    known_kinds = operation_kinds()
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
        entry = Entry(item["id"], why)
        if entry.operation is not None and (not entry.pattern or
                                            not any(fnmatch.fnmatchcase(k, entry.operation) for k in known_kinds)):
            raise HarnessError(f"{where} ({item['id']}): expected ID@KIND with KIND a storage operation kind "
                               f"({', '.join(known_kinds)}; wildcards allowed)")
        entries.append(entry)
    return entries


def read(path: str):
    from conformance.errors import read_json_file

    return read_json_file("--expected-failures", path)


def case_ids(case, source: str = "") -> tuple:
    return (case.id, source, *case.requirements) if case is not None else (source,)


def coverage(entries: list[Entry], case, source: str, aspects: list, level: str) -> tuple[int, ...]:
    """The entries covering a failing case: every entry that covers one of its aspects, when
    each aspect that fails ``level`` is covered by some entry; () when one is not (or none is known)."""
    own = (case.id, source)
    relevant = [a for a in aspects if a.level == "verdict" or level == "strict"]
    used: set[int] = set()
    for aspect in relevant:
        covering = [i for i, e in enumerate(entries) if e.covers(aspect, own)]
        if not covering:
            return ()
        used.update(covering)
    return tuple(sorted(used))


def reason(entries: list[Entry], covered: tuple[int, ...]) -> str:
    return "; ".join(dict.fromkeys(entries[i].why for i in covered))


class Tracker:
    """Finds the entries that no longer fail, on the golden vectors alone (see the module
    docstring), and counts what each entry covered."""

    def __init__(self, entries: list[Entry]):
        self.entries = list(entries)
        self.concerned = [0] * len(self.entries)  # vectors it is judged on that ran
        self.covered = [0] * len(self.entries)  # vectors with a difference it covered
        self.property_cases = [0] * len(self.entries)  # drawn cases with a difference it covered

    def note_vector(self, r) -> None:
        if r.case is None or r.status == "not-applicable":
            return
        for i, e in enumerate(self.entries):
            self.concerned[i] += e.concerns(r.case, r.source)
        for i in getattr(r, "covered", ()):
            self.covered[i] += 1

    def note_property(self, p) -> None:
        for i, n in (getattr(p, "covered", None) or {}).items():
            self.property_cases[i] += n

    def problem(self, i: int) -> str:
        e = self.entries[i]
        return f"expected failure {e.id!r} ({e.why}) passed: remove it from the list"

    def problems(self) -> list[str]:
        return [self.problem(i) for i in range(len(self.entries)) if self.concerned[i] and not self.covered[i]]

    def as_json(self) -> list[dict]:
        return [{"id": e.id, "reason": e.why, "vectors_concerned": self.concerned[i],
                 "vectors_covered": self.covered[i], "property_cases_covered": self.property_cases[i],
                 "judged": bool(self.concerned[i])}
                for i, e in enumerate(self.entries)]


def tally(result, entries: list[Entry]) -> Tracker:
    """What each entry concerned and covered in ``result``'s recorded results (also while a run
    is still going: partial reports count what was recorded so far)."""
    tracker = Tracker(entries)
    for r in result.vectors:
        tracker.note_vector(r)
    for p in result.properties:
        tracker.note_property(p)
    return tracker


def judge(result, entries: list[Entry]) -> list[str]:
    """Judge ``entries`` on a run whose cases were already compared with them (the runner, the
    --jobs parent on its merged results, the pytest plugin on its workers' results): the
    entries that no longer fail; none on a partial run."""
    result.expected_failures = tally(result, entries)
    return [] if result.partial else result.expected_failures.problems()
