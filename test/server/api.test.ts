import { sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, MAX_BODY_BYTES } from '../../src/server/app.js';
import { auditEvents, disclosures } from '../../src/store/schema.js';
import { consumerChatbot, finalShot, moodboard } from '../helpers/disclosures.js';
import { TestClient } from '../helpers/http-client.js';
import { openTestStore, type TestStore } from '../helpers/test-store.js';
import { makeWorld, TEST_PASSWORD, type World } from '../helpers/world.js';

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
  const signedIn = await c.signIn(world.users[who].email, TEST_PASSWORD);
  expect(signedIn.status).toBe(200);
  return c;
}

async function countRows(): Promise<{ disclosures: number; events: number }> {
  return db.store.transaction(async (tx) => {
    const [d] = await tx.select({ n: sql<number>`count(*)::int` }).from(disclosures);
    const [e] = await tx.select({ n: sql<number>`count(*)::int` }).from(auditEvents);
    return { disclosures: d?.n ?? 0, events: e?.n ?? 0 };
  });
}

const submitPath = () => `/api/productions/${world.productionId}/disclosures`;

describe('sign-in, sessions and tokens', () => {
  it('signs in with a HttpOnly SameSite=Lax cookie and returns the user and a CSRF token', async () => {
    const c = client();
    const res = await c.signIn(world.users.legal.email, TEST_PASSWORD);
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ email: world.users.legal.email, role: 'studio_legal' });
    expect(res.body.user).not.toHaveProperty('passwordHash');
    expect(typeof res.body.csrfToken).toBe('string');
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^cf_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });

  it('refuses a wrong password and an unknown email alike', async () => {
    const wrong = await client().signIn(world.users.legal.email, 'nope');
    const unknown = await client().signIn('nobody@test.example', 'nope');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.error.message).toBe(unknown.body.error.message);
  });

  it('refuses a cookie-authenticated write without the CSRF token, and writes nothing', async () => {
    const c = await as('partner');
    const before = await countRows();
    const res = await c.post(submitPath(), { disclosure: moodboard() }, { 'x-csrf-token': 'forged' });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('CSRF_FAILED');
    expect(await countRows()).toEqual(before);
  });

  it('issues an API token once and accepts it as Bearer; a tampered token is refused', async () => {
    const c = await as('partner');
    const created = await c.post('/api/auth/tokens', { name: 'cli' });
    expect(created.status).toBe(201);
    const token: string = created.body.token;
    const viaToken = client().withToken(token);
    expect((await viaToken.get('/api/auth/me')).body.user.email).toBe(world.users.partner.email);
    expect((await viaToken.post(submitPath(), { disclosure: moodboard() })).status).toBe(201);
    const tampered = client().withToken(`${token.slice(0, -2)}xx`);
    expect((await tampered.get('/api/auth/me')).status).toBe(401);
  });

  it('answers 401 without credentials', async () => {
    const res = await client().get('/api/disclosures');
    expect(res.status).toBe(401);
    expect(res.body.error).toMatchObject({ code: 'UNAUTHENTICATED', requestId: expect.any(String) });
  });
});

