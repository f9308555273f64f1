"""Hypothesis strategies and deterministic builders for conformance cases.

Nothing here imports conformance.reference: expected outcomes come from how a case is
built, never from the implementation under test.
"""
