"""The bundled reference against its own suite, at --level strict, over many seeds, per family.

Every case knows its expected outcome by construction, so any case the reference fails here
is a suite bug (a strategy whose expected outcome misses something it built), not a finding
about the reference. Prints every failing property or vector with its family, seed and replay
command; exits 1 on any failure, 2 when a run could not be made. .ci/run runs a bounded form.

    python benchmarks/self_consistency.py                 # seeds 1..16, thorough, 2 processes
    python benchmarks/self_consistency.py 4 --first 20 --profile ci --families SDP
    python benchmarks/self_consistency.py 16 --only 'sdp.format.*'     # one group of properties
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

FAMILIES = ("NAA", "CIR", "SDP")


@dataclass
class Outcome:
    family: str
    seed: int
    seconds: float
    checked: int = 0
    failures: list[str] = field(default_factory=list)
    error: str | None = None


def _first_line(text: str | None) -> str:
    return (text or "").strip().splitlines()[0][:300] if (text or "").strip() else ""


def run_one(family: str, seed: int, profile: str, level: str, workdir: Path) -> Outcome:
    """``family``: a family prefix (NAA, CIR, SDP) or an --only pattern."""
    only = f"{family}-*" if family in FAMILIES else family
    report = workdir / f"{abs(hash((family, seed)))}.json"
    command = [sys.executable, "-m", "conformance.cli", "run", "--adapter", "reference", "--profile", profile,
               "--level", level, "--seed", str(seed), "--only", only, "--report", str(report)]
    started = time.perf_counter()
    proc = subprocess.run(command, capture_output=True, text=True)
    out = Outcome(family, seed, time.perf_counter() - started)
    if proc.returncode not in (0, 1) or not report.is_file():
        out.error = f"exit {proc.returncode}: {_first_line(proc.stderr) or _first_line(proc.stdout)}"
        return out
    doc = json.loads(report.read_text("utf-8"))
    for what, noun in (("vectors", "vector"), ("properties", "property")):
        for item in doc.get(what, []):
            out.checked += 1
            if item.get("status") != "pass":
                failure = item.get("failure") or item
                out.failures.append(f"{item.get('status')} {noun} {item.get('id')}: "
                                    f"{_first_line(failure.get('message'))}"
                                    + (f"\n      replay: {failure['replay']}" if failure.get("replay") else ""))
    if proc.returncode == 1 and not out.failures:
        out.error = "exit 1 but no failing item in the report"
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("seeds", nargs="?", type=int, default=16, help="how many seeds (default: 16)")
    p.add_argument("--first", type=int, default=1, help="first seed (default: 1)")
    p.add_argument("--profile", default="thorough", help="run profile (default: thorough)")
    p.add_argument("--level", default="strict", choices=["verdict", "strict"], help="level (default: strict)")
    p.add_argument("--families", nargs="+", default=list(FAMILIES), choices=FAMILIES, help="default: all three")
    p.add_argument("--only", nargs="+", metavar="ID", help="run these --only patterns instead of whole families")
    p.add_argument("--jobs", type=int, default=2, help="runs in parallel (default: 2)")
    args = p.parse_args(argv)
    if args.seeds < 1 or args.jobs < 1:
        p.error("seeds and --jobs must be at least 1")
    targets = args.only or args.families
    runs = [(f, s) for s in range(args.first, args.first + args.seeds) for f in targets]
    print(f"reference at --level {args.level} --profile {args.profile}: {' '.join(targets)}, "
          f"seeds {args.first}..{args.first + args.seeds - 1}, {args.jobs} processes", flush=True)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp, ThreadPoolExecutor(args.jobs) as pool:
        futures = [pool.submit(run_one, f, s, args.profile, args.level, Path(tmp)) for f, s in runs]
        outcomes = []
        for future in futures:
            o = future.result()
            outcomes.append(o)
            state = f"ERROR {o.error}" if o.error else f"{o.checked} checked, {len(o.failures)} failed"
            print(f"{o.family} seed {o.seed:<4d} {o.seconds:6.1f} s  {state}", flush=True)
            for line in o.failures:
                print(f"    {o.family} seed {o.seed}: {line}", flush=True)
    failed = sum(len(o.failures) for o in outcomes)
    errors = [o for o in outcomes if o.error]
    print(f"{len(outcomes)} runs, {failed} failures, {len(errors)} errored runs, {time.perf_counter() - started:.0f} s")
    return 2 if errors else (1 if failed else 0)


if __name__ == "__main__":
    sys.exit(main())
