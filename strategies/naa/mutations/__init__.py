"""Adversarial (and unusual-but-valid) variations of a valid scenario, each with its
expected outcome, outcome codes, requirement IDs and bug-class flags by construction.

A Mutation has Hypothesis strategies for its parameters (properties) and a fixed list
of parameter sets (golden vectors). ``apply(spec, params)`` returns an Outcome.
Stages: ``intake``/``schema`` failures end evaluation, so only the mutation's codes are
expected; ``semantic`` failures also carry the codes the scenario itself produces
during validation (model.validation_codes); ``valid`` outcomes come from the model.

One module per group. Importing a group registers its mutations, so the import order below
(GROUPS) is the order of MUTATIONS, which vector files and property ids depend on: do not sort it.
"""

from __future__ import annotations

from . import intake, schema, digests, advertisement, endpoint, signatures, time, trust  # noqa: I001  (order)
from .base import MUTATIONS, Mutation, NotApplicable, Outcome, by_name, doc_bytes, invalid, valid

GROUPS = (intake, schema, digests, advertisement, endpoint, signatures, time, trust)

__all__ = ["GROUPS", "MUTATIONS", "Mutation", "NotApplicable", "Outcome", "by_name", "doc_bytes", "invalid", "valid"]
