"""Every `conformance ...` command in the code blocks of README.md and CONFORMANCE.md runs as
written (issue 9, point 23), and the help says what each option means.

A block preceded by `<!-- docs-commands: ... -->` is a synopsis, an output or an
illustration and is not run. Placeholders are replaced by the explicit table below, and only
where the doc shows a placeholder. A `conformance run` without `--only` certifies everything
(about 60 s), so it is run with `--only intake.duplicate-key` appended; nothing else changes.
A trailing `# exit N` comment in the doc gives the expected exit code (default 0)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conformance.cli import build_parser

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = f"'cmd:{sys.executable} examples/adapters/python/adapter.py'"
PLACEHOLDERS = [  # (as the doc writes it, what the test runs)
    ("'cmd:./target/release/naa-adapter --json'", TEMPLATE),
    ("'cmd:./my-impl'", TEMPLATE),
    ("python:mypkg.verify:handle", "python:conformance.reference.adapter:handle"),
    ("quick|ci|thorough", "quick"),
    ("verdict|strict", "verdict"),
    ("--seed N", "--seed 1"),
    ("[DIR]", str(ROOT / "vectors")),
    ("[--adapter SPEC]", "--adapter reference"),
    ("[--only ID...]", "--only 'time.*'"),
    ("[--json]", "--json"),
]
RUN_ONLY = "--only intake.duplicate-key"
MARKER = re.compile(r"<!-- docs-commands: .* -->")


def doc_commands() -> list[tuple[str, str]]:
    """(doc, command line as written) for every command of every runnable code block."""
    out = []
    for doc in ("README.md", "CONFORMANCE.md"):
        text = (ROOT / doc).read_text("utf-8").replace("\\\n", " ")
        for m in re.finditer(r"(?m)^```(\w*)\n(.*?)^```", text, re.S):
            before = text[:m.start()].rstrip().rsplit("\n", 1)[-1]
            if MARKER.fullmatch(before.strip()) or m.group(1) not in ("", "sh"):
                continue
            for line in m.group(2).splitlines():
                found = re.search(r"(?:^|&&\s*)(conformance\s.*)", line.strip())
                if found:
                    out.append((doc, " ".join(found.group(1).split())))
    return list(dict.fromkeys(out))


def runnable(command: str) -> tuple[str, int]:
    expected = re.search(r"#\s*exit (\d)", command)
    command = re.sub(r"\s+#.*$", "", command)
    for written, used in PLACEHOLDERS:
        command = command.replace(written, used)
    if command.startswith("conformance run") and "--only" not in command:
        command += " " + RUN_ONLY
    return command, int(expected.group(1)) if expected else 0


COMMANDS = list({runnable(c)[0]: (d, c) for d, c in doc_commands()}.values())


def test_the_docs_have_commands_and_the_readme_example_uses_shipped_artifacts():
    written = [c for _, c in COMMANDS]
    assert len(written) >= 12
    assert any("examples/artifacts/" in c for c in written)
    for _, c in COMMANDS:
        assert not re.search(r"\[|\||\b(SPEC|FILE|DIR|ID)\b|--seed N\b", runnable(c)[0]), f"unsubstituted: {c}"


@pytest.mark.parametrize("doc, written", COMMANDS, ids=[c for _, c in COMMANDS])
def test_doc_command_runs_as_written(doc, written, tmp_path):
    command, expected = runnable(written)
    (tmp_path / "examples").symlink_to(ROOT / "examples")  # the doc's relative paths; outputs land in tmp
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
           "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(command, shell=True, cwd=tmp_path, capture_output=True, text=True, timeout=300, env=env)
    assert proc.returncode == expected, f"{doc}: {command}\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}"
    assert "Traceback" not in proc.stderr and "internal error" not in proc.stderr


def test_validate_messages_example_is_what_is_printed():
    block = (ROOT / "CONFORMANCE.md").read_text("utf-8").split("a `verify` reply with the verdict `maybe` prints")[1]
    example = block.split("```\n")[1].strip()
    proc = subprocess.run([sys.executable, "-m", "conformance.cli", "run", "--adapter",
                           f"cmd:{sys.executable} tests/maybe_verdict_adapter.py", "--validate-messages",
                           "--only", "time.window-inverted", "--profile", "quick", "--seed", "1"],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 1 and example in proc.stdout.splitlines(), proc.stdout[-3000:]


def _help(*command: str) -> str:
    parser = build_parser()
    for name in command:
        parser = next(a for a in parser._actions if isinstance(a, __import__("argparse")._SubParsersAction)).choices[name]
    return " ".join(parser.format_help().split())


def test_help_names_every_family_and_says_what_options_mean(monkeypatch):
    monkeypatch.setenv("COLUMNS", "10000")  # argparse wraps at hyphens otherwise
    top = _help()
    assert all(f in top for f in ("node-address-attestation", "client-instance-recovery", "storage"))
    run = _help("run")
    assert "quick: 8 examples per property" in run and "(default: ci)" in run
    assert "(default: 30)" in run and "(default: 16777216" in run
    check = _help("check")
    from conformance.check import KINDS
    assert all(k in check for k in KINDS)
    for command in (("replay",), ("vectors", "verify")):
        parser_help = _help(*command)
        for option in ("--adapter", "--level", "--timeout"):
            assert re.search(re.escape(option) + r" \S+ [a-z]", parser_help), (command, option, parser_help)


@pytest.mark.parametrize("path", sorted((ROOT / "examples/artifacts").glob("*.json")), ids=lambda p: p.name)
def test_sample_artifact_has_the_verdict_its_name_says(path):
    from conformance import check
    from conformance.reference.naa.trustconfig import TrustConfig

    kind = path.name.split(".")[1]
    now = "2026-03-28T20:26:00Z" if kind.startswith(("client-instance", "participant")) else "2026-04-17T12:01:00Z"
    report = check.check_file(path, None, "full", now, TrustConfig())
    assert report["kind"] == kind and report["verdict"] == path.name.split(".")[0], report["findings"]
