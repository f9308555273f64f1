"""Implementations in any language: ``cmd:COMMAND LINE``, newline-delimited JSON on stdio.

The command is split like a shell would (``shlex``) and run without a shell, in its own
process group, with the caller's working directory and environment. One request is in
flight at a time; each reply must echo the request's ``seq``. A crash, a hang past the
timeout, or a protocol violation turns that request into ``errored`` (with the stderr
tail) and the process is restarted for the next one, so a run never hangs or stops.
"""

from __future__ import annotations

import json
import os
import queue
import shlex
import signal
import subprocess
import threading
from collections import deque

from conformance.errors import HarnessError

from .base import Adapter

DEFAULT_TIMEOUT = 30.0
MAX_LINE = 16 * 1024 * 1024
STDERR_TAIL = 40


class CommandAdapter(Adapter):
    def __init__(self, argv: list[str], label: str, timeout: float = DEFAULT_TIMEOUT, cwd: str | None = None,
                 env: dict | None = None):
        self.argv = argv
        self.label = label
        self.timeout = timeout
        self.cwd = cwd or os.getcwd()
        self.env = dict(env if env is not None else os.environ)
        self.proc = None
        self.lines: queue.Queue = queue.Queue()
        self.stderr_tail: deque = deque(maxlen=STDERR_TAIL)
        self.line_no = 0
        self.info = None

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
            self.proc = subprocess.Popen(
                self.argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                cwd=self.cwd, env=self.env, start_new_session=True,
            )
        except OSError as exc:
            raise HarnessError(f"{self.label}: cannot start {self.argv[0]!r}: {exc}") from None
        self.lines = queue.Queue()
        self.line_no = 0
        threading.Thread(target=self._read_stdout, args=(self.proc, self.lines), daemon=True).start()
        threading.Thread(target=self._read_stderr, args=(self.proc,), daemon=True).start()

    def _read_stdout(self, proc, lines: queue.Queue) -> None:
        while True:
            line = proc.stdout.readline(MAX_LINE + 1)
            if not line:
                lines.put(None)
                return
            lines.put(line)
            if len(line) > MAX_LINE:
                lines.put(None)
                return

    def _read_stderr(self, proc) -> None:
        for line in proc.stderr:
            self.stderr_tail.append(line.decode("utf-8", errors="replace").rstrip("\n"))

    def _kill(self) -> None:
        if self.proc is None:
            return
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
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
                super().start()

    def start(self) -> dict:
        self._ensure_running()
        self.info = super().start()
        return self.info

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            try:
                self._send({"cmd": "stop"})
                self.proc.wait(timeout=2)
            except (OSError, subprocess.TimeoutExpired):
                pass
        self._kill()

    # ---- exchange ----
    def _send(self, message: dict) -> None:
        self.proc.stdin.write(json.dumps(message, ensure_ascii=False).encode("utf-8") + b"\n")
        self.proc.stdin.flush()

    def _failure(self, message: dict, why: str) -> dict:
        self._kill()
        tail = "\n".join(self.stderr_tail)
        reply = {"seq": message.get("seq"), "errored": {"message": why, "stderr": tail}}
        if message.get("cmd") == "start":
            raise HarnessError(f"{self.label}: {why}" + (f"\n--- stderr ---\n{tail}" if tail else ""))
        return reply

    def exchange(self, message: dict) -> dict:
        if message.get("cmd") != "start":
            try:
                self._ensure_running()
            except HarnessError as exc:  # a restart whose handshake failed: this request errored
                return {"seq": message.get("seq"), "errored": {"message": f"restart failed: {exc}"}}
        try:
            self._send(message)
        except (BrokenPipeError, OSError):
            return self._failure(message, "the implementation exited before reading the request")
        try:
            line = self.lines.get(timeout=self.timeout)
        except queue.Empty:
            return self._failure(message, f"no reply within {self.timeout:g} s (process group killed)")
        if line is None:
            code = self.proc.poll() if self.proc else None
            return self._failure(message, f"the implementation exited (status {code}) without replying")
        self.line_no += 1
        if len(line) > MAX_LINE:
            return self._failure(message, f"stdout line {self.line_no} exceeds {MAX_LINE} bytes")
        try:
            reply = json.loads(line)
        except ValueError:
            return self._failure(message, f"stdout line {self.line_no} is not JSON: {line[:200]!r}")
        if not isinstance(reply, dict):
            return self._failure(message, f"stdout line {self.line_no} is not a JSON object")
        if "seq" in message and reply.get("seq") != message["seq"]:
            return self._failure(message, f"stdout line {self.line_no} answers seq {reply.get('seq')!r}, "
                                          f"expected {message['seq']!r}")
        return reply
