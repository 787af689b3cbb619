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
 * Validates a `clearframe/disclosure@1` object and evaluates it, before any transaction:
 * evaluation is pure, so it never holds a lock. Every problem is reported at once.
 */
export function assess(raw: unknown, pack: PolicyPack = currentPack()): Assessment {
  const parsed = parseDisclosure(raw);
  if (!parsed.ok) {
    throw new AppError(
      'INVALID_INPUT',
      `The disclosure is not a valid clearframe/disclosure@1 object (${parsed.issues.length} problem(s)); fix each key listed in details.issues.`,
      { issues: parsed.issues },
    );
  }
  return {
    disclosure: parsed.disclosure,
    verdict: evaluate(parsed.disclosure, pack, { sha256: nodeSha256Hex }),
  };
}

/**
 * The verdict again with the studio's registry facts (looked up by the caller inside its
 * transaction). Without facts the first verdict stands unchanged.
 */
export function withFacts(
  assessment: Assessment,
  facts: RegistryFacts | undefined,
  pack: PolicyPack = currentPack(),
): Assessment {
  if (facts === undefined) return assessment;
  return {
    disclosure: assessment.disclosure,
    verdict: evaluate(assessment.disclosure, pack, { sha256: nodeSha256Hex, facts }),
  };
}

export function summarise(verdict: Pick<Verdict, 'outcome' | 'findings'>): VerdictSummary {
  return { outcome: verdict.outcome, rules: verdict.findings.map((f) => f.rule) };
}
