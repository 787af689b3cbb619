import { OUTCOMES, type Verdict } from '../../../src/policy/verdict.js';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A stored verdict comes over the wire as JSON; check its shape before rendering it so a
 * malformed one shows as missing rather than breaking the page.
 */
export function asVerdict(value: unknown): Verdict | null {
  if (!isRecord(value)) return null;
  const { outcome, findings, openQuestions, requires, pack, inputHash } = value;
  if (typeof outcome !== 'string' || !(OUTCOMES as readonly string[]).includes(outcome)) return null;
  if (!Array.isArray(findings) || !findings.every(isRecord)) return null;
  if (typeof pack !== 'string' || typeof inputHash !== 'string') return null;
  return {
    ...(value as unknown as Verdict),
    openQuestions: Array.isArray(openQuestions) ? (openQuestions as string[]) : [],
    requires: Array.isArray(requires) ? (requires as string[]) : [],
  };
}
