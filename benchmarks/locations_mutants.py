"""Time-to-catch of the location mutants (issue 13) in a whole `quick` run of their family at
verdict level (stop at the first failure). Not a test: run it by hand,

    PYTHONPATH=. python benchmarks/locations_mutants.py [NAME ...]
"""

from __future__ import annotations

import sys
import time

from conformance.adapters.python import PythonAdapter
from conformance.profiles import get
from conformance.run_options import RunOptions
from conformance.runner import Runner
from tests.mutants import MUTANTS
from tests.mutants import locations

PREFIX = {"verifier_class": "NAA-*", "recovery_verifier_class": "CIR-*", "storage_evaluator_class": "SDP-*"}


def main(names: list[str]) -> int:
    names = names or sorted(n for n, m in MUTANTS.items() if m.verifier.__module__ == locations.__name__)
    for name in names:
        mutant = MUTANTS[name]
        adapter = PythonAdapter(mutant.implementation(), f"python:tests.mutants:{name}")
        options = RunOptions(adapter=adapter.label, profile=get("quick"), seed=1, level="verdict",
                             only=(PREFIX[mutant.slot],), exitfirst=True)
        started = time.perf_counter()
        result = Runner(adapter, options, echo=lambda _: None).run()
        elapsed = time.perf_counter() - started
        first = result.failures()[0].case.id if result.failures() else "-"
        print(f"{name:40s} {'caught' if not result.conformant else 'MISSED':7s} {elapsed:6.2f} s  {first}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
