import { describe, expect, it } from 'vitest';
import { moodboard } from '../../test/helpers/disclosures.js';
import { loadDefaultPack } from '../packs/load-packs.js';
import { nodeSha256Hex } from '../platform/node-sha256.js';
import { type Disclosure, parseDisclosure } from './disclosure.js';
import { evaluate } from './evaluate.js';

const pack = loadDefaultPack();

/** A clean low-risk moodboard, parsed; each test changes what it is about. */
function disclosure(overrides: Record<string, unknown> = {}): Disclosure {
  const result = parseDisclosure(moodboard(overrides));
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.disclosure;
}

describe('evaluate', () => {
  it('lets a clean low-risk use through as notify, naming the pack that decided', () => {
    const verdict = evaluate(disclosure(), pack);
    expect(verdict).toMatchObject({ outcome: 'notify', findings: [], openQuestions: [], requires: [] });
    expect(verdict.pack).toBe(`netflix-genai-2025-08@${pack.version}`);
    expect(verdict.inputHash).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('says when an answer contradicts the facts, and why', () => {
    const verdict = evaluate(disclosure({ output: { final: 'yes', element: 'background' } }), pack);
    const p4 = verdict.findings.find((f) => f.rule === 'P4');
    expect(p4).toMatchObject({ outcome: 'escalate', contradiction: true, evidence: ['output.final is yes'] });
    expect(p4?.reason).toMatch(/^You answered yes to principles\.temporaryOnly, but output\.final is yes\./);
  });

  it('keeps an unsure fact at escalate and lists it as an open question', () => {
    const verdict = evaluate(disclosure({ output: { final: 'unsure' } }), pack);
    expect(verdict.outcome).toBe('escalate');
    expect(verdict.openQuestions).toEqual(['output.final']);
    const co3 = verdict.findings.find((f) => f.rule === 'CO-3');
    expect(co3).toMatchObject({
      outcome: 'escalate',
      openQuestions: ['output.final'],
      requires: ['contact_guidance'],
    });
    expect(co3?.reason).toContain('output.final is unanswered or unsure');
  });

  it('does not ask a question that cannot matter', () => {
    // output.element only matters for a final output.
    const verdict = evaluate(disclosure({ output: { final: 'no' } }), pack);
    expect(verdict.openQuestions).not.toContain('output.element');
  });

  it('gives one talent finding per performer, named, and prohibits when any one lacks consent', () => {
    const verdict = evaluate(
      disclosure({
        output: { final: 'yes', element: 'performance' },
        principles: {
          noInfringement: 'yes',
          noDataRetention: 'yes',
          enterpriseSecured: 'yes',
          temporaryOnly: 'no',
          noTalentReplacement: 'yes',
        },
        talent: [
          { performer: 'Lead A', use: 'digital_replica', consent: 'yes' },
          { performer: 'Lead B', use: 'digital_replica', consent: 'unsure' },
        ],
      }),
      pack,
    );
    const tp1 = verdict.findings.filter((f) => f.rule === 'TP-1');
    expect(tp1.map((f) => [f.subject, f.outcome])).toEqual([
      ['Lead A', 'approval'],
      ['Lead B', 'prohibited'],
    ]);
    expect(tp1[1]?.reason).toContain('Lead B');
    expect(verdict.outcome).toBe('prohibited');
    expect(verdict.requires).toEqual([
      'contact_guidance',
      'written_approval',
      'rights_clearance',
      'talent_consent',
      'changes',
    ]);
  });

  it('names whose consent is meant for a deceased performer', () => {
    const verdict = evaluate(
      disclosure({ talent: [{ performer: 'Late Star', use: 'voice_replica', deceased: 'yes' }] }),
      pack,
    );
    const tp1 = verdict.findings.find((f) => f.rule === 'TP-1');
    expect(tp1?.outcome).toBe('prohibited');
    expect(tp1?.resolve).toMatch(/estate/);
  });

  it('turns a missing consent into approval under a claimed exemption, with confirmation required', () => {
    const verdict = evaluate(
      disclosure({
        talent: [{ performer: 'Stunt double', use: 'digital_replica', exemption: 'unsafe_stunt' }],
      }),
      pack,
    );
    const tp1 = verdict.findings.find((f) => f.rule === 'TP-1');
    expect(tp1).toMatchObject({
      outcome: 'approval',
      requires: ['written_approval', 'exemption_confirmation'],
    });
    expect(tp1?.evidence).toContain('talent[0].exemption is unsafe_stunt');
    expect(verdict.findings.some((f) => f.rule === 'P5')).toBe(false);
  });

  it('asks about facts that could make an approval prohibited', () => {
    const verdict = evaluate(
      disclosure({ realism: { couldMislead: 'yes', asEvidence: 'unsure', fabricatedStatement: 'no' } }),
      pack,
    );
    const er2 = verdict.findings.find((f) => f.rule === 'ER-2');
    expect(er2).toMatchObject({ outcome: 'approval', openQuestions: ['realism.asEvidence'] });
    expect(verdict.openQuestions).toContain('realism.asEvidence');
  });

  it('adds human authorship for a final element that carries the story', () => {
    const verdict = evaluate(
      disclosure({ output: { final: 'yes', element: 'narrative_prop', narrativeInfluence: 'yes' } }),
      pack,
    );
    expect(verdict.findings.find((f) => f.rule === 'CO-3')?.requires).toContain('human_authorship');
    expect(verdict.requires.at(-1)).toBe('human_authorship');
  });

  it('treats unanswered tools as an open question, not as no tools', () => {
    const verdict = evaluate(disclosure({ tools: undefined }), pack);
    expect(verdict.outcome).toBe('escalate');
    expect(verdict.openQuestions).toEqual(expect.arrayContaining(['tools']));
  });

  it('hashes the same use the same way whether answers came as booleans or words', () => {
    const words = evaluate(disclosure({ output: { final: 'no' } }), pack);
    const booleans = evaluate(disclosure({ output: { final: false } }), pack);
    expect(booleans.inputHash).toBe(words.inputHash);
    expect(evaluate(disclosure({ description: 'Another text.' }), pack).inputHash).not.toBe(words.inputHash);
  });

  it('is deterministic and hashes identically with the native and the pure-JS SHA-256', () => {
    const d = disclosure({ output: { final: 'yes', element: 'key_visual' } });
    const first = evaluate(d, pack);
    expect(evaluate(d, pack)).toEqual(first);
    expect(evaluate(d, pack, { sha256: nodeSha256Hex })).toEqual(first);
  });

  it('does not change the disclosure it reads', () => {
    const d = disclosure({ talent: [{ performer: 'Lead', use: 'alteration' }] });
    const copy = structuredClone(d);
    evaluate(d, pack);
    expect(d).toEqual(copy);
  });
});
