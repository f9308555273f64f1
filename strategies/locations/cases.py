"""The golden vectors (one per applicable (location, transformation) pair), the one property
per family that draws the pairs, the vector topic, and the coverage table."""

from __future__ import annotations

import json
from functools import cache

from conformance.golden_dir import bundled_dir

from ..shared.property import Property
from . import engine
from .transforms import ALL, for_kind

TOPIC = "locations"
# later groups in files of their own, so the first file's vectors (and their tcIds) stay as they were
GROUP_TOPICS = {"keys": "locations-keys", "undecoded": "locations-keys", "json": "locations-intake"}
TOPICS = (TOPIC,) + tuple(GROUP_TOPICS.values())
FLAG = "EveryLocation"
FLAG_NOTES = {FLAG: {
    "bugType": "EDGE_CASE",
    "description": "One transformation (a text edge, a date-time form, a did:key encoding, an unknown member, a bound) "
                   "at one location the schemas enumerate; digests and signatures re-derived, so it is the only defect.",
    "effect": "A verifier that checks the rule at some members but not at this one accepts the document."}}
_GROUPS = {t.name.split(".", 1)[0] for t in ALL}


def is_location_case(case) -> bool:
    return case.id.split("/", 1)[0] in {t.name for t in ALL}


def location_topic(case) -> str:
    return GROUP_TOPICS.get(case.id.split(".", 1)[0], TOPIC)


def topic(other):
    """A family's topic function with the location vectors in their own topic files."""
    return lambda case: location_topic(case) if is_location_case(case) else other(case)


@cache
def _vectors(sites) -> tuple:
    return tuple((p, engine.vector(p)) for p in engine.pairs(sites))


def vector_cases(sites) -> list:
    return [c for _, c in _vectors(sites) if c is not None]


@cache
def _requirements_by_pair(sites) -> dict:
    """pair id -> the requirements of its vector, read from the committed vector files (which a
    run loads anyway) rather than building every location case at each start (about 2 CPU s, in
    the parent and again in the --jobs server); built when the files hold none of the pairs.
    tests/test_vectors.py holds the committed files to the current export, and
    tests/test_locations.py the property's pairs and requirements to the built vectors."""
    ids = {p.id for p in engine.pairs(sites)}
    committed = {}
    for path in sorted(bundled_dir().glob("*/locations*.json")):
        for group in json.loads(path.read_bytes())["testGroups"]:
            committed.update((t["id"], tuple(t["requirements"])) for t in group["tests"] if t["id"] in ids)
    return committed or {p.id: c.requirements for p, c in _vectors(sites) if c is not None}


def applicable(sites) -> list:
    with_vector = _requirements_by_pair(sites)
    return [p for p in engine.pairs(sites) if p.id in with_vector]


def properties(sites, prop_id: str, title: str) -> list[Property]:
    pairs = applicable(sites)
    kinds = tuple(dict.fromkeys(s.artifact for s in sites))
    requirements = tuple(sorted({r for reqs in _requirements_by_pair(sites).values() for r in reqs}))
    return [Property(prop_id, title, requirements, (FLAG,), engine.strategy(pairs), "verify", kinds[0], kinds=kinds,
                     narrow=lambda ks: engine.strategy([p for p in pairs if p.site.artifact in ks]))]


def table(sites) -> list[dict]:
    """Per artifact, per location: its kind, the transformations that run there, and those that
    do not apply to it (with why)."""
    ran = {p.id: c for p, c in _vectors(sites) if c is not None}
    rows = []
    for site in sites:
        for loc in site.locations():
            names = [t.name for t in for_kind(loc.kind)]
            done = [n for n in names if ran.get(f"{n}/{site.short}{loc.pointer}")]
            row = {"artifact": site.artifact, "pointer": loc.pointer, "kind": loc.kind, "transformations": done,
                   "not-applicable": [n for n in names if n not in done],
                   "requirements": {n: list(ran[f"{n}/{site.short}{loc.pointer}"].requirements) for n in done}}
            if loc.pointer in site.unreached:
                row["unreached"] = site.unreached[loc.pointer]
            rows.append(row)
    return rows
