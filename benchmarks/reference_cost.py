"""Per-request cost of the reference implementation in-process, per operation and kind:
the reference handler over every golden vector request, median of several passes,
in CPU time (the machine is shared: wall time says more about the neighbours).
Also the schema stage alone (µs per document per schema). Not a test: run it by hand, e.g.

    python benchmarks/reference_cost.py                 # 7 passes
    python benchmarks/reference_cost.py --passes 15 --json out.json
    python benchmarks/reference_cost.py --profile       # cProfile of 3 passes, top 30 by cumulative time
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import defaultdict


def requests_by_group() -> dict[tuple[str, str], list[dict]]:
    from conformance import vectors

    groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for seq, (_, case) in enumerate(vectors.load(vectors.bundled_dir()), start=1):
        groups[(case.operation, case.kind)].append(case.request(seq))
    return dict(sorted(groups.items()))


def time_groups(handle, groups, passes: int) -> dict[str, float]:
    """Median µs per request for each (operation, kind), over ``passes`` passes."""
    samples: dict[str, list[float]] = defaultdict(list)
    for _ in range(passes):
        for (operation, kind), requests in groups.items():
            started = time.process_time()
            for request in requests:
                handle(request)
            samples[f"{operation} {kind}"].append((time.process_time() - started) / len(requests) * 1e6)
    return {label: statistics.median(times) for label, times in samples.items()}


def schema_documents(groups) -> dict[str, list]:
    """Parsed single documents per schema, for timing the schema stage alone."""
    from conformance import protocol
    from conformance.reference.shared import intake

    schema_of = {protocol.KIND_NAA: "node-address-attestation.v1.json",
                 protocol.KIND_STORAGE: "storage-policy-bundle.v1.json"}
    schema_of.update({k: f"{k}.json" for k in protocol.CIR_KINDS})
    out: dict[str, list] = defaultdict(list)
    for (_, kind), requests in groups.items():
        for request in requests:
            for doc in request.get("documents") or [request["document"]]:
                try:
                    value = intake.parse(protocol.decode_document(doc))
                except (intake.IntakeError, protocol.ProtocolError):
                    continue
                name = schema_of.get(protocol.document_kind(doc) if "kind" in doc else kind)
                if name:
                    out[name].append(value)
    return dict(out)


def time_schema(docs: dict[str, list], passes: int) -> dict[str, float]:
    from conformance.reference.shared import schema

    result = {}
    for name, values in sorted(docs.items()):
        times = []
        for _ in range(passes):
            started = time.process_time()
            for value in values:
                schema.findings(value, name)
            times.append((time.process_time() - started) / len(values) * 1e6)
        result[f"schema {name} ({len(values)} docs)"] = statistics.median(times)
    return result


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--passes", type=int, default=7)
    p.add_argument("--json", help="also write the figures (µs) to this file")
    p.add_argument("--profile", action="store_true", help="cProfile 3 passes instead of timing")
    args = p.parse_args()
    from conformance.reference.adapter import handle

    groups = requests_by_group()
    for requests in groups.values():  # warm-up: validators built, caches filled as in a long run
        for request in requests:
            handle(request)
    if args.profile:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(3):
            for requests in groups.values():
                for request in requests:
                    handle(request)
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
        return 0
    figures = time_groups(handle, groups, args.passes)
    figures.update(time_schema(schema_documents(groups), args.passes))
    for label, micros in figures.items():
        count = len(groups[tuple(label.split(" ", 1))]) if not label.startswith("schema ") else ""
        print(f"{label:60s} {micros:9.1f} µs CPU{f'  ({count} requests)' if count else ''}")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(figures, f, indent=1, sort_keys=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
