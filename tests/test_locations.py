"""Issue 13: every (location, transformation) pair from the shipped schemas has a golden vector
whose expected outcome is exactly what the reference reports (a check of the construction: one
defect per case), every location with a kind has a transformation that ran (or says why no base
carries it), the families' registered properties draw exactly the pairs that have vectors, and
the location mutants are caught in the quick profile at verdict level."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from conformance.case import compare
from conformance.families import families
from conformance.profiles import get
from conformance.reference.adapter import handle
from strategies.locations import cases, cir, engine, naa, storage
from strategies.locations.walk import walk
from tests.mutants import MUTANTS
from tests.mutants import locations as location_mutants

FAMILY_SITES = {"node-address-attestation": naa.SITES, "client-instance-recovery": cir.SITES,
                "storage-policy": storage.SITES}
SITES = naa.SITES + cir.SITES + storage.SITES
VECTORS = cases.vector_cases(SITES)


def _reference_agrees(case) -> str:
    reply = handle(case.request(1))
    verdict_ok, strict_ok, why = compare(case, case.actual_results(reply.get("result", reply)))
    return "" if verdict_ok and strict_ok else f"{case.id}: {why}"


@pytest.mark.parametrize("family", sorted(FAMILY_SITES))
def test_reference_reports_exactly_the_targeted_codes(family):
    # one defect per case: nothing the transformation did not intend (strict codes, every vector)
    disagreements = [why for c in cases.vector_cases(FAMILY_SITES[family]) if (why := _reference_agrees(c))]
    assert disagreements == []


def test_every_location_with_a_kind_has_a_transformation_that_ran():
    idle = {(r["artifact"], r["pointer"]) for sites in FAMILY_SITES.values() for r in cases.table(sites)
            if not r["transformations"]}
    declared = {(s.artifact, p) for s in SITES for p in s.unreached}
    assert idle == declared, f"idle without a reason: {sorted(idle - declared)}; declared but reached: {sorted(declared - idle)}"


def test_every_location_kind_has_transformations_of_its_own():
    from strategies.locations.transforms import for_kind

    kinds = {loc.kind for s in SITES for loc in s.locations()}
    assert kinds >= {"pattern", "date-time", "did:key", "digest", "number", "closed-object", "array-bounds",
                     "open-object", "free-text", "decoded", "signature-value", "key-pair"}
    assert [k for k in kinds if not for_kind(k)] == []


def test_locations_come_from_the_schemas_including_embedded_artifacts():
    pointers = {loc.pointer for loc in walk("x", "client-instance-recovery.v1.json")}
    assert {"/recovered-at", "/serving-node~1id", "/participant-bind/bound-at", "/participant-bind/via~1node-id",
            "/participant-bind/proof~1participant-signature", ""} <= pointers
    naa_pointers = {loc.pointer for loc in walk("x", "node-address-attestation.v1.json",
                                               {"/node-advertisement": "node-advertisement.v1.json"})}
    assert {"/node-advertisement/advertised-at", "/evidence/*/signer~1id", "/endpoint/port", "/evidence",
            "/node-advertisement"} <= naa_pointers
    sdp_pointers = {loc.pointer for loc in walk("x", "storage-policy-bundle.v1.json")}
    assert {"/authorities/*/valid-from", "/specs/*/capacity/max-bytes", "/operations/*/convergence-seconds"} <= sdp_pointers


def test_vector_ids_name_the_location_and_are_unique():
    ids = [c.id for c in VECTORS]
    assert len(ids) == len(set(ids))
    assert {"date.trailing-newline/participant-bind/bound-at",
            "didkey.other-multicodec/node-address-attestation/evidence/*/signer~1id",
            "keys.other-signs/node-address-attestation/evidence/*/signature/key~1ref",
            "json.duplicate-name/client-instance-recovery/participant-bind",
            "json.overflow/storage-policy-bundle/operations/*/convergence-seconds"} <= set(ids)


def test_outcomes_by_construction():
    by_id = {c.id: c for c in VECTORS}
    assert by_id["date.lowercase-t-z/client-instance-recovery/recovered-at"].expected[0].verdict == "valid"
    assert by_id["date.trailing-newline/client-instance-recovery/recovered-at"].expected[0].codes == ("timestamp-invalid",)
    assert by_id["closed.unknown-member/participant-bind"].expected[0].codes == ("schema-closed",)
    # keys twice: NAA ignores key/ref (valid when the designated key signs); CIR's disagreement is a C3 code
    assert by_id["keys.designated-signs/node-address-attestation/signature/key~1ref"].expected[0].verdict == "valid"
    assert by_id["keys.other-signs/participant-bind/participant~1key~1public"].expected[0].codes == (
        "bind-key-mismatch", "bind-signature-invalid")
    # intake ends evaluation with its one code, in every family, embedded artifacts included
    assert by_id["json.duplicate-name/client-instance-attachment/participant-bind"].expected[0].codes == (
        "json-duplicate-key",)
    assert by_id["json.byte-order-mark/storage-policy-bundle"].expected[0].codes == ("json-encoding",)
    assert by_id["json.deep-nesting/node-address-attestation/node-advertisement"].expected[0].verdict == "acceptable"


@pytest.mark.parametrize("family", sorted(FAMILY_SITES))
def test_the_property_draws_cases_the_reference_agrees_with(family):
    prop = cases.properties(FAMILY_SITES[family], "locations.x", "x")[0]

    @settings(max_examples=15, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(prop.strategy)
    def check(case):
        assert _reference_agrees(case) == ""

    check()


@pytest.mark.parametrize("family", sorted(FAMILY_SITES))
def test_the_registered_property_draws_every_pair_that_has_a_vector(family):
    fam = next(f for f in families() if f.family == family)
    props = [p for p in fam.properties("", get("ci"), {}) if p.id.startswith("locations.")]
    vector_ids = {c.id for c in fam.cases() if cases.is_location_case(c)}
    assert len(props) == 1 and props[0].strategy.pair_ids == vector_ids
    # the property reads its pairs and requirements from the committed files: the same as the built vectors'
    built = tuple(sorted({r for c in fam.cases() if cases.is_location_case(c) for r in c.requirements}))
    assert props[0].requirements == built


def test_every_applicable_pair_has_exactly_one_vector():
    assert sorted(p.id for p in cases.applicable(SITES)) == sorted(c.id for c in VECTORS)
    assert len(engine.pairs(SITES)) >= len(VECTORS)


LOCATION_MUTANTS = sorted(n for n, m in MUTANTS.items() if m.verifier.__module__ == location_mutants.__name__)


@pytest.mark.parametrize("name", LOCATION_MUTANTS)
def test_location_mutants_are_caught_by_location_vectors_at_verdict_level(name):
    # every profile runs every vector first, so a mutant that the location vectors catch at verdict
    # level (tests/test_mutants.py checks each named strategy) is caught in quick; the strategies
    # named must be location ones, and the quick time-to-catch is benchmarks/locations_mutants.py's
    mutant = MUTANTS[name]
    assert mutant.level == "verdict" and mutant.catches
    assert all(cases.is_location_case(type("C", (), {"id": f"{s}/x"})) for s in mutant.catches)
