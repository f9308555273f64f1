"""Bad command-line input: exit 2, exactly one line on stderr naming the option or file,
never "internal error" or a traceback (issue 9, points 17, 18 and 20)."""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conformance.cli import main
from strategies.naa.build import build, serialize
from strategies.naa.scenarios import fixed_bases

ROOT = Path(__file__).resolve().parent.parent
DEEP = "[" * 1000 + "]" * 1000
GOLDEN = ROOT / "vectors/node-address-attestation/time.json"


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    d = tmp_path_factory.mktemp("inputs")

    def put(name: str, value) -> str:
        path = d / name
        if isinstance(value, bytes):
            path.write_bytes(value)
        else:
            path.write_text(value if isinstance(value, str) else json.dumps(value))
        return str(path)

    golden = json.loads(GOLDEN.read_text("utf-8"))

    def vector_file(change) -> dict:
        doc = copy.deepcopy(golden)
        change(doc)
        return doc

    return {
        "ART": put("good.json", serialize(build(fixed_bases()["directory-confirmed"])).decode()),
        "DEEP": put("deep.json", DEEP),
        "DEEPART": put("deepart.json", '{"schema": "node-address-attestation.v1", "x": ' + DEEP + "}"),
        "TRUST5": put("trust5.json", {"seed-directories": 5}),
        "TRUSTLIST": put("trustlist.json", ["x"]),
        "TRUSTPEER": put("trustpeer.json", {"trusted-peers": [5]}),
        "TRUSTKEY": put("trustkey.json", {"seed-directories": {"seed-directory:a": 7}}),
        "ORDER": put("order.json", ["public"]),
        "XFEXTRA": put("xf.json", {"expected-failures": [{"id": "NAA-TIME-001", "reason": "r", "resaon": "typo"}]}),
        "XFTOP": put("xftop.json", {"expected-failures": [], "extra": 1}),
        "TGX": put("tgx.json", vector_file(lambda d: d.update(testGroups="x"))),
        "HEADER": put("header.json", vector_file(lambda d: d.update(testGroups=[], numberOfTests=0))),
        "UNKNOWNOP": put("unknownop.json", vector_file(lambda d: d["testGroups"][0].update(operation="frobnicate"))),
        "NOWBAD": put("nowbad.json", vector_file(lambda d: d["testGroups"][0]["tests"][0].update(now="bad"))),
        "COUNT": put("count.json", vector_file(lambda d: d.update(numberOfTests=d["numberOfTests"] + 1))),
        "DIR": str(d),
        "AFILE": put("afile", "x"),
    }


# (arguments, what stderr must name); {NAME} is a file of the fixture.
CASES = [
    (["check", "{DEEPART}"], "deepart.json"),
    (["replay", "{DEEP}"], "deep.json: JSON nested too deeply"),
    (["check", "{ART}", "--context", "{DEEP}"], "--context"),
    (["run", "--expected-failures", "{DEEP}", "--only", "NAA-TIME-001"], "--expected-failures"),
    (["run", "--privacy-order", "{DEEP}", "--only", "SDP-*"], "--privacy-order"),
    (["check", "{ART}", "--privacy-order", "{DEEP}"], "--privacy-order"),
    (["check", "{ART}", "--trust", "{TRUST5}"], "--trust"),
    (["check", "{ART}", "--trust", "{TRUSTLIST}"], "--trust"),
    (["check", "{ART}", "--trust", "{TRUSTPEER}"], "--trust"),
    (["check", "{ART}", "--trust", "{TRUSTKEY}"], "--trust"),
    (["run", "--privacy-order", "{ORDER}", "--only", "SDP-*"], "--privacy-order"),
    (["check", "{ART}", "--privacy-order", "{ORDER}"], "--privacy-order"),
    (["run", "--timeout=-1", "--only", "NAA-TIME-001"], "--timeout"),
    (["run", "--timeout", "inf", "--only", "NAA-TIME-001"], "--timeout"),
    (["run", "--timeout", "nan", "--only", "NAA-TIME-001"], "--timeout"),
    (["run", "--timeout", "0", "--only", "NAA-TIME-001"], "--timeout"),
    (["run", "--timeout", "1e308", "--only", "NAA-TIME-001"], "--timeout"),
    (["replay", str(GOLDEN), "--timeout", "0"], "--timeout"),
    (["vectors", "verify", "--timeout", "-5"], "--timeout"),
    (["run", "--max-line", "0", "--only", "NAA-TIME-001"], "--max-line"),
    (["run", "--report", "{DIR}", "--only", "NAA-TIME-001"], "--report"),
    (["run", "--junit", "{DIR}", "--only", "NAA-TIME-001"], "--junit"),
    (["run", "--html", "{AFILE}/x.html", "--only", "NAA-TIME-001"], "--html"),
    (["vectors", "export", "--out", "{AFILE}"], "--out"),
    (["run", "--failures-dir", "{AFILE}", "--only", "NAA-TIME-001"], "--failures-dir"),
    (["run", "--adapter", "python:..bad:x"], "--adapter"),
    (["replay", str(GOLDEN), "--adapter", "python:mod:"], "--adapter"),
    (["replay", "{TGX}"], "tgx.json at /testGroups"),
    (["replay", "{HEADER}"], "header.json at /testGroups"),
    (["replay", "{UNKNOWNOP}"], "unknownop.json at /testGroups/0/operation"),
    (["replay", "{NOWBAD}"], "nowbad.json at /testGroups/0/tests/0/now"),
    (["replay", "{COUNT}"], "count.json at /numberOfTests"),
    (["check", "{ART}", "--now", ""], "--now"),
    (["check", "{ART}", "--kind", ""], "--kind"),
    (["check", "{ART}", "--kind", "peer-handshake"], "--kind"),
    (["run", "--expected-failures", "{XFEXTRA}", "--only", "NAA-TIME-001"], "resaon"),
    (["run", "--expected-failures", "{XFTOP}", "--only", "NAA-TIME-001"], "--expected-failures"),
    (["run", "--only", "NAA-TIME-001", "NO-SUCH-ID"], "--only NO-SUCH-ID"),
    (["vectors", "verify", "--only", "time.*", "NO-SUCH-ID"], "--only NO-SUCH-ID"),
    # argparse usage errors (point 18)
    (["run", "--profile", "x"], "argument --profile: invalid choice: 'x'"),
    (["run", "--seed", "abc"], "argument --seed"),
    (["run", "--no-such-flag"], "--no-such-flag"),
    (["check"], "FILE"),
    (["vectors"], "vectors_command"),
    ([], "command"),
]


