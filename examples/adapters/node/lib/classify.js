// classify: judge each document alone, then mark endpoint collisions among the
// valid, unexpired members (CONFORMANCE.md I13).

import { endpointKey } from './endpoint.js';
import { judge } from './verify.js';

export function classifyAll(documents, context) {
  const results = documents.map((bytes) => judge(bytes, context));
  const groups = new Map();
  for (const r of results) {
    if (r.verdict !== 'valid' || r.class === 'expired') continue;
    const key = endpointKey(r.endpoint);
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(r);
  }
  for (const members of groups.values()) {
    if (new Set(members.map((r) => r.target)).size < 2) continue;
    for (const r of members) {
      r.class = 'collision';
      r.codes.add('endpoint-collision');
    }
  }
  return results;
}
