"""Generated bundles: the schema accepts every bundle built valid, and the reference agrees
with the case builders' expected outcomes (default and substituted privacy orders)."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings

from conformance.catalog import SDP, codes
from conformance.reference.shared import schema
from strategies.storage import properties
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
