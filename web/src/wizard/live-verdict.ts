import { type DisclosureIssue, parseDisclosure } from '../../../src/policy/disclosure.js';
import { evaluate } from '../../../src/policy/evaluate.js';
import type { PolicyPack } from '../../../src/policy/pack.js';
import type { Verdict } from '../../../src/policy/verdict.js';
import { toDisclosure, type WizardAnswers } from './answers.js';

export type LiveVerdict =
  | { readonly ok: true; readonly verdict: Verdict; readonly disclosure: Record<string, unknown> }
  | { readonly ok: false; readonly issues: readonly DisclosureIssue[] };

/** The verdict the server will give for these answers, computed by the same engine, in the page. */
export function liveVerdict(answers: WizardAnswers, pack: PolicyPack): LiveVerdict {
  const disclosure = toDisclosure(answers);
  const parsed = parseDisclosure(disclosure);
  if (!parsed.ok) return { ok: false, issues: parsed.issues };
  return { ok: true, verdict: evaluate(parsed.disclosure, pack), disclosure };
}
