"""Mutations of the schema (NAA-SCHEMA-*) group."""

from __future__ import annotations

from hypothesis import strategies as st

from ..build import REF_PREFIX, signed_advertisement
from .base import NotApplicable, doc_bytes, edited, invalid, mutation, valid, with_entry


def _schema_edit(spec, fn, code, entry_fn=None):
    """A schema violation in an otherwise valid, correctly signed document: ``fn`` edits the
    document before the envelope signature, ``entry_fn`` the first entry before it is signed.
    A verifier that skips the rule therefore accepts the document, and is caught."""
    if entry_fn is not None:
        spec = with_entry(spec, 0, edit=entry_fn)
    return invalid(spec, edited(spec, fn) if fn else doc_bytes(spec), {code}, "schema")


@mutation("schema.discriminator", "schema", ["NAA-SCHEMA-001"], ["WrongDiscriminator"],
          params={"value": st.sampled_from(["node-address-attestation.v2", "Node-Address-Attestation.v1",
                                            "node-address-attestation.v1 ", "node-advertisement.v1", 1, None])},
          vectors=[("v2", {"value": "node-address-attestation.v2"}, "self-only"),
                   ("case", {"value": "Node-Address-Attestation.v1"}, "self-only"),
                   ("other-kind", {"value": "node-advertisement.v1"}, "self-only"), ("null", {"value": None}, "self-only")])
def discriminator(spec, p):
    """`schema` is not exactly node-address-attestation.v1."""
    return _schema_edit(spec, lambda d: d.__setitem__("schema", p["value"]), "schema-discriminator")


TOP_REQUIRED = ("schema", "attestation/id", "target/node-id", "endpoint", "claim/digest", "advertisement/digest",
                "observed/at", "expires/at", "evidence")
ENTRY_REQUIRED = ("kind", "signer/id", "signed/at", "expires/at", "claim/digest", "signature")


def _drop(doc, where, member):
    obj = {"top": doc, "endpoint": doc["endpoint"], "signature": doc["evidence"][0]["signature"]}[where]
    del obj[member]


@mutation("schema.missing-required", "schema", ["NAA-SCHEMA-002"], ["MissingMember"],
          params={"target": st.one_of(st.tuples(st.just("top"), st.sampled_from(TOP_REQUIRED)),
                                      st.tuples(st.just("entry"), st.sampled_from(ENTRY_REQUIRED)),
                                      st.tuples(st.just("endpoint"), st.sampled_from(["scheme", "host", "port", "path"])),
                                      st.tuples(st.just("signature"), st.sampled_from(["alg", "value"])))},
          vectors=[(f"{w}-{m.replace('/', '-')}", {"target": (w, m)}, "directory-confirmed") for w, m in
                   [("top", "claim/digest"), ("top", "evidence"), ("top", "schema"), ("top", "expires/at"),
                    ("entry", "signed/at"), ("entry", "signature"), ("endpoint", "port"), ("signature", "value")]])
def missing_required(spec, p):
    """A required member is missing."""
    where, member = p["target"]
    if where == "entry" and member != "signature":
        return _schema_edit(spec, None, "schema-required", entry_fn=lambda e: e.pop(member))
    if where == "entry":
        return _schema_edit(spec, lambda d: d["evidence"][0].pop("signature"), "schema-required")
    return _schema_edit(spec, lambda d: _drop(d, where, member), "schema-required")




@mutation("schema.closed-extra", "schema", ["NAA-SCHEMA-003"], ["ExtraMember"],
          params={"where": st.sampled_from(["endpoint", "evidence", "certificate"]),
                  "name": st.sampled_from(["x-extra", "Kind", "host ", "signature/value", "query"])},
          needs=["certificate"],
          vectors=[("endpoint-query", {"where": "endpoint", "name": "query"}, "directory-confirmed"),
                   ("evidence-x-extra", {"where": "evidence", "name": "x-extra"}, "directory-confirmed"),
                   ("certificate-x-extra", {"where": "certificate", "name": "x-extra"}, "directory-confirmed")])
def closed_extra(spec, p):
    """An extra member in a closed object (endpoint, evidence entry, endpoint/certificate)."""
    where, name = p["where"], p["name"]
    if where == "endpoint":
        return _schema_edit(spec, lambda d: d["endpoint"].__setitem__(name, "x"), "schema-closed")
    if where == "evidence":
        return _schema_edit(spec, None, "schema-closed", entry_fn=lambda e: e.__setitem__(name, "x"))
    i = next((i for i, e in enumerate(spec.entries) if e.verified_at is not None), None)
    if i is None:
        raise NotApplicable("no certificate")
    mutated = with_entry(spec, i, edit=lambda e: e["endpoint/certificate"].__setitem__(name, "x"))
    return invalid(mutated, doc_bytes(mutated), {"schema-closed"}, "schema")


