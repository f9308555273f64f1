"""Build signed node-address-attestation.v1 documents from a plain specification.

A Spec says what the document is (keys, endpoint, times as integer nanoseconds, which
evidence, which signers are trusted); ``build`` turns it into a signed JSON object with
the standard libraries (rfc8785 through conformance/jcs.py, hashlib, PyNaCl) and never consults the reference.
Overrides let adversarial mutations change one fact while everything else stays right.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, replace
from urllib.parse import quote

from conformance import jcs

from ..shared import keys as K
from ..shared.encoding import b64url
from ..shared.timefmt import PLAIN, render

REF_PREFIX = "orbiplex:blob:sha256:"


class _Delete:
    def __repr__(self) -> str:
        return "DELETE"


DELETE = _Delete()  # an override value that removes the member


def sha256_digest(data: bytes) -> str:
    return "sha256:" + b64url(hashlib.sha256(data).digest())


def jcs_digest(value) -> str:
    return sha256_digest(jcs.dumps(value))


def fake_digest(label: str) -> str:
    """A well-formed digest of an arbitrary label (transcripts, fingerprints)."""
    return sha256_digest(label.encode("utf-8"))


def endpoint_url(ep: dict, explicit_port: bool = False, upper_host: bool = False) -> str:
    host = ep["host"]
    if ":" in host:
        host = f"[{host}]"
    if upper_host:
        host = host.upper()
    port = "" if ep["port"] == 443 and not explicit_port else f":{ep['port']}"
    path = quote(ep["path"], safe="/%:@!$&'()*+,;=-._~")
    return f"{ep['scheme']}://{host}{port}{path}"


@dataclass
class Entry:
    kind: str
    signer: str  # signer/id as written
    key: K.TestKey | None  # key that signs; None for an unknown Seed Directory key (signs with STRANGER)
    signed_at: int
    expires_at: int
    trusted: bool  # construction: the case's trust configuration trusts this signer for this kind
    transcript: bool = False
    verified_at: int | None = None  # endpoint/certificate.verified/at, when a certificate is present
    adv_digest: str | None = None  # "top" copies the top-level digest
    styles: tuple = (PLAIN, PLAIN, PLAIN)  # signed/at, expires/at, verified/at
    overrides: dict = field(default_factory=dict)  # member -> value after building, before signing
    fingerprint_alg: str = "sha256-leaf-der"
    edit: object = None  # edit(statement) after building, before signing
    bad_signature: bool = False  # model only: its signature fails and I10 drop-bad-entry ignores it


@dataclass
class Spec:
    target: K.TestKey
    endpoint: dict  # normal form
    observed_at: int
    expires_at: int
    now: int
    entries: list
    adv_form: str = "embedded"  # embedded | ref
    stored_endpoint: dict | None = None  # as written in the document, when not the normal form
    advertised: list = field(default_factory=list)  # extra advertised endpoint URLs
    url_variant: dict = field(default_factory=dict)  # endpoint_url() options for the claimed URL
    assembler: K.TestKey | None = None
    envelope: bool = False
    styles: tuple = (PLAIN, PLAIN)  # observed/at, expires/at
    attestation_suffix: str = "0"
    trusted_extra_directories: tuple = ()
    trusted_extra_peers: tuple = ()
    signing_prefix: str = ""
    choices: tuple = ()  # declared interpretation choices (I…) as sorted (id, choice) pairs; () = the defaults
    annotations: dict | None = None
    overrides: dict = field(default_factory=dict)  # top-level member -> value, before the envelope signature
    claim_digest: str | None = None  # override of the computed claim digest (entries repeat it)
    advertisement: dict | None = None  # override of the generated advertisement

    def with_(self, **changes) -> "Spec":
        return replace(self, **changes)


def retarget(spec: Spec, key: K.TestKey) -> Spec:
    """The same scenario for another target node: its self-advertisement evidence follows."""
    entries = [replace(e, signer=key.node_id, key=key) if e.kind == "self-advertisement" and e.signer == spec.target.node_id
               else e for e in spec.entries]
    return replace(spec, target=key, entries=entries)


def advertisement_for(spec: Spec) -> dict:
    if spec.advertisement is not None:
        return spec.advertisement
    t = spec.observed_at
    endpoints = [endpoint_url(spec.endpoint, **spec.url_variant)] + list(spec.advertised)
    return {
        "schema/v": 1,
        "advertisement/id": "adv:" + spec.attestation_suffix,
        "node/id": spec.target.node_id,
        "sequence/no": 7,
        "advertised-at": render(t - 600 * 10**9),
        "expires-at": render(t + 3600 * 10**9),
        "key/alg": "ed25519",
        "key/public": spec.target.multibase,
        "endpoints": [
            {"endpoint/url": url, "endpoint/transport": "wss", "endpoint/role": "listener", "endpoint/priority": i}
            for i, url in enumerate(endpoints)
        ],
        "transports/supported": ["wss"],
        # The advertisement's own signature is governed by node-advertisement.v1 (CBOR); this
        # placeholder is an Ed25519 signature over its RFC 8785 bytes, never checked here.
        "signature": {"alg": "ed25519", "value": "x"},
    }


def signed_advertisement(spec: Spec) -> dict:
    adv = advertisement_for(spec)
    if spec.advertisement is None:
        body = {k: v for k, v in adv.items() if k != "signature"}
        adv["signature"] = {"alg": "ed25519", "value": b64url(spec.target.sign(jcs.dumps(body)))}
    return adv


def claim_digest(spec: Spec) -> str:
    if spec.claim_digest is not None:
        return spec.claim_digest
    return jcs_digest({"target/node-id": spec.target.node_id, "endpoint": spec.endpoint})


def signing_input(statement: dict, prefix: str = "") -> bytes:
    body = {k: v for k, v in statement.items() if k != "signature"}
    return prefix.encode("utf-8") + jcs.dumps(body)


def sign_statement(statement: dict, key: K.TestKey, prefix: str = "") -> dict:
    statement = dict(statement)
    statement.pop("signature", None)
    statement["signature"] = {"alg": "ed25519", "value": b64url(key.sign(signing_input(statement, prefix)))}
    return statement


def entry_statement(entry: Entry, claim: str, adv_digest: str) -> dict:
    s_sign, s_exp, s_ver = entry.styles
    out = {
        "kind": entry.kind,
        "signer/id": entry.signer,
        "signed/at": render(entry.signed_at, s_sign),
        "expires/at": render(entry.expires_at, s_exp),
        "claim/digest": claim,
    }
    if entry.adv_digest is not None:
        out["advertisement/digest"] = adv_digest if entry.adv_digest == "top" else entry.adv_digest
    if entry.transcript:
        out["session/transcript-hash"] = fake_digest(f"transcript:{entry.signer}:{entry.signed_at}")
    if entry.verified_at is not None:
        out["endpoint/certificate"] = {
            "fingerprint/alg": entry.fingerprint_alg,
            "fingerprint": fake_digest(f"certificate:{entry.signer}"),
            "server-name": "endpoint.test",
            "verified/at": render(entry.verified_at, s_ver),
        }
    for member, value in entry.overrides.items():
        if value is DELETE:
            out.pop(member, None)
        else:
            out[member] = value
    if entry.edit is not None:
        entry.edit(out)
    return out


def advertisement_digest(spec: Spec, adv: dict | None) -> str:
    if "advertisement/digest" in spec.overrides:
        return spec.overrides["advertisement/digest"]
    if adv is not None:
        return jcs_digest(adv)
    return fake_digest(f"advertisement-blob:{spec.target.label}:{spec.attestation_suffix}")


def build(spec: Spec, edit=None) -> dict:
    """The signed document, members in a conventional (not canonical) order.

    ``edit(doc)``, when given, changes the document after the evidence is signed and
    before the envelope signature, so only the evidence signatures see the change.
    """
    claim = claim_digest(spec)
    adv = signed_advertisement(spec) if spec.adv_form == "embedded" else None
    adv_digest = advertisement_digest(spec, adv)
    doc: dict = {
        "schema": "node-address-attestation.v1",
        "attestation/id": f"attestation:node-address:{claim[7:19]}:{spec.attestation_suffix}",
        "target/node-id": spec.target.node_id,
        "endpoint": dict(spec.stored_endpoint or spec.endpoint),
        "claim/digest": claim,
    }
    if adv is not None:
        doc["node-advertisement"] = adv
    else:
        doc["node-advertisement/ref"] = REF_PREFIX + adv_digest[len("sha256:"):]
    doc["advertisement/digest"] = adv_digest
    doc["observed/at"] = render(spec.observed_at, spec.styles[0])
    doc["expires/at"] = render(spec.expires_at, spec.styles[1])
    doc["evidence"] = [
        sign_statement(entry_statement(e, claim, adv_digest), e.key or K.STRANGER, spec.signing_prefix)
        for e in spec.entries
    ]
    if spec.assembler is not None:
        doc["assembler/node-id"] = spec.assembler.node_id
    if spec.annotations is not None:
        doc["policy_annotations"] = spec.annotations
    for member, value in spec.overrides.items():
        if value is DELETE:
            doc.pop(member, None)
        else:
            doc[member] = value
    if edit is not None:
        edit(doc)
    if spec.envelope:
        doc = sign_statement(doc, spec.assembler, spec.signing_prefix)
    return doc


def trust_config(spec: Spec) -> dict:
    """The local trust configuration the case runs under, derived from the entries' flags."""
    directories, peers = {}, set()
    for e in spec.entries:
        if not e.trusted or e.key is None:
            continue
        if e.kind == "seed-directory":
            directories[e.signer] = e.key.multibase
        elif e.kind == "peer-reachability":
            peers.add(e.signer)
    for key in spec.trusted_extra_directories:
        directories[K.directory_id(key)] = key.multibase
    peers.update(key.node_id for key in spec.trusted_extra_peers)
    for e in spec.entries:  # construction guard: an untrusted signer must not be trusted for its kind
        trusted_for_kind = directories if e.kind == "seed-directory" else peers if e.kind == "peer-reachability" else {}
        if not e.trusted and e.signer in trusted_for_kind:
            raise ValueError(f"inconsistent spec: {e.signer} both trusted and untrusted for {e.kind}")
    return {"seed-directories": dict(sorted(directories.items())), "trusted-peers": sorted(peers)}


def serialize(doc: dict, ascii_only: bool = False, indent: int | None = None) -> bytes:
    return json.dumps(doc, ensure_ascii=ascii_only, indent=indent).encode("utf-8")
