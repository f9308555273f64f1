"""Stage 3 of a bundle: identifiers are unique and structural references resolve.

A failure here ends evaluation like a schema failure: no rule can be judged against an
ambiguous or dangling identifier, and no operation is decided.
"""

from __future__ import annotations

from ..shared.findings import ERROR, Finding, pointer
from .vocab import POLICY_KINDS


def _duplicates(items, key, base):
    seen, out = set(), []
    for i, item in enumerate(items):
        k = key(item)
        if k in seen:
            out.append(Finding("id-duplicate", ERROR, pointer(*base, i, "id"), f"identifier {k!r} repeats"))
        seen.add(k)
    return out


def findings(doc: dict) -> list[Finding]:
    out = []
    for name in ("bindings", "specs", "authorities", "governance-acts", "operations"):
        out += _duplicates(doc[name], lambda x: x["id"], (name,))
    for kind in POLICY_KINDS:
        out += _duplicates(doc["policies"][kind], lambda p: (p["id"], p["version"]), ("policies", kind))
    bindings = {b["id"] for b in doc["bindings"]}
    specs = {s["id"] for s in doc["specs"]}
    operations = {o["id"] for o in doc["operations"]}

    def unknown(where, what):
        return Finding("reference-unknown", ERROR, pointer(*where), f"{what} does not name anything in the bundle")

    for i, s in enumerate(doc["specs"]):
        if s["binding"] not in bindings:
            out.append(unknown(("specs", i, "binding"), f"binding {s['binding']!r}"))
    for a, act in enumerate(doc["governance-acts"]):
        if act["spec"] not in specs:
            out.append(unknown(("governance-acts", a, "spec"), f"spec {act['spec']!r}"))
        if act["kind"] == "restore-decision" and act["operation"] not in operations:
            out.append(unknown(("governance-acts", a, "operation"), f"operation {act['operation']!r}"))
    for n, op in enumerate(doc["operations"]):
        if op["spec"] not in specs:
            out.append(unknown(("operations", n, "spec"), f"spec {op['spec']!r}"))
    return sorted(set(out), key=lambda f: (f.pointer, f.code))
