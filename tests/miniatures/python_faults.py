"""`python:` implementations that misbehave in-process on their first case request.

    conformance run --adapter python:tests.miniatures.python_faults:exits ...

Each answers like the reference, except: ``exits`` calls ``sys.exit(0)``, ``interrupts``
raises KeyboardInterrupt, ``hangs`` never returns, ``always_hangs`` never returns from any
case request (after the handshake).
"""

from __future__ import annotations

import itertools
import sys
import threading

from conformance.reference.adapter import handle

_forever = threading.Event()  # never set: waiting on it is a hang


def _misbehaving(fault, every=False):
    counter = itertools.count(1)

    def handler(message):
        if message.get("cmd") in ("start", "stop"):
            return handle(message)
        if every or next(counter) == 1:
            fault()
        return handle(message)
    return handler


def _exit():
    sys.exit(0)


def _interrupt():
    raise KeyboardInterrupt


def _hang():
    _forever.wait()


exits = _misbehaving(_exit)
interrupts = _misbehaving(_interrupt)
hangs = _misbehaving(_hang)
always_hangs = _misbehaving(_hang, every=True)
