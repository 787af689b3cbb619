import type { Executor } from './database.js';
import { listPendingOrgIds, SEAL_BATCH, sealPending } from './ledger.js';

type RunTransaction = <T>(fn: (tx: Executor) => Promise<T>) => Promise<T>;

export type LedgerSealer = {
  /** Seal an organisation's pending events soon; calls for an organisation already sealing coalesce. */
  schedule(orgId: string): Promise<void>;
  /** Seal every organisation with pending events (start-up recovery after a crash, the sweeper). */
  sealAll(): Promise<void>;
  /** Wait until no sealing is in progress. */
  drain(): Promise<void>;
};

/**
 * Why seal after commit instead of chaining inside each change's transaction: the chain
 * needs a per-organisation lock, and a lock taken inside a change is held through its commit
 * (an fsync, several milliseconds on ordinary disks), so every change of an organisation
 * would queue behind the previous one's disk flush. Sealing in batches pays one lock and one
 * flush for many events. One sealing runs per organisation per process at a time; across
 * processes the head row lock serialises them. (A batch of new disclosures already pays one
 * lock and one flush for many events, so it chains its own as it writes them: see
 * `chainedAuditWrites` in ledger.ts.)
 */
export function createLedgerSealer(run: RunTransaction): LedgerSealer {
  const running = new Map<string, Promise<void>>();
  const again = new Set<string>();

  const sealOrg = async (orgId: string) => {
    do {
      again.delete(orgId);
      while ((await run((tx) => sealPending(tx, orgId))) === SEAL_BATCH) {
        // A full batch: more may be waiting. A short one sealed everything committed before it
        // began; anything committed since has scheduled this organisation again (`again`).
      }
    } while (again.has(orgId));
  };

  const schedule = (orgId: string): Promise<void> => {
    const current = running.get(orgId);
    if (current !== undefined) {
      again.add(orgId);
      return current;
    }
    const job = sealOrg(orgId).finally(() => running.delete(orgId));
    running.set(orgId, job);
    return job;
  };

  return {
    schedule,
    sealAll: async () => {
      const orgIds = await run((tx) => listPendingOrgIds(tx));
      await Promise.all(orgIds.map(schedule));
    },
    drain: async () => {
      while (running.size > 0) await Promise.allSettled([...running.values()]);
    },
  };
}
