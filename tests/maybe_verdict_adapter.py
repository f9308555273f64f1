"""Miniature: the reference behind `cmd:`, except that every verify reply says "maybe"
(a reply that breaks protocol/reply.json; CONFORMANCE.md, "--validate-messages")."""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from conformance.reference.adapter import handle  # noqa: E402

for line in sys.stdin:
    message = json.loads(line)
    reply = handle(message)
    if message.get("cmd") == "verify" and "result" in reply:
        reply["result"]["verdict"] = "maybe"
    print(json.dumps(reply), flush=True)
    if message.get("cmd") == "stop":
        break
