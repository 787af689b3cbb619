import { randomUUID } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import { AppError } from '../../domain/errors.js';
import { enqueueJob } from '../../jobs/enqueue.js';
import { appendAudit } from '../../store/ledger.js';
import { webhookAttempts, webhookDeliveries, webhooks } from '../../store/schema.js';
import { requirePermission } from '../authorize.js';
import { ledgerWriter, nowOf, type ServiceCtx } from '../context.js';
import { isProductionWithoutKey, newWebhookSecret, sealSecret } from './secret-box.js';
import { assertPublicTarget } from './webhook-target.js';

/** The job name is repeated here (not imported) so services do not import job handlers. */
const DELIVER_WEBHOOK_JOB = 'webhook.deliver';

export type WebhookView = {
  readonly id: string;
  readonly url: string;
  readonly events: readonly string[];
  readonly secretHint: string;
  readonly active: boolean;
  readonly createdAt: string;
};

export type CreateWebhookInput = { readonly url: string; readonly events: readonly string[] };

/** Registers a webhook for the caller's organisation. The secret is in this answer only. */
export async function createWebhook({
  ctx,
  input,
}: {
  ctx: ServiceCtx;
  input: CreateWebhookInput;
}): Promise<WebhookView & { secret: string }> {
  requirePermission(ctx, 'webhook.manage');
  const url = checkUrl(input.url);
  await assertPublicTarget(new URL(url));
  if (input.events.length === 0) {
    throw new AppError('INVALID_INPUT', 'events is empty: name the event types to deliver, or "*" for all.', {
      key: 'events',
      value: input.events,
    });
  }
  if (isProductionWithoutKey()) {
    throw new AppError(
      'INVALID_INPUT',
      'Webhooks need CLEARFRAME_SECRET_KEY (32 bytes, hex or base64) on the server to keep secrets encrypted.',
      { key: 'CLEARFRAME_SECRET_KEY' },
    );
  }
  const secret = newWebhookSecret();
  const at = nowOf(ctx);
  const row = {
    id: randomUUID(),
    orgId: ctx.principal.orgId,
    url,
    events: [...new Set(input.events)],
    secretCipher: sealSecret(secret),
    secretHint: secret.slice(-4),
    active: true,
    createdBy: ctx.principal.userId,
    createdAt: at,
  };
  await ctx.store.transaction(async (tx) => {
    await tx.insert(webhooks).values(row);
    await appendAudit(tx, ledgerWriter(ctx, at), [
      { type: 'webhook.created', webhookId: row.id, url, events: row.events },
    ]);
  });
  return { ...toView(row), secret };
}

export async function listWebhooks({ ctx }: { ctx: ServiceCtx; input?: undefined }): Promise<WebhookView[]> {
  requirePermission(ctx, 'webhook.manage');
  const rows = await ctx.store.read((db) =>
    db
      .select()
      .from(webhooks)
      .where(and(eq(webhooks.orgId, ctx.principal.orgId), eq(webhooks.active, true))),
  );
  return rows.map(toView);
}

/** Disables a webhook (the delivery log stays); pending deliveries stop at their next attempt. */
export async function deleteWebhook({
  ctx,
  input,
}: {
  ctx: ServiceCtx;
  input: { webhookId: string };
}): Promise<void> {
  requirePermission(ctx, 'webhook.manage');
  await ctx.store.transaction(async (tx) => {
    const updated = await tx
      .update(webhooks)
      .set({ active: false })
      .where(
        and(
          eq(webhooks.id, input.webhookId),
          eq(webhooks.orgId, ctx.principal.orgId),
          eq(webhooks.active, true),
        ),
      )
      .returning({ id: webhooks.id });
    if (updated.length === 0) throw notFound(input.webhookId);
    await appendAudit(tx, ledgerWriter(ctx), [{ type: 'webhook.deleted', webhookId: input.webhookId }]);
  });
}

export type DeliveryView = {
  readonly id: string;
  readonly webhookId: string;
  readonly eventId: string;
  readonly eventType: string;
  readonly status: string;
  readonly attempts: number;
  readonly lastStatusCode: number | null;
  readonly lastError: string | null;
  readonly createdAt: string;
  readonly deliveredAt: string | null;
  readonly log: readonly {
    attempt: number;
    at: string;
    statusCode: number | null;
    error: string | null;
    durationMs: number;
  }[];
};

