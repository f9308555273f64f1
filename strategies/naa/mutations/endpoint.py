"""Mutations of the endpoint normalization (NAA-ENDPOINT-*) group."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import strategies as st

from ..build import jcs_digest
from ..endpoints import denormalized_variants
from .base import NotApplicable, choice, doc_bytes, invalid, mutation, valid


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
