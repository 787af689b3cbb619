/**
 * RFC 8785 (JSON Canonicalization Scheme) serialisation.
 *
 * Pure and browser-safe: verdict input hashes (src/policy) and the audit chain
 * (src/domain) must hash byte-identical text on the server, the CLI and the web app.
 * Numbers use ECMAScript's shortest round-trip form, which is what RFC 8785 prescribes;
 * object keys are sorted by UTF-16 code units, which is what `Array.prototype.sort` does.
 */
export function canonicalJson(value: unknown): string {
  return serialise(value, new Set());
}

function serialise(value: unknown, ancestors: Set<object>): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${value} has no JSON form`);
      return JSON.stringify(value);
    case 'string':
      return JSON.stringify(value);
    case 'object':
      break;
    default:
      throw new TypeError(`canonicalJson: a ${typeof value} has no JSON form`);
  }
  const object = value as object;
  if (ancestors.has(object)) throw new TypeError('canonicalJson: circular structure');
  ancestors.add(object);
  let text: string;
  if (Array.isArray(object)) {
    text = `[${object.map((item) => (item === undefined ? 'null' : serialise(item, ancestors))).join(',')}]`;
  } else if (object instanceof Date) {
    text = JSON.stringify(object.toISOString());
  } else {
    const record = object as Record<string, unknown>;
    const parts: string[] = [];
    for (const key of Object.keys(record).sort()) {
      const member = record[key];
      if (member === undefined) continue;
      parts.push(`${JSON.stringify(key)}:${serialise(member, ancestors)}`);
    }
    text = `{${parts.join(',')}}`;
  }
  ancestors.delete(object);
  return text;
}
