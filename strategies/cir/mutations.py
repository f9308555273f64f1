"""Valid and adversarial client-instance artifacts, each with its outcome by construction.

A mutation turns a Scene into one request: the artifact under test (a recovery unless the
mutation says otherwise), the context it is judged against (or none), and the codes an
implementation must report. Intake and schema defects stop evaluation, so only their code
is expected; later defects add to what ``model`` derives from the artifact's facts.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from typing import Callable

import base58
import rfc8785
from hypothesis import strategies as st

from ..shared.encoding import b64url
from ..shared.timefmt import NS, PLAIN, Style
from . import model
from .build import ATTACH, BIND, DETACH, KEEP_BOTH, RECOVER, Artifact, bind, document, serialize, signature
from .scenes import DAY, MINUTE, Scene

L = 2**252 + 27742317777372353535851937790883648493


@dataclass(frozen=True)
class Built:
    kind: str
    raw: bytes
    context: tuple | None  # ((kind, bytes), ...) or None
    codes: frozenset
    now: int | None = None  # when a mutation judges at another instant than its scene's


@dataclass(frozen=True)
class Mutation:
    name: str
    requirements: tuple
    flags: tuple
    apply: Callable  # (scene, params) -> Built
    params: dict = field(default_factory=dict)  # name -> strategy
    vectors: tuple = ()  # (label, params, fixed scene name)
    comment: str = ""
    modes: tuple | None = None  # the recovery modes the scene must have
    kind: str = RECOVER  # the kind of artifact it builds, unless a Targets parameter draws it

    @property
    def kinds(self) -> tuple:
        """The kinds of artifact its cases carry."""
        drawn = [p for p in self.params.values() if isinstance(p, Targets)]
        return tuple(drawn[0]) if drawn else (self.kind,)


class Targets(tuple):
    """A parameter naming the kind of artifact to change: drawn (cases.mutation_cases) from
    the kinds the implementation supports, so unsupported kinds are never generated."""


MUTATIONS: list[Mutation] = []


def mutation(name, requirements, flags=(), params=None, vectors=(("default", {}, "replace"),), comment="", modes=None,
             kind=RECOVER):
    def register(fn):
        MUTATIONS.append(Mutation(name, tuple(requirements), tuple(flags), fn, params or {}, tuple(vectors), comment, modes,
                                  kind))
        return fn
    return register


# ---- helpers ----

def context_of(artifacts, scene: Scene) -> tuple:
    return tuple((a.kind, serialize(document(a, scene.style, scene.signing_prefix))) for a in artifacts)


def judged(scene: Scene, a: Artifact, context=(), extra=frozenset(), doc: dict | None = None) -> Built:
    """``a`` (or ``doc``, its document after a change in the artifact stage) with its model codes."""
    ctx = None if context is None else tuple(context)
    codes = model.expected_codes(a, scene.now, ctx, set(extra), scene.choices)
    raw = serialize(doc if doc is not None else document(a, scene.style, scene.signing_prefix))
    return Built(a.kind, raw, None if ctx is None else context_of(ctx, scene), frozenset(codes), scene.now)


def stopped(kind: str, raw: bytes, code: str, context=None) -> Built:
    return Built(kind, raw, context, frozenset({code}))


def target(scene: Scene, which: str) -> tuple[Artifact, tuple]:
    """The artifact to change and the context it is judged with."""
    if which == ATTACH:
        return scene.attachment, ()
    if which == DETACH:
        return scene.detachment, (scene.attachment,)
    return scene.recovery, scene.context


def doc_of(scene: Scene, a: Artifact) -> dict:
    return document(a, scene.style, scene.signing_prefix)


def bare_bind(scene: Scene, spec=None) -> dict:
    return bind(spec or scene.recovery.bind, scene.style, scene.signing_prefix)


def bare_bind_built(scene: Scene, doc: dict, extra=frozenset()) -> Built:
    codes = set(extra)
    if model.in_future(scene.recovery.bind.bound_at, scene.now, scene.choices):
        codes.add("timestamp-in-future")
    return Built(BIND, serialize(doc), None, frozenset(codes))


def _reattest(b: dict, via, scene: Scene) -> None:
    """A node attestation the bind already had stays valid over the changed bind: only the
    participant's side is under test."""
    if b.get("proof/node-attestation", {}).get("alg") == "ed25519":
        b["proof/node-attestation"] = signature(via, b, scene.signing_prefix)


TARGETS = Targets((RECOVER, ATTACH, DETACH))
ANY_TARGET = Targets((RECOVER, ATTACH, DETACH, BIND))


def with_bind_change(scene: Scene, which: str, change: Callable[[dict], None], extra: set) -> Built:
    """Apply ``change`` to the embedded (or bare) bind after signing, and expect ``extra``."""
    if which == BIND:
        doc = bare_bind(scene)
        change(doc)
        _reattest(doc, scene.recovery.bind.via, scene)
        return bare_bind_built(scene, doc, extra)
    a, ctx = target(scene, which)
    doc = doc_of(scene, a)
    change(doc["participant-bind"])
    _reattest(doc["participant-bind"], a.bind.via, scene)
    if a.node_attestation:  # keep the top-level node attestation valid over the changed bind
        doc["proof/node-attestation"] = signature(a.node, doc, scene.signing_prefix)
    return judged(scene, a, ctx, extra, doc)


