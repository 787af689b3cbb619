/**
 * RFC 8785 (JSON Canonicalization Scheme) serialisation.
 *
 * Pure and browser-safe: verdict input hashes (src/policy) and the audit chain
 * (src/domain) must hash byte-identical text on the server, the CLI and the web app.
 * Numbers use ECMAScript's shortest round-trip form, which is what RFC 8785 prescribes;
 * object keys are sorted by UTF-16 code units, which is what `Array.prototype.sort` does.
 * Written as one recursive function with string concatenation because it runs on
 * every verdict (see bench/policy.bench.ts).
 */
export function canonicalJson(value: unknown): string {
  return serialise(value, 0);
}

/** Quoted keys, reused: documents of one kind repeat the same few dozen keys. */
const quotedKeys = new Map<string, string>();
const MAX_CACHED_KEYS = 4096;

function quoteKey(key: string): string {
  let quoted = quotedKeys.get(key);
  if (quoted === undefined) {
    quoted = `${JSON.stringify(key)}:`;
    if (quotedKeys.size < MAX_CACHED_KEYS) quotedKeys.set(key, quoted);
  }
  return quoted;
}

/** Deeper than any real document; reached only by a cycle, which has no JSON form. */
const MAX_DEPTH = 1000;

function serialise(value: unknown, depth: number): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${value} has no JSON form`);
      return JSON.stringify(value);
    case 'object':
      break;
    default:
      throw new TypeError(`canonicalJson: a ${typeof value} has no JSON form`);
  }
  if (depth > MAX_DEPTH) throw new TypeError('canonicalJson: circular or too deeply nested structure');
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      const item: unknown = value[i];
      out += item === undefined ? 'null' : serialise(item, depth + 1);
    }
    return `${out}]`;
  }
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const member = record[key];
    if (member === undefined) continue;
    if (!first) out += ',';
    first = false;
    out += quoteKey(key) + serialise(member, depth + 1);
  }
  return `${out}}`;
}
