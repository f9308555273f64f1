// Stages 3 and 4 for one document: semantic checks, then (for valid documents)
// expiry and trust classification (CONFORMANCE.md "Stages", I3-I12).

import { parseDocument } from './intake.js';
import { attestationSchemaCodes, isWellFormedAdvertisement } from './schema.js';
import { isCanonicalDigest, jcsDigest, signingInput } from './jcs.js';
import { decodeMultibaseKey, decodeSignatureValue, didKeyPublicKey, isDidKeyIdentity, verifyEd25519 } from './keys.js';
import { addSeconds, compareInstants, parseInstant } from './time.js';
import { endpointFromUrl, normalizeEndpoint, sameEndpoint } from './endpoint.js';

const NON_ERRORS = new Set([
  // warnings
  'evidence-advertisement-digest-differs', 'endpoint-not-normalized', 'self-signer-not-target', 'envelope-outlives-evidence',
  // info
  'envelope-expired', 'evidence-expired', 'endpoint-collision', 'signer-untrusted',
]);

const CERTIFICATE_SKEW_SECONDS = 16;
const NODE_ID = /^node:did:key:z[1-9A-HJ-NP-Za-km-z]+$/;

/**
 * Trust configuration from a request; throws on anything malformed (the
 * adapter then replies "errored").
 */
export function parseTrust(trust) {
  if (trust === null || typeof trust !== 'object' || Array.isArray(trust)) throw new Error('trust must be an object');
  for (const k of Object.keys(trust)) {
    if (k !== 'seed-directories' && k !== 'trusted-peers') throw new Error(`unknown trust member ${k}`);
  }
  const directories = new Map();
  const dirs = trust['seed-directories'] ?? {};
  if (typeof dirs !== 'object' || Array.isArray(dirs)) throw new Error('seed-directories must be an object');
  for (const [name, mb] of Object.entries(dirs)) {
    if (!name.startsWith('seed-directory:')) throw new Error(`seed directory name ${name} lacks the seed-directory: prefix`);
    const key = decodeMultibaseKey(mb);
    if (!key) throw new Error(`seed directory key for ${name} does not decode`);
    directories.set(name, key);
  }
  const peers = trust['trusted-peers'] ?? [];
  if (!Array.isArray(peers) || !peers.every((p) => typeof p === 'string' && NODE_ID.test(p))) {
    throw new Error('trusted-peers must be an array of node ids (node:did:key:z...)');
  }
  return { directories, peers: new Set(peers) };
}

/** Bytes of a protocol document object ({text} or {base64}). */
export function documentBytes(doc) {
  if (doc && typeof doc.text === 'string') return Buffer.from(doc.text, 'utf8');
  if (doc && typeof doc.base64 === 'string') return Buffer.from(doc.base64, 'base64');
  throw new Error('document must carry "text" or "base64"');
}

/**
 * Signature check shared by evidence entries and the envelope: key, then
 * encoding, then Ed25519.  Adds codes; returns true only when verified.
 */
function checkSignature(key, signature, statement, prefix, codes, invalidCode) {
  if (!key) codes.add('signer-key-invalid');
  const sig = decodeSignatureValue(signature.value);
  if (!sig) codes.add('signature-encoding');
  if (!key || !sig) return false;
  if (!verifyEd25519(key, signingInput(statement, prefix), sig)) {
    codes.add(invalidCode);
    return false;
  }
  return true;
}

function trustedForKind(entry, target, trust) {
  const signer = entry['signer/id'];
  switch (entry.kind) {
    case 'self-advertisement': return signer === target;
    case 'seed-directory': return trust.directories.has(signer);
    case 'peer-reachability': return signer.startsWith('node:') && trust.peers.has(signer);
    default: return false;
  }
}

/**
 * Judge one document.
 * @returns {{verdict: string, class: string|null, codes: Set<string>, endpoint?: object, target?: string}}
 */