# ---- valid artifacts ----

@mutation("cir.valid.recovery", ["CIR-BIND-004", "CIR-BIND-005", "CIR-CTX-001", "CIR-MODE-001", "CIR-MODE-002", "CIR-MODE-003"],
          ["Valid"], vectors=[("replace-device", {}, "replace"), ("replace-device-on-another-node", {}, "replace-moves"),
                              ("reattach-existing-device", {}, "reattach"),
                              ("migrate-to-new-host", {}, "migrate"), ("resume-after-suspension", {}, "resume")],
          comment="A valid recovery in each mode, judged against its attachment and detachment")
def valid_recovery(scene, params):
    return judged(scene, scene.recovery, scene.context)


@mutation("cir.valid.attachment", ["CIR-BIND-004", "CIR-LIFE-001"], ["Valid"], comment="A valid attachment", kind=ATTACH)
def valid_attachment(scene, params):
    return judged(scene, scene.attachment, ())


@mutation("cir.valid.detachment", ["CIR-BIND-004", "CIR-LIFE-002"], ["Valid"],
          comment="A valid detachment of a known attachment", kind=DETACH)
def valid_detachment(scene, params):
    return judged(scene, scene.detachment, (scene.attachment,))


@mutation("cir.valid.bind", ["CIR-BIND-001", "CIR-BIND-004"], ["Valid"], comment="A valid bare participant-bind", kind=BIND)
def valid_bind(scene, params):
    return bare_bind_built(scene, bare_bind(scene))


# ---- intake ----

def _text(scene) -> str:
    return serialize(doc_of(scene, scene.recovery)).decode("utf-8")


@mutation("cir.intake.duplicate-key", ["CIR-JSON-001"], ["DuplicateKey"],
          params={"member": st.sampled_from(["recovery/mode", "client-instance/id", "bind/id"]), "same": st.booleans()},
          vectors=[("same-value", {"member": "recovery/mode", "same": True}, "replace"),
                   ("bind-member", {"member": "bind/id", "same": False}, "replace")],
          comment="A member name repeated in one object (the last-wins parse would hide a change)")
def duplicate_key(scene, params):
    text, name = _text(scene), params["member"]
    head = f'"{name}": '
    i = text.index(head)
    j = text.index('"', i + len(head) + 1) + 1
    value = text[i + len(head):j] if params["same"] else '"dup-x"'
    return stopped(RECOVER, (text[:j] + f", {head}{value}" + text[j:]).encode("utf-8"), "json-duplicate-key")


@mutation("cir.intake.encoding", ["CIR-JSON-001"], ["InvalidUtf8"],
          params={"how": st.sampled_from(["bom", "latin1", "truncated"])},
          vectors=[("bom", {"how": "bom"}, "replace"), ("latin1", {"how": "latin1"}, "replace")],
          comment="Bytes that are not BOM-free UTF-8")
def encoding(scene, params):
    raw = _text(scene).encode("utf-8")
    if params["how"] == "bom":
        raw = b"\xef\xbb\xbf" + raw
    elif params["how"] == "latin1":
        raw = raw.replace(b'"client-instance/id": "', b'"client-instance/id": "\xe9', 1)
    else:
        raw = raw.replace(b'"client-instance/id": "', b'"client-instance/id": "\xe2\x82', 1)
    return stopped(RECOVER, raw, "json-encoding")


@mutation("cir.intake.lone-surrogate", ["CIR-JSON-001"], ["LoneSurrogate"],
          params={"escape": st.sampled_from(["\\ud800", "\\udfff", "\\udc00\\ud800"])},
          vectors=[("high", {"escape": "\\ud800"}, "replace")], comment="An escaped lone surrogate in a string")
def lone_surrogate(scene, params):
    text = _text(scene).replace('"client-instance/id": "', '"client-instance/id": "' + params["escape"], 1)
    return stopped(RECOVER, text.encode("utf-8"), "json-lone-surrogate")


@mutation("cir.intake.number", ["CIR-JSON-001"], ["NumberOutOfRange"],
          params={"literal": st.sampled_from(["9007199254740993", "1e400", "-1e999"])},
          vectors=[("past-2^53", {"literal": "9007199254740993"}, "replace"), ("overflow", {"literal": "1e400"}, "replace")],
          comment="A number outside the I-JSON domain")
def number(scene, params):
    text = _text(scene).replace('"schema/v": 1', '"schema/v": ' + params["literal"], 1)
    return stopped(RECOVER, text.encode("utf-8"), "json-number")


@mutation("cir.intake.syntax", ["CIR-JSON-001"], ["TrailingData"],
          params={"tail": st.sampled_from(["x", "{}", ",", "\x00"])},
          vectors=[("trailing-object", {"tail": "{}"}, "replace")], comment="Trailing data after the JSON value")
def syntax(scene, params):
    return stopped(RECOVER, (_text(scene) + params["tail"]).encode("utf-8"), "json-syntax")


# ---- schema ----

