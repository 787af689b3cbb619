import { eq } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.js';
import { CONTENT_SECURITY_POLICY } from '../../src/server/middleware/security-headers.js';
import { createApiToken } from '../../src/services/auth/create-api-token.js';
import { signIn } from '../../src/services/auth/sign-in.js';
import { auditEvents, sessions } from '../../src/store/schema.js';
import { moodboard } from '../helpers/disclosures.js';
import { TestClient } from '../helpers/http-client.js';
import { openTestStore, type TestStore } from '../helpers/test-store.js';
import { makeWorld, TEST_PASSWORD, type World } from '../helpers/world.js';

let db: TestStore;
let world: World;
let app: ReturnType<typeof createApp>;
const client = () => TestClient.over((path, init) => Promise.resolve(app.request(path, init)));
const withCookie = (cookie: string) =>
  TestClient.over((path, init) => {
    const headers = new Headers(init?.headers);
    headers.set('cookie', `cf_session=${cookie}`);
    return Promise.resolve(app.request(path, { ...init, headers }));
  });

beforeAll(async () => {
  db = await openTestStore();
  world = await makeWorld(db.store, { passwords: true });
  app = createApp({ store: db.store, logger: pino({ level: 'silent' }) });
});
afterAll(async () => {
  await db?.dispose();
});
afterEach(() => {
  delete process.env['SESSION_IDLE_MINUTES'];
  delete process.env['SESSION_ABSOLUTE_HOURS'];
  delete process.env['COOKIE_SECURE'];
});

const submitPath = () => `/api/productions/${world.productionId}/disclosures`;
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);
const ledgerTypes = async (orgId: string) =>
  (await db.store.read((d) => d.select().from(auditEvents).where(eq(auditEvents.orgId, orgId)))).map(
    (e) => e.type,
  );

describe('sessions', () => {
  it('rotates the session at sign-in: the cookie the browser carried before no longer works', async () => {
    const first = await signIn({
      store: db.store,
      input: { email: world.users.legal.email, password: TEST_PASSWORD },
    });
    expect((await withCookie(first.sessionToken).get('/api/auth/me')).status).toBe(200);
    const res = await withCookie(first.sessionToken).post('/api/auth/sign-in', {
      email: world.users.legal.email,
      password: TEST_PASSWORD,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).not.toContain(first.sessionToken);
    expect((await withCookie(first.sessionToken).get('/api/auth/me')).status).toBe(401);
  });

  it('refuses a session idle longer than the idle timeout (30 min by default)', async () => {
    const idle = await signIn({
      store: db.store,
      input: { email: world.users.contact.email, password: TEST_PASSWORD },
      now: minutesAgo(31),
    });
    const fresh = await signIn({
      store: db.store,
      input: { email: world.users.contact.email, password: TEST_PASSWORD },
      now: minutesAgo(29),
    });
    expect((await withCookie(idle.sessionToken).get('/api/auth/me')).status).toBe(401);
    expect((await withCookie(fresh.sessionToken).get('/api/auth/me')).status).toBe(200);
  });

  it('refuses a session past its absolute lifetime even while in use, and reads both limits from the environment', async () => {
    process.env['SESSION_IDLE_MINUTES'] = String(24 * 60);
    process.env['SESSION_ABSOLUTE_HOURS'] = '1';
    const old = await signIn({
      store: db.store,
      input: { email: world.users.qc.email, password: TEST_PASSWORD },
      now: minutesAgo(61),
    });
    const young = await signIn({
      store: db.store,
      input: { email: world.users.qc.email, password: TEST_PASSWORD },
      now: minutesAgo(59),
    });
    expect((await withCookie(old.sessionToken).get('/api/auth/me')).status).toBe(401);
    expect((await withCookie(young.sessionToken).get('/api/auth/me')).status).toBe(200);
  });

  it('refuses a tampered session cookie', async () => {
    const s = await signIn({
      store: db.store,
      input: { email: world.users.legal.email, password: TEST_PASSWORD },
    });
    const last = s.sessionToken.slice(-1);
    const tampered = s.sessionToken.slice(0, -1) + (last === 'A' ? 'B' : 'A');
    expect((await withCookie(tampered).get('/api/auth/me')).status).toBe(401);
    expect((await withCookie(s.sessionToken).get('/api/auth/me')).status).toBe(200);
  });

  it('refuses a cookie-authenticated write without the CSRF token', async () => {
    const s = await signIn({
      store: db.store,
      input: { email: world.users.partner.email, password: TEST_PASSWORD },
    });
    const res = await withCookie(s.sessionToken).post(submitPath(), { disclosure: moodboard() });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('CSRF_FAILED');
  });

  it('signs out everywhere: every session of the user ends, and the act is in the ledger', async () => {
    const a = client();
    const b = client();
    await a.signIn(world.users.auditor.email, TEST_PASSWORD);
    await b.signIn(world.users.auditor.email, TEST_PASSWORD);
    const res = await a.post('/api/auth/sign-out-everywhere');
    expect(res.status).toBe(200);
    expect(res.body.sessions).toBeGreaterThanOrEqual(2);
    expect((await a.get('/api/auth/me')).status).toBe(401);
    expect((await b.get('/api/auth/me')).status).toBe(401);
    const left = await db.store.read((d) =>
      d.select().from(sessions).where(eq(sessions.userId, world.users.auditor.userId)),
    );
    expect(left).toHaveLength(0);
    expect(await ledgerTypes(world.studioId)).toContain('session.revoked_all');
  });

  it('sets the Secure flag behind TLS (X-Forwarded-Proto: https or COOKIE_SECURE=always) and not over plain http', async () => {
    const signInWith = (headers: Record<string, string>) =>
      app.request('/api/auth/sign-in', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ email: world.users.legal.email, password: TEST_PASSWORD }),
      });
    expect((await signInWith({})).headers.get('set-cookie')).not.toMatch(/Secure/i);
    expect((await signInWith({ 'x-forwarded-proto': 'https' })).headers.get('set-cookie')).toMatch(
      /; Secure/i,
    );
    process.env['COOKIE_SECURE'] = 'always';
    expect((await signInWith({})).headers.get('set-cookie')).toMatch(/; Secure/i);
  });
});