export function judge(bytes, { now, trust, prefix }) {
  const intake = parseDocument(bytes);
  if (intake.code) return { verdict: 'invalid', class: null, codes: new Set([intake.code]) };
  const doc = intake.value;

  const schemaCodes = attestationSchemaCodes(doc);
  if (schemaCodes.size) return { verdict: 'invalid', class: null, codes: schemaCodes };

  const codes = new Set();
  const target = doc['target/node-id'];

  // Endpoint and claim digest (I4, I7).
  const norm = normalizeEndpoint(doc.endpoint);
  if (!norm.ok) codes.add('endpoint-host-invalid');
  else if (!sameEndpoint(norm.endpoint, doc.endpoint)) codes.add('endpoint-not-normalized');

  const claimDigest = doc['claim/digest'];
  const claimOk = isCanonicalDigest(claimDigest);
  if (!claimOk) codes.add('digest-malformed');
  if (claimOk && norm.ok && jcsDigest({ 'target/node-id': target, endpoint: norm.endpoint }) !== claimDigest) {
    codes.add('claim-digest-mismatch');
  }

  // Advertisement (I5, I6).
  const advDigest = doc['advertisement/digest'];
  const advOk = isCanonicalDigest(advDigest);
  if (!advOk) codes.add('digest-malformed');
  if ('node-advertisement' in doc) {
    const adv = doc['node-advertisement'];
    if (advOk && jcsDigest(adv) !== advDigest) codes.add('advertisement-digest-mismatch');
    if (!isWellFormedAdvertisement(adv)) {
      codes.add('advertisement-malformed');
    } else {
      if (adv['node/id'] !== target) codes.add('advertisement-node-mismatch');
      if (norm.ok) {
        const listed = adv.endpoints.some((e) => {
          const advertised = endpointFromUrl(e['endpoint/url']);
          return advertised !== null && sameEndpoint(advertised, norm.endpoint);
        });
        if (!listed) codes.add('endpoint-not-advertised');
      }
    }
  } else {
    const ref = doc['node-advertisement/ref'];
    if ('sha256:' + ref.slice('orbiplex:blob:sha256:'.length) !== advDigest) codes.add('advertisement-ref-mismatch');
  }

  // Evidence entries (I3, I8, I10).
  const entries = doc.evidence.map((entry) => {
    // A malformed digest is reported once, as digest-malformed, and is not
    // compared with anything (I3: digests are compared only once well-formed).
    if (!isCanonicalDigest(entry['claim/digest'])) codes.add('digest-malformed');
    else if (claimOk && entry['claim/digest'] !== claimDigest) codes.add('evidence-claim-digest-mismatch');
    if ('advertisement/digest' in entry) {
      if (!isCanonicalDigest(entry['advertisement/digest'])) codes.add('digest-malformed');
      else if (advOk && entry['advertisement/digest'] !== advDigest) codes.add('evidence-advertisement-digest-differs');
    }

    const signedAt = parseInstant(entry['signed/at']);
    const expiresAt = parseInstant(entry['expires/at']);
    if (compareInstants(signedAt, expiresAt) > 0) codes.add('evidence-window-inverted');
    if (entry['endpoint/certificate']) {
      const verifiedAt = parseInstant(entry['endpoint/certificate']['verified/at']);
      if (
        compareInstants(verifiedAt, addSeconds(signedAt, -CERTIFICATE_SKEW_SECONDS)) < 0 ||
        compareInstants(verifiedAt, addSeconds(expiresAt, CERTIFICATE_SKEW_SECONDS)) > 0
      ) {
        codes.add('certificate-time-skew');
      }
    }

    const signer = entry['signer/id'];
    let counted = false;
    if (signer.startsWith('seed-directory:') && !trust.directories.has(signer)) {
      codes.add('signer-untrusted'); // cannot be checked either way: not verified
    } else {
      const key = isDidKeyIdentity(signer) ? didKeyPublicKey(signer) : trust.directories.get(signer);
      if (checkSignature(key, entry.signature, entry, prefix, codes, 'evidence-signature-invalid')) {
        if (entry.kind === 'self-advertisement' && signer !== target) codes.add('self-signer-not-target');
        else if (trustedForKind(entry, target, trust)) counted = true;
        else codes.add('signer-untrusted');
      }
    }
    return { entry, expiresAt, counted };
  });

  // Envelope signature (I11).
  if ('signature' in doc) {
    const assembler = doc['assembler/node-id'];
    if (assembler === undefined) codes.add('envelope-signer-missing');
    else checkSignature(didKeyPublicKey(assembler), doc.signature, doc, prefix, codes, 'envelope-signature-invalid');
  }

  if ([...codes].some((c) => !NON_ERRORS.has(c))) return { verdict: 'invalid', class: null, codes };

  // Stage 4: expiry and trust class at now (I8, I12).
  const envelopeExpires = parseInstant(doc['expires/at']);
  const envelopeExpired = compareInstants(now, envelopeExpires) > 0;
  if (envelopeExpired) codes.add('envelope-expired');
  const live = (e) => compareInstants(now, e.expiresAt) <= 0;
  for (const e of entries) if (!live(e)) codes.add('evidence-expired');

  const counted = entries.filter((e) => e.counted);
  if (counted.length) {
    const earliest = counted.map((e) => e.expiresAt).reduce((a, b) => (compareInstants(a, b) <= 0 ? a : b));
    if (compareInstants(envelopeExpires, earliest) > 0) codes.add('envelope-outlives-evidence');
  }

  const liveCounted = counted.filter(live);
  const liveOfKind = (kind, transcript) =>
    liveCounted.some((e) => e.entry.kind === kind && (transcript === undefined || ('session/transcript-hash' in e.entry) === transcript));
  let cls;
  if (envelopeExpired || (counted.length ? liveCounted.length === 0 : !entries.some(live))) cls = 'expired';
  else if (liveOfKind('seed-directory', true)) cls = 'directory-confirmed';
  else if (liveOfKind('seed-directory', false)) cls = 'directory-accepted';
  else if (liveOfKind('peer-reachability')) cls = 'trusted-peer-confirmed';
  else cls = 'self-only';

  return { verdict: 'valid', class: cls, codes, endpoint: norm.endpoint, target };
}
