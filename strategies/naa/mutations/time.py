"""Mutations of the time (NAA-TIME-*) group."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import strategies as st

from ...shared.timefmt import US, Style
from .. import model
from .base import SECOND, NotApplicable, choice, clean_entry, doc_bytes, invalid, mutation, valid, with_entry


@mutation("time.window-inverted", "time", ["NAA-TIME-001", "NAA-TIME-003"], ["InvertedWindow"],
          params={"which": choice, "gap_us": st.one_of(st.just(1), st.integers(1, 16_000_000))},
          vectors=[("by-1us", {"which": 0, "gap_us": 1}, "directory-confirmed"),
                   ("by-16s", {"which": 0, "gap_us": 16_000_000}, "self-only")])
def window_inverted(spec, p):
    """signed/at after expires/at (by as little as 1 µs)."""
    i = clean_entry(spec, p["which"])
    e = spec.entries[i]
    signed = e.expires_at + p["gap_us"] * US
    verified = signed if e.verified_at is not None else None
    mutated = with_entry(spec, i, signed_at=signed, verified_at=verified)
    return invalid(mutated, doc_bytes(mutated), {"evidence-window-inverted"}, "semantic")


@mutation("time.window-equal", "time", ["NAA-TIME-001"], ["InvertedWindow"],
          params={"which": choice}, vectors=[("signed-equals-expires", {"which": 0}, "self-only")])
def window_equal(spec, p):
    """signed/at equal to expires/at is allowed (<=)."""
    i = clean_entry(spec, p["which"])
    e = spec.entries[i]
    return valid(with_entry(spec, i, signed_at=e.expires_at, verified_at=e.expires_at if e.verified_at is not None else None))


SKEWS_US = (1, 1000, 1_000_000, 3_600_000_000)
NAMED_STYLES = {
    "plain": Style(),
    "offset-530-lower-9": Style(offset_minutes=330, zulu=False, lower=True, digits=9),
    "offset-minus-8-3": Style(offset_minutes=-480, zulu=False, digits=3),
    "zulu-lower-12": Style(lower=True, digits=12),
    "offset-plus-14": Style(offset_minutes=840, zulu=False),
}
style_names = st.sampled_from(sorted(NAMED_STYLES))


def _certificate_entry(spec, which):
    candidates = [i for i in model.clean_entries(spec) if spec.entries[i].verified_at is not None]
    if not candidates:
        raise NotApplicable("no clean entry with a certificate")
    return candidates[which % len(candidates)]


@mutation("time.certificate-skew", "time", ["NAA-TIME-002", "NAA-TIME-003"], ["ClockSkew"],
          params={"which": choice, "side": st.sampled_from(["before", "after"]), "delta_us": st.sampled_from(SKEWS_US),
                  "style": style_names},
          needs=["certificate"],
          vectors=[(f"{s}-{d}us", {"which": 0, "side": s, "delta_us": d, "style": "plain"}, "directory-confirmed")
                   for s in ["before", "after"] for d in SKEWS_US]
          + [(f"{s}-1us-{st_}", {"which": 0, "side": s, "delta_us": 1, "style": st_}, "directory-confirmed")
             for s in ["before", "after"] for st_ in ["offset-530-lower-9", "offset-minus-8-3"]])
def certificate_skew(spec, p):
    """endpoint/certificate.verified/at more than 16 s outside the evidence window (by as little as 1 µs)."""
    i = _certificate_entry(spec, p["which"])
    e = spec.entries[i]
    skew = 16 * SECOND + p["delta_us"] * US
    verified = e.signed_at - skew if p["side"] == "before" else e.expires_at + skew
    mutated = with_entry(spec, i, verified_at=verified, styles=e.styles[:2] + (NAMED_STYLES[p["style"]],))
    return invalid(mutated, doc_bytes(mutated), {"certificate-time-skew"}, "semantic")


@mutation("time.certificate-skew-boundary", "time", ["NAA-TIME-002", "NAA-TIME-003"], ["ClockSkewBoundary"],
          params={"which": choice, "side": st.sampled_from(["before", "after"]), "inside_us": st.sampled_from([0, 1]),
                  "style": style_names},
          needs=["certificate"],
          vectors=[(f"{s}-inside-{d}us", {"which": 0, "side": s, "inside_us": d, "style": "plain"}, "directory-confirmed")
                   for s in ["before", "after"] for d in (0, 1)]
          + [(f"{s}-exact-{st_}", {"which": 0, "side": s, "inside_us": 0, "style": st_}, "directory-confirmed")
             for s in ["before", "after"] for st_ in ["offset-530-lower-9", "offset-plus-14"]])
def certificate_skew_boundary(spec, p):
    """verified/at exactly 16 s (or 16 s - 1 µs) outside the window: allowed, bounds included."""
    i = _certificate_entry(spec, p["which"])
    e = spec.entries[i]
    skew = 16 * SECOND - p["inside_us"] * US
    verified = e.signed_at - skew if p["side"] == "before" else e.expires_at + skew
    return valid(with_entry(spec, i, verified_at=verified, styles=e.styles[:2] + (NAMED_STYLES[p["style"]],)))


@mutation("time.equivalent-styles", "time", ["NAA-TIME-003", "NAA-SCHEMA-005"], ["TimestampStyles"],
          params={"envelope": style_names, "signed": style_names, "expires": style_names, "verified": style_names},
          vectors=[(f"{a}/{b}", {"envelope": a, "signed": b, "expires": a, "verified": b}, base)
                   for a, b, base in [("offset-530-lower-9", "offset-minus-8-3", "directory-confirmed"),
                                      ("zulu-lower-12", "offset-plus-14", "trusted-peer-confirmed"),
                                      ("offset-plus-14", "offset-minus-8-3", "self-only")]])
def equivalent_styles(spec, p):
    """Every timestamp written in another valid RFC 3339 style (offsets up to +14:00, lowercase t/z,
    up to 12 fraction digits): the instants, and so the outcome, are unchanged."""
    s = {k: NAMED_STYLES[v] for k, v in p.items()}
    entries = [replace(e, styles=(s["signed"], s["expires"], s["verified"])) for e in spec.entries]
    return valid(spec.with_(entries=entries, styles=(s["envelope"], s["envelope"])))


@mutation("time.envelope-expired", "time", ["NAA-TIME-004", "NAA-TRUST-006"], ["Expiry"],
          params={"delta_us": st.one_of(st.just(0), st.just(1), st.integers(1, 10**10))},
          vectors=[("at-expiry-still-live", {"delta_us": 0}, "directory-confirmed"),
                   ("1us-after", {"delta_us": 1}, "directory-confirmed"),
                   ("1h-after", {"delta_us": 3_600_000_000}, "trusted-peer-confirmed")])
def envelope_expired(spec, p):
    """now at or after the envelope's expires/at: at it, still live; 1 µs after, expired."""
    return valid(spec.with_(now=spec.expires_at + p["delta_us"] * US))


