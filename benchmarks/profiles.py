"""Wall time of `conformance run` per profile against the bundled reference (and any
other adapter given), several repetitions, same seed. Not a test: run it by hand.

    python benchmarks/profiles.py [--adapter SPEC] [--profiles quick ci] [--repeat 3] [--seed 1]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--adapter", default="reference")
    p.add_argument("--profiles", nargs="+", default=["quick", "ci"])
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--seed", type=int, default=1)
    args = p.parse_args()
    for profile in args.profiles:
        times = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            proc = subprocess.run([sys.executable, "-m", "conformance.cli", "run", "--adapter", args.adapter,
                                   "--profile", profile, "--seed", str(args.seed)], capture_output=True, text=True)
            times.append(time.perf_counter() - started)
            if proc.returncode not in (0, 1):
                print(proc.stderr, file=sys.stderr)
                return proc.returncode
        verdict = proc.stdout.strip().splitlines()[-1]
        print(f"{profile:9s} median {statistics.median(times):6.2f} s  min {min(times):6.2f} s  max {max(times):6.2f} s"
              f"  ({args.repeat} runs)  {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
