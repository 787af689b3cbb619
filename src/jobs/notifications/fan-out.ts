import { randomUUID } from 'node:crypto';
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../store/database.js';
import { disclosures, productions, reviews, users, webhookDeliveries, webhooks } from '../../store/schema.js';
import { enqueueJobs, type JobRequest } from '../enqueue.js';
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
 * What a batch of ledger events causes, queued in the dispatcher's transaction: emails to the
 * people each event concerns and deliveries to the webhooks that chose it. The lookups are
 * made once per batch (not per event) and the jobs written in one statement each, so the cost
 * of a busy ledger grows with batches, not events. Dedupe keys make a re-read harmless.
 */
export async function fanOut(tx: Executor, events: readonly LedgerEvent[]): Promise<void> {
  if (events.length === 0) return;
  const jobsToQueue: JobRequest[] = [];
  for (const event of events) jobsToQueue.push(...(await emailsFor(tx, event)));
  await enqueueJobs(tx, jobsToQueue);
  await queueWebhookDeliveries(tx, events);
}

function email(key: string, payload: SendEmailPayload): JobRequest {
  return { name: SEND_EMAIL_JOB, payload, key };
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

async function emailsFor(tx: Executor, event: LedgerEvent): Promise<JobRequest[]> {
  const disclosureId = str(event.data['disclosureId']);
  if (event.type === 'notice.recorded') {
    // The studio contact is told of every use: the notice written by submit, now by email.
    const noticeId = str(event.data['noticeId']);
    const userId = str(event.data['recipientId']);
    if (!noticeId || !userId) return [];
    return [
      email(`notice:${noticeId}`, { userId, kind: 'disclosure.new', disclosureId, noticeId, data: {} }),
    ];
  }
  if (!disclosureId) return [];
  if (event.type === 'disclosure.state_changed' && event.data['to'] === 'in_review') {
    // "Assignment": a disclosure entering review lands in the studio legal team's queue.
    return (await reviewersOf(tx, disclosureId)).map((userId) =>
      email(`event:${event.id}:${userId}`, { userId, kind: 'review.assigned', disclosureId, data: {} }),
    );
  }
  if (event.type === 'disclosure.decided') {
    const decision = str(event.data['decision']) ?? '';
    const [row] = await tx
      .select({ createdBy: disclosures.createdBy })
      .from(disclosures)
      .where(eq(disclosures.id, disclosureId));
    if (row === undefined) return [];
    const [review] = await tx
      .select({ note: reviews.note })
      .from(reviews)
      .where(and(eq(reviews.disclosureId, disclosureId), eq(reviews.decision, decision)))
      .orderBy(desc(reviews.createdAt))
      .limit(1);
    return [
      email(`event:${event.id}:${row.createdBy}`, {
        userId: row.createdBy,
        kind: decision === 'request_info' ? 'info.requested' : 'decision.made',
        disclosureId,
        data: { decision, ...(review?.note ? { note: review.note } : {}) },
      }),
    ];
  }
  return [];
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

/**
 * The organisations each event concerns: its own chain's, and for disclosure events the
 * production's studio and partner (looked up for the whole batch in one query).
 */
async function concernedOrgs(
  tx: Executor,
  events: readonly LedgerEvent[],
): Promise<Map<LedgerEvent, Set<string>>> {
  const disclosureIds = [...new Set(events.flatMap((e) => str(e.data['disclosureId']) ?? []))];
  const orgsOfDisclosure = new Map<string, string[]>();
  if (disclosureIds.length > 0) {
    const rows = await tx
      .select({
        id: disclosures.id,
        orgId: disclosures.orgId,
        studio: productions.studioOrgId,
        partner: productions.partnerOrgId,
      })
      .from(disclosures)
      .innerJoin(productions, eq(productions.id, disclosures.productionId))
      .where(inArray(disclosures.id, disclosureIds));
    for (const row of rows) orgsOfDisclosure.set(row.id, [row.orgId, row.studio, row.partner]);
  }
  const concerned = new Map<LedgerEvent, Set<string>>();
  for (const event of events) {
    const disclosureId = str(event.data['disclosureId']);
    concerned.set(
      event,
      new Set([event.orgId, ...((disclosureId && orgsOfDisclosure.get(disclosureId)) || [])]),
    );
  }
  return concerned;
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

async function queueWebhookDeliveries(tx: Executor, events: readonly LedgerEvent[]): Promise<void> {
  const concerned = await concernedOrgs(tx, events);
  const allOrgs = [...new Set([...concerned.values()].flatMap((orgs) => [...orgs]))];
  const hooks = await tx
    .select()
    .from(webhooks)
    .where(and(inArray(webhooks.orgId, allOrgs), eq(webhooks.active, true)));
  if (hooks.length === 0) return;
  const deliveries = events.flatMap((event) => {
    const orgs = concerned.get(event) ?? new Set<string>();
    const chosen = hooks.filter((hook) => {
      const wanted = Array.isArray(hook.events) ? (hook.events as unknown[]) : [];
      return orgs.has(hook.orgId) && (wanted.includes('*') || wanted.includes(event.type));
    });
    const body = chosen.length > 0 ? webhookBody(event) : '';
    return chosen.map((hook) => ({
      id: randomUUID(),
      webhookId: hook.id,
      orgId: hook.orgId,
      eventId: event.id,
      eventType: event.type,
      body,
      status: 'pending',
    }));
  });
  if (deliveries.length === 0) return;
  // A delivery already queued for this webhook and event (a re-read) is skipped, and so is its job.
  const inserted = await tx
    .insert(webhookDeliveries)
    .values(deliveries)
    .onConflictDoNothing()
    .returning({ id: webhookDeliveries.id });
  await enqueueJobs(
    tx,
    inserted.map(({ id }) => ({
      name: DELIVER_WEBHOOK_JOB,
      payload: { deliveryId: id },
      key: `delivery:${id}:0`,
    })),
  );
}