@mutation("time.evidence-expired", "time", ["NAA-TIME-005", "NAA-TIME-006", "NAA-TRUST-006"], ["Expiry"],
          params={"which": choice, "scope": st.sampled_from(["one", "all", "counted"]),
                  "delta_us": st.one_of(st.just(0), st.just(1), st.integers(1, 10**9))},
          vectors=[("top-entry-1us", {"which": 0, "scope": "one", "delta_us": 1}, "directory-confirmed"),
                   ("top-entry-at-expiry", {"which": 0, "scope": "one", "delta_us": 0}, "directory-confirmed"),
                   ("all-entries", {"which": 0, "scope": "all", "delta_us": 1}, "trusted-peer-confirmed"),
                   ("counted-entries-untrusted-live", {"which": 0, "scope": "counted", "delta_us": 1}, "untrusted-noise")])
def evidence_expired(spec, p):
    """Evidence entries past their expires/at at now are ignored; the class falls to what remains, or is
    expired when nothing that would count is live (live evidence from untrusted signers does not help)."""
    if p["scope"] == "all":
        targets = range(len(spec.entries))
    elif p["scope"] == "counted":
        targets = [i for i, e in enumerate(spec.entries) if model.counts(spec, e)]
    else:
        targets = [clean_entry(spec, p["which"])]
    now = spec.now
    mutated = spec
    for i in targets:
        e = mutated.entries[i]
        expires = now - p["delta_us"] * US
        signed = min(e.signed_at, expires)
        verified = signed if e.verified_at is not None else None
        mutated = with_entry(mutated, i, expires_at=expires, signed_at=signed, verified_at=verified)
    return valid(mutated)


@mutation("time.envelope-outlives-evidence", "time", ["NAA-TIME-006"], ["EnvelopeLifetime"],
          params={"extra_us": st.integers(1, 10**9)},
          vectors=[("by-1us", {"extra_us": 1}, "directory-confirmed"), ("by-1h", {"extra_us": 3_600_000_000}, "self-only")])
def envelope_outlives(spec, p):
    """The envelope's expires/at later than the earliest expiry among counted evidence: a SHOULD, so a warning."""
    counted = [e.expires_at for e in spec.entries if model.counts(spec, e)]
    return valid(spec.with_(expires_at=min(counted) + p["extra_us"] * US, now=min(spec.now, min(counted))))
