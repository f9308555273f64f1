"""A bounded tail of a process's stderr, read in chunks (a flood without newlines costs nothing)."""

from __future__ import annotations

import threading

TAIL_LINES = 40
TAIL_BYTES = 8192
CHUNK = 65536


class Tail:
    def __init__(self, max_lines: int = TAIL_LINES, max_bytes: int = TAIL_BYTES):
        self.max_lines, self.max_bytes = max_lines, max_bytes
        self.buffer = bytearray()
        self.dropped = False  # earlier output was discarded
        self.lock = threading.Lock()

    def add(self, chunk: bytes) -> None:
        with self.lock:
            self.buffer += chunk
            excess = len(self.buffer) - self.max_bytes
            if excess > 0:
                del self.buffer[:excess]
                self.dropped = True

    def drain(self, stream) -> None:
        """Read ``stream`` to its end, keeping the tail (the body of a reader thread)."""
        while True:
            try:
                chunk = stream.read1(CHUNK)
            except (OSError, ValueError):
                return
            if not chunk:
                return
            self.add(chunk)

    def text(self) -> str:
        with self.lock:
            lines = bytes(self.buffer).decode("utf-8", errors="replace").splitlines()
            dropped = self.dropped or len(lines) > self.max_lines
        lines = lines[-self.max_lines:]
        return "\n".join((["[... earlier output dropped]"] if dropped and lines else []) + lines)
