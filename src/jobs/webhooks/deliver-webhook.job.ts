import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { openSecret } from '../../services/webhooks/secret-box.js';
import { SIGNATURE_HEADER, signatureHeader } from '../../services/webhooks/signature.js';
import { webhookAttempts, webhookDeliveries, webhooks } from '../../store/schema.js';
import { defineJob, PermanentJobError } from '../registry.js';
import { postWebhook } from './post-webhook.js';

export const DELIVER_WEBHOOK_JOB = 'webhook.deliver';
const TIMEOUT_MS = 10_000;

/**
 * POSTs one delivery, signed with a fresh timestamp on every attempt (the body stays the same).
 * Each attempt is logged; a non-2xx answer or a network error throws, so the queue retries
 * with backoff (2 s doubling, 8 attempts); the last failure marks the delivery failed.
 */
export const deliverWebhookJob = defineJob({
  name: DELIVER_WEBHOOK_JOB,
  version: 1,
  maxAttempts: 8,
  backoff: { baseMs: 2_000, maxMs: 60 * 60_000 },
  payloadSchema: z.object({ deliveryId: z.string() }),
  handler: async ({ deliveryId }, deps) => {
    const { store } = deps;
    const found = await store.read(async (db) => {
      const [row] = await db
        .select({ delivery: webhookDeliveries, webhook: webhooks })
        .from(webhookDeliveries)
        .innerJoin(webhooks, eq(webhooks.id, webhookDeliveries.webhookId))
        .where(eq(webhookDeliveries.id, deliveryId));
      return row;
    });
    if (found === undefined) throw new PermanentJobError(`webhook delivery ${deliveryId} does not exist`);
    const { delivery, webhook } = found;
    if (!webhook.active) {
      await store.transaction((tx) =>
        tx
          .update(webhookDeliveries)
          .set({ status: 'failed', lastError: 'webhook was deleted or disabled' })
          .where(eq(webhookDeliveries.id, deliveryId)),
      );
      throw new PermanentJobError('webhook was deleted or disabled');
    }
    const now = deps.now();
    const timestamp = Math.floor(now.getTime() / 1000);
    const started = Date.now();
    let statusCode: number | null = null;
    let error: string | null = null;
    try {
      // Public addresses only, checked at connect time (SSRF; see post-webhook.ts).
      statusCode = await postWebhook(new URL(webhook.url), {
        headers: {
          'Content-Type': 'application/json',
          'User-Agent': 'Clearframe-Webhooks/1',
          [SIGNATURE_HEADER]: signatureHeader(openSecret(webhook.secretCipher), timestamp, delivery.body),
          'Clearframe-Event': delivery.eventType,
          'Clearframe-Delivery': delivery.id,
        },
        body: delivery.body,
        timeoutMs: TIMEOUT_MS,
        resolve: deps.services.resolveHost,
      });
      if (statusCode < 200 || statusCode >= 300) error = `receiver answered HTTP ${statusCode}`;
    } catch (caught) {
      error = caught instanceof Error ? `${caught.name}: ${caught.message}` : String(caught);
    }
    const ok = error === null;
    const isLast = !ok && deps.job.attempt >= deps.job.maxAttempts;
    await store.transaction(async (tx) => {
      await tx.insert(webhookAttempts).values({
        id: randomUUID(),
        deliveryId,
        attempt: delivery.attempts + 1,
        at: now,
        statusCode,
        error,
        durationMs: Date.now() - started,
      });
      await tx
        .update(webhookDeliveries)
        .set({
          attempts: sql`${webhookDeliveries.attempts} + 1`,
          status: ok ? 'succeeded' : isLast ? 'failed' : 'pending',
          lastStatusCode: statusCode,
          lastError: error,
          deliveredAt: ok ? now : null,
        })
        .where(eq(webhookDeliveries.id, deliveryId));
    });
    if (!ok) throw new Error(error ?? 'delivery failed');
  },
});
