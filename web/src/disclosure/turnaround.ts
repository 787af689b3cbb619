import { type Outcome, outcomeRank } from '../../../src/policy/verdict.js';
import type { DisclosureDto, DisclosureState } from '../api/types.js';

const DAY = 86_400_000;

/**
 * Target turnaround for the studio, by verdict: an escalation is a conversation with the
 * contact, an approval a legal review. Service levels, not policy: they live here, not in the pack.
 */
export const TARGET_MS: Readonly<Record<'escalate' | 'approval', number>> = {
  escalate: 2 * DAY,
  approval: 5 * DAY,
};

/** States in which a disclosure waits on the studio or on the partner's answer to it. */
export const QUEUE_STATES: readonly DisclosureState[] = ['submitted', 'in_review', 'info_requested'];

/** The clock starts when the current revision was submitted: a revision restarts the review. */
export function ageMs(d: DisclosureDto, now: number): number {
  return now - new Date(d.revision.createdAt).getTime();
}

export function targetMs(outcome: Outcome): number | undefined {
  return outcome === 'escalate' || outcome === 'approval' ? TARGET_MS[outcome] : undefined;
}

export type QueueSort = 'age' | 'outcome';

/** Oldest first; or strictest verdict first, oldest first within a verdict. */
export function sortQueue(items: readonly DisclosureDto[], sort: QueueSort, now: number): DisclosureDto[] {
  return [...items].sort((a, b) => {
    if (sort === 'outcome') {
      const byOutcome = outcomeRank(b.revision.outcome) - outcomeRank(a.revision.outcome);
      if (byOutcome !== 0) return byOutcome;
    }
    return ageMs(b, now) - ageMs(a, now);
  });
}
