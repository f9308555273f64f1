// Stage 2: the published JSON Schemas (2020-12), transcribed as data, and a
// small evaluator for the keywords they use.  Every failing keyword adds one
// outcome code (CONFORMANCE.md "Schema-stage codes by failing keyword"); a
// schema's xCode overrides the default code of one of its keywords, like the
// suite's x-code annotations.
//
// Semantics follow JSON Schema, not JavaScript: a keyword only applies to its
// own instance type (minLength ignores numbers, required ignores arrays),
// 1.0 is an integer, lengths count code points, patterns are ECMA-262 regexes
// searched anywhere in the string, oneOf reports one error for the whole
// keyword and if/then reports the errors of "then".

import { isDateTime } from './time.js';
import { isUri } from './endpoint.js';

// ---------------------------------------------------------------- node-address-attestation.v1

const digest = { type: 'string', minLength: 16, maxLength: 128, pattern: '^sha256:[A-Za-z0-9_-]+$' };
const timestamp = { type: 'string', format: 'date-time' };
const nodeId = { type: 'string', pattern: '^node:did:key:z[1-9A-HJ-NP-Za-km-z]+$' };

const ed25519Signature = {
  type: 'object',
  required: ['alg', 'value'],
  properties: {
    alg: { const: 'ed25519' },
    value: { type: 'string', minLength: 1 },
    'key/ref': { type: 'string', minLength: 1 },
  },
};

const normalizedEndpoint = {
  type: 'object',
  additionalProperties: false,
  required: ['scheme', 'host', 'port', 'path'],
  properties: {
    scheme: { type: 'string', enum: ['wss'] },
    host: { type: 'string', minLength: 1, maxLength: 253 },
    port: { type: 'integer', minimum: 1, maximum: 65535 },
    path: { type: 'string', minLength: 1, maxLength: 512, pattern: '^/' },
  },
};

const endpointCertificateEvidence = {
  type: 'object',
  additionalProperties: false,
  required: ['fingerprint/alg', 'fingerprint', 'verified/at'],
  properties: {
    'fingerprint/alg': { type: 'string', enum: ['sha256-leaf-der', 'sha256-spki'] },
    fingerprint: digest,
    'server-name': { type: 'string', minLength: 1 },
    'subject/common-name': { type: 'string', minLength: 1 },
    'advisory/route-id': { type: 'string', pattern: '^(route:.+|routing:did:key:z[1-9A-HJ-NP-Za-km-z]+)$' },
    'rotation/group-id': { type: 'string', minLength: 1 },
    'rotation/supersedes': { type: 'string', minLength: 1 },
    'verified/at': timestamp,
  },
};

const evidenceEntry = {
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'signer/id', 'signed/at', 'expires/at', 'claim/digest', 'signature'],
  properties: {
    kind: {
      type: 'string',
      enum: ['self-advertisement', 'seed-directory', 'peer-reachability'],
      xCode: { enum: 'evidence-kind-unknown' },
    },
    'signer/id': {
      type: 'string',
      pattern: '^(node|participant|org):did:key:z[1-9A-HJ-NP-Za-km-z]+$|^seed-directory:[A-Za-z0-9._:-]+$',
    },
    'signed/at': timestamp,
    'expires/at': timestamp,
    'claim/digest': digest,
    'advertisement/digest': digest,
    'session/transcript-hash': digest,
    'endpoint/certificate': endpointCertificateEvidence,
    signature: ed25519Signature,
  },
  allOf: [
    {
      if: { properties: { kind: { const: 'peer-reachability' } }, required: ['kind'] },
      then: { required: ['session/transcript-hash'], xCode: { required: 'transcript-required' } },
    },
    {
      if: { required: ['session/transcript-hash'] },
      then: { required: ['endpoint/certificate'], xCode: { required: 'certificate-required' } },
    },
  ],
};

export const ATTESTATION_SCHEMA = {
  type: 'object',
  required: [
    'schema', 'attestation/id', 'target/node-id', 'endpoint', 'claim/digest',
    'advertisement/digest', 'observed/at', 'expires/at', 'evidence',
  ],
  properties: {
    schema: { const: 'node-address-attestation.v1', xCode: { const: 'schema-discriminator' } },
    'attestation/id': { type: 'string', minLength: 1, pattern: '^attestation:node-address:' },
    'target/node-id': nodeId,
    endpoint: normalizedEndpoint,
    'claim/digest': digest,
    'node-advertisement': { type: 'object' },
    'node-advertisement/ref': { type: 'string', pattern: '^orbiplex:blob:sha256:[A-Za-z0-9_-]+$' },
    'advertisement/digest': digest,
    'observed/at': timestamp,
    'expires/at': timestamp,
    evidence: { type: 'array', minItems: 1, items: evidenceEntry },
    'assembler/node-id': nodeId,
    signature: ed25519Signature,
    policy_annotations: { type: 'object' },
  },
  allOf: [{ oneOf: [{ required: ['node-advertisement'] }, { required: ['node-advertisement/ref'] }] }],
};

// ---------------------------------------------------------------- node-advertisement.v1

