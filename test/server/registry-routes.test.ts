import { createHash } from 'node:crypto';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.js';
import { TestClient } from '../helpers/http-client.js';
import { toolRecord, usingTool } from '../helpers/registry.js';
import { openTestStore, type TestStore } from '../helpers/test-store.js';
import { makeWorld, TEST_PASSWORD, type World, type WorldUser } from '../helpers/world.js';

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

async function as(who: WorldUser): Promise<TestClient> {
  const c = client();
  expect((await c.signIn(world.users[who].email, TEST_PASSWORD)).status).toBe(200);
  return c;
}

describe('tool registry over HTTP', () => {
  it('lets the studio admin register and block a tool, shows partners approved entries only, and re-opens uses', async () => {
    const admin = await as('studioAdmin');
    const created = await admin.post('/api/tools', toolRecord({ name: 'Route Tool' }));
    expect(created.status).toBe(201);
    expect(created.headers.get('etag')).toBe('"v1"');
    await admin.post(
      '/api/tools',
      toolRecord({ name: 'Hidden Tool', status: 'blocked', statusReason: 'keeps uploads' }),
    );

    const partner = await as('partner');
    expect((await partner.post('/api/tools', toolRecord({ name: 'Mine' }))).status).toBe(403);
    const seen = await partner.get('/api/tools');
    expect(seen.body.items.map((t: { name: string }) => t.name)).toEqual(['Route Tool']);
    expect((await partner.get(`/api/tools/${created.body.id}`)).body.name).toBe('Route Tool');
    const hidden = (await admin.get('/api/tools')).body.items.find(
      (t: { name: string }) => t.name === 'Hidden Tool',
    );
    expect((await partner.get(`/api/tools/${hidden.id}`)).status).toBe(404);
    const submitted = await partner.post(`/api/productions/${world.productionId}/disclosures`, {
      disclosure: usingTool('route tool'),
    });
    expect(submitted.body.revision.verdict.facts.tools[0].registryStatus).toBe('approved');

    const blocked = await admin.json(
      'PUT',
      `/api/tools/${created.body.id}`,
      { ...toolRecord({ name: 'Route Tool' }), status: 'blocked', statusReason: 'trains on uploads' },
      { 'if-match': '"v1"' },
    );
    expect(blocked.status).toBe(200);
    expect(blocked.body.cascade).toEqual({ examined: 1, reopened: [submitted.body.id], approvalsVoided: 0 });
    const stale = await admin.json(
      'PUT',
      `/api/tools/${created.body.id}`,
      toolRecord({ name: 'Route Tool' }),
      {
        'if-match': '"v1"',
      },
    );
    expect(stale.status).toBe(412);
    const after = await partner.get(`/api/disclosures/${submitted.body.id}`);
    expect(after.body.state).toBe('blocked');
  });

  it('refuses a CSV import with a bad row by row and column, and exports CSV with formulas escaped', async () => {
    const admin = await as('studioAdmin');
    const header =
      'name,vendor,storesInputs,trainsOnInputs,enterpriseAgreement,sso,deployment,outputsC2pa,status,lastReviewedOn';
    const bad = await admin.post('/api/registry/tools/import', {
      format: 'csv',
      csv: `${header}\n=cmd,V,false,false,true,true,saas,true,approved,2026-01-01\nOk,V,maybe,false,true,true,saas,true,approved,2026-01-01\n`,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues).toMatchObject([{ row: 2, column: 'storesInputs' }]);
    const good = await admin.post('/api/registry/tools/import', {
      format: 'csv',
      csv: `${header}\n=cmd,V,false,false,true,true,saas,true,approved,2026-01-01\n`,
    });
    expect(good.body).toEqual({ created: 1, updated: 0, reopened: 0 });
    const exported = await admin.raw('GET', '/api/registry/tools/export?format=csv');
    expect(exported.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(await exported.text()).toContain("\n'=cmd,V,");
  });

  it("runs expiry for the admin's own studio only, and refuses other roles", async () => {
    const admin = await as('studioAdmin');
    const ran = await admin.post('/api/registry/expire');
    expect(ran.status).toBe(200);
    expect(ran.body).toEqual({ consentsExpired: 0, approvalsExpired: 0, reopened: 0 });
    expect((await (await as('legal')).post('/api/registry/expire')).status).toBe(403);
  });

  it('publishes the registry routes in the OpenAPI document', async () => {
    const doc = await client().get('/api/openapi.json');
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/tools',
        '/api/consents/{consentId}/document',
        '/api/registry/consents/import',
      ]),
    );
  });
});

describe('signed consent documents over HTTP', () => {
  const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(1_500_000, 1)]);

  it('takes a PDF over 1 MiB from legal, gives it back to legal only, and refuses one over 10 MiB', async () => {
    const legal = await as('legal');
    const performer = await legal.post('/api/performers', { displayName: 'Doc Performer' });
    expect(performer.status).toBe(201);
    const consent = await legal.post('/api/consents', {
      performerId: performer.body.id,
      productionId: world.productionId,
      use: 'voice_replica',
      description: 'Voice replica for ADR pick-ups in episode 2.',
      unionCovered: true,
      validFrom: '2026-01-01',
    });
    expect(consent.status).toBe(201);
    const path = `/api/consents/${consent.body.id}/document`;
    const upload = (c: TestClient, body: Buffer, type = 'application/pdf') =>
      c.raw('PUT', path, {
        body: body as never,
        headers: { 'content-type': type, 'x-file-name': 'signed.pdf' },
      });
    const stored = await upload(legal, pdf);
    expect(stored.status).toBe(200);
    expect(((await stored.json()) as { sha256: string }).sha256).toBe(
      createHash('sha256').update(pdf).digest('hex'),
    );

    const read = await legal.raw('GET', path);
    expect(read.status).toBe(200);
    expect(read.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.compare(Buffer.from(await read.arrayBuffer()), pdf)).toBe(0);

    for (const who of [
      'partner',
      'partnerAdmin',
      'vendor',
      'contact',
      'studioAdmin',
      'qc',
      'auditor',
    ] as const) {
      const other = await as(who);
      const denied = await other.raw('GET', path);
      expect(denied.status, who).toBe(403);
      expect((await upload(other, pdf)).status, who).toBe(403);
    }
    const tooBig = await upload(legal, Buffer.concat([pdf, Buffer.alloc(10 * 1024 * 1024)]));
    expect(tooBig.status).toBe(413);
    expect((await upload(legal, Buffer.from('<html></html>'), 'text/html')).status).toBe(415);
  });

  it('revokes a consent over HTTP and answers with the cascade', async () => {
    const legal = await as('legal');
    const [consent] = (await legal.get('/api/consents')).body.items;
    const revoked = await legal.post(`/api/consents/${consent.id}/revoke`, {
      reason: 'withdrawn by the performer',
    });
    expect(revoked.status).toBe(200);
    expect(revoked.body.consent.status).toBe('revoked');
    expect(revoked.body.cascade).toEqual({ examined: 0, reopened: [], approvalsVoided: 0 });
    expect((await legal.post(`/api/consents/${consent.id}/revoke`, { reason: 'again' })).status).toBe(409);
  });
});