describe('bad input', () => {
  it('answers malformed JSON with 400 and a clear message', async () => {
    const c = await as('partner');
    const res = await c.raw('POST', submitPath(), {
      body: '{"disclosure":',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('INVALID_INPUT');
    expect(body.error.message).toMatch(/not valid JSON/);
    expect(JSON.stringify(body)).not.toMatch(/at .*\.(ts|js):\d+/);
  });

  it('lists every bad key with its value and the allowed values', async () => {
    const c = await as('legal');
    const res = await c.post('/api/disclosures/whatever/decisions', {
      decision: 'maybe',
      expiresAt: 7,
      surprise: true,
    });
    expect(res.status).toBe(400);
    const issues = res.body.error.details.issues as { path: string; value: unknown; allowed?: string[] }[];
    expect(issues.map((i) => i.path).sort()).toEqual(['decision', 'expiresAt', 'surprise']);
    expect(issues.find((i) => i.path === 'decision')).toMatchObject({
      value: 'maybe',
      allowed: ['acknowledge', 'request_info', 'approve', 'reject'],
    });
  });

  it('reports every problem inside the disclosure document and writes nothing', async () => {
    const c = await as('partner');
    const before = await countRows();
    const res = await c.post(submitPath(), {
      disclosure: { ...moodboard(), media: ['smell'], output: { final: 'perhaps' } },
    });
    expect(res.status).toBe(400);
    const paths = (res.body.error.details.issues as { path: string }[]).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['media[0]', 'output.final']));
    expect(await countRows()).toEqual(before);
  });

  it('refuses a body over the limit with 413 and a non-JSON body with 415', async () => {
    const c = await as('partner');
    const big = JSON.stringify({ disclosure: { ...moodboard(), description: 'x'.repeat(MAX_BODY_BYTES) } });
    const tooBig = await c.raw('POST', submitPath(), {
      body: big,
      headers: { 'content-type': 'application/json' },
    });
    expect(tooBig.status).toBe(413);
    expect(((await tooBig.json()) as { error: { code: string } }).error.code).toBe('PAYLOAD_TOO_LARGE');
    const form = await c.raw('POST', submitPath(), {
      body: 'a=b',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.status).toBe(415);
  });

  it('answers unknown ids and unknown routes with 404 in the one error shape', async () => {
    const c = await as('partner');
    for (const path of [
      '/api/disclosures/00000000-0000-0000-0000-000000000000',
      '/api/productions/nope',
      '/api/nothing-here',
    ]) {
      const res = await c.get(path);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
    }
  });
});

describe('tenancy over HTTP', () => {
  it("answers another organisation's production exactly like a missing one", async () => {
    const c = await as('partner');
    const other = await c.get(`/api/productions/${world.otherProductionId}`);
    const missing = await c.get('/api/productions/00000000-0000-0000-0000-000000000000');
    expect(other.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(other.body.error.message.replace(world.otherProductionId, 'ID')).toBe(
      missing.body.error.message.replace('00000000-0000-0000-0000-000000000000', 'ID'),
    );
    const mine = await c.get('/api/productions');
    expect(mine.body.items.map((p: { id: string }) => p.id)).toEqual([world.productionId]);
  });
});

describe('idempotency and optimistic concurrency', () => {
  it('replays an Idempotency-Key with the same body and refuses it with another', async () => {
    const c = await as('partner');
    const headers = { 'idempotency-key': `k-${Date.now()}` };
    const first = await c.post(submitPath(), { disclosure: moodboard() }, headers);
    const before = await countRows();
    const second = await c.post(submitPath(), { disclosure: moodboard() }, headers);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(await countRows()).toEqual(before);
    const other = await c.post(submitPath(), { disclosure: consumerChatbot() }, headers);
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('gives an ETag and answers a stale If-Match with 412', async () => {
    const partner = await as('partner');
    const legal = await as('legal');
    const created = await partner.post(submitPath(), { disclosure: finalShot() });
    const etag = created.headers.get('etag');
    expect(etag).toBe(`"v${created.body.version}"`);
    const fetched = await legal.get(`/api/disclosures/${created.body.id}`);
    expect(fetched.headers.get('etag')).toBe(etag);
    const info = await legal.post(
      `/api/disclosures/${created.body.id}/decisions`,
      { decision: 'request_info', note: 'Which shots exactly?' },
      { 'if-match': etag! },
    );
    expect(info.status).toBe(200);
    expect(info.body.state).toBe('info_requested');
    const stale = await partner.post(
      `/api/disclosures/${created.body.id}/revisions`,
      { disclosure: finalShot() },
      { 'if-match': etag! },
    );
    expect(stale.status).toBe(412);
    expect(stale.body.error).toMatchObject({
      code: 'PRECONDITION_FAILED',
      details: { currentVersion: info.body.version },
    });
  });

  it('answers an illegal move with 409, the current state and the allowed moves', async () => {
    const partner = await as('partner');
    const legal = await as('legal');
    const created = await partner.post(submitPath(), { disclosure: moodboard() });
    const res = await legal.post(`/api/disclosures/${created.body.id}/decisions`, { decision: 'approve' });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({
      code: 'INVALID_TRANSITION',
      details: { state: 'acknowledged', allowed: ['revise', 'amend', 'withdraw'] },
    });
  });
});

describe('permissions over HTTP', () => {
  it('refuses legal submitting and a partner approving with 403', async () => {
    const legal = await as('legal');
    expect((await legal.post(submitPath(), { disclosure: moodboard() })).status).toBe(403);
    const partner = await as('partner');
    const created = await partner.post(submitPath(), { disclosure: finalShot() });
    const res = await partner.post(`/api/disclosures/${created.body.id}/decisions`, { decision: 'approve' });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
  });

  it("lets an auditor verify the studio's chain but not comment", async () => {
    const auditor = await as('auditor');
    const verify = await auditor.get('/api/audit/verify');
    expect(verify.status).toBe(200);
    expect(verify.body).toMatchObject({ ok: true, orgId: world.studioId });
    const list = await auditor.get('/api/disclosures');
    const id = list.body.items[0].id;
    expect((await auditor.post(`/api/disclosures/${id}/comments`, { body: 'hi' })).status).toBe(403);
  });
});

describe('the API describes itself', () => {
  it('serves OpenAPI 3.1 built from the route schemas, a docs page and health', async () => {
    const c = client();
    const spec = await c.get('/api/openapi.json');
    expect(spec.status).toBe(200);
    expect(spec.body.openapi).toBe('3.1.0');
    expect(Object.keys(spec.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/productions/{productionId}/disclosures',
        '/api/disclosures/{disclosureId}/decisions',
        '/api/auth/sign-in',
      ]),
    );
    const docs = await c.raw('GET', '/api/docs');
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('/api/openapi.json');
    expect((await c.get('/api/health')).body).toMatchObject({ status: 'ok' });
  });
});
