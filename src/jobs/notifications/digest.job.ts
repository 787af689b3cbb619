import { and, eq, gte } from 'drizzle-orm';
import { z } from 'zod';
import type { DigestItem } from '../../services/notifications/templates.js';
import { disclosures, notices, productions } from '../../store/schema.js';
import { enqueueJob } from '../enqueue.js';
import { SEND_EMAIL_JOB } from '../mail/send-email.job.js';
import { defineJob } from '../registry.js';

export const DIGEST_JOB = 'digest.daily';

/**
 * The daily digest: for each person with notices in the last 24 hours, one email listing them
 * (users who turned the digest off are skipped by the send job). Keyed by user and day, so a
 * second run the same day sends nothing more.
 */
export const digestJob = defineJob({
  name: DIGEST_JOB,
  version: 1,
  payloadSchema: z.object({}).passthrough(),
  handler: async (_payload, deps) => {
    const now = deps.now();
    const since = new Date(now.getTime() - 24 * 60 * 60_000);
    const day = now.toISOString().slice(0, 10);
    await deps.store.transaction(async (tx) => {
      const rows = await tx
        .select({
          recipientId: notices.recipientId,
          kind: notices.kind,
          payload: notices.payload,
          title: productions.title,
        })
        .from(notices)
        .innerJoin(disclosures, eq(disclosures.id, notices.disclosureId))
        .innerJoin(productions, eq(productions.id, disclosures.productionId))
        .where(and(gte(notices.createdAt, since)));
      const byUser = new Map<string, DigestItem[]>();
      for (const row of rows) {
        const outcome = (row.payload as { outcome?: unknown }).outcome;
        const item: DigestItem = {
          title: row.title,
          kind: row.kind,
          ...(typeof outcome === 'string' ? { outcome } : {}),
        };
        byUser.set(row.recipientId, [...(byUser.get(row.recipientId) ?? []), item]);
      }
      for (const [userId, items] of byUser) {
        await enqueueJob(tx, {
          name: SEND_EMAIL_JOB,
          payload: { userId, kind: 'digest', data: { items } },
          key: `digest:${userId}:${day}`,
        });
      }
    });
  },
});
