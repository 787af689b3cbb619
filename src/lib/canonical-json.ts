/**
 * RFC 8785 (JSON Canonicalization Scheme) serialisation.
 *
 * Pure and browser-safe: verdict input hashes (src/policy) and the audit chain
 * (src/domain) must hash byte-identical text on the server, the CLI and the web app.
 * Numbers use ECMAScript's shortest round-trip form, which is what RFC 8785 prescribes;
 * object keys are sorted by UTF-16 code units, which is what JavaScript's `<` on strings does.
 *
 * It runs on every verdict (see bench/policy.bench.ts), so it writes UTF-8 straight into one
 * reused byte buffer: the hash needs bytes anyway, and building the text by string
 * concatenation left a rope of a few hundred pieces that the hash then had to flatten.
 */
export function canonicalJson(value: unknown): string {
  return withCanonicalJsonBytes(value, decode);
}

/**
 * Hands `use` the UTF-8 bytes of `canonicalJson(value)` (what its hash is taken of) and returns
 * what `use` returns. The bytes are a view of a reused buffer, valid only during the call.
 */
export function withCanonicalJsonBytes<T>(value: unknown, use: (bytes: Uint8Array) => T): T {
  // A getter, a proxy or `use` itself may serialise something too: that call gets its own buffer.
  const out = idle ?? new Utf8Writer();
  idle = undefined;
  try {
    write(out, value, 0);
    return use(out.view());
  } finally {
    out.clear();
    idle = out;
  }
}

const decoder = new TextDecoder();
const decode = (bytes: Uint8Array) => decoder.decode(bytes);
const encoder = new TextEncoder();

/** Deeper than any real document; reached only by a cycle, which has no JSON form. */
const MAX_DEPTH = 1000;

function write(out: Utf8Writer, value: unknown, depth: number): void {
  if (value === null) {
    out.ascii('null');
    return;
  }
  switch (typeof value) {
    case 'string':
      out.string(value);
      return;
    case 'boolean':
      out.ascii(value ? 'true' : 'false');
      return;
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${value} has no JSON form`);
      out.ascii(JSON.stringify(value));
      return;
    case 'object':
      break;
    default:
      throw new TypeError(`canonicalJson: a ${typeof value} has no JSON form`);
  }
  if (depth > MAX_DEPTH) throw new TypeError('canonicalJson: circular or too deeply nested structure');
  if (Array.isArray(value)) writeArray(out, value, depth);
  else if (value instanceof Date) out.string(value.toISOString());
  else writeObject(out, value as Record<string, unknown>, depth);
}

function writeArray(out: Utf8Writer, array: readonly unknown[], depth: number): void {
  out.byte(OPEN_BRACKET);
  for (let i = 0; i < array.length; i++) {
    if (i > 0) out.byte(COMMA);
    const item = array[i];
    if (item === undefined) out.ascii('null');
    else write(out, item, depth + 1);
  }
  out.byte(CLOSE_BRACKET);
}

function writeObject(out: Utf8Writer, record: Record<string, unknown>, depth: number): void {
  out.byte(OPEN_BRACE);
  let first = true;
  for (const key of sortedKeys(record)) {
    const member = record[key];
    if (member === undefined) continue;
    if (!first) out.byte(COMMA);
    first = false;
    out.string(key);
    out.byte(COLON);
    write(out, member, depth + 1);
  }
  out.byte(CLOSE_BRACE);
}

/**
 * Own enumerable keys in UTF-16 code unit order. Objects here have a handful of keys, which an
 * insertion sort puts in order faster than `Array.prototype.sort`; large ones still use it.
 */
function sortedKeys(record: object): string[] {
  const keys = Object.keys(record);
  if (keys.length > 16) return keys.sort();
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i] as string;
    let j = i - 1;
    for (; j >= 0 && (keys[j] as string) > key; j--) keys[j + 1] = keys[j] as string;
    keys[j + 1] = key;
  }
  return keys;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/** A growable UTF-8 byte buffer. */
class Utf8Writer {
  private buffer = new Uint8Array(4096);
  private length = 0;

  /** What was written, without copying it. */
  view(): Uint8Array {
    return this.buffer.subarray(0, this.length);
  }

  clear(): void {
    this.length = 0;
  }

  byte(code: number): void {
    this.reserve(1);
    this.buffer[this.length++] = code;
  }

  /** Text known to be ASCII: `null`, `true`, a number. */
  ascii(text: string): void {
    this.reserve(text.length);
    const { buffer } = this;
    let at = this.length;
    for (let i = 0; i < text.length; i++) buffer[at++] = text.charCodeAt(i);
    this.length = at;
  }

  /**
   * A JSON string literal. Printable ASCII without `"` or `\` is copied as it is; anything
   * else is escaped by `JSON.stringify`, which RFC 8785 defers to (section 3.2.2.2).
   */
  string(text: string): void {
    this.reserve(text.length + 2);
    const { buffer } = this;
    let at = this.length;
    buffer[at++] = QUOTE;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code < 0x20 || code > 0x7e || code === QUOTE || code === BACKSLASH) {
        this.utf8(JSON.stringify(text));
        return;
      }
      buffer[at++] = code;
    }
    buffer[at++] = QUOTE;
    this.length = at;
  }

  private utf8(text: string): void {
    // UTF-8 takes at most 3 bytes per UTF-16 code unit.
    this.reserve(text.length * 3);
    this.length += encoder.encodeInto(text, this.buffer.subarray(this.length)).written;
  }

  private reserve(count: number): void {
    if (this.length + count <= this.buffer.length) return;
    const grown = new Uint8Array(Math.max(this.buffer.length * 2, this.length + count));
    grown.set(this.buffer.subarray(0, this.length));
    this.buffer = grown;
  }
}

/** The buffer between calls; `undefined` while one is in use. */
let idle: Utf8Writer | undefined = new Utf8Writer();
