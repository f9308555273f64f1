"""Valid attestation scenarios: Hypothesis strategies and the fixed bases of the vectors.

A scenario picks a primary trust class, builds the evidence that earns it, and may add
noise that must not raise it (untrusted signers of higher kinds, expired entries, extra
self evidence). Every instant is an integer count of nanoseconds on a microsecond grid.
``needs`` forces features a mutation depends on (an envelope, a certificate, ...).
"""

from __future__ import annotations

import copy
from functools import lru_cache

from hypothesis import strategies as st

from ..shared import keys as K
from .build import Entry, Spec
from .endpoints import draw_endpoint
from ..shared.timefmt import NS, US, Style, parse_plain

SECOND = NS
PRIMARY_CLASSES = ("directory-confirmed", "directory-accepted", "trusted-peer-confirmed", "self-only", "expired")
FEATURES = frozenset({"embedded", "ref", "envelope", "certificate", "non-ascii", "peer", "live"})

T_MIN = parse_plain("2025-01-01T00:00:00Z")
T_MAX = parse_plain("2030-12-31T00:00:00Z")

_OFFSETS = (0, 60, -300, 330, 545, -720, 840)
_DIGITS = (0, 0, 3, 6, 9, 12)


@lru_cache(maxsize=None)
def _integers(lo: int, hi: int) -> st.SearchStrategy[int]:
    return st.integers(lo, hi)


@lru_cache(maxsize=None)
def _index(n: int) -> st.SearchStrategy[int]:
    """An index into n choices (a choice drawn as an index: no strategy built per draw)."""
    return st.integers(0, n - 1)


@lru_cache(maxsize=None)
def orders(n: int) -> st.SearchStrategy[list]:
    return st.permutations(range(n))


def _us(draw, lo_s: float, hi_s: float) -> int:
    return draw(_integers(int(lo_s * 1_000_000), int(hi_s * 1_000_000))) * US


def _pick(draw, options):
    return options[draw(_index(len(options)))]


