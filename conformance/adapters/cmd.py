"""Implementations in any language: ``cmd:COMMAND LINE``, newline-delimited JSON on stdio.

The command is split like a shell would (``shlex``) and run without a shell, in its own
session and process group, in an explicit working directory with an explicit environment.
Requests may be pipelined (a window of them in flight, answered in order); each reply must
echo its request's ``seq``. A crash, a hang past the timeout, or a protocol violation turns
that request into ``errored`` (with the stderr tail of that process and the stdout line
number), the process and its descendants are killed (``processes.py``), and the process is
restarted for the next request, so a run never hangs and never loses a result. The exit of
the process itself is noticed at once, even while a descendant holds its stdout open. After
too many failures in a row the remaining requests are answered ``errored`` without being sent.
"""

from __future__ import annotations

import json
import os
import queue
import shlex
import subprocess
import threading

from conformance.errors import HarnessError

from . import processes
from .base import Adapter
from .tail import Tail

DEFAULT_TIMEOUT = 30.0
MAX_LINE = 16 * 1024 * 1024
EXIT_GRACE = 0.5  # after the process exits, how long its last stdout lines may take to arrive
WINDOW = 32  # requests in flight when pipelining
GIVE_UP_AFTER = 10  # consecutive failed requests before the rest are not sent


_EXITED = object()  # pushed into the line queue when the process itself has exited


class _Failure(Exception):
    """A request the implementation did not answer properly; the process is killed."""


