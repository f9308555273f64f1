"""What the forkserver of a ``--jobs N`` run builds once for all its workers: the run's property
list (0.2–1.4 CPU s to build, most of it first-time imports and strategy construction). The
server imports this module last in its preload, while the parent plans the run; every worker
forked from it inherits the list instead of building its own.

The parent passes the run's options in the environment the server starts with (``ENV``: a
token, then the pickled options in base64). A worker uses the list only when its token matches
the one the parent gave it, so a server left from another run (or none prepared) means the
worker builds the list itself, as before: never a different list."""

from __future__ import annotations

import base64
import os
import pickle
import secrets

ENV = "CONFORMANCE_PREPARED"
MAX_ENV = 100_000  # bytes: an environment string may not exceed 128 KiB (execve's E2BIG)

_token: str | None = None
_properties: list | None = None


def encode(options) -> tuple[str, str] | None:
    """(token, the environment value the server prepares from), or None when the options are too
    large to pass that way (the workers then build their own list)."""
    token = secrets.token_hex(8)
    value = token + ":" + base64.b64encode(pickle.dumps(options)).decode("ascii")
    return (token, value) if len(value) <= MAX_ENV else None


def _prepare(value: str) -> None:
    global _token, _properties
    from conformance.runner import Runner

    token, _, data = value.partition(":")
    options = pickle.loads(base64.b64decode(data))
    _properties = Runner(None, options, echo=lambda line: None).chosen_properties()
    _token = token


def properties(token: str | None) -> list | None:
    """The list prepared for the run whose token this is, or None."""
    return _properties if token is not None and token == _token else None


_value = os.environ.pop(ENV, None)
if _value:
    try:
        _prepare(_value)
    except Exception:  # noqa: BLE001 - an exception here would kill the forkserver; the workers build their own
        _token = _properties = None
