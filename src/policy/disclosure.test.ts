import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraryDisclosure } from '../../test/support/arbitrary-disclosure.js';
import { parseDisclosure } from './disclosure.js';

const minimal = {
  schema: 'clearframe/disclosure@1',
  production: { title: 'The Vault' },
  description: 'Mood images.',
};

describe('parseDisclosure', () => {
  it('fills the documented defaults for a minimal disclosure and leaves answers unanswered', () => {
    const result = parseDisclosure(minimal);
    expect(result).toEqual({
      ok: true,
      disclosure: {
        ...minimal,
        production: { title: 'The Vault', format: 'other' },
        media: [],
        principles: {},
        inputs: [],
        training: { kind: 'none' },
        output: { element: 'none' },
        prompts: { references: [] },
        talent: [],
        realism: { depicts: [] },
      },
    });
    if (result.ok) expect(result.disclosure.tools).toBeUndefined();
  });

  it('reads booleans as yes/no, since JSON clients and YAML 1.1 send them', () => {
    const result = parseDisclosure({
      ...minimal,
      output: { final: true },
      principles: { temporaryOnly: false },
    });
    expect(result.ok && result.disclosure.output.final).toBe('yes');
    expect(result.ok && result.disclosure.principles.temporaryOnly).toBe('no');
  });

  it('reports every problem at once, each naming the path, the value and what is allowed', () => {
    const result = parseDisclosure({
      ...minimal,
      production: { title: 'X', format: 'scriptd' },
      tools: [{ name: 'A', enterprise: 'maybe', colour: 'red' }],
      talent: [{ performer: 'Lead', use: 'cloning' }],
      output: { final: 3 },
      extra: 1,
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const byPath = Object.fromEntries(result.issues.map((i) => [i.path, i]));
    expect(Object.keys(byPath).sort()).toEqual(
      [
        'extra',
        'output.final',
        'production.format',
        'talent[0].use',
        'tools[0].colour',
        'tools[0].enterprise',
      ].sort(),
    );
    expect(byPath['production.format']).toMatchObject({ value: 'scriptd' });
    expect(byPath['production.format']?.message).toContain(
      'scripted, documentary, unscripted, animation, other',
    );
    expect(byPath['tools[0].enterprise']?.message).toMatch(
      /"maybe" is not allowed; expected one of yes, no, unsure \(or true\/false\)/,
    );
    expect(byPath['tools[0].colour']?.message).toMatch(
      /unknown key "colour" in tools\[0\]; allowed keys: name, enterprise, retainsData/,
    );
    expect(byPath['extra']?.message).toMatch(/unknown key "extra"/);
    expect(byPath['talent[0].use']?.message).toContain('digital_replica');
  });

  it('requires the schema id, a title and a description', () => {
    const result = parseDisclosure({ schema: 'clearframe/disclosure@2', production: {} });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => i.path).sort()).toEqual(['description', 'production.title', 'schema']);
    expect(result.issues.find((i) => i.path === 'schema')?.message).toContain(
      'expected "clearframe/disclosure@1"',
    );
  });

  it('refuses a description over 5000 characters without echoing it back', () => {
    const result = parseDisclosure({ ...minimal, description: 'x'.repeat(6000) });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues[0]?.message).toMatch(/too long \(6000 characters\); at most 5000/);
    expect(JSON.stringify(result.issues).length).toBeLessThan(500);
  });

  it('never throws, whatever it is given', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.jsonValue()), (raw) => {
        const result = parseDisclosure(raw);
        expect(typeof result.ok).toBe('boolean');
      }),
    );
  });

  it('accepts every normalised disclosure and returns it unchanged (normalising is idempotent)', () => {
    fc.assert(
      fc.property(arbitraryDisclosure, (disclosure) => {
        const result = parseDisclosure(disclosure);
        expect(result).toEqual({ ok: true, disclosure });
      }),
    );
  });

  it('gives no prototype pollution a way in', () => {
    const hostile = JSON.parse(
      '{"schema":"clearframe/disclosure@1","production":{"title":"x"},"description":"d","__proto__":{"polluted":1}}',
    );
    const result = parseDisclosure(hostile);
    expect(result.ok).toBe(false);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});
