"""Wall time of `conformance run` per profile and adapter, same seed, several repetitions.
Not a test: run it by hand, e.g.

    python benchmarks/profiles.py --profiles quick ci
    python benchmarks/profiles.py --profiles ci --adapter python:conformance.reference.adapter:handle \\
        --adapter 'cmd:python examples/adapters/python/adapter.py'      # prints the cmd:/python: ratio
    python benchmarks/profiles.py --profiles ci --families             # also each family on its own
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time


FAMILIES = {"node-address-attestation": "NAA-*", "client-instance-recovery": "CIR-*", "storage-policy": "SDP-*"}


def timed_run(adapter: str, profile: str, seed: int, only: str | None = None) -> tuple[float, str]:
    started = time.perf_counter()
    command = [sys.executable, "-m", "conformance.cli", "run", "--adapter", adapter, "--profile", profile,
               "--seed", str(seed)] + (["--only", only] if only else [])
    proc = subprocess.run(command, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if proc.returncode not in (0, 1):
        raise SystemExit(proc.stderr)
    return elapsed, proc.stdout.strip().splitlines()[-1]


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--adapter", action="append", help="repeatable (default: reference)")
    p.add_argument("--profiles", nargs="+", default=["quick", "ci"])
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--families", action="store_true", help="also time each family alone (--only NAA-* etc.)")
    args = p.parse_args()
    adapters = args.adapter or ["reference"]
    for profile in args.profiles:
        medians = []
        for adapter in adapters:
            runs = [timed_run(adapter, profile, args.seed) for _ in range(args.repeat)]
            times = [t for t, _ in runs]
            medians.append(statistics.median(times))
            print(f"{profile:9s} {adapter:60s} median {medians[-1]:6.2f} s  min {min(times):6.2f}  "
                  f"max {max(times):6.2f}  ({args.repeat} runs)  {runs[-1][1]}")
        for adapter, median in zip(adapters[1:], medians[1:]):
            print(f"{profile:9s} ratio {adapter} / {adapters[0]}: {median / medians[0]:.2f}")
        if args.families:
            for family, only in FAMILIES.items():
                times = [timed_run(adapters[0], profile, args.seed, only)[0] for _ in range(args.repeat)]
                print(f"{profile:9s} {family:28s} median {statistics.median(times):6.2f} s  ({args.repeat} runs)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
