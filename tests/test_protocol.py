"""Every message the runner sends, and every reply of the reference, matches the shipped
protocol schemas; the cmd: adapter certifies a subprocess and survives crashes and hangs."""

from __future__ import annotations

import sys
import textwrap

from conformance import messages, vectors
from conformance.adapters.cmd import CommandAdapter
from conformance.profiles import get
from conformance.reference.adapter import handle
from conformance.runner import ERRORED, Runner

SERVER = textwrap.dedent("""
    import json, sys
    from conformance.reference.adapter import handle
    for line in sys.stdin:
        message = json.loads(line)
        reply = handle(message)
        if message.get("cmd") == "stop":
            break
        sys.stdout.write(json.dumps(reply) + "\\n")
        sys.stdout.flush()
""")


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
    result = Runner(adapter, "cmd:example", get("quick"), 3, level="strict", echo=lambda _: None,
                    validate_messages=True).run()
    assert result.conformant and len(result.vectors) > 200 and len(result.properties) > 40


FAULTY = SERVER.replace("reply = handle(message)", (
    "reply = handle(message)\n"
    "    if message.get('seq') == 2:\n"
    "        sys.exit(3)\n"
    "    if message.get('seq') == 4:\n"
    "        import time; time.sleep(60)"))


def test_cmd_adapter_survives_crash_and_hang(tmp_path):
    adapter = _script(tmp_path, FAULTY)
    adapter.timeout = 2
    result = Runner(adapter, "cmd:impl", get("quick"), 3, only=["intake.*"], echo=lambda _: None).run_vectors_only()
    statuses = [r.status for r in result.vectors]
    assert statuses[1] == ERRORED and "exited" in result.vectors[1].message
    assert statuses[3] == ERRORED and "no reply within" in result.vectors[3].message
    assert statuses.count(ERRORED) == 2 and len(statuses) > 5


def test_cmd_adapter_reports_a_broken_start_with_its_stderr(tmp_path):
    import pytest
    from conformance.errors import HarnessError

    adapter = _script(tmp_path, "import sys\nsys.stderr.write('cannot load keys\\n')\nsys.exit(1)\n")
    with pytest.raises(HarnessError, match="cannot load keys"):
        adapter.start()
