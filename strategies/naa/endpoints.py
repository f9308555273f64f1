"""Endpoints in normal form (CONFORMANCE.md, "Endpoint normalization"), and ways to write
the same endpoint out of normal form.

Normal forms are built directly (lowercase labels, ``idna``'s A-labels, ``ipaddress``'s
canonical text, paths in IRI form), so a case knows its normal form by construction.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

import idna
from hypothesis import strategies as st

from ..shared.choices import Choices

_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789"


def _label(text: str) -> str:
    """[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])? from any 1-12 characters of [a-z0-9-]: a hyphen at either end
    becomes a digit (one string draw; from_regex drew it character by character)."""
    first = "0" if text[0] == "-" else text[0]
    if len(text) == 1:
        return first
    return first + text[1:-1] + ("9" if text[-1] == "-" else text[-1])


_LABEL = st.text(_ALNUM + "-", min_size=1, max_size=12).map(_label)
_TLDS = st.sampled_from(["example", "test", "orbiplex.ai", "invalid"])
UNICODE_LABELS = ("bücher", "café", "пример", "例え", "straße", "ελληνικά", "mañana", "δοκιμή")
_UNRESERVED_EXTRA = "-._~"
_PATH_ASCII = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789" + _UNRESERVED_EXTRA + "!$&'()*+,;=:@"
_PATH_UNICODE = "éßüñøжпя日本語例😂"
_KEPT_ESCAPES = ("%2F", "%3F", "%23", "%25", "%20")


def a_label_host(unicode_label: str, tld: str) -> str:
    return idna.encode(f"{unicode_label}.{tld}", uts46=True, transitional=False).decode("ascii")


_DNS_HOSTS = st.tuples(st.lists(_LABEL, min_size=1, max_size=3), _TLDS).map(lambda t: ".".join(t[0] + [t[1]]))


def dns_hosts() -> st.SearchStrategy[str]:
    return _DNS_HOSTS


# every (A-label normal form, Unicode form) pair, encoded once
_IDNA_PAIRS = tuple((a_label_host(label, tld), f"{label}.{tld}") for label in UNICODE_LABELS for tld in ("example", "test"))
_IDNA_HOSTS = st.sampled_from(_IDNA_PAIRS)


def idna_hosts() -> st.SearchStrategy[tuple[str, str]]:
    """(A-label normal form, Unicode form)."""
    return _IDNA_HOSTS


ipv4_hosts = st.integers(0, 2**32 - 1).map(lambda n: str(ipaddress.IPv4Address(n)))
def ipv6_text(n: int) -> str:
    """RFC 5952 text; IPv4-mapped addresses in their mixed form (§5)."""
    address = ipaddress.IPv6Address(n)
    return f"::ffff:{address.ipv4_mapped}" if address.ipv4_mapped else address.compressed


ipv6_hosts = st.one_of(
    st.integers(0, 2**128 - 1),
    st.integers(0, 2**16 - 1).map(lambda n: (0x20010DB8 << 96) | n),  # mostly zeros: '::' compression
    st.integers(0, 2**32 - 1).map(lambda n: (0xFFFF << 32) | n),  # IPv4-mapped
).map(ipv6_text)


def _segment(pair) -> str:
    text, escape = pair
    if escape is None:
        return text
    code, at = escape
    at = min(at, len(text))
    return text[:at] + code + text[at:]


# A segment is drawn whole: one string of ASCII and non-ASCII path characters, and (a third of the
# time, as when each token was a one_of of ASCII, non-ASCII and escapes) one kept escape placed in it.
_ESCAPE_PLACES = tuple((code, at) for code in _KEPT_ESCAPES for at in range(5))
_SEGMENT = st.tuples(
    st.text(_PATH_ASCII + _PATH_UNICODE, max_size=5),
    st.sampled_from((None,) * (2 * len(_ESCAPE_PLACES)) + _ESCAPE_PLACES),
).map(_segment)
_PATHS = st.lists(_SEGMENT, max_size=3).map(lambda segments: "/" + "/".join(segments))


def paths() -> st.SearchStrategy[str]:
    return _PATHS


_HOSTS = {"ipv4": ipv4_hosts, "ipv6": ipv6_hosts}
_HOST_KINDS = ("dns", "dns", "idna", "ipv4", "ipv6")
_TLD_NAMES = ("example", "test", "orbiplex.ai", "invalid")
_PORT_NUMBERS = st.integers(1, 65535)
_SEGMENT_TEXT = st.text(_PATH_ASCII + _PATH_UNICODE, max_size=5)
_SEGMENT_ESCAPES = (None,) * (2 * len(_ESCAPE_PLACES)) + _ESCAPE_PLACES


def draw_endpoint(draw, host_kind: str | None = None, c: Choices | None = None) -> dict:
    """What ``endpoints`` draws, its categorical choices (host kind, label and segment counts,
    top-level domain, escapes, the default port) taken from ``c`` instead of one draw each."""
    c = c or Choices(draw)
    kind = host_kind or c.pick(_HOST_KINDS)
    if kind == "dns":
        host = ".".join([draw(_LABEL) for _ in range(1 + c.index(3))] + [c.pick(_TLD_NAMES)])
    elif kind == "idna":
        host = c.pick(_IDNA_PAIRS)[0]
    else:
        host = draw(_HOSTS[kind])
    port = 443 if c.flag() else draw(_PORT_NUMBERS)
    path = "/" + "/".join(_segment((draw(_SEGMENT_TEXT), c.pick(_SEGMENT_ESCAPES))) for _ in range(c.index(4)))
    return {"scheme": "wss", "host": host, "port": port, "path": path}


@st.composite  # decorated once: st.composite parses its function's source at every decoration
def _endpoints(draw, host_kind: str | None) -> dict:
    return draw_endpoint(draw, host_kind)


@lru_cache(maxsize=None)
def endpoints(host_kind: str | None = None) -> st.SearchStrategy[dict]:
    return _endpoints(host_kind)


def _inside_escape(path: str, i: int) -> bool:
    """Whether position i is one of the two hex digits of a %XX escape."""
    return (i >= 1 and path[i - 1] == "%") or (i >= 2 and path[i - 2] == "%")


def denormalized_variants(ep: dict) -> list[tuple[str, dict]]:
    """Textually different writings of ``ep`` with the same normal form."""
    out = []
    host = ep["host"]
    if any(c.isalpha() for c in host) and ":" not in host:
        out.append(("uppercase-host", dict(ep, host=host.upper())))
        out.append(("fully-qualified-dot", dict(ep, host=host + ".")))
    if host.startswith("xn--") or ".xn--" in host:
        out.append(("unicode-host", dict(ep, host=idna.decode(host))))
    if ":" in host:
        address = ipaddress.IPv6Address(host)
        out.append(("expanded-ipv6", dict(ep, host=address.exploded.upper())))
        if address.ipv4_mapped:
            out.append(("hex-ipv4-mapped", dict(ep, host="::ffff:%x:%x" % divmod(int(address.ipv4_mapped), 1 << 16))))
        out.append(("bracketed-ipv6", dict(ep, host=f"[{host}]")))
    path = ep["path"]
    literal = [i for i in range(len(path)) if not _inside_escape(path, i)]
    for i in literal:
        ch = path[i]
        if ch.isalnum() and ch.isascii():
            out.append(("escaped-unreserved", dict(ep, path=path[:i] + f"%{ord(ch):02x}" + path[i + 1:])))
            break
    for i in literal:
        ch = path[i]
        if not ch.isascii():
            encoded = "".join(f"%{b:02x}" for b in ch.encode("utf-8"))
            out.append(("escaped-non-ascii", dict(ep, path=path[:i] + encoded + path[i + 1:])))
            break
    return out
