import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { enqueueJob } from '../../src/jobs/enqueue.js';
import { dispatchNotificationsJob } from '../../src/jobs/notifications/dispatch.job.js';
import { createJobRegistry } from '../../src/jobs/registry.js';
import { deliverWebhookJob } from '../../src/jobs/webhooks/deliver-webhook.job.js';
import { startJobWorker } from '../../src/jobs/worker.js';
import { createApp } from '../../src/server/app.js';
import { submitDisclosure } from '../../src/services/disclosures/submit-disclosure.js';
import { createWebhook, listDeliveries } from '../../src/services/webhooks/manage-webhooks.js';
import { ALLOW_PRIVATE_KEY, assertPublicTarget } from '../../src/services/webhooks/webhook-target.js';
import { moodboard } from '../helpers/disclosures.js';
import { TestClient } from '../helpers/http-client.js';
import { openTestStore, type TestStore } from '../helpers/test-store.js';
import { makeWorld, TEST_PASSWORD } from '../helpers/world.js';

/**
 * SSRF: webhooks reach public internet addresses only, checked at registration and again at
 * connect time on every delivery. Nothing here sends a packet beyond loopback: refused targets
 * are refused before any connection, and resolvers are the test's own.
 */
let db: TestStore;
let receiver: Server;
let port: number;
/** Paths the receiver was called on: each test's webhooks have their own. */
const received: string[] = [];
const calls = (path: string) => received.filter((p) => p === path).length;

beforeAll(async () => {
  db = await openTestStore();
  receiver = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received.push(req.url ?? '');
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
  port = (receiver.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((r) => receiver?.close(r));
  await db?.dispose();
});
afterEach(() => {
  delete process.env[ALLOW_PRIVATE_KEY];
});

const refusal = { code: 'INVALID_INPUT', details: { key: 'url' } };

describe('registering a webhook', () => {
  it.each([
    'http://127.0.0.1/hooks',
    'http://127.1/hooks',
    'http://2130706433/hooks',
    'http://0x7f000001/hooks',
    'http://0.0.0.0:8080/',
    'http://localhost:3000/hooks',
    'http://[::1]/hooks',
    'http://[::ffff:127.0.0.1]/hooks',
    'http://[::ffff:a9fe:a9fe]/latest/meta-data',
    'http://169.254.169.254/latest/meta-data/iam/security-credentials/',
    'https://10.0.0.5/hooks',
    'https://172.20.1.1/hooks',
    'https://192.168.1.10/hooks',
    'https://100.100.100.200/hooks',
    'https://[fd00::1]/hooks',
    'https://[fe80::1]/hooks',
    'https://[64:ff9b::10.0.0.1]/hooks',
    'https://[2002:a00:1::]/hooks',
  ])('refuses %s', async (url) => {
    const world = await makeWorld(db.store);
    await expect(
      createWebhook({ ctx: world.ctx('partnerAdmin'), input: { url, events: ['*'] } }),
    ).rejects.toMatchObject(refusal);
  });

  it('allows exactly the ranges the operator lists in WEBHOOK_ALLOW_PRIVATE_NETWORKS', async () => {
    const world = await makeWorld(db.store);
    // An event this world never records: nothing is ever delivered to these addresses.
    const create = (url: string) =>
      createWebhook({ ctx: world.ctx('partnerAdmin'), input: { url, events: ['disclosure.decided'] } });
    process.env[ALLOW_PRIVATE_KEY] = '127.0.0.1, 10.20.0.0/16';
    expect((await create('http://127.0.0.1:9/hooks')).url).toBe('http://127.0.0.1:9/hooks');
    expect((await create('https://10.20.30.40/hooks')).url).toBe('https://10.20.30.40/hooks');
    await expect(create('http://127.0.0.2/hooks')).rejects.toMatchObject(refusal);
    await expect(create('https://10.21.0.1/hooks')).rejects.toMatchObject(refusal);
    await expect(create('http://[::1]/hooks')).rejects.toMatchObject(refusal);
    await expect(create('http://169.254.169.254/')).rejects.toMatchObject(refusal);
    process.env[ALLOW_PRIVATE_KEY] = '10.0.0.0/40';
    await expect(create('https://10.0.0.1/')).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      details: { key: ALLOW_PRIVATE_KEY, value: '10.0.0.0/40' },
    });
  });

  it('checks every address a name resolves to; a name that does not resolve yet is left to delivery', async () => {
    const resolving =
      (...addresses: string[]) =>
      async () =>
        addresses;
    const url = new URL('https://tracker.example.com/hooks');
    await expect(assertPublicTarget(url, { resolve: resolving('93.184.215.14') })).resolves.toBeUndefined();
    await expect(
      assertPublicTarget(url, { resolve: resolving('93.184.215.14', '10.0.0.9') }),
    ).rejects.toMatchObject({ ...refusal, details: { address: '10.0.0.9' } });
    await expect(
      assertPublicTarget(url, { resolve: resolving('2606:4700::1', '::ffff:192.168.0.1') }),
    ).rejects.toMatchObject(refusal);
    const unresolvable = async () => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
    };
    await expect(assertPublicTarget(url, { resolve: unresolvable })).resolves.toBeUndefined();
  });

  it('answers POST /api/webhooks with 400 naming the url', async () => {
    const world = await makeWorld(db.store, { passwords: true });
    const app = createApp({ store: db.store, logger: pino({ level: 'silent' }) });
    const admin = TestClient.over((path, init) => Promise.resolve(app.request(path, init)));
    await admin.signIn(world.users.studioAdmin.email, TEST_PASSWORD);
    const res = await admin.post('/api/webhooks', {
      url: 'http://169.254.169.254/latest/meta-data',
      events: ['*'],
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'INVALID_INPUT', details: { key: 'url' } });
    expect(res.body.error.message).toMatch(/link-local/);
  });
});

