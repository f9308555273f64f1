"""Miniature implementations that try to get a green verdict they do not deserve
(issue 9: verdicts, exit codes and reports). Each wraps the reference and changes one thing.

    python:tests.miniatures.verdict_adapters:NAME
"""

from __future__ import annotations

import os
import time

from conformance.protocol import KIND_RECOVERY
from conformance.reference.adapter import handle as reference


def _declaring(**changes):
    def handle(message):
        reply = reference(message)
        if message.get("cmd") == "start":
            reply["implementation"] = dict(reply["implementation"], **changes)
        return reply
    return handle


# Declares no operation: every case is not applicable, nothing can pass.
no_operations = _declaring(operations=[])

# Verifies recovery artifacts only: attachments, detachments and bare binds are not its kinds.
recovery_only = _declaring(operations=["verify"], kinds=[KIND_RECOVERY])


def slow(message):
    """The reference, VERDICT_SLOW_SECONDS (default 0.05) slower per request."""
    if message.get("cmd") not in ("start", "stop"):
        time.sleep(float(os.environ.get("VERDICT_SLOW_SECONDS", "0.05")))
    return reference(message)


def bad_start(message):
    """A start reply without the protocol version: a harness error once the run has begun."""
    if message.get("cmd") == "start":
        return {"implementation": {"name": "bad-start"}}
    return reference(message)


def all_valid(message):
    """Accepts every document (self-only): fails every property that expects a rejection at once."""
    if message.get("cmd") in ("start", "stop"):
        return reference(message)
    return {"seq": message["seq"], "result": {"verdict": "valid", "class": "self-only", "codes": []}}


def dies(message):
    """Ends its process on the first case request (os._exit): only for `--jobs 2` runs, where the
    process is a worker (in-process it would end the run's own process)."""
    if message.get("cmd") in ("start", "stop"):
        return reference(message)
    os._exit(9)
