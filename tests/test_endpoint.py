"""Endpoint normalization (conformance.reference.naa.endpoint): host, path, from_url, idempotence."""

from __future__ import annotations

import ipaddress
import re

import idna
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from conformance.reference.naa.endpoint import (
    EndpointError,
    from_url,
    normalize,
    normalize_host,
    normalize_path,
)


# --------------------------------------------------------------------------- hosts

@pytest.mark.parametrize("host,expected", [
    ("EXAMPLE.COM", "example.com"),
    ("Node-01.Docs.Orbiplex.AI", "node-01.docs.orbiplex.ai"),
    ("example.com", "example.com"),
    ("XN--BCHER-KVA.example", "xn--bcher-kva.example"),
])
def test_dns_names_lowercased(host, expected):
    assert normalize_host(host) == expected


def test_idna_a_label():
    expected = idna.encode("Bücher.Example", uts46=True, transitional=False).decode("ascii")
    assert expected == "xn--bcher-kva.example"
    assert normalize_host("Bücher.Example") == expected
    assert normalize_host("bücher.example") == expected


def test_idna_non_transitional():
    # UTS 46 non-transitional: 'ß' is kept (xn--zca), not mapped to 'ss'.
    assert normalize_host("ß.de") == idna.encode("ß.de", uts46=True, transitional=False).decode("ascii")
    assert normalize_host("ß.de") == "xn--zca.de"
    # UTS 46 mapping folds width and case before A-label conversion.
    assert normalize_host("ＥＸＡＭＰＬＥ.com") == "example.com"


@pytest.mark.parametrize("host", ["[2001:DB8::0001]", "2001:db8:0:0:0:0:0:1", "2001:DB8:0000:0000:0000:0000:0000:0001",
                                  "[2001:db8::1]", "2001:db8::1"])
def test_ipv6_canonical_text(host):
    assert normalize_host(host) == "2001:db8::1"


def test_ipv6_rfc5952_longest_zero_run():
    assert normalize_host("2001:db8:0:0:1:0:0:1") == "2001:db8::1:0:0:1"
    assert normalize_host("[0:0:0:0:0:0:0:1]") == "::1"
    assert normalize_host("2001:0DB8:0:1:0:0:0:0") == "2001:db8:0:1::"


@pytest.mark.parametrize("host", ["192.0.2.1", "10.0.0.255", "255.255.255.255", "0.0.0.0"])
def test_ipv4_kept(host):
    assert normalize_host(host) == host


@pytest.mark.parametrize("host", ["", "[example.com]", "[192.0.2.1", "exa mple.com", "a/b", "a@b", "a:1", "a?b",
                                  "a#b", "a%41"])
def test_bad_hosts_refused(host):
    with pytest.raises(EndpointError):
        normalize_host(host)


# --------------------------------------------------------------------------- paths

@pytest.mark.parametrize("path,expected", [
    ("/%7e", "/~"),
    ("/%7E", "/~"),
    ("/%c3%a9", "/é"),
    ("/%C3%A9", "/é"),
    ("/%2f", "/%2F"),            # reserved: stays encoded, uppercase hex
    ("/a%2fb", "/a%2Fb"),
    ("/%3a%40%21", "/%3A%40%21"),
    ("/%41%62%30%2d%2e%5f", "/Ab0-._"),
    ("/%25", "/%25"),            # an encoded '%' stays encoded
    ("/%20", "/%20"),
    ("/%ff", "/%FF"),            # invalid UTF-8: kept, uppercase
    ("/%c3", "/%C3"),            # truncated sequence
    ("/%c3%28", "/%C3%28"),    # bad continuation byte; '(' is reserved (sub-delim)
    ("/%ed%a0%80", "/%ED%A0%80"),  # encoded surrogate is not valid UTF-8
    ("/%c0%af", "/%C0%AF"),      # overlong encoding
    ("/%f0%9f%98%82", "/\U0001F602"),
    ("/%e2%82", "/%E2%82"),
    ("/%e2%82%ac%ff", "/€%FF"),
    ("/already/é/~", "/already/é/~"),  # no Unicode or case change outside escapes
    ("/A/./../B", "/A/./../B"),  # no dot-segment removal
    ("/", "/"),
])
def test_path_normalization(path, expected):
    assert normalize_path(path) == expected


def test_path_no_unicode_normalization():
    # 'e' + COMBINING ACUTE stays two code points (not NFC 'é').
    assert normalize_path("/e%CC%81") == "/e\u0301"
    assert normalize_path("/e%CC%81") != "/é"


# --------------------------------------------------------------------------- normalize

def test_normalize_whole_endpoint():
    got = normalize({"scheme": "WSS", "host": "Bücher.Example", "port": 8443, "path": "/%7euser/%2f"})
    assert got == {"scheme": "wss", "host": "xn--bcher-kva.example", "port": 8443, "path": "/~user/%2F"}


def test_normalize_does_not_mutate_input():
    ep = {"scheme": "WSS", "host": "EXAMPLE.com", "port": 443, "path": "/%7e"}
    before = dict(ep)
    normalize(ep)
    assert ep == before


# --------------------------------------------------------------------------- from_url

def test_from_url_default_port_and_path():
    assert from_url("wss://example.com") == {"scheme": "wss", "host": "example.com", "port": 443, "path": "/"}
    assert from_url("WSS://Example.COM/") == {"scheme": "wss", "host": "example.com", "port": 443, "path": "/"}
    assert from_url("wss://example.com:8443/peer") == {"scheme": "wss", "host": "example.com", "port": 8443,
                                                       "path": "/peer"}


