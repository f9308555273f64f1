"""The stdio loop of the `cmd:` miniatures: the reference answers every request, and a hook
sees each case request first (to misbehave: write stderr, exit)."""

from __future__ import annotations

import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))

from conformance.reference.adapter import handle  # noqa: E402


def serve(before_case) -> int:
    """Answer newline-delimited requests on stdin; ``before_case(message)`` runs before each
    case request (every command but start and stop)."""
    for line in sys.stdin:
        message = json.loads(line)
        if message.get("cmd") == "stop":
            return 0
        if message.get("cmd") != "start":
            before_case(message)
        sys.stdout.write(json.dumps(handle(message)) + "\n")
        sys.stdout.flush()
    return 0
