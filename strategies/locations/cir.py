"""participant-bind.v1 and the attachment, detachment and recovery artifacts as location Sites.

Re-derivation after a transformation (CONFORMANCE.md C2-C4): the participant signature and the
bind's node attestation over the bind, the artifact's node attestation over the artifact. A
did:key transformation of ``participant/id`` carries over to ``participant/key/public`` (the
spec derives one from the other, C3), and one of ``via/node-id`` / ``serving-node/id`` to the
other (they must be equal, C3), so the undecodable key is the only defect.
"""

from __future__ import annotations

from functools import cache

from conformance import catalog
from conformance.case import Case, Expected

from ..cir import model
from ..cir.build import ATTACH, BIND, DETACH, RECOVER, bind, document, serialize, signature
from ..cir.scenes import FIXED, make
from ..shared import keys as K
from ..shared.timefmt import NS, render
from . import pointers
from .engine import Site

FLAG = "EveryLocation"  # cases.FLAG (cases imports the sites' modules' engine, not them)

PARTICIPANT_DID = "participant:did:key:"


@cache
def _scenes() -> dict:
    plain = FIXED["replace"]
    attested = make(plain.recovery.participant, plain.recovery.node, plain.other_node, plain.other_participant,
                    "replace-device", attached=plain.attachment.at, detach_after=plain.detachment.at - plain.attachment.at,
                    recover_after=plain.recovery.at - plain.detachment.at, bind_lead=30 * NS, now_after=60 * NS,
                    suffix="06", node_attestations=True)
    # every optional member present: the attachment's pod user, node attestations on every bind
    full = attested.with_(attachment=attested.attachment.with_bind(node_attestation=True).with_(
                              extras={"pod-user/id": "pod-user:did:key:" + attested.recovery.participant.multibase}),
                          detachment=attested.detachment.with_bind(node_attestation=True).with_(node_attestation=True))
    # a later scene (the first two keep their vectors): policy annotations on every artifact and
    # bind, a detachment's notes and a recovery's token reference, none of which any rule reads
    notes = {"policy_annotations": {"note": "n"}}
    every = full.with_(
        attachment=full.attachment.with_bind(annotations={"note": "n"}).with_(extras={**full.attachment.extras, **notes}),
        detachment=full.detachment.with_bind(annotations={"note": "n"}).with_(extras={**notes, "detach/notes": "n"}),
        recovery=full.recovery.with_bind(annotations={"note": "n"}).with_(extras={**notes, "recovery/token-ref": "token:t"}))
    return {"replace": plain, "attested": full, "every-optional-member": every}


def _artifact(scene, kind):
    return {ATTACH: scene.attachment, DETACH: scene.detachment, RECOVER: scene.recovery}.get(kind)


def _bases(kind):
    def bases() -> dict:
        return {name: (scene, kind) for name, scene in _scenes().items()}
    return bases


def _document(base) -> dict:
    scene, kind = base
    if kind == BIND:
        return bind(scene.recovery.bind, scene.style, scene.signing_prefix)
    return document(_artifact(scene, kind), scene.style, scene.signing_prefix)


def _base_codes(base) -> set:
    scene, kind = base
    if kind == BIND:
        return {"timestamp-in-future"} if scene.recovery.bind.bound_at > scene.now + model.SKEW else set()
    return model.artifact_codes(_artifact(scene, kind), scene.now)


OTHER = K.NODES[7]  # the key the second form of a key pair names (keys.*)


def _key_pairs(kind: str) -> dict:
    """Second form -> (designated form, OTHER in the second form's encoding); CONFORMANCE.md
    "Keys that appear twice". A bare bind has no serving node: its via/node-id is the only form."""
    at = "" if kind == BIND else "/participant-bind"
    out = {f"{at}/participant~1key~1public": (f"{at}/participant~1id", OTHER.multibase)}
    if kind != BIND:
        out[f"{at}/via~1node-id"] = ("/serving-node~1id", OTHER.node_id)
    return out


