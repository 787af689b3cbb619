import { describe, expect, it } from 'vitest';
import { moodboard } from '../../test/helpers/disclosures.js';
import { loadDefaultPack } from '../packs/load-packs.js';
import { type Disclosure, parseDisclosure } from './disclosure.js';
import { evaluate } from './evaluate.js';
import type { RegistryFacts } from './registry-facts.js';
import { CONSENT_RECORD_STATES } from './vocabulary.js';

const pack = loadDefaultPack();

function disclosure(overrides: Record<string, unknown> = {}): Disclosure {
  const result = parseDisclosure(moodboard(overrides));
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.disclosure;
}

const deAgeing = disclosure({
  output: { final: 'yes', element: 'performance' },
  principles: {
    noInfringement: 'yes',
    noDataRetention: 'yes',
    enterpriseSecured: 'yes',
    temporaryOnly: 'no',
    noTalentReplacement: 'yes',
  },
  talent: [{ performer: 'Lead A', use: 'alteration', consent: 'yes' }],
});

const rules = (facts?: RegistryFacts, d: Disclosure = disclosure()) =>
  evaluate(d, pack, facts ? { facts } : {}).findings.map((f) => `${f.rule}:${f.outcome}`);

describe('registry facts in the verdict', () => {
  it('change nothing when no registry was asked (offline check)', () => {
    expect(rules(undefined)).toEqual([]);
    expect(rules({ tools: [{ registryStatus: 'not_checked' }] })).toEqual([]);
  });

  it('make a use with a blocked tool prohibited, with the block reason', () => {
    const verdict = evaluate(disclosure(), pack, {
      facts: {
        tools: [
          { registryStatus: 'blocked', registryNote: 'trains on customer uploads (reviewed 2026-05-02)' },
        ],
      },
    });
    expect(verdict.outcome).toBe('prohibited');
    expect(verdict.findings[0]).toMatchObject({ rule: 'REG-1', subject: 'Studio Image Enterprise' });
    expect(verdict.findings[0]?.reason).toBe(
      "Studio Image Enterprise is blocked in the studio's tool registry: trains on customer uploads (reviewed 2026-05-02).",
    );
  });

  it('send an unregistered tool to the contact, and note a conditional approval without raising it', () => {
    expect(rules({ tools: [{ registryStatus: 'unregistered' }] })).toEqual(['REG-2:escalate']);
    const verdict = evaluate(disclosure(), pack, {
      facts: {
        tools: [
          { registryStatus: 'approved_with_conditions', registryNote: 'no uploads of talent likeness' },
        ],
      },
    });
    expect(verdict.outcome).toBe('notify');
    expect(verdict.findings.map((f) => f.rule)).toEqual(['REG-3']);
  });

  it('fail P2 for a tool that keeps or trains on data, whatever the partner answered, and flag the contradiction', () => {
    const verdict = evaluate(disclosure(), pack, {
      facts: { tools: [{ registryStatus: 'approved', registryRetainsData: 'yes' }] },
    });
    const p2 = verdict.findings.find((f) => f.rule === 'P2');
    expect(p2).toMatchObject({ outcome: 'escalate', contradiction: true });
    expect(p2?.reason).toContain('tools[0].registryRetainsData is yes');
    expect(verdict.findings.find((f) => f.rule === 'REG-4')?.reason).toMatch(
      /contradict the studio's tool registry/,
    );
  });

  it('settle an unsure tool answer with the registry', () => {
    const unsure = disclosure({
      tools: [{ name: 'Studio Image Enterprise', enterprise: 'unsure', retainsData: 'unsure' }],
    });
    expect(evaluate(unsure, pack).openQuestions).toEqual(['tools[0].retainsData', 'tools[0].enterprise']);
    const settled = evaluate(unsure, pack, {
      facts: {
        tools: [{ registryStatus: 'approved', registryRetainsData: 'no', registryEnterprise: 'yes' }],
      },
    });
    expect(settled).toMatchObject({ outcome: 'notify', openQuestions: [] });
  });

  describe('consent', () => {
    const gaps = CONSENT_RECORD_STATES.filter((s) => s !== 'active' && s !== 'not_checked');
    for (const gap of gaps) {
      it(`prohibits a talent use whose consent record is "${gap}", naming the gap, even if the partner says consent is on record`, () => {
        const note = `gap: ${gap}`;
        const verdict = evaluate(deAgeing, pack, {
          facts: { talent: [{ consentRecord: gap, consentNote: note }] },
        });
        expect(verdict.outcome).toBe('prohibited');
        const tp2 = verdict.findings.find((f) => f.rule === 'TP-2');
        expect(tp2?.outcome).toBe('prohibited');
        expect(tp2?.reason).toContain(note);
        expect(verdict.findings.find((f) => f.rule === 'REG-5')?.reason).toContain(note);
        expect(verdict.requires).toContain('talent_consent');
      });
    }

    it('approves (for legal review) a use covered by an active consent, even if the partner did not say so', () => {
      const unsureAnswer = { ...deAgeing, talent: [{ ...deAgeing.talent[0]!, consent: 'unsure' as const }] };
      expect(evaluate(unsureAnswer, pack).outcome).toBe('prohibited');
      const verdict = evaluate(unsureAnswer, pack, {
        facts: {
          talent: [{ consentRecord: 'active', consentNote: 'consent C-12, alteration, valid to 2027-01-01' }],
        },
      });
      expect(verdict.outcome).toBe('approval');
      expect(verdict.findings.find((f) => f.rule === 'TP-2')?.reason).toContain('consent C-12');
      expect(verdict.findings.some((f) => f.rule === 'P5')).toBe(false);
    });

    it('keeps a claimed exemption at approval when the registry has no consent', () => {
      const exempt = {
        ...deAgeing,
        talent: [{ ...deAgeing.talent[0]!, consent: 'no' as const, exemption: 'customary_fix' as const }],
      };
      const verdict = evaluate(exempt, pack, {
        facts: { talent: [{ consentRecord: 'none', consentNote: 'no consent on file' }] },
      });
      expect(verdict.findings.find((f) => f.rule === 'TP-2')?.outcome).toBe('approval');
    });
  });

  it('stores the facts it used with the verdict, so it can be reproduced', () => {
    const facts: RegistryFacts = {
      tools: [{ registryId: 'tool-1', registryStatus: 'approved', registryRetainsData: 'no' }],
    };
    const verdict = evaluate(disclosure(), pack, { facts });
    expect(verdict.facts).toEqual(facts);
    expect(evaluate(disclosure(), pack, { facts: verdict.facts! })).toEqual(verdict);
  });
});
