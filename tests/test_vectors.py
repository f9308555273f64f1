"""Golden vectors: deterministic export, intact manifest, valid format, current content."""

from __future__ import annotations

import json
from pathlib import Path

from jsonschema import Draft202012Validator

from conformance import schemas, vectors

ROOT = Path(__file__).resolve().parent.parent
SOURCE_VECTORS = ROOT / "vectors"


def test_export_is_byte_identical_on_every_run(tmp_path):
    first = vectors.export(tmp_path / "a")
    second = vectors.export(tmp_path / "b")
    assert first == second
    for rel, data in first.items():
        assert (tmp_path / "a" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes() == data


def test_committed_vectors_are_the_current_export():
    generated = vectors.generate()
    on_disk = {p.relative_to(SOURCE_VECTORS).as_posix(): p.read_bytes() for p in SOURCE_VECTORS.rglob("*.json")}
    assert sorted(on_disk) == sorted(generated), "run `conformance vectors export --out vectors`"
    stale = [rel for rel, data in generated.items() if on_disk[rel] != data]
    assert not stale, f"stale vector files {stale}: run `conformance vectors export --out vectors`"


def test_bundled_vectors_are_the_installed_package_data():
    assert vectors.check_manifest(vectors.bundled_dir()) == []
    assert len(vectors.load(vectors.bundled_dir())) == sum(
        json.loads(p.read_text())["numberOfTests"] for p in vectors.bundled_dir().glob("*/*.json"))


def test_manifest_detects_tampering(tmp_path):
    vectors.export(tmp_path)
    target = tmp_path / "node-address-attestation" / "time.json"
    target.write_bytes(target.read_bytes().replace(b'"valid"', b'"invalid"', 1))
    (tmp_path / "client-instance-recovery" / "extra.json").write_text("{}")
    problems = vectors.check_manifest(tmp_path)
    assert any("time.json: SHA-256 differs" in p for p in problems)
    assert any("extra.json: not listed" in p for p in problems)


def test_vector_files_follow_the_published_format():
    validator = Draft202012Validator(schemas.load("vector-file.v1.json"))
    for path in SOURCE_VECTORS.glob("*/*.json"):
        doc = json.loads(path.read_text("utf-8"))
        errors = [e.message for e in validator.iter_errors(doc)]
        assert not errors, f"{path}: {errors[:3]}"
        tests = [t for g in doc["testGroups"] for t in g["tests"]]
        assert doc["numberOfTests"] == len(tests)
        assert set(doc["notes"]) == {f for t in tests for f in t["flags"]}, "every flag explained, no unused notes"


def test_vector_ids_are_unique_and_stable_strings():
    ids = [case.id for _, case in vectors.load(vectors.bundled_dir())]
    assert len(ids) == len(set(ids))
    assert all("/" in i and " " not in i for i in ids)


def test_upstream_signing_key_is_one_of_the_labelled_keys(upstream):
    published = json.loads((upstream / "orbidocs/networking-signing-vectors.json").read_text())
    doc = json.loads((SOURCE_VECTORS / "node-address-attestation/trust.json").read_text())
    key = doc["keys"]["upstream-0x29"]
    assert key["seed"] == published["signer"]["secret_key_hex"]
    assert key["public"] == published["signer"]["derived"]["public_key_hex"]
    assert key["multibase"] == published["signer"]["key_public"]


def test_a_malformed_vector_file_is_named_by_the_schema_check(tmp_path):
    # the compiled fast path only passes files; each of these must reach jsonschema and be named
    source = json.loads((SOURCE_VECTORS / "node-address-attestation" / "time.json").read_text("utf-8"))
    breaks = {"/numberOfTests": lambda d: d.update(numberOfTests="1"),
              "/testGroups/0/tests/0": lambda d: d["testGroups"][0]["tests"][0].pop("now"),
              "/": lambda d: d.update(extra=1)}
    for where, edit in breaks.items():
        doc = json.loads(json.dumps(source))
        edit(doc)
        path = tmp_path / "node-address-attestation" / "time.json"
        path.parent.mkdir(exist_ok=True)
        path.write_text(json.dumps(doc), "utf-8")
        try:
            vectors.load_file(path)
        except vectors.HarnessError as exc:
            assert f"at {where}:" in str(exc) and "(schema vector-file.v1.json)" in str(exc), str(exc)
        else:
            raise AssertionError(f"{where}: a malformed vector file was loaded")


def test_conformance_md_states_the_current_vector_counts():
    import re
    from collections import Counter

    loaded = vectors.load(vectors.bundled_dir())
    by_family = Counter(Path(source).parent.name for source, _ in loaded)
    locations = sum(1 for source, _ in loaded if Path(source).name.startswith("locations"))
    text = (Path(__file__).resolve().parents[1] / "CONFORMANCE.md").read_text("utf-8")
    stated = re.search(r"\(`vectors/`, (\d+) cases: (\d+) node-address-attestation, (\d+) client-instance-recovery, "
                       r"(\d+)\s+storage-policy; (\d+) of them", text)
    assert stated, "CONFORMANCE.md no longer states the vector counts where this test looks"
    assert [int(n) for n in stated.groups()] == [len(loaded), by_family["node-address-attestation"],
                                                   by_family["client-instance-recovery"], by_family["storage-policy"],
                                                   locations]
