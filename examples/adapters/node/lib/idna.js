// IDNA for endpoint hosts (CONFORMANCE.md I7): UTS 46 mapping (non-transitional)
// via Node's WHATWG domainToUnicode, then IDNA 2008 validation of every label
// (RFC 5891 §5.4, RFC 5892 code point classes and contextual rules, RFC 5893
// Bidi rule), A-labels out.
//
// domainToUnicode alone is not enough: it accepts symbols (U+2603), leading and
// trailing hyphens, underscores, CONTEXTO characters anywhere and non-canonical
// Punycode, none of which IDNA 2008 allows.

import { domainToUnicode } from 'node:url';
import bidiFactory from 'bidi-js';

const bidi = bidiFactory();

// ---------------------------------------------------------------- Punycode (RFC 3492)

const BASE = 36, TMIN = 1, TMAX = 26, SKEW = 38, DAMP = 700, INITIAL_BIAS = 72, INITIAL_N = 0x80;

function adapt(delta, numPoints, first) {
  delta = first ? Math.floor(delta / DAMP) : Math.floor(delta / 2);
  delta += Math.floor(delta / numPoints);
  let k = 0;
  while (delta > ((BASE - TMIN) * TMAX) >> 1) {
    delta = Math.floor(delta / (BASE - TMIN));
    k += BASE;
  }
  return k + Math.floor(((BASE - TMIN + 1) * delta) / (delta + SKEW));
}

function digitChar(d) {
  return String.fromCharCode(d < 26 ? 0x61 + d : 0x30 + d - 26);
}

/** Encode a label (string of code points) to Punycode, lowercase digits. */
export function punycodeEncode(label) {
  const cps = Array.from(label, (c) => c.codePointAt(0));
  let out = cps.filter((c) => c < 0x80).map((c) => String.fromCharCode(c)).join('');
  const basic = out.length;
  let h = basic;
  if (basic > 0) out += '-';
  let n = INITIAL_N, delta = 0, bias = INITIAL_BIAS;
  while (h < cps.length) {
    const m = Math.min(...cps.filter((c) => c >= n));
    delta += (m - n) * (h + 1);
    n = m;
    for (const c of cps) {
      if (c < n) delta++;
      if (c === n) {
        let q = delta;
        for (let k = BASE; ; k += BASE) {
          const t = k <= bias ? TMIN : k >= bias + TMAX ? TMAX : k - bias;
          if (q < t) break;
          out += digitChar(t + ((q - t) % (BASE - t)));
          q = Math.floor((q - t) / (BASE - t));
        }
        out += digitChar(q);
        bias = adapt(delta, h + 1, h === basic);
        delta = 0;
        h++;
      }
    }
    delta++;
    n++;
  }
  return out;
}

/** Decode Punycode (without "xn--"); null when malformed. */
export function punycodeDecode(input) {
  const split = input.lastIndexOf('-');
  const out = split < 0 ? [] : Array.from(input.slice(0, split), (c) => c.codePointAt(0));
  if (out.some((c) => c >= 0x80)) return null;
  let n = INITIAL_N, i = 0, bias = INITIAL_BIAS;
  let pos = split < 0 ? 0 : split + 1;
  while (pos < input.length) {
    const oldi = i;
    let w = 1;
    for (let k = BASE; ; k += BASE) {
      if (pos >= input.length) return null;
      const c = input.charCodeAt(pos++);
      const digit = c >= 0x30 && c <= 0x39 ? c - 22 : c >= 0x41 && c <= 0x5a ? c - 0x41 : c >= 0x61 && c <= 0x7a ? c - 0x61 : -1;
      if (digit < 0) return null;
      i += digit * w;
      const t = k <= bias ? TMIN : k >= bias + TMAX ? TMAX : k - bias;
      if (digit < t) break;
      w *= BASE - t;
      if (i > 2 ** 40 || w > 2 ** 40) return null; // would exceed U+10FFFF anyway
    }
    bias = adapt(i - oldi, out.length + 1, oldi === 0);
    n += Math.floor(i / (out.length + 1));
    if (n > 0x10ffff) return null;
    i %= out.length + 1;
    out.splice(i, 0, n);
    i++;
  }
  return String.fromCodePoint(...out);
}

// ---------------------------------------------------------------- RFC 5892 code point classes

