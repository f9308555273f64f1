"""Case builders for storage-policy-bundle.v1 (never import the reference evaluator).

Spec: the seed 001_e2a46c1503061e2c.txt (the project's shared/seeds/, beside the checkout) and CONFORMANCE.md, "Storage durability
policy bundles"; catalog: conformance/catalogs/sdp.py; schemas: conformance/schemas/storage-policy-bundle.v1.json
and storage-receipt.v1.json; vectors: vectors/storage-policy/.
"""

from .cases import TOPICS, properties, vector_cases

__all__ = ["TOPICS", "properties", "vector_cases"]
