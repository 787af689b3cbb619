import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { loggableMessage } from '../lib/loggable-error.js';
import type { Store } from '../store/database.js';
import { enqueueJob } from './enqueue.js';
import { claimDueJobs, type JobRow, markDone, markFailed, pruneDone, release } from './queue.js';
import {
  DEFAULT_MAX_ATTEMPTS,
  type JobDefinition,
  type JobRegistry,
  PermanentJobError,
  retryDelayMs,
} from './registry.js';
import type { JobServices } from './services.js';

export type JobWorkerOptions = {
  readonly store: Store;
  readonly logger: Logger;
  readonly handlers: JobRegistry;
  /** Poll interval; 0 or less starts no background loop (tests call `drain()`). */
  readonly pollMs: number;
  readonly services?: JobServices | undefined;
  /** Jobs run at once by this worker (default 4). */
  readonly concurrency?: number | undefined;
  /** A claimed job not finished within this is claimed again by any worker (default 5 min). */
  readonly leaseMs?: number | undefined;
  /** The clock (tests pin and advance it). */
  readonly now?: (() => Date) | undefined;
  /** Done rows are deleted after this long (default 30 days); dead rows are kept. */
  readonly retentionMs?: number | undefined;
  /**
   * Periodic jobs, queued by the polling loop once per period. The dedupe key is the period's
   * number, so with several servers polling, each period still queues the job once.
   */
  readonly schedules?: readonly JobSchedule[] | undefined;
};

export type JobSchedule = { readonly name: string; readonly everyMs: number; readonly payload?: unknown };

export type DrainResult = { readonly ran: number; readonly failed: number; readonly dead: number };

export type JobWorker = {
  /** Stops polling and waits for the jobs in flight to finish. */
  stop(): Promise<void>;
  /** Runs every job due now (including retries that come due meanwhile) until none is left. */
  drain(options?: { readonly maxRounds?: number }): Promise<DrainResult>;
};

const PRUNE_EVERY_MS = 10 * 60_000;
/** Finished periodic runs are kept this long (or two of the longest period) for their dedupe key. */
const SCHEDULED_RETENTION_MS = 2 * 24 * 60 * 60_000;

/** Starts a worker over the jobs table. Several workers (in several servers) may run at once. */
export function startJobWorker(options: JobWorkerOptions): JobWorker {
  const { store, logger, handlers } = options;
  const workerId = randomUUID();
  const now = options.now ?? (() => new Date());
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const leaseMs = options.leaseMs ?? 5 * 60_000;
  const names = [...handlers.keys()];
  const services = options.services ?? {};
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let lastPrune = 0;

  /** One claim-and-run round; returns what happened to each claimed job. */
  async function runRound(): Promise<{ claimed: number; outcomes: JobOutcome[] }> {
    const claimed = await claimDueJobs(store, { names, limit: concurrency, now: now(), leaseMs, workerId });
    const outcomes = await Promise.all(claimed.map((job) => runOne(job)));
    return { claimed: claimed.length, outcomes };
  }

  async function runOne(job: JobRow): Promise<JobOutcome> {
    const definition = handlers.get(job.name);
    if (definition === undefined) return 'released';
    if (job.version > definition.version) {
      await release(store, job, new Date(now().getTime() + Math.max(options.pollMs, 1_000)));
      return 'released';
    }
    const maxAttempts = definition.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    const log = logger.child({ job: job.name, jobId: job.id, attempt: job.attempts });
    try {
      const payload = parsePayload(definition, job);
      await definition.handler(payload, {
        store,
        logger: log,
        now,
        job: { id: job.id, name: job.name, attempt: job.attempts, maxAttempts },
        services,
      });
      await markDone(store, job, now());
      return 'done';
    } catch (error) {
      const message = loggableMessage(error);
      const permanent = error instanceof PermanentJobError;
      const retryAt =
        permanent || job.attempts >= maxAttempts
          ? undefined
          : new Date(now().getTime() + retryDelayMs(job.attempts, definition.backoff));
      await markFailed(store, job, message, retryAt, now());
      // The error message only: payloads may hold personal data and stay out of logs.
      if (retryAt === undefined) log.error({ error: message }, 'job dead-lettered');
      else log.warn({ error: message, retryAt: retryAt.toISOString() }, 'job failed; will retry');
      return retryAt === undefined ? 'dead' : 'failed';
    }
  }

  async function maybePrune(): Promise<void> {
    const at = now().getTime();
    if (at - lastPrune < PRUNE_EVERY_MS) return;
    lastPrune = at;
    const longestPeriod = Math.max(0, ...(options.schedules ?? []).map((s) => s.everyMs));
    await pruneDone(
      store,
      new Date(at - (options.retentionMs ?? 30 * 24 * 60 * 60_000)),
      new Date(at - Math.max(SCHEDULED_RETENTION_MS, 2 * longestPeriod)),
    );
  }

  async function queueSchedules(): Promise<void> {
    const schedules = options.schedules ?? [];
    if (schedules.length === 0) return;
    const at = now().getTime();
    await store.transaction(async (tx) => {
      for (const schedule of schedules) {
        const period = Math.floor(at / schedule.everyMs);
        await enqueueJob(tx, {
          name: schedule.name,
          payload: schedule.payload ?? {},
          key: `every:${period}`,
          runAt: new Date(at),
        });
      }
    });
  }

  async function poll(): Promise<void> {
    if (stopping) return;
    let again = false;
    try {
      await maybePrune();
      await queueSchedules();
      const round = await runRound();
      // A full batch means more may be waiting: go again at once instead of sleeping.
      again = round.claimed === concurrency;
    } catch (error) {
      logger.error({ error: loggableMessage(error) }, 'job poll failed');
    }
    if (!stopping) timer = setTimeout(tick, again ? 0 : options.pollMs);
  }

  function tick(): void {
    running = poll();
  }

  if (options.pollMs > 0) timer = setTimeout(tick, 0);

  return {
    stop: async () => {
      stopping = true;
      if (timer !== undefined) clearTimeout(timer);
      await running;
    },
    drain: async ({ maxRounds = 1_000 } = {}) => {
      await running;
      let ran = 0;
      let failed = 0;
      let dead = 0;
      for (let round = 0; round < maxRounds; round++) {
        const result = await runRound();
        if (result.claimed === 0) break;
        for (const outcome of result.outcomes) {
          if (outcome === 'done') ran++;
          else if (outcome === 'failed') failed++;
          else if (outcome === 'dead') dead++;
        }
        if (result.outcomes.every((o) => o === 'released')) break;
      }
      return { ran, failed, dead };
    },
  };
}

type JobOutcome = 'done' | 'failed' | 'dead' | 'released';

function parsePayload(definition: JobDefinition, job: JobRow): unknown {
  const parsed = definition.payloadSchema.safeParse(job.payload);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues
    .map((i) => `${i.path.join('.') || '(payload)'}: ${i.message}`)
    .join('; ');
  throw new PermanentJobError(`payload of ${job.name}@${job.version} refused: ${issues}`);
}