const EXCEPTIONS = new Map([
  ...[0xdf, 0x3c2, 0x6fd, 0x6fe, 0xf0b, 0x3007].map((c) => [c, 'PVALID']),
  ...[0xb7, 0x375, 0x5f3, 0x5f4, 0x30fb].map((c) => [c, 'CONTEXTO']),
  ...range(0x660, 0x669).map((c) => [c, 'CONTEXTO']),
  ...range(0x6f0, 0x6f9).map((c) => [c, 'CONTEXTO']),
  ...[0x640, 0x7fa, 0x302e, 0x302f, 0x303b, ...range(0x3031, 0x3035)].map((c) => [c, 'DISALLOWED']),
]);

function range(a, b) {
  return Array.from({ length: b - a + 1 }, (_, i) => a + i);
}

const UNASSIGNED = /^\p{Cn}$/u;
const IGNORABLE_PROPERTIES = /^[\p{Default_Ignorable_Code_Point}\p{White_Space}\p{Noncharacter_Code_Point}]$/u;
const LETTER_DIGITS = /^[\p{Ll}\p{Lu}\p{Lo}\p{Nd}\p{Lm}\p{Mn}\p{Mc}]$/u;

function inIgnorableBlock(cp) {
  return (cp >= 0x20d0 && cp <= 0x20ff) || (cp >= 0x1d100 && cp <= 0x1d1ff) || (cp >= 0x1d200 && cp <= 0x1d24f);
}

function isOldHangulJamo(cp) {
  return (cp >= 0x1100 && cp <= 0x11ff) || (cp >= 0xa960 && cp <= 0xa97f) || (cp >= 0xd7b0 && cp <= 0xd7ff);
}

// RFC 5892 "Unstable" is NFKC_Casefold(cp) != cp.  Only the NFKC half is
// checked here: every non-LDH label reaching idnaClass has already passed
// UTS 46 validity in domainToUnicode, which rejects case-unstable code points.
function isUnstable(ch) {
  return ch.normalize('NFKC') !== ch;
}

/** RFC 5892 §3 derived property of one code point. */
export function idnaClass(ch) {
  const cp = ch.codePointAt(0);
  if (EXCEPTIONS.has(cp)) return EXCEPTIONS.get(cp);
  if (UNASSIGNED.test(ch)) return 'UNASSIGNED';
  if ((cp >= 0x61 && cp <= 0x7a) || (cp >= 0x30 && cp <= 0x39) || cp === 0x2d) return 'PVALID';
  if (cp === 0x200c || cp === 0x200d) return 'CONTEXTJ';
  if (cp < 0x80) return 'DISALLOWED';
  if (isUnstable(ch)) return 'DISALLOWED';
  if (IGNORABLE_PROPERTIES.test(ch) || inIgnorableBlock(cp) || isOldHangulJamo(cp)) return 'DISALLOWED';
  if (LETTER_DIGITS.test(ch)) return 'PVALID';
  return 'DISALLOWED';
}

// ---------------------------------------------------------------- label validation (RFC 5891 §5.4)

const SCRIPT = {
  Greek: /^\p{Script=Greek}$/u,
  Hebrew: /^\p{Script=Hebrew}$/u,
  Hiragana: /^\p{Script=Hiragana}$/u,
  Katakana: /^\p{Script=Katakana}$/u,
  Han: /^\p{Script=Han}$/u,
};

function contextoOk(chars, pos) {
  const cp = chars[pos].codePointAt(0);
  if (cp === 0xb7) return pos > 0 && pos < chars.length - 1 && chars[pos - 1] === 'l' && chars[pos + 1] === 'l';
  if (cp === 0x375) return pos < chars.length - 1 && SCRIPT.Greek.test(chars[pos + 1]);
  if (cp === 0x5f3 || cp === 0x5f4) return pos > 0 && SCRIPT.Hebrew.test(chars[pos - 1]);
  if (cp === 0x30fb) {
    return chars.some((c) => c !== '\u30fb' && (SCRIPT.Hiragana.test(c) || SCRIPT.Katakana.test(c) || SCRIPT.Han.test(c)));
  }
  const cps = chars.map((c) => c.codePointAt(0));
  if (cp >= 0x660 && cp <= 0x669) return !cps.some((c) => c >= 0x6f0 && c <= 0x6f9);
  if (cp >= 0x6f0 && cp <= 0x6f9) return !cps.some((c) => c >= 0x660 && c <= 0x669);
  return false;
}