def _run(argv: list[str], capsys) -> tuple[int, str]:
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse
        code = exc.code
    captured = capsys.readouterr()
    return code, captured.err


@pytest.mark.parametrize("args, named", CASES, ids=[" ".join(a) or "(none)" for a, _ in CASES])
def test_bad_input_is_one_line_naming_the_option_or_file(args, named, files, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # nothing a rejected command might write lands in the checkout
    code, err = _run([a.format(**files) for a in args], capsys)
    assert code == 2, err
    assert err.endswith("\n") and err.count("\n") == 1, err
    assert named.format(**files) in err, err
    assert err.startswith("conformance: error: ") and "internal error" not in err and "Traceback" not in err
    assert not list(Path(files["DIR"]).glob("*.tmp")), "a rejected report path left a temporary file"


def test_privacy_order_is_checked_without_asserts():
    """Under `python -O` asserts vanish: a wrong order must still be refused by the CLI."""
    proc = subprocess.run([sys.executable, "-O", "-m", "conformance.cli", "check", str(GOLDEN), "--kind",
                           "storage-policy-bundle", "--privacy-order", "/dev/stdin"], input='["public"]',
                          capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and "--privacy-order" in proc.stderr, proc.stderr


def test_vectors_verify_of_a_directory_with_a_deep_file_names_it(tmp_path, capsys):
    import hashlib

    (tmp_path / "node-address-attestation").mkdir()
    (tmp_path / "node-address-attestation/x.json").write_text(DEEP)
    digest = hashlib.sha256(DEEP.encode()).hexdigest()
    (tmp_path / "MANIFEST.json").write_text(json.dumps({"format": "orbiplex-conformance-vectors.v1",
                                                        "files": {"node-address-attestation/x.json": digest}}))
    code, err = _run(["vectors", "verify", str(tmp_path)], capsys)
    assert code == 2 and err.count("\n") == 1 and "x.json: JSON nested too deeply" in err, err


def test_every_bundled_vector_file_validates_on_load():
    from conformance import vectors

    assert len(vectors.load(vectors.bundled_dir())) > 500


def test_usage_error_under_a_subprocess_is_one_line():
    env = {**os.environ, "COLUMNS": "60"}
    proc = subprocess.run([sys.executable, "-m", "conformance.cli", "run", "--profile", "x"], capture_output=True,
                          text=True, timeout=120, cwd=ROOT, env=env)
    assert proc.returncode == 2
    assert proc.stderr == ("conformance: error: argument --profile: invalid choice: 'x' (choose from 'ci', 'quick', "
                           "'thorough'); see conformance run --help\n")
