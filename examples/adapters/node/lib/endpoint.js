// Endpoint normalization (CONFORMANCE.md I7) and advertised-URL matching.

import { aLabelOk, idnaToAscii } from './idna.js';

// ---------------------------------------------------------------- IP literals

function parseIPv4(s) {
  const parts = s.split('.');
  if (parts.length !== 4) return null;
  const out = [];
  for (const p of parts) {
    if (!/^[0-9]{1,3}$/.test(p)) return null;
    if (p.length > 1 && p[0] === '0') return null; // no leading zeros
    const v = Number(p);
    if (v > 255) return null;
    out.push(v);
  }
  return out;
}

/** @returns {{hextets: number[], zone: string|null} | null} */
function parseIPv6(s) {
  if (s.includes('/')) return null;
  let zone = null;
  const pct = s.indexOf('%');
  if (pct >= 0) {
    zone = s.slice(pct + 1);
    s = s.slice(0, pct);
    if (zone === '' || zone.includes('%')) return null;
  }
  const parts = s.split(':');
  if (parts.length < 3) return null;
  if (parts[parts.length - 1].includes('.')) {
    const v4 = parseIPv4(parts.pop());
    if (!v4) return null;
    parts.push(((v4[0] << 8) | v4[1]).toString(16), ((v4[2] << 8) | v4[3]).toString(16));
  }
  if (parts.length > 9) return null;
  let skip = -1;
  for (let i = 1; i < parts.length - 1; i++) {
    if (parts[i] === '') {
      if (skip >= 0) return null; // more than one "::"
      skip = i;
    }
  }
  let hi, lo;
  if (skip >= 0) {
    hi = skip;
    lo = parts.length - skip - 1;
    if (parts[0] === '' && --hi !== 0) return null;
    if (parts[parts.length - 1] === '' && --lo !== 0) return null;
    if (8 - (hi + lo) < 1) return null;
  } else {
    if (parts.length !== 8) return null;
    hi = 8;
    lo = 0;
  }
  const hex = (p) => (/^[0-9A-Fa-f]{1,4}$/.test(p) ? parseInt(p, 16) : null);
  const head = parts.slice(0, hi).map(hex);
  const tail = lo ? parts.slice(parts.length - lo).map(hex) : [];
  if (head.includes(null) || tail.includes(null)) return null;
  const hextets = [...head, ...new Array(8 - head.length - tail.length).fill(0), ...tail];
  return { hextets, zone };
}

// RFC 5952 text: leading zeros dropped, the longest run (>= 2) of zero
// hextets as "::" (the first on a tie), IPv4-mapped addresses in mixed form.
function formatIPv6({ hextets, zone }) {
  let text;
  if (hextets.slice(0, 5).every((h) => h === 0) && hextets[5] === 0xffff) {
    const [a, b] = [hextets[6], hextets[7]];
    text = `::ffff:${a >> 8}.${a & 0xff}.${b >> 8}.${b & 0xff}`;
  } else {
    let best = -1, bestLen = 0;
    for (let i = 0; i < 8; ) {
      if (hextets[i] !== 0) {
        i++;
        continue;
      }
      let j = i;
      while (j < 8 && hextets[j] === 0) j++;
      if (j - i > bestLen) [best, bestLen] = [i, j - i];
      i = j;
    }
    const hx = hextets.map((h) => h.toString(16));
    text = bestLen >= 2 ? hx.slice(0, best).join(':') + '::' + hx.slice(best + bestLen).join(':') : hx.join(':');
  }
  return (zone === null ? text : `${text}%${zone}`).toLowerCase();
}

// ---------------------------------------------------------------- hosts

// RFC 3986 reg-name characters (unreserved and sub-delims), without percent-encoding.
const REG_NAME = /^[a-z0-9\-._~!$&'()*+,;=]+$/;

/** Normal form of a host, or null when it cannot be normalized. */
export function normalizeHost(host) {
  const bracketed = host.length >= 2 && host.startsWith('[') && host.endsWith(']');
  const inner = bracketed ? host.slice(1, -1) : host;
  const v6 = parseIPv6(inner);
  // A zone is local to one observer, not part of an endpoint claim (CONFORMANCE.md I7).
  if (v6) return v6.zone === null ? formatIPv6(v6) : null;
  if (bracketed) return null;
  if (parseIPv4(inner)) return inner;

  let name = host.endsWith('.') ? host.slice(0, -1) : host;
  if (/^[\x00-\x7f]*$/.test(name)) {
    name = name.toLowerCase();
    if (!REG_NAME.test(name)) return null;
  } else {
    name = idnaToAscii(name);
    if (name === null) return null;
  }
  if (name.length > 253) return null;
  for (const label of name.split('.')) {
    if (label.length < 1 || label.length > 63) return null;
    if (label.startsWith('xn--') && !aLabelOk(label)) return null;
  }
  return name;
}

// ---------------------------------------------------------------- paths

const UNRESERVED = /^[A-Za-z0-9\-._~]$/;

// Length of a well-formed UTF-8 sequence for a non-ASCII scalar starting at
// bytes[i], or 0 (no overlongs, no surrogates, nothing past U+10FFFF).
function utf8SequenceLength(bytes, i) {
  const b0 = bytes[i];
  const cont = (k, lo = 0x80, hi = 0xbf) => i + k < bytes.length && bytes[i + k] >= lo && bytes[i + k] <= hi;
  if (b0 >= 0xc2 && b0 <= 0xdf) return cont(1) ? 2 : 0;
  if (b0 >= 0xe0 && b0 <= 0xef) {
    const [lo, hi] = b0 === 0xe0 ? [0xa0, 0xbf] : b0 === 0xed ? [0x80, 0x9f] : [0x80, 0xbf];
    return cont(1, lo, hi) && cont(2) ? 3 : 0;
  }
  if (b0 >= 0xf0 && b0 <= 0xf4) {
    const [lo, hi] = b0 === 0xf0 ? [0x90, 0xbf] : b0 === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf];
    return cont(1, lo, hi) && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

function decodeEscapeRun(bytes) {
  let out = '';
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    if (b < 0x80 && UNRESERVED.test(String.fromCharCode(b))) {
      out += String.fromCharCode(b);
      i++;
      continue;
    }
    const n = b >= 0x80 ? utf8SequenceLength(bytes, i) : 0;
    if (n) {
      out += Buffer.from(bytes.slice(i, i + n)).toString('utf8');
      i += n;
    } else {
      out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
      i++;
    }
  }
  return out;
}

/** RFC 3986 §6.2.2 percent-encoding normalization in IRI form; nothing else changes. */
export function normalizePath(path) {
  const fixed = path.replace(/%(?![0-9A-Fa-f]{2})/g, '%25');
  return fixed.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    const bytes = run.match(/%[0-9A-Fa-f]{2}/g).map((e) => parseInt(e.slice(1), 16));
    return decodeEscapeRun(bytes);
  });
}

