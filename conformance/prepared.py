"""What the forkserver of a ``--jobs N`` run builds once for all its workers: the run's property
list (0.2–1.4 CPU s to build, most of it first-time strategy construction and the location
vectors), and Hypothesis's first-use set-up. The server imports this module last in its preload,
while the parent plans the run; every worker forked from it inherits both instead of paying for
them again.

Not warmed here: the bundled reference (≈ 0.3 s per worker to compile its schema validators).
Warming it needs golden vectors loaded in the server first; measured, that cost as much on the
server's path (which every worker waits for) as it saved in the workers.

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
    runner = Runner(None, options, echo=lambda line: None)
    _properties = runner.chosen_properties()
    _token = token
    _warm_engine()


def _warm_engine() -> None:
    """Hypothesis's first test in a process costs ≈ 0.1 s of lazy set-up; pay it here once.
    Nothing of it is kept in what a property draws (each draws from its own seed)."""
    from hypothesis import given, settings, strategies

    settings(max_examples=2, database=None)(given(strategies.integers())(lambda x: None))()


def properties(token: str | None) -> list | None:
    """The list prepared for the run whose token this is, or None."""
    return _properties if token is not None and token == _token else None


_value = os.environ.pop(ENV, None)
if _value:
    try:
        _prepare(_value)
    except Exception:  # noqa: BLE001 - an exception here would kill the forkserver; the workers build their own
        _token = _properties = None
