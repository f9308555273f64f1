"""Where the golden vectors are: a module of its own (no reference import), so that strategies
may read the committed files too (strategies/locations/cases.py)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import conformance
from conformance.errors import HarnessError

MANIFEST = "MANIFEST.json"


def bundled_dir() -> Path:
    """The golden vectors: installed package data, or ``vectors/`` of a source checkout
    (where ``conformance`` is imported from the tree and ``conformance.golden`` does not exist)."""
    try:
        return Path(str(resources.files("conformance.golden")))
    except ModuleNotFoundError:
        checkout = Path(conformance.__file__).resolve().parent.parent / "vectors"
        if (checkout / MANIFEST).is_file():
            return checkout
        raise HarnessError("the golden vectors are not installed (conformance.golden is missing)") from None
