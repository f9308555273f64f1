"""Where the time of a conformance run goes, in figures that can be compared between runs.
Not a test: run it by hand (it takes a few minutes), e.g.

    python benchmarks/speed.py --save /tmp/speed-before.json
    python benchmarks/speed.py --compare /tmp/speed-before.json       # prints after/before ratios
    python benchmarks/speed.py --only generation requests             # some sections only

Sections:
  runs        CPU and wall seconds of `conformance run` (reference adapter) per family and profile;
              CPU is the children's rusage, the fair figure on a shared machine
  jobs        the whole run with --jobs 1 and --jobs 2 (when `conformance run --help` offers --jobs)
  requests    per-request cost of the reference handler per family and operation, in-process, on the
              golden vectors
  generation  cases drawn per CPU-second per family (the implementation is not run), strategy draws and
              choices per case, and the rejection rate (Hypothesis's own statistics); valid signed NAA
              documents built per CPU-second
The load average is recorded with every run: other work on the machine inflates wall seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
import zlib
from collections import defaultdict

FAMILIES = {"node-address-attestation": "NAA-*", "client-instance-recovery": "CIR-*", "storage-policy": "SDP-*"}
SECTIONS = ("runs", "jobs", "requests", "generation")


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_run(profile: str, seed: int, only: str | None = None, extra: tuple = ()) -> dict:
    command = [sys.executable, "-m", "conformance.cli", "run", "--adapter", "reference", "--profile", profile,
               "--seed", str(seed), *extra] + (["--only", only] if only else [])
    cpu, started = _children_cpu(), time.perf_counter()
    proc = subprocess.run(command, capture_output=True, text=True)
    wall, cpu = time.perf_counter() - started, _children_cpu() - cpu
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)}: exit {proc.returncode}\n{proc.stderr}")
    return {"wall": round(wall, 3), "cpu": round(cpu, 3), "load": round(os.getloadavg()[0], 2)}


def best_of(runs: list[dict]) -> dict:
    """The least-CPU run (the least disturbed), with the medians alongside."""
    best = min(runs, key=lambda r: r["cpu"])
    return dict(best, median_wall=round(statistics.median(r["wall"] for r in runs), 3),
                median_cpu=round(statistics.median(r["cpu"] for r in runs), 3), repeat=len(runs))


def section_runs(args) -> dict:
    out = {}
    for profile in args.profiles:
        for family, only in FAMILIES.items():
            r = best_of([timed_run(profile, args.seed, only) for _ in range(args.repeat)])
            out[f"{profile}/{family}"] = r
            print(f"runs        {profile:6s} {family:26s} cpu {r['cpu']:7.2f} s  wall {r['wall']:7.2f} s  "
                  f"load {r['load']:.2f}", flush=True)
        total = {k: round(sum(out[f"{profile}/{f}"][k] for f in FAMILIES), 3) for k in ("cpu", "wall")}
        out[f"{profile}/sum-of-families"] = total
        print(f"runs        {profile:6s} {'sum of families':26s} cpu {total['cpu']:7.2f} s  wall {total['wall']:7.2f} s")
    return out


def jobs_supported() -> bool:
    proc = subprocess.run([sys.executable, "-m", "conformance.cli", "run", "--help"], capture_output=True, text=True)
    return "--jobs" in proc.stdout


def section_jobs(args) -> dict:
    if not jobs_supported():
        print("jobs        `conformance run --help` has no --jobs: skipped", flush=True)
        return {"supported": False}
    out: dict = {"supported": True}
    for profile in args.profiles:
        for jobs in (1, 2):
            r = best_of([timed_run(profile, args.seed, extra=("--jobs", str(jobs))) for _ in range(args.repeat)])
            out[f"{profile}/jobs-{jobs}"] = r
            print(f"jobs        {profile:6s} --jobs {jobs}  cpu {r['cpu']:7.2f} s  wall {r['wall']:7.2f} s  "
                  f"load {r['load']:.2f}", flush=True)
        one, two = out[f"{profile}/jobs-1"], out[f"{profile}/jobs-2"]
        # CPU includes the workers (reaped by the forkserver, which the run stops and reaps)
        out[f"{profile}/jobs-2-vs-1"] = ratio = {"wall_speedup": round(one["wall"] / two["wall"], 3),
                                                 "cpu_overhead": round(two["cpu"] / one["cpu"], 3)}
        print(f"jobs        {profile:6s} --jobs 2 vs 1: wall x{ratio['wall_speedup']:.2f} faster, "
              f"CPU x{ratio['cpu_overhead']:.2f}", flush=True)
    return out


def section_requests(args) -> dict:
    """Mean seconds per request of the reference handler, per family and operation, over the golden
    vectors (a vector's family is its directory), and per operation over every family."""
    from conformance import vectors
    from conformance.reference.adapter import Implementation

    handler = Implementation()
    requests = defaultdict(list)
    for seq, (source, case) in enumerate(vectors.load(vectors.bundled_dir()), 1):
        requests[(source.split("/", 1)[0], case.operation)].append(case.request(seq))
    out: dict = {}
    totals: dict = defaultdict(lambda: [0.0, 0])
    for (family, operation), batch in sorted(requests.items()):
        handler(batch[0])  # imports and first-use caches out of the timing
        rounds, started = 0, time.process_time()
        while rounds < 3 or time.process_time() - started < args.min_seconds:
            for message in batch:
                handler(message)
            rounds += 1
        spent = time.process_time() - started
        per = spent / (rounds * len(batch))
        totals[operation][0] += per * len(batch)
        totals[operation][1] += len(batch)
        out[f"{family}/{operation}"] = {"ms": round(per * 1000, 4), "requests": len(batch)}
        print(f"requests    {family:26s} {operation:10s} {per * 1000:8.3f} ms CPU per request  "
              f"({len(batch)} vectors x {rounds})", flush=True)
    for operation, (spent, count) in totals.items():
        out[operation] = {"ms": round(spent / count * 1000, 4), "requests": count}
        print(f"requests    {'every family':26s} {operation:10s} {spent / count * 1000:8.3f} ms CPU per request",
              flush=True)
    return out


class DrawCounter:
    """Counts strategy draws (ConjectureData.draw) and choices (nodes of each concluded test case)."""

    def __init__(self):
        from hypothesis.internal.conjecture.data import ConjectureData

        self.cls, self.draws, self.choices = ConjectureData, 0, 0
        self.draw, self.freeze = ConjectureData.draw, ConjectureData.freeze

    def __enter__(self):
        counter, draw, freeze = self, self.draw, self.freeze

        def counted_draw(data, *a, **k):
            counter.draws += 1
            return draw(data, *a, **k)

        def counted_freeze(data):
            if not data.frozen:
                counter.choices += len(data.nodes)
            return freeze(data)

        self.cls.draw, self.cls.freeze = counted_draw, counted_freeze
        return self

    def __exit__(self, *exc):
        self.cls.draw, self.cls.freeze = self.draw, self.freeze


def draw_property(prop, examples: int, seed: int) -> dict:
    """Generate ``examples`` cases of one property without asking any implementation."""
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import seed as hypothesis_seed
    from hypothesis.stateful import run_state_machine_as_test
    from hypothesis.statistics import collector

    cases, stats = [0], []

    def check(case) -> None:
        cases[0] += 1

    run_settings = settings(max_examples=examples, deadline=None, database=None, phases=(Phase.generate,),
                            suppress_health_check=list(HealthCheck), stateful_step_count=12)
    if prop.machine is not None:
        machine = hypothesis_seed(seed)(prop.machine(check))
        test = lambda: run_state_machine_as_test(machine, settings=run_settings)  # noqa: E731
    else:
        test = hypothesis_seed(seed)(run_settings(given(prop.strategy)(check)))
    with DrawCounter() as counter, collector.with_value(stats.append):
        started = time.process_time()
        test()
        cpu = time.process_time() - started
    statuses = defaultdict(int)
    for s in stats:
        for tc in s.get("generate-phase", {}).get("test-cases", []):
            statuses[tc["status"]] += 1
    return {"cpu": cpu, "cases": cases[0], "draws": counter.draws, "choices": counter.choices,
            "valid": statuses["valid"], "invalid": statuses["invalid"], "overrun": statuses["overrun"]}


def section_generation(args) -> dict:
    from conformance.families import families
    from conformance.profiles import get

    profile = get("ci")
    out = {}
    for family in families():
        total: dict = defaultdict(float)
        for prop in family.properties("", profile, None):
            for key, value in draw_property(prop, args.examples, zlib.crc32(prop.id.encode())).items():
                total[key] += value
        attempts = total["valid"] + total["invalid"] + total["overrun"]
        row = {"cpu": round(total["cpu"], 3), "cases": int(total["cases"]),
               "cases_per_cpu_s": round(total["cases"] / total["cpu"], 1),
               "ms_per_case": round(1000 * total["cpu"] / max(total["cases"], 1), 3),
               "draws_per_case": round(total["draws"] / max(total["cases"], 1), 1),
               "choices_per_case": round(total["choices"] / max(total["cases"], 1), 1),
               # invalid: rejected by the strategies (assume/reject); overrun: discarded by the engine
               "rejection_rate": round(total["invalid"] / max(attempts, 1), 4),
               "overrun_rate": round(total["overrun"] / max(attempts, 1), 4)}
        out[family.family] = row
        print(f"generation  {family.family:26s} {row['cases_per_cpu_s']:8.1f} cases/CPU-s  "
              f"{row['ms_per_case']:6.2f} ms/case  {row['draws_per_case']:6.1f} draws/case  "
              f"{row['choices_per_case']:6.1f} choices/case  rejected {100 * row['rejection_rate']:5.1f}%  "
              f"overrun {100 * row['overrun_rate']:4.1f}%", flush=True)
    out["naa-valid-documents"] = naa_documents(args)
    return out


def naa_documents(args) -> dict:
    """Valid signed NAA documents (scenario drawn, document built, signed and serialized) per CPU-second."""
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import seed as hypothesis_seed

    from strategies.naa.mutations.base import doc_bytes
    from strategies.naa.scenarios import specs

    built = [0]

    @hypothesis_seed(args.seed)
    @settings(max_examples=args.documents, deadline=None, database=None, phases=(Phase.generate,),
              suppress_health_check=list(HealthCheck))
    @given(specs())
    def build(spec) -> None:
        doc_bytes(spec)
        built[0] += 1

    started = time.process_time()
    build()
    cpu = time.process_time() - started
    row = {"documents": built[0], "cpu": round(cpu, 3), "per_cpu_s": round(built[0] / cpu, 1)}
    print(f"generation  valid signed NAA documents {row['per_cpu_s']:8.1f} per CPU-s  ({built[0]} in {cpu:.2f} s)",
          flush=True)
    return row


def _ratios(now, before, path=""):
    if isinstance(now, dict) and isinstance(before, dict):
        for key in now:
            if key in before:
                yield from _ratios(now[key], before[key], f"{path}/{key}" if path else key)
    elif isinstance(now, (int, float)) and isinstance(before, (int, float)) and not isinstance(now, bool) and before:
        yield path, now, before, now / before


def compare(now: dict, before: dict) -> None:
    keys = ("cpu", "wall", "ms", "per_cpu_s", "cases_per_cpu_s", "ms_per_case", "draws_per_case",
            "choices_per_case", "rejection_rate", "overrun_rate")
    print(f"\ncompared with {before.get('label', 'baseline')} (load then {before.get('load')}, now {now.get('load')})")
    for path, a, b, ratio in _ratios(now, before):
        if path.rsplit("/", 1)[-1] in keys:
            print(f"  {path:60s} {b:10.3f} -> {a:10.3f}   x{ratio:6.3f}")


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--profiles", nargs="+", default=["quick", "ci"])
    p.add_argument("--only", nargs="+", choices=SECTIONS, default=list(SECTIONS))
    p.add_argument("--repeat", type=int, default=1, help="runs per figure; the least-CPU one is kept")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--examples", type=int, default=40, help="cases drawn per property (generation)")
    p.add_argument("--documents", type=int, default=300, help="NAA documents built (generation)")
    p.add_argument("--min-seconds", type=float, default=1.0, help="least CPU per operation (requests)")
    p.add_argument("--save", metavar="FILE", help="write the figures as JSON")
    p.add_argument("--compare", metavar="BASELINE", help="a saved run: print ratios now/baseline")
    p.add_argument("--label", default="", help="a name stored with --save")
    args = p.parse_args()
    baseline = None
    if args.compare:
        try:
            with open(args.compare, encoding="utf-8") as f:
                baseline = json.load(f)
        except (OSError, ValueError) as exc:
            print(f"--compare {args.compare}: cannot read a saved run: {exc}", file=sys.stderr)
            return 2
    result = {"label": args.label or time.strftime("%Y-%m-%dT%H:%M:%S"), "seed": args.seed,
              "cpus": os.cpu_count(), "load": [round(x, 2) for x in os.getloadavg()]}
    print(f"load average {result['load']} on {result['cpus']} CPUs", flush=True)
    for name in SECTIONS:
        if name in args.only:
            result[name] = globals()[f"section_{name}"](args)
    result["load_after"] = [round(x, 2) for x in os.getloadavg()]
    if args.save:
        with open(args.save, "w", encoding="utf-8") as f:
            json.dump(result, f, indent=2)
    if baseline is not None:
        compare(result, baseline)
    return 0


if __name__ == "__main__":
    sys.exit(main())
