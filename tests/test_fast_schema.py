"""The compiled fast path of the schema stage (conformance/reference/shared/fast_schema.py)
gives jsonschema's verdict on every golden vector document and on seeded mutations of them,
and never accepts a document jsonschema rejects (jsonschema stays the judge of findings)."""

from __future__ import annotations

import copy
import random
from collections import Counter

import pytest

from conformance import protocol, vectors
from conformance.reference.shared import fast_schema, intake
from conformance.reference.shared import schema as judge

SCHEMA_OF = {protocol.KIND_NAA: "node-address-attestation.v1.json", protocol.KIND_STORAGE: "storage-policy-bundle.v1.json",
             **{k: f"{k}.json" for k in protocol.CIR_KINDS}}
ADVERTISEMENT = "node-advertisement.v1.json"


def _golden_documents() -> dict[str, list]:
    """Every parsable document of the golden vectors by schema, embedded advertisements included."""
    out: dict[str, list] = {}
    for _, case in vectors.load(vectors.bundled_dir()):
        kinds = case.document_kinds or (case.kind,) * len(case.documents)
        pairs = list(zip(kinds, case.documents)) + list(case.context or ())
        for kind, raw in pairs:
            try:
                value = intake.parse(raw)
            except intake.IntakeError:
                continue
            out.setdefault(SCHEMA_OF[kind], []).append(value)
            if kind == protocol.KIND_NAA and isinstance(value, dict) and "node-advertisement" in value:
                out.setdefault(ADVERTISEMENT, []).append(value["node-advertisement"])
    return out


GOLDEN = _golden_documents()

# Values that probe where a draft-07 compiled validator and the suite's 2020-12 + ECMA-262 one
# could part: bool vs number, 1.0 vs 1, line terminators after anchors, lone surrogates,
# date-times jsonschema's default would take, URIs with a newline.
PROBES = [None, True, False, 0, 1, 1.0, 1.5, -1, 2**53 - 1, "", "x", "\n", "\u2028", "\ud800", "ü", [], [1], {}, {"k": 1},
          "2026-04-17T12:00:00Z", "2026-04-17T12:00:00Z\n", "2026-04-17T12:00:00", "1998-12-31T23:59:60Z",
          "2026-04-17t12:00:00z", "wss://example.com/\n", "sha256:" + "A" * 43]
SUFFIXES = ["\n", "\r", "\u2028", "\u2029", "\ud800", " ", "="]