const RTL_ALLOWED = new Set(['R', 'AL', 'AN', 'EN', 'ES', 'CS', 'ET', 'ON', 'BN', 'NSM']);
const LTR_ALLOWED = new Set(['L', 'EN', 'ES', 'CS', 'ET', 'ON', 'BN', 'NSM']);

// RFC 5893 §2, applied to a label that contains an R, AL or AN character.
function bidiOk(chars) {
  const dirs = chars.map((c) => bidi.getBidiCharTypeName(c));
  if (!dirs.some((d) => d === 'R' || d === 'AL' || d === 'AN')) return true;
  let rtl;
  if (dirs[0] === 'R' || dirs[0] === 'AL') rtl = true;
  else if (dirs[0] === 'L') rtl = false;
  else return false;
  const allowed = rtl ? RTL_ALLOWED : LTR_ALLOWED;
  if (!dirs.every((d) => allowed.has(d))) return false;
  const last = [...dirs].reverse().find((d) => d !== 'NSM');
  if (rtl) {
    if (!['R', 'AL', 'EN', 'AN'].includes(last)) return false;
    if (dirs.includes('EN') && dirs.includes('AN')) return false;
  } else if (!['L', 'EN'].includes(last)) {
    return false;
  }
  return true;
}

/**
 * IDNA 2008 validity of a U-label or an LDH label.  CONTEXTJ (joiners) is left
 * to domainToUnicode, which every non-LDH label has already passed.
 */
export function labelOk(label) {
  const chars = Array.from(label);
  if (chars.length === 0) return false;
  if (label.normalize('NFC') !== label) return false;
  if (label.slice(2, 4) === '--' || label.startsWith('-') || label.endsWith('-')) return false;
  if (/^\p{M}/u.test(label)) return false;
  for (let i = 0; i < chars.length; i++) {
    const cls = idnaClass(chars[i]);
    if (cls === 'PVALID' || cls === 'CONTEXTJ') continue;
    if (cls === 'CONTEXTO' && contextoOk(chars, i)) continue;
    return false;
  }
  return bidiOk(chars);
}

const LABEL_DOTS = /[.\u3002\uff0e\uff61]/;

// UTS 46 mapping of one label through the WHATWG host parser.  A dummy last
// label keeps the parser from reading a label that maps to digits ("₉", "𝟘")
// as an IPv4 number ("0.0.0.9").  Returns null when the label is rejected.
function uts46Map(label) {
  const mapped = domainToUnicode(`${label}.x`);
  return mapped.endsWith('.x') ? mapped.slice(0, -2) : null;
}

/** An "xn--" label (lowercase) is the canonical A-label of a valid U-label. */
export function aLabelOk(label) {
  const body = label.slice(4);
  if (body === '' || body.endsWith('-')) return false;
  const ulabel = punycodeDecode(body);
  if (ulabel === null || punycodeEncode(ulabel) !== body) return false;
  if (uts46Map(label) === null) return false; // UTS 46 validity incl. CONTEXTJ
  return labelOk(ulabel);
}

/**
 * A host name containing non-ASCII characters -> lowercase A-label form, or
 * null when it is not a valid IDNA 2008 name.  (A trailing dot has already
 * been removed by the caller.)
 */
export function idnaToAscii(host) {
  const out = [];
  for (const raw of host.split(LABEL_DOTS)) {
    if (raw === '') return null;
    let pieces;
    if (/^[\x00-\x7f]*$/.test(raw)) {
      pieces = [raw.toLowerCase()];
    } else {
      // Only letters, digits and hyphens are valid ASCII in an IDNA 2008 label;
      // checking first also keeps domainToUnicode from treating "/", "?", "#",
      // "\\" as URL delimiters (it would drop the rest) or decoding "%41".
      if (/[\x00-\x2c\x2e-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f]/.test(raw)) return null;
      const mapped = uts46Map(raw); // UTS 46 mapping, NFC, joiner rules
      if (mapped === null) return null;
      pieces = mapped.split('.');
    }
    for (const label of pieces) {
      if (label === '') return null;
      if (/^[\x00-\x7f]*$/.test(label)) {
        if (label.startsWith('xn--') ? !aLabelOk(label) : !labelOk(label)) return null;
        out.push(label);
      } else {
        if (!labelOk(label)) return null;
        out.push('xn--' + punycodeEncode(label));
      }
    }
  }
  return out.join('.');
}
