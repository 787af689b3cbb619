import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deactivateUser } from '../../src/services/admin/manage-users.js';
import { provisionOrganisation, provisionUser } from '../../src/services/admin/provision.js';
import { auditEvents, notices, productions } from '../../src/store/schema.js';
import { moodboard } from '../helpers/disclosures.js';
import { TestClient } from '../helpers/http-client.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { makeWorld, TEST_PASSWORD, type World, type WorldUser } from '../helpers/world.js';

/**
 * Production administration over real HTTP (the server of `startServer` on port 0, PGlite or
 * PostgreSQL): a studio admin creates a production, renames it under If-Match, and sets its
 * vendors and named contacts; bad parties are refused naming each key and value with nothing
 * written; another studio's production answers exactly as a missing one.
 */
let running: TestServer;
let a: World;
let b: World;
/** A second studio contact of studio A, a deactivated one, and a second vendor. */
let contact2: string;
let retiredContact: string;
let vendor2: string;

beforeAll(async () => {
  running = await startTestServer();
  const store = running.server.store;
  a = await makeWorld(store, { passwords: true });
  b = await makeWorld(store, { passwords: true });
  const tag = randomUUID().slice(0, 8);
  const studioContact = async (name: string) =>
    (
      await provisionUser(store, {
        orgId: a.studioId,
        email: `${name}-${tag}@test.example`,
        name,
        role: 'studio_contact',
      })
    ).id;
  contact2 = await studioContact('second-contact');
  retiredContact = await studioContact('retired-contact');
  await deactivateUser({ ctx: a.ctx('studioAdmin'), input: { userId: retiredContact } });
  vendor2 = (await provisionOrganisation(store, { kind: 'vendor', name: `Second vendor ${tag}` })).id;
}, 180_000);
afterAll(async () => {
  await running?.dispose();
});

const http = () => TestClient.over((path, init) => fetch(`${running.server.url}${path}`, init));

async function as(world: World, who: WorldUser): Promise<TestClient> {
  const client = http();
  expect((await client.signIn(world.users[who].email, TEST_PASSWORD)).status).toBe(200);
  return client;
}

const patch = (c: TestClient, path: string, body: unknown, headers: Record<string, string> = {}) =>
  c.json('PATCH', path, body, headers);
const put = (c: TestClient, path: string, body: unknown, headers: Record<string, string> = {}) =>
  c.json('PUT', path, body, headers);

/** Rows that a refused request must leave alone. */
async function counts(): Promise<{ productions: number; events: number }> {
  return running.server.store.read(async (db) => {
    const [p] = await db.select({ n: sql<number>`count(*)::int` }).from(productions);
    const [e] = await db.select({ n: sql<number>`count(*)::int` }).from(auditEvents);
    return { productions: p?.n ?? 0, events: e?.n ?? 0 };
  });
}

async function ledgerOf(orgId: string, productionId: string) {
  await running.server.store.sealLedger();
  const rows = await running.server.store.read((db) =>
    db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.orgId, orgId), sql`${auditEvents.data}->>'productionId' = ${productionId}`))
      .orderBy(auditEvents.entry),
  );
  return rows.map((r) => ({ type: r.type, actorId: r.actorId, data: r.data as Record<string, unknown> }));
}

const newProduction = (over: Record<string, unknown> = {}) => ({
  title: `Salt Marsh ${randomUUID().slice(0, 6)}`,
  format: 'documentary',
  partnerOrgId: a.partnerId,
  vendorOrgIds: [a.vendorId],
  contactIds: [a.users.contact.userId],
  ...over,
});

