import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.js';
import { readOidcSettings } from '../../src/services/auth/oidc.js';
import { openTestStore, type TestStore } from '../helpers/test-store.js';

let db: TestStore;
let app: ReturnType<typeof createApp>;
let provider: Server;
let issuer: string;

beforeAll(async () => {
  db = await openTestStore();
  app = createApp({ store: db.store, logger: pino({ level: 'silent' }) });
  // A local identity provider that serves only its discovery document.
  provider = createServer((req, res) => {
    if (req.url === '/.well-known/openid-configuration') {
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          issuer,
          authorization_endpoint: `${issuer}/authorize`,
          token_endpoint: `${issuer}/token`,
          jwks_uri: `${issuer}/jwks`,
          response_types_supported: ['code'],
          code_challenge_methods_supported: ['S256'],
        }),
      );
      return;
    }
    res.statusCode = 404;
    res.end();
  });
  await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(provider.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => provider.close(resolve));
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
  process.env['OIDC_REDIRECT_URL'] = 'http://localhost/api/auth/oidc/callback';
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
