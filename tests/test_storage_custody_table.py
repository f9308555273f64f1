"""The custody table, row by row (issue 12): CONFORMANCE.md's walk of the seed's table names
every custody-table requirement and every interpretation that points at it, and each row
of the seed's table has its own block there."""

from __future__ import annotations

from pathlib import Path

from conformance import catalog
from conformance.catalogs.interpretations import INTERPRETATIONS

ROOT = Path(__file__).resolve().parents[1]
ROWS = ("Canonical store", "Service state", "Artifact / blob store", "Volume / block store",
        "Scoped vault / private storage", "Secret / key material", "Cache / derived state")


def _section() -> str:
    text = (ROOT / "CONFORMANCE.md").read_text("utf-8")
    start = text.index("### The custody table, row by row")
    return text[start:text.index("\n### ", start + 1)]


def test_the_walk_names_every_row_rule_and_interpretation():
    section = _section()
    assert all(f"**{row}**" in section for row in ROWS)
    custody_rules = [r for r in catalog.requirement_ids() if r.startswith("SDP-CUSTODY-")]
    assert len(custody_rules) >= 6
    for rid in custody_rules + ["SDP-EXPORT-002", "SDP-RESTORE-004", "SDP-RESTORE-005", "SDP-RESTORE-006"]:
        assert rid in section, rid
    pointing = [i.id for i in INTERPRETATIONS if i.doc == "#the-custody-table-row-by-row"]
    assert len(pointing) >= 10
    for iid in pointing:
        assert f"S{iid[1:]}" in section, iid
