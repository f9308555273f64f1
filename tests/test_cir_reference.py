"""Unit tests of the client-instance-recovery reference (conformance/reference/cir/).

SCENARIOS are hand-built cases with their expected outcome written out: one or more per
outcome code (test_every_code_has_a_scenario), the 16 s boundaries, stage ordering,
context evaluation and lifecycle sequences. The seeded-bug variants in tests/mutants/cir.py
must each get at least one scenario wrong (test_every_mutant_is_caught).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conformance import catalog
from conformance.catalogs.cir import CIR, CONTEXT_REQUIREMENTS
from conformance.reference.shared import schema
from conformance.reference.cir import ClientInstanceVerifier
from tests.cir_builders import (ATT, BIND, DET, N1, N2, N3, NOW, P1, P2, REC, T_ATT, T_REC, attachment, b64url, bind,
                                detachment, enc, item, key_text, kind_of, nid, proof, recovery)
from tests.conftest import upstream_params
from tests.mutants.cir import CIR_MUTANTS

ALL_CONTEXT = tuple(CONTEXT_REQUIREMENTS)


def outcome(result) -> tuple:
    return result.verdict, tuple(result.codes), tuple(result.not_evaluated)


def expect(*codes, not_evaluated=()) -> tuple:
    """The outcome of a result with exactly ``codes``; the verdict follows their catalog severities."""
    invalid = any(catalog.severity(c, CIR) == "error" for c in codes)
    return "invalid" if invalid else "valid", tuple(sorted(set(codes))), tuple(not_evaluated)


def run(v, doc, context=(), now=NOW, kind=None, raw=None):
    """Verify ``doc`` with ``context`` (docs; None for no context)."""
    ctx = None if context is None else [item(d) for d in context]
    return outcome(v.verify(raw if raw is not None else enc(doc), kind or kind_of(doc), now, ctx))


def chain(v, *docs, now=NOW):
    return [outcome(r) for r in v.lifecycle([item(d) for d in docs], now)]


SCENARIOS: dict[str, tuple] = {}  # name -> (function of a verifier, expected outcome)


def scenario(expected):
    def register(fn):
        SCENARIOS[fn.__name__] = (fn, expected)
        return fn
    return register


VALID = expect()
CONTEXT_1 = [attachment(), detachment()]  # what a recovery from detach:1 needs


# --------------------------------------------------------------------------- valid baselines

@scenario(VALID)
def valid_bare_bind(v):
    return run(v, bind(), context=None)


@scenario(expect(not_evaluated=ALL_CONTEXT))
def valid_recovery_without_context(v):
    return run(v, recovery(), context=None)


@scenario(VALID)
def valid_recovery_with_context(v):
    return run(v, recovery(), CONTEXT_1)


@scenario(expect(not_evaluated=ALL_CONTEXT))
def valid_attachment_without_context(v):
    return run(v, attachment(), context=None)


@scenario([VALID] * 5)
def lifecycle_attach_detach_recover_detach_recover(v):
    return chain(v,
                 attachment(),
                 detachment(),
                 recovery(mode="replace-device", instance="client:b"),
                 # the recovery is the access now: detached by its recovery/id
                 detachment("detach:2", "recover:1", at="2026-03-28T20:40:00Z", instance="client:b",
                            bind_=bind(P1, N1, T_REC, bind_id="pb:recover:1")),
                 recovery("recover:2", "detach:2", at="2026-03-28T20:50:00Z", mode="migrate-to-new-host",
                          node=N2, instance="client:b"))


# --------------------------------------------------------------------------- intake and schema

@scenario(expect("json-syntax"))
def intake_trailing_data(v):
    return run(v, None, raw=enc(recovery()) + b" {}", kind=REC)


@scenario(expect("json-duplicate-key"))
def intake_duplicate_key(v):
    raw = enc(recovery()).replace(b'"schema/v": 1', b'"schema/v": 1, "schema/v": 1', 1)
    return run(v, None, raw=raw, kind=REC)


@scenario(expect("json-encoding"))
def intake_byte_order_mark(v):
    return run(v, None, raw=b"\xef\xbb\xbf" + enc(attachment()), kind=ATT)


@scenario(expect("json-lone-surrogate"))
def intake_lone_surrogate(v):
    return run(v, None, raw=enc(attachment(instance="client:\ud800")), kind=ATT)


@scenario(expect("json-number"))
def intake_huge_integer(v):
    return run(v, None, raw=enc(attachment()).replace(b'"schema/v": 1', b'"schema/v": 1e999', 1), kind=ATT)


@scenario(expect("schema-required"))
def schema_missing_bind_member(v):
    doc = recovery()
    del doc["participant-bind"]["session/id"]
    return run(v, doc)


@scenario(expect("schema-required"))
def schema_missing_detachment_ref(v):
    doc = recovery()
    del doc["recovery/from-detachment-id"]
    return run(v, doc)


@scenario(expect("schema-closed"))
def schema_extra_top_level_member(v):
    return run(v, recovery(**{"recovery/extra": "x"}))


@scenario(expect("schema-closed"))
def schema_extra_member_in_signature(v):
    doc = bind()
    doc["proof/participant-signature"]["key/ref"] = "k1"
    return run(v, doc)


@scenario(expect("schema-closed"))
def schema_attachment_has_no_node_attestation(v):
    return run(v, attachment(**{"proof/node-attestation": {"alg": "ed25519", "value": "x"}}))


@scenario(expect("schema-shape"))
def schema_id_outside_base58(v):
    return run(v, recovery(**{"serving-node/id": "node:did:key:z6Mk0OIl"}))


@scenario(expect("schema-shape"))
def schema_id_with_trailing_newline(v):
    return run(v, recovery(**{"serving-node/id": nid(N1) + "\n"}))


@scenario(expect("schema-shape"))
def schema_embedded_bind_id_with_trailing_newline(v):
    # ECMA `$` inside the $ref'd bind schema too (jsonschema would switch to Python's `re` there)
    return run(v, recovery(bind_=bind(P1, N1, T_REC, **{"via/node-id": nid(N1) + "\n"}),
                           **{"serving-node/id": nid(N1) + "\n"}))


@scenario(expect("schema-shape"))
def schema_empty_optional_string(v):
    return run(v, recovery(**{"recovery/token-ref": ""}))


@scenario(expect("schema-shape"))
def schema_unknown_mode(v):
    return run(v, recovery(mode="teleport"))


@scenario(expect("schema-shape"))
def schema_version_2(v):
    return run(v, attachment(**{"schema/v": 2}))


@scenario(expect("schema-shape"))
def schema_pod_user_id_of_the_wrong_role(v):
    return run(v, attachment(**{"pod-user/id": "node:did:key:" + key_text(P1)}))


@scenario(expect("timestamp-invalid"))
def schema_recovered_at_without_offset(v):
    return run(v, recovery(at="2026-03-28T20:25:00"))


@scenario(expect("timestamp-invalid"))
def schema_bound_at_with_trailing_newline(v):
    return run(v, recovery(bind_=bind(at=T_REC + "\n")))


@scenario(expect("schema-shape"))
def stage_schema_stops_before_signatures(v):
    # a bad signature value and a bad id: only the schema stage reports
    doc = recovery(**{"client-instance/id": ""})
    doc["participant-bind"]["proof/participant-signature"]["value"] = "not-a-signature"
    return run(v, doc)


@scenario(expect("json-duplicate-key"))
def stage_intake_stops_before_schema(v):
    raw = enc(recovery(mode="teleport")).replace(b'"schema/v": 1', b'"schema/v": 1, "schema/v": 2', 1)
    return run(v, None, raw=raw, kind=REC)


# --------------------------------------------------------------------------- C2 identities

SHORT_KEY = "z6Mk"  # base58btc, but not 34 bytes of ed25519-pub


@scenario(expect("identity-key-invalid"))
def identity_participant_does_not_decode(v):
    # not signature-checked: the (wrong) signature is not reported
    doc = bind(**{"participant/id": "participant:did:key:" + SHORT_KEY, "participant/key/public": SHORT_KEY})
    doc["proof/participant-signature"]["value"] = "A" * 86
    return run(v, doc)


@scenario(expect("identity-key-invalid"))
def identity_serving_node_is_not_ed25519(v):
    x25519 = "z" + __import__("base58").b58encode(b"\xec\x01" + bytes(32)).decode()  # multicodec 0xec01
    node = "node:did:key:" + x25519
    return run(v, recovery(bind_=bind(P1, N1, T_REC, **{"via/node-id": node}), **{"serving-node/id": node}), CONTEXT_1)


@scenario(expect("identity-key-invalid"))
def identity_bare_bind_via_node_does_not_decode(v):
    # the attestation cannot be checked (no key): only the identity is reported
    doc = bind(**{"via/node-id": "node:did:key:" + SHORT_KEY})
    doc["proof/node-attestation"] = proof(N2, doc)
    return run(v, doc)


# --------------------------------------------------------------------------- C3 the bind

@scenario(expect("bind-key-mismatch"))
def bind_key_of_another_participant(v):
    # signed by participant/id's key: only the mismatch
    return run(v, recovery(bind_=bind(P1, N1, T_REC, **{"participant/key/public": key_text(P2)})))


@scenario(expect("bind-key-mismatch", "bind-signature-invalid"))
def bind_key_and_signature_of_another_participant(v):
    # signed by the key it names: verified under participant/id, so it fails
    return run(v, recovery(bind_=bind(P1, N1, T_REC, signer=P2, **{"participant/key/public": key_text(P2)})))


@scenario(expect("signature-alg-mismatch"))
def bind_signature_alg_is_not_the_key_alg(v):
    doc = bind()
    doc["proof/participant-signature"] = {"alg": "Ed25519", "value": "not verified"}
    return run(v, doc)


@scenario(expect("bind-via-mismatch"))
def bind_via_another_node(v):
    return run(v, recovery(bind_=bind(P1, N2, T_REC)))


@scenario(expect("bind-via-mismatch"))
def bind_via_another_node_in_a_detachment(v):
    return run(v, detachment(bind_=bind(P1, N2, T_ATT)), [attachment()])


# --------------------------------------------------------------------------- C4 signatures

@scenario(expect("bind-signature-invalid"))
def signature_by_another_key(v):
    return run(v, bind(signer=P2))


@scenario(expect("bind-signature-invalid"))
def signature_over_a_tampered_bind(v):
    doc = bind()
    doc["session/id"] = "sess:other"
    return run(v, doc)


@scenario(expect("bind-signature-invalid"))
def signature_with_s_plus_l(v):  # the same equation with a non-canonical S (malleability)
    import base64

    from conformance.reference.shared.signatures import L

    doc = bind()
    sig = base64.urlsafe_b64decode(doc["proof/participant-signature"]["value"] + "==")
    s_plus_l = int.from_bytes(sig[32:], "little") + L
    doc["proof/participant-signature"]["value"] = b64url(sig[:32] + s_plus_l.to_bytes(32, "little"))
    return run(v, doc)


@scenario(expect("bind-signature-invalid"))
def signature_over_the_artifact_instead_of_the_bind(v):
    doc = recovery()
    doc["participant-bind"]["proof/participant-signature"] = proof(P1, doc)
    return run(v, doc, CONTEXT_1)


@scenario(expect("bind-signature-invalid"))
def signature_over_the_bind_with_its_node_attestation(v):
    doc = bind()
    doc["proof/node-attestation"] = proof(N1, doc)
    message = json.dumps({k: doc[k] for k in sorted(doc) if k != "proof/participant-signature"},
                         separators=(",", ":")).encode()
    doc["proof/participant-signature"]["value"] = b64url(P1.sign(message).signature)
    return run(v, doc)


@scenario(VALID)
def signature_survives_an_added_node_attestation(v):
    return run(v, bind(attest=N1))


@scenario(expect("bind-signature-invalid"))
def signature_made_with_a_prefix_the_verifier_does_not_use(v):
    return run(v, bind(prefix="orbiplex:participant-bind:v1\n"))


@scenario(VALID)
def signature_with_the_signing_prefix_option(v):
    prefixed = type(v)(signing_prefix="orbiplex:participant-bind:v1\n")
    return run(prefixed, bind(prefix="orbiplex:participant-bind:v1\n"))


@scenario(expect("signature-encoding"))
def signature_padded(v):
    doc = bind()
    doc["proof/participant-signature"]["value"] += "=="
    return run(v, doc)


@scenario(expect("signature-encoding"))
def signature_standard_alphabet(v):
    doc = bind()
    value = doc["proof/participant-signature"]["value"]
    doc["proof/participant-signature"]["value"] = value.replace("-", "+").replace("_", "/") \
        if ("-" in value or "_" in value) else "+" + value[1:]
    return run(v, doc)


@scenario(expect("signature-encoding"))
def signature_nonzero_pad_bits(v):
    doc = bind()
    value = doc["proof/participant-signature"]["value"]
    doc["proof/participant-signature"]["value"] = value[:-1] + ("B" if value[-1] != "B" else "R")
    return run(v, doc)


@scenario(expect("signature-encoding"))
def signature_63_bytes(v):
    doc = bind()
    doc["proof/participant-signature"]["value"] = b64url(bytes(63))
    return run(v, doc)


@scenario(expect("node-attestation-invalid"))
def node_attestation_of_the_bind_by_another_node(v):
    return run(v, recovery(bind_=bind(P1, N1, T_REC, attest=N2)), CONTEXT_1)


@scenario(expect("node-attestation-invalid"))
def node_attestation_of_a_bare_bind_by_another_node(v):
    return run(v, bind(attest=N2))


@scenario(VALID)
def node_attestation_of_the_artifact(v):
    return run(v, recovery(attest=N1, bind_=bind(P1, N1, T_REC, attest=N1)), CONTEXT_1)


@scenario(expect("node-attestation-invalid"))
def node_attestation_of_the_artifact_excludes_the_bind(v):
    # the artifact's attestation covers the embedded bind whole, its proofs included
    doc = recovery()
    body = dict(doc, **{"participant-bind": {k: x for k, x in doc["participant-bind"].items()
                                             if not k.startswith("proof/")}})
    doc["proof/node-attestation"] = proof(N1, body)
    return run(v, doc, CONTEXT_1)


@scenario(expect("node-attestation-invalid"))
def node_attestation_of_a_detachment_by_the_participant(v):
    return run(v, detachment(attest=P1), [attachment()])


@scenario(expect("node-attestation-unverifiable"))
def node_attestation_with_an_unknown_alg(v):
    doc = recovery()
    doc["proof/node-attestation"] = {"alg": "ml-dsa-65", "value": "anything"}
    return run(v, doc, CONTEXT_1)


@scenario(expect("node-attestation-unverifiable", "detachment-unknown"))
def unverifiable_warning_does_not_stop_the_context_stage(v):
    doc = recovery()
    doc["participant-bind"]["proof/node-attestation"] = {"alg": "Ed25519", "value": "x"}
    return run(v, doc, [])


@scenario(expect("signature-encoding"))
def node_attestation_value_not_base64url(v):
    doc = detachment()
    doc["proof/node-attestation"] = {"alg": "ed25519", "value": "base64url:node-attestation"}
    return run(v, doc, [attachment()])


@scenario(expect("bind-signature-invalid", "node-attestation-invalid", "bind-via-mismatch", "bind-asserted-late"))
def artifact_stage_reports_every_finding(v):
    doc = recovery(bind_=bind(P1, N2, "2026-03-28T20:26:00Z", signer=P2), attest=N3)
    return run(v, doc, CONTEXT_1)


# --------------------------------------------------------------------------- C5 time

def _recovery_bound_at(bound_at):
    return recovery(bind_=bind(P1, N1, bound_at, bind_id="pb:recover:1"))


@scenario(VALID)
def time_bound_at_exactly_16_s_after_recovery(v):
    return run(v, _recovery_bound_at("2026-03-28T20:25:16Z"), CONTEXT_1)


@scenario(expect("bind-asserted-late"))
def time_bound_at_16_s_and_1_us_after_recovery(v):
    return run(v, _recovery_bound_at("2026-03-28T20:25:16.000001Z"), CONTEXT_1)


@scenario(expect("bind-asserted-late"))
def time_bound_at_16_s_and_100_ns_after_recovery(v):
    # exact fractions: past microseconds still count
    return run(v, _recovery_bound_at("2026-03-28T20:25:16.0000001Z"), CONTEXT_1)


@scenario(VALID)
def time_bound_at_with_an_offset(v):
    # 22:25:16+02:00 is 20:25:16Z: exactly at the tolerance
    return run(v, _recovery_bound_at("2026-03-28T22:25:16+02:00"), CONTEXT_1)


@scenario(expect("bind-asserted-late"))
def time_bound_at_with_an_offset_too_late(v):
    return run(v, _recovery_bound_at("2026-03-28T22:25:17+02:00"), CONTEXT_1)


@scenario(expect("bind-asserted-late"))
def time_attachment_bound_after_attached(v):
    return run(v, attachment(bind_=bind(at="2026-03-28T19:43:00Z")), [])


@scenario(VALID)
def time_detachment_reuses_an_old_bind(v):
    return run(v, detachment(bind_=bind(at="2020-01-01T00:00:00Z")), [attachment()])


@scenario(VALID)
def time_exactly_16_s_in_the_future(v):
    return run(v, recovery(at="2026-03-28T21:00:16Z", bind_=bind(at=T_REC, bind_id="pb:r")), CONTEXT_1)


@scenario(expect("timestamp-in-future"))
def time_16_s_and_1_us_in_the_future(v):
    return run(v, recovery(at="2026-03-28T21:00:16.000001Z", bind_=bind(at=T_REC, bind_id="pb:r")), CONTEXT_1)


@scenario(expect("timestamp-in-future"))
def time_bare_bind_in_the_future(v):
    return run(v, bind(at="2026-03-28T21:00:16.000001Z"))


@scenario(expect("timestamp-in-future"))
def time_both_in_the_future(v):
    # reported once per late timestamp (two findings, one code)
    r = v.verify(enc(recovery(at="2026-03-29T00:00:00Z")), REC, NOW, [item(d) for d in CONTEXT_1])
    assert sorted(f.pointer for f in r.findings) == ["/participant-bind/bound-at", "/recovered-at"]
    return outcome(r)


@scenario(expect("timestamp-in-future"))
def time_now_with_an_offset(v):
    # now 21:00:00Z written as 23:00:00+02:00; 21:00:17Z is past the tolerance
    return run(v, bind(at="2026-03-28T21:00:17Z"), now="2026-03-28T23:00:00+02:00")


@scenario(expect("bind-asserted-late"))
def stage_artifact_errors_stop_the_context_stage(v):
    # the recovery's detachment is unknown, but the artifact stage already failed
    return run(v, _recovery_bound_at("2026-03-28T20:30:00Z"), [])


# --------------------------------------------------------------------------- context: recovery

@scenario(expect("detachment-unknown"))
def context_empty_knows_no_detachment(v):
    return run(v, recovery(), [])


@scenario(expect("detachment-unknown"))
def context_recovery_names_an_attachment(v):
    return run(v, recovery(det_id="attach:1"), CONTEXT_1)


@scenario(expect("participant-mismatch"))
def context_recovery_by_another_participant(v):
    return run(v, recovery(p=P2), CONTEXT_1)


@scenario(expect("recovery-before-detachment"))
def context_recovery_1_us_before_detachment(v):
    return run(v, recovery(at="2026-03-28T20:04:59.999999Z", bind_=bind(at=T_ATT, bind_id="pb:r")), CONTEXT_1)


@scenario(VALID)
def context_recovery_at_the_detachment_instant(v):
    return run(v, recovery(at="2026-03-28T21:05:00+01:00", bind_=bind(at=T_ATT, bind_id="pb:r")), CONTEXT_1)


@scenario(expect("detachment-already-recovered"))
def context_detachment_recovered_twice(v):
    return run(v, recovery("recover:2"), CONTEXT_1 + [recovery()])


@scenario(expect("recovery-id-reused"))
def context_recovery_id_reused(v):
    ctx = [attachment(), detachment(), attachment("attach:2", instance="client:c"),
           detachment("detach:2", "attach:2", instance="client:c"), recovery(det_id="detach:2")]
    return run(v, recovery(), ctx)


@scenario(expect("recovery-id-reused", "detachment-unknown"))
def context_recovery_id_reused_with_unknown_detachment(v):
    return run(v, recovery(det_id="detach:9"), CONTEXT_1 + [recovery()])


@scenario([VALID, VALID, VALID, expect("recovery-id-reused", "detachment-already-recovered")])
def lifecycle_replayed_recovery(v):
    rec = recovery()
    return chain(v, attachment(), detachment(), rec, rec)


@scenario(expect("participant-mismatch", "recovery-before-detachment", "detachment-already-recovered",
                 "recovery-id-reused", "mode-serving-node-changed", "mode-client-instance-changed"))
def context_recovery_reports_every_rule(v):
    doc = recovery(at="2026-03-28T20:00:00Z", node=N2, instance="client:z", mode="reattach-existing-device", p=P2)
    return run(v, doc, CONTEXT_1 + [recovery()])


# --------------------------------------------------------------------------- C8 modes

@pytest.mark.parametrize("mode", ["reattach-existing-device", "resume-after-suspension"])
def test_keeping_modes(mode):
    v = ClientInstanceVerifier()
    assert run(v, recovery(mode=mode, instance="client:a"), CONTEXT_1) == VALID
    assert run(v, recovery(mode=mode, instance="client:b"), CONTEXT_1) == expect("mode-client-instance-changed")
    assert run(v, recovery(mode=mode, instance="client:a", node=N2), CONTEXT_1) == expect("mode-serving-node-changed")
    assert run(v, recovery(mode=mode, instance="client:b", node=N2), CONTEXT_1) == \
        expect("mode-serving-node-changed", "mode-client-instance-changed")


@scenario(expect("mode-serving-node-changed"))
def mode_reattach_on_another_node(v):
    return run(v, recovery(mode="reattach-existing-device", instance="client:a", node=N2), CONTEXT_1)


@scenario(expect("mode-client-instance-changed"))
def mode_resume_on_another_instance(v):
    return run(v, recovery(mode="resume-after-suspension", instance="client:b"), CONTEXT_1)


@scenario(VALID)
def mode_migrate_to_another_node(v):
    return run(v, recovery(mode="migrate-to-new-host", node=N2, instance="client:a"), CONTEXT_1)


@scenario(expect("mode-serving-node-unchanged"))
def mode_migrate_on_the_same_node(v):
    return run(v, recovery(mode="migrate-to-new-host", instance="client:b"), CONTEXT_1)


@scenario(VALID)
def mode_replace_device_on_another_node(v):
    return run(v, recovery(mode="replace-device", node=N2, instance="client:b"), CONTEXT_1)


@scenario(expect("mode-client-instance-unchanged"))
def mode_replace_with_the_same_instance(v):
    return run(v, recovery(mode="replace-device", instance="client:a"), CONTEXT_1)


@scenario(expect("migration-not-allowed"))
def mode_migration_from_an_attachment_that_forbids_it(v):
    return run(v, recovery(mode="migrate-to-new-host", node=N2), [attachment(allowed=False), detachment()])


@scenario(expect("migration-not-allowed", "mode-serving-node-unchanged"))
def mode_migration_forbidden_and_on_the_same_node(v):
    return run(v, recovery(mode="migrate-to-new-host"), [attachment(allowed=False), detachment()])


@scenario(VALID)
def mode_replace_device_from_an_attachment_that_forbids_migration(v):
    return run(v, recovery(mode="replace-device"), [attachment(allowed=False), detachment()])


@scenario(expect(not_evaluated=("CIR-MODE-004",)))
def mode_migration_root_attachment_not_in_context(v):
    return run(v, recovery(mode="migrate-to-new-host", node=N2), [detachment()])


@scenario(VALID)
def mode_other_modes_need_no_root_attachment(v):
    return run(v, recovery(mode="replace-device"), [detachment()])


def _second_recovery_path(allowed, mode="migrate-to-new-host"):
    return [attachment(allowed=allowed), detachment(),
            recovery(mode="reattach-existing-device", instance="client:a"),
            detachment("detach:2", "recover:1", at="2026-03-28T20:40:00Z",
                       bind_=bind(P1, N1, T_REC, bind_id="pb:recover:1")),
            recovery("recover:2", "detach:2", at="2026-03-28T20:50:00Z", mode=mode, node=N2, instance="client:a")]


@scenario([VALID] * 4 + [expect("migration-not-allowed")])
def lifecycle_migration_forbidden_by_the_root_of_a_recovered_path(v):
    return chain(v, *_second_recovery_path(False))


@scenario([VALID] * 5)
def lifecycle_migration_allowed_by_the_root_of_a_recovered_path(v):
    return chain(v, *_second_recovery_path(True))


@scenario(expect(not_evaluated=("CIR-MODE-004",)))
def mode_root_of_a_recovery_chain_missing(v):
    docs = _second_recovery_path(False)
    return run(v, docs[4], docs[1:4])  # without the attachment at the root


@scenario(expect(not_evaluated=("CIR-MODE-004",)))
def mode_context_cycle_has_no_root(v):
    # context documents are taken as admitted, even a cycle: recover:1 <- detach:1 -> recover:1
    ctx = [detachment(att_id="recover:1"), recovery(det_id="detach:1", instance="client:a")]
    return run(v, recovery("recover:2", det_id="detach:2", mode="migrate-to-new-host", node=N2),
               ctx + [detachment("detach:2", "recover:1")])


# --------------------------------------------------------------------------- context: detachment, attachment

@scenario(expect("attachment-unknown"))
def context_detachment_of_an_unknown_attachment(v):
    return run(v, detachment(), [])


@scenario(expect("attachment-unknown", "detachment-id-reused"))
def context_detachment_unknown_and_id_reused(v):
    return run(v, detachment(att_id="attach:9"), [attachment(), detachment()])


@scenario(expect("participant-mismatch"))
def context_detachment_by_another_participant(v):
    return run(v, detachment(p=P2), [attachment()])


@scenario(expect("detachment-mismatch"))
def context_detachment_on_another_node(v):
    return run(v, detachment(node=N2), [attachment()])


@scenario(expect("detachment-mismatch"))
def context_detachment_of_another_instance(v):
    return run(v, detachment(instance="client:z"), [attachment()])


@scenario(expect("detachment-mismatch"))
def context_detachment_mismatch_once_for_both(v):
    r = v.verify(enc(detachment(node=N2, instance="client:z")), DET, NOW, [item(attachment())])
    assert [f.code for f in r.findings] == ["detachment-mismatch"]
    return outcome(r)


@scenario(expect("detachment-before-attachment"))
def context_detachment_1_us_before_attachment(v):
    return run(v, detachment(at="2026-03-28T19:41:59.999999Z"), [attachment()])


@scenario(VALID)
def context_detachment_at_the_attachment_instant(v):
    return run(v, detachment(at=T_ATT), [attachment()])


@scenario(expect("detachment-before-attachment"))
def context_detachment_before_the_recovery_it_terminates(v):
    return run(v, detachment("detach:2", "recover:1", at="2026-03-28T20:24:00Z", instance="client:b"),
               CONTEXT_1 + [recovery()])


@scenario(expect("attachment-already-detached"))
def context_attachment_detached_twice(v):
    return run(v, detachment("detach:2"), [attachment(), detachment()])


@scenario(expect("attachment-already-detached"))
def context_recovery_detached_twice(v):
    ctx = CONTEXT_1 + [recovery(), detachment("detach:2", "recover:1", instance="client:b",
                                              at="2026-03-28T20:40:00Z")]
    return run(v, detachment("detach:3", "recover:1", instance="client:b", at="2026-03-28T20:41:00Z"), ctx)


@scenario(expect("detachment-id-reused"))
def context_detachment_id_reused(v):
    ctx = [attachment(), attachment("attach:2", instance="client:c"), detachment()]
    return run(v, detachment(att_id="attach:2", instance="client:c"), ctx)


@scenario(expect("participant-mismatch", "detachment-mismatch", "detachment-before-attachment",
                 "attachment-already-detached", "detachment-id-reused"))
def context_detachment_reports_every_rule(v):
    doc = detachment(at="2026-03-28T19:00:00Z", node=N2, p=P2, bind_=bind(P2, N2, "2026-03-28T19:00:00Z"))
    return run(v, doc, [attachment(), detachment()])


@scenario(expect("attachment-id-reused"))
def context_attachment_id_reused(v):
    return run(v, attachment(instance="client:c"), [attachment()])


@scenario(VALID)
def context_attachment_id_of_a_recovery_is_not_an_attachment_id(v):
    return run(v, attachment("recover:1"), CONTEXT_1 + [recovery()])


@scenario(VALID)
def context_detachment_of_a_recovery(v):
    return run(v, detachment("detach:2", "recover:1", at="2026-03-28T20:40:00Z", instance="client:b"),
               CONTEXT_1 + [recovery()])


# --------------------------------------------------------------------------- lifecycle ledger

@scenario([expect("bind-signature-invalid"), expect("attachment-unknown")])
def lifecycle_refused_document_does_not_enter_the_ledger(v):
    bad = attachment(bind_=bind(signer=P2))
    return chain(v, bad, detachment())


@scenario([VALID, expect("attachment-id-reused"), VALID, expect("attachment-already-detached")])
def lifecycle_attachment_replay_and_double_detachment(v):
    return chain(v, attachment(), attachment(), detachment(), detachment("detach:2"))


@scenario([expect("detachment-unknown"), VALID, VALID, VALID])
def lifecycle_out_of_order(v):
    return chain(v, recovery(), attachment(), detachment(), recovery())


@scenario([VALID, VALID, expect("participant-mismatch")])
def lifecycle_cross_participant_recovery(v):
    return chain(v, attachment(), detachment(), recovery(p=P2))


@scenario([VALID, VALID, expect("node-attestation-unverifiable")])
def lifecycle_admits_a_document_with_only_warnings(v):
    rec = recovery()
    rec["proof/node-attestation"] = {"alg": "ml-dsa-65", "value": "x"}
    results = chain(v, attachment(), detachment(), rec, rec)
    assert results[3] == expect("recovery-id-reused", "detachment-already-recovered", "node-attestation-unverifiable")
    return results[:3]


@scenario([expect("json-syntax"), VALID])
def lifecycle_unparseable_document_is_a_result(v):
    return [outcome(r) for r in v.lifecycle([(ATT, b"{"), item(attachment())], NOW)]


# --------------------------------------------------------------------------- not evaluated

@scenario(expect("bind-signature-invalid", not_evaluated=ALL_CONTEXT))
def not_evaluated_without_context_even_when_invalid(v):
    return run(v, recovery(bind_=bind(P1, N1, T_REC, signer=P2)), context=None)


@scenario(expect(not_evaluated=ALL_CONTEXT))
def not_evaluated_detachment_without_context(v):
    return run(v, detachment(), context=None)


@scenario(VALID)
def not_evaluated_nothing_for_a_bare_bind_with_context(v):
    return run(v, bind(), [])


# --------------------------------------------------------------------------- the scenarios

@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_scenario(name):
    fn, expected = SCENARIOS[name]
    assert fn(ClientInstanceVerifier()) == expected


def _codes_of(expected) -> set:
    return set().union(*(e[1] for e in (expected if isinstance(expected, list) else [expected])))


def test_every_code_has_a_scenario():
    covered = set().union(*(_codes_of(e) for _, e in SCENARIOS.values()))
    assert covered == {c.code for c in catalog.codes(CIR)}


def _wrong(mutant_class) -> list[str]:
    out = []
    for name, (fn, expected) in SCENARIOS.items():
        try:
            if fn(mutant_class()) != expected:
                out.append(name)
        except Exception:  # a crash is a wrong answer too
            out.append(name)
    return out


def test_there_are_enough_mutants():
    assert len(CIR_MUTANTS) >= 18


@pytest.mark.parametrize("name", sorted(CIR_MUTANTS))
def test_every_mutant_is_caught(name):
    mutant = CIR_MUTANTS[name]
    assert issubclass(mutant, ClientInstanceVerifier)
    overridden = [k for k, val in vars(mutant).items() if callable(val) and not k.startswith("__")]
    assert len(overridden) == 1, overridden
    assert _wrong(mutant), f"{name} passes every scenario"


# --------------------------------------------------------------------------- findings, pointers, severities

def test_findings_carry_rfc6901_pointers_and_catalog_severities():
    doc = recovery(bind_=bind(P1, N2, "2026-03-28T20:26:00Z", signer=P2), attest=N3)
    r = ClientInstanceVerifier().verify(enc(doc), REC, NOW, [item(d) for d in CONTEXT_1])
    assert {(f.code, f.pointer) for f in r.findings} == {
        ("bind-via-mismatch", "/participant-bind/via~1node-id"),
        ("bind-signature-invalid", "/participant-bind/proof~1participant-signature"),
        ("node-attestation-invalid", "/proof~1node-attestation"),
        ("bind-asserted-late", "/participant-bind/bound-at"),
    }
    assert all(f.severity == catalog.severity(f.code, CIR) and f.message for f in r.findings)


def test_pointers_of_context_findings():
    r = ClientInstanceVerifier().verify(
        enc(recovery(at="2026-03-28T20:00:00Z", node=N2, instance="client:z", mode="reattach-existing-device", p=P2)),
        REC, NOW, [item(d) for d in CONTEXT_1 + [recovery()]])
    assert {(f.code, f.pointer) for f in r.findings} == {
        ("participant-mismatch", "/participant-bind/participant~1id"),
        ("recovery-before-detachment", "/recovered-at"),
        ("detachment-already-recovered", "/recovery~1from-detachment-id"),
        ("recovery-id-reused", "/recovery~1id"),
        ("mode-serving-node-changed", "/serving-node~1id"),
        ("mode-client-instance-changed", "/client-instance~1id"),
    }


def test_warning_severity_and_valid_verdict():
    doc = bind()
    doc["proof/node-attestation"] = {"alg": "ml-dsa-65", "value": "x"}
    r = ClientInstanceVerifier().verify(enc(doc), BIND, NOW, None)
    assert r.verdict == "valid" and [f.severity for f in r.findings] == ["warning"]
    assert r.findings[0].pointer == "/proof~1node-attestation/alg"
    assert r.trust_class is None


def test_identity_findings_one_per_identity():
    node = "node:did:key:" + SHORT_KEY
    doc = recovery(bind_=bind(P1, N1, T_REC, **{"via/node-id": node}), **{"serving-node/id": node})
    r = ClientInstanceVerifier().verify(enc(doc), REC, NOW, None)
    assert [(f.code, f.pointer) for f in r.findings] == [
        ("identity-key-invalid", "/participant-bind/via~1node-id"), ("identity-key-invalid", "/serving-node~1id")]


def test_pod_user_id_is_not_decoded():
    doc = attachment(**{"pod-user/id": "pod-user:did:key:" + SHORT_KEY})
    assert run(ClientInstanceVerifier(), doc, []) == VALID


def test_codes_are_sorted_and_unique():
    r = ClientInstanceVerifier().verify(enc(recovery(at="2026-03-29T00:00:00Z")), REC, NOW, None)
    assert r.codes == ["timestamp-in-future"] and len(r.findings) == 2


def test_schema_level_stops_after_the_schema():
    v = ClientInstanceVerifier()
    r = v.verify(enc(recovery(bind_=bind(P1, N1, T_REC, signer=P2))), REC, NOW, None, level="schema")
    assert r.verdict == "valid" and r.findings == [] and r.not_evaluated == ALL_CONTEXT
    r = v.verify(enc(recovery(mode="x")), REC, NOW, None, level="schema")
    assert r.codes == ["schema-shape"]


def test_fresh_ledger_per_lifecycle_call():
    v = ClientInstanceVerifier()
    docs = [item(attachment()), item(detachment())]
    assert [outcome(r) for r in v.lifecycle(docs, NOW)] == [VALID, VALID]
    assert [outcome(r) for r in v.lifecycle(docs, NOW)] == [VALID, VALID]


def test_context_is_not_judged():
    # a context attachment with a wrong signature is still taken as admitted
    ctx = [item(attachment(bind_=bind(signer=P2))), item(detachment())]
    r = ClientInstanceVerifier().verify(enc(recovery()), REC, NOW, ctx)
    assert outcome(r) == VALID


# --------------------------------------------------------------------------- protocol errors

def test_unparseable_context_document_names_its_index():
    with pytest.raises(ValueError, match=r"context\[1\].*json-syntax"):
        ClientInstanceVerifier().verify(enc(recovery()), REC, NOW, [item(attachment()), (DET, b"{")])


def test_context_document_must_match_its_schema():
    with pytest.raises(ValueError, match=r"context\[0\].*schema"):
        ClientInstanceVerifier().verify(enc(recovery()), REC, NOW, [(DET, enc(attachment()))])


def test_context_kind_must_be_a_lifecycle_kind():
    with pytest.raises(ValueError, match=r"context\[0\]\.kind"):
        ClientInstanceVerifier().verify(enc(recovery()), REC, NOW, [(BIND, enc(bind()))])


def test_lifecycle_kind_must_be_a_lifecycle_kind():
    with pytest.raises(ValueError, match=r"documents\[1\]\.kind"):
        ClientInstanceVerifier().lifecycle([item(attachment()), (BIND, enc(bind()))], NOW)


@pytest.mark.parametrize("now", ["2026-03-28T21:00:00", "", "yesterday", "2026-03-28T21:00:00Z\n"])
def test_now_must_be_rfc3339(now):
    with pytest.raises(ValueError, match="now"):
        ClientInstanceVerifier().verify(enc(bind()), BIND, now, None)
    with pytest.raises(ValueError, match="now"):
        ClientInstanceVerifier().lifecycle([], now)


def test_unknown_kind_and_level():
    with pytest.raises(ValueError, match="kind"):
        ClientInstanceVerifier().verify(enc(bind()), "node-address-attestation.v1", NOW, None)
    with pytest.raises(ValueError, match="level"):
        ClientInstanceVerifier().verify(enc(bind()), BIND, NOW, None, level="strict")


# --------------------------------------------------------------------------- published examples

def _published(root: Path, which: str) -> list:
    out = []
    for kind in (BIND, ATT, DET, REC):
        out += [(p, kind) for p in sorted((root / "orbidocs/examples" / which).glob(f"*.{kind[:-3]}.json"))]
    return out


PUBLISHED_VALID = upstream_params(lambda root: _published(root, "valid"), width=2)
PUBLISHED_INVALID = upstream_params(lambda root: _published(root, "invalid"), width=2)


def test_published_example_inventory(upstream):
    assert len(_published(upstream, "valid")) == 4 and len(_published(upstream, "invalid")) == 4


@pytest.mark.parametrize("path,kind", PUBLISHED_VALID, ids=lambda x: getattr(x, "name", x))
def test_published_valid_examples(path, kind):
    raw = path.read_bytes()
    v = ClientInstanceVerifier()
    assert schema.findings(json.loads(raw), kind + ".json") == []
    assert v.verify(raw, kind, NOW, None, level="schema").verdict == "valid"
    # placeholder signature values ("base64url:participant-bind-signature"): not base64url of 64 bytes
    r = v.verify(raw, kind, NOW, None)
    assert r.codes == ["signature-encoding"]
    assert r.findings[0].pointer.endswith("proof~1participant-signature/value")


@pytest.mark.parametrize("path,kind", PUBLISHED_INVALID, ids=lambda x: getattr(x, "name", x))
def test_published_invalid_examples(path, kind):
    r = ClientInstanceVerifier().verify(path.read_bytes(), kind, NOW, None)
    assert r.verdict == "invalid" and r.codes == ["schema-required"]
