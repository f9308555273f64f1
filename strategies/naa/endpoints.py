"""Endpoints in normal form (CONFORMANCE.md, "Endpoint normalization"), and ways to write
the same endpoint out of normal form.

Normal forms are built directly (lowercase labels, ``idna``'s A-labels, ``ipaddress``'s
canonical text, paths in IRI form), so a case knows its normal form by construction.
"""

from __future__ import annotations

import ipaddress

import idna
from hypothesis import strategies as st

_LABEL = st.from_regex(r"[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?", fullmatch=True)
UNICODE_LABELS = ("bücher", "café", "пример", "例え", "straße", "ελληνικά", "mañana", "δοκιμή")
_UNRESERVED_EXTRA = "-._~"
_PATH_ASCII = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789" + _UNRESERVED_EXTRA + "!$&'()*+,;=:@"
_PATH_UNICODE = "éßüñøжпя日本語例😂"
_KEPT_ESCAPES = ("%2F", "%3F", "%23", "%25", "%20")


def a_label_host(unicode_label: str, tld: str) -> str:
    return idna.encode(f"{unicode_label}.{tld}", uts46=True, transitional=False).decode("ascii")


@st.composite
def dns_hosts(draw) -> str:
    labels = draw(st.lists(_LABEL, min_size=1, max_size=3))
    return ".".join(labels + [draw(st.sampled_from(["example", "test", "orbiplex.ai", "invalid"]))])


@st.composite
def idna_hosts(draw) -> tuple[str, str]:
    """(A-label normal form, Unicode form)."""
    label = draw(st.sampled_from(UNICODE_LABELS))
    tld = draw(st.sampled_from(["example", "test"]))
    return a_label_host(label, tld), f"{label}.{tld}"


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


@st.composite
def paths(draw) -> str:
    segments = draw(st.lists(
        st.lists(st.one_of(
            st.sampled_from(_PATH_ASCII),
            st.sampled_from(_PATH_UNICODE),
            st.sampled_from(_KEPT_ESCAPES),
        ), max_size=6).map("".join),
        max_size=3,
    ))
    return "/" + "/".join(segments)


@st.composite
def endpoints(draw, host_kind: str | None = None) -> dict:
    kind = host_kind or draw(st.sampled_from(["dns", "dns", "idna", "ipv4", "ipv6"]))
    if kind == "dns":
        host = draw(dns_hosts())
    elif kind == "idna":
        host = draw(idna_hosts())[0]
    elif kind == "ipv4":
        host = draw(ipv4_hosts)
    else:
        host = draw(ipv6_hosts)
    port = draw(st.one_of(st.just(443), st.integers(1, 65535)))
    return {"scheme": "wss", "host": host, "port": port, "path": draw(paths())}


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
