"""node-address-attestation.v1 (with its embedded node-advertisement) as a location Site.

Re-derivation after a transformation (CONFORMANCE.md I2-I11): the claim digest over
``target/node-id`` and ``endpoint``, the embedded advertisement's placeholder signature and its
digest (top level and in evidence), every evidence signature, the envelope signature. The
transformed pointer itself is never recomputed.
"""

from __future__ import annotations

from dataclasses import replace

from conformance import catalog, protocol
from conformance.case import Case, Expected

from ..naa import build, model
from ..naa.scenarios import fixed_bases
from ..shared import keys as K
from ..shared.encoding import b64url
from ..shared.timefmt import render
from .engine import Site

FLAG = "EveryLocation"  # cases.FLAG (cases imports the sites' modules' engine, not them)


def _with_optional_members(spec: build.Spec) -> build.Spec:
    """The same scenario carrying the optional members the fixed bases leave out (an
    advertisement succession, a certificate's advisory route id), so their locations are reached."""
    adv = build.advertisement_for(spec)
    adv["succession"] = {"successor/node-id": K.NODES[5].node_id}
    entries = [replace(e, edit=lambda s: s.get("endpoint/certificate", {}).update({"advisory/route-id": "route:r1"}))
               for e in spec.entries]
    return spec.with_(advertisement=adv, entries=entries, attestation_suffix="om")


def _bases() -> dict:
    bases = {n: s for n, s in fixed_bases().items() if not model.validation_codes(s)}
    bases["optional-members"] = _with_optional_members(bases["directory-confirmed"])
    return bases


def _resign(statement: dict, key, prefix: str) -> None:
    sig = dict(statement.get("signature", {"alg": "ed25519"}))
    sig["value"] = b64url(key.sign(build.signing_input(statement, prefix)))
    statement["signature"] = sig


def rederive(spec: build.Spec, doc: dict, pinned: str, t) -> dict:
    prefix = spec.signing_prefix
    if pinned != "/claim~1digest":
        doc["claim/digest"] = build.jcs_digest({"target/node-id": doc["target/node-id"], "endpoint": doc["endpoint"]})
    adv = doc.get("node-advertisement")
    if isinstance(adv, dict):
        if pinned != "/node-advertisement/signature/value":
            body = {k: v for k, v in adv.items() if k != "signature"}
            adv["signature"] = dict(adv.get("signature", {}), value=b64url(spec.target.sign(build.jcs.dumps(body))))
        if pinned != "/advertisement~1digest":
            doc["advertisement/digest"] = build.jcs_digest(adv)
    for i, entry in enumerate(doc["evidence"]):
        here = f"/evidence/{i}"
        if pinned != f"{here}/claim~1digest":
            entry["claim/digest"] = doc["claim/digest"]
        if "advertisement/digest" in entry and pinned != f"{here}/advertisement~1digest":
            entry["advertisement/digest"] = doc["advertisement/digest"]
        if pinned != f"{here}/signature/value":
            key = spec.entries[i].key or K.STRANGER
            _resign(entry, key, prefix)
    if "signature" in doc and pinned != "/signature/value":
        _resign(doc, spec.assembler, prefix)
    return doc


def case(case_id: str, spec: build.Spec, doc: dict, effect: str, code, t, where: str) -> Case:
    if effect == "valid":
        trust_class, codes = model.expected_valid(spec)
        expected = Expected("valid", trust_class, tuple(sorted(codes)))
        req = catalog.requirement_for_code("timestamp-invalid", catalog.NAA)
    else:
        codes = {code} | (model.validation_codes(spec) if effect != "schema" else set())
        expected = Expected("invalid", None, tuple(sorted(codes)))
        req = catalog.requirement_for_code(code, catalog.NAA)
    return Case(id=case_id, operation="verify", documents=(build.serialize(doc),), now=render(spec.now),
                expected=(expected,), requirements=(req,), flags=(FLAG,),
                comment=f"{t.note} at {where}; digests and signatures re-derived", trust=build.trust_config(spec),
                options={"signing-prefix": spec.signing_prefix})


SITES = (Site(
    artifact=protocol.KIND_NAA, schema="node-address-attestation.v1.json",
    embeds={"/node-advertisement": "node-advertisement.v1.json"},
    decoded=("/evidence/*/signer~1id", "/assembler~1node-id"),  # I9; target/node-id is compared, never decoded
    signatures=("/evidence/*/signature/value", "/signature/value"),  # the advertisement's is not checked
    bases=_bases, document=build.build, rederive=rederive, case=case, key_code="signer-key-invalid",
    # an embedded advertisement off its schema is advertisement-malformed (NAA-ADV-005)
    embed_codes={"/node-advertisement": "advertisement-malformed"}),)