def rederive(base, doc: dict, pinned: str, t) -> dict | None:
    scene, kind = base
    prefix = scene.signing_prefix
    at = "" if kind == BIND else "/participant-bind"
    b = pointers.get(doc, at)
    spec = scene.recovery.bind if kind == BIND else _artifact(scene, kind).bind
    participant, via = spec.participant, spec.via
    if t.name == "keys.other-signs":
        if pinned == f"{at}/participant~1key~1public":
            participant = OTHER
        elif pinned == f"{at}/via~1node-id":
            if "proof/node-attestation" not in b:
                return None  # no bind node attestation: the same case as keys.designated-signs
            via = OTHER
    if t.name.startswith("didkey."):
        value = pointers.get(doc, pinned)
        if pinned == f"{at}/participant~1id" and value.startswith(PARTICIPANT_DID):
            b["participant/key/public"] = value[len(PARTICIPANT_DID):]
        elif kind != BIND and pinned == "/serving-node~1id":
            b["via/node-id"] = value
        elif kind != BIND and pinned == f"{at}/via~1node-id":
            doc["serving-node/id"] = value
    for member, key in (("proof/participant-signature", participant), ("proof/node-attestation", via)):
        if isinstance(b.get(member), dict) and pinned != f"{at}/{member.replace('/', '~1')}/value":
            b[member] = {**b[member], "value": signature(key, b, prefix)["value"]}
    if kind != BIND and isinstance(doc.get("proof/node-attestation"), dict) and pinned != "/proof~1node-attestation/value":
        doc["proof/node-attestation"] = {**doc["proof/node-attestation"],
                                         "value": signature(_artifact(scene, kind).node, doc, prefix)["value"]}
    return doc


def _pair_codes(t, where: str) -> set:
    """keys.*: the forms disagree (C3), and where OTHER signed, the designated key does not
    verify it (C4): two findings, because the disagreement is itself a rule of C3."""
    via = where.endswith("/via~1node-id")
    codes = {"bind-via-mismatch" if via else "bind-key-mismatch"}
    if t.name == "keys.other-signs":
        codes.add("node-attestation-invalid" if via else "bind-signature-invalid")
    return codes


def case(case_id: str, base, doc: dict, effect: str, code, t, where: str) -> Case:
    scene, kind = base
    codes = _base_codes(base)
    if effect == "pair":
        codes = codes | _pair_codes(t, where)
        code = min(_pair_codes(t, where), key=lambda c: not c.endswith("mismatch"))
    elif effect == "schema":
        codes = {code}
    elif effect != "valid":
        codes = codes | {code}
    # a pair's case is the requirement of its mismatch code (C3: CIR-BIND-001, CIR-BIND-005)
    req = catalog.requirement_for_code(code or "timestamp-invalid", catalog.CIR)
    return Case(id=case_id, operation="verify", documents=(serialize(doc),), now=render(scene.now),
                expected=(Expected(model.verdict(codes), None, tuple(sorted(codes))),), requirements=(req,), flags=(FLAG,),
                comment=f"{t.note} at {where}; signatures re-derived" + (
                    "; two findings: the forms' disagreement is itself a rule (C3)" if effect == "pair" else ""), options={"signing-prefix": scene.signing_prefix},
                kind=kind)


def _site(kind: str, schema: str) -> Site:
    at = "" if kind == BIND else "/participant-bind"
    decoded = (f"{at}/participant~1id", f"{at}/via~1node-id") + (() if kind == BIND else ("/serving-node~1id",))
    signatures = (f"{at}/proof~1participant-signature/value", f"{at}/proof~1node-attestation/value") + (
        () if kind in (BIND, ATTACH) else ("/proof~1node-attestation/value",))  # an attachment has none
    return Site(artifact=kind, schema=schema, embeds={}, decoded=decoded, signatures=signatures, bases=_bases(kind),
                document=_document, rederive=rederive, case=case, key_code="identity-key-invalid",
                key_pairs=_key_pairs(kind), not_decoded=() if kind != ATTACH else ("/pod-user~1id",))  # C2


SITES = (_site(BIND, "participant-bind.v1.json"), _site(ATTACH, "client-instance-attachment.v1.json"),
         _site(DETACH, "client-instance-detachment.v1.json"), _site(RECOVER, "client-instance-recovery.v1.json"))
