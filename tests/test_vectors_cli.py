"""Vector directories on the command line (issue 9, points 20 and 21): every file is validated
before it runs, replay commands printed by `vectors verify` reproduce as printed, and export
owns exactly the files it writes."""

from __future__ import annotations

import hashlib
import json
import shlex
import shutil

import pytest

from conformance import vectors
from conformance.cli import main

MUTANT = "python:tests.mutants:skew_17_seconds"


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    root = tmp_path_factory.mktemp("exported")
    vectors.export(root)
    return root


def _copy(exported, tmp_path):
    root = tmp_path / "v"
    shutil.copytree(exported, root)
    return root


def _rewrite(root, rel, change):
    """Change one vector file and record its new digest, so that only the content is wrong."""
    path = root / rel
    doc = json.loads(path.read_text("utf-8"))
    change(doc)
    path.write_text(json.dumps(doc))
    manifest = json.loads((root / vectors.MANIFEST).read_text("utf-8"))
    manifest["files"][rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    (root / vectors.MANIFEST).write_text(json.dumps(manifest))


def _cli(capsys, *argv):
    code = main(list(map(str, argv)))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("change, pointer", [
    (lambda d: d.update(testGroups=[], numberOfTests=0), "/testGroups"),
    (lambda d: d["testGroups"][0].update(operation="frobnicate"), "/testGroups/0/operation"),
    (lambda d: d["testGroups"][0]["tests"][0].update(now="bad"), "/testGroups/0/tests/0/now"),
])
@pytest.mark.parametrize("command", ["verify", "run"])
def test_a_directory_with_an_invalid_vector_file_is_refused(capsys, exported, tmp_path, change, pointer, command):
    root = _copy(exported, tmp_path)
    _rewrite(root, "node-address-attestation/time.json", change)
    argv = (["vectors", "verify", root] if command == "verify"
            else ["run", "--vectors", root, "--only", "NAA-TIME-001", "--profile", "quick", "--seed", "1"])
    code, _, err = _cli(capsys, *argv)
    assert code == 2 and err.count("\n") == 1, err
    assert f"time.json at {pointer}" in err, err


def test_replay_commands_of_vectors_verify_reproduce_as_printed(capsys, exported, tmp_path, monkeypatch):
    root = _copy(exported, tmp_path)
    monkeypatch.chdir(tmp_path)
    code, out, _ = _cli(capsys, "vectors", "verify", "v", "--adapter", MUTANT)
    replays = [line.split("replay:", 1)[1].strip() for line in out.splitlines() if "replay:" in line]
    assert code == 1 and replays, out
    argv = shlex.split(replays[0])
    assert argv[:4] == ["conformance", "vectors", "verify", "v"] and "--seed" not in argv and "--profile" not in argv
    code, again, _ = _cli(capsys, *argv[1:])
    assert code == 1, again
    assert again.strip().endswith("1 vectors, 1 failed") or ", 1 failed" in again, again
    target = argv[argv.index("--only") + 1]
    assert target in again


def test_replay_command_of_a_run_with_vectors_names_the_directory(capsys, exported, tmp_path, monkeypatch):
    _copy(exported, tmp_path)
    monkeypatch.chdir(tmp_path)
    code, out, _ = _cli(capsys, "run", "--vectors", "v", "--adapter", MUTANT, "--only", "NAA-TIME-002",
                        "--profile", "quick", "--seed", "3", "-x")
    replays = [line.split("replay:", 1)[1].strip() for line in out.splitlines() if "replay:" in line]
    assert code == 1 and replays, out
    assert "--vectors v" in replays[0], replays[0]


def test_export_removes_its_own_stale_files(capsys, exported, tmp_path):
    root = _copy(exported, tmp_path)
    shutil.copy(root / "node-address-attestation/time.json", root / "node-address-attestation/retired-topic.json")
    assert _cli(capsys, "vectors", "export", "--out", root)[0] == 0
    assert not (root / "node-address-attestation/retired-topic.json").exists()
    code, out, err = _cli(capsys, "vectors", "verify", root)
    assert code == 0, err


@pytest.mark.parametrize("foreign", ["notes.txt", "node-address-attestation/README.md", "extra/x.json"])
def test_export_refuses_a_directory_holding_files_it_did_not_write(capsys, exported, tmp_path, foreign):
    root = _copy(exported, tmp_path)
    (root / foreign).parent.mkdir(parents=True, exist_ok=True)
    (root / foreign).write_text("mine")
    code, _, err = _cli(capsys, "vectors", "export", "--out", root)
    assert code == 2 and err.count("\n") == 1 and "--out" in err and foreign in err, err
    assert (root / foreign).read_text() == "mine"
