// did:key decoding and libsodium-strict Ed25519 verification (CONFORMANCE.md I9).

import crypto from 'node:crypto';

const B58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const B58_INDEX = new Map([...B58].map((c, i) => [c, BigInt(i)]));

function base58Decode(s) {
  let zeros = 0;
  while (zeros < s.length && s[zeros] === '1') zeros++;
  let n = 0n;
  for (const c of s.slice(zeros)) {
    const v = B58_INDEX.get(c);
    if (v === undefined) return null;
    n = n * 58n + v;
  }
  const bytes = [];
  while (n > 0n) {
    bytes.push(Number(n & 0xffn));
    n >>= 8n;
  }
  return Buffer.from([...new Array(zeros).fill(0), ...bytes.reverse()]);
}

/**
 * Multibase base58btc Ed25519 key: "z" + base58(0xed 0x01 || 32-byte key).
 * @returns {Buffer|null} the 32-byte public key
 */
export function decodeMultibaseKey(mb) {
  if (typeof mb !== 'string' || mb[0] !== 'z') return null;
  const bytes = base58Decode(mb.slice(1));
  if (!bytes || bytes.length !== 34 || bytes[0] !== 0xed || bytes[1] !== 0x01) return null;
  return bytes.subarray(2);
}

const DID_KEY_IDENTITY = /^(?:node|participant|org):did:key:(z.*)$/s;

export function isDidKeyIdentity(id) {
  return DID_KEY_IDENTITY.test(id);
}

/** "node:did:key:z6Mk..." -> 32-byte key, or null when it does not decode. */
export function didKeyPublicKey(id) {
  const m = DID_KEY_IDENTITY.exec(id);
  return m ? decodeMultibaseKey(m[1]) : null;
}

// Canonical unpadded base64url of 64 bytes: 86 characters, the last one with
// its four pad bits zero.
const SIGNATURE_VALUE = /^[A-Za-z0-9_-]{85}[AQgw]$/;

/** @returns {Buffer|null} the 64 signature bytes, or null for any other spelling */
export function decodeSignatureValue(value) {
  return SIGNATURE_VALUE.test(value) ? Buffer.from(value, 'base64url') : null;
}

// Group order L and the field prime p, little-endian helpers.
const L = 2n ** 252n + 27742317777372353535851937790883648493n;
const P = 2n ** 255n - 19n;

function leToBigInt(bytes) {
  let n = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) n = (n << 8n) | BigInt(bytes[i]);
  return n;
}

// y-coordinates (sign bit ignored) of the points of order 1, 2, 4 and 8,
// including their non-canonical encodings p and p + 1: libsodium's
// ge25519_has_small_order blocklist.
const Y8 = 0x05fc536d880238b13933c6d305acdfd5f098eff289f4c345b027b2c28f95e826n;
const SMALL_ORDER_Y = new Set([0n, 1n, Y8, P - Y8, P - 1n, P, P + 1n]);

function yOf(encoding) {
  const b = Buffer.from(encoding);
  b[31] &= 0x7f;
  return leToBigInt(b);
}

function hasSmallOrder(encoding) {
  return SMALL_ORDER_Y.has(yOf(encoding));
}

function isCanonicalPoint(encoding) {
  return yOf(encoding) < P;
}

/**
 * Ed25519 (RFC 8032) under the libsodium-strict policy: S < L, A canonical and
 * not of small order, R not of small order, then the cofactorless equation
 * (OpenSSL's verify compares the recomputed R byte for byte, which also rejects
 * a non-canonical R).
 */
export function verifyEd25519(publicKey, message, signature) {
  if (publicKey.length !== 32 || signature.length !== 64) return false;
  if (leToBigInt(signature.subarray(32)) >= L) return false;
  if (!isCanonicalPoint(publicKey) || hasSmallOrder(publicKey)) return false;
  if (hasSmallOrder(signature.subarray(0, 32))) return false;
  let key;
  try {
    key = crypto.createPublicKey({
      key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(publicKey).toString('base64url') },
      format: 'jwk',
    });
  } catch {
    return false;
  }
  try {
    return crypto.verify(null, message, key, signature);
  } catch {
    return false;
  }
}