REQUIRED = {RECOVER: ["schema/v", "recovery/id", "recovered-at", "serving-node/id", "client-instance/id", "recovery/mode",
                      "recovery/from-detachment-id", "participant-bind"],
            BIND: ["schema/v", "bind/id", "bound-at", "participant/id", "via/node-id", "session/id",
                   "participant/key/alg", "participant/key/public", "proof/participant-signature"],
            "signature": ["alg", "value"]}


@mutation("cir.schema.missing-member", ["CIR-SCHEMA-001"], ["MissingMember"],
          params={"where": st.sampled_from(list(REQUIRED)), "index": st.integers(0, 8)},
          vectors=[("detachment-ref", {"where": RECOVER, "index": 6}, "replace"),
                   ("via-node", {"where": BIND, "index": 4}, "replace"),
                   ("signature-value", {"where": "signature", "index": 1}, "replace")],
          comment="A required member is missing (top level, bind, or signature object)")
def missing_member(scene, params):
    doc = doc_of(scene, scene.recovery)
    names = REQUIRED[params["where"]]
    name = names[params["index"] % len(names)]
    obj = doc if params["where"] == RECOVER else doc["participant-bind"]
    if params["where"] == "signature":
        obj = obj["proof/participant-signature"]
    del obj[name]
    return stopped(RECOVER, serialize(doc), "schema-required")


@mutation("cir.schema.extra-member", ["CIR-SCHEMA-002"], ["ClosedShape"],
          params={"where": st.sampled_from(["top", "bind", "signature"]), "name": st.sampled_from(["extra", "recovery/ID", "proof/other"])},
          vectors=[("top", {"where": "top", "name": "extra"}, "replace"),
                   ("bind", {"where": "bind", "name": "proof/other"}, "replace"),
                   ("signature", {"where": "signature", "name": "extra"}, "replace")],
          comment="An extra member in a closed object")
def extra_member(scene, params):
    doc = doc_of(scene, scene.recovery)
    obj = {"top": doc, "bind": doc["participant-bind"], "signature": doc["participant-bind"]["proof/participant-signature"]}[params["where"]]
    obj[params["name"]] = "x"
    return stopped(RECOVER, serialize(doc), "schema-closed")


SHAPE_CHANGES = {
    "empty-token-ref": lambda d: d.__setitem__("recovery/token-ref", ""),
    "empty-recovery-id": lambda d: d.__setitem__("recovery/id", ""),
    "empty-session": lambda d: d["participant-bind"].__setitem__("session/id", ""),
    "empty-signature-value": lambda d: d["participant-bind"]["proof/participant-signature"].__setitem__("value", ""),
    "mode-unknown": lambda d: d.__setitem__("recovery/mode", "migrate"),
    "key-alg-case": lambda d: d["participant-bind"].__setitem__("participant/key/alg", "Ed25519"),
    "schema-v-2": lambda d: d.__setitem__("schema/v", 2),
    "schema-v-string": lambda d: d.__setitem__("schema/v", "1"),
    "annotations-array": lambda d: d.__setitem__("policy_annotations", []),
    "client-number": lambda d: d.__setitem__("client-instance/id", 7),
}


@mutation("cir.schema.shape", ["CIR-SCHEMA-003"], ["WrongShape"],
          params={"change": st.sampled_from(sorted(SHAPE_CHANGES))},
          vectors=[(k, {"change": k}, "replace") for k in sorted(SHAPE_CHANGES)],
          comment="A member of the wrong type, value or length (empty optional strings included)")
def shape(scene, params):
    doc = doc_of(scene, scene.recovery)
    SHAPE_CHANGES[params["change"]](doc)
    return stopped(RECOVER, serialize(doc), "schema-shape")


def _swap_char(text: str, ch: str) -> str:
    i = text.index("did:key:z") + len("did:key:z") + 3
    return text[:i] + ch + text[i + 1:]


ID_CHANGES = {
    "node-zero": lambda d: d.__setitem__("serving-node/id", _swap_char(d["serving-node/id"], "0")),
    "node-capital-o": lambda d: d.__setitem__("serving-node/id", _swap_char(d["serving-node/id"], "O")),
    "participant-capital-i": lambda d: d["participant-bind"].__setitem__("participant/id", _swap_char(d["participant-bind"]["participant/id"], "I")),
    "via-lower-l": lambda d: d["participant-bind"].__setitem__("via/node-id", _swap_char(d["participant-bind"]["via/node-id"], "l")),
    "key-public-no-z": lambda d: d["participant-bind"].__setitem__("participant/key/public", d["participant-bind"]["participant/key/public"][1:]),
    "node-trailing-newline": lambda d: d.__setitem__("serving-node/id", d["serving-node/id"] + "\n"),
    "node-did-web": lambda d: d.__setitem__("serving-node/id", "node:did:web:example.org"),
    "participant-as-node": lambda d: d["participant-bind"].__setitem__("participant/id", d["participant-bind"]["participant/id"].replace("participant:", "node:")),
}


@mutation("cir.schema.malformed-id", ["CIR-SCHEMA-003"], ["MalformedId"],
          params={"change": st.sampled_from(sorted(ID_CHANGES))},
          vectors=[(k, {"change": k}, "replace") for k in sorted(ID_CHANGES)],
          comment="A did:key identity outside its pattern (0, O, I, l are not base58btc digits)")
