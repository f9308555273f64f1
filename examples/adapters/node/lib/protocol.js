// The suite's adapter protocol: one JSON request per line in, one reply per line out.

import { classifyAll } from './classify.js';
import { documentBytes, judge, parseTrust } from './verify.js';
import { parseInstant } from './time.js';

export const IMPLEMENTATION = {
  name: 'naa-node-adapter',
  version: '0.1.0',
  language: 'javascript',
  operations: ['verify', 'classify'],
  kinds: ['node-address-attestation.v1'],
};

function context(msg) {
  const now = parseInstant(msg.now);
  if (!now) throw new Error(`now is not an RFC 3339 date-time: ${JSON.stringify(msg.now)}`);
  const prefix = msg.options?.['signing-prefix'] ?? '';
  if (typeof prefix !== 'string') throw new Error('options.signing-prefix must be a string');
  return { now, trust: parseTrust(msg.trust), prefix };
}

function outcome(r) {
  return { verdict: r.verdict, class: r.class, codes: [...r.codes].sort() };
}

/** @returns {object|null} the reply, or null when none is due (stop). */
export function handle(msg) {
  switch (msg.cmd) {
    case 'start':
      return { version: 1, implementation: IMPLEMENTATION };
    case 'stop':
      return null;
    case 'verify':
      if (msg.kind !== 'node-address-attestation.v1') return { seq: msg.seq, skipped: { reason: `kind ${msg.kind}` } };
      return { seq: msg.seq, result: outcome(judge(documentBytes(msg.document), context(msg))) };
    case 'classify': {
      if (msg.kind !== 'node-address-attestation.v1') return { seq: msg.seq, skipped: { reason: `kind ${msg.kind}` } };
      const results = classifyAll(msg.documents.map(documentBytes), context(msg));
      return { seq: msg.seq, result: { results: results.map(outcome) } };
    }
    default:
      throw new Error(`unknown command ${JSON.stringify(msg.cmd)}`);
  }
}
