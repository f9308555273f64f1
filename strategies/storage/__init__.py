"""Case builders for storage-policy-bundle.v1 (never import the reference evaluator)."""

from .cases import TOPICS, properties, vector_cases

__all__ = ["TOPICS", "properties", "vector_cases"]
