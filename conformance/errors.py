"""Harness errors: bad usage or input (exit code 2), never a verdict."""

from __future__ import annotations


class HarnessError(Exception):
    """Something the user must fix: a bad flag, an unreadable file, a broken adapter."""


def read_json_file(label: str, path) -> object:
    """A JSON file named on the command line (``label`` is the option, or "" for a positional
    file). Unreadable, not UTF-8, not JSON, nested too deeply or holding a number Python
    refuses is a HarnessError naming the option and the file (``--trust t.json: not JSON (...)``)."""
    from pathlib import Path

    where = f"{label} {path}" if label else str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise HarnessError(f"{where}: {exc.strerror or exc}") from None
    return parse_json(where, raw)


def parse_json(where: str, raw: bytes) -> object:
    import json

    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise HarnessError(f"{where}: not UTF-8 (byte {exc.start})") from None
    try:
        return json.loads(text)
    except RecursionError:
        raise HarnessError(f"{where}: JSON nested too deeply") from None
    except ValueError as exc:  # JSONDecodeError, or an integer beyond Python's digit limit
        raise HarnessError(f"{where}: not JSON ({bounded(str(exc), 200)})") from None


def bounded(text: str, limit: int = 500) -> str:
    """``text`` cut to ``limit`` characters, saying how long it was: messages quote documents,
    and a document can be any size."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(text)} characters)"
