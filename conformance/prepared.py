"""What the forkserver of a ``--jobs N`` run builds once for all its workers: the run's property
list (0.2–1.4 CPU s to build, most of it first-time imports and strategy construction), and the
first-use set-up of Hypothesis and of the bundled reference (≈ 0.5 s). The server imports this
module last in its preload, while the parent plans the run; every worker forked from it
inherits all that instead of paying for it again.

The parent passes the run's options in the environment the server starts with (``ENV``: a
token, then the pickled options in base64). A worker uses the list only when its token matches
the one the parent gave it, so a server left from another run (or none prepared) means the
worker builds the list itself, as before: never a different list."""

from __future__ import annotations

import base64
import os
import pickle
import secrets

from conformance.adapters.base import Adapter

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
    if options.adapter == "reference":
        _warm_reference(runner)


def _warm_engine() -> None:
    """Hypothesis's first test in a process costs ≈ 0.1 s of lazy set-up; pay it here once.
    Nothing of it is kept in what a property draws (each draws from its own seed)."""
    from hypothesis import given, settings, strategies

    settings(max_examples=2, database=None)(given(strategies.integers())(lambda x: None))()


def _warm_reference(runner) -> None:
    """The in-process reference compiles its schema validators and fills its caches on first use
    (≈ 0.4 s): one golden vector per operation and kind does that here, once for every worker.
    Only for the bundled reference: a cmd: or python: implementation is never started here."""
    from conformance import adapters, vectors

    seen: dict = {}
    for source, case in vectors.load(runner.options.vectors_dir or vectors.bundled_dir()):
        seen.setdefault((case.operation, case.kind), (source, case))
    runner.adapter = _Direct(adapters.load("reference").handler)
    runner.begin()
    for _ in runner.execute_many(list(seen.values())):
        pass


class _Direct(Adapter):
    """The reference called in this thread: the python: adapter's worker thread must not be
    running in the forkserver, which forks every worker."""

    def __init__(self, handler):
        self.handler = handler

    def exchange(self, message: dict) -> dict:
        return self.handler(message)

    def request_many(self, messages: list[dict]) -> list[dict]:
        return [self.handler(m) for m in messages]


def properties(token: str | None) -> list | None:
    """The list prepared for the run whose token this is, or None."""
    return _properties if token is not None and token == _token else None


_value = os.environ.pop(ENV, None)
if _value:
    try:
        _prepare(_value)
    except Exception:  # noqa: BLE001 - an exception here would kill the forkserver; the workers build their own
        _token = _properties = None
