import { z } from 'zod';
import { IDEMPOTENCY_KEY_LIFETIME_MS, purgeExpiredIdempotencyKeys } from '../../services/idempotency.js';
import { defineJob } from '../registry.js';

export const PURGE_IDEMPOTENCY_JOB = 'idempotency.purge';

/**
 * Hourly: expired keys are already treated as new when a request comes (the claim checks the
 * age), so the purge only keeps the table small; hourly keeps at most a day and an hour of
 * keys whatever the traffic.
 */
export const PURGE_IDEMPOTENCY_SCHEDULE = { name: PURGE_IDEMPOTENCY_JOB, everyMs: 60 * 60_000 } as const;

/** Deletes Idempotency-Keys older than their lifetime; a retry or a second server's run is harmless. */
export const purgeIdempotencyJob = defineJob({
  name: PURGE_IDEMPOTENCY_JOB,
  version: 1,
  payloadSchema: z.object({}).passthrough(),
  handler: async (_payload, deps) => {
    const purged = await purgeExpiredIdempotencyKeys(deps.store, deps.now());
    deps.logger.info(
      { purged, lifetimeHours: IDEMPOTENCY_KEY_LIFETIME_MS / 3_600_000 },
      'idempotency keys purged',
    );
  },
});
