"""The suite's client-instance schemas are equal in verdict to the published orbidocs schemas.

conformance/schemas/{participant-bind,client-instance-attachment,client-instance-detachment,
client-instance-recovery}.v1.json were written from the facts of the published schemas
(UPSTREAM/orbidocs/schemas/, UPSTREAM as in tests/conftest.py; most tests need it, so
without it the module is skipped). Ours are run as the reference runs them (ECMA-262
patterns, the suite's RFC 3339 date-time, $ref by absolute $id); the published ones with
jsonschema's Draft202012Validator and its own FORMAT_CHECKER, and a registry that also
serves the participant-bind under the bare name the published `$ref` uses (it does not
resolve otherwise: test_published_ref_needs_the_alias).

Verdicts must be equal on every published example and on generated documents: valid bases
with 0-2 seeded random mutations. Where the two validators legitimately differ, the
generated document is set aside and the difference is asserted on its own
(test_known_differences): Python's `$` matches before a final newline, and jsonschema's
date-time (rfc3339-validator) refuses leap seconds and year 0000 and accepts a trailing
newline. The generators must also catch one-keyword edits of our schemas, so that equality
is not trivial.
"""

from __future__ import annotations

import copy
import json
import random
from collections import Counter

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.exceptions import Unresolvable

from conformance import schemas
from conformance.reference.shared import schema as ref_schema
from tests.conftest import skip_module_without_upstream

UPSTREAM = skip_module_without_upstream() / "orbidocs"
NAMES = ("participant-bind", "client-instance-attachment", "client-instance-detachment", "client-instance-recovery")
BIND, ATT, DET, REC = NAMES
SEED = 20260328


# --------------------------------------------------------------------------- the two validators

def _published_contents(name: str) -> dict:
    return json.loads((UPSTREAM / "schemas" / f"{name}.v1.schema.json").read_text("utf-8"))


def published_validators(alias: bool = True) -> dict:
    contents = {n: _published_contents(n) for n in NAMES}
    resources = [(c["$id"], Resource.from_contents(c)) for c in contents.values()]
    if alias:
        resources.append(("participant-bind.v1.schema.json", Resource.from_contents(contents[BIND])))
    registry = Registry().with_resources(resources)
    return {n: Draft202012Validator(contents[n], format_checker=Draft202012Validator.FORMAT_CHECKER,
                                    registry=registry) for n in NAMES}


def our_validators(edit=None) -> dict:
    """Our schemas as the reference runs them; ``edit(name, schema)`` may change copies first."""
    if edit is None:
        return {n: ref_schema.validator(f"{n}.v1.json") for n in NAMES}
    contents = {n: copy.deepcopy(schemas.load(f"{n}.v1.json")) for n in NAMES}
    for n in NAMES:
        edit(n, contents[n])
    registry = Registry().with_resources((c["$id"], Resource.from_contents(c)) for c in contents.values())
    return {n: ref_schema.EcmaDraft202012Validator(contents[n], format_checker=ref_schema.format_checker(),
                                                   registry=registry) for n in NAMES}


PUB = published_validators()
OURS = our_validators()


def test_schemas_are_well_formed_and_resolve_by_id():
    for n in NAMES:
        ours = schemas.load(f"{n}.v1.json")
        Draft202012Validator.check_schema(ours)
        assert ours["$id"] == f"https://conformance.orbiplex.invalid/schemas/{n}.v1.json"
        if n != BIND:
            assert ours["properties"]["participant-bind"]["$ref"] == \
                "https://conformance.orbiplex.invalid/schemas/participant-bind.v1.json"


def test_published_ref_needs_the_alias():
    doc = json.loads((UPSTREAM / "examples/valid/replace-device.client-instance-recovery.json").read_text("utf-8"))
    with pytest.raises(Unresolvable):
        published_validators(alias=False)[REC].is_valid(doc)
    assert PUB[REC].is_valid(doc)


# --------------------------------------------------------------------------- published examples

EXAMPLES = [(p, n, which == "valid") for which in ("valid", "invalid") for n in NAMES
            for p in sorted((UPSTREAM / "examples" / which).glob(f"*.{n}.json"))]


def test_example_inventory():
    assert Counter((n, ok) for _, n, ok in EXAMPLES) == {(n, ok): 1 for n in NAMES for ok in (True, False)}


@pytest.mark.parametrize("path,name,expected", EXAMPLES, ids=lambda x: getattr(x, "name", str(x)))
def test_published_examples(path, name, expected):
    doc = json.loads(path.read_text("utf-8"))
    assert PUB[name].is_valid(doc) is expected
    assert OURS[name].is_valid(doc) is expected
    codes = {f.code for f in ref_schema.findings(doc, f"{name}.v1.json")}
    assert codes == (set() if expected else {"schema-required"})