def malformed_id(scene, params):
    doc = doc_of(scene, scene.recovery)
    ID_CHANGES[params["change"]](doc)
    return stopped(RECOVER, serialize(doc), "schema-shape")


BAD_TIMES = ["2026-03-28T20:25:00", "2026-02-30T10:00:00Z", "2026-03-28 20:25:00Z", "2026-03-28T24:00:00Z",
             "2026-03-28T20:25:00+0100", "2026-03-28T20:25:60Z", "26-03-28T20:25:00Z", "2026-03-28T20:25:00.Z"]


@mutation("cir.schema.timestamp", ["CIR-SCHEMA-004"], ["BadTimestamp"],
          params={"value": st.sampled_from(BAD_TIMES), "where": st.sampled_from(["recovered-at", "bound-at"])},
          vectors=[(f"{w}-{i}", {"value": v, "where": w}, "replace") for i, v in enumerate(BAD_TIMES)
                   for w in ("recovered-at", "bound-at") if i < 4 or w == "recovered-at"],
          comment="A timestamp that is not an RFC 3339 date-time")
def timestamp(scene, params):
    doc = doc_of(scene, scene.recovery)
    (doc if params["where"] == "recovered-at" else doc["participant-bind"])[params["where"]] = params["value"]
    return stopped(RECOVER, serialize(doc), "timestamp-invalid")


# ---- identities and the bind ----

def _not_ed25519(multibase_of_key: str) -> str:
    raw = base58.b58decode(multibase_of_key[1:])
    return "z" + base58.b58encode(b"\xe7\x01" + b"\x02" + raw[2:]).decode("ascii")  # secp256k1-pub, 33 bytes


@mutation("cir.key.not-ed25519", ["CIR-KEY-001"], ["WrongKeyType"],
          params={"who": st.sampled_from(["participant", "node"])},
          vectors=[("participant", {"who": "participant"}, "replace"), ("serving-node", {"who": "node"}, "replace")],
          comment="A did:key that decodes to a secp256k1 key, not Ed25519")
def not_ed25519(scene, params):
    doc = doc_of(scene, scene.recovery)
    b = doc["participant-bind"]
    doc.pop("proof/node-attestation", None)
    b.pop("proof/node-attestation", None)
    if params["who"] == "participant":
        mb = _not_ed25519(scene.recovery.participant.multibase)
        b["participant/id"], b["participant/key/public"] = "participant:did:key:" + mb, mb
    else:
        node_id = "node:did:key:" + _not_ed25519(scene.recovery.node.multibase)
        doc["serving-node/id"] = b["via/node-id"] = node_id
        b["proof/participant-signature"] = signature(scene.recovery.participant, b, scene.signing_prefix)
    a = scene.recovery
    codes = {"identity-key-invalid"} | (model.artifact_codes(a, scene.now, scene.choices) - {"bind-via-mismatch"})
    return Built(RECOVER, serialize(doc), context_of(scene.context, scene), frozenset(codes))


@mutation("cir.bind.key-mismatch", ["CIR-BIND-001"], ["KeyMismatch"], params={"which": ANY_TARGET},
          vectors=[("recovery", {"which": RECOVER}, "replace"), ("bare-bind", {"which": BIND}, "replace")],
          comment="participant/key/public is another participant's key (the signature is by participant/id's key)")
def key_mismatch(scene, params):
    def change(b):
        b["participant/key/public"] = scene.other_participant.multibase
        proofs = {k: b.pop(k) for k in list(b) if k.startswith("proof/")}
        b["proof/participant-signature"] = signature(scene.recovery.participant, b, scene.signing_prefix)
        if "proof/node-attestation" in proofs:
            b["proof/node-attestation"] = signature(_via(scene, params["which"]), b, scene.signing_prefix)
    return with_bind_change(scene, params["which"], change, {"bind-key-mismatch"})


def _via(scene, which):
    return target(scene, which)[0].bind.via if which != BIND else scene.recovery.bind.via


@mutation("cir.bind.wrong-signer", ["CIR-BIND-004"], ["WrongSigner"], params={"which": ANY_TARGET},
          vectors=[("recovery", {"which": RECOVER}, "replace"), ("detachment", {"which": DETACH}, "replace")],
          comment="The bind is signed by another participant's key")
def wrong_signer(scene, params):
    def change(b):
        b["proof/participant-signature"] = signature(scene.other_participant, b, scene.signing_prefix)
    return with_bind_change(scene, params["which"], change, {"bind-signature-invalid"})


TAMPERS = {
    "session": lambda b: b.__setitem__("session/id", b["session/id"] + "-2"),
    "bind-id": lambda b: b.__setitem__("bind/id", "pb:tampered"),
    "annotations": lambda b: b.__setitem__("policy_annotations", {"note": "added after signing"}),
}


@mutation("cir.bind.tampered", ["CIR-BIND-004"], ["TamperedAfterSigning"],
          params={"which": ANY_TARGET, "tamper": st.sampled_from(sorted(TAMPERS))},
          vectors=[(k, {"which": RECOVER, "tamper": k}, "replace") for k in sorted(TAMPERS)],
          comment="A bind member changed after the participant signed")
