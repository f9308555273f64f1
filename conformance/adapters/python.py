"""In-process Python implementations: ``python:MODULE:ATTR``.

ATTR names a callable taking one protocol message (a dict) and returning the reply dict,
or a class whose instances are such callables.

The implementation runs in a worker thread, and every request has a deadline (``--timeout``):
a request not answered in time is ``errored``, its thread is abandoned (a daemon, it cannot be
killed) and a fresh worker takes the next request. Anything the implementation raises,
``SystemExit`` and ``KeyboardInterrupt`` included, is an ``errored`` reply for that request,
never the end of the run; a real Ctrl-C reaches the main thread, which is only waiting, and
still interrupts the run. What cannot be bounded in-process: ``os._exit``, a crash in a C
extension, or a thread that holds the GIL; use ``cmd:`` for untrusted code.
"""

from __future__ import annotations

import importlib
import os
import queue
import sys
import threading
import traceback

from conformance.errors import HarnessError

from .base import Adapter

DEFAULT_TIMEOUT = 30.0
STOP_TIMEOUT = 2.0  # the stop message is given at most this long
GIVE_UP_AFTER = 10  # consecutive deadline misses or exits before the rest are not sent


class _Batch:
    """Requests handed to one worker; replies come back through ``replies`` in order."""

    def __init__(self, messages: list[dict]):
        self.messages = messages
        self.replies: queue.SimpleQueue = queue.SimpleQueue()
        self.abandoned = False  # set when the caller stops waiting; the worker then drops the rest


class PythonAdapter(Adapter):
    def __init__(self, handler, label: str, timeout: float = DEFAULT_TIMEOUT):
        self.handler = handler
        self.label = label
        self.timeout = timeout
        self.failures_in_a_row = 0
        self._inbox: queue.SimpleQueue | None = None  # the current worker's; None when there is none

    @classmethod
    def from_spec(cls, spec: str, label: str | None = None) -> "PythonAdapter":
        target = spec[len("python:"):]
        module_name, _, attr = target.partition(":")
        if not module_name or not attr:
            raise HarnessError(f"--adapter {spec!r}: expected python:MODULE:ATTR")
        if os.getcwd() not in sys.path:  # like `python -m`: modules of the current directory resolve
            sys.path.insert(0, os.getcwd())
        try:
            module = importlib.import_module(module_name)
        except ImportError as exc:
            raise HarnessError(f"--adapter {spec!r}: cannot import {module_name}: {exc}") from None
        try:
            obj = getattr(module, attr)
        except AttributeError:
            raise HarnessError(f"--adapter {spec!r}: {module_name} has no attribute {attr!r}") from None
        if isinstance(obj, type):
            obj = obj()
        if not callable(obj):
            raise HarnessError(f"--adapter {spec!r}: {attr} is not callable")
        return cls(obj, label or spec)

    # ---- the worker ----
    def _worker(self, inbox: queue.SimpleQueue) -> None:
        while True:
            batch = inbox.get()
            if batch is None:
                return
            for message in batch.messages:
                if batch.abandoned:
                    break
                batch.replies.put(self._call(message))
            if batch.abandoned:  # the caller gave up on this thread: a fresh worker serves the next batch
                return

    def _call(self, message: dict) -> tuple[dict, bool]:
        """The reply, and whether the implementation tried to end the process (a failure)."""
        try:
            return self.handler(message), False
        except BaseException as exc:  # noqa: B036 - an implementation's crash or exit is a result, not the run's end
            ended = not isinstance(exc, Exception)
            what = f"{type(exc).__name__}: {exc}" + (" (the implementation tried to end the process)" if ended else "")
            return {"seq": message.get("seq"), "errored": {"message": what, "traceback": traceback.format_exc()}}, ended

    def _submit(self, messages: list[dict]) -> _Batch:
        if self._inbox is None:
            self._inbox = queue.SimpleQueue()
            threading.Thread(target=self._worker, args=(self._inbox,), daemon=True,
                             name=f"conformance {self.label}").start()
        batch = _Batch(messages)
        self._inbox.put(batch)
        return batch

    def _abandon(self, batch: _Batch) -> None:
        batch.abandoned = True
        self._inbox = None  # the old worker exits when (if ever) its handler returns

    # ---- exchange ----
    def exchange(self, message: dict) -> dict:
        return list(self.request_many([message]))[0]

    def request_many(self, messages: list[dict]):
        """Yields the replies in order, each as it arrives (so an interrupt keeps those already
        answered); all are handed to the worker at once, and each has its own deadline."""
        done = 0
        while done < len(messages):
            pending = messages[done:]
            if self.failures_in_a_row >= GIVE_UP_AFTER:
                why = f"not sent: the implementation failed {self.failures_in_a_row} requests in a row"
                for m in pending:
                    yield {"seq": m.get("seq"), "errored": {"message": why}}
                return
            batch = self._submit(pending)
            answered = 0
            try:
                for message in pending:
                    try:
                        reply, ended = batch.replies.get(timeout=self.timeout)
                    except queue.Empty:
                        self._abandon(batch)
                        self.failures_in_a_row += 1
                        done += 1
                        yield {"seq": message.get("seq"), "errored": {
                            "message": f"no reply within {self.timeout:g} s (its thread is abandoned)"}}
                        break
                    self.failures_in_a_row = self.failures_in_a_row + 1 if ended else 0
                    done += 1
                    answered += 1
                    yield reply
            except BaseException:  # an interrupt, or the caller stopped reading: the worker drops the rest
                if answered < len(pending):  # (a caller that read every reply leaves the worker alone)
                    self._abandon(batch)
                raise

    def stop(self) -> None:
        timeout, self.timeout = self.timeout, min(self.timeout, STOP_TIMEOUT)
        try:
            self.exchange({"cmd": "stop"})
        finally:
            self.timeout = timeout
            if self._inbox is not None:  # the idle worker ends; a later request would start a new one
                self._inbox.put(None)
                self._inbox = None
