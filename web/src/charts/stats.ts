import { OUTCOMES, type Outcome } from '../../../src/policy/verdict.js';
import type { DisclosureDto } from '../api/types.js';
import { phaseOf } from '../disclosure/describe.js';

/** Counts per key, in the order keys are first given (pass the full vocabulary first for a stable order). */
export function countBy<K extends string>(
  items: readonly DisclosureDto[],
  keyOf: (d: DisclosureDto) => K,
  order: readonly K[] = [],
): Map<K, number> {
  const counts = new Map<K, number>(order.map((k) => [k, 0]));
  for (const d of items) {
    const k = keyOf(d);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return counts;
}

export function byOutcome(items: readonly DisclosureDto[]): Map<Outcome, number> {
  return countBy(items, (d) => d.revision.outcome, OUTCOMES);
}

export function byPhase(items: readonly DisclosureDto[]): Map<string, number> {
  return countBy(items, (d) => phaseOf(d) ?? '');
}

/** Disclosures per calendar month (UTC) of their creation, every month in the range shown. */
export function byMonth(items: readonly DisclosureDto[]): Map<string, number> {
  const months = items.map((d) => d.createdAt.slice(0, 7)).sort();
  const first = months[0];
  const last = months.at(-1);
  const counts = new Map<string, number>();
  if (first === undefined || last === undefined) return counts;
  let [year, month] = first.split('-').map(Number) as [number, number];
  for (let key = first; key <= last; key = `${year}-${String(month).padStart(2, '0')}`) {
    counts.set(key, 0);
    month = month === 12 ? 1 : month + 1;
    if (month === 1) year++;
  }
  for (const month of months) counts.set(month, (counts.get(month) ?? 0) + 1);
  return counts;
}

/** Milliseconds from disclosure to written approval, for every approval issued. */
export function approvalTurnarounds(items: readonly DisclosureDto[]): number[] {
  return items.flatMap((d) =>
    d.approval ? [new Date(d.approval.issuedAt).getTime() - new Date(d.createdAt).getTime()] : [],
  );
}

export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Open conditions of approvals in force, and how many of them are past their due date. */
export function openConditions(
  items: readonly DisclosureDto[],
  today: string,
): { open: number; overdue: number } {
  let open = 0;
  let overdue = 0;
  for (const d of items) {
    if (d.approval?.status !== 'active') continue;
    for (const c of d.approval.conditions) {
      if (c.status !== 'open') continue;
      open++;
      if (c.dueDate !== null && c.dueDate < today) overdue++;
    }
  }
  return { open, overdue };
}