describe('API tokens', () => {
  it('refuses an expired token', async () => {
    const past = new Date(Date.now() - 3 * 86_400_000);
    const created = await createApiToken({
      ctx: { ...world.ctx('partner'), now: () => past },
      input: { name: 'old', expiresInDays: 1 },
    });
    const res = await client().withToken(created.token).get('/api/auth/me');
    expect(res.status).toBe(401);
  });

  it('revokes a token at once; the revocation is in the ledger and another user cannot revoke it', async () => {
    const created = await createApiToken({ ctx: world.ctx('partner'), input: { name: 'ci' } });
    const viaToken = client().withToken(created.token);
    expect((await viaToken.get('/api/auth/me')).status).toBe(200);
    const other = client();
    await other.signIn(world.users.partnerAdmin.email, TEST_PASSWORD);
    expect((await other.json('DELETE', `/api/auth/tokens/${created.id}`)).status).toBe(404);
    expect((await viaToken.get('/api/auth/me')).status).toBe(200);
    const owner = client();
    await owner.signIn(world.users.partner.email, TEST_PASSWORD);
    const listed = await owner.get('/api/auth/tokens');
    expect(listed.body.items.map((t: { id: string }) => t.id)).toContain(created.id);
    expect(JSON.stringify(listed.body)).not.toContain(created.token);
    expect((await owner.json('DELETE', `/api/auth/tokens/${created.id}`)).status).toBe(204);
    expect((await viaToken.get('/api/auth/me')).status).toBe(401);
    expect(await ledgerTypes(world.partnerId)).toContain('api_token.revoked');
  });

  it('refuses a tampered token', async () => {
    const created = await createApiToken({ ctx: world.ctx('partner'), input: { name: 't' } });
    const tampered = `${created.token.slice(0, -2)}xx`;
    expect((await client().withToken(tampered).get('/api/auth/me')).status).toBe(401);
  });

  it('lets a read-only token read but refuses every write, minting tokens included', async () => {
    const created = await createApiToken({ ctx: world.ctx('partner'), input: { name: 'ro', scope: 'read' } });
    expect(created.scope).toBe('read');
    const viaToken = client().withToken(created.token);
    expect((await viaToken.get(`/api/productions/${world.productionId}`)).status).toBe(200);
    const write = await viaToken.post(submitPath(), { disclosure: moodboard() });
    expect(write.status).toBe(403);
    const mint = await viaToken.post('/api/auth/tokens', { name: 'escalate', scope: 'read_write' });
    expect(mint.status).toBe(403);
    await expect(
      createApiToken({
        ctx: {
          ...world.ctx('partner'),
          principal: { ...world.users.partner, via: 'api_token', scope: 'read' },
        },
        input: { name: 'escalate', scope: 'read_write' },
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('sign-in throttling and headers', () => {
  it('locks an account after repeated failures with 429 and Retry-After, for unknown emails alike', async () => {
    for (const email of [world.users.studioAdmin.email, 'nobody-at-all@test.example']) {
      const statuses: number[] = [];
      let last: Response | undefined;
      for (let i = 0; i < 7; i++) {
        last = await app.request('/api/auth/sign-in', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email, password: 'wrong password' }),
        });
        statuses.push(last.status);
      }
      expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
      expect(statuses.at(-1)).toBe(429);
      expect(Number(last?.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(((await (last as Response).json()) as { error: { code: string } }).error.code).toBe(
        'RATE_LIMITED',
      );
      if (email === world.users.studioAdmin.email) {
        // While locked even the right password is refused: guessing cannot continue.
        const locked = await client().signIn(email, TEST_PASSWORD);
        expect(locked.status).toBe(429);
      }
    }
  });

  it('throttles per address across accounts when behind a trusted proxy', async () => {
    process.env['TRUST_PROXY'] = '1';
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 23; i++) {
        const res = await app.request('/api/auth/sign-in', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.9' },
          body: JSON.stringify({ email: `spray-${i}@test.example`, password: 'x' }),
        });
        statuses.push(res.status);
      }
      expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
      expect(statuses.at(-1)).toBe(429);
      const elsewhere = await app.request('/api/auth/sign-in', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': '198.51.100.7' },
        body: JSON.stringify({ email: world.users.legal.email, password: TEST_PASSWORD }),
      });
      expect(elsewhere.status).toBe(200);
    } finally {
      delete process.env['TRUST_PROXY'];
    }
  });

  it('sends the security headers and a CSP without inline scripts on API answers and the web app', async () => {
    for (const path of ['/api/health', '/']) {
      const res = await app.request(path);
      expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    }
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
  });
});
