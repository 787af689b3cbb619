import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { listPacks, loadDefaultPack, loadPack } from '../packs/load-packs.js';
import { parseDisclosure } from './disclosure.js';
import { evaluate } from './evaluate.js';
import { PackLoadError, packDocument, parsePack, parsePackText } from './pack.js';

const secondPackPath = new URL('../../test/fixtures/packs/minimal-second-studio.yaml', import.meta.url);
const secondPackText = readFileSync(secondPackPath, 'utf8');

/** The minimal pack as a plain document, so each test can break one thing. */
function basePack(): Record<string, unknown> & { rules: Record<string, unknown>[] } {
  return structuredClone(packDocument(parsePackText(secondPackText, 'base'))) as Record<string, unknown> & {
    rules: Record<string, unknown>[];
  };
}

function problemsOf(raw: unknown): readonly string[] {
  try {
    parsePack(raw, 'test');
  } catch (error) {
    if (error instanceof PackLoadError) return error.problems;
    throw error;
  }
  return [];
}

describe('policy packs', () => {
  it('loads the default pack with every rule id the guidance names', () => {
    const pack = loadDefaultPack();
    expect(pack.id).toBe('netflix-genai-2025-08');
    expect(pack.rules.map((r) => r.id)).toEqual([
      'P1',
      'P2',
      'P3',
      'P4',
      'P5',
      'DU-1',
      'DU-2',
      'DU-3',
      'DU-4',
      'DU-5',
      'CO-1',
      'CO-2',
      'CO-3',
      'TP-1',
      'TP-2',
      'TP-3',
      'ER-1',
      'ER-2',
      'REG-1',
      'REG-2',
      'REG-3',
      'REG-4',
      'REG-5',
    ]);
    for (const rule of pack.rules) {
      expect(rule.cite.length).toBeGreaterThan(0);
      expect(rule.resolve.length).toBeGreaterThan(0);
    }
  });

  it('evaluates a second studio pack with no code change', () => {
    const pack = loadPack(secondPackPath.pathname);
    const parsed = parseDisclosure({
      schema: 'clearframe/disclosure@1',
      production: { title: 'X' },
      description: 'Generated score cue.',
      media: ['audio'],
      output: { final: 'yes' },
    });
    if (!parsed.ok) throw new Error('fixture');
    const verdict = evaluate(parsed.disclosure, pack);
    expect(verdict).toMatchObject({
      outcome: 'prohibited',
      pack: 'example-studio-2026@2.1.0',
      requires: ['sign_off'],
    });
    expect(verdict.findings.map((f) => f.rule)).toEqual(['FINAL-VOICE']);
  });

  it('refuses unknown rule fields', () => {
    const raw = basePack();
    raw.rules[0] = { ...raw.rules[0], severity: 'high' };
    expect(problemsOf(raw)).toEqual([expect.stringMatching(/rules\.0: unknown field severity/)]);
  });

  it('refuses duplicate rule ids', () => {
    const raw = basePack();
    raw.rules.push({ ...raw.rules[0] });
    expect(problemsOf(raw)).toContain('rules: duplicate rule id "FINAL-VOICE"');
  });

  it('refuses conditions on fields the disclosure does not have, and values it cannot hold', () => {
    const raw = basePack();
    raw.rules[0] = {
      ...raw.rules[0],
      when: {
        all: [
          { fact: 'output.budget', is: 'yes' },
          { fact: 'media', includes: ['hologram'] },
          { fact: 'output.final', is: 'unsure' },
        ],
      },
    };
    const problems = problemsOf(raw);
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/when\.all\[0\]\.fact: the disclosure has no field "output\.budget"/);
    expect(problems[1]).toMatch(/"hologram" is not a value of media; allowed: image, video, audio, text, 3d/);
    expect(problems[2]).toMatch(/"unsure" is not a value of output\.final; allowed: yes, no/);
  });

  it('refuses relative facts outside an iteration and unknown item fields inside one', () => {
    const raw = basePack();
    raw.rules[0] = {
      ...raw.rules[0],
      when: {
        any: [
          { fact: '$.consent', is: 'yes' },
          { some: 'talent', where: { fact: '$.agent', is: 'yes' } },
        ],
      },
    };
    const problems = problemsOf(raw);
    expect(problems[0]).toMatch(/relative to a list item, but there is no some\/forEach here/);
    expect(problems[1]).toMatch(
      /no field "\$\.agent" \(items of talent have: performer, use, unionCovered, consent, deceased, exemption, consentRecord, consentNote\)/,
    );
  });

  it('refuses undeclared requirements, categories and template placeholders', () => {
    const raw = basePack();
    raw.rules[0] = { ...raw.rules[0], requires: ['blessing'], category: 'vibes', reason: 'Because {mood}.' };
    const problems = problemsOf(raw);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/unknown requirement "blessing"/),
        expect.stringMatching(/unknown category "vibes"/),
        expect.stringMatching(/unknown placeholder \{mood\}/),
      ]),
    );
  });

  it('reports a file that is not YAML as a load error naming the file', () => {
    expect(() => parsePackText('rules: [unclosed', 'broken.yaml')).toThrow(
      /policy pack broken\.yaml does not load:\n {2}- not valid YAML or JSON/,
    );
  });

  it('round-trips: a pack written back out loads to the same rules', () => {
    const pack = loadDefaultPack();
    const again = parsePackText(stringify(packDocument(pack)), 'again');
    expect(again.rules).toEqual(pack.rules);
    expect(packDocument(again)).toEqual(packDocument(pack));
  });

  it('lists the shipped packs and finds one by id@version', () => {
    const ids = listPacks().map((p) => `${p.id}@${p.version}`);
    expect(ids).toContain('netflix-genai-2025-08@1.0.0');
    expect(loadPack('netflix-genai-2025-08@1.0.0').version).toBe('1.0.0');
    expect(() => loadPack('no-such-pack')).toThrow(
      /no such pack; shipped packs: netflix-genai-2025-08@1\.0\.0/,
    );
  });
});
