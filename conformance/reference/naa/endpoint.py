"""Endpoint normalization, the suite's stated interpretation (CONFORMANCE.md, "Interpretations").

The normal form of ``{scheme, host, port, path}``:
- scheme: lowercase (v1 admits only ``wss``);
- host: an IP literal in canonical text (IPv4 dotted quad; IPv6 RFC 5952 lowercase, no
  brackets); a DNS name lowercased, with non-ASCII labels converted to IDNA A-labels
  (UTS 46 mapping, non-transitional, via the ``idna`` package);
- port: unchanged (always explicit);
- path: RFC 3986 §6.2.2 case and percent-encoding normalization in IRI form (RFC 3987
  §3.2): percent-encoded unreserved characters and valid UTF-8 sequences of non-ASCII
  characters are decoded; other escapes keep uppercase hex; no dot-segment removal, no
  Unicode normalization.
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import urlsplit

import idna

DEFAULT_PORTS = {"wss": 443}
_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
_ESCAPES = re.compile(r"(?:%[0-9A-Fa-f]{2})+")
_STRAY_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
_REG_NAME = re.compile(r"[a-z0-9\-._~!$&'()*+,;=]+")  # RFC 3986 unreserved and sub-delims


class EndpointError(ValueError):
    pass


def _ip_text(address) -> str:
    """RFC 5952 text, spelled out here so it does not depend on the Python version
    (IPv4-mapped addresses: ``::ffff:192.0.2.1``, RFC 5952 §5)."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return f"::ffff:{address.ipv4_mapped}"
    return address.compressed.lower()


def _check_labels(name: str, original: str) -> None:
    labels = name.split(".")
    if len(name) > 253 or any(not label or len(label) > 63 for label in labels):
        raise EndpointError(f"{original!r}: empty or over-long DNS label")
    for label in labels:
        if label.startswith("xn--"):
            try:
                idna.decode(label)
            except (idna.IDNAError, UnicodeError) as exc:
                raise EndpointError(f"{original!r}: {label!r} is not a valid A-label ({exc})") from None


def normalize_host(host: str) -> str:
    if not isinstance(host, str) or not host:
        raise EndpointError("empty host")
    bracketed = host.startswith("[") and host.endswith("]")
    bare = host[1:-1] if bracketed else host
    try:
        address = ipaddress.ip_address(bare)
    except ValueError:
        address = None
    if address is not None:
        if bracketed and address.version != 6:
            raise EndpointError(f"{host!r}: only IPv6 literals are bracketed")
        if getattr(address, "scope_id", None):
            raise EndpointError(f"{host!r}: a zone is local to one observer, not part of an endpoint claim")
        return _ip_text(address)
    if host.startswith("[") or host.endswith("]"):
        raise EndpointError(f"{host!r} is bracketed but not an IPv6 literal")
    # One trailing dot (the fully qualified form) names the same host.
    name = host[:-1] if host.endswith(".") else host
    if name.isascii():
        name = name.lower()
        if not _REG_NAME.fullmatch(name):
            raise EndpointError(f"{host!r} is not a host name (RFC 3986 reg-name without percent-encoding)")
    else:
        try:
            name = idna.encode(name, uts46=True, transitional=False).decode("ascii")
        except (idna.IDNAError, UnicodeError) as exc:
            raise EndpointError(f"{host!r} is not a valid IDNA host name: {exc}") from None
    _check_labels(name, host)
    return name


def _utf8_length(lead: int) -> int:
    if lead >> 5 == 0b110:
        return 2
    if lead >> 4 == 0b1110:
        return 3
    if lead >> 3 == 0b11110:
        return 4
    return 0


def _decodes(chunk: bytes) -> bool:
    try:
        chunk.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _decode_run(run: str) -> str:
    """Decode one run of %XX escapes: unreserved ASCII and whole UTF-8 characters only."""
    data = bytes.fromhex(run.replace("%", ""))
    out, i = [], 0
    while i < len(data):
        lead = data[i]
        if lead < 0x80:
            ch = chr(lead)
            out.append(ch if ch in _UNRESERVED else f"%{lead:02X}")
            i += 1
            continue
        n = _utf8_length(lead)
        chunk = data[i:i + n]
        if n and len(chunk) == n and _decodes(chunk):
            out.append(chunk.decode("utf-8"))
            i += n
        else:
            out.append(f"%{lead:02X}")
            i += 1
    return "".join(out)


def normalize_path(path: str) -> str:
    # A '%' that starts no escape is data: written %25, so normalizing twice changes nothing.
    path = _STRAY_PERCENT.sub("%25", path)
    return _ESCAPES.sub(lambda m: _decode_run(m.group(0)), path)


def normalize(endpoint: dict) -> dict:
    return {
        "scheme": endpoint["scheme"].lower(),
        "host": normalize_host(endpoint["host"]),
        "port": endpoint["port"],
        "path": normalize_path(endpoint["path"]),
    }


def from_url(url: str) -> dict | None:
    """Normalized endpoint of an advertised URL, or None when it names no single endpoint
    (query, fragment or userinfo present, unknown scheme, bad port)."""
    if any(ch.isspace() or ord(ch) < 0x20 or ord(ch) == 0x7F for ch in url):
        return None
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS or "?" in url or "#" in url or "@" in parts.netloc:
        return None
    host = parts.hostname
    if not host:
        return None
    try:
        return normalize({
            "scheme": scheme,
            "host": host,
            "port": port if port is not None else DEFAULT_PORTS[scheme],
            "path": parts.path or "/",
        })
    except EndpointError:
        return None
