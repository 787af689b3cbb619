import { and, asc, eq, inArray, like, lte, or, sql } from 'drizzle-orm';
import type { Store } from '../store/database.js';
import { jobs } from '../store/schema-jobs.js';

export type JobRow = typeof jobs.$inferSelect;

/**
 * Claims up to `limit` due jobs among `names` for one worker, in one short transaction:
 * queued rows whose time has come, and running rows whose lease ran out (their worker died).
 * `FOR UPDATE SKIP LOCKED` makes concurrent workers on other servers take disjoint rows.
 */
export async function claimDueJobs(
  store: Store,
  options: { names: readonly string[]; limit: number; now: Date; leaseMs: number; workerId: string },
): Promise<JobRow[]> {
  if (options.names.length === 0 || options.limit <= 0) return [];
  const { now } = options;
  return store.transaction(async (tx) => {
    const due = tx
      .select({ id: jobs.id })
      .from(jobs)
      .where(
        and(
          inArray(jobs.name, [...options.names]),
          or(
            and(eq(jobs.state, 'queued'), lte(jobs.runAt, now)),
            and(eq(jobs.state, 'running'), lte(jobs.lockedUntil, now)),
          ),
        ),
      )
      .orderBy(asc(jobs.runAt))
      .limit(options.limit)
      .for('update', { skipLocked: true });
    return tx
      .update(jobs)
      .set({
        state: 'running',
        attempts: sql`${jobs.attempts} + 1`,
        lockedUntil: new Date(now.getTime() + options.leaseMs),
        lockedBy: options.workerId,
      })
      .where(inArray(jobs.id, due))
      .returning();
  });
}

/** The job succeeded. Only the worker holding the claim may finish it. */
export async function markDone(store: Store, job: JobRow, now: Date): Promise<void> {
  await store.transaction((tx) =>
    tx
      .update(jobs)
      .set({ state: 'done', finishedAt: now, lockedUntil: null, lastError: null })
      .where(
        and(eq(jobs.id, job.id), eq(jobs.lockedBy, job.lockedBy ?? ''), eq(jobs.attempts, job.attempts)),
      ),
  );
}

/** The attempt failed: queue it again at `retryAt`, or dead-letter it when `retryAt` is undefined. */
export async function markFailed(
  store: Store,
  job: JobRow,
  error: string,
  retryAt: Date | undefined,
  now: Date,
) {
  await store.transaction((tx) =>
    tx
      .update(jobs)
      .set(
        retryAt === undefined
          ? { state: 'dead', finishedAt: now, lockedUntil: null, lastError: error }
          : { state: 'queued', runAt: retryAt, lockedUntil: null, lastError: error },
      )
      .where(
        and(eq(jobs.id, job.id), eq(jobs.lockedBy, job.lockedBy ?? ''), eq(jobs.attempts, job.attempts)),
      ),
  );
}

/** A row this worker cannot run (newer payload version): hand it back untouched for a newer worker. */
export async function release(store: Store, job: JobRow, retryAt: Date): Promise<void> {
  await store.transaction((tx) =>
    tx
      .update(jobs)
      .set({ state: 'queued', runAt: retryAt, lockedUntil: null, attempts: sql`${jobs.attempts} - 1` })
      .where(and(eq(jobs.id, job.id), eq(jobs.lockedBy, job.lockedBy ?? ''))),
  );
}

/**
 * Finished rows older than `before` are deleted; dead rows stay (they are the dead-letter list).
 * Finished periodic runs (key `every:<period>`) go after `scheduledBefore`: their key only has
 * to outlive its period, and a 5-second schedule would otherwise pile up rows.
 */
export async function pruneDone(store: Store, before: Date, scheduledBefore: Date): Promise<void> {
  await store.transaction(async (tx) => {
    await tx.delete(jobs).where(and(eq(jobs.state, 'done'), lte(jobs.finishedAt, before)));
    await tx
      .delete(jobs)
      .where(and(eq(jobs.state, 'done'), like(jobs.key, 'every:%'), lte(jobs.finishedAt, scheduledBefore)));
  });
}