def test_from_url_normalizes_host_and_path():
    assert from_url("wss://Bücher.Example/%7ex") == {"scheme": "wss", "host": "xn--bcher-kva.example",
                                                    "port": 443, "path": "/~x"}
    assert from_url("wss://[2001:DB8::0001]:9000/p") == {"scheme": "wss", "host": "2001:db8::1",
                                                        "port": 9000, "path": "/p"}
    assert from_url("wss://192.0.2.1/") == {"scheme": "wss", "host": "192.0.2.1", "port": 443, "path": "/"}


def test_from_url_matches_published_advertisement():
    assert from_url("wss://node-01.docs.orbiplex.ai/peer") == {
        "scheme": "wss", "host": "node-01.docs.orbiplex.ai", "port": 443, "path": "/peer"}


@pytest.mark.parametrize("url", [
    "wss://example.com/peer?x=1",      # query
    "wss://example.com/peer#frag",     # fragment
    "wss://user@example.com/peer",     # userinfo
    "wss://user:pw@example.com/peer",  # userinfo with password
    "ws://example.com/peer",           # not wss
    "https://example.com/peer",
    "http://example.com/",
    "example.com/peer",                # no scheme
    "wss:///peer",                     # no host
    "wss://example.com:99999/",        # port out of range
    "wss://example.com:abc/",          # non-numeric port
    "wss://[example.com]/",            # bracketed non-IPv6
    "",
])
def test_from_url_refuses(url):
    assert from_url(url) is None


# --------------------------------------------------------------------------- idempotence (property)

_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
_UNICODE = "üéßøåçñΩλжд中文日本한国ÄÖÜＥＸ"

_ascii_label = st.text(alphabet=_LETTERS, min_size=1, max_size=12)
_unicode_label = st.text(alphabet=_LETTERS[:26] + _UNICODE, min_size=1, max_size=10)
_dns = st.lists(st.one_of(_ascii_label, _unicode_label), min_size=1, max_size=4).map(".".join)


def _ipv6_forms(addr: ipaddress.IPv6Address):
    return st.sampled_from([addr.compressed, addr.exploded, addr.exploded.upper(), addr.compressed.upper()]).flatmap(
        lambda text: st.sampled_from([text, f"[{text}]"]))


_ipv4 = st.ip_addresses(v=4).map(str)
_ipv6 = st.ip_addresses(v=6).flatmap(_ipv6_forms)
_host = st.one_of(_dns, _ipv4, _ipv6)


def _escape(byte: int, upper: bool) -> str:
    text = f"%{byte:02X}"
    return text if upper else text.lower()


_escaped_byte = st.builds(_escape, st.integers(0, 255), st.booleans())
_escaped_char = st.builds(
    lambda ch, upper: "".join(_escape(b, upper) for b in ch.encode("utf-8")),
    st.characters(exclude_categories=("Cs",)), st.booleans())
_plain = st.text(alphabet=_LETTERS + "-._~!$&'()*+,;=:@/" + "éü€😂", min_size=1, max_size=6)
_path = st.lists(st.one_of(_plain, _escaped_byte, _escaped_char), max_size=8).map(lambda parts: "/" + "".join(parts))
_endpoint = st.fixed_dictionaries({
    "scheme": st.sampled_from(["wss", "WSS", "Wss"]),
    "host": _host,
    "port": st.integers(1, 65535),
    "path": _path,
})


@settings(max_examples=500, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.filter_too_much])
@given(_endpoint)
def test_normalize_is_idempotent(endpoint):
    try:
        once = normalize(endpoint)
    except EndpointError:
        assume(False)
    assert normalize(once) == once
    # The normal form of a DNS host or IP literal is lowercase ASCII.
    assert once["host"].isascii() and once["host"] == once["host"].lower()
    assert once["scheme"] == "wss"
    assert once["port"] == endpoint["port"]
    # Unreserved characters never stay percent-encoded, and escapes use uppercase hex.
    for esc in re.findall(r"%[0-9A-Fa-f]{2}", once["path"]):
        assert esc == esc.upper()
        assert chr(int(esc[1:], 16)) not in _LETTERS + "-._~"


@settings(max_examples=200, deadline=None, derandomize=True)
@given(_escaped_char)
def test_escaped_characters_decode_to_themselves(escaped):
    # Every percent-encoded UTF-8 character comes back as itself unless it is reserved ASCII.
    decoded = normalize_path("/" + escaped)
    raw = bytes.fromhex(escaped.replace("%", "")).decode("utf-8")
    if ord(raw) >= 0x80 or raw in _LETTERS + "-._~":
        assert decoded == "/" + raw
    else:
        assert decoded == "/" + escaped.upper()


def test_normalize_is_idempotent_on_stray_percent():
    # A '%' that does not start an escape, followed by escapes of hex digits: one pass decodes
    # '%34%31' to '41' and so manufactures a new escape '%41', which a second pass turns into 'A'.
    # The normal form must be a fixed point (normalize(normalize(x)) == normalize(x)).
    for path in ("/%4%31", "/%%34%31"):
        ep = {"scheme": "wss", "host": "example.com", "port": 443, "path": path}
        once = normalize(ep)
        assert normalize(once) == once, (path, once["path"], normalize(once)["path"])
