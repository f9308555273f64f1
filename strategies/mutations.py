"""Adversarial (and unusual-but-valid) variations of a valid scenario, each with its
expected outcome, outcome codes, requirement IDs and bug-class flags by construction.

A Mutation has Hypothesis strategies for its parameters (properties) and a fixed list
of parameter sets (golden vectors). ``apply(spec, params)`` returns an Outcome.
Stages: ``intake``/``schema`` failures end evaluation, so only the mutation's codes are
expected; ``semantic`` failures also carry the codes the scenario itself produces
during validation (model.validation_codes); ``valid`` outcomes come from the model.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field, replace
from typing import Callable

import rfc8785
from hypothesis import strategies as st

from . import keys as K
from . import model
from .build import REF_PREFIX, Spec, b64url, build, fake_digest, jcs_digest, serialize, sha256_digest, signed_advertisement
from .endpoints import denormalized_variants
from .timefmt import NS, US, Style, render

SECOND = NS
L = 2**252 + 27742317777372353535851937790883648493


@dataclass(frozen=True)
class Outcome:
    raw: bytes
    verdict: str  # valid | invalid
    trust_class: str | None
    codes: frozenset
    spec: Spec


class NotApplicable(Exception):
    """The scenario lacks what this mutation changes (properties retry, vectors skip)."""


@dataclass(frozen=True)
class Mutation:
    name: str
    group: str
    requirements: tuple
    flags: tuple
    apply: Callable
    params: dict = field(default_factory=dict)  # name -> strategy
    vectors: tuple = ()  # (label, params, base name)
    needs: frozenset = frozenset()
    comment: str = ""


MUTATIONS: list[Mutation] = []


def mutation(name, group, requirements, flags, params=None, vectors=(), needs=(), comment=""):
    def register(fn):
        MUTATIONS.append(Mutation(name, group, tuple(requirements), tuple(flags), fn, params or {},
                                  tuple(vectors), frozenset(needs), comment or (fn.__doc__ or "").strip()))
        return fn
    return register


# ---- outcome helpers ----

def doc_bytes(spec: Spec, edit=None, ascii_only=False, indent=None) -> bytes:
    return serialize(build(spec, edit), ascii_only, indent)


def valid(spec: Spec, raw: bytes | None = None) -> Outcome:
    trust_class, codes = model.expected_valid(spec)
    return Outcome(raw if raw is not None else doc_bytes(spec), "valid", trust_class, frozenset(codes), spec)


def invalid(spec: Spec, raw: bytes, codes, stage: str) -> Outcome:
    codes = set(codes) | (model.validation_codes(spec) if stage == "semantic" else set())
    return Outcome(raw, "invalid", None, frozenset(codes), spec)


def clean_entry(spec: Spec, choice: int, kinds=None) -> int:
    candidates = [i for i in model.clean_entries(spec) if kinds is None or spec.entries[i].kind in kinds]
    if not candidates:
        raise NotApplicable("no clean evidence entry of the needed kind")
    return candidates[choice % len(candidates)]


def with_entry(spec: Spec, index: int, **changes) -> Spec:
    entries = list(spec.entries)
    entries[index] = replace(entries[index], **changes)
    return spec.with_(entries=entries)


def edited(spec: Spec, fn) -> bytes:
    """Document bytes after ``fn(doc)`` edits the signed document (envelope re-signed after)."""
    return doc_bytes(spec, edit=fn)


def post_signed(spec: Spec, fn) -> bytes:
    """Document bytes after ``fn(doc)`` edits the fully signed document (nothing re-signed)."""
    doc = build(spec)
    fn(doc)
    return serialize(doc)


choice = st.integers(0, 7)

# ---- intake (I-JSON) ----

_DUP_MARK = "__conformance_duplicate__"


def _with_duplicate(spec: Spec, where: str, position: str, same: bool) -> bytes:
    doc = build(spec)
    if where == "top":
        target, member = doc, "claim/digest"
        value = doc[member] if same else fake_digest("duplicate claim")
    elif where == "endpoint":
        target, member = doc["endpoint"], "host"
        value = doc["endpoint"]["host"] if same else "attacker.example"
    else:
        target, member = doc["evidence"][0], "signer/id"
        value = target[member] if same else K.STRANGER.node_id
    items = list(target.items())
    marker = (_DUP_MARK, 0)
    items = [marker] + items if position == "first" else items + [marker]
    target.clear()
    target.update(items)
    text = json.dumps(doc, ensure_ascii=False)
    return text.replace(f'"{_DUP_MARK}": 0', f'"{member}": {json.dumps(value, ensure_ascii=False)}').encode("utf-8")


@mutation("intake.duplicate-key", "intake", ["NAA-JSON-003"], ["DuplicateKey"],
          params={"where": st.sampled_from(["top", "endpoint", "evidence"]),
                  "position": st.sampled_from(["first", "last"]), "same": st.booleans()},
          vectors=[("top-first-conflicting", {"where": "top", "position": "first", "same": False}, "directory-confirmed"),
                   ("top-last-conflicting", {"where": "top", "position": "last", "same": False}, "directory-confirmed"),
                   ("endpoint-host-conflicting", {"where": "endpoint", "position": "first", "same": False}, "self-only"),
                   ("evidence-signer-conflicting", {"where": "evidence", "position": "last", "same": False}, "trusted-peer-confirmed"),
                   ("top-same-value", {"where": "top", "position": "last", "same": True}, "self-only")])
def duplicate_key(spec, p):
    """A member name repeated in one object: first-wins and last-wins parsers disagree, so it is refused."""
    return invalid(spec, _with_duplicate(spec, p["where"], p["position"], p["same"]), {"json-duplicate-key"}, "intake")


_ID_PREFIX = b'"attestation:node-address:'


def _inject_in_id(raw: bytes, payload: bytes) -> bytes:
    return raw.replace(_ID_PREFIX, _ID_PREFIX + payload, 1)


@mutation("intake.invalid-utf8", "intake", ["NAA-JSON-001"], ["InvalidUtf8"],
          params={"bytes": st.sampled_from(["ff", "c3", "c0af", "eda080", "f4908080", "e282"])},
          vectors=[(f"bytes-{h}", {"bytes": h}, "self-only") for h in ["ff", "c0af", "eda080", "f4908080"]])
def invalid_utf8(spec, p):
    """Bytes that are not UTF-8 (stray, overlong, CESU-8 surrogate, past U+10FFFF) inside a string."""
    return invalid(spec, _inject_in_id(doc_bytes(spec), bytes.fromhex(p["bytes"])), {"json-encoding"}, "intake")


@mutation("intake.byte-order-mark", "intake", ["NAA-JSON-001"], ["ByteOrderMark"],
          vectors=[("bom", {}, "self-only")])
def byte_order_mark(spec, p):
    """A UTF-8 byte order mark before the JSON text."""
    return invalid(spec, b"\xef\xbb\xbf" + doc_bytes(spec), {"json-encoding"}, "intake")


@mutation("intake.lone-surrogate", "intake", ["NAA-JSON-004"], ["LoneSurrogate"],
          params={"escape": st.sampled_from(["\\ud800", "\\udfff", "\\udc00\\ud800", "\\ud83dx"])},
          vectors=[("high", {"escape": "\\ud800"}, "self-only"), ("reversed-pair", {"escape": "\\udc00\\ud800"}, "self-only")])
def lone_surrogate(spec, p):
    """An escaped lone surrogate: not a Unicode scalar value, so not canonicalizable."""
    return invalid(spec, _inject_in_id(doc_bytes(spec), p["escape"].encode()), {"json-lone-surrogate"}, "intake")


@mutation("intake.number-domain", "intake", ["NAA-JSON-005"], ["NonFiniteNumber"],
          params={"literal": st.sampled_from(["NaN", "Infinity", "-Infinity", "1e400", "-1E309", "9007199254740993"])},
          vectors=[(lit.lower(), {"literal": lit}, "self-only") for lit in ["NaN", "Infinity", "1e400", "9007199254740993"]])
def number_domain(spec, p):
    """A number outside the I-JSON domain in an open member (NaN, Infinity, overflow, > 2^53)."""
    raw = doc_bytes(spec)
    return invalid(spec, raw[:-1] + f', "x-number": {p["literal"]}}}'.encode(), {"json-number"}, "intake")


@mutation("intake.trailing-data", "intake", ["NAA-JSON-002"], ["TrailingData"],
          params={"tail": st.sampled_from(["x", "{}", "]", "\x00", ",", " // comment", "\n{}"])},
          vectors=[("second-object", {"tail": "{}"}, "self-only"), ("garbage", {"tail": "x"}, "self-only"),
                   ("nul", {"tail": "\x00"}, "self-only")])
def trailing_data(spec, p):
    """Data after the JSON value."""
    return invalid(spec, doc_bytes(spec) + p["tail"].encode(), {"json-syntax"}, "intake")


@mutation("intake.deep-nesting", "intake", ["NAA-JSON-002"], ["DeepNesting"],
          params={"depth": st.sampled_from([64, 100_000])},
          vectors=[("depth-64", {"depth": 64}, "self-only"), ("depth-100000", {"depth": 100_000}, "self-only")])
def deep_nesting(spec, p):
    """Deeply nested arrays in an open member. 64 levels are valid everywhere; 100,000 levels are
    `acceptable`: RFC 8259 §9 lets a parser limit nesting, but the implementation must answer, not crash."""
    depth = p["depth"]
    if depth <= 64:
        nested: list = []
        for _ in range(depth - 1):
            nested = [nested]
        return valid(spec.with_(overrides={**spec.overrides, "x-deep": nested}))  # signed like any member
    raw = doc_bytes(spec)
    raw = raw[:-1] + b', "x-deep": ' + b"[" * depth + b"]" * depth + b"}"
    return Outcome(raw, "acceptable", None, frozenset(), spec)


@mutation("intake.equivalent-text", "intake", ["NAA-JSON-002", "NAA-DIGEST-001"], ["EquivalentEncoding"],
          params={"form": st.sampled_from(["ascii-escapes", "indented", "trailing-whitespace"])},
          vectors=[("ascii-escapes", {"form": "ascii-escapes"}, "non-ascii"), ("indented", {"form": "indented"}, "self-only"),
                   ("trailing-whitespace", {"form": "trailing-whitespace"}, "directory-accepted")])
def equivalent_text(spec, p):
    """The same JSON value written differently (\\u escapes, indentation, trailing whitespace): still valid,
    because digests and signatures are over RFC 8785 bytes of the parsed value, not the text."""
    form = p["form"]
    if form == "ascii-escapes":
        raw = doc_bytes(spec, ascii_only=True)
    elif form == "indented":
        raw = doc_bytes(spec, indent=2)
    else:
        raw = doc_bytes(spec) + b" \r\n\t\n"
    return valid(spec, raw)


# ---- schema ----

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


# ---- digests ----

def _claim(spec):
    return {"target/node-id": spec.target.node_id, "endpoint": spec.endpoint}


def _wrong_claim_digest(spec, variant):
    claim = _claim(spec)
    if variant == "json-sort-keys":
        return sha256_digest(json.dumps(claim, sort_keys=True).encode())
    if variant == "json-compact-ascii":
        if all(ord(c) < 128 for c in json.dumps(claim, ensure_ascii=False)):
            raise NotApplicable("claim is ASCII: ascii escaping changes nothing")
        return sha256_digest(json.dumps(claim, sort_keys=True, separators=(",", ":")).encode())
    if variant == "insertion-order":
        return sha256_digest(json.dumps(claim, separators=(",", ":"), ensure_ascii=False).encode())
    if variant == "extra-member":
        return jcs_digest(dict(claim, schema="node-address-attestation.v1"))
    if variant == "hex":
        import hashlib
        return "sha256:" + hashlib.sha256(rfc8785.dumps(claim)).hexdigest()
    if variant == "target-only":
        return jcs_digest({"target/node-id": spec.target.node_id})
    raise ValueError(variant)


CLAIM_VARIANTS = ("json-sort-keys", "json-compact-ascii", "insertion-order", "extra-member", "hex", "target-only")


@mutation("digest.claim", "digest", ["NAA-DIGEST-001", "NAA-DIGEST-003"], ["NonCanonicalJson", "DigestEncoding"],
          params={"variant": st.sampled_from(CLAIM_VARIANTS)},
          vectors=[(v, {"variant": v}, "non-ascii") for v in CLAIM_VARIANTS])
def claim_digest(spec, p):
    """claim/digest (repeated by every entry) over a non-RFC 8785 encoding, another object, or hex."""
    digest = _wrong_claim_digest(spec, p["variant"])
    code = "digest-malformed" if p["variant"] == "hex" else "claim-digest-mismatch"
    mutated = spec.with_(claim_digest=digest)
    return invalid(mutated, doc_bytes(mutated), {code}, "semantic")


@mutation("digest.evidence-claim", "digest", ["NAA-DIGEST-002"], ["EvidenceDigestMismatch"],
          params={"which": choice, "variant": st.sampled_from(["other-port", "other-node", "json-sort-keys"])},
          vectors=[(v, {"which": 0, "variant": v}, "directory-confirmed") for v in ["other-port", "other-node", "json-sort-keys"]])
def evidence_claim_digest(spec, p):
    """One evidence entry signs a different claim digest than the top level."""
    i = clean_entry(spec, p["which"])
    claim = _claim(spec)
    if p["variant"] == "other-port":
        claim = dict(claim, endpoint=dict(spec.endpoint, port=spec.endpoint["port"] % 65535 + 1))
        other = jcs_digest(claim)
    elif p["variant"] == "other-node":
        other = jcs_digest(dict(claim, **{"target/node-id": K.STRANGER.node_id}))
    else:
        other = sha256_digest(json.dumps(claim, sort_keys=True).encode())
    mutated = with_entry(spec, i, overrides={"claim/digest": other})
    return invalid(mutated, doc_bytes(mutated), {"evidence-claim-digest-mismatch"}, "semantic")


def _hex(digest: str) -> str:
    import hashlib

    raw = base64.urlsafe_b64decode(digest[7:] + "=")
    assert len(raw) == hashlib.sha256().digest_size
    return "sha256:" + raw.hex()


@mutation("digest.malformed", "digest", ["NAA-DIGEST-003"], ["DigestEncoding"],
          params={"which": choice, "where": st.sampled_from(["evidence-claim", "evidence-advertisement", "top-advertisement"])},
          vectors=[(w, {"which": 0, "where": w}, b) for w in ["evidence-claim", "evidence-advertisement", "top-advertisement"]
                   for b in ["directory-confirmed", "directory-accepted"]])
def malformed_digest(spec, p):
    """The right digest in hex (the schema's loose pattern admits it): reported once as malformed, and a
    malformed digest is never compared with anything, so no mismatch is reported besides."""
    where = p["where"]
    built = build(spec)
    if where == "top-advertisement":
        mutated = spec.with_(overrides={**spec.overrides, "advertisement/digest": _hex(built["advertisement/digest"])})
    else:
        i = clean_entry(spec, p["which"])
        member = "claim/digest" if where == "evidence-claim" else "advertisement/digest"
        mutated = with_entry(spec, i, overrides={member: _hex(built[member])})
    return invalid(mutated, doc_bytes(mutated), {"digest-malformed"}, "semantic")


# ---- advertisement ----

def _needs_embedded(spec):
    if spec.adv_form != "embedded":
        raise NotApplicable("needs an embedded advertisement")


@mutation("advertisement.digest", "advertisement", ["NAA-ADV-001"], ["AdvertisementDigest"],
          params={"variant": st.sampled_from(["json-dumps", "without-signature", "stale"])}, needs=["embedded"],
          vectors=[(v, {"variant": v}, "directory-confirmed") for v in ["json-dumps", "without-signature", "stale"]])
def advertisement_digest(spec, p):
    """advertisement/digest over json.dumps, over the advertisement without its signature, or over an older one."""
    _needs_embedded(spec)
    adv = signed_advertisement(spec)
    if p["variant"] == "json-dumps":
        wrong = sha256_digest(json.dumps(adv).encode())
    elif p["variant"] == "without-signature":
        wrong = jcs_digest({k: v for k, v in adv.items() if k != "signature"})
    else:
        wrong = jcs_digest(dict(adv, **{"sequence/no": adv["sequence/no"] - 1}))
    mutated = spec.with_(overrides={**spec.overrides, "advertisement/digest": wrong})
    return invalid(mutated, doc_bytes(mutated), {"advertisement-digest-mismatch"}, "semantic")


@mutation("advertisement.ref", "advertisement", ["NAA-ADV-002"], ["AdvertisementDigest"],
          params={"variant": st.sampled_from(["other-blob", "case-changed"])}, needs=["ref"],
          vectors=[(v, {"variant": v}, "directory-accepted") for v in ["other-blob", "case-changed"]])
def advertisement_ref(spec, p):
    """node-advertisement/ref names a different blob than advertisement/digest."""
    if spec.adv_form != "ref":
        raise NotApplicable("needs a reference")
    digest = build(spec)["advertisement/digest"]
    if p["variant"] == "other-blob":
        ref = REF_PREFIX + fake_digest("another advertisement")[7:]
    else:
        body = digest[7:]
        swapped = body.swapcase()
        if swapped == body:
            raise NotApplicable("digest has no letters")
        ref = REF_PREFIX + swapped
    mutated = spec.with_(overrides={**spec.overrides, "node-advertisement/ref": ref})
    return invalid(mutated, doc_bytes(mutated), {"advertisement-ref-mismatch"}, "semantic")


@mutation("advertisement.other-node", "advertisement", ["NAA-ADV-003"], ["WrongAdvertisement"],
          params={"other": st.sampled_from(K.NODES)}, needs=["embedded"],
          vectors=[("stranger", {"other": K.STRANGER}, "directory-confirmed")])
def advertisement_other_node(spec, p):
    """The embedded advertisement (correctly digested) is another node's, for the same endpoint."""
    _needs_embedded(spec)
    other = p["other"] if p["other"] != spec.target else K.STRANGER
    adv = signed_advertisement(spec.with_(target=other))
    return invalid(spec.with_(advertisement=adv), doc_bytes(spec.with_(advertisement=adv)),
                   {"advertisement-node-mismatch"}, "semantic")


@mutation("advertisement.endpoint-missing", "advertisement", ["NAA-ADV-004"], ["EndpointNotAdvertised"],
          params={"variant": st.sampled_from(["other-port", "other-path", "other-host", "with-query", "ws-scheme"])},
          needs=["embedded"],
          vectors=[(v, {"variant": v}, "directory-confirmed") for v in ["other-port", "other-path", "other-host", "with-query"]])
def endpoint_missing(spec, p):
    """The advertisement lists other endpoints, not the claimed one."""
    _needs_embedded(spec)
    from .build import endpoint_url
    ep = spec.endpoint
    variant = p["variant"]
    if variant == "other-port":
        url = endpoint_url(dict(ep, port=ep["port"] % 65535 + 1))
    elif variant == "other-path":
        url = endpoint_url(dict(ep, path=ep["path"].rstrip("/") + "/other"))
    elif variant == "other-host":
        url = endpoint_url(dict(ep, host="elsewhere.example"))
    elif variant == "with-query":
        url = endpoint_url(ep) + "?via=relay"
    else:
        url = "ws" + endpoint_url(ep)[3:]
    adv = signed_advertisement(spec.with_(url_variant={}, advertised=[]))
    adv["endpoints"] = [dict(adv["endpoints"][0], **{"endpoint/url": url})]
    mutated = spec.with_(advertisement=adv)
    return invalid(mutated, doc_bytes(mutated), {"endpoint-not-advertised"}, "semantic")


@mutation("advertisement.malformed", "advertisement", ["NAA-ADV-005"], ["MalformedAdvertisement"],
          params={"variant": st.sampled_from(["no-endpoints", "empty-endpoints", "missing-node-id", "bad-url", "schema-v2",
                                              "url-trailing-newline", "url-with-tab"])},
          needs=["embedded"],
          vectors=[(v, {"variant": v}, "directory-confirmed") for v in ["no-endpoints", "empty-endpoints", "bad-url", "schema-v2",
                                                                         "url-trailing-newline", "url-with-tab"]])
def advertisement_malformed(spec, p):
    """The embedded advertisement is not a node-advertisement.v1 payload."""
    _needs_embedded(spec)
    adv = signed_advertisement(spec)
    variant = p["variant"]
    if variant == "no-endpoints":
        del adv["endpoints"]
    elif variant == "empty-endpoints":
        adv["endpoints"] = []
    elif variant == "missing-node-id":
        del adv["node/id"]
    elif variant == "bad-url":
        adv["endpoints"][0]["endpoint/url"] = "not a uri"
    elif variant == "url-trailing-newline":  # Python's '$' and urlsplit would both let this through
        adv["endpoints"][0]["endpoint/url"] += "\n"
    elif variant == "url-with-tab":
        url = adv["endpoints"][0]["endpoint/url"]
        adv["endpoints"][0]["endpoint/url"] = url[:8] + "\t" + url[8:]
    else:
        adv["schema/v"] = 2
    mutated = spec.with_(advertisement=adv)
    return invalid(mutated, doc_bytes(mutated), {"advertisement-malformed"}, "semantic")


@mutation("advertisement.evidence-digest-differs", "advertisement", ["NAA-ADV-006"], ["EvidenceAdvertisementDigest"],
          params={"which": choice},
          vectors=[("first-clean-entry", {"which": 0}, "directory-confirmed")])
def evidence_advertisement_digest(spec, p):
    """An entry names a different advertisement digest: a SHOULD, so valid with a warning."""
    i = clean_entry(spec, p["which"])
    return valid(with_entry(spec, i, adv_digest=fake_digest("older advertisement")))


@mutation("advertisement.equivalent-url", "advertisement", ["NAA-ADV-004"], ["EquivalentUrl"],
          params={"explicit_port": st.booleans(), "upper_host": st.booleans()}, needs=["embedded"],
          vectors=[("explicit-port-upper-host", {"explicit_port": True, "upper_host": True}, "directory-confirmed"),
                   ("percent-encoded-path", {"explicit_port": False, "upper_host": False}, "non-ascii")])
def equivalent_url(spec, p):
    """The advertised URL differs textually (host case, explicit default port, percent-encoding) but normalizes
    to the claimed endpoint: valid."""
    _needs_embedded(spec)
    return valid(spec.with_(url_variant={"explicit_port": p["explicit_port"], "upper_host": p["upper_host"]}))


# ---- endpoint normalization ----

INVALID_HOSTS = ("node 01.example", "node/01.example", "[2001:db8::zz]", "exa\u200dmple.test", "\u0378.example",
                 "user@host.example", "host.example:443", "xn--zz.example", "a..b.example", "host.example..",
                 "[192.0.2.1]", "fe80::1%eth0", "::ffff:192.0.2.7%eth0", "host<x>.example", "ho\x01st.example",
                 "b\u00fc/cher.example", "b\u00fc%41cher.example")


@mutation("endpoint.host-invalid", "endpoint", ["NAA-ENDPOINT-001"], ["InvalidHost"],
          params={"host": st.sampled_from(INVALID_HOSTS)}, needs=["ref"],
          vectors=[(f"host-{i}", {"host": h}, "directory-accepted") for i, h in enumerate(INVALID_HOSTS)])
def host_invalid(spec, p):
    """A host that cannot be normalized (space, slash, bad IPv6 literal, IDNA-invalid label, userinfo, port)."""
    if spec.adv_form != "ref":
        raise NotApplicable("needs a reference (an invalid host cannot be advertised)")
    raw_endpoint = dict(spec.endpoint, host=p["host"])
    mutated = spec.with_(stored_endpoint=raw_endpoint,
                         claim_digest=jcs_digest({"target/node-id": spec.target.node_id, "endpoint": raw_endpoint}))
    # With no normal form there is nothing to compare the stored endpoint with: only the host is reported.
    outcome = invalid(mutated, doc_bytes(mutated), {"endpoint-host-invalid"}, "semantic")
    return replace(outcome, codes=outcome.codes - {"endpoint-not-normalized"})


UTS46_HOSTS = ("\u2089.example", "\uff4e\uff4f\uff44\uff45.example", "B\u00dcCHER.example", "\u2460.test",
               "Stra\u00dfe.example", "xn--BCHER-KVA.example")


@mutation("endpoint.uts46-mapping", "endpoint", ["NAA-ENDPOINT-002", "NAA-DIGEST-001"], ["Uts46Mapping"],
          params={"host": st.sampled_from(UTS46_HOSTS)}, needs=["ref"],
          vectors=[(f"host-{i}", {"host": h}, "directory-accepted") for i, h in enumerate(UTS46_HOSTS)])
def uts46_mapping(spec, p):
    """Hosts that UTS 46 maps (subscript and circled digits, full-width letters, case, an upper-case A-label)
    written as such; the digest is over the mapped A-label form: valid, with a warning."""
    import idna

    if spec.adv_form != "ref":
        raise NotApplicable("needs a reference")
    normal = idna.encode(p["host"], uts46=True, transitional=False).decode("ascii").lower()
    endpoint = dict(spec.endpoint, host=normal)
    return valid(spec.with_(endpoint=endpoint, stored_endpoint=dict(endpoint, host=p["host"])))


@mutation("endpoint.not-normalized", "endpoint", ["NAA-ENDPOINT-002", "NAA-DIGEST-001"], ["NormalizeBeforeDigest"],
          params={"variant": choice, "digest_over": st.sampled_from(["normal-form", "as-written"])},
          vectors=[(f"{d}-{n}", {"variant": n, "digest_over": d}, "non-ascii") for d in ["normal-form", "as-written"] for n in range(3)]
          + [(f"{d}-ipv6-{n}", {"variant": n, "digest_over": d}, "ipv6") for d in ["normal-form", "as-written"] for n in range(2)]
          + [(f"{d}-ipv4-mapped-{n}", {"variant": n, "digest_over": d}, "ipv4-mapped") for d in ["normal-form"] for n in range(3)]
          + [("normal-form-trailing-dot", {"variant": 1, "digest_over": "normal-form"}, "directory-confirmed")])
def not_normalized(spec, p):
    """The endpoint is written out of normal form. Digest over the normal form: valid with a warning.
    Digest over the text as written: the receiver normalizes first, so the digest mismatches."""
    variants = denormalized_variants(spec.endpoint)
    if not variants:
        raise NotApplicable("endpoint has no other writing")
    _, stored = variants[p["variant"] % len(variants)]
    mutated = spec.with_(stored_endpoint=stored)
    if p["digest_over"] == "normal-form":
        return valid(mutated)
    mutated = mutated.with_(claim_digest=jcs_digest({"target/node-id": spec.target.node_id, "endpoint": stored}))
    return invalid(mutated, doc_bytes(mutated), {"claim-digest-mismatch"}, "semantic")


# ---- keys and signatures ----



def _entry_or_envelope(spec, p):
    if p.get("where") == "envelope":
        if not spec.envelope:
            raise NotApplicable("needs an envelope signature")
        return None
    return clean_entry(spec, p.get("which", 0))


def _sig_code(index):
    return "envelope-signature-invalid" if index is None else "evidence-signature-invalid"


def _signed_with(spec, index, message_fn, key=None):
    """Document whose evidence entry ``index`` (or the envelope, index None) is signed over
    ``message_fn(statement)`` with ``key`` (default: the rightful signer's)."""
    if index is None:
        doc = build(spec)
        doc["signature"]["value"] = b64url((key or spec.assembler).sign(message_fn(doc)))
        return serialize(doc)

    def resign(doc):
        entry = doc["evidence"][index]
        entry["signature"]["value"] = b64url((key or spec.entries[index].key).sign(message_fn(entry)))
    return edited(spec, resign)


def _body(statement):
    return {k: v for k, v in statement.items() if k != "signature"}


where_strategy = st.sampled_from(["evidence", "evidence", "envelope"])


@mutation("signature.wrong-key", "signature", ["NAA-SIG-001", "NAA-SIG-004"], ["WrongSigner"],
          params={"which": choice, "where": where_strategy, "other": st.sampled_from(K.NODES + K.DIRECTORIES)},
          vectors=[("evidence-directory", {"which": 0, "where": "evidence", "other": K.DIRECTORIES[2]}, "directory-confirmed"),
                   ("evidence-self", {"which": 0, "where": "evidence", "other": K.STRANGER}, "self-only"),
                   ("envelope", {"where": "envelope", "other": K.STRANGER}, "trusted-peer-confirmed")])
def wrong_key(spec, p):
    """A signature made with a key other than the signer's."""
    index = _entry_or_envelope(spec, p)
    other = p["other"]
    if index is None:
        if other == spec.assembler:
            other = K.STRANGER
        message = lambda s: spec.signing_prefix.encode() + rfc8785.dumps(_body(s))
        return invalid(spec, _signed_with(spec, None, message, key=other), {"envelope-signature-invalid"}, "semantic")
    if other == spec.entries[index].key:
        other = K.STRANGER
    message = lambda s: spec.signing_prefix.encode() + rfc8785.dumps(_body(s))
    return invalid(spec, _signed_with(spec, index, message, key=other), {"evidence-signature-invalid"}, "semantic")


SIGNING_BUGS = ("includes-own-signature", "json-sort-keys", "json-dumps-default", "domain-prefix", "no-prefix-with-alg")


def _bad_message(spec, bug):
    prefix = spec.signing_prefix.encode()
    if bug == "includes-own-signature":
        return lambda s: prefix + rfc8785.dumps(dict(_body(s), signature={"alg": "ed25519"}))
    if bug == "json-sort-keys":
        return lambda s: prefix + json.dumps(_body(s), sort_keys=True).encode()
    if bug == "json-dumps-default":
        return lambda s: prefix + json.dumps(_body(s), separators=(",", ":")).encode()  # insertion order
    if bug == "domain-prefix":
        other = b"node-address-attestation.v1\x00" if not spec.signing_prefix else b""
        return lambda s: other + rfc8785.dumps(_body(s))
    return lambda s: prefix + rfc8785.dumps(dict(_body(s), signature={"alg": "ed25519", "value": ""}))


@mutation("signature.signing-input", "signature", ["NAA-SIG-001", "NAA-SIG-004"], ["SigningInput"],
          params={"which": choice, "where": where_strategy, "bug": st.sampled_from(SIGNING_BUGS)},
          vectors=[(f"{w}-{b}", {"which": 0, "where": w, "bug": b}, "directory-confirmed")
                   for w in ["evidence", "envelope"] for b in SIGNING_BUGS])
def signing_input_bug(spec, p):
    """Signed over the wrong bytes: including its own signature member, json.dumps instead of RFC 8785,
    or with/without a domain-separation prefix the case does not use."""
    index = _entry_or_envelope(spec, p)
    return invalid(spec, _signed_with(spec, index, _bad_message(spec, p["bug"])), {_sig_code(index)}, "semantic")


TAMPERS = ("fingerprint", "server-name", "transcript", "equivalent-timestamp", "drop-advertisement-digest", "expires-plus-1us")


def _tamper_entry(doc, index, tamper):
    e = doc["evidence"][index]
    if tamper in ("fingerprint", "server-name"):
        if "endpoint/certificate" not in e:
            raise NotApplicable("no certificate")
        cert = e["endpoint/certificate"]
        if tamper == "fingerprint":
            cert["fingerprint"] = fake_digest("swapped certificate")
        else:
            cert["server-name"] = "attacker.example"
    elif tamper == "transcript":
        if "session/transcript-hash" not in e:
            raise NotApplicable("no transcript")
        e["session/transcript-hash"] = fake_digest("replayed transcript")
    elif tamper == "equivalent-timestamp":
        text = e["signed/at"]  # the same instant, written with the other zero-offset form
        if text.endswith(("Z", "z")):
            e["signed/at"] = text[:-1] + "+00:00"
        elif text.endswith("+00:00"):
            e["signed/at"] = text[:-6] + "Z"
        else:
            raise NotApplicable("offset is not zero")
    elif tamper == "drop-advertisement-digest":
        if "advertisement/digest" not in e:
            raise NotApplicable("no advertisement/digest")
        del e["advertisement/digest"]
    else:
        raise NotApplicable(tamper)


@mutation("signature.tampered", "signature", ["NAA-SIG-001"], ["TamperedStatement"],
          params={"which": choice, "tamper": st.sampled_from(TAMPERS[:-1])},
          vectors=[(t, {"which": 0, "tamper": t}, "directory-confirmed") for t in TAMPERS[:-1]])
def tampered(spec, p):
    """A signed evidence member changed after signing (certificate, transcript, a timestamp rewritten to an
    equal instant, a dropped optional member)."""
    index = clean_entry(spec, p["which"])
    return invalid(spec, edited(spec, lambda d: _tamper_entry(d, index, p["tamper"])), {"evidence-signature-invalid"}, "semantic")


@mutation("signature.envelope-tampered", "signature", ["NAA-SIG-004"], ["TamperedStatement"],
          params={"change": st.sampled_from(["observed-at", "annotations", "extra-member"])},
          needs=["envelope"],
          vectors=[(c, {"change": c}, "directory-confirmed") for c in ["observed-at", "annotations", "extra-member"]])
def envelope_tampered(spec, p):
    """The attestation changed after the envelope signature."""
    if not spec.envelope:
        raise NotApplicable("needs an envelope")
    change = p["change"]

    def fn(doc):
        if change == "observed-at":
            doc["observed/at"] = render(spec.observed_at + SECOND)
        elif change == "annotations":
            doc["policy_annotations"] = {"injected": True}
        else:
            doc["x-late"] = 1
    return invalid(spec, post_signed(spec, fn), {"envelope-signature-invalid"}, "semantic")


def _malleate(value: str) -> str:
    sig = base64.urlsafe_b64decode(value + "==")
    s = int.from_bytes(sig[32:], "little") + L
    return b64url(sig[:32] + s.to_bytes(32, "little"))


@mutation("signature.malleated-s", "signature", ["NAA-SIG-003"], ["SignatureMalleability"],
          params={"which": choice, "where": where_strategy},
          vectors=[("evidence", {"which": 0, "where": "evidence"}, "directory-confirmed"),
                   ("envelope", {"where": "envelope"}, "directory-confirmed")])
def malleated_s(spec, p):
    """S replaced by S + L: verifies under a verifier that skips the S < L check (RFC 8032 §5.1.7)."""
    index = _entry_or_envelope(spec, p)
    if index is None:
        return invalid(spec, post_signed(spec, lambda d: d["signature"].__setitem__("value", _malleate(d["signature"]["value"]))),
                       {"envelope-signature-invalid"}, "semantic")
    fn = lambda d: d["evidence"][index]["signature"].__setitem__("value", _malleate(d["evidence"][index]["signature"]["value"]))
    return invalid(spec, edited(spec, fn), {"evidence-signature-invalid"}, "semantic")


ENCODINGS = ("padded", "standard-alphabet", "truncated-63", "extended-65", "nonzero-pad-bits", "hex", "embedded-newline")


def _reencode(value: str, how: str) -> str:
    sig = base64.urlsafe_b64decode(value + "==")
    if how == "padded":
        return value + "=="
    if how == "standard-alphabet":
        if "-" not in value and "_" not in value:
            raise NotApplicable("signature has no base64url-only characters")
        return value.replace("-", "+").replace("_", "/")
    if how == "truncated-63":
        return b64url(sig[:63])
    if how == "extended-65":
        return b64url(sig + b"\x00")
    if how == "nonzero-pad-bits":
        return value[:-1] + {"A": "B", "Q": "R", "g": "h", "w": "x"}[value[-1]]
    if how == "hex":
        return sig.hex()
    return value[:40] + "\n" + value[40:]


@mutation("signature.encoding", "signature", ["NAA-SIG-002"], ["SignatureEncoding", "TruncatedSignature"],
          params={"which": choice, "where": where_strategy, "how": st.sampled_from(ENCODINGS)},
          vectors=[(f"{w}-{h}", {"which": 0, "where": w, "how": h}, "trusted-peer-confirmed")
                   for w in ["evidence", "envelope"] for h in ENCODINGS if h != "standard-alphabet"]
          + [("evidence-standard-alphabet", {"which": 1, "where": "evidence", "how": "standard-alphabet"}, "trusted-peer-confirmed")])
def signature_encoding(spec, p):
    """The signature value is not strict unpadded base64url of 64 bytes (padding, +/, truncation, pad bits, hex)."""
    index = _entry_or_envelope(spec, p)
    if index is None:
        fn = lambda d: d["signature"].__setitem__("value", _reencode(d["signature"]["value"], p["how"]))
        return invalid(spec, post_signed(spec, fn), {"signature-encoding"}, "semantic")
    fn = lambda d: d["evidence"][index]["signature"].__setitem__("value", _reencode(d["evidence"][index]["signature"]["value"], p["how"]))
    return invalid(spec, edited(spec, fn), {"signature-encoding"}, "semantic")


@mutation("signature.envelope-signer-missing", "signature", ["NAA-SIG-004"], ["EnvelopeSigner"],
          needs=["envelope"], vectors=[("assembler-removed", {}, "directory-confirmed")])
def envelope_signer_missing(spec, p):
    """An envelope signature with no assembler/node-id to verify it against."""
    if not spec.envelope:
        raise NotApplicable("needs an envelope")
    return invalid(spec, post_signed(spec, lambda d: d.pop("assembler/node-id")), {"envelope-signer-missing"}, "semantic")


BAD_DID_KEYS = ("wrong-multicodec", "no-multicodec", "extra-byte", "short", "secp256k1")


def _bad_did(key: K.TestKey, how: str) -> str:
    """The signer's own key bytes under a broken did:key encoding (so a lenient decoder that
    finds the key anyway verifies the signature and accepts)."""
    import base58

    raw = {"wrong-multicodec": b"\x12\x00" + key.public, "no-multicodec": key.public,
           "extra-byte": K.ED25519_MULTICODEC + key.public + b"\x00", "short": K.ED25519_MULTICODEC + key.public[:31]}.get(how)
    if raw is None:
        return "node:did:key:zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme"  # a secp256k1 key (multicodec 0xe701)
    return "node:did:key:z" + base58.b58encode(raw).decode("ascii")


@mutation("key.invalid-did-key", "signature", ["NAA-KEY-001"], ["InvalidDidKey"],
          params={"which": choice, "where": st.sampled_from(["evidence", "envelope"]), "did": st.sampled_from(BAD_DID_KEYS)},
          vectors=[(f"{w}-{d}", {"which": 0, "where": w, "did": d}, "trusted-peer-confirmed")
                   for w in ["evidence", "envelope"] for d in BAD_DID_KEYS])
def invalid_did_key(spec, p):
    """A did:key signer that does not decode to a 32-byte Ed25519 key (wrong multicodec, wrong length)."""
    if p["where"] == "envelope":
        if not spec.envelope:
            raise NotApplicable("needs an envelope")
        bad = _bad_did(spec.assembler, p["did"])
        return invalid(spec, edited(spec, lambda d: d.__setitem__("assembler/node-id", bad)),
                       {"signer-key-invalid"}, "semantic")
    i = clean_entry(spec, p["which"], kinds=("peer-reachability",))
    mutated = with_entry(spec, i, overrides={"signer/id": _bad_did(spec.entries[i].key, p["did"])})
    return invalid(mutated, doc_bytes(mutated), {"signer-key-invalid"}, "semantic")


@mutation("signature.self-signer-not-target", "signature", ["NAA-SIG-005"], ["SelfSignerNotTarget"],
          params={"other": st.sampled_from(K.NODES)},
          vectors=[("stranger-self-advertisement", {"other": K.STRANGER}, "directory-confirmed")])
def self_signer_not_target(spec, p):
    """Self-advertisement evidence signed (validly) by a node other than the target: a SHOULD; it counts for nothing."""
    other = p["other"] if p["other"] != spec.target else K.STRANGER
    base = spec.entries[0]
    extra = replace(base, kind="self-advertisement", signer=other.node_id, key=other, trusted=True,
                    transcript=False, verified_at=None, adv_digest=None, overrides={})
    return valid(spec.with_(entries=list(spec.entries) + [extra]))


# ---- time ----

@mutation("time.window-inverted", "time", ["NAA-TIME-001", "NAA-TIME-003"], ["InvertedWindow"],
          params={"which": choice, "gap_us": st.one_of(st.just(1), st.integers(1, 16_000_000))},
          vectors=[("by-1us", {"which": 0, "gap_us": 1}, "directory-confirmed"),
                   ("by-16s", {"which": 0, "gap_us": 16_000_000}, "self-only")])
def window_inverted(spec, p):
    """signed/at after expires/at (by as little as 1 µs)."""
    i = clean_entry(spec, p["which"])
    e = spec.entries[i]
    signed = e.expires_at + p["gap_us"] * US
    verified = signed if e.verified_at is not None else None
    mutated = with_entry(spec, i, signed_at=signed, verified_at=verified)
    return invalid(mutated, doc_bytes(mutated), {"evidence-window-inverted"}, "semantic")


@mutation("time.window-equal", "time", ["NAA-TIME-001"], ["InvertedWindow"],
          params={"which": choice}, vectors=[("signed-equals-expires", {"which": 0}, "self-only")])
def window_equal(spec, p):
    """signed/at equal to expires/at is allowed (<=)."""
    i = clean_entry(spec, p["which"])
    e = spec.entries[i]
    return valid(with_entry(spec, i, signed_at=e.expires_at, verified_at=e.expires_at if e.verified_at is not None else None))


SKEWS_US = (1, 1000, 1_000_000, 3_600_000_000)
NAMED_STYLES = {
    "plain": Style(),
    "offset-530-lower-9": Style(offset_minutes=330, zulu=False, lower=True, digits=9),
    "offset-minus-8-3": Style(offset_minutes=-480, zulu=False, digits=3),
    "zulu-lower-12": Style(lower=True, digits=12),
    "offset-plus-14": Style(offset_minutes=840, zulu=False),
}
style_names = st.sampled_from(sorted(NAMED_STYLES))


def _certificate_entry(spec, which):
    candidates = [i for i in model.clean_entries(spec) if spec.entries[i].verified_at is not None]
    if not candidates:
        raise NotApplicable("no clean entry with a certificate")
    return candidates[which % len(candidates)]


@mutation("time.certificate-skew", "time", ["NAA-TIME-002", "NAA-TIME-003"], ["ClockSkew"],
          params={"which": choice, "side": st.sampled_from(["before", "after"]), "delta_us": st.sampled_from(SKEWS_US),
                  "style": style_names},
          needs=["certificate"],
          vectors=[(f"{s}-{d}us", {"which": 0, "side": s, "delta_us": d, "style": "plain"}, "directory-confirmed")
                   for s in ["before", "after"] for d in SKEWS_US]
          + [(f"{s}-1us-{st_}", {"which": 0, "side": s, "delta_us": 1, "style": st_}, "directory-confirmed")
             for s in ["before", "after"] for st_ in ["offset-530-lower-9", "offset-minus-8-3"]])
def certificate_skew(spec, p):
    """endpoint/certificate.verified/at more than 16 s outside the evidence window (by as little as 1 µs)."""
    i = _certificate_entry(spec, p["which"])
    e = spec.entries[i]
    skew = 16 * SECOND + p["delta_us"] * US
    verified = e.signed_at - skew if p["side"] == "before" else e.expires_at + skew
    mutated = with_entry(spec, i, verified_at=verified, styles=e.styles[:2] + (NAMED_STYLES[p["style"]],))
    return invalid(mutated, doc_bytes(mutated), {"certificate-time-skew"}, "semantic")


@mutation("time.certificate-skew-boundary", "time", ["NAA-TIME-002", "NAA-TIME-003"], ["ClockSkewBoundary"],
          params={"which": choice, "side": st.sampled_from(["before", "after"]), "inside_us": st.sampled_from([0, 1]),
                  "style": style_names},
          needs=["certificate"],
          vectors=[(f"{s}-inside-{d}us", {"which": 0, "side": s, "inside_us": d, "style": "plain"}, "directory-confirmed")
                   for s in ["before", "after"] for d in (0, 1)]
          + [(f"{s}-exact-{st_}", {"which": 0, "side": s, "inside_us": 0, "style": st_}, "directory-confirmed")
             for s in ["before", "after"] for st_ in ["offset-530-lower-9", "offset-plus-14"]])
def certificate_skew_boundary(spec, p):
    """verified/at exactly 16 s (or 16 s - 1 µs) outside the window: allowed, bounds included."""
    i = _certificate_entry(spec, p["which"])
    e = spec.entries[i]
    skew = 16 * SECOND - p["inside_us"] * US
    verified = e.signed_at - skew if p["side"] == "before" else e.expires_at + skew
    return valid(with_entry(spec, i, verified_at=verified, styles=e.styles[:2] + (NAMED_STYLES[p["style"]],)))


@mutation("time.equivalent-styles", "time", ["NAA-TIME-003", "NAA-SCHEMA-005"], ["TimestampStyles"],
          params={"envelope": style_names, "signed": style_names, "expires": style_names, "verified": style_names},
          vectors=[(f"{a}/{b}", {"envelope": a, "signed": b, "expires": a, "verified": b}, base)
                   for a, b, base in [("offset-530-lower-9", "offset-minus-8-3", "directory-confirmed"),
                                      ("zulu-lower-12", "offset-plus-14", "trusted-peer-confirmed"),
                                      ("offset-plus-14", "offset-minus-8-3", "self-only")]])
def equivalent_styles(spec, p):
    """Every timestamp written in another valid RFC 3339 style (offsets up to +14:00, lowercase t/z,
    up to 12 fraction digits): the instants, and so the outcome, are unchanged."""
    s = {k: NAMED_STYLES[v] for k, v in p.items()}
    entries = [replace(e, styles=(s["signed"], s["expires"], s["verified"])) for e in spec.entries]
    return valid(spec.with_(entries=entries, styles=(s["envelope"], s["envelope"])))


@mutation("time.envelope-expired", "time", ["NAA-TIME-004", "NAA-TRUST-006"], ["Expiry"],
          params={"delta_us": st.one_of(st.just(0), st.just(1), st.integers(1, 10**10))},
          vectors=[("at-expiry-still-live", {"delta_us": 0}, "directory-confirmed"),
                   ("1us-after", {"delta_us": 1}, "directory-confirmed"),
                   ("1h-after", {"delta_us": 3_600_000_000}, "trusted-peer-confirmed")])
def envelope_expired(spec, p):
    """now at or after the envelope's expires/at: at it, still live; 1 µs after, expired."""
    return valid(spec.with_(now=spec.expires_at + p["delta_us"] * US))


@mutation("time.evidence-expired", "time", ["NAA-TIME-005", "NAA-TIME-006", "NAA-TRUST-006"], ["Expiry"],
          params={"which": choice, "scope": st.sampled_from(["one", "all", "counted"]),
                  "delta_us": st.one_of(st.just(0), st.just(1), st.integers(1, 10**9))},
          vectors=[("top-entry-1us", {"which": 0, "scope": "one", "delta_us": 1}, "directory-confirmed"),
                   ("top-entry-at-expiry", {"which": 0, "scope": "one", "delta_us": 0}, "directory-confirmed"),
                   ("all-entries", {"which": 0, "scope": "all", "delta_us": 1}, "trusted-peer-confirmed"),
                   ("counted-entries-untrusted-live", {"which": 0, "scope": "counted", "delta_us": 1}, "untrusted-noise")])
def evidence_expired(spec, p):
    """Evidence entries past their expires/at at now are ignored; the class falls to what remains, or is
    expired when nothing that would count is live (live evidence from untrusted signers does not help)."""
    if p["scope"] == "all":
        targets = range(len(spec.entries))
    elif p["scope"] == "counted":
        targets = [i for i, e in enumerate(spec.entries) if model.counts(spec, e)]
    else:
        targets = [clean_entry(spec, p["which"])]
    now = spec.now
    mutated = spec
    for i in targets:
        e = mutated.entries[i]
        expires = now - p["delta_us"] * US
        signed = min(e.signed_at, expires)
        verified = signed if e.verified_at is not None else None
        mutated = with_entry(mutated, i, expires_at=expires, signed_at=signed, verified_at=verified)
    return valid(mutated)


@mutation("time.envelope-outlives-evidence", "time", ["NAA-TIME-006"], ["EnvelopeLifetime"],
          params={"extra_us": st.integers(1, 10**9)},
          vectors=[("by-1us", {"extra_us": 1}, "directory-confirmed"), ("by-1h", {"extra_us": 3_600_000_000}, "self-only")])
def envelope_outlives(spec, p):
    """The envelope's expires/at later than the earliest expiry among counted evidence: a SHOULD, so a warning."""
    counted = [e.expires_at for e in spec.entries if model.counts(spec, e)]
    return valid(spec.with_(expires_at=min(counted) + p["extra_us"] * US, now=min(spec.now, min(counted))))


# ---- trust ----

@mutation("trust.untrusted-upgrade", "trust", ["NAA-TRUST-007"], ["UntrustedSigner"],
          params={"variant": st.sampled_from(["unknown-directory", "untrusted-peer", "trusted-peer-as-directory",
                                              "assembler-as-peer"])},
          vectors=[(v, {"variant": v}, "self-only") for v in ["unknown-directory", "untrusted-peer", "trusted-peer-as-directory"]]
          + [("assembler-as-peer", {"variant": "assembler-as-peer"}, "self-only"),
             ("assembler-as-peer-over-directory", {"variant": "assembler-as-peer"}, "directory-accepted")])
def untrusted_upgrade(spec, p):
    """Higher-kind evidence from signers the receiver does not trust for that kind counts for nothing."""
    variant = p["variant"]
    used = {e.signer for e in spec.entries}
    base = replace(spec.entries[0], overrides={}, adv_digest=None)
    if variant == "assembler-as-peer":
        if spec.assembler is None:
            spec = spec.with_(assembler=K.STRANGER)
        if spec.assembler.node_id in used:
            raise NotApplicable("the assembler also signs evidence")
        return valid(spec.with_(trusted_extra_peers=tuple(spec.trusted_extra_peers) + (spec.assembler,)))
    if variant == "unknown-directory":
        unknown = next((k for k in K.DIRECTORIES if K.directory_id(k) not in used), None)
        if unknown is None:
            raise NotApplicable("every test directory is in use")
        extra = replace(base, kind="seed-directory", signer=K.directory_id(unknown), key=None, trusted=False,
                        transcript=True, verified_at=base.signed_at)
        return valid(spec.with_(entries=list(spec.entries) + [extra]))
    if variant == "untrusted-peer":
        extra = replace(base, kind="peer-reachability", signer=K.STRANGER.node_id, key=K.STRANGER, trusted=False,
                        transcript=True, verified_at=base.signed_at)
        return valid(spec.with_(entries=list(spec.entries) + [extra]))
    peer = next(k for k in K.NODES if k not in (spec.target, spec.assembler) and k.node_id not in used)
    extra = replace(base, kind="seed-directory", signer=peer.node_id, key=peer, trusted=False, transcript=True,
                    verified_at=base.signed_at)
    return valid(spec.with_(entries=list(spec.entries) + [extra], trusted_extra_peers=(peer,)))


@mutation("trust.class", "trust",
          ["NAA-TRUST-001", "NAA-TRUST-002", "NAA-TRUST-003", "NAA-TRUST-004", "NAA-TRUST-006", "NAA-TIME-003"],
          ["TrustClass"], vectors=[("as-built", {}, b) for b in
                                   ["directory-confirmed", "directory-accepted", "trusted-peer-confirmed", "self-only", "non-ascii", "ipv6"]])
def trust_class(spec, p):
    """The scenario as built: its class follows from its live, trusted evidence."""
    return valid(spec)


def by_name(name: str) -> Mutation:
    for m in MUTATIONS:
        if m.name == name:
            return m
    raise KeyError(name)
