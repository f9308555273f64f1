"""Orbiplex conformance suite: harness, reference implementation, adapters, reports."""

__version__ = "0.1.0"
