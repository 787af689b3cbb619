import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraryDisclosure } from '../../test/support/arbitrary-disclosure.js';
import { loadDefaultPack } from '../packs/load-packs.js';
import type { Disclosure } from './disclosure.js';
import { evaluate } from './evaluate.js';
import { OUTCOMES, outcomeRank } from './verdict.js';
import { DEPICTIONS, PROMPT_REFERENCES, TALENT_USES } from './vocabulary.js';

const pack = loadDefaultPack();
const runs = { numRuns: 2000 };
const PRINCIPLES = [
  'noInfringement',
  'noDataRetention',
  'enterpriseSecured',
  'temporaryOnly',
  'noTalentReplacement',
] as const;

const rank = (d: Disclosure) => outcomeRank(evaluate(d, pack).outcome);

describe('evaluate (properties)', () => {
  it('never throws on a schema-valid disclosure and always returns a known outcome', () => {
    fc.assert(
      fc.property(arbitraryDisclosure, (d) => {
        expect(OUTCOMES).toContain(evaluate(d, pack).outcome);
      }),
      runs,
    );
  });

  it('decides the strictest outcome among its findings (notify when there are none)', () => {
    fc.assert(
      fc.property(arbitraryDisclosure, (d) => {
        const verdict = evaluate(d, pack);
        const strictest = Math.max(0, ...verdict.findings.map((f) => outcomeRank(f.outcome)));
        expect(outcomeRank(verdict.outcome)).toBe(strictest);
      }),
      runs,
    );
  });

  it('cites a rule of the pack and lists open questions that appear on findings', () => {
    const ruleIds = new Set(pack.rules.map((r) => r.id));
    fc.assert(
      fc.property(arbitraryDisclosure, (d) => {
        const verdict = evaluate(d, pack);
        const onFindings = new Set(verdict.findings.flatMap((f) => f.openQuestions ?? []));
        for (const f of verdict.findings) expect(ruleIds.has(f.rule)).toBe(true);
        expect(new Set(verdict.openQuestions)).toEqual(onFindings);
      }),
      runs,
    );
  });

  it('never gets milder when a principle answer goes from yes to no or unsure', () => {
    fc.assert(
      fc.property(
        arbitraryDisclosure,
        fc.constantFrom(...PRINCIPLES),
        fc.constantFrom('no', 'unsure'),
        (d, key, answer) => {
          const yes = { ...d, principles: { ...d.principles, [key]: 'yes' } } as Disclosure;
          const changed = { ...d, principles: { ...d.principles, [key]: answer } } as Disclosure;
          expect(rank(changed)).toBeGreaterThanOrEqual(rank(yes));
        },
      ),
      runs,
    );
  });

  it('never gets milder when a trigger is added', () => {
    const triggers: fc.Arbitrary<(d: Disclosure) => Disclosure> = fc.oneof(
      fc.constant((d: Disclosure) => ({ ...d, output: { ...d.output, final: 'yes' } }) as Disclosure),
      fc
        .record({
          use: fc.constantFrom(...TALENT_USES),
          consent: fc.constantFrom('yes', 'no', 'unsure', undefined),
        })
        .map(
          ({ use, consent }) =>
            (d: Disclosure) =>
              ({
                ...d,
                talent: [
                  ...d.talent,
                  { performer: 'Added', use, exemption: 'none', ...(consent ? { consent } : {}) },
                ],
              }) as Disclosure,
        ),
      fc
        .constantFrom('personal_data', 'talent_likeness', 'talent_voice')
        .map((kind) => (d: Disclosure) => ({ ...d, inputs: [...d.inputs, { kind }] }) as Disclosure),
      fc
        .constantFrom(...PROMPT_REFERENCES)
        .map(
          (ref) => (d: Disclosure) =>
            ({ ...d, prompts: { references: [...new Set([...d.prompts.references, ref])] } }) as Disclosure,
        ),
      fc.constantFrom(...DEPICTIONS).map(
        (what) => (d: Disclosure) =>
          ({
            ...d,
            realism: { ...d.realism, depicts: [...new Set([...d.realism.depicts, what])] },
          }) as Disclosure,
      ),
    );
    fc.assert(
      fc.property(arbitraryDisclosure, triggers, (d, addTrigger) => {
        expect(rank(addTrigger(d))).toBeGreaterThanOrEqual(rank(d));
      }),
      runs,
    );
  });

  it('never raises the verdict above escalate through unknown answers alone', () => {
    fc.assert(
      fc.property(arbitraryDisclosure, (d) => {
        for (const f of evaluate(d, pack).findings) {
          if (f.openQuestions && f.evidence.length === 0)
            expect(outcomeRank(f.outcome)).toBeLessThanOrEqual(outcomeRank('escalate'));
        }
      }),
      runs,
    );
  });
});