def tampered(scene, params):
    return with_bind_change(scene, params["which"], TAMPERS[params["tamper"]], {"bind-signature-invalid"})


@mutation("cir.bind.signed-with-proofs", ["CIR-BIND-004"], ["SigningInputIncludesProofs"], params={"which": ANY_TARGET},
          vectors=[("recovery", {"which": RECOVER}, "replace")],
          comment="The participant signed the bind with its node attestation included (proof/... must be omitted)")
def signed_with_proofs(scene, params):
    prefix = scene.signing_prefix
    via = _via(scene, params["which"])

    def change(b):
        b.pop("proof/participant-signature")
        b["proof/node-attestation"] = signature(via, b, prefix)
        b["proof/participant-signature"] = {  # over the bind as it stands, node attestation included
            "alg": "ed25519", "value": b64url(scene.recovery.participant.sign(prefix.encode() + rfc8785.dumps(b)))}
    return with_bind_change(scene, params["which"], change, {"bind-signature-invalid"})


ENCODINGS = {
    "padded": lambda v: v + "==",
    "standard-alphabet": lambda v: v.replace("-", "+").replace("_", "/") if ("-" in v or "_" in v) else "+" + v[1:],
    "truncated": lambda v: v[:-2],
    "placeholder": lambda v: "base64url:participant-recovery-bind-signature",
    "nonzero-pad-bits": lambda v: v[:-1] + {"A": "B", "Q": "R", "g": "h", "w": "x"}[v[-1]],
}


@mutation("cir.bind.signature-encoding", ["CIR-BIND-003"], ["SignatureEncoding"],
          params={"which": ANY_TARGET, "how": st.sampled_from(sorted(ENCODINGS))},
          vectors=[(k, {"which": RECOVER, "how": k}, "replace") for k in sorted(ENCODINGS)],
          comment="A participant signature that is not strict unpadded base64url of 64 bytes")
def signature_encoding(scene, params):
    def change(b):
        sig = b["proof/participant-signature"]
        sig["value"] = ENCODINGS[params["how"]](sig["value"])
    return with_bind_change(scene, params["which"], change, {"signature-encoding"})


@mutation("cir.bind.malleated", ["CIR-BIND-004"], ["SignatureMalleability"], params={"which": ANY_TARGET},
          vectors=[("s-plus-l", {"which": RECOVER}, "replace")],
          comment="The signature with S + L: the same point equation, but a non-canonical S")
def malleated(scene, params):
    def change(b):
        sig = base64.urlsafe_b64decode(b["proof/participant-signature"]["value"] + "==")
        s = int.from_bytes(sig[32:], "little") + L
        b["proof/participant-signature"]["value"] = b64url(sig[:32] + s.to_bytes(32, "little"))
    return with_bind_change(scene, params["which"], change, {"bind-signature-invalid"})


@mutation("cir.bind.alg-mismatch", ["CIR-BIND-002"], ["AlgorithmMismatch"],
          params={"which": ANY_TARGET, "alg": st.sampled_from(["Ed25519", "EdDSA", "es256k"])},
          vectors=[("EdDSA", {"which": RECOVER, "alg": "EdDSA"}, "replace")],
          comment="proof/participant-signature names an algorithm other than participant/key/alg")
def alg_mismatch(scene, params):
    def change(b):
        b["proof/participant-signature"]["alg"] = params["alg"]
    return with_bind_change(scene, params["which"], change, {"signature-alg-mismatch"})


@mutation("cir.bind.via-other-node", ["CIR-BIND-005"], ["ViaOtherNode"], params={"which": TARGETS},
          vectors=[("recovery", {"which": RECOVER}, "replace"), ("attachment", {"which": ATTACH}, "replace")],
          comment="The bind speaks via a node other than the serving node (correctly signed)")
def via_other_node(scene, params):
    a, ctx = target(scene, params["which"])
    other = scene.other_node if scene.other_node != a.node else scene.recovery.node
    # without a bind-level node attestation: that one is checked against the serving node
    a2 = a.with_bind(via=other, node_attestation=False)
    return judged(scene, a2, ctx)


# ---- node attestations ----

@mutation("cir.attest.valid", ["CIR-BIND-006"], ["NodeAttestation", "Valid"],
          params={"where": st.sampled_from(["artifact", "bind", "both"])},
          vectors=[("both", {"where": "both"}, "replace")],
          comment="Valid ed25519 node attestations over the artifact and over the bind")
def attest_valid(scene, params):
    r = scene.recovery.with_(node_attestation=params["where"] != "bind")
    return judged(scene, r.with_bind(node_attestation=params["where"] != "artifact"), scene.context)


FORGERIES = ("other-node", "tampered-artifact", "bind-level-other-node")


@mutation("cir.attest.forged", ["CIR-BIND-006"], ["NodeAttestation", "WrongSigner"],
          params={"how": st.sampled_from(FORGERIES)},
          vectors=[(k, {"how": k}, "replace") for k in FORGERIES],
          comment="An ed25519 node attestation that does not verify under the serving node's key")