# --------------------------------------------------------------------------- generated documents: bases

B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
TIMES = [  # both validators accept
    "2026-03-28T19:42:00Z", "2026-03-28T20:25:00.123456789Z", "2026-03-28T22:25:00+02:00",
    "2026-03-28T12:00:00.5-08:00", "2026-03-28t19:42:00z", "2024-02-29T00:00:00Z", "9999-12-31T23:59:59+23:59",
]
BAD_TIMES = [  # both refuse
    "2026-03-28T19:42:00", "2026-03-28 19:42:00Z", "2026-03-28T19:42:60Z", "2026-03-28T24:00:00Z",
    "2026-02-30T12:00:00Z", "2025-02-29T12:00:00Z", "2026-03-28T19:42:00+0200", "20260328T194200Z",
    "2026-03-28T19:42Z", "", "2026-03-28", "2026-03-28T19:42:00.Z", "2026-03-28T19:42:00+24:00",
    "2026-13-01T00:00:00Z", " 2026-03-28T19:42:00Z", "2026-03-28T19:42:00Z ", "２０２６-03-28T19:42:00Z",
]
KNOWN_TIME_DIFFERENCES = {  # value -> (ours, published)
    "1998-12-31T23:59:60Z": (True, False),      # a real leap second: RFC 3339 allows it
    "1998-12-31T15:59:60-08:00": (True, False),
    "0000-01-01T00:00:00Z": (True, False),      # year 0000 is in RFC 3339's grammar
    "2026-03-28T19:42:00Z\n": (False, True),    # `$` before a final newline
}
STRINGS = ["x", "attach:01JQCLIATT001", "ü", " ", "0", "a" * 300, "line\nbreak"]


def _fp(rnd) -> str:
    return "z" + "".join(rnd.choice(B58) for _ in range(rnd.choice([1, 5, 47, 48])))


def _signature(rnd) -> dict:
    return {"alg": rnd.choice(["ed25519", "Ed25519", "ml-dsa-65", "x"]),
            "value": rnd.choice(["base64url:participant-bind-signature", "A" * 86, "=", "x"])}


def _bind(rnd) -> dict:
    fp = _fp(rnd)
    doc = {
        "schema/v": 1, "bind/id": rnd.choice(STRINGS), "bound-at": rnd.choice(TIMES),
        "participant/id": "participant:did:key:" + fp, "via/node-id": "node:did:key:" + _fp(rnd),
        "session/id": rnd.choice(STRINGS), "participant/key/alg": "ed25519",
        "participant/key/public": rnd.choice([fp, _fp(rnd)]), "proof/participant-signature": _signature(rnd),
    }
    if rnd.random() < 0.3:
        doc["proof/node-attestation"] = _signature(rnd)
    if rnd.random() < 0.2:
        doc["policy_annotations"] = rnd.choice([{}, {"k": [1, {"x": None}]}])
    return doc


def base(rnd, name: str) -> dict:
    if name == BIND:
        return _bind(rnd)
    node = "node:did:key:" + _fp(rnd)
    if name == ATT:
        doc = {"schema/v": 1, "attachment/id": rnd.choice(STRINGS), "attached-at": rnd.choice(TIMES),
               "profile/type": rnd.choice(["pod-client", "hybrid"]), "serving-node/id": node,
               "client-instance/id": rnd.choice(STRINGS),
               "session/state": rnd.choice(["attaching", "attached", "degraded", "suspended"]),
               "export/capable?": rnd.random() < 0.5, "migration/allowed?": rnd.random() < 0.5,
               "participant-bind": _bind(rnd)}
        if rnd.random() < 0.4:
            doc["pod-user/id"] = rnd.choice(["pod-user:did:key:", "participant:did:key:"]) + _fp(rnd)
        if rnd.random() < 0.4:
            doc["models/local?"] = rnd.random() < 0.5
    elif name == DET:
        doc = {"schema/v": 1, "detachment/id": rnd.choice(STRINGS), "detached-at": rnd.choice(TIMES),
               "attachment/id": rnd.choice(STRINGS), "serving-node/id": node, "client-instance/id": rnd.choice(STRINGS),
               "detach/reason": rnd.choice(["user-request", "device-loss", "session-expired", "policy", "migration",
                                            "operator-action"]),
               "participant-bind": _bind(rnd)}
        if rnd.random() < 0.4:
            doc["detach/notes"] = rnd.choice(STRINGS)
        if rnd.random() < 0.3:
            doc["proof/node-attestation"] = _signature(rnd)
    else:
        doc = {"schema/v": 1, "recovery/id": rnd.choice(STRINGS), "recovered-at": rnd.choice(TIMES),
               "serving-node/id": node, "client-instance/id": rnd.choice(STRINGS),
               "recovery/mode": rnd.choice(["reattach-existing-device", "replace-device", "migrate-to-new-host",
                                            "resume-after-suspension"]),
               "recovery/from-detachment-id": rnd.choice(STRINGS), "participant-bind": _bind(rnd)}
        if rnd.random() < 0.4:
            doc["recovery/token-ref"] = rnd.choice(STRINGS)
        if rnd.random() < 0.3:
            doc["proof/node-attestation"] = _signature(rnd)
    if rnd.random() < 0.2:
        doc["policy_annotations"] = rnd.choice([{}, {"note": "x"}])
    keys = list(doc)
    rnd.shuffle(keys)
    return {k: doc[k] for k in keys}