class CommandAdapter(Adapter):
    def __init__(self, argv: list[str], label: str, timeout: float = DEFAULT_TIMEOUT, cwd: str | None = None,
                 env: dict | None = None, max_line: int = MAX_LINE):
        self.argv = argv
        self.label = label
        self.timeout = timeout
        self.cwd = cwd or os.getcwd()
        self.env = dict(env if env is not None else os.environ)
        self.max_line = max_line
        self.proc = None
        self.lines: queue.Queue = queue.Queue()
        self.outbox: queue.Queue = queue.Queue()
        self.stderr_tail = Tail()  # of the current (or last) process only
        self.marker = processes.new_marker()  # in the environment of every process and descendant we start
        self.line_no = 0  # stdout lines read from the current process
        self.info = None
        self.failures_in_a_row = 0

    @classmethod
    def from_spec(cls, spec: str, **kwargs) -> "CommandAdapter":
        try:
            argv = shlex.split(spec[len("cmd:"):])
        except ValueError as exc:
            raise HarnessError(f"--adapter {spec!r}: {exc}") from None
        if not argv:
            raise HarnessError(f"--adapter {spec!r}: empty command")
        return cls(argv, spec, **kwargs)

    # ---- process management ----
    def _spawn(self) -> None:
        try:
            self.proc = proc = subprocess.Popen(
                self.argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                cwd=self.cwd, env={**self.env, processes.MARKER: self.marker}, start_new_session=True,
            )
        except OSError as exc:
            raise HarnessError(f"{self.label}: cannot start {self.argv[0]!r}: {exc}") from None
        self.lines, self.outbox, self.line_no, self.stderr_tail = queue.Queue(), queue.Queue(), 0, Tail()
        stdout_reader = threading.Thread(target=self._read_stdout, args=(proc, self.lines), daemon=True)
        # stderr is drained continuously, in chunks, so a flood neither blocks the implementation nor grows memory
        self.stderr_reader = threading.Thread(target=self.stderr_tail.drain, args=(proc.stderr,), daemon=True)
        threads = [stdout_reader, self.stderr_reader,
                   threading.Thread(target=self._write_stdin, args=(proc, self.outbox), daemon=True),
                   threading.Thread(target=self._watch, args=(proc, self.lines, stdout_reader), daemon=True)]
        for thread in threads:
            thread.start()

    def _read_stdout(self, proc, lines: queue.Queue) -> None:
        while True:
            line = proc.stdout.readline(self.max_line + 1)
            lines.put(line or None)
            if not line or len(line) > self.max_line:
                return

    @staticmethod
    def _watch(proc, lines: queue.Queue, stdout_reader: threading.Thread) -> None:
        """Report the exit of the process itself: a descendant may hold its stdout open, so EOF never comes."""
        proc.wait()
        stdout_reader.join(EXIT_GRACE)  # the lines it wrote before exiting come first
        lines.put(_EXITED)

    @staticmethod
    def _write_stdin(proc, outbox: queue.Queue) -> None:
        while True:
            data = outbox.get()
            if data is None:
                return
            try:
                proc.stdin.write(data)
                proc.stdin.flush()
            except (OSError, ValueError):  # the process is gone; the reader reports it
                return

    def _kill(self) -> None:
        if self.proc is None:
            return
        self.outbox.put(None)
        processes.kill_tree(self.proc.pid, self.marker, reaped=self.proc.returncode is not None)
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            pass
        self.proc = None

    def _ensure_running(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            self._kill()
            self._spawn()
            if self.info is not None:  # a restart: handshake again before the next request
                reply = self._roundtrip({"cmd": "start", "version": 1})
                if reply.get("version") != 1:
                    raise _Failure(f"restart handshake failed: {reply}")

    def start(self) -> dict:
        self._spawn()
        self.info = super().start()
        return self.info

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self._send({"cmd": "stop"})
            try:
                self.proc.wait(timeout=2)
            except subprocess.TimeoutExpired:
                pass
        self._kill()

    # ---- exchange ----
    def _send(self, message: dict) -> None:
        self.outbox.put(json.dumps(message, ensure_ascii=False).encode("utf-8") + b"\n")

    def _stderr(self) -> str:
        reader = getattr(self, "stderr_reader", None)
        if reader is not None and (self.proc is None or self.proc.poll() is not None):
            reader.join(timeout=1)  # the process is gone: let its last stderr lines arrive
        return self.stderr_tail.text()

    def _read_reply(self, message: dict) -> dict:
        """The next stdout line as the reply to ``message``; raises _Failure (process killed)."""
        try:
            line = self.lines.get(timeout=self.timeout)
        except queue.Empty:
            raise _Failure(f"no reply within {self.timeout:g} s (process group killed)") from None
        if line is _EXITED:
            raise _Failure(f"the implementation exited (status {self.proc.returncode}) without replying")
        if line is None:  # stdout closed: the process is exiting; wait briefly for its status
            try:
                code = self.proc.wait(timeout=2) if self.proc else None
            except subprocess.TimeoutExpired:
                code = "unknown: stdout closed, process still running"
            raise _Failure(f"the implementation exited (status {code}) without replying")
        self.line_no += 1
        where = f"stdout line {self.line_no}"
        if len(line) > self.max_line:
            raise _Failure(f"{where} exceeds the {self.max_line}-byte line limit")
        try:
            reply = json.loads(line)
        except ValueError:
            raise _Failure(f"{where} is not JSON: {line[:200]!r}") from None
        if not isinstance(reply, dict):
            raise _Failure(f"{where} is not a JSON object: {line[:200]!r}")
        if "seq" in message and reply.get("seq") != message["seq"]:
            raise _Failure(f"{where} answers seq {reply.get('seq')!r}, expected {message['seq']!r} "
                           f"(a reply to a request never sent, or out of order)")
        reply.setdefault("_line", self.line_no)
        return reply

    def _roundtrip(self, message: dict) -> dict:
        self._send(message)
        return self._read_reply(message)

    def _errored(self, message: dict, why: str, stderr: bool = True) -> dict:
        tail = self._stderr() if stderr else ""
        return {"seq": message.get("seq"), "errored": {"message": why, "stderr": tail}}

    def exchange(self, message: dict) -> dict:
        if message.get("cmd") == "start":
            try:
                reply = self._roundtrip(message)
            except _Failure as exc:
                self._kill()
                tail = self._stderr()
                raise HarnessError(f"{self.label}: {exc}" + (f"\n--- stderr ---\n{tail}" if tail else "")) from None
            reply.pop("_line", None)
            return reply
        return list(self.request_many([message]))[0]

    def request_many(self, messages: list[dict]):
        """Yields the replies in order, each as it is read. Requests are pipelined, WINDOW at a
        time; a failure errors that request only, and the rest are sent again to a restarted process."""
        pending = list(messages)
        while pending:
            if self.failures_in_a_row >= GIVE_UP_AFTER:
                why = f"not sent: the implementation failed {self.failures_in_a_row} requests in a row"
                for m in pending:
                    yield self._errored(m, why, stderr=False)
                break
            window = pending[:WINDOW]
            try:
                self._ensure_running()
            except (_Failure, HarnessError) as exc:
                self._kill()
                self.failures_in_a_row += 1
                yield self._errored(window[0], f"restart failed: {exc}")
                pending = pending[1:]
                continue
            for m in window:
                self._send(m)
            answered = 0
            for m in window:
                try:
                    reply = self._read_reply(m)
                    answered += 1
                    self.failures_in_a_row = 0
                    yield reply
                except _Failure as exc:
                    self._kill()
                    self.failures_in_a_row += 1
                    answered += 1
                    yield self._errored(m, str(exc))
                    break
            pending = pending[answered:]