def attest_forged(scene, params):
    r = scene.recovery.with_(node_attestation=False)
    doc = doc_of(scene, r)
    other = scene.other_node if scene.other_node != r.node else scene.attachment.node
    if params["how"] == "other-node":
        doc["proof/node-attestation"] = signature(other, doc, scene.signing_prefix)
    elif params["how"] == "tampered-artifact":
        doc["proof/node-attestation"] = signature(r.node, doc, scene.signing_prefix)
        doc["recovery/token-ref"] = "migrate:added-after-attestation"
    else:
        b = doc["participant-bind"]
        b.pop("proof/node-attestation", None)
        b["proof/node-attestation"] = signature(other, b, scene.signing_prefix)
    return judged(scene, r, scene.context, {"node-attestation-invalid"}, doc)


@mutation("cir.attest.unknown-alg", ["CIR-BIND-007"], ["NodeAttestation", "UnknownAlgorithm"],
          params={"alg": st.sampled_from(["ml-dsa-44", "es256", "Ed448", "Ed25519", "ED25519"]),
                  "where": st.sampled_from(["artifact", "bind"])},
          vectors=[("ml-dsa-44", {"alg": "ml-dsa-44", "where": "artifact"}, "replace"),
                   ("bind-es256", {"alg": "es256", "where": "bind"}, "replace"),
                   ("capitalized-Ed25519", {"alg": "Ed25519", "where": "artifact"}, "replace")],
          comment="A node attestation in an algorithm the verifier does not know: a warning, still valid")
def attest_unknown(scene, params):
    r = scene.recovery.with_(node_attestation=False)
    doc = doc_of(scene, r)
    obj = doc if params["where"] == "artifact" else doc["participant-bind"]
    obj["proof/node-attestation"] = {"alg": params["alg"], "value": "opaque-proof"}
    return judged(scene, r, scene.context, {"node-attestation-unverifiable"}, doc)


@mutation("cir.attest.encoding", ["CIR-BIND-003"], ["NodeAttestation", "SignatureEncoding"],
          vectors=[("placeholder", {}, "replace")],
          comment="An ed25519 node attestation whose value is not base64url of 64 bytes")
def attest_encoding(scene, params):
    r = scene.recovery.with_(node_attestation=False)
    doc = doc_of(scene, r)
    doc["proof/node-attestation"] = {"alg": "ed25519", "value": "base64url:recovery-node-attestation"}
    return judged(scene, r, scene.context, {"signature-encoding"}, doc)


# ---- time ----

def _retime(scene: Scene, bound_at: int | None = None, at: int | None = None) -> Artifact:
    r = scene.recovery
    return r.with_(at=r.at if at is None else at).with_bind(bound_at=r.bind.bound_at if bound_at is None else bound_at)


@mutation("cir.time.bind-late", ["CIR-TIME-001"], ["ClockSkew"],
          params={"late": st.one_of(st.integers(1, 10**6), st.integers(1, DAY))},
          vectors=[("16s+1ns", {"late": 1}, "replace"), ("1h", {"late": 3600 * NS}, "replace")],
          comment="bound-at more than 16 s after recovered-at")
def bind_late(scene, params):
    r = _retime(scene, bound_at=scene.recovery.at + model.SKEW + params["late"])
    return judged(scene.with_(now=max(scene.now, r.bind.bound_at)), r, scene.context)


@mutation("cir.time.bind-skew-edge", ["CIR-TIME-001"], ["ClockSkew", "Valid"],
          params={"early": st.integers(0, 16 * NS)},
          vectors=[("exactly-16s", {"early": 0}, "replace"), ("equal", {"early": 16 * NS}, "replace")],
          comment="bound-at up to 16 s after recovered-at is within the tolerance (bounds inclusive)")
def bind_skew_edge(scene, params):
    r = _retime(scene, bound_at=scene.recovery.at + model.SKEW - params["early"])
    return judged(scene.with_(now=max(scene.now, r.bind.bound_at)), r, scene.context)


@mutation("cir.time.future", ["CIR-TIME-002"], ["FutureTimestamp"],
          params={"ahead": st.one_of(st.integers(1, 10**6), st.integers(1, 30 * DAY))},
          vectors=[("16s+1ns", {"ahead": 1}, "replace"), ("1d", {"ahead": DAY}, "replace")],
          comment="recovered-at more than 16 s after now")
def future(scene, params):
    return judged(scene.with_(now=scene.recovery.at - model.SKEW - params["ahead"]), scene.recovery, scene.context)


@mutation("cir.time.future-edge", ["CIR-TIME-002"], ["FutureTimestamp", "Valid"],
          params={"ahead": st.integers(0, 16 * NS)},
          vectors=[("exactly-16s", {"ahead": 16 * NS}, "replace")],
          comment="recovered-at up to 16 s after now is within the tolerance")
def future_edge(scene, params):
    now = scene.recovery.at - params["ahead"]
    return judged(scene.with_(now=max(now, scene.recovery.bind.bound_at - model.SKEW)), scene.recovery, scene.context)