# --------------------------------------------------------------------------- generated documents: mutations

KNOWN = "known-difference"  # a mutation tag containing this sets the document aside


def _objects(doc) -> list[dict]:
    """The document's objects: itself, its bind, signature objects and annotations."""
    out, todo = [], [doc]
    while todo:
        obj = todo.pop()
        if isinstance(obj, dict):
            out.append(obj)
            todo.extend(v for v in obj.values() if isinstance(v, dict))
    return out


def _slots(doc) -> list[tuple[dict, str]]:
    return [(o, k) for o in _objects(doc) for k in o]


def _set(rnd, doc, table: dict) -> str:
    """Set one occurrence of one member named in ``table`` to one of its values (a name first,
    uniformly among those present, so that rare members are hit as often as common ones)."""
    names = sorted({k for _, k in _slots(doc) if k in table})
    if not names:
        return "noop"
    key = rnd.choice(names)
    obj = rnd.choice([o for o, k in _slots(doc) if k == key])
    value = rnd.choice(table[key])
    obj[key] = value
    return f"{key}={value!r}"


MUTATIONS = {}


def mutation(fn):
    MUTATIONS[fn.__name__] = fn
    return fn


@mutation
def drop_member(rnd, doc):
    # half the time a top-level member, else a member name (uniformly among those present),
    # so that each required member of every object is hit
    if rnd.random() < 0.5 and doc:
        obj, key = doc, rnd.choice(sorted(doc))
    else:
        key = rnd.choice(sorted({k for _, k in _slots(doc)}))
        obj = rnd.choice([o for o, k in _slots(doc) if k == key])
    del obj[key]
    return f"drop {key}"


@mutation
def add_member(rnd, doc):
    obj = rnd.choice(_objects(doc))
    key = rnd.choice(["extra", "x-note", "proof/other", "schema", "key/ref", "bind/id"])
    obj[key] = rnd.choice([1, "v", None, {}])
    return f"add {key}"


OPTIONAL_STRINGS = ("recovery/token-ref", "detach/notes", "pod-user/id")


@mutation
def empty_string(rnd, doc):
    slots = [(o, k) for o, k in _slots(doc) if isinstance(o[k], str)]
    optional = [(o, k) for o, k in slots if k in OPTIONAL_STRINGS]
    obj, key = rnd.choice(optional if optional and rnd.random() < 0.4 else slots)
    obj[key] = ""
    return f"empty {key}"


PATTERN_VALUES = {
    "serving-node/id": ["node:did:key:z0OIl", "node:did:key:zO", "node:did:key:zI", "node:did:key:zl",
                        "node:did:key:z", "node:did:key:", "participant:did:key:z6Mk", "did:key:z6Mk",
                        "Node:did:key:z6Mk", "node:did:key:6Mk", "node:did:key:z6Mk ", " node:did:key:z6Mk",
                        "node:did:key:z6Mk", "node:did:key:z6Mk/x"],
    "participant/id": ["participant:did:key:z0", "participant:did:key:z", "node:did:key:z6Mk",
                       "participant:did:web:z6Mk", "participant:did:key:z6Mk", "participant:did:key:z6Mk_"],
    "participant/key/public": ["z0OIl", "z", "6Mk", "Z6Mk", "z6Mk", "z6MkwJFpvJVFe15ygGgYLTYuiPwfhkk", "zl1"],
    "pod-user/id": ["pod-user:did:key:z6Mk", "participant:did:key:z6Mk", "node:did:key:z6Mk",
                    "pod-user:did:key:zO", "pod-user:did:key:", "pod-userparticipant:did:key:z6Mk"],
}
PATTERN_VALUES["via/node-id"] = PATTERN_VALUES["serving-node/id"]