@mutation("schema.open-extra", "schema", ["NAA-SCHEMA-003"], ["OpenObject"],
          params={"where": st.sampled_from(["top", "signature", "advertisement", "annotations"])},
          vectors=[("top", {"where": "top"}, "directory-confirmed"), ("signature-key-ref", {"where": "signature"}, "trusted-peer-confirmed"),
                   ("advertisement", {"where": "advertisement"}, "self-only")])
def open_extra(spec, p):
    """Extra members where the schema is open (top level, signature objects, advertisement): still valid."""
    where = p["where"]
    if where == "top":
        return valid(spec.with_(overrides={**spec.overrides, "x-extension": {"ok": True}}))
    if where == "annotations":
        return valid(spec.with_(annotations={"steward": "note", "nested": {"deep": [1, "two"]}}))
    if where == "signature":
        return valid(spec, edited(spec, lambda d: d["evidence"][0]["signature"].__setitem__("key/ref", "slot-1")))
    if spec.adv_form != "embedded":
        raise NotApplicable("needs an embedded advertisement")
    adv = dict(signed_advertisement(spec), **{"x-advertisement-extension": 1})
    return valid(spec.with_(advertisement=adv))


@mutation("schema.unknown-evidence-kind", "schema", ["NAA-SCHEMA-006"], ["UnknownEvidenceKind"],
          params={"kind": st.sampled_from(["directory", "Seed-Directory", "peer", "self", "seed-directory-probe", ""])},
          vectors=[(k or "empty", {"kind": k}, "directory-confirmed") for k in ["seed-directory-probe", "Seed-Directory", ""]])
def unknown_kind(spec, p):
    """An evidence kind outside v1's three."""
    return _schema_edit(spec, None, "evidence-kind-unknown", entry_fn=lambda e: e.__setitem__("kind", p["kind"]))


def _advert_form(doc, spec, form):
    if form == "neither":
        doc.pop("node-advertisement", None)
        doc.pop("node-advertisement/ref", None)
    elif "node-advertisement" in doc:
        doc["node-advertisement/ref"] = REF_PREFIX + doc["advertisement/digest"][7:]
    else:
        doc["node-advertisement"] = signed_advertisement(spec)


@mutation("schema.advertisement-form", "schema", ["NAA-SCHEMA-007"], ["AdvertisementForm"],
          params={"form": st.sampled_from(["neither", "both"])},
          vectors=[("missing-embedded", {"form": "neither"}, "directory-confirmed"),
                   ("missing-ref", {"form": "neither"}, "directory-accepted"),
                   ("both-forms", {"form": "both"}, "directory-confirmed")])
def advertisement_form(spec, p):
    """Neither an embedded advertisement nor a reference, or both at once."""
    return _schema_edit(spec, lambda d: _advert_form(d, spec, p["form"]), "advertisement-form")


@mutation("schema.transcript-rules", "schema", ["NAA-SCHEMA-008", "NAA-SCHEMA-009"], ["TranscriptRules"],
          params={"rule": st.sampled_from(["peer-without-transcript", "transcript-without-certificate"])},
          needs=["peer"],
          vectors=[("peer-without-transcript", {"rule": "peer-without-transcript"}, "trusted-peer-confirmed"),
                   ("transcript-without-certificate", {"rule": "transcript-without-certificate"}, "directory-confirmed")])
def transcript_rules(spec, p):
    """Peer evidence without a transcript hash; a transcript hash without the endpoint certificate."""
    if p["rule"] == "peer-without-transcript":
        i = next((i for i, e in enumerate(spec.entries) if e.kind == "peer-reachability"), None)
        changes, code = {"transcript": False}, "transcript-required"
    else:
        i = next((i for i, e in enumerate(spec.entries) if e.transcript), None)
        changes, code = {"verified_at": None}, "certificate-required"
    if i is None:
        raise NotApplicable(p["rule"])
    mutated = with_entry(spec, i, **changes)
    return invalid(mutated, doc_bytes(mutated), {code}, "schema")