describe('creating a production', () => {
  it('lets a studio admin create one of their studio, seen by its partner and vendor, and records it', async () => {
    const admin = await as(a, 'studioAdmin');
    const body = newProduction();
    const created = await admin.post('/api/productions', body);
    expect(created.status).toBe(201);
    expect(created.headers.get('etag')).toBe('"v1"');
    expect(created.headers.get('location')).toBe(`/api/productions/${created.body.id}`);
    expect(created.body).toMatchObject({
      title: body.title,
      format: 'documentary',
      studioOrgId: a.studioId,
      partnerOrgId: a.partnerId,
      vendorOrgIds: [a.vendorId],
      contactIds: [a.users.contact.userId],
      version: 1,
    });
    const fetched = await admin.get(`/api/productions/${created.body.id}`);
    expect(fetched.body).toEqual(created.body);
    expect(fetched.headers.get('etag')).toBe('"v1"');

    for (const who of ['partner', 'vendor'] as const) {
      const seen = await (await as(a, who)).get('/api/productions');
      expect(seen.body.items.map((p: { id: string }) => p.id)).toContain(created.body.id);
    }
    const stranger = await (await as(a, 'otherPartner')).get(`/api/productions/${created.body.id}`);
    expect(stranger.status).toBe(404);

    expect(await ledgerOf(a.studioId, created.body.id)).toEqual([
      {
        type: 'production.created',
        actorId: a.users.studioAdmin.userId,
        data: {
          productionId: created.body.id,
          title: body.title,
          format: 'documentary',
          partnerOrgId: a.partnerId,
          vendorOrgIds: [a.vendorId],
          contactIds: [a.users.contact.userId],
        },
      },
    ]);
  });

  it('replays an Idempotency-Key with the same body and refuses it with another', async () => {
    const admin = await as(a, 'studioAdmin');
    const headers = { 'idempotency-key': `production-${randomUUID()}` };
    const body = newProduction();
    const first = await admin.post('/api/productions', body, headers);
    const before = await counts();
    const again = await admin.post('/api/productions', body, headers);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    const other = await admin.post('/api/productions', { ...body, title: 'Another title' }, headers);
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await counts()).toEqual(before);
  });

  it('refuses parties that do not fit, naming each key, value and what is allowed, and writes nothing', async () => {
    const admin = await as(a, 'studioAdmin');
    const missing = randomUUID();
    const before = await counts();
    const res = await admin.post(
      '/api/productions',
      newProduction({
        partnerOrgId: a.vendorId,
        vendorOrgIds: [a.vendorId, a.partnerId, missing, a.vendorId],
        contactIds: [a.users.legal.userId, b.users.contact.userId, retiredContact],
      }),
    );
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('INVALID_INPUT');
    expect(res.body.error.message).toContain(`partnerOrgId "${a.vendorId}"`);
    expect(res.body.error.details.issues).toEqual([
      {
        path: 'partnerOrgId',
        value: a.vendorId,
        message: 'is a vendor organisation; only a partner organisation is allowed here',
      },
      {
        path: 'vendorOrgIds[1]',
        value: a.partnerId,
        message: 'is a partner organisation; only a vendor organisation is allowed here',
      },
      {
        path: 'vendorOrgIds[2]',
        value: missing,
        message: 'no organisation has this id; send the id of a vendor organisation',
      },
      {
        path: 'vendorOrgIds[3]',
        value: a.vendorId,
        message: 'appears more than once; send each id once',
      },
      {
        path: 'contactIds[0]',
        value: a.users.legal.userId,
        message: 'is a studio_legal user; only active users with the role studio_contact are allowed',
      },
      {
        // Another studio's contact is reported like a missing user: nothing about them leaks.
        path: 'contactIds[1]',
        value: b.users.contact.userId,
        message: "no user of this production's studio has this id; send the id of an active studio contact",
      },
      {
        path: 'contactIds[2]',
        value: retiredContact,
        message: 'is a deactivated user; only active studio contacts are allowed',
      },
    ]);
    expect(await counts()).toEqual(before);
  });

  it('refuses a format outside the vocabulary with the allowed values, and unknown keys', async () => {
    const admin = await as(a, 'studioAdmin');
    const before = await counts();
    const format = await admin.post('/api/productions', newProduction({ format: 'telenovela' }));
    expect(format.status).toBe(400);
    expect(format.body.error.details.issues).toEqual([
      expect.objectContaining({
        path: 'format',
        value: 'telenovela',
        allowed: ['scripted', 'documentary', 'unscripted', 'animation', 'other'],
      }),
    ]);
    const studio = await admin.post('/api/productions', newProduction({ studioOrgId: b.studioId }));
    expect(studio.status).toBe(400);
    expect(studio.body.error.details.issues[0]).toMatchObject({ path: 'studioOrgId', value: b.studioId });
    expect(await counts()).toEqual(before);
  });

  it('is refused to every role but studio admin', async () => {
    for (const who of ['partnerAdmin', 'contact', 'legal', 'auditor'] as const) {
      const res = await (await as(a, who)).post('/api/productions', newProduction());
      expect(res.status, who).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    }
  });
});

