import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Executor } from '../store/database.js';
import { insertAsJson } from '../store/insert-as-json.js';
import { jobs } from '../store/schema-jobs.js';

/** What a service asks to have done after its transaction commits. */
export type JobRequest = {
  /** The registered job name, e.g. `email.send`. */
  readonly name: string;
  /** Checked against the job's zod schema when it runs; must be plain JSON. */
  readonly payload: unknown;
  /** Not before this moment (default: now). */
  readonly runAt?: Date | undefined;
  /**
   * Dedupe: a job with the same name and key is queued at most once, ever (finished rows keep
   * their key). Put what makes it unique in the key, e.g. `condition:<id>:due:<date>`.
   */
  readonly key?: string | undefined;
  /** The payload version it was written for (default 1); see src/jobs/README.md. */
  readonly version?: number | undefined;
};

/**
 * Queues a job INSIDE the caller's transaction: it becomes visible to workers only when the
 * transaction commits, and a rollback un-queues it. Never call an outside system in a
 * transaction; queue a job for it instead.
 */
export async function enqueueJob(tx: Executor, job: JobRequest): Promise<void> {
  await enqueueJobs(tx, [job]);
}

/** Queues several jobs in one statement (same rules as `enqueueJob`; duplicates by key are skipped). */
export async function enqueueJobs(tx: Executor, requests: readonly JobRequest[]): Promise<void> {
  if (requests.length === 0) return;
  const now = new Date();
  const rows = requests.map((job) => {
    if (job.name.trim() === '') throw new Error('enqueueJob: job name must not be empty');
    return {
      id: randomUUID(),
      name: job.name,
      version: job.version ?? 1,
      // Stored as JSON text (insertAsJson): the handler reads dates as ISO strings, as stored.
      payload: job.payload ?? null,
      key: job.key ?? null,
      state: 'queued',
      runAt: job.runAt ?? now,
    };
  });
  // One JSON parameter however many jobs: the dispatcher queues an email per notice, by the hundred.
  await tx.execute(sql`${insertAsJson(jobs, rows)} on conflict do nothing`);
}