@mutation
def break_pattern(rnd, doc):
    if rnd.random() < 0.08:  # the `$` difference: a valid id with a trailing newline
        present = [(o, k) for o, k in _slots(doc) if k in PATTERN_VALUES]
        obj, key = rnd.choice(present)
        obj[key] = rnd.choice(PATTERN_VALUES[key][-3:]) + "\n"
        return f"{KNOWN}: newline in {key}"
    return _set(rnd, doc, PATTERN_VALUES)


@mutation
def change_enum(rnd, doc):
    return _set(rnd, doc, {
        "recovery/mode": ["reattach", "Replace-Device", "replace-device", "migrate-to-new-host", "teleport"],
        "detach/reason": ["user-request", "user_request", "timeout", "migration"],
        "profile/type": ["pod-client", "hybrid", "thin-client", "Pod-Client"],
        "session/state": ["attached", "detached", "suspended", "ATTACHED"],
        "participant/key/alg": ["ed25519", "Ed25519", "ed448", "x25519"],
    })


def _other_type_values(current):
    return [c for c in (None, True, 0, 1.5, -3, "s", "", [], [1], {}, {"k": "v"}) if type(c) is not type(current)]


@mutation
def change_type(rnd, doc):
    obj, key = rnd.choice(_slots(doc))
    obj[key] = rnd.choice(_other_type_values(obj[key]))
    return f"type {key}"


TIME_MEMBERS = ("bound-at", "attached-at", "detached-at", "recovered-at")


@mutation
def change_time(rnd, doc):
    present = [(o, k) for o, k in _slots(doc) if k in TIME_MEMBERS]
    obj, key = rnd.choice(present)
    if rnd.random() < 0.1:
        obj[key] = rnd.choice(sorted(KNOWN_TIME_DIFFERENCES))
        return f"{KNOWN}: {key}={obj[key]!r}"
    obj[key] = rnd.choice(BAD_TIMES + TIMES)
    return f"{key}={obj[key]!r}"


@mutation
def change_version(rnd, doc):
    return _set(rnd, doc, {"schema/v": [2, 0, "1", 1.0, True, None, -1, 1]})


@mutation
def change_boolean(rnd, doc):
    return _set(rnd, doc, {k: ["true", 1, 0, None, True, False] for k in
                           ("export/capable?", "migration/allowed?", "models/local?")})


@mutation
def change_signature(rnd, doc):
    sigs = [(o, k) for o, k in _slots(doc) if k.startswith("proof/")]
    if not sigs or rnd.random() < 0.25:
        # attachments have no top-level attestation; the others may
        doc["proof/node-attestation"] = {"alg": "ed25519", "value": "v"}
        return "add proof/node-attestation"
    obj, key = rnd.choice(sigs)
    obj[key] = rnd.choice([{"alg": "ed25519", "value": "v"}, {"alg": "", "value": "v"}, {"alg": "ed25519"},
                           {"value": "v"}, {"alg": "x", "value": "v", "key/ref": "k"}, {}, "sig", [], None])
    return f"signature {key}"


@mutation
def change_bind(rnd, doc):
    if "participant-bind" not in doc:
        return "noop"
    doc["participant-bind"] = rnd.choice([{}, [], "pb:1", None, {"schema/v": 1}, _bind(rnd)])
    return "bind"


@mutation
def change_annotations(rnd, doc):
    obj = rnd.choice([doc] + ([doc["participant-bind"]] if isinstance(doc.get("participant-bind"), dict) else []))
    obj["policy_annotations"] = rnd.choice([{}, {"any": [1, {"x": None}]}, {"": ""}, [], "x", 1, None])
    return "policy_annotations"


def generate(n: int, seed: int = SEED):
    """``n`` (kind, document, mutation tags) triples, deterministic."""
    rnd = random.Random(seed)
    for i in range(n):
        name = NAMES[i % len(NAMES)]
        doc = base(rnd, name)
        applied = []
        for _ in range(rnd.choice([0, 1, 1, 1, 1, 2])):
            m = rnd.choice(sorted(MUTATIONS))
            applied.append(f"{m}: {MUTATIONS[m](rnd, doc)}")
        yield name, doc, applied


N_GENERATED = 3000


