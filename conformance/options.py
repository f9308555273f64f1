"""Validation of command-line options: argparse types (one-line usage errors) and the checks
that need more than one option or the file system (HarnessErrors, exit 2). Every bad value is
rejected before anything runs, naming the option."""

from __future__ import annotations

import argparse
import fnmatch
import math
import os
from pathlib import Path

from conformance.errors import HarnessError, read_json_file

MAX_TIMEOUT = 24 * 3600.0
MAX_LINE_LIMIT = 1 << 30


def seconds(text: str) -> float:
    """``--timeout``: a finite number of seconds, above 0 and at most a day."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r}: not a number of seconds") from None
    if not math.isfinite(value) or not 0 < value <= MAX_TIMEOUT:
        raise argparse.ArgumentTypeError(f"{text!r}: expected seconds above 0 and at most {MAX_TIMEOUT:.0f}")
    return value


def jobs(text: str) -> int:
    """``--jobs``: worker processes, from 1 (in-process) to 256."""
    if not text.isdigit() or not 1 <= int(text) <= 256:
        raise argparse.ArgumentTypeError(f"{text!r}: expected a number of worker processes from 1 to 256")
    return int(text)


def line_limit(text: str) -> int:
    """``--max-line``: bytes, at least 1 and at most 1 GiB."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r}: not a whole number of bytes") from None
    if not 1 <= value <= MAX_LINE_LIMIT:
        raise argparse.ArgumentTypeError(f"{text!r}: expected bytes from 1 to {MAX_LINE_LIMIT}")
    return value


def instant(text: str) -> str:
    """``--now``: an RFC 3339 date-time."""
    from conformance.reference.shared import rfc3339

    if not rfc3339.is_date_time(text):
        raise argparse.ArgumentTypeError(f"{text!r}: not an RFC 3339 date-time (e.g. 2026-04-17T12:00:00Z)")
    return text


def output_files(args, *options: str) -> None:
    """Report paths: not a directory, and a parent that exists as a directory or can be made."""
    for option in options:
        value = getattr(args, option.lstrip("-").replace("-", "_"), None)
        if not value:
            continue
        path = Path(value)
        if path.is_dir():
            raise HarnessError(f"{option} {value}: is a directory (expected a file name)")
        parent = path.absolute().parent
        while not parent.exists():
            parent = parent.parent
        if not parent.is_dir():
            raise HarnessError(f"{option} {value}: {parent} is not a directory")
        if not os.access(parent, os.W_OK):
            raise HarnessError(f"{option} {value}: cannot write in {parent}")


def privacy_order(path: str | None):
    """``--privacy-order FILE``: the order, checked like the evaluator checks it."""
    if path is None:
        return None
    from conformance.reference.storage.order import OptionError, privacy_ranks

    order = read_json_file("--privacy-order", path)
    try:
        privacy_ranks(order)
    except OptionError as exc:
        raise HarnessError(f"--privacy-order {path}: {exc} (expected a list, narrowest first, ranking each of the "
                           f"seven privacy classes once; CONFORMANCE.md, S1)") from None
    return order


def only_patterns(patterns: list[str] | None, ids) -> None:
    """``--only``: every pattern must select something; a typo would otherwise narrow the run silently."""
    if not patterns:
        return
    ids = set(ids)
    for pattern in patterns:
        if not pattern:
            raise HarnessError("--only '': empty pattern")
        if not any(fnmatch.fnmatchcase(i, pattern) for i in ids):
            raise HarnessError(f"--only {pattern}: matches no requirement, property or vector")
