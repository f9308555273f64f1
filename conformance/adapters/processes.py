"""Killing an adapter process and everything it started.

The adapter runs in its own session and process group, so one ``killpg`` ends the process
and the descendants that stayed in its group. On Linux, descendants that left the group
(``setsid``, a daemonizing double fork) are found in ``/proc`` too: by their parent links
while the process is alive, and, once they have been reparented, by a marker variable in
the environment they inherited (``CONFORMANCE_ADAPTER_ID``). A descendant that both clears
its environment and outlives its parent cannot be found; elsewhere only the group is killed.
"""

from __future__ import annotations

import os
import signal
import uuid

MARKER = "CONFORMANCE_ADAPTER_ID"


def new_marker() -> str:
    return uuid.uuid4().hex


def _read(path: str) -> bytes:
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError:  # gone, or not ours
        return b""


def descendants(root: int | None, marker: str) -> set[int]:
    """Live processes started by ``root`` (parent links; none when None) or carrying ``marker`` in their environment."""
    try:
        pids = [int(p) for p in os.listdir("/proc") if p.isdigit()]
    except OSError:
        return set()
    token = f"{MARKER}={marker}".encode()
    children: dict[int, list[int]] = {}
    found = set()
    for pid in pids:
        stat = _read(f"/proc/{pid}/stat")
        fields = stat[stat.rfind(b")") + 2:].split()  # after "pid (comm) ": state, ppid, ...
        if len(fields) < 2 or fields[0] == b"Z":
            continue
        children.setdefault(int(fields[1]), []).append(pid)
        if token in _read(f"/proc/{pid}/environ").split(b"\0"):
            found.add(pid)
    stack = [root] if root is not None else []
    while stack:
        for child in children.get(stack.pop(), ()):
            if child not in found:
                found.add(child)
                stack.append(child)
    found.discard(os.getpid())
    return found


def kill_tree(pid: int, marker: str, reaped: bool = False) -> None:
    """SIGKILL the process group led by ``pid`` and every descendant found; again while new ones appear.
    Once ``pid`` is reaped its number may be reused, so parent links from it are not followed."""
    killed: set[int] = set()
    for _ in range(3):
        victims = descendants(None if reaped else pid, marker) - killed  # before the kill, while parent links hold
        for target in (pid, *victims):
            try:
                os.killpg(target, signal.SIGKILL) if target == pid else os.kill(target, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        if not victims:
            return
        killed |= victims
