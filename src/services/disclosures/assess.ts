import { AppError } from '../../domain/errors.js';
import type { VerdictSummary } from '../../domain/review/material-change.js';
import { loadDefaultPack } from '../../packs/load-packs.js';
import { nodeSha256Hex } from '../../platform/node-sha256.js';
import { type Disclosure, parseDisclosure } from '../../policy/disclosure.js';
import { evaluate } from '../../policy/evaluate.js';
import type { PolicyPack } from '../../policy/pack.js';
import type { RegistryFacts } from '../../policy/registry-facts.js';
import type { Verdict } from '../../policy/verdict.js';

let defaultPack: PolicyPack | undefined;

/** The pack verdicts are given under; loaded once per process (packs are versioned data). */
export function currentPack(): PolicyPack {
  defaultPack ??= loadDefaultPack();
  return defaultPack;
}

export type Assessment = { readonly disclosure: Disclosure; readonly verdict: Verdict };

/**
 * Validates a `clearframe/disclosure@1` object, reporting every problem at once. Callers do
 * it before their transaction, so bad input never takes a connection or a lock.
 */
export function validateDisclosure(raw: unknown): Disclosure {
  const parsed = parseDisclosure(raw);
  if (!parsed.ok) {
    throw new AppError(
      'INVALID_INPUT',
      `The disclosure is not a valid clearframe/disclosure@1 object (${parsed.issues.length} problem(s)); fix each key listed in details.issues.`,
      { issues: parsed.issues },
    );
  }
  return parsed.disclosure;
}

/**
 * Evaluates a valid disclosure, with the studio's registry facts when the caller has looked
 * them up (inside its transaction); without facts the verdict rests on the partner's answers.
 * Pure: it never holds a lock.
 */
export function assessDisclosure(
  disclosure: Disclosure,
  facts?: RegistryFacts,
  pack: PolicyPack = currentPack(),
): Assessment {
  return {
    disclosure,
    verdict: evaluate(disclosure, pack, { sha256: nodeSha256Hex, ...(facts ? { facts } : {}) }),
  };
}

/** Validates and evaluates without registry facts (the import dry run). */
export function assess(raw: unknown, pack: PolicyPack = currentPack()): Assessment {
  return assessDisclosure(validateDisclosure(raw), undefined, pack);
}

export function summarise(verdict: Pick<Verdict, 'outcome' | 'findings'>): VerdictSummary {
  return { outcome: verdict.outcome, rules: verdict.findings.map((f) => f.rule) };
}
