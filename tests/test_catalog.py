"""Requirement traceability: every requirement has properties and vectors, codes map to
requirements, flags are explained, and CONFORMANCE.md matches the catalog in code."""

from __future__ import annotations

import ast
from pathlib import Path

from conformance import catalog, docs, protocol, vectors
from conformance.families import all_properties, families
from conformance.profiles import get

ROOT = Path(__file__).resolve().parent.parent


def test_every_requirement_has_a_property_and_a_vector():
    by_property = {req for p in all_properties("", get("ci")) for req in p.requirements}
    by_vector = {req for _, case in vectors.load(vectors.bundled_dir()) for req in case.requirements}
    ids = set(catalog.requirement_ids())
    assert ids - by_property == set(), "requirements without a property"
    assert ids - by_vector == set(), "requirements without a vector"
    assert by_property | by_vector <= ids, "cases name unknown requirements"


def test_requirement_ids_are_unique_and_well_formed():
    ids = catalog.requirement_ids()
    assert len(ids) == len(set(ids))
    for r in catalog.REQUIREMENTS:
        assert r.level in ("MUST", "SHOULD", "derived") and r.source and r.title
        assert r.family in catalog.FAMILIES and r.id.startswith(catalog.PREFIXES[r.family] + "-"), r.id


def test_codes_and_requirements_agree():
    for code in catalog.CODES:
        assert code.requirement in catalog.requirement_ids(code.family), code
        assert code.code in catalog.requirement(code.requirement).codes, code
        assert code.severity in ("error", "warning", "info")
    for r in catalog.REQUIREMENTS:
        known = {c.code for c in catalog.codes(r.family)}
        assert set(r.codes) <= known, r.id
        assert r.codes or r.id.startswith("NAA-TRUST-"), f"{r.id} has no outcome code (only trust classes may)"
    pairs = [(c.family, c.code) for c in catalog.CODES]
    assert len(pairs) == len(set(pairs)), "a code is listed twice in one family"


def _codes_of(case):
    for e in case.expected:
        yield from e.codes
        for op in e.operations:
            yield from op.codes


def test_every_code_is_produced_by_some_vector():
    produced = {(protocol.FAMILY_OF_KIND[case.kind], code)
                for _, case in vectors.load(vectors.bundled_dir()) for code in _codes_of(case)}
    assert {(c.family, c.code) for c in catalog.CODES} - produced == set()
    assert produced <= {(c.family, c.code) for c in catalog.CODES}, "vectors expect codes the catalog does not list"


def test_every_flag_is_explained():
    for family in families():
        used = {f for case in family.cases() for f in case.flags}
        used |= {f for p in family.properties("", get("ci")) for f in p.flags}
        assert used <= set(family.flag_notes), (family.family, used - set(family.flag_notes))
        assert set(family.flag_notes) <= used, (family.family, "notes for flags no case uses")


def test_conformance_md_matches_the_catalog():
    text = (ROOT / "CONFORMANCE.md").read_text("utf-8")
    assert docs.section(text, "catalog") == docs.catalog_table(), "run `python -m conformance.docs` to regenerate"
    assert docs.section(text, "codes") == docs.codes_table(), "run `python -m conformance.docs` to regenerate"
    for name, make in docs.GENERATED.items():
        assert docs.section(text, name) == make(), f"{name}: run `python -m conformance.docs` to regenerate"


def test_strategies_never_consult_the_reference_implementation():
    for path in (ROOT / "strategies").rglob("*.py"):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            assert not any(n.startswith("conformance.reference") for n in names), f"{path.name} imports the reference"


def test_the_worked_exchange_in_conformance_md_replays():
    import json

    from conformance.reference.adapter import handle

    lines = (ROOT / "CONFORMANCE.md").read_text("utf-8").splitlines()
    complete = [i for i, line in enumerate(lines)
                if line.startswith('> {"cmd": "verify"') and "…" not in line and "..." not in line]
    assert complete, "CONFORMANCE.md shows a complete verify exchange"
    for i in complete:
        assert handle(json.loads(lines[i][2:])) == json.loads(lines[i + 1][2:])
    start = next(i for i, line in enumerate(lines) if line.startswith('> {"cmd": "start"'))
    assert handle(json.loads(lines[start][2:])) == json.loads(lines[start + 1][2:])
