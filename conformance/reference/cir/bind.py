"""Artifact stage, identities and proofs (C2-C4): did:key identities decode, the bind
belongs to its participant and speaks via the serving node, and its signatures verify.

Signing input of a proof: UTF-8(prefix) || RFC 8785(the object without every member whose
name starts with ``proof/``), so a node attestation can be added to a bind without breaking
the participant's signature. An artifact's own attestation covers the embedded bind whole.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..shared import canonical, keys, signatures
from ..shared.findings import pointer
from .artifact import Artifact
from .result import finding

PARTICIPANT_DID = "participant:did:key:"
ED25519 = "ed25519"
PARTICIPANT_SIGNATURE = "proof/participant-signature"
NODE_ATTESTATION = "proof/node-attestation"


@dataclass(frozen=True)
class IdentityKeys:
    participant: bytes | None  # None: participant/id does not decode (C4 is skipped)
    node: bytes | None  # the attesting node: serving-node/id, or via/node-id for a bare bind


class BindChecks:
    signing_prefix: str = ""

    # ---- single concerns (mutants override these) ----
    def public_key(self, identity: str) -> bytes:
        return keys.did_key_public_key(identity)

    def decode_signature(self, value: str) -> bytes:
        return keys.decode_signature_value(value)

    def canonical(self, value) -> bytes:
        return canonical.canonical_bytes(value)

    def unsigned(self, statement: dict) -> dict:
        return {k: v for k, v in statement.items() if not k.startswith("proof/")}

    def signing_input(self, statement: dict) -> bytes:
        return self.signing_prefix.encode("utf-8") + self.canonical(self.unsigned(statement))

    def signature_ok(self, public_key: bytes, message: bytes, sig: bytes) -> bool:
        return signatures.verify(public_key, message, sig)

    def identities(self, art: Artifact) -> list[tuple[str, str]]:
        """(pointer, identity) of every did:key that must decode; pod-user/id is not one."""
        out = [(art.bind_pointer("participant/id"), art.participant),
               (art.bind_pointer("via/node-id"), art.bind["via/node-id"])]
        if not art.is_bind:
            out.append((pointer("serving-node/id"), art.serving_node))
        return out

    def attesting_node_pointer(self, art: Artifact) -> str:
        return art.bind_pointer("via/node-id") if art.is_bind else pointer("serving-node/id")

    def key_text(self, participant_id: str) -> str:
        return participant_id[len(PARTICIPANT_DID):]

    def key_matches(self, bind: dict) -> bool:
        return bind["participant/key/public"] == self.key_text(bind["participant/id"])

    def alg_matches(self, bind: dict) -> bool:
        return bind[PARTICIPANT_SIGNATURE]["alg"] == bind["participant/key/alg"]

    def via_matches(self, bind: dict, serving_node: str) -> bool:
        return bind["via/node-id"] == serving_node

    def attestation_alg_known(self, alg: str) -> bool:
        return alg == ED25519

    def attested_statements(self, art: Artifact) -> list[tuple[dict, str]]:
        """(object, pointer) of each object that may carry a proof/node-attestation."""
        out = [(art.bind, art.bind_pointer())]
        if not art.is_bind:
            out.append((art.data, ""))
        return out

    # ---- checks ----
    def check_identities(self, art: Artifact, out: list) -> IdentityKeys:
        decoded = {}
        for where, identity in self.identities(art):
            try:
                decoded[where] = self.public_key(identity)
            except keys.KeyError_ as exc:
                decoded[where] = None
                out.append(finding("identity-key-invalid", where,
                                   f"{identity!r} does not decode to an Ed25519 did:key: {exc}"))
        return IdentityKeys(decoded.get(art.bind_pointer("participant/id")),
                            decoded.get(self.attesting_node_pointer(art)))

    def check_bind_key(self, art: Artifact, out: list) -> None:
        if not self.key_matches(art.bind):
            out.append(finding("bind-key-mismatch", art.bind_pointer("participant/key/public"),
                               f"expected {self.key_text(art.participant)!r}, the key inside participant/id; "
                               "the signature is checked under participant/id"))

    def check_via(self, art: Artifact, out: list) -> None:
        if not art.is_bind and not self.via_matches(art.bind, art.serving_node):
            out.append(finding("bind-via-mismatch", art.bind_pointer("via/node-id"),
                               f"the bind speaks via {art.bind['via/node-id']!r}, "
                               f"not the serving node {art.serving_node!r}"))

    def check_participant_signature(self, art: Artifact, key: bytes | None, out: list) -> None:
        bind, where = art.bind, art.bind_pointer(PARTICIPANT_SIGNATURE)
        if not self.alg_matches(bind):
            out.append(finding("signature-alg-mismatch", where + "/alg",
                               f"alg {bind[PARTICIPANT_SIGNATURE]['alg']!r} is not participant/key/alg "
                               f"{bind['participant/key/alg']!r}; not verified"))
            return
        if key is not None:  # an undecodable participant/id is reported by check_identities
            self.verify_proof(key, bind, PARTICIPANT_SIGNATURE, where, "bind-signature-invalid", out)

    def check_node_attestations(self, art: Artifact, node_key: bytes | None, out: list) -> None:
        for statement, base in self.attested_statements(art):
            proof = statement.get(NODE_ATTESTATION)
            if proof is None:
                continue
            where = base + pointer(NODE_ATTESTATION)
            if not self.attestation_alg_known(proof["alg"]):
                out.append(finding("node-attestation-unverifiable", where + "/alg",
                                   f"alg {proof['alg']!r} is not known; the attestation counts as no proof"))
            elif node_key is not None:  # an undecodable node id is reported by check_identities
                self.verify_proof(node_key, statement, NODE_ATTESTATION, where, "node-attestation-invalid", out)

    def verify_proof(self, key: bytes, statement: dict, member: str, where: str, code: str, out: list) -> bool:
        try:
            sig = self.decode_signature(statement[member]["value"])
        except keys.KeyError_ as exc:
            out.append(finding("signature-encoding", where + "/value", str(exc)))
            return False
        if not self.signature_ok(key, self.signing_input(statement), sig):
            out.append(finding(code, where, "Ed25519 verification failed over the RFC 8785 bytes "
                                            "without the proof/… members"))
            return False
        return True