describe('delivering a webhook', () => {
  /** A webhook registered while loopback is allowed, one submitted disclosure, and a worker. */
  async function hookAndEvent(url: string, resolveHost?: (host: string) => Promise<readonly string[]>) {
    process.env[ALLOW_PRIVATE_KEY] = '127.0.0.1,::1';
    const world = await makeWorld(db.store);
    const hook = await createWebhook({
      ctx: world.ctx('partnerAdmin'),
      input: { url, events: ['disclosure.submitted'] },
    });
    await submitDisclosure({
      ctx: world.ctx('partner'),
      input: { productionId: world.productionId, disclosure: moodboard() },
    });
    const worker = startJobWorker({
      store: db.store,
      logger: pino({ level: 'silent' }),
      handlers: createJobRegistry([dispatchNotificationsJob, deliverWebhookJob]),
      pollMs: 0,
      services: { resolveHost },
    });
    const deliver = async () => {
      await db.store.sealLedger();
      await db.store.transaction((tx) => enqueueJob(tx, { name: 'notifications.dispatch', payload: {} }));
      await worker.drain();
      const [delivery] = await listDeliveries({
        ctx: world.ctx('partnerAdmin'),
        input: { webhookId: hook.id },
      });
      return delivery;
    };
    return { deliver };
  }

  it('reaches an allowed receiver, and refuses it before connecting once the allowance is gone', async () => {
    const allowed = await hookAndEvent(`http://127.0.0.1:${port}/allowed`);
    expect((await allowed.deliver())?.status).toBe('succeeded');
    expect(calls('/allowed')).toBe(1);

    const withdrawn = await hookAndEvent(`http://127.0.0.1:${port}/withdrawn`);
    delete process.env[ALLOW_PRIVATE_KEY];
    const delivery = await withdrawn.deliver();
    expect(delivery?.status).toBe('pending');
    expect(delivery?.log[0]?.error).toMatch(/^WebhookTargetRefused: 127\.0\.0\.1 is in the loopback/);
    expect(delivery?.log[0]?.statusCode).toBeNull();
    expect(calls('/withdrawn')).toBe(0);
  });

  it('checks the addresses the connection itself resolves: a name re-pointed inside is refused (DNS rebinding)', async () => {
    const hook = await hookAndEvent(`http://localhost:${port}/by-name`, async (host) => {
      expect(host).toBe('localhost');
      return ['127.0.0.1'];
    });
    expect((await hook.deliver())?.status).toBe('succeeded');
    expect(calls('/by-name')).toBe(1);

    for (const [i, rebound] of [
      ['10.0.0.7'],
      ['127.0.0.1', '169.254.169.254'],
      ['::ffff:10.0.0.7'],
    ].entries()) {
      const again = await hookAndEvent(`http://localhost:${port}/rebound-${i}`, async () => rebound);
      const delivery = await again.deliver();
      expect(delivery?.log[0]?.error, rebound.join(',')).toMatch(
        /^WebhookTargetRefused: localhost resolves to/,
      );
      expect(calls(`/rebound-${i}`)).toBe(0);
    }
  });
});