INVALID_TIMESTAMPS = (
    "2026-04-17T12:00:00", "2026-04-17 12:00:00Z", "2026-04-17T24:00:00Z", "2026-02-30T12:00:00Z",
    "2026-04-17T12:00:60Z", "2026-4-17T12:00:00Z", "2026-04-17T12:00:00+0200", "2026-04-17T12:00:00Z\n",
    "2026-04-17T12:00:00.Z", "20260417T120000Z", "+02026-04-17T12:00:00Z", "2026-04-17T12:00:00+02:00Z",
    "2026-04-17T12:00Z", "2026-04-17T1\u09e8:00:00Z", "2026-04-17T12:00:00+24:00", "2026-04-17T12:00:00UTC",
)
TIMESTAMP_PLACES = ("observed/at", "expires/at", "signed/at", "entry-expires/at", "verified/at")


@mutation("schema.invalid-timestamp", "schema", ["NAA-SCHEMA-005"], ["InvalidTimestamp"],
          params={"where": st.sampled_from(TIMESTAMP_PLACES), "value": st.sampled_from(INVALID_TIMESTAMPS)},
          needs=["certificate"],
          vectors=[(f"{w.replace('/', '-')}-{i}", {"where": w, "value": v}, "directory-confirmed")
                   for i, (w, v) in enumerate(zip(TIMESTAMP_PLACES * 4, INVALID_TIMESTAMPS))])
def invalid_timestamp(spec, p):
    """A timestamp that is not an RFC 3339 date-time (no offset, space, 24:00, Feb 30, misplaced leap second, ...)."""
    where, value = p["where"], p["value"]
    if where in ("observed/at", "expires/at"):
        return _schema_edit(spec, lambda d: d.__setitem__(where, value), "timestamp-invalid")
    if where in ("signed/at", "entry-expires/at"):
        member = where.replace("entry-", "")
        return _schema_edit(spec, None, "timestamp-invalid", entry_fn=lambda e: e.__setitem__(member, value))
    i = next((i for i, e in enumerate(spec.entries) if e.verified_at is not None), None)
    if i is None:
        raise NotApplicable("no certificate")
    mutated = with_entry(spec, i, edit=lambda e: e["endpoint/certificate"].__setitem__("verified/at", value))
    return invalid(mutated, doc_bytes(mutated), {"timestamp-invalid"}, "schema")


def _shape(doc, variant):
    kind, value = variant
    if kind == "port":
        doc["endpoint"]["port"] = value
    elif kind == "scheme":
        doc["endpoint"]["scheme"] = value
    elif kind == "path":
        doc["endpoint"]["path"] = value
    elif kind == "host":
        doc["endpoint"]["host"] = value
    elif kind == "target":
        doc["target/node-id"] = value
    elif kind == "attestation-id":
        doc["attestation/id"] = value
    elif kind == "alg":
        doc["evidence"][0]["signature"]["alg"] = value
    elif kind == "evidence":
        doc["evidence"] = value
    elif kind == "digest":
        doc["advertisement/digest"] = value


SHAPE_VARIANTS = (
    ("port", 0), ("port", 65536), ("port", "443"), ("port", -1), ("scheme", "ws"), ("scheme", "WSS"), ("scheme", "https"),
    ("path", "peer"), ("path", ""), ("host", ""), ("host", "h" * 254),
    ("target", "node:did:key:z6Mk0OIlNotBase58"), ("target", "did:key:z6MkwJFpvJVFe15ygGgYLTYuiPwfhkkDRkMG4eKQFT8g65yE"),
    ("target", "node:did:key:z6MkwJFpvJVFe15ygGgYLTYuiPwfhkkDRkMG4eKQFT8g65yE\n"),  # ECMA-262 '$' is end of input
    ("attestation-id", "attestation:other:1"), ("alg", "EdDSA"), ("evidence", []),
    ("digest", "sha256:short"), ("digest", "sha256:" + "+" * 43), ("digest", "sha512:" + "A" * 86),
    ("signer", "seed-directory:with space"), ("signer", "user:did:key:z6MkwJFpvJVFe15ygGgYLTYuiPwfhkkDRkMG4eKQFT8g65yE"),
)


@mutation("schema.shape", "schema", ["NAA-SCHEMA-004"], ["SchemaShape"],
          params={"variant": st.sampled_from(SHAPE_VARIANTS)},
          vectors=[(f"{k}-{i}", {"variant": (k, v)}, "directory-confirmed") for i, (k, v) in enumerate(SHAPE_VARIANTS)])
def shape(spec, p):
    """A member with the wrong type, pattern, length or value (port range, scheme, ids with 0OIl, empty evidence, ...)."""
    kind, value = p["variant"]
    if kind == "signer":
        return _schema_edit(spec, None, "schema-shape", entry_fn=lambda e: e.__setitem__("signer/id", value))
    return _schema_edit(spec, lambda d: _shape(d, p["variant"]), "schema-shape")
