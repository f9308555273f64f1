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


def _with_every_optional_member(spec: build.Spec) -> build.Spec:
    """Further optional members (a later base, so the vectors of the first one stay as they
    were): the succession's proofs, a federation, policy annotations, a certificate's other
    advisory members, and (in ``_document``) signature key references that name the signer
    itself. None of them is compared with anything (CONFORMANCE.md I6, I9)."""
    adv = build.advertisement_for(spec)
    adv["succession"] = {"successor/node-id": K.NODES[5].node_id, "proof/current": "proof:c", "proof/successor": "proof:s"}
    adv["federation/id"] = "federation:f1"
    adv["policy_annotations"] = {"note": "n"}

    def edit(statement: dict) -> None:
        statement.get("endpoint/certificate", {}).update({
            "advisory/route-id": "route:r1", "subject/common-name": "endpoint.test", "rotation/group-id": "g1",
            "rotation/supersedes": "sha256:old"})

    entries = [replace(e, edit=edit) for e in spec.entries]
    return spec.with_(advertisement=adv, entries=entries, attestation_suffix=OPTIONAL, annotations={"note": "n"})


OPTIONAL = "all"


def _document(spec: build.Spec) -> dict:
    """The signed document; the optional-members base also names each signature's key (its
    signer's own id: key/ref is ignored, I9), signed again with it."""
    doc = build.build(spec)
    if spec.attestation_suffix != OPTIONAL:
        return doc
    for i, entry in enumerate(doc["evidence"]):
        entry["signature"]["key/ref"] = (spec.entries[i].key or K.STRANGER).node_id
    doc["signature"]["key/ref"] = spec.assembler.node_id
    return rederive(spec, doc, None, None)


def _bases() -> dict:
    bases = {n: s for n, s in fixed_bases().items() if not model.validation_codes(s)}
    bases["optional-members"] = _with_optional_members(bases["directory-confirmed"])
    bases["every-optional-member"] = _with_every_optional_member(bases["directory-confirmed"])
    return bases


def _resign(statement: dict, key, prefix: str) -> None:
    sig = dict(statement.get("signature", {"alg": "ed25519"}))
    sig["value"] = b64url(key.sign(build.signing_input(statement, prefix)))
    statement["signature"] = sig


OTHER = K.NODES[7]  # the key the second form of a key pair names (keys.*)
# second form -> (designated form, OTHER in the second form's encoding); CONFORMANCE.md "Keys that appear twice"
KEY_PAIRS = {"/evidence/*/signature/key~1ref": ("/evidence/*/signer~1id", OTHER.node_id),
             "/signature/key~1ref": ("/assembler~1node-id", OTHER.node_id),
             "/node-advertisement/key~1public": ("/node-advertisement/node~1id", OTHER.multibase)}


def _signer(pinned, here: str, t, usual):
    """OTHER where ``keys.other-signs`` changed the key reference of the statement at ``here``."""
    other = t is not None and t.name == "keys.other-signs" and pinned in (f"{here}/signature/key~1ref",
                                                                         f"{here}/key~1public")
    return OTHER if other else usual


def rederive(spec: build.Spec, doc: dict, pinned: str, t) -> dict:
    prefix = spec.signing_prefix
    if pinned != "/claim~1digest":
        doc["claim/digest"] = build.jcs_digest({"target/node-id": doc["target/node-id"], "endpoint": doc["endpoint"]})
    adv = doc.get("node-advertisement")
    if isinstance(adv, dict):
        if pinned != "/node-advertisement/signature/value":
            body = {k: v for k, v in adv.items() if k != "signature"}
            signer = _signer(pinned, "/node-advertisement", t, spec.target)
            adv["signature"] = dict(adv.get("signature", {}), value=b64url(signer.sign(build.rfc8785.dumps(body))))
        if pinned != "/advertisement~1digest":
            doc["advertisement/digest"] = build.jcs_digest(adv)
    for i, entry in enumerate(doc["evidence"]):
        here = f"/evidence/{i}"
        if pinned != f"{here}/claim~1digest":
            entry["claim/digest"] = doc["claim/digest"]
        if "advertisement/digest" in entry and pinned != f"{here}/advertisement~1digest":
            entry["advertisement/digest"] = doc["advertisement/digest"]
        if pinned != f"{here}/signature/value":
            key = _signer(pinned, here, t, spec.entries[i].key or K.STRANGER)
            _resign(entry, key, prefix)
    if "signature" in doc and pinned != "/signature/value":
        _resign(doc, _signer(pinned, "", t, spec.assembler), prefix)
    return doc


def _pair_requirement(where: str) -> str:
    """The rule that designates the form (CONFORMANCE.md "Keys that appear twice")."""
    if where.startswith("/evidence/"):
        return catalog.requirement_for_code("evidence-signature-invalid", catalog.NAA)
    if where == "/signature/key~1ref":
        return catalog.requirement_for_code("envelope-signature-invalid", catalog.NAA)
    return catalog.requirement_for_code("advertisement-malformed", catalog.NAA)  # I6: its signature is not checked


def _pair_code(t, where: str):
    """keys.*: the designated key does not verify a statement OTHER signed; key/ref and the
    advertisement's key/public are read by no rule (I6, I9), so otherwise nothing changes."""
    if t.name != "keys.other-signs":
        return None
    if where.startswith("/evidence/"):
        return "evidence-signature-invalid"
    return "envelope-signature-invalid" if where == "/signature/key~1ref" else None


def case(case_id: str, spec: build.Spec, doc: dict, effect: str, code, t, where: str) -> Case:
    pair = effect == "pair"
    if pair:
        code = _pair_code(t, where)
        effect = "valid" if code is None else "pair"
    if effect == "valid":
        trust_class, codes = model.expected_valid(spec)
        expected = Expected("valid", trust_class, tuple(sorted(codes)))
        req = _pair_requirement(where) if pair else catalog.requirement_for_code("timestamp-invalid", catalog.NAA)
    else:
        codes = {code} | (model.validation_codes(spec) if effect != "schema" else set())
        expected = Expected("invalid", None, tuple(sorted(codes)))
        req = _pair_requirement(where) if pair else catalog.requirement_for_code(code, catalog.NAA)
    return Case(id=case_id, operation="verify", documents=(build.serialize(doc),), now=render(spec.now),
                expected=(expected,), requirements=(req,), flags=(FLAG,),
                comment=f"{t.note} at {where}; digests and signatures re-derived", trust=build.trust_config(spec),
                options={"signing-prefix": spec.signing_prefix})


SITES = (Site(
    artifact=protocol.KIND_NAA, schema="node-address-attestation.v1.json",
    embeds={"/node-advertisement": "node-advertisement.v1.json"},
    decoded=("/evidence/*/signer~1id", "/assembler~1node-id"),  # I9; target/node-id is compared, never decoded
    signatures=("/evidence/*/signature/value", "/signature/value"),  # the advertisement's is not checked
    bases=_bases, document=_document, rederive=rederive, case=case, key_code="signer-key-invalid", key_pairs=KEY_PAIRS,
    # never decoded (I6, I9): key references, and the advertisement's successor
    not_decoded=("/evidence/*/signature/key~1ref", "/signature/key~1ref", "/node-advertisement/succession/successor~1node-id"),
    # an embedded advertisement off its schema is advertisement-malformed (NAA-ADV-005)
    embed_codes={"/node-advertisement": "advertisement-malformed"}),)

