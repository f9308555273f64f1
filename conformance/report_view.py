"""What the Markdown, HTML and badge renderers show, read from the JSON report document
(``report.to_json``) alone, so that they also render a report written by another run.

Fields added to the report later (``scope``, ``stopped_early``, ``errored``) are optional:
shown when present, never required.
"""

from __future__ import annotations

import json

from conformance.safe_text import safe_tree

FAMILIES = ("NAA", "CIR", "SDP")
LEVELS = ("MUST", "SHOULD", "derived")
FAILING = ("fail", "errored", "skipped")
# requirement status (report.requirement_status) -> column of the per-family / per-level tables
COLUMNS = ("pass", "fail", "expected failure", "not applicable", "not run")
_COLUMN = {"pass": "pass", "pass (codes differ)": "pass", "FAIL": "fail", "SKIPPED": "fail",
           "expected failure": "expected failure", "not applicable": "not applicable", "not run": "not run"}


def family(req_id: str) -> str:
    return str(req_id).split("-", 1)[0]


def is_failure(status: str, level: str) -> bool:
    return status in FAILING or (status == "strict-fail" and level == "strict")


def verdict(doc: dict) -> str:
    """conformant | not conformant | partial | errored | nothing certified"""
    if doc.get("errored"):
        return "errored"
    if doc.get("partial"):
        return "partial"
    if not doc.get("conformant"):
        return "not conformant"
    return "conformant" if certified_families(doc) else "nothing certified"


def _column(status: str) -> str:
    text = str(status)
    if text.startswith("not certified"):  # a capability the implementation lacks: neither pass nor fail
        return "not applicable"
    if text.startswith("differs"):  # a difference below --require: shown, though it fails nothing
        return "fail"
    return _COLUMN.get(status, "fail" if text.upper().startswith("FAIL") else "not run")


def certified_families(doc: dict) -> list[str]:
    """Families with at least one requirement that passed (the scope's own list when the report has one)."""
    scope = doc.get("scope")
    if isinstance(scope, dict) and isinstance(scope.get("families"), list):
        return [str(f) for f in scope["families"]]
    found = {family(r.get("id", "")) for r in doc.get("requirements", []) if _column(r.get("status")) == "pass"}
    return [f for f in FAMILIES if f in found] + sorted(found - set(FAMILIES))


def tally(doc: dict, key) -> list[tuple[str, dict]]:
    """Requirements grouped by ``key(requirement)``: [(group, {column: n, 'cases': n})], in catalog order."""
    groups: dict[str, dict] = {}
    for r in doc.get("requirements", []):
        row = groups.setdefault(key(r), {c: 0 for c in (*COLUMNS, "cases")})
        row[_column(r.get("status"))] += 1
        row["cases"] += sum(v for v in (r.get("counts") or {}).values() if isinstance(v, int))
    return list(groups.items())


def by_family(doc: dict) -> list[tuple[str, dict]]:
    return tally(doc, lambda r: family(r.get("id", "")))


def by_level(doc: dict) -> list[tuple[str, dict]]:
    rows = dict(tally(doc, lambda r: str(r.get("level", "?"))))
    return [(lv, rows.pop(lv)) for lv in LEVELS if lv in rows] + sorted(rows.items())


def failures(doc: dict) -> list[dict]:
    """Failing cases (vectors, then properties' minimal counterexamples), as their JSON entries."""
    level = doc.get("level", "verdict")
    found = [v for v in doc.get("vectors", []) if is_failure(v.get("status", ""), level)]
    for p in doc.get("properties", []):
        if p.get("failure") and is_failure(p.get("status", ""), level):
            found.append(dict(p["failure"], property=p.get("id"), title=p.get("title")))
    return found


def expected_failures(doc: dict) -> list[dict]:
    items = [v for v in doc.get("vectors", []) if v.get("expected_failure")]
    items += [p["failure"] for p in doc.get("properties", []) if p.get("failure") and p["failure"].get("expected_failure")]
    return items