// ---------------------------------------------------------------- endpoints

/**
 * @returns {{ok: true, endpoint: object} | {ok: false}} the normal form of a
 *   schema-valid endpoint; ok false when its host cannot be normalized.
 */
export function normalizeEndpoint(ep) {
  const host = normalizeHost(ep.host);
  if (host === null) return { ok: false };
  return {
    ok: true,
    endpoint: { scheme: ep.scheme.toLowerCase(), host, port: ep.port, path: normalizePath(ep.path) },
  };
}

export function sameEndpoint(a, b) {
  return a.scheme === b.scheme && a.host === b.host && a.port === b.port && a.path === b.path;
}

export function endpointKey(ep) {
  return JSON.stringify([ep.scheme, ep.host, ep.port, ep.path]);
}

/** An advertised endpoint/url as a normalized endpoint, or null when it can never match. */
export function endpointFromUrl(url) {
  if (url.includes('?') || url.includes('#')) return null;
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/]*)(.*)$/s.exec(url);
  if (!m || m[1].toLowerCase() !== 'wss') return null;
  const authority = m[2];
  if (authority.includes('@')) return null;
  let host, portText;
  if (authority.startsWith('[')) {
    const close = authority.indexOf(']');
    if (close < 0) return null;
    host = authority.slice(0, close + 1);
    const rest = authority.slice(close + 1);
    if (rest !== '' && !rest.startsWith(':')) return null;
    portText = rest === '' ? '' : rest.slice(1);
  } else {
    const colon = authority.lastIndexOf(':');
    host = colon < 0 ? authority : authority.slice(0, colon);
    portText = colon < 0 ? '' : authority.slice(colon + 1);
  }
  let port = 443;
  if (portText !== '') {
    if (!/^[0-9]+$/.test(portText)) return null;
    port = Number(portText);
    if (port < 1 || port > 65535) return null;
  }
  if (host === '') return null;
  const normalHost = normalizeHost(host);
  if (normalHost === null) return null;
  return { scheme: 'wss', host: normalHost, port, path: normalizePath(m[3] === '' ? '/' : m[3]) };
}

// ---------------------------------------------------------------- RFC 3986 URI syntax (format "uri")

const URI = (() => {
  const pct = '%[0-9A-Fa-f]{2}';
  const unreserved = '[A-Za-z0-9\\-._~]';
  const subDelims = "[!$&'()*+,;=]";
  const pchar = `(?:${unreserved}|${pct}|${subDelims}|[:@])`;
  const dec = '(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9][0-9]|[0-9])';
  const v4 = `${dec}\\.${dec}\\.${dec}\\.${dec}`;
  const h16 = '[0-9A-Fa-f]{1,4}';
  const ls32 = `(?:${h16}:${h16}|${v4})`;
  const v6 = [
    `(?:${h16}:){6}${ls32}`,
    `::(?:${h16}:){5}${ls32}`,
    `(?:${h16})?::(?:${h16}:){4}${ls32}`,
    `(?:(?:${h16}:){0,1}${h16})?::(?:${h16}:){3}${ls32}`,
    `(?:(?:${h16}:){0,2}${h16})?::(?:${h16}:){2}${ls32}`,
    `(?:(?:${h16}:){0,3}${h16})?::${h16}:${ls32}`,
    `(?:(?:${h16}:){0,4}${h16})?::${ls32}`,
    `(?:(?:${h16}:){0,5}${h16})?::${h16}`,
    `(?:(?:${h16}:){0,6}${h16})?::`,
  ].join('|');
  const ipFuture = `v[0-9A-Fa-f]+\\.(?:${unreserved}|${subDelims}|:)+`;
  const host = `(?:\\[(?:${v6}|${ipFuture})\\]|(?:${unreserved}|${pct}|${subDelims})*)`;
  const authority = `(?:(?:${unreserved}|${pct}|${subDelims}|:)*@)?${host}(?::[0-9]*)?`;
  const segment = `${pchar}*`;
  const hier = `(?://${authority}(?:/${segment})*|/(?:${pchar}+(?:/${segment})*)?|${pchar}+(?:/${segment})*|)`;
  const query = `(?:${pchar}|[/?])*`;
  return new RegExp(`^[A-Za-z][A-Za-z0-9+\\-.]*:${hier}(?:\\?${query})?(?:#${query})?$`);
})();

export function isUri(s) {
  return URI.test(s);
}
