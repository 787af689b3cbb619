import { and, asc, eq, gt, isNotNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { auditEvents, ledgerHeads, notificationCursors } from '../../store/schema.js';
import { defineJob } from '../registry.js';
import { fanOut } from './fan-out.js';

export const DISPATCH_NOTIFICATIONS_JOB = 'notifications.dispatch';
const BATCH = 200;

/**
 * Reads each organisation's sealed ledger past its cursor and fans the events out (emails,
 * webhook deliveries). The ledger is the outbox: every change that matters is already in it,
 * in commit order, so no service needs to know who listens. Cursor, emails and deliveries
 * are written in one transaction, with the cursor row locked, so with several servers each
 * event fans out once.
 */
export const dispatchNotificationsJob = defineJob({
  name: DISPATCH_NOTIFICATIONS_JOB,
  version: 1,
  payloadSchema: z.object({}).passthrough(),
  handler: async (_payload, deps) => {
    const { store } = deps;
    await store.sealLedger();
    const behind = await store.read((db) =>
      db
        .select({ orgId: ledgerHeads.orgId })
        .from(ledgerHeads)
        .leftJoin(notificationCursors, eq(notificationCursors.orgId, ledgerHeads.orgId))
        .where(sql`${ledgerHeads.seq} > coalesce(${notificationCursors.seq}, 0)`),
    );
    for (const { orgId } of behind) {
      let more = true;
      while (more) {
        more = await store.transaction(async (tx) => {
          await tx.insert(notificationCursors).values({ orgId, seq: 0 }).onConflictDoNothing();
          const [cursor] = await tx
            .select()
            .from(notificationCursors)
            .where(eq(notificationCursors.orgId, orgId))
            .for('update');
          const from = cursor?.seq ?? 0;
          const rows = await tx
            .select()
            .from(auditEvents)
            .where(and(eq(auditEvents.orgId, orgId), isNotNull(auditEvents.seq), gt(auditEvents.seq, from)))
            .orderBy(asc(auditEvents.seq))
            .limit(BATCH);
          await fanOut(
            tx,
            rows.map((row) => ({
              id: row.id,
              orgId,
              seq: row.seq ?? 0,
              type: row.type,
              occurredAt: row.occurredAt,
              data: (row.data ?? {}) as Record<string, unknown>,
            })),
          );
          const last = rows.at(-1);
          if (last?.seq != null) {
            await tx
              .update(notificationCursors)
              .set({ seq: last.seq })
              .where(eq(notificationCursors.orgId, orgId));
          }
          return rows.length === BATCH;
        });
      }
    }
  },
});
