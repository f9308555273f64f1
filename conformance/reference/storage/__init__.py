"""Reference evaluator for storage-policy-bundle.v1 (the suite's wire form of the storage
durability policy objects). See evaluator.py for the stages."""

from .evaluator import BundleEvaluator, Decision, Evaluation, result
from .order import OptionError

__all__ = ["BundleEvaluator", "Decision", "Evaluation", "OptionError", "result"]