def test_equal_verdicts_on_generated_documents():
    tally, kinds, used, set_aside = Counter(), Counter(), Counter(), 0
    for name, doc, applied in generate(N_GENERATED):
        if any(KNOWN in a for a in applied):
            set_aside += 1
            continue
        ours, published = OURS[name].is_valid(doc), PUB[name].is_valid(doc)
        assert ours == published, (name, applied, doc,
                                   [e.message for e in OURS[name].iter_errors(doc)],
                                   [e.message for e in PUB[name].iter_errors(doc)])
        tally[ours] += 1
        kinds[name, ours] += 1
        used.update(a.split(":")[0] for a in applied)
    total = tally[True] + tally[False]
    assert total >= 1000 and set_aside < 0.05 * N_GENERATED, (total, set_aside)
    assert 0.3 <= tally[True] / total <= 0.5, tally  # aim: about 40 % valid, 60 % invalid
    assert all(kinds[n, ok] >= 200 for n in NAMES for ok in (True, False)), kinds
    assert set(used) == set(MUTATIONS), used


def test_schema_stage_codes_on_generated_documents():
    # Our schema stage (x-code findings) agrees with our validator, and every schema code shows up.
    seen = Counter()
    for name, doc, _ in generate(400, seed=SEED + 1):
        found = ref_schema.findings(doc, f"{name}.v1.json")
        assert (found == []) is OURS[name].is_valid(doc)
        seen.update(f.code for f in found)
    assert set(seen) == {"schema-required", "schema-closed", "schema-shape", "timestamp-invalid"}, seen


# --------------------------------------------------------------------------- known differences

def _valid(name):
    return json.loads((UPSTREAM / "examples" / "valid").glob(f"*.{name}.json").__next__().read_text("utf-8"))


ID_MEMBERS = [(REC, ("serving-node/id",)), (REC, ("participant-bind", "via/node-id")),
              (BIND, ("participant/id",)), (BIND, ("participant/key/public",)),
              (ATT, ("pod-user/id",))]


@pytest.mark.parametrize("name,path", ID_MEMBERS)
def test_known_difference_trailing_newline_in_an_id(name, path):
    doc = _valid(name)
    obj = doc
    for part in path[:-1]:
        obj = obj[part]
    obj[path[-1]] = obj.get(path[-1], "participant:did:key:z6Mk") + "\n"
    assert PUB[name].is_valid(doc), "Python's `$` matches before the final newline"
    assert not OURS[name].is_valid(doc)
    assert {f.code for f in ref_schema.findings(doc, f"{name}.v1.json")} == {"schema-shape"}


@pytest.mark.parametrize("value", sorted(KNOWN_TIME_DIFFERENCES))
def test_known_difference_date_time(value):
    ours_expected, published_expected = KNOWN_TIME_DIFFERENCES[value]
    for name, member in ((REC, "recovered-at"), (ATT, "attached-at"), (DET, "detached-at"), (BIND, "bound-at")):
        doc = _valid(name)
        doc[member] = value
        assert PUB[name].is_valid(doc) is published_expected
        assert OURS[name].is_valid(doc) is ours_expected
        if not ours_expected:
            assert {f.code for f in ref_schema.findings(doc, f"{name}.v1.json")} == {"timestamp-invalid"}


# --------------------------------------------------------------------------- the generators can tell

def _props(schema_, name):
    return schema_["properties"]


VARIANTS = {
    "bind left open": lambda n, s: s.pop("additionalProperties") if n == BIND else None,
    "signature left open": lambda n, s: s["$defs"]["signature"].pop("additionalProperties") if n == BIND else None,
    "token-ref may be empty": lambda n, s: _props(s, n)["recovery/token-ref"].pop("minLength") if n == REC else None,
    "node id pattern allows 0OIl": lambda n, s: s["$defs"]["nodeId"].update(
        pattern="^node:did:key:z[0-9A-Za-z]+$") if n == BIND else None,
    "detach/reason without migration": lambda n, s: _props(s, n)["detach/reason"]["enum"].remove("migration")
    if n == DET else None,
    "bound-at not a date-time": lambda n, s: s["$defs"]["timestamp"].pop("format") if n == BIND else None,
    "pod-user/id not required to be a did:key": lambda n, s: _props(s, n)["pod-user/id"].pop("pattern")
    if n == ATT else None,
    "migration/allowed? optional": lambda n, s: s["required"].remove("migration/allowed?") if n == ATT else None,
}


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_generator_detects_a_subtly_wrong_schema(variant):
    wrong = our_validators(VARIANTS[variant])
    for name, doc, applied in generate(N_GENERATED):
        if not any(KNOWN in a for a in applied) and wrong[name].is_valid(doc) != PUB[name].is_valid(doc):
            return
    pytest.fail(f"no generated document tells {variant!r} from the published schema")
