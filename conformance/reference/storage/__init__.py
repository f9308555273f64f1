"""Reference evaluator for storage-policy-bundle.v1 (the suite's wire form of the storage
durability policy objects). See evaluator.py for the stages.

Spec: the seed 001_e2a46c1503061e2c.txt (the project's shared/seeds/, beside the checkout) and CONFORMANCE.md, "Storage durability
policy bundles"; catalog: conformance/catalogs/sdp.py; schemas: conformance/schemas/storage-policy-bundle.v1.json
and storage-receipt.v1.json; vectors: vectors/storage-policy/.
"""

from .evaluator import BundleEvaluator, Decision, Evaluation, result
from .order import OptionError

__all__ = ["BundleEvaluator", "Decision", "Evaluation", "OptionError", "result"]
