import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, withCanonicalJsonBytes } from './canonical-json.js';
import { canonicalHash, sha256Hex } from './sha256.js';

describe('canonicalJson (RFC 8785)', () => {
  it('sorts keys by UTF-16 code units and drops whitespace', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'x'], é: 2, A: {} })).toBe(
      '{"A":{},"a":[true,null,"x"],"b":1,"é":2}',
    );
  });

  it('writes numbers in their shortest round-trip form (RFC 8785 appendix B samples)', () => {
    expect(canonicalJson([1e21, 1e-7, -0, 0.000001, 333333333.3333333, 4.5, 2e-3])).toBe(
      '[1e+21,1e-7,0,0.000001,333333333.3333333,4.5,0.002]',
    );
  });

  it('escapes strings as JSON does', () => {
    expect(canonicalJson('\u2028\n"\\\u0001')).toBe('"\u2028\\n\\"\\\\\\u0001"');
  });

  it('refuses values with no JSON form instead of hashing something else', () => {
    expect(() => canonicalJson(Number.NaN)).toThrow(/no JSON form/);
    const loop: Record<string, unknown> = {};
    loop['self'] = loop;
    expect(() => canonicalJson(loop)).toThrow(/circular or too deeply nested/);
  });

  it('serialises Dates as their ISO string and drops undefined members, as JSON does', () => {
    expect(canonicalJson({ b: undefined, a: new Date(0), c: [undefined] })).toBe(
      '{"a":"1970-01-01T00:00:00.000Z","c":[null]}',
    );
  });

  it('gives the same text as a plain reference implementation, for any JSON value', () => {
    // Keys and strings over all of UTF-16, lone surrogates included, so every escaping path runs;
    // integer-like keys, which objects keep apart from the others, whatever their insertion order.
    const anyString = fc.string({ unit: 'binary', maxLength: 12 });
    const key = fc.oneof(anyString, fc.constantFrom('0', '1', '10', '9', '-1', 'a', 'A', 'é', '\u{1F600}'));
    const value = fc.letrec((tie) => ({
      json: fc.oneof(
        { depthSize: 'small' },
        fc.constant(null),
        fc.boolean(),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        anyString,
        fc.array(tie('json')),
        fc.dictionary(key, tie('json')),
      ),
    })).json;
    fc.assert(
      fc.property(value, (v) => {
        expect(canonicalJson(v)).toBe(reference(v));
      }),
      { numRuns: 2000 },
    );
  });

  it('hands out exactly the UTF-8 bytes of the canonical text', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.string({ unit: 'binary' }), (value, text) => {
        const document = { text, value };
        const bytes = withCanonicalJsonBytes(document, (b) => Uint8Array.from(b));
        expect(bytes).toEqual(new TextEncoder().encode(canonicalJson(document)));
      }),
    );
  });

  it('serialises correctly when a getter serialises something else on the way', () => {
    const inner = { z: 'inner', a: [1, 2] };
    const outer = {
      get b() {
        return canonicalJson(inner);
      },
      a: 'outer text long enough to fill part of the buffer before the getter runs',
    };
    expect(canonicalJson(outer)).toBe(`{"a":"${outer.a}","b":${JSON.stringify('{"a":[1,2],"z":"inner"}')}}`);
  });

  it('is stable under key order and parses back to the same value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(canonicalJson(JSON.parse(text))).toBe(text);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });
});

describe('sha256', () => {
  it('matches the FIPS 180-2 test vector', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('hashes the canonical form, so key order does not matter', () => {
    expect(canonicalHash({ a: 1, b: 2 })).toBe(canonicalHash({ b: 2, a: 1 }));
    expect(canonicalHash({ a: 1 })).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});

/** The obvious reference: keys sorted with Array.prototype.sort, everything else by JSON.stringify. */
function reference(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`;
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const record = value as Record<string, unknown>;
  const members = Object.keys(record)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${reference(record[key])}`);
  return `{${members.join(',')}}`;
}
