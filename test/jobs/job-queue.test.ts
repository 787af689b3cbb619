import { eq } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { enqueueJob } from '../../src/jobs/enqueue.js';
import { createJobRegistry, defineJob, PermanentJobError, retryDelayMs } from '../../src/jobs/registry.js';
import { startJobWorker } from '../../src/jobs/worker.js';
import { jobs } from '../../src/store/schema-jobs.js';
import { openTestStore, type TestStore } from '../helpers/test-store.js';

const logger = pino({ level: 'silent' });
let db: TestStore;

beforeAll(async () => {
  db = await openTestStore();
});
afterAll(async () => {
  await db?.dispose();
});

/** A clock the test moves by hand, a minute ahead of real time so that fresh jobs are due however slow the set-up. */
function manualClock() {
  let at = Date.now() + 60_000;
  return {
    now: () => new Date(at),
    advance: (ms: number) => {
      at += ms;
    },
  };
}

function unique(prefix: string): string {
  return `${prefix}.${Math.random().toString(36).slice(2, 10)}`;
}

async function rowsOf(name: string) {
  return db.store.read((tx) => tx.select().from(jobs).where(eq(jobs.name, name)));
}

describe('job queue', () => {
  it('runs a job queued in a committed transaction with its validated payload', async () => {
    const name = unique('test.echo');
    const seen: unknown[] = [];
    const handlers = createJobRegistry([
      defineJob({
        name,
        version: 1,
        payloadSchema: z.object({ n: z.number() }),
        handler: async (payload) => void seen.push(payload.n),
      }),
    ]);
    await db.store.transaction((tx) => enqueueJob(tx, { name, payload: { n: 7 } }));
    const worker = startJobWorker({ store: db.store, logger, handlers, pollMs: 0, now: manualClock().now });
    expect(await worker.drain()).toEqual({ ran: 1, failed: 0, dead: 0 });
    expect(seen).toEqual([7]);
    const [row] = await rowsOf(name);
    expect(row?.state).toBe('done');
    expect(row?.attempts).toBe(1);
    await worker.stop();
  });

  it('un-queues a job when the enqueuing transaction rolls back', async () => {
    const name = unique('test.rollback');
    await expect(
      db.store.transaction(async (tx) => {
        await enqueueJob(tx, { name, payload: {} });
        throw new Error('service failed after enqueue');
      }),
    ).rejects.toThrow('service failed after enqueue');
    expect(await rowsOf(name)).toHaveLength(0);
  });

  it('queues a job with the same name and key only once', async () => {
    const name = unique('test.dedupe');
    for (let i = 0; i < 3; i++) {
      await db.store.transaction((tx) => enqueueJob(tx, { name, payload: { i }, key: 'condition:1:due' }));
    }
    await db.store.transaction((tx) => enqueueJob(tx, { name, payload: { i: 9 }, key: 'condition:2:due' }));
    const rows = await rowsOf(name);
    expect(rows.map((r) => r.key).sort()).toEqual(['condition:1:due', 'condition:2:due']);
    expect(rows.find((r) => r.key === 'condition:1:due')?.payload).toEqual({ i: 0 });
  });

  it('does not run a job before its runAt', async () => {
    const name = unique('test.later');
    const clock = manualClock();
    let runs = 0;
    const handlers = createJobRegistry([
      defineJob({ name, version: 1, payloadSchema: z.object({}), handler: async () => void runs++ }),
    ]);
    await db.store.transaction((tx) =>
      enqueueJob(tx, { name, payload: {}, runAt: new Date(clock.now().getTime() + 60_000) }),
    );
    const worker = startJobWorker({ store: db.store, logger, handlers, pollMs: 0, now: clock.now });
    await worker.drain();
    expect(runs).toBe(0);
    clock.advance(60_000);
    await worker.drain();
    expect(runs).toBe(1);
  });

  it('retries a failing job with exponential backoff, keeps the last error, and dead-letters it after maxAttempts', async () => {
    const name = unique('test.flaky');
    const clock = manualClock();
    const attempts: number[] = [];
    const handlers = createJobRegistry([
      defineJob({
        name,
        version: 1,
        maxAttempts: 3,
        backoff: { baseMs: 1_000, maxMs: 10_000 },
        payloadSchema: z.object({}),
        handler: async (_payload, deps) => {
          attempts.push(deps.job.attempt);
          throw new Error(`receiver down (attempt ${deps.job.attempt})`);
        },
      }),
    ]);
    await db.store.transaction((tx) => enqueueJob(tx, { name, payload: {} }));
    const worker = startJobWorker({ store: db.store, logger, handlers, pollMs: 0, now: clock.now });

    const start = clock.now().getTime();
    expect(await worker.drain()).toEqual({ ran: 0, failed: 1, dead: 0 });
    let [row] = await rowsOf(name);
    expect(row?.state).toBe('queued');
    expect(row?.runAt.getTime()).toBe(start + 1_000);
    expect(row?.lastError).toBe('receiver down (attempt 1)');

    clock.advance(999);
    expect(await worker.drain()).toEqual({ ran: 0, failed: 0, dead: 0 });
    clock.advance(1);
    expect(await worker.drain()).toEqual({ ran: 0, failed: 1, dead: 0 });
    [row] = await rowsOf(name);
    expect(row?.runAt.getTime()).toBe(start + 1_000 + 2_000);

    clock.advance(2_000);
    expect(await worker.drain()).toEqual({ ran: 0, failed: 0, dead: 1 });
    [row] = await rowsOf(name);
    expect(row?.state).toBe('dead');
    expect(row?.attempts).toBe(3);
    expect(row?.lastError).toBe('receiver down (attempt 3)');
    expect(attempts).toEqual([1, 2, 3]);
  });

  it('dead-letters at once a payload its schema refuses, naming the field', async () => {
    const name = unique('test.badpayload');
    let runs = 0;
    const handlers = createJobRegistry([
      defineJob({
        name,
        version: 1,
        payloadSchema: z.object({ email: z.string() }),
        handler: async () => void runs++,
      }),
    ]);
    await db.store.transaction((tx) => enqueueJob(tx, { name, payload: { email: 42 } }));
    const worker = startJobWorker({ store: db.store, logger, handlers, pollMs: 0, now: manualClock().now });
    expect(await worker.drain()).toEqual({ ran: 0, failed: 0, dead: 1 });
    const [row] = await rowsOf(name);
    expect(row?.state).toBe('dead');
    expect(row?.lastError).toContain('email');
    expect(runs).toBe(0);
  });

  it('dead-letters at once when the handler says retrying cannot help', async () => {
    const name = unique('test.permanent');
    const handlers = createJobRegistry([
      defineJob({
        name,
        version: 1,
        payloadSchema: z.object({}),
        handler: async () => {
          throw new PermanentJobError('disclosure no longer exists');
        },
      }),
    ]);
    await db.store.transaction((tx) => enqueueJob(tx, { name, payload: {} }));
    const worker = startJobWorker({ store: db.store, logger, handlers, pollMs: 0, now: manualClock().now });
    expect(await worker.drain()).toEqual({ ran: 0, failed: 0, dead: 1 });
    expect((await rowsOf(name))[0]?.attempts).toBe(1);
  });

  it('leaves a job of a newer payload version for a worker that knows it', async () => {
    const name = unique('test.versioned');
    let runs = 0;
    const handlers = createJobRegistry([
      defineJob({ name, version: 1, payloadSchema: z.object({}), handler: async () => void runs++ }),
    ]);
    await db.store.transaction((tx) => enqueueJob(tx, { name, payload: {}, version: 2 }));
    const worker = startJobWorker({ store: db.store, logger, handlers, pollMs: 0, now: manualClock().now });
    await worker.drain();
    expect(runs).toBe(0);
    const [row] = await rowsOf(name);
    expect(row?.state).toBe('queued');
    expect(row?.attempts).toBe(0);
  });

  it('runs each job exactly once when several workers drain at the same time', async () => {
    const name = unique('test.concurrent');
    const runs = new Map<number, number>();
    const handlers = createJobRegistry([
      defineJob({
        name,
        version: 1,
        payloadSchema: z.object({ i: z.number() }),
        handler: async ({ i }) => {
          runs.set(i, (runs.get(i) ?? 0) + 1);
          await new Promise((r) => setTimeout(r, 2));
        },
      }),
    ]);
    await db.store.transaction(async (tx) => {
      for (let i = 0; i < 40; i++) await enqueueJob(tx, { name, payload: { i } });
    });
    const clock = manualClock();
    const workers = [1, 2, 3].map(() =>
      startJobWorker({ store: db.store, logger, handlers, pollMs: 0, now: clock.now, concurrency: 3 }),
    );
    const results = await Promise.all(workers.map((w) => w.drain()));
    expect(results.reduce((sum, r) => sum + r.ran, 0)).toBe(40);
    expect(runs.size).toBe(40);
    expect([...runs.values()].every((n) => n === 1)).toBe(true);
  });

  it('claims again a job whose worker died holding it, once the lease has run out', async () => {
    const name = unique('test.lease');
    const clock = manualClock();
    let runs = 0;
    const handlers = createJobRegistry([
      defineJob({ name, version: 1, payloadSchema: z.object({}), handler: async () => void runs++ }),
    ]);
    await db.store.transaction((tx) => enqueueJob(tx, { name, payload: {} }));
    // A worker claims the job and dies: the row stays `running` with a lease.
    await db.store.transaction((tx) =>
      tx
        .update(jobs)
        .set({
          state: 'running',
          attempts: 1,
          lockedBy: 'dead-worker',
          lockedUntil: new Date(clock.now().getTime() + 30_000),
        })
        .where(eq(jobs.name, name)),
    );
    const worker = startJobWorker({
      store: db.store,
      logger,
      handlers,
      pollMs: 0,
      now: clock.now,
      leaseMs: 30_000,
    });
    await worker.drain();
    expect(runs).toBe(0);
    clock.advance(30_000);
    await worker.drain();
    expect(runs).toBe(1);
    expect((await rowsOf(name))[0]?.attempts).toBe(2);
  });

  it('polls in the background and stop() waits for the job in flight', async () => {
    const name = unique('test.polling');
    let finished = false;
    let started!: () => void;
    const startedPromise = new Promise<void>((r) => {
      started = r;
    });
    const handlers = createJobRegistry([
      defineJob({
        name,
        version: 1,
        payloadSchema: z.object({}),
        handler: async () => {
          started();
          await new Promise((r) => setTimeout(r, 50));
          finished = true;
        },
      }),
    ]);
    await db.store.transaction((tx) => enqueueJob(tx, { name, payload: {} }));
    const worker = startJobWorker({ store: db.store, logger, handlers, pollMs: 20, now: manualClock().now });
    await startedPromise;
    await worker.stop();
    expect(finished).toBe(true);
    expect((await rowsOf(name))[0]?.state).toBe('done');
  });

  it('refuses two job definitions with one name', () => {
    const def = defineJob({
      name: 'dup',
      version: 1,
      payloadSchema: z.object({}),
      handler: async () => undefined,
    });
    expect(() => createJobRegistry([def, def])).toThrow('job dup is defined twice');
  });

  it('doubles the retry delay per attempt up to the cap', () => {
    const backoff = { baseMs: 1_000, maxMs: 5_000 };
    expect([1, 2, 3, 4, 10].map((a) => retryDelayMs(a, backoff))).toEqual([
      1_000, 2_000, 4_000, 5_000, 5_000,
    ]);
  });
});
