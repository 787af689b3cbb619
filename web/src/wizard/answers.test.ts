import { describe, expect, it } from 'vitest';
import { defaultPack } from '../policy/default-pack.js';
import { emptyAnswers, toDisclosure } from './answers.js';
import { deAgeingAnswers, moodboardAnswers } from './fixtures.js';
import { fromDisclosure } from './from-disclosure.js';
import { liveVerdict } from './live-verdict.js';
import { stepForPath } from './steps.js';

function outcomeOf(answers: ReturnType<typeof emptyAnswers>) {
  const live = liveVerdict(answers, defaultPack);
  if (!live.ok) throw new Error(`invalid: ${JSON.stringify(live.issues)}`);
  return live.verdict;
}

describe('wizard answers to disclosure', () => {
  it('gives notify for a moodboard from a secured tool with no uploads', () => {
    const verdict = outcomeOf(moodboardAnswers());
    expect(verdict.outcome).toBe('notify');
    expect(verdict.openQuestions).toEqual([]);
  });

  it('reports what is missing instead of a verdict while title and description are empty', () => {
    const live = liveVerdict(emptyAnswers(), defaultPack);
    expect(live.ok).toBe(false);
    if (!live.ok) expect(live.issues.map((i) => i.path).sort()).toEqual(['description', 'production.title']);
  });

  it('leaves unanswered questions out, so they become open questions and escalate', () => {
    const answers = { ...moodboardAnswers(), tools: [], principles: {} };
    const verdict = outcomeOf(answers);
    expect(toDisclosure(answers)).not.toHaveProperty('tools');
    expect(verdict.outcome).toBe('escalate');
    expect(verdict.openQuestions).toEqual(expect.arrayContaining(['tools', 'principles.noInfringement']));
  });

  it('drops talent answers when the partner says no performers are involved', () => {
    const answers = { ...deAgeingAnswers('no'), performersInvolved: 'no' as const };
    expect(toDisclosure(answers)['talent']).toEqual([]);
    expect(outcomeOf(answers).findings.some((f) => f.rule.startsWith('TP-'))).toBe(false);
  });

  it('prohibits de-ageing without consent and sends it for approval with consent', () => {
    const without = outcomeOf(deAgeingAnswers('no'));
    expect(without.outcome).toBe('prohibited');
    expect(without.findings.find((f) => f.rule === 'TP-2')?.outcome).toBe('prohibited');
    expect(outcomeOf(deAgeingAnswers('yes')).outcome).toBe('approval');
  });

  it('asks for upload clearance only for studio materials and personal data, and sends it', () => {
    const answers = {
      ...moodboardAnswers(),
      inputs: ['script' as const, 'own_artwork' as const],
      clearance: { script: 'yes' as const },
    };
    expect(toDisclosure(answers)['inputs']).toEqual([
      { kind: 'script', approved: 'yes' },
      { kind: 'own_artwork' },
    ]);
  });

  it('does not send the on-screen element when nothing is final', () => {
    const answers = {
      ...moodboardAnswers(),
      element: 'key_character' as const,
      narrativeInfluence: 'yes' as const,
    };
    expect(toDisclosure(answers)['output']).toEqual({ element: 'none', final: 'no' });
  });

  it('reads a stored revision back into the same answers', () => {
    for (const answers of [moodboardAnswers(), deAgeingAnswers('yes')]) {
      const again = fromDisclosure(toDisclosure(answers), answers.productionId);
      expect(toDisclosure(again)).toEqual(toDisclosure(answers));
    }
  });

  it('points each open question at the step that asks it', () => {
    expect(stepForPath('tools[1].retainsData')).toBe('tools');
    expect(stepForPath('training.data')).toBe('inputs');
    expect(stepForPath('prompts.references')).toBe('output');
    expect(stepForPath('principles.temporaryOnly')).toBe('principles');
    expect(stepForPath('description')).toBe('basics');
  });
});
