import { describe, expect, it } from 'vitest';
import type { DisclosureDto } from '../api/types.js';
import { byMonth, byOutcome, median, openConditions } from './stats.js';

function disclosure(
  createdAt: string,
  outcome: DisclosureDto['revision']['outcome'],
  approval: DisclosureDto['approval'] = null,
): DisclosureDto {
  return {
    id: createdAt,
    productionId: 'p',
    organisationId: 'o',
    state: 'in_review',
    version: 1,
    createdBy: 'u',
    createdAt,
    updatedAt: createdAt,
    revision: {
      number: 1,
      outcome,
      pack: 'p@1',
      inputHash: 'sha256:x',
      disclosure: {},
      verdict: {},
      createdBy: 'u',
      createdAt,
    },
    approval,
    allowedMoves: [],
  };
}

describe('dashboard figures', () => {
  it('counts every outcome, zero included, mildest first', () => {
    expect([...byOutcome([disclosure('2026-01-01T00:00:00Z', 'approval')])]).toEqual([
      ['notify', 0],
      ['escalate', 0],
      ['approval', 1],
      ['prohibited', 0],
    ]);
  });

  it('shows every month in the range, across a year end, empty months as zero', () => {
    const items = [
      disclosure('2025-11-03T00:00:00Z', 'notify'),
      disclosure('2026-02-10T00:00:00Z', 'notify'),
      disclosure('2026-02-11T00:00:00Z', 'notify'),
    ];
    expect([...byMonth(items)]).toEqual([
      ['2025-11', 1],
      ['2025-12', 0],
      ['2026-01', 0],
      ['2026-02', 2],
    ]);
  });

  it('takes the median of odd and even counts', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeUndefined();
  });

  it('counts open conditions of approvals in force and those past due', () => {
    const condition = (id: string, status: 'open' | 'done', dueDate: string | null) => ({
      id,
      text: id,
      ownerId: null,
      dueDate,
      status,
      completedBy: null,
      completedAt: null,
    });
    const approval = (status: 'active' | 'voided') => ({
      id: 'a',
      revision: 1,
      approverId: 'l',
      issuedAt: '2026-01-02T00:00:00Z',
      expiresAt: null,
      status,
      voidReason: null,
      conditions: [
        condition('late', 'open', '2026-01-01'),
        condition('later', 'open', '2026-12-01'),
        condition('done', 'done', null),
      ],
    });
    const items = [
      disclosure('2026-01-01T00:00:00Z', 'approval', approval('active')),
      disclosure('2026-01-01T00:00:00Z', 'approval', approval('voided')),
    ];
    expect(openConditions(items, '2026-06-01')).toEqual({ open: 2, overdue: 1 });
  });
});
