"""Harness errors: bad usage or input (exit code 2), never a verdict."""


class HarnessError(Exception):
    """Something the user must fix: a bad flag, an unreadable file, a broken adapter."""
