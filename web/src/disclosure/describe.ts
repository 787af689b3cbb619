import type { Outcome } from '../../../src/policy/verdict.js';
import type { DisclosureDto } from '../api/types.js';

/** The partner's own words for the use, read from the current revision. */
export function descriptionOf(d: DisclosureDto): string {
  const text = (d.revision.disclosure as { description?: unknown }).description;
  return typeof text === 'string' ? text : d.id;
}

export function phaseOf(d: DisclosureDto): string | undefined {
  const phase = (d.revision.disclosure as { phase?: unknown }).phase;
  return typeof phase === 'string' ? phase : undefined;
}

export function outcomeOf(d: DisclosureDto): Outcome {
  return d.revision.outcome;
}