def _slots(value):
    """Every (container, key) holding a value."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield value, k
            yield from _slots(v)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield value, i
            yield from _slots(v)


def _mutate(rnd: random.Random, doc):
    """1-3 mutations of a copy: replace a value (a probe, or a value from elsewhere in the
    document), alter a string, delete or add a member."""
    doc = copy.deepcopy(doc)
    for _ in range(rnd.choice([1, 1, 2, 3])):
        slots = list(_slots(doc))
        if not slots:
            return doc
        container, key = rnd.choice(slots)
        move = rnd.randrange(6)
        if move == 0:
            container[key] = copy.deepcopy(rnd.choice(PROBES))
        elif move == 1:
            container[key] = copy.deepcopy(rnd.choice([c[k] for c, k in slots]))
        elif move == 2 and isinstance(container[key], str):
            text = container[key]
            cut = rnd.randrange(len(text) + 1)
            container[key] = rnd.choice([text + rnd.choice(SUFFIXES), text[:cut], text[:cut] + rnd.choice(SUFFIXES)
                                         + text[cut:], text.upper()])
        elif move == 3 and isinstance(container, dict):
            del container[key]
        elif move == 4 and isinstance(container, dict):
            container[rnd.choice(["extra", "x-note", "kind", "id"])] = copy.deepcopy(rnd.choice(PROBES))
        elif move == 5 and isinstance(container, list):
            container.append(copy.deepcopy(rnd.choice(container)))
        else:
            container[key] = copy.deepcopy(rnd.choice(PROBES))
    return doc


def _agree(name: str, doc) -> bool:
    fast, slow = fast_schema.accepts(doc, name), judge.validator(name).is_valid(doc)
    assert not (fast and not slow), f"{name}: the fast path accepts what jsonschema rejects: {doc!r}"
    return fast == slow


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_fast_path_agrees_on_every_golden_document(name):
    docs = GOLDEN[name]
    verdicts = Counter()
    for doc in docs:
        assert _agree(name, doc), f"{name}: verdicts differ on {doc!r}"
        verdicts[fast_schema.accepts(doc, name)] += 1
    assert verdicts[True] > 0, f"{name}: no golden document passes the fast path"


COUNTS = {"storage-policy-bundle.v1.json": 1700}  # the slowest schema under jsonschema


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_fast_path_agrees_on_seeded_mutations(name):
    rnd = random.Random(f"fast-schema {name}")
    count = COUNTS.get(name, 3000)
    verdicts, disagree = Counter(), []
    for _ in range(count):
        doc = _mutate(rnd, rnd.choice(GOLDEN[name]))
        if not _agree(name, doc):
            disagree.append(doc)
        verdicts[judge.validator(name).is_valid(doc)] += 1
    assert not disagree, f"{name}: {len(disagree)} verdicts differ (jsonschema rejects, fast path too strict), " \
                         f"first {disagree[0]!r}"
    # not trivially equal: both verdicts are common (a floor in documents: the share depends on
    # how many of the golden documents drawn from are valid, which grows and shrinks with the vectors)
    assert len(verdicts) == 2 and min(verdicts.values()) >= 50, verdicts


def test_ecma_patterns_formats_and_surrogates_are_refused_by_the_fast_path():
    adv = next(d for d in GOLDEN[ADVERTISEMENT] if judge.validator(ADVERTISEMENT).is_valid(d))
    assert fast_schema.accepts(adv, ADVERTISEMENT)
    for member, bad in (("node/id", adv["node/id"] + "\n"), ("node/id", adv["node/id"] + "\ud800"),
                        ("advertised-at", "2026-04-17T12:00:00Z\n"), ("advertised-at", "2026-02-30T12:00:00Z")):
        assert not fast_schema.accepts({**adv, member: bad}, ADVERTISEMENT), (member, bad)
        assert not judge.validator(ADVERTISEMENT).is_valid({**adv, member: bad}), (member, bad)
    # ECMA `.` excludes every line terminator (Python's `.` takes U+2028, U+2029 and CR).
    naa = "node-address-attestation.v1.json"
    doc = next(d for d in GOLDEN[naa] if judge.validator(naa).is_valid(d)
               and any("endpoint/certificate" in e for e in d["evidence"]))
    for route, valid in (("route:a", True), ("route:a\u2028", False), ("route:a\r", False), ("route:\u2029", False)):
        changed = copy.deepcopy(doc)
        next(e for e in changed["evidence"] if "endpoint/certificate" in e)["endpoint/certificate"]["advisory/route-id"] = route
        assert fast_schema.accepts(changed, naa) is valid and judge.validator(naa).is_valid(changed) is valid, route
    # A leap second and lowercase t/z are RFC 3339 date-times (the suite's check, not rfc3339-validator's).
    assert fast_schema.accepts({**adv, "advertised-at": "1998-12-31t23:59:60z"}, ADVERTISEMENT)


def test_ref_siblings_are_applied():
    assert fast_schema._rewrite({"$ref": "#/$defs/a", "minLength": 3}) == {"minLength": 3, "allOf": [{"$ref": "#/$defs/a"}]}
    assert fast_schema._rewrite({"properties": {"pattern": {"pattern": "^a.$"}}}) == \
        {"properties": {"pattern": {"pattern": r"^a[^\n\r\u2028\u2029]\Z"}}}
    assert judge.ecma_pattern_text("^[$a]$") == r"^[\$a]\Z"


def test_findings_skip_jsonschema_for_accepted_documents(monkeypatch):
    name = "node-address-attestation.v1.json"
    doc = next(d for d in GOLDEN[name] if judge.validator(name).is_valid(d))
    rejected = next(d for d in GOLDEN[name] if not judge.validator(name).is_valid(d))
    expected = judge.findings(rejected, name)
    assert expected and judge.findings(doc, name) == []
    walked = []
    real = judge.pruned_validator(name)

    class Spy:
        def iter_errors(self, document):
            walked.append(document)
            return real.iter_errors(document)

    monkeypatch.setattr(judge, "pruned_validator", lambda schema_name: Spy())
    assert judge.findings(doc, name) == [] and walked == []
    assert judge.findings(rejected, name) == expected and walked == [rejected]


def _plain_findings(doc, name: str) -> list:
    out = {judge.Finding(judge._code(e), judge.ERROR, judge.pointer(*e.absolute_path), e.message)
           for e in judge.validator(name).iter_errors(doc)}
    return sorted(out, key=lambda f: (f.pointer, f.code, f.message))


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_pruned_refs_give_jsonschemas_findings(name, monkeypatch):
    """findings() skips a ``$ref`` whose compiled subschema check passes: on every rejected golden
    document and on seeded mutations, the findings are those of the unpruned jsonschema walk, and the
    pruning happened (else the comparison says nothing)."""
    pruned = []
    check = judge._subschema_check

    def spy(base, ref):
        passes = check(base, ref)
        return passes and (lambda instance: passes(instance) and not pruned.append(ref))
    monkeypatch.setattr(judge, "_subschema_check", spy)
    rnd = random.Random(f"pruned refs {name}")
    docs = [d for d in GOLDEN[name] if not fast_schema.accepts(d, name)][:100]  # the unpruned walk is slow
    docs += [_mutate(rnd, rnd.choice(GOLDEN[name])) for _ in range(50)]
    rejected = [d for d in docs if not fast_schema.accepts(d, name)]
    for doc in rejected:
        assert judge.findings(doc, name) == _plain_findings(doc, name), doc
    assert rejected and (pruned or "$ref" not in str(GOLDEN[name])), name
