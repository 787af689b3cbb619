import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.js';
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