def passing_cases(doc: dict) -> list[tuple[str, str, str]]:
    """(kind, name, status) for every case that ran and is not a failure."""
    level = doc.get("level", "verdict")
    rows = [("vector", f"{v.get('id', '')} ({v.get('source', '')})", v.get("status", ""))
            for v in doc.get("vectors", []) if not is_failure(v.get("status", ""), level)]
    rows += [("property", f"{p.get('id', '')}: {p.get('examples', 0)} examples", p.get("status", ""))
             for p in doc.get("properties", []) if not is_failure(p.get("status", ""), level)]
    return rows


def document_text(entry: dict) -> str:
    """A protocol-encoded document, pretty-printed when it is JSON text."""
    if "text" not in entry:
        return "base64:" + str(entry.get("base64", ""))
    try:
        # the parsed text may hold escaped lone surrogates or controls: escape them again
        return safe_tree(json.dumps(json.loads(entry["text"]), indent=2, ensure_ascii=False))
    except (ValueError, TypeError, RecursionError):  # e.g. the 100,000-deep intake vector
        return str(entry["text"])


def outcome_json(items) -> str:
    """Expected or actual outcomes, pretty-printed; the expected ``result`` is named ``verdict``
    as in the adapter's reply, so that a diff shows only real differences."""
    items = [({("verdict" if k == "result" else k): v for k, v in i.items()} if isinstance(i, dict) else i)
             for i in items or []]
    return json.dumps(items, indent=2, sort_keys=True, ensure_ascii=False)


def bounded(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit] + f"\n… ({len(text) - limit} more characters)"


def requirement_title(req_id: str) -> str:
    from conformance import catalog

    try:
        return catalog.requirement(req_id).title
    except KeyError:
        return ""


def scope_rows(doc: dict) -> list[tuple[str, str]]:
    """The certified scope as (name, value) rows: the report's ``scope`` object when present,
    else what the report itself says (profile, level, seed, families that passed)."""
    scope = doc.get("scope")
    if isinstance(scope, dict):  # requirement lists are long: their size, and the IDs when few
        return [(str(k).replace("_", " "), f"{len(v)}" + (f": {_plain(v)}" if 0 < len(v) <= 12 else "")
                 if str(k).startswith("requirements_") and isinstance(v, list) else _plain(v))
                for k, v in scope.items()]
    reqs = doc.get("requirements", [])
    ran = [r for r in reqs if _column(r.get("status")) not in ("not run", "not applicable")]
    families = sorted({family(r.get("id", "")) for r in ran}, key=lambda f: (f not in FAMILIES, FAMILIES.index(f) if f in FAMILIES else 0, f))
    passed = sum(1 for r in reqs if _column(r.get("status")) == "pass")
    return [("families run", ", ".join(families) or "none"),
            ("requirements passed", f"{passed} of {len(reqs)}"),
            ("requirements not run or not applicable", str(len(reqs) - len(ran))),
            ("profile", str(doc.get("profile"))), ("level", str(doc.get("level"))), ("seed", str(doc.get("seed")))]


def _plain(value) -> str:
    if isinstance(value, list):
        return ", ".join(_plain(v) for v in value) or "none"
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_plain(v)}" for k, v in value.items()) or "none"
    return str(value)


def run_flags(doc: dict) -> list[str]:
    """Run-level notes: partial, stopped early, errored, problems, first bad message."""
    notes = []
    if doc.get("interrupted") or (doc.get("partial") and "interrupted" not in doc):
        notes.append("partial: the run was interrupted; only the cases that ran are reported")
    if doc.get("stopped_early"):
        notes.append("stopped early (-x): the run ended at the first non-conformance")
    if doc.get("errored"):
        notes.append(f"errored: {_plain(doc['errored'])}")
    notes += [f"problem: {p}" for p in doc.get("problems") or []]
    if doc.get("first_bad_message"):
        notes.append(f"first invalid protocol message: {doc['first_bad_message']}")
    return notes
