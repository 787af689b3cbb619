import { z } from 'zod';
import { expireRegistryAndApprovals } from '../../services/registry/expire.js';
import { defineJob } from '../registry.js';

export const EXPIRE_REGISTRY_JOB = 'registry.expire';

/** Daily: the worker queues it once a day (see `EXPIRE_REGISTRY_SCHEDULE`). */
export const EXPIRE_REGISTRY_SCHEDULE = { name: EXPIRE_REGISTRY_JOB, everyMs: 24 * 60 * 60_000 } as const;

/** Marks consents and approvals past their end, in the ledger; idempotent, so a retry is harmless. */
export const expireRegistryJob = defineJob({
  name: EXPIRE_REGISTRY_JOB,
  version: 1,
  payloadSchema: z.object({}).passthrough(),
  handler: async (_payload, deps) => {
    const result = await expireRegistryAndApprovals({ store: deps.store, now: deps.now() });
    deps.logger.info(result, 'registry expiry ran');
  },
});
