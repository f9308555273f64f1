"""Adapters: how the runner reaches an implementation (contract: ``reference``,
``python:MODULE:ATTR``, ``cmd:COMMAND LINE``). Every adapter exchanges the same JSON
messages (CONFORMANCE.md, "Adapter protocol")."""

from __future__ import annotations

import re

from conformance.errors import HarnessError

from .base import Adapter
from .cmd import CommandAdapter
from .python import PythonAdapter

REFERENCE = "python:conformance.reference.adapter:handle"


_MODULE = re.compile(r"[A-Za-z_]\w*(\.[A-Za-z_]\w*)*")
_ATTR = re.compile(r"[A-Za-z_]\w*")


def check_spec(spec: str) -> str:
    """The spec's syntax, before anything is imported or started (a HarnessError naming --adapter)."""
    if spec == "reference":
        return spec
    if spec.startswith("python:"):
        module, _, attr = spec[len("python:"):].partition(":")
        if not _MODULE.fullmatch(module) or not _ATTR.fullmatch(attr):
            raise HarnessError(f"--adapter {spec!r}: expected python:MODULE:ATTR, MODULE a dotted module name and "
                               f"ATTR a name in it (e.g. python:mypkg.verify:handle)")
        return spec
    if spec.startswith("cmd:"):
        if not spec[len("cmd:"):].strip():
            raise HarnessError(f"--adapter {spec!r}: cmd: needs a command line")
        return spec
    raise HarnessError(f"--adapter {spec!r}: expected 'reference', 'python:MODULE:ATTR' or 'cmd:COMMAND'")


def load(spec: str) -> Adapter:
    check_spec(spec)
    if spec == "reference":
        return PythonAdapter.from_spec(REFERENCE, label="reference")
    if spec.startswith("python:"):
        return PythonAdapter.from_spec(spec)
    return CommandAdapter.from_spec(spec)


__all__ = ["Adapter", "check_spec", "load", "REFERENCE"]