@mutation("cir.time.offsets", ["CIR-CTX-003", "CIR-SCHEMA-004"], ["TimeOffsets"],
          params={"offset": st.sampled_from([-720, -300, -60, 60, 330, 840]), "minutes": st.integers(1, 59)},
          vectors=[("behind-utc-valid", {"offset": -300, "minutes": 1}, "replace"),
                   ("ahead-of-utc-before-detachment", {"offset": 300, "minutes": 1}, "replace")],
          comment="The recovery written with a UTC offset, its detachment in Z: instants, not wall-clock text, are compared")
def offsets(scene, params):
    """With offset < 0 the recovery is 1-59 min after its detachment (valid) but its text reads hours
    earlier; with offset > 0 it is that much before its detachment but its text reads hours later."""
    delta = params["minutes"] * MINUTE
    at = scene.detachment.at + (delta if params["offset"] < 0 else -delta)
    r = _retime(scene, at=at, bound_at=at - MINUTE)
    ctx = scene.with_(style=PLAIN).context
    local = scene.with_(style=Style(offset_minutes=params["offset"], zulu=False), now=max(scene.now, at))
    built = judged(local, r, ctx)
    return Built(built.kind, built.raw, context_of(ctx, scene.with_(style=PLAIN)), built.codes, built.now)


# ---- context ----

@mutation("cir.context.absent", ["CIR-CTX-001"], ["NoContext", "Valid"],
          vectors=[("unknown-detachment", {}, "replace")],
          comment="Without context the lifecycle rules are not evaluated: an unseen detachment is not an error")
def context_absent(scene, params):
    return judged(scene, scene.recovery.with_(ref="detach:never-seen"), None)


@mutation("cir.context.empty", ["CIR-CTX-001"], ["EmptyContext"], vectors=[("empty", {}, "replace")],
          comment="An empty context knows no detachment")
def context_empty(scene, params):
    return judged(scene, scene.recovery, ())


@mutation("cir.context.unknown-detachment", ["CIR-CTX-001"], ["UnknownDetachment"],
          params={"ref": st.sampled_from(["detach:never-seen", "attach:01", ""])},
          vectors=[("unknown", {"ref": "detach:never-seen"}, "replace"), ("names-the-attachment", {"ref": "ATTACHMENT"}, "replace")],
          comment="recovery/from-detachment-id names no admitted detachment")
def unknown_detachment(scene, params):
    ref = scene.attachment.id if params["ref"] in ("ATTACHMENT", "attach:01") else params["ref"] or "detach:x"
    return judged(scene, scene.recovery.with_(ref=ref), scene.context)


@mutation("cir.context.other-participant", ["CIR-CTX-002"], ["CrossParticipant"],
          vectors=[("recovery", {}, "replace")], comment="Another participant recovers this participant's detachment")
def other_participant(scene, params):
    r = scene.recovery
    return judged(scene, r.with_bind(participant=scene.other_participant),
                  scene.context)


@mutation("cir.context.before-detachment", ["CIR-CTX-003"], ["OutOfOrder"],
          params={"early": st.one_of(st.integers(1, 10**6), st.integers(1, DAY))},
          vectors=[("1ns", {"early": 1}, "replace"), ("1min", {"early": MINUTE}, "replace")],
          comment="recovered-at before detached-at")
def before_detachment(scene, params):
    at = scene.detachment.at - params["early"]
    r = _retime(scene, at=at, bound_at=min(scene.recovery.bind.bound_at, at))
    return judged(scene, r, scene.context)


def _second_recovery(scene: Scene, same_id: bool, same_detachment: bool) -> tuple:
    """An earlier admitted recovery R0 and what it needs in the context."""
    r = scene.recovery
    extra = ()
    ref = scene.detachment.id
    if not same_detachment:
        a2 = scene.attachment.with_(id=scene.attachment.id + "-b")
        d2 = scene.detachment.with_(id=scene.detachment.id + "-b", ref=a2.id)
        extra, ref = (a2, d2), d2.id
    r0 = r.with_(id=r.id if same_id else r.id + "-earlier", ref=ref)
    return scene.context + extra + (r0,)


@mutation("cir.context.already-recovered", ["CIR-CTX-004"], ["Replay"], vectors=[("second-recovery", {}, "replace")],
          comment="The detachment was already recovered by another recovery")
def already_recovered(scene, params):
    return judged(scene, scene.recovery, _second_recovery(scene, same_id=False, same_detachment=True))


@mutation("cir.context.reused-id", ["CIR-CTX-005"], ["ReusedId"], vectors=[("other-detachment", {}, "replace")],
          comment="recovery/id was used by an earlier recovery of another detachment")
def reused_id(scene, params):
    return judged(scene, scene.recovery, _second_recovery(scene, same_id=True, same_detachment=False))


@mutation("cir.context.replay", ["CIR-CTX-004", "CIR-CTX-005"], ["Replay"], vectors=[("identical", {}, "replace")],
          comment="The very same recovery, presented again")
def replay(scene, params):
    return judged(scene, scene.recovery, scene.context + (scene.recovery,))


# ---- modes ----

@mutation("cir.mode.node-changed", ["CIR-MODE-001"], ["ModeRule"], modes=KEEP_BOTH,
          vectors=[("reattach", {}, "reattach"), ("resume", {}, "resume")],
          comment="reattach/resume on another serving node")
