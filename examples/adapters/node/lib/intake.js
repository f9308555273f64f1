// Stage 1: the document bytes must be exactly one I-JSON value (CONFORMANCE.md I1).
//
// JSON.parse cannot be used: it silently keeps the last of two duplicate names,
// accepts lone surrogates and integers past 2^53, and tells us nothing about
// which of these happened.  This is a small strict recursive-descent parser.

const MAX_DEPTH = 512; // "excessive nesting" -> json-syntax

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const MAX_SAFE = 2n ** 53n - 1n;
const NUMBER = /-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/y;

class IntakeError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

/**
 * @param {Buffer} bytes the document exactly as received
 * @returns {{value: any} | {code: string, message: string}}
 *   Objects are null-prototype objects, so a member called "__proto__" or
 *   "toJSON" is ordinary data.
 */
export function parseDocument(bytes) {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { code: 'json-encoding', message: 'byte order mark' };
  }
  let text;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { code: 'json-encoding', message: 'not valid UTF-8' };
  }
  const parser = new Parser(text);
  try {
    parser.ws();
    const value = parser.value(0);
    parser.ws();
    if (parser.pos !== text.length) parser.fail('json-syntax', 'trailing data');
    // Lone surrogates are reported only when nothing else is wrong (I1 order).
    if (parser.loneSurrogate) return { code: 'json-lone-surrogate', message: 'escaped lone surrogate' };
    return { value };
  } catch (err) {
    if (err instanceof IntakeError) return { code: err.code, message: err.message };
    if (err instanceof RangeError) return { code: 'json-syntax', message: 'nesting too deep' };
    throw err;
  }
}

class Parser {
  constructor(text) {
    this.text = text;
    this.pos = 0;
    this.loneSurrogate = false;
  }

  fail(code, message) {
    throw new IntakeError(code, `${message} at offset ${this.pos}`);
  }

  ws() {
    const t = this.text;
    while (this.pos < t.length) {
      const c = t.charCodeAt(this.pos);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) this.pos++;
      else break;
    }
  }

  value(depth) {
    const t = this.text;
    if (this.pos >= t.length) this.fail('json-syntax', 'unexpected end');
    const c = t[this.pos];
    if (c === '{') return this.object(depth + 1);
    if (c === '[') return this.array(depth + 1);
    if (c === '"') return this.string();
    if (c === '-' || (c >= '0' && c <= '9')) return this.number();
    for (const [word, val] of [['true', true], ['false', false], ['null', null]]) {
      if (t.startsWith(word, this.pos)) {
        this.pos += word.length;
        return val;
      }
    }
    for (const word of ['NaN', 'Infinity']) {
      if (t.startsWith(word, this.pos)) this.fail('json-number', word);
    }
    this.fail('json-syntax', 'unexpected character');
  }

  object(depth) {
    if (depth > MAX_DEPTH) this.fail('json-syntax', 'nesting too deep');
    const t = this.text;
    const obj = Object.create(null);
    const seen = new Set();
    this.pos++; // {
    this.ws();
    if (t[this.pos] === '}') {
      this.pos++;
      return obj;
    }
    for (;;) {
      this.ws();
      if (t[this.pos] !== '"') this.fail('json-syntax', 'expected a member name');
      const name = this.string();
      if (seen.has(name)) this.fail('json-duplicate-key', `duplicate member name ${JSON.stringify(name)}`);
      seen.add(name);
      this.ws();
      if (t[this.pos] !== ':') this.fail('json-syntax', "expected ':'");
      this.pos++;
      this.ws();
      obj[name] = this.value(depth);
      this.ws();
      const d = t[this.pos];
      this.pos++;
      if (d === '}') return obj;
      if (d !== ',') {
        this.pos--;
        this.fail('json-syntax', "expected ',' or '}'");
      }
    }
  }

  array(depth) {
    if (depth > MAX_DEPTH) this.fail('json-syntax', 'nesting too deep');
    const t = this.text;
    const arr = [];
    this.pos++; // [
    this.ws();
    if (t[this.pos] === ']') {
      this.pos++;
      return arr;
    }
    for (;;) {
      this.ws();
      arr.push(this.value(depth));
      this.ws();
      const d = t[this.pos];
      this.pos++;
      if (d === ']') return arr;
      if (d !== ',') {
        this.pos--;
        this.fail('json-syntax', "expected ',' or ']'");
      }
    }
  }

  string() {
    const t = this.text;
    this.pos++; // opening quote
    let out = '';
    let start = this.pos;
    for (;;) {
      if (this.pos >= t.length) this.fail('json-syntax', 'unterminated string');
      const c = t.charCodeAt(this.pos);
      if (c === 0x22) {
        out += t.slice(start, this.pos);
        this.pos++;
        break;
      }
      if (c < 0x20) this.fail('json-syntax', 'raw control character in string');
      if (c !== 0x5c) {
        this.pos++;
        continue;
      }
      out += t.slice(start, this.pos);
      const e = t[this.pos + 1];
      const simple = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' }[e];
      if (simple !== undefined) {
        out += simple;
        this.pos += 2;
      } else if (e === 'u') {
        const hex = t.slice(this.pos + 2, this.pos + 6);
        if (!/^[0-9A-Fa-f]{4}$/.test(hex)) this.fail('json-syntax', 'bad \\u escape');
        out += String.fromCharCode(parseInt(hex, 16));
        this.pos += 6;
      } else {
        this.fail('json-syntax', 'bad escape');
      }
      start = this.pos;
    }
    // The text itself is valid UTF-8, so a lone surrogate can only come from an escape.
    if (!out.isWellFormed()) this.loneSurrogate = true;
    return out;
  }

  number() {
    const t = this.text;
    if (t.startsWith('-Infinity', this.pos)) this.fail('json-number', '-Infinity');
    NUMBER.lastIndex = this.pos;
    const m = NUMBER.exec(t);
    if (!m) this.fail('json-syntax', 'bad number');
    const literal = m[0];
    if (m[1] === undefined && m[2] === undefined) {
      const n = BigInt(literal);
      if (n > MAX_SAFE || n < -MAX_SAFE) this.fail('json-number', 'integer beyond 2^53 - 1');
    }
    const value = Number(literal);
    if (!Number.isFinite(value)) this.fail('json-number', 'number overflows a double');
    this.pos += literal.length;
    return value;
  }
}
