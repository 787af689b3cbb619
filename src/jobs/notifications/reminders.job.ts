import { and, eq, gte, inArray, isNotNull, lte } from 'drizzle-orm';
import { z } from 'zod';
import { approvals, conditions, consents, disclosures, performers, users } from '../../store/schema.js';
import { enqueueJob } from '../enqueue.js';
import { SEND_EMAIL_JOB, type SendEmailPayload } from '../mail/send-email.job.js';
import { defineJob } from '../registry.js';

export const REMINDERS_JOB = 'reminders.scan';
export const CONDITION_DUE_DAYS = 3;
export const APPROVAL_EXPIRY_DAYS = 7;
export const CONSENT_EXPIRY_DAYS = 14;
const DAY = 24 * 60 * 60_000;

/**
 * Reminders, run hourly: open conditions due within 3 days (to their owner, or the partner who
 * disclosed), approvals in force expiring within 7 days (to the partner and the approver), and
 * active consents ending within 14 days (to the studio's legal team). Each reminder's dedupe
 * key names the record and its date, so it is sent once however often the scan runs, and again
 * only if the date moves.
 */
export const remindersJob = defineJob({
  name: REMINDERS_JOB,
  version: 1,
  payloadSchema: z.object({}).passthrough(),
  handler: async (_payload, deps) => {
    const now = deps.now();
    const day = (offset: number) => new Date(now.getTime() + offset * DAY).toISOString().slice(0, 10);
    await deps.store.transaction(async (tx) => {
      const email = (key: string, payload: SendEmailPayload) =>
        enqueueJob(tx, { name: SEND_EMAIL_JOB, payload, key });

      const dueSoon = await tx
        .select({ c: conditions, disclosureId: disclosures.id, createdBy: disclosures.createdBy })
        .from(conditions)
        .innerJoin(approvals, eq(approvals.id, conditions.approvalId))
        .innerJoin(disclosures, eq(disclosures.id, approvals.disclosureId))
        .where(
          and(
            eq(conditions.status, 'open'),
            eq(approvals.status, 'active'),
            isNotNull(conditions.dueDate),
            gte(conditions.dueDate, day(0)),
            lte(conditions.dueDate, day(CONDITION_DUE_DAYS)),
          ),
        );
      for (const { c, disclosureId, createdBy } of dueSoon) {
        const userId = c.ownerId ?? createdBy;
        await email(`condition:${c.id}:due:${c.dueDate}`, {
          userId,
          kind: 'condition.due',
          disclosureId,
          data: { conditionText: c.text, dueDate: c.dueDate ?? undefined },
        });
      }

      const expiring = await tx
        .select({ a: approvals, createdBy: disclosures.createdBy })
        .from(approvals)
        .innerJoin(disclosures, eq(disclosures.id, approvals.disclosureId))
        .where(
          and(
            eq(approvals.status, 'active'),
            gte(approvals.expiresAt, now),
            lte(approvals.expiresAt, new Date(now.getTime() + APPROVAL_EXPIRY_DAYS * DAY)),
          ),
        );
      for (const { a, createdBy } of expiring) {
        const expiresAt = a.expiresAt?.toISOString().slice(0, 10);
        for (const userId of new Set([createdBy, a.approverId])) {
          await email(`approval:${a.id}:expiring:${expiresAt}:${userId}`, {
            userId,
            kind: 'approval.expiring',
            disclosureId: a.disclosureId,
            data: { expiresAt },
          });
        }
      }

      const endingConsents = await tx
        .select({ c: consents, performer: performers.displayName })
        .from(consents)
        .innerJoin(performers, eq(performers.id, consents.performerId))
        .where(
          and(
            eq(consents.status, 'active'),
            isNotNull(consents.validTo),
            gte(consents.validTo, day(0)),
            lte(consents.validTo, day(CONSENT_EXPIRY_DAYS)),
          ),
        );
      const studios = [...new Set(endingConsents.map((r) => r.c.studioOrgId))];
      const legal =
        studios.length === 0
          ? []
          : await tx
              .select({ id: users.id, orgId: users.orgId })
              .from(users)
              .where(
                and(inArray(users.orgId, studios), eq(users.role, 'studio_legal'), eq(users.active, true)),
              );
      for (const { c, performer } of endingConsents) {
        for (const user of legal.filter((u) => u.orgId === c.studioOrgId)) {
          await email(`consent:${c.id}:expiring:${c.validTo}:${user.id}`, {
            userId: user.id,
            kind: 'consent.expiring',
            data: { performer, expiresAt: c.validTo ?? undefined },
          });
        }
      }
    });
  },
});
