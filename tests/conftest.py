import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # tests.mutants must import from a plain `pytest` in the checkout
    sys.path.insert(0, str(ROOT))