describe('changing a production', () => {
  it('renames under If-Match, answers a stale ETag with 412, and ignores a change to the same value', async () => {
    const admin = await as(a, 'studioAdmin');
    const created = await admin.post('/api/productions', newProduction());
    const path = `/api/productions/${created.body.id}`;
    const renamed = await patch(admin, path, { title: 'Salt Marsh (working title)' }, { 'if-match': '"v1"' });
    expect(renamed.status).toBe(200);
    expect(renamed.headers.get('etag')).toBe('"v2"');
    expect(renamed.body).toMatchObject({
      title: 'Salt Marsh (working title)',
      format: 'documentary',
      version: 2,
    });

    const before = await counts();
    const stale = await patch(admin, path, { format: 'scripted' }, { 'if-match': '"v1"' });
    expect(stale.status).toBe(412);
    expect(stale.body.error).toMatchObject({
      code: 'PRECONDITION_FAILED',
      details: { expectedVersion: 1, currentVersion: 2 },
    });
    const same = await patch(admin, path, { title: 'Salt Marsh (working title)' }, { 'if-match': '"v2"' });
    expect(same.body.version).toBe(2);
    expect(await counts()).toEqual(before);

    const reformatted = await patch(admin, path, { format: 'scripted' });
    expect(reformatted.body).toMatchObject({ format: 'scripted', version: 3 });
    const updates = (await ledgerOf(a.studioId, created.body.id)).filter(
      (e) => e.type === 'production.updated',
    );
    expect(updates.map((e) => e.data['changes'])).toEqual([
      [{ field: 'title', from: created.body.title, to: 'Salt Marsh (working title)' }],
      [{ field: 'format', from: 'documentary', to: 'scripted' }],
    ]);
  });

  it('sets the vendors: a vendor taken off no longer sees the production', async () => {
    const admin = await as(a, 'studioAdmin');
    const vendor = await as(a, 'vendor');
    const created = await admin.post('/api/productions', newProduction());
    const path = `/api/productions/${created.body.id}`;
    expect((await vendor.get(path)).status).toBe(200);

    const swapped = await put(admin, `${path}/vendors`, { vendorOrgIds: [vendor2] }, { 'if-match': '"v1"' });
    expect(swapped.status).toBe(200);
    expect(swapped.body).toMatchObject({ vendorOrgIds: [vendor2], version: 2 });
    expect((await vendor.get(path)).status).toBe(404);

    const stale = await put(admin, `${path}/vendors`, { vendorOrgIds: [] }, { 'if-match': '"v1"' });
    expect(stale.status).toBe(412);
    const wrong = await put(admin, `${path}/vendors`, { vendorOrgIds: [a.partnerId] });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details.issues[0]).toMatchObject({ path: 'vendorOrgIds[0]', value: a.partnerId });

    const events = (await ledgerOf(a.studioId, created.body.id)).filter(
      (e) => e.type === 'production.vendors_set',
    );
    expect(events.map((e) => e.data)).toEqual([
      {
        productionId: created.body.id,
        vendorOrgIds: [vendor2],
        added: [vendor2],
        removed: [a.vendorId],
      },
    ]);
  });

  it('sets the named contacts: the next disclosure notifies them and no one else', async () => {
    const admin = await as(a, 'studioAdmin');
    const created = await admin.post('/api/productions', newProduction());
    const path = `/api/productions/${created.body.id}`;
    const set = await put(admin, `${path}/contacts`, { contactIds: [contact2] });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ contactIds: [contact2], version: 2 });

    const submitted = await (await as(a, 'partner')).post(`${path}/disclosures`, { disclosure: moodboard() });
    expect(submitted.status).toBe(201);
    const told = await running.server.store.read((db) =>
      db.select({ to: notices.recipientId }).from(notices).where(eq(notices.disclosureId, submitted.body.id)),
    );
    expect(told.map((n) => n.to)).toEqual([contact2]);

    const refused = await put(admin, `${path}/contacts`, { contactIds: [retiredContact] });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.issues[0]).toMatchObject({
      path: 'contactIds[0]',
      value: retiredContact,
    });
    const events = (await ledgerOf(a.studioId, created.body.id)).filter(
      (e) => e.type === 'production.contacts_set',
    );
    expect(events.map((e) => e.data)).toEqual([
      {
        productionId: created.body.id,
        contactIds: [contact2],
        added: [contact2],
        removed: [a.users.contact.userId],
      },
    ]);
  });

  it("answers another studio's production exactly as a missing one, and writes nothing", async () => {
    const theirs = await as(b, 'studioAdmin');
    const before = await counts();
    const requests: [string, string, unknown][] = [
      ['GET', '', undefined],
      ['PATCH', '', { title: 'Taken over' }],
      ['PUT', '/vendors', { vendorOrgIds: [] }],
      ['PUT', '/contacts', { contactIds: [] }],
    ];
    for (const [method, suffix, body] of requests) {
      const other = await theirs.json(method, `/api/productions/${a.productionId}${suffix}`, body);
      const missing = await theirs.json(method, `/api/productions/${randomUUID()}${suffix}`, body);
      expect(other.status, `${method} ${suffix}`).toBe(404);
      expect(missing.status).toBe(404);
      expect(other.body.error.code).toBe(missing.body.error.code);
      expect(other.body.error.message.replace(a.productionId, 'ID')).toBe(
        missing.body.error.message.replace(/[0-9a-f-]{36}/, 'ID'),
      );
    }
    expect(await counts()).toEqual(before);
  });

  it('lists the partner and vendor organisations to studio admins alone', async () => {
    const listed = await (await as(a, 'studioAdmin')).get('/api/admin/organisations');
    expect(listed.status).toBe(200);
    const byId = new Map(listed.body.items.map((o: { id: string; kind: string }) => [o.id, o.kind]));
    expect(byId.get(a.partnerId)).toBe('partner');
    expect(byId.get(vendor2)).toBe('vendor');
    expect(byId.has(a.studioId)).toBe(false);
    expect((await (await as(a, 'partnerAdmin')).get('/api/admin/organisations')).status).toBe(403);
  });

  it('documents the new operations in the OpenAPI document', async () => {
    const doc = (await http().get('/api/openapi.json')).body;
    expect(Object.keys(doc.paths['/api/productions'])).toEqual(expect.arrayContaining(['get', 'post']));
    expect(Object.keys(doc.paths['/api/productions/{productionId}'])).toEqual(
      expect.arrayContaining(['get', 'patch']),
    );
    expect(doc.paths['/api/productions/{productionId}/vendors'].put).toBeDefined();
    expect(doc.paths['/api/productions/{productionId}/contacts'].put).toBeDefined();
    expect(doc.components.schemas.Production.properties).toHaveProperty('contactIds');
  });
});