def _between_us(draw, lo: int, hi: int) -> int:
    """An instant on the microsecond grid in [lo, hi] (bounds vary per case: one cached
    strategy per span would not be reused, so the offset is a fraction of the span)."""
    lo_u, hi_u = -(-lo // US), hi // US
    span = hi_u - lo_u
    if span <= 0:
        return lo_u * US
    return (lo_u + draw(_FRACTION) * span // _FRACTION_MAX) * US


_FRACTION_MAX = 2**48
_FRACTION = st.integers(0, _FRACTION_MAX)


@lru_cache(maxsize=None)
def _other_nodes(target: K.TestKey) -> tuple:
    return tuple(n for n in K.NODES if n != target)


_PERMUTED_DIRECTORIES = st.permutations(K.DIRECTORIES)
_NOISE_COUNT = st.integers(0, 2)
_NOISE_KINDS = st.sampled_from(["seed-directory", "peer-reachability"])
_T0_SECONDS = st.integers(T_MIN // SECOND, T_MAX // SECOND)
_NON_ASCII_TAILS = st.sampled_from(["/é", "/日本", "/😂", "/straße"])
_LATE = st.sampled_from([US, SECOND])
_LATE_BY = st.integers(1, 1000)
_ADV_FORMS = st.sampled_from(["embedded", "ref"])
_SUFFIXES = st.integers(0, 10**12)
_URL_VARIANTS = st.fixed_dictionaries({}, optional={"explicit_port": st.booleans(), "upper_host": st.booleans()})
_ANNOTATIONS = st.sampled_from([None, {"note": "local"}, {"ünïcode": ["é", 1, 2.5, True, None]}]).map(copy.deepcopy)
_ADVERTISED = st.lists(st.sampled_from(["wss://relay.example/peer", "wss://[2001:db8::7]:9443/alt"]),
                       max_size=2, unique=True)
_ADV_DIGESTS = st.sampled_from([None, "top"])


def _entry(draw, spec_target: K.TestKey, kind: str, trusted: bool, t0: int, signer_key: K.TestKey | None = None,
           transcript: bool | None = None, certificate: bool | None = None, live_until: int | None = None) -> Entry:
    signed = t0 - _us(draw, 0, 3600)
    expires = live_until if live_until is not None else t0 + _us(draw, 60, 7200)
    if kind == "peer-reachability":
        transcript = True
    elif transcript is None:
        transcript = kind == "seed-directory" and draw(st.booleans())
    certificate = transcript or (certificate if certificate is not None else draw(st.booleans()))
    verified = None
    if certificate:
        # 1 µs inside the 16 s skew bounds at the extremes: the bounds themselves are interpretation I8's
        # (inclusive or exclusive), tested by time.certificate-skew-boundary alone, never noise here
        lo, hi = signed - 16 * SECOND + US, expires + 16 * SECOND - US
        # half the time one of the edges, else anywhere between
        verified = _pick(draw, (lo, hi, signed, expires)) if draw(st.booleans()) else _between_us(draw, lo, hi)
    if kind == "seed-directory":
        key = signer_key or _pick(draw, K.DIRECTORIES)
        signer = K.directory_id(key)
        key = key if trusted else None
    elif kind == "self-advertisement":
        key = signer_key or spec_target
        signer = key.node_id
    else:
        key = signer_key or _pick(draw, _other_nodes(spec_target))
        signer = key.node_id
    return Entry(
        kind=kind, signer=signer, key=key, signed_at=signed, expires_at=expires, trusted=trusted,
        transcript=transcript, verified_at=verified, adv_digest=draw(_ADV_DIGESTS),
        styles=(_style(draw), _style(draw), _style(draw)),
    )


PLAIN_STYLE = Style()
# Half the time the plain style, else any combination (what one_of(just(Style()), builds(Style, ...))
# drew), as one draw of an index: the styles are drawn ~10 times per scenario.
_ANY_STYLES = tuple(Style(offset_minutes=o, zulu=z, lower=lo, digits=d)
                    for o in _OFFSETS for z in (False, True) for lo in (False, True) for d in _DIGITS)
_STYLES = st.sampled_from((PLAIN_STYLE,) * len(_ANY_STYLES) + _ANY_STYLES)


def _style(draw) -> Style:
    return draw(_STYLES)


def draw_spec(draw, needs: frozenset = frozenset(), primary: str | None = None, t0: int | None = None,
              target: K.TestKey | None = None, endpoint: dict | None = None) -> Spec:
    """A valid scenario drawn with ``draw`` (inside a composite strategy; ``specs`` wraps it)."""
    unknown = set(needs) - FEATURES
    if unknown:
        raise ValueError(f"unknown scenario features {sorted(unknown)}")
    target = target or _pick(draw, K.NODES)
    ep = endpoint or draw_endpoint(draw)
    if "non-ascii" in needs:
        ep = dict(ep, path=ep["path"] + draw(_NON_ASCII_TAILS))
    if t0 is None:
        t0 = draw(_T0_SECONDS) * SECOND + _us(draw, 0, 0.999999)
    cls = primary or _pick(draw, PRIMARY_CLASSES if "live" not in needs else PRIMARY_CLASSES[:4])
    if "peer" in needs and cls in ("self-only", "expired"):
        cls = "trusted-peer-confirmed"
    entries: list[Entry] = []
    directories = list(draw(_PERMUTED_DIRECTORIES))
    if cls in ("directory-confirmed", "directory-accepted"):
        entries.append(_entry(draw, target, "seed-directory", True, t0, signer_key=directories.pop(),
                              transcript=cls == "directory-confirmed"))
    if cls == "trusted-peer-confirmed" or "peer" in needs:
        entries.append(_entry(draw, target, "peer-reachability", True, t0))
    if cls in ("self-only", "expired") or draw(st.booleans()):
        entries.append(_entry(draw, target, "self-advertisement", True, t0, certificate="certificate" in needs or None))
    if "certificate" in needs and not any(e.verified_at is not None for e in entries):
        entries.append(_entry(draw, target, "seed-directory", True, t0, signer_key=directories.pop(), transcript=True))
    # Noise that must not raise the class: higher kinds from signers the case does not trust.
    used = {e.signer for e in entries}
    for _ in range(draw(_NOISE_COUNT)):
        kind = draw(_NOISE_KINDS)
        if kind == "seed-directory" and directories:
            entries.append(_entry(draw, target, kind, False, t0, signer_key=directories.pop()))
        elif kind == "peer-reachability":
            stranger = _pick(draw, [k for k in K.NODES if k != target and k.node_id not in used])
            used.add(stranger.node_id)
            entries.append(_entry(draw, target, kind, False, t0, signer_key=stranger))
    if len(entries) > 1:
        entries = [entries[i] for i in draw(orders(len(entries)))]
    counted_expiry = min(e.expires_at for e in entries if e.trusted)
    envelope_expires = counted_expiry - _us(draw, 0, 30)
    if cls == "expired":
        now = envelope_expires + draw(_LATE) * draw(_LATE_BY)
    else:
        # the last live microsecond at most: `now` exactly at an expiry is interpretation I8's boundary,
        # tested by time.envelope-expired / time.evidence-expired alone
        last_live = envelope_expires - US
        now = last_live if draw(st.booleans()) else _between_us(draw, t0, last_live)
    adv_form = "ref" if "ref" in needs else "embedded" if "embedded" in needs else draw(_ADV_FORMS)
    envelope = "envelope" in needs or draw(st.booleans())
    assembler = _pick(draw, K.NODES) if envelope or draw(st.booleans()) else None
    return Spec(
        target=target, endpoint=ep, observed_at=t0, expires_at=envelope_expires, now=now, entries=entries,
        adv_form=adv_form, assembler=assembler, envelope=envelope,
        styles=(_style(draw), _style(draw)),
        attestation_suffix=str(draw(_SUFFIXES)),
        url_variant=draw(_URL_VARIANTS),
        annotations=draw(_ANNOTATIONS),
        advertised=draw(_ADVERTISED),
    )


@lru_cache(maxsize=None)
def _specs(needs: frozenset, primary, t0, target) -> st.SearchStrategy[Spec]:
    return st.composite(lambda draw: draw_spec(draw, needs, primary, t0, target))()


def specs(needs: frozenset = frozenset(), primary: str | None = None, t0: int | None = None,
          target: K.TestKey | None = None, endpoint: dict | None = None) -> st.SearchStrategy[Spec]:
    """Valid scenarios; the strategy is built once per parameter set (an endpoint, a dict, is not cached)."""
    if endpoint is not None:
        return st.composite(lambda draw: draw_spec(draw, needs, primary, t0, target, endpoint))()
    return _specs(frozenset(needs), primary, t0, target)


# ---- fixed bases for golden vectors ----

T0 = parse_plain("2026-04-17T12:00:00Z")
NODE_A, NODE_B, NODE_C = K.NODES[1], K.NODES[2], K.NODES[3]
DIR_MAIN, DIR_OTHER = K.DIRECTORIES[0], K.DIRECTORIES[1]
FIXED_ENDPOINT = {"scheme": "wss", "host": "node-01.docs.orbiplex.ai", "port": 443, "path": "/peer"}


def _fixed_entry(kind: str, key: K.TestKey, trusted: bool = True, transcript: bool = False,
                 certificate: bool = False, signed: int = -300, expires: int = 900) -> Entry:
    signed_at, expires_at = T0 + signed * SECOND, T0 + expires * SECOND
    signer = K.directory_id(key) if kind == "seed-directory" else key.node_id
    return Entry(kind=kind, signer=signer, key=key if (trusted or kind != "seed-directory") else None,
                 signed_at=signed_at, expires_at=expires_at, trusted=trusted,
                 transcript=transcript or kind == "peer-reachability",
                 verified_at=signed_at + 5 * SECOND if (certificate or transcript or kind == "peer-reachability") else None,
                 adv_digest="top")


def fixed_bases() -> dict[str, Spec]:
    """Named, fully fixed valid scenarios the vectors mutate."""
    common = dict(target=NODE_A, endpoint=FIXED_ENDPOINT, observed_at=T0, expires_at=T0 + 300 * SECOND,
                  now=T0 + 60 * SECOND)
    self_entry = _fixed_entry("self-advertisement", NODE_A)
    return {
        "directory-confirmed": Spec(**common, entries=[
            _fixed_entry("seed-directory", DIR_MAIN, transcript=True), self_entry],
            assembler=NODE_B, envelope=True, attestation_suffix="dc"),
        "directory-accepted": Spec(**common, entries=[
            _fixed_entry("seed-directory", DIR_MAIN), self_entry], adv_form="ref", attestation_suffix="da"),
        "trusted-peer-confirmed": Spec(**common, entries=[
            self_entry, _fixed_entry("peer-reachability", NODE_B)],
            assembler=NODE_B, envelope=True, attestation_suffix="tp"),
        "self-only": Spec(**common, entries=[_fixed_entry("self-advertisement", NODE_A, certificate=True)],
                          attestation_suffix="so"),
        "non-ascii": Spec(**dict(common, endpoint={"scheme": "wss", "host": "xn--bcher-kva.example", "port": 8443,
                                                   "path": "/pfad/straße/日本"}),
                          entries=[_fixed_entry("seed-directory", DIR_MAIN, transcript=True), self_entry],
                          assembler=NODE_C, envelope=True, attestation_suffix="na"),
        "ipv6": Spec(**dict(common, endpoint={"scheme": "wss", "host": "2001:db8::42", "port": 9443, "path": "/"}),
                     entries=[self_entry, _fixed_entry("peer-reachability", NODE_C)], adv_form="ref",
                     attestation_suffix="v6"),
        "ipv4-mapped": Spec(**dict(common, endpoint={"scheme": "wss", "host": "::ffff:192.0.2.7", "port": 443, "path": "/p"}),
                            entries=[self_entry], adv_form="ref", attestation_suffix="v4m"),
        "untrusted-noise": Spec(**common, entries=[
            self_entry, _fixed_entry("seed-directory", DIR_OTHER, trusted=False, transcript=True),
            _fixed_entry("peer-reachability", NODE_C, trusted=False)], attestation_suffix="un"),
    }
