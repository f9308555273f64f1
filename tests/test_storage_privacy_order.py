"""Interpretation S1 is substitutable: options["privacy-order"] changes exactly the decisions
whose comparison it changes, and a malformed order is refused."""

from __future__ import annotations

import pytest

from conformance.reference.storage import BundleEvaluator, OptionError
from strategies.storage.builder import Builder
from strategies.storage.cases import NOW
from strategies.storage.pick import Picker
from strategies.storage.scenarios import add_unit
from strategies.storage.vocab import DEFAULT_PRIVACY_ORDER, PRIVACY, Order

CUSTOM = [["SecretCredential", "SealedUntil"], "PrivateOverlay", "ExternalCustodian", "ScopeRestricted",
          "MembersOnly", "Public"]
SOURCE = "MembersOnly"


def _replicas_to_every_class() -> tuple[bytes, dict[str, str]]:
    b = Builder(Order(), NOW)
    # every privacy the adoption rules compare equals the source's, so adoption holds under any order
    u = add_unit(b, Picker({"custody": "service-state", "privacy": SOURCE, "locality": "coop_replicated",
                            "manifest-privacy": SOURCE, "replication-ref": True, "backup-target-privacy": SOURCE,
                            "replication-target-privacy": SOURCE, "archive-target-privacy": SOURCE}))
    ids = {}
    for privacy in PRIVACY:
        op = {"id": b.next_op_id(), "kind": "replica-placement", "spec": u.spec_id, "actor": "operator:a",
              "target": {"locality": "cell_local", "privacy": privacy, "custody": "service-state"}, "encrypted": True}
        b.add_op(u, op, "allow")
        ids[op["id"]] = privacy
    return b.raw(), ids


def _decisions(raw: bytes, ids: dict, order) -> dict[str, str]:
    options = {} if order is None else {"privacy-order": order}
    evaluation = BundleEvaluator(options).evaluate(raw, "2026-04-17T12:00:00Z")
    assert evaluation.verdict == "valid"
    return {ids[o["id"]]: o["decision"] for o in evaluation.operations}


def _expected(order) -> dict[str, str]:
    rank = Order(order).privacy
    return {p: "allow" if rank[p] <= rank[SOURCE] else "refuse" for p in PRIVACY}


def test_default_order_is_interpretation_s1():
    raw, ids = _replicas_to_every_class()
    assert _decisions(raw, ids, None) == _expected(None)
    assert _decisions(raw, ids, list(DEFAULT_PRIVACY_ORDER)) == _expected(None)


def test_a_substituted_order_changes_exactly_the_comparisons_it_changes():
    raw, ids = _replicas_to_every_class()
    default, custom = _decisions(raw, ids, None), _decisions(raw, ids, CUSTOM)
    assert custom == _expected(CUSTOM)
    changed = {p for p in PRIVACY if default[p] != custom[p]}
    assert changed == {p for p in PRIVACY if _expected(None)[p] != _expected(CUSTOM)[p]}
    assert changed == {"ExternalCustodian"}  # ranked below MembersOnly by CUSTOM, above it by S1


def test_a_reversed_order_flips_every_strict_comparison():
    raw, ids = _replicas_to_every_class()
    reversed_order = list(reversed(DEFAULT_PRIVACY_ORDER))
    assert _decisions(raw, ids, reversed_order) == _expected(reversed_order)


@pytest.mark.parametrize("order", [
    ["Public"],
    list(DEFAULT_PRIVACY_ORDER) + ["Public"],
    list(DEFAULT_PRIVACY_ORDER[:-1]) + ["Everyone"],
    [[]] + list(DEFAULT_PRIVACY_ORDER),
    "Public,MembersOnly",
])
def test_malformed_orders_are_refused(order):
    with pytest.raises(OptionError):
        BundleEvaluator({"privacy-order": order})
