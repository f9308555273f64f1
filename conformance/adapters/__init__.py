"""Adapters: how the runner reaches an implementation (contract: ``reference``,
``python:MODULE:ATTR``, ``cmd:COMMAND LINE``). Every adapter exchanges the same JSON
messages (CONFORMANCE.md, "Adapter protocol")."""

from __future__ import annotations

from conformance.errors import HarnessError

from .base import Adapter
from .cmd import CommandAdapter
from .python import PythonAdapter

REFERENCE = "python:conformance.reference.adapter:handle"


def load(spec: str) -> Adapter:
    if spec == "reference":
        return PythonAdapter.from_spec(REFERENCE, label="reference")
    if spec.startswith("python:"):
        return PythonAdapter.from_spec(spec)
    if spec.startswith("cmd:"):
        return CommandAdapter.from_spec(spec)
    raise HarnessError(f"--adapter {spec!r}: expected 'reference', 'python:MODULE:ATTR' or 'cmd:COMMAND'")


__all__ = ["Adapter", "load", "REFERENCE"]
