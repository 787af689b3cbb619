import { randomUUID } from 'node:crypto';
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../store/database.js';
import { disclosures, productions, reviews, users, webhookDeliveries, webhooks } from '../../store/schema.js';
import { enqueueJob } from '../enqueue.js';
import { SEND_EMAIL_JOB, type SendEmailPayload } from '../mail/send-email.job.js';
import { DELIVER_WEBHOOK_JOB } from '../webhooks/deliver-webhook.job.js';

/** A sealed ledger event as the dispatcher reads it. */
export type LedgerEvent = {
  readonly id: string;
  readonly orgId: string;
  readonly seq: number;
  readonly type: string;
  readonly occurredAt: string;
  readonly data: Record<string, unknown>;
};

/**
 * What one ledger event causes, queued in the dispatcher's transaction: emails to the people
 * it concerns and deliveries to the webhooks that chose it. Dedupe keys make a re-read
 * harmless.
 */
export async function fanOut(tx: Executor, event: LedgerEvent): Promise<void> {
  await queueEmails(tx, event);
  await queueWebhookDeliveries(tx, event);
}

async function email(tx: Executor, key: string, payload: SendEmailPayload): Promise<void> {
  await enqueueJob(tx, { name: SEND_EMAIL_JOB, payload, key });
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

async function queueEmails(tx: Executor, event: LedgerEvent): Promise<void> {
  const disclosureId = str(event.data['disclosureId']);
  if (event.type === 'notice.recorded') {
    // The studio contact is told of every use: the notice written by submit, now by email.
    const noticeId = str(event.data['noticeId']);
    const userId = str(event.data['recipientId']);
    if (noticeId && userId) {
      await email(tx, `notice:${noticeId}`, {
        userId,
        kind: 'disclosure.new',
        disclosureId,
        noticeId,
        data: {},
      });
    }
    return;
  }
  if (!disclosureId) return;
  if (event.type === 'disclosure.state_changed' && event.data['to'] === 'in_review') {
    // "Assignment": a disclosure entering review lands in the studio legal team's queue.
    for (const userId of await reviewersOf(tx, disclosureId)) {
      await email(tx, `event:${event.id}:${userId}`, {
        userId,
        kind: 'review.assigned',
        disclosureId,
        data: {},
      });
    }
    return;
  }
  if (event.type === 'disclosure.decided') {
    const decision = str(event.data['decision']) ?? '';
    const [row] = await tx
      .select({ createdBy: disclosures.createdBy })
      .from(disclosures)
      .where(eq(disclosures.id, disclosureId));
    if (row === undefined) return;
    const [review] = await tx
      .select({ note: reviews.note })
      .from(reviews)
      .where(and(eq(reviews.disclosureId, disclosureId), eq(reviews.decision, decision)))
      .orderBy(desc(reviews.createdAt))
      .limit(1);
    await email(tx, `event:${event.id}:${row.createdBy}`, {
      userId: row.createdBy,
      kind: decision === 'request_info' ? 'info.requested' : 'decision.made',
      disclosureId,
      data: { decision, ...(review?.note ? { note: review.note } : {}) },
    });
  }
}

async function reviewersOf(tx: Executor, disclosureId: string): Promise<string[]> {
  const rows = await tx
    .select({ id: users.id })
    .from(disclosures)
    .innerJoin(productions, eq(productions.id, disclosures.productionId))
    .innerJoin(users, eq(users.orgId, productions.studioOrgId))
    .where(and(eq(disclosures.id, disclosureId), eq(users.role, 'studio_legal'), eq(users.active, true)));
  return rows.map((r) => r.id);
}

/** The organisations an event concerns: its own chain's, and for disclosure events the production's studio and partner. */
async function concernedOrgs(tx: Executor, event: LedgerEvent): Promise<string[]> {
  const orgs = new Set([event.orgId]);
  const disclosureId = str(event.data['disclosureId']);
  if (disclosureId) {
    const [row] = await tx
      .select({
        orgId: disclosures.orgId,
        studio: productions.studioOrgId,
        partner: productions.partnerOrgId,
      })
      .from(disclosures)
      .innerJoin(productions, eq(productions.id, disclosures.productionId))
      .where(eq(disclosures.id, disclosureId));
    if (row) for (const id of [row.orgId, row.studio, row.partner]) orgs.add(id);
  }
  return [...orgs];
}

/** The webhook body: the ledger event as it was sealed, without personal data (events carry none). */
export function webhookBody(event: LedgerEvent): string {
  return JSON.stringify({
    id: event.id,
    type: event.type,
    occurredAt: event.occurredAt,
    organisationId: event.orgId,
    sequence: event.seq,
    data: event.data,
  });
}

async function queueWebhookDeliveries(tx: Executor, event: LedgerEvent): Promise<void> {
  const orgs = await concernedOrgs(tx, event);
  const hooks = await tx
    .select()
    .from(webhooks)
    .where(and(inArray(webhooks.orgId, orgs), eq(webhooks.active, true)));
  const body = webhookBody(event);
  for (const hook of hooks) {
    const events = Array.isArray(hook.events) ? (hook.events as unknown[]) : [];
    if (!events.includes('*') && !events.includes(event.type)) continue;
    const id = randomUUID();
    const inserted = await tx
      .insert(webhookDeliveries)
      .values({
        id,
        webhookId: hook.id,
        orgId: hook.orgId,
        eventId: event.id,
        eventType: event.type,
        body,
        status: 'pending',
      })
      .onConflictDoNothing()
      .returning({ id: webhookDeliveries.id });
    if (inserted.length > 0) {
      await enqueueJob(tx, {
        name: DELIVER_WEBHOOK_JOB,
        payload: { deliveryId: id },
        key: `delivery:${id}:0`,
      });
    }
  }
}
