import { eq, sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.js';
import { readOidcSettings } from '../../src/services/auth/oidc.js';
import { users } from '../../src/store/schema.js';
import { type IdTokenTampering, startOidcProvider, type TestOidcProvider } from '../helpers/oidc-provider.js';
import { openTestStore, type TestStore } from '../helpers/test-store.js';
import { makeWorld, type World } from '../helpers/world.js';

/**
 * OIDC sign-in against a real provider running in this process (../helpers/oidc-provider.ts):
 * discovery, the browser's round trip through the authorization endpoint, the code exchange
 * with PKCE and client secret, and an RS256 ID token checked against the provider's JWKS.
 */
const REDIRECT_URL = 'https://clearframe.example/api/auth/oidc/callback';

let db: TestStore;
let world: World;
let app: ReturnType<typeof createApp>;
let provider: TestOidcProvider;
let issuer: string;

beforeAll(async () => {
  db = await openTestStore();
  world = await makeWorld(db.store);
  app = createApp({ store: db.store, logger: pino({ level: 'silent' }) });
  provider = await startOidcProvider({
    clientId: 'clearframe',
    clientSecret: 'client-secret',
    redirectUri: REDIRECT_URL,
  });
  issuer = provider.issuer;
});
afterAll(async () => {
  await provider?.close();
  await db?.dispose();
});
const KEYS = [
  'OIDC_ISSUER',
  'OIDC_CLIENT_ID',
  'OIDC_CLIENT_SECRET',
  'OIDC_REDIRECT_URL',
  'OIDC_ALLOW_INSECURE',
];
afterEach(() => {
  for (const k of KEYS) delete process.env[k];
});

function configure(): void {
  process.env['OIDC_ISSUER'] = issuer;
  process.env['OIDC_CLIENT_ID'] = 'clearframe';
  process.env['OIDC_CLIENT_SECRET'] = 'client-secret';
  process.env['OIDC_REDIRECT_URL'] = REDIRECT_URL;
  process.env['OIDC_ALLOW_INSECURE'] = '1';
}

describe('OIDC single sign-on', () => {
  it('is disabled when nothing is set, and names the missing keys when half configured', () => {
    expect(readOidcSettings({})).toEqual({ enabled: false });
    expect(() => readOidcSettings({ OIDC_ISSUER: 'https://id.example', OIDC_CLIENT_ID: 'x' })).toThrow(
      /OIDC_CLIENT_SECRET, OIDC_REDIRECT_URL/,
    );
    expect(() =>
      readOidcSettings({
        OIDC_ISSUER: 'not a url',
        OIDC_CLIENT_ID: 'x',
        OIDC_CLIENT_SECRET: 'y',
        OIDC_REDIRECT_URL: 'z',
      }),
    ).toThrow(/not a URL/);
  });

  it('tells the web app whether SSO is on, and answers start with 404 while it is off', async () => {
    expect(await (await app.request('/api/auth/oidc/config')).json()).toEqual({ enabled: false });
    expect((await app.request('/api/auth/oidc/start')).status).toBe(404);
    configure();
    expect(await (await app.request('/api/auth/oidc/config')).json()).toEqual({ enabled: true });
  });

  it("redirects to the provider's authorization endpoint (found by discovery) with PKCE and state kept in an HttpOnly cookie", async () => {
    configure();
    const res = await app.request('/api/auth/oidc/start');
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location') ?? '');
    expect(`${location.origin}${location.pathname}`).toBe(`${issuer}/authorize`);
    expect(location.searchParams.get('client_id')).toBe('clearframe');
    expect(location.searchParams.get('code_challenge_method')).toBe('S256');
    const state = location.searchParams.get('state') ?? '';
    expect(state.length).toBeGreaterThan(20);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^cf_oidc=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toContain(state);
  });

  it('refuses a callback without the flow cookie', async () => {
    configure();
    const res = await app.request('/api/auth/oidc/callback?code=abc&state=def');
    expect(res.status).toBe(401);
  });
});

type Flow = { flowCookie: string; callback: URL };

/** start -> the provider's authorization endpoint (signing in as `email`) -> back at the callback URL. */
async function authorize(email: string, tampering?: IdTokenTampering): Promise<Flow> {
  const start = await app.request('/api/auth/oidc/start');
  expect(start.status).toBe(302);
  const flowCookie = (start.headers.get('set-cookie') ?? '').split(';')[0] as string;
  provider.next(email, tampering);
  const atProvider = await fetch(start.headers.get('location') as string, { redirect: 'manual' });
  expect(atProvider.status).toBe(302);
  const callback = new URL(atProvider.headers.get('location') as string);
  expect(`${callback.origin}${callback.pathname}`).toBe(REDIRECT_URL);
  return { flowCookie, callback };
}

/**
 * The browser returns to the callback. The request reaches the app by another host than the
 * public redirect URL, as it does behind a TLS-terminating proxy.
 */
function callBack({ flowCookie, callback }: Flow, cookies: string[] = []): Promise<Response> {
  return Promise.resolve(
    app.request(`http://app.internal:3000${callback.pathname}${callback.search}`, {
      headers: { cookie: [flowCookie, ...cookies].join('; ') },
    }),
  );
}

function sessionCookieOf(res: Response): string | undefined {
  return res.headers
    .getSetCookie()
    .find((c) => c.startsWith('cf_session=') && !c.startsWith('cf_session=;'))
    ?.split(';')[0];
}

describe('OIDC authorization-code sign-in with a signed ID token', () => {
  it('signs in the active user with the verified email: session cookie set, flow cookie cleared', async () => {
    configure();
    const res = await callBack(await authorize(world.users.legal.email));
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/');
    const setCookies = res.headers.getSetCookie();
    const session = setCookies.find((c) => c.startsWith('cf_session='));
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Lax/i);
    expect(setCookies.some((c) => /^cf_oidc=;/.test(c) && /Max-Age=0/i.test(c))).toBe(true);
    const me = await app.request('/api/auth/me', { headers: { cookie: sessionCookieOf(res) as string } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ user: { email: world.users.legal.email, role: 'studio_legal' } });
    expect(provider.refusals).toEqual([]);
  });

  it('rotates a session the browser already carried', async () => {
    configure();
    const first = sessionCookieOf(await callBack(await authorize(world.users.qc.email))) as string;
    const second = await callBack(await authorize(world.users.qc.email), [first]);
    expect(second.status).toBe(302);
    expect(sessionCookieOf(second)).not.toBe(first);
    expect((await app.request('/api/auth/me', { headers: { cookie: first } })).status).toBe(401);
  });

  const refused: [string, (email: string) => Promise<Response>][] = [
    [
      'an ID token with another nonce',
      async (email) => callBack(await authorize(email, { claims: { nonce: 'replayed-nonce' } })),
    ],
    [
      'an ID token without the nonce',
      async (email) => callBack(await authorize(email, { claims: { nonce: undefined } })),
    ],
    [
      'an ID token from another issuer',
      async (email) => callBack(await authorize(email, { claims: { iss: 'https://impostor.example' } })),
    ],
    [
      'an ID token for another client',
      async (email) => callBack(await authorize(email, { claims: { aud: 'someone-else' } })),
    ],
    [
      'an expired ID token',
      async (email) =>
        callBack(await authorize(email, { claims: { exp: Math.floor(Date.now() / 1000) - 600 } })),
    ],
    [
      'an ID token signed with a key the provider does not publish',
      async (email) => callBack(await authorize(email, { foreignKey: true })),
    ],
    [
      "a callback whose state is not the flow's",
      async (email) => {
        const flow = await authorize(email);
        flow.callback.searchParams.set('state', 'forged-state');
        return callBack(flow);
      },
    ],
    [
      "the flow cookie of another browser's sign-in",
      async (email) => {
        const mine = await authorize(email);
        const theirs = await authorize(email);
        return callBack({ flowCookie: theirs.flowCookie, callback: mine.callback });
      },
    ],
    [
      'an email the provider does not vouch for',
      async (email) => callBack(await authorize(email, { claims: { email_verified: false } })),
    ],
  ];
  for (const [what, attempt] of refused) {
    it(`refuses ${what}: 401, no session`, async () => {
      configure();
      const res = await attempt(world.users.contact.email);
      expect(res.status).toBe(401);
      expect(sessionCookieOf(res)).toBeUndefined();
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('UNAUTHENTICATED');
    });
  }

  it('refuses an email with no account (accounts come by invitation only) and creates none', async () => {
    configure();
    const count = async () =>
      (await db.store.read((d) => d.select({ n: sql<number>`count(*)::int` }).from(users)))[0]?.n;
    const before = await count();
    const res = await callBack(await authorize('stranger@identity.example'));
    expect(res.status).toBe(401);
    expect(sessionCookieOf(res)).toBeUndefined();
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/invitation/);
    expect(await count()).toBe(before);
    const stranger = await db.store.read((d) =>
      d.select().from(users).where(eq(users.email, 'stranger@identity.example')),
    );
    expect(stranger).toEqual([]);
  });

  it('refuses a deactivated user even when the provider vouches for the email', async () => {
    configure();
    await db.store.transaction((tx) =>
      tx.update(users).set({ active: false }).where(eq(users.id, world.users.auditor.userId)),
    );
    const res = await callBack(await authorize(world.users.auditor.email));
    expect(res.status).toBe(401);
    expect(sessionCookieOf(res)).toBeUndefined();
  });
});
