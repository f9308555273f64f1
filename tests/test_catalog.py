"""Requirement traceability: every requirement has properties and vectors, codes map to
requirements, flags are explained, and CONFORMANCE.md matches the catalog in code."""

from __future__ import annotations

import ast
from pathlib import Path

from conformance import catalog, docs, vectors
from conformance.flags import FLAG_NOTES
from strategies.cases import properties
from strategies.mutations import MUTATIONS

ROOT = Path(__file__).resolve().parent.parent


def test_every_requirement_has_a_property_and_a_vector():
    by_property = {req for p in properties() for req in p.requirements}
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
        assert r.id.startswith("NAA-") and r.family == "node-address-attestation"


def test_codes_and_requirements_agree():
    for code in catalog.CODES:
        assert code.requirement in catalog.requirement_ids(), code
        assert code.code in catalog.requirement(code.requirement).codes or any(
            code.code in r.codes for r in catalog.REQUIREMENTS), code
        assert code.severity in ("error", "warning", "info")
    known = {c.code for c in catalog.CODES}
    for r in catalog.REQUIREMENTS:
        assert set(r.codes) <= known, r.id


def test_every_code_is_produced_by_some_vector():
    produced = {code for _, case in vectors.load(vectors.bundled_dir()) for e in case.expected for code in e.codes}
    assert {c.code for c in catalog.CODES} - produced == set()


def test_every_flag_is_explained():
    used = {f for m in MUTATIONS for f in m.flags} | {"EndpointCollision"}
    assert used <= set(FLAG_NOTES), used - set(FLAG_NOTES)
    assert set(FLAG_NOTES) <= used, "notes for flags no case uses"


def test_conformance_md_matches_the_catalog():
    text = (ROOT / "CONFORMANCE.md").read_text("utf-8")
    assert docs.section(text, "catalog") == docs.catalog_table(), "run `python -m conformance.docs` to regenerate"
    assert docs.section(text, "codes") == docs.codes_table(), "run `python -m conformance.docs` to regenerate"
    assert docs.section(text, "vector-schema") == docs.vector_schema(), "run `python -m conformance.docs` to regenerate"


def test_strategies_never_consult_the_reference_implementation():
    for path in (ROOT / "strategies").glob("*.py"):
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
