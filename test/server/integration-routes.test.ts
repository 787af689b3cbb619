import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { createApp } from '../../src/server/app.js';
import { decideDisclosure } from '../../src/services/disclosures/decide-disclosure.js';
import { submitDisclosure } from '../../src/services/disclosures/submit-disclosure.js';
import { finalShot, moodboard } from '../helpers/disclosures.js';
import { TestClient } from '../helpers/http-client.js';
import { openTestStore, type TestStore } from '../helpers/test-store.js';
import { makeWorld, TEST_PASSWORD, type World, type WorldUser } from '../helpers/world.js';

let db: TestStore;
let world: World;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  db = await openTestStore();
  world = await makeWorld(db.store, { passwords: true });
  app = createApp({ store: db.store, logger: pino({ level: 'silent' }) });
});
afterAll(async () => {
  await db?.dispose();
});

async function as(who: WorldUser): Promise<TestClient> {
  const c = TestClient.over((path, init) => Promise.resolve(app.request(path, init)));
  expect((await c.signIn(world.users[who].email, TEST_PASSWORD)).status).toBe(200);
  return c;
}

describe('notification, webhook, report and import routes', () => {
  it('reads and changes email preferences, refusing an unknown kind with the key named', async () => {
    const contact = await as('contact');
    expect((await contact.get('/api/me/notification-preferences')).body).toEqual({
      language: 'en',
      optedOut: [],
      digest: true,
    });
    const put = await contact.json('PUT', '/api/me/notification-preferences', {
      language: 'it',
      optedOut: ['digest'],
    });
    expect(put.status).toBe(200);
    expect(put.body).toEqual({ language: 'it', optedOut: ['digest'], digest: true });
    const bad = await contact.json('PUT', '/api/me/notification-preferences', { optedOut: ['spam'] });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({
      code: 'INVALID_INPUT',
      details: { key: 'optedOut', value: ['spam'] },
    });
  });

  it('creates a webhook showing the secret once, lists it without, and 404s another organisation’s log', async () => {
    const admin = await as('studioAdmin');
    const created = await admin.post('/api/webhooks', {
      url: 'https://tracker.example.com/h',
      events: ['*'],
    });
    expect(created.status).toBe(201);
    expect(created.body.secret).toMatch(/^whsec_/);
    expect(created.body.secretHint).toBe(created.body.secret.slice(-4));
    const list = await admin.get('/api/webhooks');
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).not.toHaveProperty('secret');
    expect((await admin.get(`/api/webhooks/${created.body.id}/deliveries`)).body).toEqual({ items: [] });
    const partnerAdmin = await as('partnerAdmin');
    expect((await partnerAdmin.get(`/api/webhooks/${created.body.id}/deliveries`)).status).toBe(404);
    expect((await (await as('partner')).get('/api/webhooks')).status).toBe(403);
    expect((await partnerAdmin.post('/api/webhook-deliveries/nope/redeliver')).status).toBe(404);
    expect((await admin.json('DELETE', `/api/webhooks/${created.body.id}`)).status).toBe(204);
    expect((await admin.get('/api/webhooks')).body.items).toHaveLength(0);
  });

  it('exports the production report as formula-safe CSV and as PDF, and the approval letter with its code', async () => {
    const { result } = await submitDisclosure({
      ctx: world.ctx('partner'),
      input: { productionId: world.productionId, disclosure: finalShot('=cmd|calc a tower falls') },
    });
    await decideDisclosure({
      ctx: world.ctx('legal'),
      input: { disclosureId: result.id, decision: 'approve' },
    });
    const legal = await as('legal');
    const csv = await legal.raw('GET', `/api/productions/${world.productionId}/report?format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const text = await csv.text();
    expect(text).toContain("'=cmd|calc a tower falls");
    expect(text).not.toMatch(/(^|,)=cmd/m);
    const pdf = await legal.raw('GET', `/api/productions/${world.productionId}/report?format=pdf`);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    const view = await legal.get(`/api/disclosures/${result.id}`);
    const approvalId = view.body.approval?.id ?? view.body.approvals?.[0]?.id;
    expect(typeof approvalId).toBe('string');
    const letter = await legal.raw('GET', `/api/approvals/${approvalId}/letter`);
    expect(letter.status).toBe(200);
    expect(letter.headers.get('clearframe-verification-code')).toMatch(/^CF-/);
    expect((await (await as('qc')).raw('GET', `/api/productions/${world.productionId}/report`)).status).toBe(
      403,
    );
  });

  it('imports on a dry run with each row’s verdict, then for real, and refuses bad rows with 400 and row details', async () => {
    const partner = await as('partner');
    const { schema: _s, production: _p, ...doc } = moodboard();
    const content = stringify([doc, { ...doc, description: 'Second moodboard' }]);
    const path = `/api/productions/${world.productionId}/imports`;
    const dry = await partner.post(path, { format: 'yaml', content, dryRun: true });
    expect(dry.status).toBe(200);
    expect(dry.body.rows.map((r: { row: number; outcome: string }) => [r.row, r.outcome])).toEqual([
      [1, 'notify'],
      [2, 'notify'],
    ]);
    const real = await partner.post(path, { format: 'yaml', content });
    expect(real.status).toBe(201);
    expect(real.body.rows.every((r: { disclosureId?: string }) => typeof r.disclosureId === 'string')).toBe(
      true,
    );
    const bad = await partner.post(path, {
      format: 'yaml',
      content: stringify([{ ...doc, media: ['hologram'] }]),
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.rows[0]).toMatchObject({ row: 1, column: 'media[0]' });
  });

  it('documents every new route in the OpenAPI document', async () => {
    const spec = (await (await as('auditor')).get('/api/openapi.json')).body;
    for (const path of [
      '/api/me/notification-preferences',
      '/api/webhooks',
      '/api/webhooks/{webhookId}',
      '/api/webhooks/{webhookId}/deliveries',
      '/api/webhook-deliveries/{deliveryId}/redeliver',
      '/api/productions/{productionId}/report',
      '/api/approvals/{approvalId}/letter',
      '/api/productions/{productionId}/imports',
    ]) {
      expect(Object.keys(spec.paths)).toContain(path);
    }
  });
});
