import type { RegistryFacts } from './registry-facts.js';

/** Outcomes from mildest to strictest (guidance.md "Outcomes"). */
export const OUTCOMES = ['notify', 'escalate', 'approval', 'prohibited'] as const;
export type Outcome = (typeof OUTCOMES)[number];

const RANK: Readonly<Record<Outcome, number>> = { notify: 0, escalate: 1, approval: 2, prohibited: 3 };

export function outcomeRank(outcome: Outcome): number {
  return RANK[outcome];
}

export function stricter(a: Outcome, b: Outcome): Outcome {
  return RANK[a] >= RANK[b] ? a : b;
}

/** One reason behind a verdict, traceable to a rule of the pack and a section of the guidance. */
export type Finding = {
  readonly rule: string;
  readonly title: string;
  readonly category: string;
  readonly outcome: Outcome;
  readonly reason: string;
  readonly cite: string;
  readonly resolve: string;
  /** The list item the finding is about (a performer), for rules evaluated per item. */
  readonly subject?: string;
  /** The facts of the disclosure that made the rule fire, as `path is value`. */
  readonly evidence: readonly string[];
  /** Keys whose answer is missing or `unsure` and would settle this finding. */
  readonly openQuestions?: readonly string[];
  /** The partner's own answer says the opposite of the facts in the same disclosure. */
  readonly contradiction?: true;
  readonly requires: readonly string[];
};

/** The verdict object of disclosure-format.md, as `clearframe check --json` prints it. */
export type Verdict = {
  readonly outcome: Outcome;
  /** `id@version` of the pack that decided. */
  readonly pack: string;
  /** `sha256:` of the RFC 8785 canonical form of the normalised disclosure. */
  readonly inputHash: string;
  readonly findings: readonly Finding[];
  readonly openQuestions: readonly string[];
  readonly requires: readonly string[];
  /** The registry facts the verdict used, kept so that it can be reproduced. */
  readonly facts?: RegistryFacts;
};
