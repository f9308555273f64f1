#!/usr/bin/env node
// Entry point: `node examples/adapters/node/adapter.js` speaks the suite's cmd:
// protocol on stdin/stdout.  Logs go to stderr only.

import readline from 'node:readline';
import { handle } from './lib/protocol.js';

// Writes to a pipe are synchronous in Node on Linux, so each reply is flushed
// before the next request is read.
function reply(obj) {
  process.stdout.write(JSON.stringify(obj) + '\n');
}

const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
lines.on('line', (line) => {
  if (line.trim() === '') return;
  let msg;
  try {
    msg = JSON.parse(line);
  } catch (err) {
    reply({ seq: null, errored: { message: `unparseable request: ${err.message}` } });
    return;
  }
  try {
    const out = handle(msg);
    if (out === null) {
      lines.close();
      process.exit(0);
    }
    reply(out);
  } catch (err) {
    process.stderr.write(`${err.stack}\n`);
    reply({ seq: msg?.seq ?? null, errored: { message: String(err.message || err), traceback: String(err.stack || '') } });
  }
});
lines.on('close', () => process.exit(0));