/** The delivery log of one of the caller's webhooks, newest first, each with its attempts. */
export async function listDeliveries({
  ctx,
  input,
}: {
  ctx: ServiceCtx;
  input: { webhookId: string; limit?: number | undefined };
}): Promise<DeliveryView[]> {
  requirePermission(ctx, 'webhook.manage');
  return ctx.store.transaction(async (tx) => {
    const [hook] = await tx
      .select({ id: webhooks.id })
      .from(webhooks)
      .where(and(eq(webhooks.id, input.webhookId), eq(webhooks.orgId, ctx.principal.orgId)));
    if (hook === undefined) throw notFound(input.webhookId);
    const rows = await tx
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.webhookId, hook.id))
      .orderBy(desc(webhookDeliveries.createdAt))
      .limit(Math.min(Math.max(input.limit ?? 50, 1), 200));
    const views: DeliveryView[] = [];
    for (const d of rows) {
      const attempts = await tx
        .select()
        .from(webhookAttempts)
        .where(eq(webhookAttempts.deliveryId, d.id))
        .orderBy(webhookAttempts.attempt);
      views.push({
        id: d.id,
        webhookId: d.webhookId,
        eventId: d.eventId,
        eventType: d.eventType,
        status: d.status,
        attempts: d.attempts,
        lastStatusCode: d.lastStatusCode,
        lastError: d.lastError,
        createdAt: d.createdAt.toISOString(),
        deliveredAt: d.deliveredAt?.toISOString() ?? null,
        log: attempts.map((a) => ({
          attempt: a.attempt,
          at: a.at.toISOString(),
          statusCode: a.statusCode,
          error: a.error,
          durationMs: a.durationMs,
        })),
      });
    }
    return views;
  });
}

/** Sends a delivery again now (same event, same body, fresh signature), whatever its status. */
export async function redeliverWebhook({
  ctx,
  input,
}: {
  ctx: ServiceCtx;
  input: { deliveryId: string };
}): Promise<{ deliveryId: string; status: 'pending' }> {
  requirePermission(ctx, 'webhook.manage');
  const at = nowOf(ctx);
  return ctx.store.transaction(async (tx) => {
    const [delivery] = await tx
      .select()
      .from(webhookDeliveries)
      .where(
        and(eq(webhookDeliveries.id, input.deliveryId), eq(webhookDeliveries.orgId, ctx.principal.orgId)),
      )
      .for('update');
    if (delivery === undefined) {
      throw new AppError('NOT_FOUND', `No webhook delivery ${input.deliveryId} in your organisation.`, {
        deliveryId: input.deliveryId,
      });
    }
    await tx
      .update(webhookDeliveries)
      .set({ status: 'pending' })
      .where(eq(webhookDeliveries.id, delivery.id));
    await enqueueJob(tx, {
      name: DELIVER_WEBHOOK_JOB,
      payload: { deliveryId: delivery.id },
      key: `delivery:${delivery.id}:redeliver:${at.getTime()}`,
    });
    await appendAudit(tx, ledgerWriter(ctx, at), [
      {
        type: 'webhook.redelivery_requested',
        webhookId: delivery.webhookId,
        deliveryId: delivery.id,
        eventId: delivery.eventId,
      },
    ]);
    return { deliveryId: delivery.id, status: 'pending' as const };
  });
}

function checkUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new AppError(
      'INVALID_INPUT',
      `url "${raw}" is not an absolute URL; give e.g. https://tracker.example.com/hooks.`,
      {
        key: 'url',
        value: raw,
      },
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new AppError('INVALID_INPUT', `url must be http or https, not ${url.protocol}`, {
      key: 'url',
      value: raw,
      allowed: ['https:', 'http:'],
    });
  }
  if (url.username || url.password) {
    throw new AppError('INVALID_INPUT', 'url must not carry credentials; the signature authenticates us.', {
      key: 'url',
    });
  }
  return url.toString();
}

function notFound(webhookId: string): AppError {
  return new AppError('NOT_FOUND', `No webhook ${webhookId} in your organisation.`, { webhookId });
}

function toView(row: typeof webhooks.$inferSelect): WebhookView {
  return {
    id: row.id,
    url: row.url,
    events: Array.isArray(row.events) ? (row.events as string[]) : [],
    secretHint: row.secretHint,
    active: row.active,
    createdAt: row.createdAt.toISOString(),
  };
}
