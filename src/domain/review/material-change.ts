import { canonicalHash } from '../../lib/sha256.js';

/**
 * What a verdict depends on, reduced to one comparable value.
 *
 * "Material" is defined from the verdict's inputs: every key of the normalised
 * `clearframe/disclosure@1` object is read by some rule except the free-text `description`,
 * which no rule reads (a typo there cannot change a verdict). So the fingerprint is the
 * canonical hash of the normalised disclosure with `description` removed. A change is
 * material when that fingerprint moves, or when the verdict itself moves (outcome or the
 * set of rules that fired), which also catches a pack upgrade between revisions.
 */
export const NON_MATERIAL_KEYS = ['description'] as const;

export type VerdictSummary = { readonly outcome: string; readonly rules: readonly string[] };

export type EvaluatedRevision = {
  readonly disclosure: Readonly<Record<string, unknown>>;
  readonly verdict: VerdictSummary;
};

/** Canonical hash of the verdict-relevant part of a normalised disclosure. */
export function materialFingerprint(disclosure: Readonly<Record<string, unknown>>): string {
  const relevant: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(disclosure)) {
    if (!(NON_MATERIAL_KEYS as readonly string[]).includes(key)) relevant[key] = value;
  }
  return canonicalHash(relevant);
}

export type MaterialChange = {
  readonly material: boolean;
  /** Why it is material, for the audit event and the partner: which of the three tests moved. */
  readonly reasons: readonly ('inputs_changed' | 'outcome_changed' | 'rules_changed')[];
};

/** Compares a new revision with the one an approval covers. */
export function detectMaterialChange(before: EvaluatedRevision, after: EvaluatedRevision): MaterialChange {
  const reasons: ('inputs_changed' | 'outcome_changed' | 'rules_changed')[] = [];
  if (materialFingerprint(before.disclosure) !== materialFingerprint(after.disclosure)) {
    reasons.push('inputs_changed');
  }
  if (before.verdict.outcome !== after.verdict.outcome) reasons.push('outcome_changed');
  const rulesBefore = [...new Set(before.verdict.rules)].sort().join(',');
  const rulesAfter = [...new Set(after.verdict.rules)].sort().join(',');
  if (rulesBefore !== rulesAfter) reasons.push('rules_changed');
  return { material: reasons.length > 0, reasons };
}
