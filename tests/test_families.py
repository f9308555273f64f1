"""The family registry: the harness receives the families through the
``orbiplex_conformance.families`` entry points, in the catalog's order."""

from __future__ import annotations

from importlib.metadata import EntryPoint

import pytest

from conformance import catalog, families
from conformance.errors import HarnessError


@pytest.fixture
def registered(monkeypatch):
    """Replace the installed entry points with the given ones (the cache is emptied around the test)."""
    def use(*points: EntryPoint) -> None:
        monkeypatch.setattr(families, "entry_points", lambda group: [p for p in points if p.group == group])
        families.families.cache_clear()
    yield use
    families.families.cache_clear()


def point(name: str, value: str) -> EntryPoint:
    return EntryPoint(name, value, families.GROUP)


ALL = (point("storage", "strategies.storage.family:FAMILY"), point("naa", "strategies.naa.family:FAMILY"),
       point("cir", "strategies.cir.family:FAMILY"))


def test_installed_families_are_the_catalog_families_in_order():
    assert tuple(f.family for f in families.families()) == catalog.FAMILIES


def test_order_comes_from_the_catalog_not_the_metadata(registered):
    registered(*ALL)
    assert tuple(f.family for f in families.families()) == catalog.FAMILIES


def test_a_missing_family_is_named(registered):
    registered(*ALL[1:])
    with pytest.raises(HarnessError, match=r"orbiplex_conformance\.families for storage-policy: install"):
        families.families()


def test_an_entry_point_that_is_not_a_family_is_named(registered):
    registered(*ALL, point("bad", "conformance.catalog:FAMILIES"))
    with pytest.raises(HarnessError, match=r"entry point bad = conformance\.catalog:FAMILIES .* got tuple"):
        families.families()
