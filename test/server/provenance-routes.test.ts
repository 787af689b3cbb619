import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.js';
import { TestClient } from '../helpers/http-client.js';
import { openTestStore, type TestStore } from '../helpers/test-store.js';
import { makeWorld, TEST_PASSWORD, type World } from '../helpers/world.js';

/** The asset-register and scan routes in-process: bad input named, tenancy as 404, OpenAPI listed. */
let db: TestStore;
let world: World;
let client: () => TestClient;

beforeAll(async () => {
  db = await openTestStore();
  world = await makeWorld(db.store, { passwords: true });
  const app = createApp({ store: db.store, logger: pino({ level: 'silent' }) });
  client = () => TestClient.over((path, init) => Promise.resolve(app.request(path, init)));
});
afterAll(async () => {
  await db?.dispose();
});

async function as(who: keyof World['users']): Promise<TestClient> {
  const c = client();
  expect((await c.signIn(world.users[who].email, TEST_PASSWORD)).status).toBe(200);
  return c;
}

const assetsPath = () => `/api/productions/${world.productionId}/assets`;
const sha = 'ab'.repeat(32);

describe('asset register routes', () => {
  it('registers assets (201) and lists them for delivery QC', async () => {
    const partner = await as('partner');
    const created = await partner.post(assetsPath(), {
      assets: [{ sha256: sha, fileName: 'matte.exr', usage: 'temporary', mediaType: 'image/x-exr' }],
    });
    expect(created.status).toBe(201);
    expect(created.body.items[0]).toMatchObject({ sha256: sha, usage: 'temporary', disclosureId: null });
    const qc = await as('qc');
    const listed = await qc.get(assetsPath());
    expect(listed.body.items.map((a: { sha256: string }) => a.sha256)).toEqual([sha]);
  });

  it('names the bad field and value: a short hash, an unknown usage', async () => {
    const partner = await as('partner');
    const bad = await partner.post(assetsPath(), {
      assets: [{ sha256: 'abc', fileName: 'x.exr', usage: 'forever' }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('INVALID_INPUT');
    const paths = bad.body.error.details.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['assets[0].sha256', 'assets[0].usage']));
  });

  it('answers 409 for a hash registered twice, 403 for a studio reviewer, 404 for another partner', async () => {
    const body = { assets: [{ sha256: sha, fileName: 'again.exr', usage: 'final' }] };
    expect((await (await as('partner')).post(assetsPath(), body)).status).toBe(409);
    expect((await (await as('legal')).post(assetsPath(), body)).status).toBe(403);
    expect((await (await as('otherPartner')).get(assetsPath())).status).toBe(404);
  });

  it('refuses a scan report that breaks the contract, naming where', async () => {
    const qc = await as('qc');
    const res = await qc.post(`/api/productions/${world.productionId}/scans`, {
      report: { items: [{ path: '/x.png', class: 'clean' }], summary: { items: 1 } },
    });
    expect(res.status).toBe(400);
    const paths = res.body.error.details.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['report.items[0].class']));
  });

  it('answers 404 for a scan that does not exist', async () => {
    const res = await (await as('qc')).get('/api/scans/nope');
    expect(res.status).toBe(404);
    expect(res.body.error.message).toContain('nope');
  });

  it('lists the routes in the OpenAPI document', async () => {
    const doc = await client().get('/api/openapi.json');
    for (const path of [
      '/api/productions/{productionId}/assets',
      '/api/assets/{assetId}/disclosure',
      '/api/productions/{productionId}/delivery-register',
      '/api/productions/{productionId}/scans',
      '/api/scans/{scanId}',
    ]) {
      expect(Object.keys(doc.body.paths)).toContain(path);
    }
  });
});
