"""storage-policy-bundle.v1 as a location Site (the third family).

A bundle carries no digest and no signature, so re-derivation is the identity: a transformed
member is the only defect as long as the stage that rejects it ends evaluation (intake and
schema do, CONFORMANCE.md "Storage durability policy bundles": no operation is decided then).
A transformation the schema accepts (a date-time form RFC 3339 allows) keeps the base bundle's
whole outcome, operations included. The bases are the suite's own valid vector bundles, one per
custody class plus a governance act, so every optional member the builders emit is reached.
"""

from __future__ import annotations

from functools import cache

from conformance import catalog
from conformance.case import Case, Expected

from ..storage.builder import Builder
from ..storage import custody as custody_table
from ..storage.cases import NOW, _options, build_all_allowed, build_broadening, build_valid, build_variant
from ..storage.pick import Picker
from ..storage.scenarios import add_allowed_ops, add_unit
from ..storage.vocab import CUSTODY, KIND, Order
from ..shared.timefmt import PLAIN
from .engine import Site

FLAG = "EveryLocation"  # cases.FLAG (cases imports the sites' modules' engine, not them)
_NONE = {"custody": "derived", "exit-path": False, "backup-ref": False, "replication-ref": False,
         "archive-ref": False, "integrity-ref": False}
_WIDE = {"locality": "coop_replicated", "privacy": "ScopeRestricted", "custody": "service-state"}


@cache
def _built() -> dict:
    # a small bundle first (one spec, one operation): most pairs' vectors come from it
    b = Builder(Order(), NOW, PLAIN)
    build_valid(b, Picker(), 1, 1)
    out = {"small": b}
    for custody in CUSTODY:
        b = Builder(Order(), NOW, PLAIN)
        build_all_allowed(b, Picker({"custody": custody}))
        out[custody] = b
    b = Builder(Order(), NOW, PLAIN)
    for v in custody_table.ALLOWED:  # the recovery-scope members (issue 12 point 3): a drill's proposal
        if v.topic == "scope":       # class, restore subsets and a point-in-time horizon
            build_variant(b, Picker(v.labels[0][1]), v, False)
    out["recovery-scope"] = b
    b = Builder(Order(), NOW, PLAIN)
    build_broadening(b, Picker(_WIDE), "backup-locality", "named")  # a governance act in force
    out["governance-act"] = b
    b = Builder(Order(), NOW, PLAIN)
    build_all_allowed(b, Picker({"custody": "service-state"}))
    b.doc_edits.append(_optional_members)
    out["optional-members"] = b
    # every policy slot an explicit "none" and no exit path (the builder records what that entails)
    b = Builder(Order(), NOW, PLAIN)
    u = add_unit(b, Picker(_NONE), frozenset({"no-recovery"}))
    add_allowed_ops(b, u, Picker(), 2, "a")
    out["explicit-none"] = b
    return out


def _optional_members(doc: dict) -> None:
    """Members the builders leave out and the evaluator does not consult (a witness authority,
    a deletion authority and receipt class, a restore's convergence time, a quota, an archive's
    redaction, hold and cadence, a backup policy's adoption and operational authorities, a
    numeric recovery objective with its mechanism), so their locations are reached."""
    first = doc["authorities"][0]["id"]
    for policy in doc["policies"]["recovery"]:
        policy["witness-authority"] = policy["restore-authority"]
        policy["objective"].update({"numeric": {"rto-hours": 4}, "mechanism": "snapshot-replay"})
    for policy in doc["policies"]["backup"]:
        policy.update({"adoption-authority": first, "operational-authority": first})
    for policy in doc["policies"]["archive"]:
        policy.update({"redaction": "none-needed", "hold": "none", "verification-cadence": "monthly"})
    for spec in doc["specs"]:
        spec["quota"] = "quota:q1"
        spec["deletion"]["receipt-class"] = "deletion-receipt"
    for spec in doc["specs"]:
        spec["deletion"]["authority"] = first
    for op in doc["operations"]:
        if op["kind"] == "restore":
            op["convergence-seconds"] = 42.5


def _bases() -> dict:
    return dict(_built())


def _document(b: Builder) -> dict:
    return b.document()


def rederive(b: Builder, doc: dict, pinned: str, t) -> dict:
    return doc  # nothing in a bundle is computed from another member


def case(case_id: str, b: Builder, doc: dict, effect: str, code, t, where: str) -> Case:
    import json

    if effect == "valid":
        expected = b.expected()
        req = catalog.requirement_for_code("timestamp-invalid", catalog.SDP)
    else:
        expected = Expected("invalid", None, (code,), ())
        req = catalog.requirement_for_code(code, catalog.SDP)
    return Case(id=case_id, operation="evaluate", documents=(json.dumps(doc, ensure_ascii=False).encode("utf-8"),),
                now=b.t(b.now), expected=(expected,), requirements=(req,), flags=(FLAG,),
                comment=f"{t.note} at {where}; nothing to re-derive (a bundle has no digest or signature)",
                options=_options(b.order, b.choices), kind=KIND)


SITES = (Site(artifact=KIND, schema="storage-policy-bundle.v1.json", embeds={}, decoded=(), signatures=(),
              bases=_bases, document=_document, rederive=rederive, case=case, key_code="schema-shape",
              unreached={p: "the builders write an explicit none only for backup, replication and integrity; "
                            "what one means for this slot is not settled (CONFORMANCE.md S13)"
                         for p in ("/specs/*/policies/recovery/none", "/specs/*/policies/archive/none")}),)
