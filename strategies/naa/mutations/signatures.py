"""Mutations of the keys and signatures (NAA-KEY-*, NAA-SIG-*) group."""

from __future__ import annotations

import base64
import json
from dataclasses import replace

from conformance import jcs
from hypothesis import strategies as st

from ...shared import keys as K
from ...shared.encoding import b64url
from ...shared.timefmt import render
from ..build import build, fake_digest, serialize
from .base import (SECOND, NotApplicable, bad_entry_signature, choice, clean_entry, doc_bytes, edited, invalid, mutation,
                   post_signed, valid, with_entry)

L = 2**252 + 27742317777372353535851937790883648493  # the Ed25519 group order


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
ENVELOPE_WHERE = {("where", "envelope"): ["envelope"]}  # param_needs of the mutations drawing where_strategy


@mutation("signature.wrong-key", "signature", ["NAA-SIG-001", "NAA-SIG-004"], ["WrongSigner"],
          params={"which": choice, "where": where_strategy, "other": st.sampled_from(K.NODES + K.DIRECTORIES)},
          param_needs=ENVELOPE_WHERE,
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
        message = lambda s: spec.signing_prefix.encode() + jcs.dumps(_body(s))
        return invalid(spec, _signed_with(spec, None, message, key=other), {"envelope-signature-invalid"}, "semantic")
    if other == spec.entries[index].key:
        other = K.STRANGER
    message = lambda s: spec.signing_prefix.encode() + jcs.dumps(_body(s))
    return bad_entry_signature(spec, _signed_with(spec, index, message, key=other), index)


SIGNING_BUGS = ("includes-own-signature", "json-sort-keys", "json-dumps-default", "domain-prefix", "no-prefix-with-alg")


def _bad_message(spec, bug):
    prefix = spec.signing_prefix.encode()
    if bug == "includes-own-signature":
        return lambda s: prefix + jcs.dumps(dict(_body(s), signature={"alg": "ed25519"}))
    if bug == "json-sort-keys":
        return lambda s: prefix + json.dumps(_body(s), sort_keys=True).encode()
    if bug == "json-dumps-default":
        return lambda s: prefix + json.dumps(_body(s), separators=(",", ":")).encode()  # insertion order
    if bug == "domain-prefix":
        other = b"node-address-attestation.v1\x00" if not spec.signing_prefix else b""
        return lambda s: other + jcs.dumps(_body(s))
    return lambda s: prefix + jcs.dumps(dict(_body(s), signature={"alg": "ed25519", "value": ""}))


@mutation("signature.signing-input", "signature", ["NAA-SIG-001", "NAA-SIG-004"], ["SigningInput"],
          params={"which": choice, "where": where_strategy, "bug": st.sampled_from(SIGNING_BUGS)},
          param_needs=ENVELOPE_WHERE,
          vectors=[(f"{w}-{b}", {"which": 0, "where": w, "bug": b}, "directory-confirmed")
                   for w in ["evidence", "envelope"] for b in SIGNING_BUGS])
def signing_input_bug(spec, p):
    """Signed over the wrong bytes: including its own signature member, json.dumps instead of RFC 8785,
    or with/without a domain-separation prefix the case does not use."""
    index = _entry_or_envelope(spec, p)
    raw = _signed_with(spec, index, _bad_message(spec, p["bug"]))
    return invalid(spec, raw, {_sig_code(index)}, "semantic") if index is None else bad_entry_signature(spec, raw, index)


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
    return bad_entry_signature(spec, edited(spec, lambda d: _tamper_entry(d, index, p["tamper"])), index)


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
          param_needs=ENVELOPE_WHERE,
          vectors=[("evidence", {"which": 0, "where": "evidence"}, "directory-confirmed"),
                   ("envelope", {"where": "envelope"}, "directory-confirmed")])
def malleated_s(spec, p):
    """S replaced by S + L: verifies under a verifier that skips the S < L check (RFC 8032 §5.1.7)."""
    index = _entry_or_envelope(spec, p)
    if index is None:
        return invalid(spec, post_signed(spec, lambda d: d["signature"].__setitem__("value", _malleate(d["signature"]["value"]))),
                       {"envelope-signature-invalid"}, "semantic")
    fn = lambda d: d["evidence"][index]["signature"].__setitem__("value", _malleate(d["evidence"][index]["signature"]["value"]))
    return bad_entry_signature(spec, edited(spec, fn), index)


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
          param_needs=ENVELOPE_WHERE,
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
          param_needs={("where", "envelope"): ["envelope"], ("where", "evidence"): ["peer"]},
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
