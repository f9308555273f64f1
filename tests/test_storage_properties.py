"""Generated bundles: the schema accepts every bundle built valid, and the reference agrees
with the case builders' expected outcomes (default and substituted privacy orders)."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings

from conformance.catalog import SDP, codes
from conformance.reference.shared import schema
from strategies.storage import properties
from strategies.storage.builder import Builder
from strategies.storage.cases import NOW, make_case
from strategies.storage.defects import DEFECTS
from strategies.storage.operations import VARIANTS
from strategies.storage.pick import Picker
from strategies.storage.scenarios import add_unit
from strategies.storage.vocab import Order
from strategies.shared.timefmt import PLAIN
from tests.test_storage_vectors import all_codes, judge, run

CUSTOM_ORDER = [["SecretCredential", "SealedUntil"], "PrivateOverlay", "ExternalCustodian", "ScopeRestricted",
                "MembersOnly", "Public"]
DEFAULT = properties()
CUSTOM = properties({"privacy-order": CUSTOM_ORDER})
SETTINGS = settings(max_examples=6, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


@pytest.mark.parametrize("prop", DEFAULT + CUSTOM,
                         ids=[p.id for p in DEFAULT] + [p.id + "[custom-order]" for p in CUSTOM])
def test_reference_agrees_with_the_builders(prop):
    # 2 x 87 properties x 6 examples: about 1,000 generated bundles.
    @SETTINGS
    @given(prop.strategy)
    def check(case):
        verdict_ok, strict_ok, why = judge(case, run(case))
        assert verdict_ok and strict_ok, f"{case.id}: {why}"
    check()


@pytest.mark.parametrize("prop", [p for p in DEFAULT if p.id.startswith(("sdp.valid.", "sdp.metamorphic.", "sdp.several."))],
                         ids=lambda p: p.id)
def test_schema_accepts_every_bundle_built_schema_valid(prop):
    @settings(max_examples=15, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
    @given(prop.strategy)
    def check(case):
        assert schema.findings(json.loads(case.documents[0]), "storage-policy-bundle.v1.json") == []
    check()


def test_properties_reach_every_code():
    hit: set[str] = set()
    for prop in DEFAULT:
        @settings(max_examples=4, deadline=None, database=None, derandomize=True,
                  suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
        @given(prop.strategy)
        def collect(case):
            hit.update(all_codes(case))
        collect()
    assert {c.code for c in codes(SDP)} - hit == set()


def test_property_ids_are_unique_and_evaluate_storage_bundles():
    ids = [p.id for p in DEFAULT]
    assert len(ids) == len(set(ids))
    assert all(p.operation == "evaluate" and p.kind == "storage-policy-bundle.v1" for p in DEFAULT)
    assert all(i.startswith("sdp.") for i in ids)



def test_a_duplicated_operation_id_is_the_only_defect():
    # Renaming operation 1 to operation 0's id must carry the governance act that named it
    # along; left dangling it adds reference-unknown, which the case does not expect (issue 9.11).
    b = Builder(Order(), NOW, PLAIN)
    u = add_unit(b, Picker({"custody": "canonical"}), ("recovery-ref", "canonical-class"))
    VARIANTS["integrity-passed"].build(b, u, Picker())
    VARIANTS["restore-live"].build(b, u, Picker())  # op-1, with a restore-decision act naming it
    defect = DEFECTS["id-duplicate"]
    defect.apply(b, u, Picker({"where": "operation"}))
    case = make_case("sdp.format.id-duplicate", b, defect.requirements, defect.flags, defect.comment)
    doc = json.loads(case.documents[0])
    assert [o["id"] for o in doc["operations"]] == ["op-0", "op-0"]
    assert [a["operation"] for a in doc["governance-acts"]] == ["op-0"]
    verdict_ok, strict_ok, why = judge(case, run(case))
    assert verdict_ok and strict_ok, why
