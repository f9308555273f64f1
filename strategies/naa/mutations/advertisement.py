"""Mutations of the advertisement (NAA-ADV-*) group."""

from __future__ import annotations

import json

from hypothesis import strategies as st

from ...shared import keys as K
from ..build import REF_PREFIX, build, endpoint_url, fake_digest, jcs_digest, sha256_digest, signed_advertisement
from .base import NotApplicable, choice, clean_entry, doc_bytes, invalid, mutation, valid, with_entry


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
