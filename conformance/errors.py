"""Harness errors: bad usage or input (exit code 2), never a verdict."""


class HarnessError(Exception):
    """Something the user must fix: a bad flag, an unreadable file, a broken adapter."""


def read_json_file(label: str, path) -> object:
    """A JSON file named on the command line; unreadable or not JSON is a HarnessError
    naming the option and the file (e.g. ``--trust trust.json: not JSON (...)``)."""
    import json
    from pathlib import Path

    try:
        return json.loads(Path(path).read_text("utf-8"))
    except OSError as exc:
        raise HarnessError(f"{label} {path}: {exc.strerror or exc}") from None
    except ValueError as exc:
        raise HarnessError(f"{label} {path}: not JSON ({exc})") from None