export const ADVERTISEMENT_SCHEMA = {
  type: 'object',
  required: [
    'schema/v', 'advertisement/id', 'node/id', 'sequence/no', 'advertised-at', 'expires-at',
    'key/alg', 'key/public', 'endpoints', 'transports/supported', 'signature',
  ],
  properties: {
    'schema/v': { const: 1 },
    'advertisement/id': { type: 'string', minLength: 1 },
    'node/id': { type: 'string', minLength: 1, pattern: '^node:did:key:z[1-9A-HJ-NP-Za-km-z]+$' },
    'sequence/no': { type: 'integer', minimum: 0 },
    'advertised-at': timestamp,
    'expires-at': timestamp,
    'key/alg': { type: 'string', enum: ['ed25519'] },
    'key/public': { type: 'string', minLength: 1, pattern: '^z[1-9A-HJ-NP-Za-km-z]+$' },
    'federation/id': { type: 'string', minLength: 1 },
    succession: {
      type: 'object',
      required: ['successor/node-id'],
      properties: {
        'successor/node-id': { type: 'string', minLength: 1, pattern: '^node:did:key:z[1-9A-HJ-NP-Za-km-z]+$' },
        'proof/current': { type: 'string', minLength: 1 },
        'proof/successor': { type: 'string', minLength: 1 },
      },
    },
    endpoints: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['endpoint/url', 'endpoint/transport', 'endpoint/role', 'endpoint/priority'],
        properties: {
          'endpoint/url': { type: 'string', format: 'uri', minLength: 1 },
          'endpoint/transport': { type: 'string', enum: ['wss'] },
          'endpoint/role': { type: 'string', enum: ['listener', 'relay'] },
          'endpoint/priority': { type: 'integer', minimum: 0 },
        },
      },
    },
    'transports/supported': { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string', enum: ['wss'] } },
    signature: {
      type: 'object',
      required: ['alg', 'value'],
      properties: { alg: { type: 'string', enum: ['ed25519'] }, value: { type: 'string', minLength: 1 } },
    },
    policy_annotations: { type: 'object' },
  },
};

// ---------------------------------------------------------------- evaluator

const DEFAULT_CODE = {
  required: 'schema-required',
  additionalProperties: 'schema-closed',
  format: 'timestamp-invalid',
  oneOf: 'advertisement-form',
};

const FORMATS = { 'date-time': isDateTime, uri: isUri };

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const has = (obj, k) => Object.prototype.hasOwnProperty.call(obj, k);

function typeOk(type, v) {
  switch (type) {
    case 'object': return isObject(v);
    case 'array': return Array.isArray(v);
    case 'string': return typeof v === 'string';
    case 'integer': return Number.isInteger(v);
    case 'number': return typeof v === 'number';
    default: throw new Error(`unsupported type ${type}`);
  }
}

function jsonEqual(a, b) {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => has(b, k) && jsonEqual(a[k], b[k]));
  }
  return false;
}

const regexCache = new Map();
function regex(pattern) {
  if (!regexCache.has(pattern)) regexCache.set(pattern, new RegExp(pattern, 'u'));
  return regexCache.get(pattern);
}

/**
 * Evaluate value against schema, adding one code per failing keyword to codes.
 * @returns {boolean} valid
 */
export function validate(schema, value, codes = new Set()) {
  let valid = true;
  const fail = (keyword) => {
    valid = false;
    codes.add((schema.xCode && schema.xCode[keyword]) || DEFAULT_CODE[keyword] || 'schema-shape');
  };
  const sub = (s, v) => {
    if (!validate(s, v, codes)) valid = false;
  };

  if (schema.type !== undefined && !typeOk(schema.type, value)) fail('type');
  if (has(schema, 'const') && !jsonEqual(schema.const, value)) fail('const');
  if (schema.enum && !schema.enum.some((e) => jsonEqual(e, value))) fail('enum');

  if (typeof value === 'string') {
    const length = [...value].length;
    if (schema.minLength !== undefined && length < schema.minLength) fail('minLength');
    if (schema.maxLength !== undefined && length > schema.maxLength) fail('maxLength');
    if (schema.pattern !== undefined && !regex(schema.pattern).test(value)) fail('pattern');
    if (schema.format !== undefined && !FORMATS[schema.format](value)) fail('format');
  }
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) fail('minimum');
    if (schema.maximum !== undefined && value > schema.maximum) fail('maximum');
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) fail('minItems');
    if (schema.uniqueItems && value.some((x, i) => value.slice(i + 1).some((y) => jsonEqual(x, y)))) fail('uniqueItems');
    if (schema.items) for (const item of value) sub(schema.items, item);
  }
  if (isObject(value)) {
    if (schema.required && schema.required.some((k) => !has(value, k))) fail('required');
    if (schema.properties) {
      for (const [k, s] of Object.entries(schema.properties)) if (has(value, k)) sub(s, value[k]);
      if (schema.additionalProperties === false && Object.keys(value).some((k) => !has(schema.properties, k))) {
        fail('additionalProperties');
      }
    }
  }
  if (schema.allOf) for (const s of schema.allOf) sub(s, value);
  if (schema.oneOf && schema.oneOf.filter((s) => validate(s, value, new Set())).length !== 1) fail('oneOf');
  if (schema.if && validate(schema.if, value, new Set()) && schema.then) sub(schema.then, value);
  return valid;
}

/** Schema-stage codes of an attestation (empty when it passes). */
export function attestationSchemaCodes(doc) {
  const codes = new Set();
  validate(ATTESTATION_SCHEMA, doc, codes);
  return codes;
}

export function isWellFormedAdvertisement(adv) {
  return validate(ADVERTISEMENT_SCHEMA, adv, new Set());
}
