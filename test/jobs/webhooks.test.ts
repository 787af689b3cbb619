import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueJob } from '../../src/jobs/enqueue.js';
import { dispatchNotificationsJob } from '../../src/jobs/notifications/dispatch.job.js';
import { createJobRegistry } from '../../src/jobs/registry.js';
import { deliverWebhookJob } from '../../src/jobs/webhooks/deliver-webhook.job.js';
import { startJobWorker } from '../../src/jobs/worker.js';
import { submitDisclosure } from '../../src/services/disclosures/submit-disclosure.js';
import {
  createWebhook,
  deleteWebhook,
  listDeliveries,
  listWebhooks,
  redeliverWebhook,
} from '../../src/services/webhooks/manage-webhooks.js';
import { openSecret, sealSecret } from '../../src/services/webhooks/secret-box.js';
import { signatureHeader, verifySignature } from '../../src/services/webhooks/signature.js';
import { auditEvents } from '../../src/store/schema.js';
import { moodboard } from '../helpers/disclosures.js';
import { openTestStore, type TestStore } from '../helpers/test-store.js';
import { makeWorld, type World } from '../helpers/world.js';

const logger = pino({ level: 'silent' });
let db: TestStore;
let world: World;

type Received = { body: string; headers: Record<string, string | string[] | undefined> };
let receiver: Server;
let receiverUrl: string;
const received: Received[] = [];
let failuresLeft = 2;

beforeAll(async () => {
  // The receiver listens on loopback, which webhooks may reach only when the operator allows it.
  process.env['WEBHOOK_ALLOW_PRIVATE_NETWORKS'] = '127.0.0.1';
  db = await openTestStore();
  world = await makeWorld(db.store);
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ body: Buffer.concat(chunks).toString('utf8'), headers: req.headers });
      if (failuresLeft > 0) {
        failuresLeft--;
        res.writeHead(503).end('tracker is down');
      } else {
        res.writeHead(204).end();
      }
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
});
afterAll(async () => {
  delete process.env['WEBHOOK_ALLOW_PRIVATE_NETWORKS'];
  await new Promise((r) => receiver?.close(r));
  await db?.dispose();
});

/**
 * A clock the test moves by hand, a minute ahead of real time: jobs enqueued in real time
 * (run_at = now) are due for the worker however long the set-up took on a loaded machine.
 */
function manualClock() {
  let at = Date.now() + 60_000;
  return {
    now: () => new Date(at),
    advance: (ms: number) => {
      at += ms;
    },
  };
}

