// RFC 8785 canonical bytes, SHA-256 digests and signing inputs (CONFORMANCE.md I2-I5).

import crypto from 'node:crypto';
import canonicalize from 'canonicalize';

export function canonicalBytes(value) {
  return Buffer.from(canonicalize(value), 'utf8');
}

/** "sha256:" + unpadded base64url of SHA-256 over the RFC 8785 bytes of value. */
export function jcsDigest(value) {
  return 'sha256:' + crypto.createHash('sha256').update(canonicalBytes(value)).digest('base64url');
}

// The one spelling of a 32-byte digest: 43 base64url characters, the last one
// with its two pad bits zero (I3).
const CANONICAL_DIGEST = /^sha256:[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/;

export function isCanonicalDigest(s) {
  return typeof s === 'string' && CANONICAL_DIGEST.test(s);
}

/** The statement without its own top-level "signature" member. */
export function withoutSignature(obj) {
  const copy = Object.create(null);
  for (const k of Object.keys(obj)) if (k !== 'signature') copy[k] = obj[k];
  return copy;
}

/** UTF-8(prefix) || RFC8785(statement without "signature") */
export function signingInput(statement, prefix) {
  return Buffer.concat([Buffer.from(prefix, 'utf8'), canonicalBytes(withoutSignature(statement))]);
}
