"""Every message the runner sends, and every reply of the reference, matches the shipped
protocol schemas; the example cmd: adapter certifies; a broken start is reported with its stderr.
(Crashes, hangs and lies mid-run: tests/test_robustness.py.)"""

from __future__ import annotations

import sys

from conformance import messages, vectors
from conformance.adapters.cmd import CommandAdapter
from conformance.profiles import get
from conformance.reference.adapter import handle
from conformance.run_options import RunOptions
from conformance.runner import Runner

def test_requests_and_reference_replies_match_the_message_schemas():
    assert messages.errors("start", {"cmd": "start", "version": 1}) == []
    assert messages.errors("start-reply", handle({"cmd": "start", "version": 1})) == []
    assert messages.errors("stop", {"cmd": "stop"}) == []
    for i, (_, case) in enumerate(vectors.load(vectors.bundled_dir())):
        request = case.request(i)
        assert messages.errors(case.operation, request) == [], case.id
        assert messages.errors("reply", handle(request)) == [], case.id


def test_message_schemas_reject_malformed_messages():
    assert messages.errors("verify", {"cmd": "verify", "seq": 1}) != []
    assert messages.errors("reply", {"seq": 1, "result": {"verdict": "maybe", "class": None, "codes": []}}) != []
    assert messages.errors("reply", {"seq": 1}) != []


def _script(tmp_path, body):
    path = tmp_path / "impl.py"
    path.write_text(body)
    return CommandAdapter([sys.executable, str(path)], "cmd:impl", timeout=5)


def test_the_python_example_adapter_certifies_strictly():
    from pathlib import Path

    example = Path(__file__).resolve().parent.parent / "examples/adapters/python/adapter.py"
    adapter = CommandAdapter([sys.executable, str(example)], "cmd:example", timeout=30)
    result = Runner(adapter,
                    RunOptions(adapter="cmd:example", profile=get("quick"), seed=3,
                               level="strict", validate_messages=True),
                    echo=lambda _: None).run()
    assert result.conformant and len(result.vectors) > 200 and len(result.properties) > 40


def test_cmd_adapter_reports_a_broken_start_with_its_stderr(tmp_path):
    import pytest
    from conformance.errors import HarnessError

    adapter = _script(tmp_path, "import sys\nsys.stderr.write('cannot load keys\\n')\nsys.exit(1)\n")
    with pytest.raises(HarnessError, match="cannot load keys"):
        adapter.start()
