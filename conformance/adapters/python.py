"""In-process Python implementations: ``python:MODULE:ATTR``.

ATTR names a callable taking one protocol message (a dict) and returning the reply dict,
or a class whose instances are such callables.
"""

from __future__ import annotations

import importlib
import os
import sys
import traceback

from conformance.errors import HarnessError

from .base import Adapter


class PythonAdapter(Adapter):
    def __init__(self, handler, label: str):
        self.handler = handler
        self.label = label

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

    def stop(self) -> None:
        self.exchange({"cmd": "stop"})

    def exchange(self, message: dict) -> dict:
        try:
            return self.handler(message)
        except Exception as exc:  # an implementation's crash is a result, not a harness failure
            return {"seq": message.get("seq"), "errored": {"message": f"{type(exc).__name__}: {exc}",
                                                            "traceback": traceback.format_exc()}}
