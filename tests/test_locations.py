"""Issue 13: every (location, transformation) pair from the shipped schemas has a golden vector
whose expected outcome is exactly what the reference reports (a check of the construction: one
defect per case), every location with a kind has a transformation that ran, and the families'
properties draw the pairs."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from conformance.case import compare
from conformance.reference.adapter import handle
from strategies.locations import cases, cir, engine, naa
from strategies.locations.walk import walk

SITES = naa.SITES + cir.SITES
VECTORS = cases.vector_cases(SITES)


def _reference_agrees(case) -> str:
    reply = handle(case.request(1))
    verdict_ok, strict_ok, why = compare(case, case.actual_results(reply.get("result", reply)))
    return "" if verdict_ok and strict_ok else f"{case.id}: {why}"


@pytest.mark.parametrize("case", VECTORS, ids=lambda c: c.id)
def test_reference_reports_exactly_the_targeted_codes(case):
    assert _reference_agrees(case) == ""


def test_every_location_with_a_kind_has_a_transformation_that_ran():
    idle = [f"{r['artifact']} {r['pointer']} ({r['kind']}): none of {r['not-applicable']} ran"
            for site in (naa.SITES, cir.SITES) for r in cases.table(site) if not r["transformations"]]
    assert idle == []


def test_locations_come_from_the_schemas_including_embedded_artifacts():
    pointers = {loc.pointer for loc in walk("x", "client-instance-recovery.v1.json")}
    assert {"/recovered-at", "/serving-node~1id", "/participant-bind/bound-at", "/participant-bind/via~1node-id",
            "/participant-bind/proof~1participant-signature", ""} <= pointers
    naa_pointers = {loc.pointer for loc in walk("x", "node-address-attestation.v1.json",
                                               {"/node-advertisement": "node-advertisement.v1.json"})}
    assert {"/node-advertisement/advertised-at", "/evidence/*/signer~1id", "/endpoint/port", "/evidence"} <= naa_pointers


def test_vector_ids_name_the_location_and_are_unique():
    ids = [c.id for c in VECTORS]
    assert len(ids) == len(set(ids))
    assert "date.trailing-newline/participant-bind/bound-at" in ids
    assert "didkey.other-multicodec/node-address-attestation/evidence/*/signer~1id" in ids


def test_valid_transformations_stay_valid_and_schema_rejections_carry_the_x_code():
    by_id = {c.id: c for c in VECTORS}
    assert by_id["date.lowercase-t-z/client-instance-recovery/recovered-at"].expected[0].verdict == "valid"
    assert by_id["date.trailing-newline/client-instance-recovery/recovered-at"].expected[0].codes == ("timestamp-invalid",)
    assert by_id["closed.unknown-member/participant-bind"].expected[0].codes == ("schema-closed",)


@pytest.mark.parametrize("sites", [naa.SITES, cir.SITES], ids=["naa", "cir"])
def test_the_property_draws_cases_the_reference_agrees_with(sites):
    prop = cases.properties(sites, "locations.x", "x")[0]

    @settings(max_examples=25, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(prop.strategy)
    def check(case):
        assert _reference_agrees(case) == ""

    check()


def test_every_applicable_pair_has_exactly_one_vector():
    assert sorted(p.id for p in cases.applicable(SITES)) == sorted(c.id for c in VECTORS)
    assert len(engine.pairs(SITES)) >= len(VECTORS)
