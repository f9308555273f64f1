"""The family registry: every family the suite certifies, as the harness sees it (its properties,
its golden vector cases, and how its vector files are laid out; conformance/vectors.py writes them).

Families register through the entry-point group ``orbiplex_conformance.families`` (pyproject.toml),
each naming a ``Family`` value; the harness reads them from the installed metadata, so it never
imports the package that builds the cases. They are listed in the catalog's family order.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib.metadata import entry_points
from typing import Callable

from conformance import catalog
from conformance.case import Case
from conformance.errors import HarnessError

GROUP = "orbiplex_conformance.families"


@dataclass(frozen=True)
class Family:
    family: str  # directory under vectors/, and the catalog family
    kind: str  # the kind named in each vector file's header
    topics: tuple[str, ...]
    header: tuple[str, ...]
    flag_notes: dict
    cases: Callable[[], list[Case]]  # the golden vector cases, deterministic
    properties: Callable[..., list]  # (signing_prefix, profile, options) -> [Property]
    topic: Callable[[Case], str]
    keys: Callable[[list[Case]], dict]  # the labelled test keys a vector file lists
    # () -> rows of the location x transformation coverage table (artifact, pointer, kind,
    # transformations, not-applicable); None for a family without one
    locations: Callable[[], list] | None = None


@cache
def families() -> tuple[Family, ...]:
    """The registered families, one per catalog family, in the catalog's order."""
    found: dict[str, Family] = {}
    for point in entry_points(group=GROUP):
        family = point.load()
        if not isinstance(family, Family):
            raise HarnessError(f"entry point {point.name} = {point.value} (group {GROUP}): expected a "
                               f"conformance.families.Family, got {type(family).__name__}")
        found.setdefault(family.family, family)
    missing = [name for name in catalog.FAMILIES if name not in found]
    if missing:
        raise HarnessError(f"no family registered in entry-point group {GROUP} for {', '.join(missing)}: "
                           "install the suite (pip install -e .) so its entry points are in the metadata")
    unknown = sorted(set(found) - set(catalog.FAMILIES))
    if unknown:
        raise HarnessError(f"entry-point group {GROUP}: {', '.join(unknown)} is not a catalog family "
                           f"(expected one of {', '.join(catalog.FAMILIES)})")
    return tuple(found[name] for name in catalog.FAMILIES)


def all_properties(signing_prefix: str, profile, options: dict | None = None) -> list:
    """Every family's properties; ``options`` carries run-wide settings such as a substituted
    ``privacy-order`` (storage bundles)."""
    return [p for family in families() for p in family.properties(signing_prefix, profile, options)]