describe('webhooks', () => {
  it('retries a delivery the receiver refuses twice with backoff, logs every attempt, then succeeds signed', async () => {
    const clock = manualClock();
    const hook = await createWebhook({
      ctx: world.ctx('partnerAdmin'),
      input: { url: receiverUrl, events: ['disclosure.submitted'] },
    });
    expect(hook.secret).toMatch(/^whsec_/);
    expect((await listWebhooks({ ctx: world.ctx('partnerAdmin') }))[0]).not.toHaveProperty('secret');

    const { result } = await submitDisclosure({
      ctx: world.ctx('partner'),
      input: { productionId: world.productionId, disclosure: moodboard() },
    });
    const worker = startJobWorker({
      store: db.store,
      logger,
      handlers: createJobRegistry([dispatchNotificationsJob, deliverWebhookJob]),
      pollMs: 0,
      now: clock.now,
    });
    await db.store.transaction((tx) => enqueueJob(tx, { name: 'notifications.dispatch', payload: {} }));
    await worker.drain();
    expect(received).toHaveLength(1);
    clock.advance(1_999);
    await worker.drain();
    expect(received).toHaveLength(1); // the first retry waits 2 s
    clock.advance(1);
    await worker.drain();
    expect(received).toHaveLength(2);
    clock.advance(4_000); // the second retry waits 4 s
    await worker.drain();
    expect(received).toHaveLength(3);

    const [delivery, ...others] = await listDeliveries({
      ctx: world.ctx('partnerAdmin'),
      input: { webhookId: hook.id },
    });
    expect(others).toHaveLength(0);
    expect(delivery?.status).toBe('succeeded');
    expect(delivery?.eventType).toBe('disclosure.submitted');
    expect(delivery?.log.map((a) => a.statusCode)).toEqual([503, 503, 204]);
    expect(delivery?.log.map((a) => a.error)).toEqual([
      'receiver answered HTTP 503',
      'receiver answered HTTP 503',
      null,
    ]);
    const times = delivery?.log.map((a) => Date.parse(a.at)) ?? [];
    expect([(times[1] ?? 0) - (times[0] ?? 0), (times[2] ?? 0) - (times[1] ?? 0)]).toEqual([2_000, 4_000]);

    // What the tracker got: the event, signed over timestamp.body with the secret shown once.
    const last = received[2];
    if (last === undefined) throw new Error('no delivery received');
    const event = JSON.parse(last.body) as { type: string; data: { disclosureId: string } };
    expect(event.type).toBe('disclosure.submitted');
    expect(event.data.disclosureId).toBe(result.id);
    expect(last.headers['clearframe-event']).toBe('disclosure.submitted');
    expect(last.headers['clearframe-delivery']).toBe(delivery?.id);
    const header = String(last.headers['clearframe-signature']);
    const t = Number(/t=(\d+)/.exec(header)?.[1]);
    expect(verifySignature(hook.secret, header, last.body, t + 10)).toEqual({ ok: true });
    expect(received.every((r) => r.body === last.body)).toBe(true);
    await worker.stop();
  });

  it('rejects a tampered body, a wrong secret, and a replay older than five minutes', () => {
    const secret = 'whsec_test';
    const body = '{"type":"disclosure.submitted","data":{"disclosureId":"d1"}}';
    const now = 1_800_000_000;
    const header = signatureHeader(secret, now, body);
    expect(verifySignature(secret, header, body, now)).toEqual({ ok: true });
    expect(verifySignature(secret, header, body.replace('d1', 'd2'), now)).toEqual({
      ok: false,
      reason: 'no v1 signature matches the body',
    });
    expect(verifySignature('whsec_other', header, body, now).ok).toBe(false);
    const replay = verifySignature(secret, header, body, now + 301);
    expect(replay.ok).toBe(false);
    expect(replay.ok ? '' : replay.reason).toContain('possible replay');
    expect(verifySignature(secret, header, body, now + 300)).toEqual({ ok: true });
    // Re-stamping a captured delivery with a fresh time breaks the signature.
    expect(verifySignature(secret, header.replace(`t=${now}`, `t=${now + 600}`), body, now + 600).ok).toBe(
      false,
    );
    expect(verifySignature(secret, undefined, body, now)).toEqual({
      ok: false,
      reason: 'missing Clearframe-Signature header',
    });
  });

  it('redelivers on demand with the same body and a fresh signature, and records the request', async () => {
    const [hook] = await listWebhooks({ ctx: world.ctx('partnerAdmin') });
    if (hook === undefined) throw new Error('no webhook');
    const [delivery] = await listDeliveries({
      ctx: world.ctx('partnerAdmin'),
      input: { webhookId: hook.id },
    });
    if (delivery === undefined) throw new Error('no delivery');
    const before = received.length;
    await redeliverWebhook({ ctx: world.ctx('partnerAdmin'), input: { deliveryId: delivery.id } });
    const worker = startJobWorker({
      store: db.store,
      logger,
      handlers: createJobRegistry([deliverWebhookJob]),
      pollMs: 0,
      now: () => new Date(Date.now() + 60_000),
    });
    await worker.drain();
    expect(received).toHaveLength(before + 1);
    expect(received.at(-1)?.body).toBe(received.at(-2)?.body);
    const [after] = await listDeliveries({ ctx: world.ctx('partnerAdmin'), input: { webhookId: hook.id } });
    expect(after?.log).toHaveLength(4);
    await db.store.sealLedger();
    const types = (await db.store.read((tx) => tx.select().from(auditEvents))).map((e) => e.type);
    expect(types).toContain('webhook.created');
    expect(types).toContain('webhook.redelivery_requested');
  });

  it('refuses webhook management to a partner member and hides other organisations webhooks', async () => {
    await expect(
      createWebhook({ ctx: world.ctx('partner'), input: { url: receiverUrl, events: ['*'] } }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const [hook] = await listWebhooks({ ctx: world.ctx('partnerAdmin') });
    await expect(
      listDeliveries({ ctx: world.ctx('studioAdmin'), input: { webhookId: hook?.id ?? '' } }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      deleteWebhook({ ctx: world.ctx('studioAdmin'), input: { webhookId: hook?.id ?? '' } }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses a URL that is not http(s), naming the key', async () => {
    await expect(
      createWebhook({ ctx: world.ctx('partnerAdmin'), input: { url: 'file:///etc/passwd', events: ['*'] } }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', details: { key: 'url' } });
  });

  it('keeps the secret encrypted at rest and opens it only with the same key', () => {
    const key = 'a'.repeat(64);
    const sealed = sealSecret('whsec_abc', { CLEARFRAME_SECRET_KEY: key });
    expect(sealed).not.toContain('whsec_abc');
    expect(openSecret(sealed, { CLEARFRAME_SECRET_KEY: key })).toBe('whsec_abc');
    expect(() => openSecret(sealed, { CLEARFRAME_SECRET_KEY: 'b'.repeat(64) })).toThrow();
  });
});
