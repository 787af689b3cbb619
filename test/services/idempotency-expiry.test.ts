import { and, eq } from 'drizzle-orm';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { SCHEDULES } from '../../src/jobs/all-jobs.js';
import { enqueueJob } from '../../src/jobs/enqueue.js';
import {
  PURGE_IDEMPOTENCY_JOB,
  purgeIdempotencyJob,
} from '../../src/jobs/maintenance/purge-idempotency.job.js';
import { createJobRegistry } from '../../src/jobs/registry.js';
import { startJobWorker } from '../../src/jobs/worker.js';
import type { ServiceCtx } from '../../src/services/context.js';
import { IDEMPOTENCY_KEY_LIFETIME_MS } from '../../src/services/idempotency.js';
import { createProduction } from '../../src/services/productions/create-production.js';
import { idempotencyKeys, productions } from '../../src/store/schema.js';
import { testWorld } from '../helpers/test-world.js';

/**
 * Idempotency-Keys live IDEMPOTENCY_KEY_LIFETIME_MS: within it the same key and body replay
 * and another body is refused; past it the key is new again; the purge job deletes expired
 * rows and keeps live ones. The clock is moved through the service context (`ctx.now`).
 */
const given = testWorld();

const HOUR = 60 * 60_000;
/** A minute ahead of real time, so that jobs queued with the database's clock are due. */
const start = Date.now() + 60_000;
const at = (hours: number) => () => new Date(start + hours * HOUR);
const adminAt = (hours: number): ServiceCtx => ({ ...given.world.ctx('studioAdmin'), now: at(hours) });

const create = (hours: number, key: string, title: string) =>
  createProduction({
    ctx: adminAt(hours),
    input: { title, format: 'scripted', partnerOrgId: given.world.partnerId, idempotencyKey: key },
  });

const countTitled = async (title: string) =>
  (await given.db.store.read((d) => d.select().from(productions).where(eq(productions.title, title)))).length;

const keyRow = async (key: string) =>
  (
    await given.db.store.read((d) =>
      d
        .select()
        .from(idempotencyKeys)
        .where(
          and(
            eq(idempotencyKeys.principalId, given.world.users.studioAdmin.userId),
            eq(idempotencyKeys.key, key),
          ),
        ),
    )
  )[0];

describe('Idempotency-Key lifetime', () => {
  it('is 24 hours', () => {
    expect(IDEMPOTENCY_KEY_LIFETIME_MS).toBe(24 * HOUR);
  });

  it('replays within the lifetime, refuses another body within it, and treats an expired key as new', async () => {
    const key = `expiry-${Math.random()}`;
    const first = await create(0, key, 'Night Ferry');
    expect(first.replayed).toBe(false);

    const replay = await create(23.9, key, 'Night Ferry');
    expect(replay).toEqual({ result: first.result, replayed: true });
    await expect(create(23.9, key, 'Day Ferry')).rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(await countTitled('Night Ferry')).toBe(1);

    // Past the lifetime the same key is a new request: with the first body it creates again.
    const afresh = await create(24.1, key, 'Night Ferry');
    expect(afresh.replayed).toBe(false);
    expect(afresh.result.id).not.toBe(first.result.id);
    expect(await countTitled('Night Ferry')).toBe(2);
    // ...and its lifetime starts over from that use.
    expect(await create(47, key, 'Night Ferry')).toEqual({ result: afresh.result, replayed: true });
    await expect(create(47, key, 'Day Ferry')).rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });

    // An expired key with another body is new too, not a reuse.
    const other = await create(48.2, key, 'Day Ferry');
    expect(other.replayed).toBe(false);
    expect(await countTitled('Day Ferry')).toBe(1);
  });

  it('is purged by the periodic job once expired, and kept while live', async () => {
    expect(SCHEDULES.map((s) => s.name)).toContain(PURGE_IDEMPOTENCY_JOB);
    const old = `old-${Math.random()}`;
    const young = `young-${Math.random()}`;
    await create(100, old, 'Old Key Title');
    await create(120, young, 'Young Key Title');
    expect(await keyRow(old)).toBeDefined();

    await given.db.store.transaction((tx) => enqueueJob(tx, { name: PURGE_IDEMPOTENCY_JOB, payload: {} }));
    const worker = startJobWorker({
      store: given.db.store,
      logger: pino({ level: 'silent' }),
      handlers: createJobRegistry([purgeIdempotencyJob]),
      pollMs: 0,
      now: at(125),
    });
    expect(await worker.drain()).toEqual({ ran: 1, failed: 0, dead: 0 });
    await worker.stop();

    expect(await keyRow(old)).toBeUndefined();
    expect(await keyRow(young)).toMatchObject({ requestHash: expect.any(String) });
    // The purged key is free: the same key creates a new production.
    expect((await create(125, old, 'Old Key Title')).replayed).toBe(false);
    expect(await countTitled('Old Key Title')).toBe(2);
  });
});