def node_changed(scene, params):
    r = scene.recovery
    other = scene.other_node
    return judged(scene, r.with_(node=other).with_bind(via=other), scene.context)


@mutation("cir.mode.client-changed", ["CIR-MODE-001"], ["ModeRule"], modes=KEEP_BOTH,
          vectors=[("reattach", {}, "reattach"), ("resume", {}, "resume")],
          comment="reattach/resume with another client instance")
def client_changed(scene, params):
    return judged(scene, scene.recovery.with_(client=scene.recovery.client + "-other"), scene.context)


@mutation("cir.mode.same-host-migration", ["CIR-MODE-002"], ["ModeRule"], modes=("migrate-to-new-host",),
          vectors=[("migrate", {}, "migrate")], comment="migrate-to-new-host onto the same serving node")
def same_host(scene, params):
    r, node = scene.recovery, scene.detachment.node
    return judged(scene, r.with_(node=node).with_bind(via=node), scene.context)


@mutation("cir.mode.same-device-replacement", ["CIR-MODE-003"], ["ModeRule"], modes=("replace-device",),
          vectors=[("replace", {}, "replace")], comment="replace-device naming the same client instance")
def same_device(scene, params):
    return judged(scene, scene.recovery.with_(client=scene.detachment.client), scene.context)


@mutation("cir.mode.migration-not-allowed", ["CIR-MODE-004"], ["ModeRule"], modes=("migrate-to-new-host",),
          params={"root_known": st.booleans()},
          vectors=[("root-known", {"root_known": True}, "migrate"), ("root-absent", {"root_known": False}, "migrate")],
          comment="Migration from an attachment with migration/allowed? false (not evaluated when that attachment is absent)")
def migration_not_allowed(scene, params):
    a = scene.attachment.with_(migration_allowed=False)
    context = (a, scene.detachment) if params["root_known"] else (scene.detachment,)
    return judged(scene, scene.recovery, context)


# ---- attachments and detachments ----

@mutation("cir.life.attachment-id-reused", ["CIR-LIFE-001"], ["ReusedId"], vectors=[("attachment", {}, "replace")],
          comment="An attachment whose attachment/id was used before", kind=ATTACH)
def attachment_id_reused(scene, params):
    earlier = scene.attachment.with_(client=scene.attachment.client + "-earlier")
    return judged(scene, scene.attachment, (earlier,))


@mutation("cir.life.attachment-unknown", ["CIR-LIFE-002"], ["UnknownAttachment"],
          vectors=[("detachment", {}, "replace")], comment="A detachment of an attachment nobody admitted", kind=DETACH)
def attachment_unknown(scene, params):
    return judged(scene, scene.detachment.with_(ref="attach:never-seen"), (scene.attachment,))


@mutation("cir.life.detachment-mismatch", ["CIR-LIFE-003"], ["DetachmentMismatch"],
          params={"what": st.sampled_from(["client", "node", "both"])},
          vectors=[("client", {"what": "client"}, "replace"), ("node", {"what": "node"}, "replace")],
          comment="A detachment naming another client instance or serving node than its attachment", kind=DETACH)
def detachment_mismatch(scene, params):
    d = scene.detachment
    if params["what"] in ("client", "both"):
        d = d.with_(client=d.client + "-other")
    if params["what"] in ("node", "both"):
        d = d.with_(node=scene.other_node).with_bind(via=scene.other_node)
    return judged(scene, d, (scene.attachment,))


@mutation("cir.life.other-participant", ["CIR-CTX-002"], ["CrossParticipant"], vectors=[("detachment", {}, "replace")],
          comment="Another participant detaches this participant's attachment", kind=DETACH)
def detach_other_participant(scene, params):
    d = scene.detachment
    return judged(scene, d.with_bind(participant=scene.other_participant),
                  (scene.attachment,))


@mutation("cir.life.before-attachment", ["CIR-LIFE-004"], ["OutOfOrder"],
          params={"early": st.integers(1, DAY)}, vectors=[("1s", {"early": NS}, "replace")],
          comment="detached-at before attached-at", kind=DETACH)
def before_attachment(scene, params):
    d = scene.detachment.with_(at=scene.attachment.at - params["early"])
    d = d.with_bind(bound_at=min(d.bind.bound_at, d.at))
    return judged(scene, d, (scene.attachment,))


@mutation("cir.life.already-detached", ["CIR-LIFE-005"], ["Replay"], vectors=[("second-detachment", {}, "replace")],
          comment="The attachment was already detached by another detachment", kind=DETACH)
def already_detached(scene, params):
    d0 = scene.detachment.with_(id=scene.detachment.id + "-earlier")
    return judged(scene, scene.detachment, (scene.attachment, d0))


@mutation("cir.life.detachment-id-reused", ["CIR-LIFE-006"], ["ReusedId"], vectors=[("other-attachment", {}, "replace")],
          comment="detachment/id was used by an earlier detachment of another attachment", kind=DETACH)
def detachment_id_reused(scene, params):
    a2 = scene.attachment.with_(id=scene.attachment.id + "-b")
    d0 = scene.detachment.with_(ref=a2.id)
    return judged(scene, scene.detachment, (scene.attachment, a2, d0))
