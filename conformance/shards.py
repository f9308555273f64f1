"""``--shard K/N``: part K of N of a run, for CI matrices.

The selected vectors (in file order) and the selected properties (in catalog order) are
dealt round-robin: item i goes to shard i mod N + 1. The parts are disjoint, their union is
the whole selection, and the same options give the same parts on every machine;
``conformance merge-reports`` deals the shards' results back into the run's order."""

from __future__ import annotations

import argparse
import re

from conformance.run_options import Shard

MAX_SHARDS = 1000


def parse(text: str) -> Shard:
    """The argparse type of ``--shard``."""
    m = re.fullmatch(r"(\d+)/(\d+)", text)
    if not m or not 1 <= int(m.group(1)) <= int(m.group(2)) <= MAX_SHARDS:
        raise argparse.ArgumentTypeError(f"{text!r}: expected K/N with 1 <= K <= N <= {MAX_SHARDS} (e.g. 2/4)")
    return Shard(int(m.group(1)), int(m.group(2)))


def pick(items: list, shard: Shard | None) -> list:
    """This shard's part of ``items``."""
    return items if shard is None else items[shard.index - 1::shard.count]


def interleave(parts: list[list]) -> list:
    """The inverse of ``pick`` over shards 1..N: the items back in their original order."""
    out = []
    for i in range(max((len(p) for p in parts), default=0)):
        out += [p[i] for p in parts if i < len(p)]
    return out
