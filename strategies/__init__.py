"""Hypothesis strategies and deterministic builders for conformance cases, one package per family
(``naa/``, ``cir/``, ``storage/``) plus ``shared/`` for what several families use.

Each family registers itself with the harness through the entry-point group
``orbiplex_conformance.families`` (its ``family.py``); the harness never imports this package.
Nothing here imports conformance.reference: expected outcomes come from how a case is
built, never from the implementation under test. Family packages never import each other.
"""
