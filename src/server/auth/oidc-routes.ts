import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { AppError } from '../../domain/errors.js';
import { finishOidc, readOidcSettings, startOidc } from '../../services/auth/oidc.js';
import { sessionPolicy } from '../../services/auth/session-policy.js';
import type { AppEnv } from '../http/env.js';
import { errorResponses } from '../http/schemas.js';
import { SESSION_COOKIE } from './authenticate.js';
import { isSecureRequest } from './cookie-options.js';

/** Holds the state, PKCE verifier and nonce between start and callback (10 minutes, HttpOnly, Lax). */
const FLOW_COOKIE = 'cf_oidc';

const configRoute = createRoute({
  method: 'get',
  path: '/api/auth/oidc/config',
  tags: ['auth'],
  summary: 'Whether single sign-on is configured (the web app shows its SSO button when enabled)',
  responses: {
    200: {
      description: 'SSO status',
      content: { 'application/json': { schema: z.object({ enabled: z.boolean() }) } },
    },
    ...errorResponses,
  },
});

const startRoute = createRoute({
  method: 'get',
  path: '/api/auth/oidc/start',
  tags: ['auth'],
  summary: 'Redirect to the identity provider',
  responses: { 302: { description: 'To the identity provider' }, ...errorResponses },
});

const callbackRoute = createRoute({
  method: 'get',
  path: '/api/auth/oidc/callback',
  tags: ['auth'],
  summary: 'Return from the identity provider: sets the session cookie and redirects to the app',
  request: {
    query: z
      .object({ code: z.string().max(4096).optional(), state: z.string().max(512).optional() })
      .passthrough(),
  },
  responses: { 302: { description: 'Signed in; to the app' }, ...errorResponses },
});

function enabledSettings() {
  const settings = readOidcSettings();
  if (!settings.enabled) throw new AppError('NOT_FOUND', 'Single sign-on is not configured on this server.');
  return settings;
}

export function registerOidcRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(configRoute, (c) => c.json({ enabled: readOidcSettings().enabled }, 200));
  app.openapi(startRoute, async (c) => {
    const flow = await startOidc(enabledSettings());
    setCookie(c, FLOW_COOKIE, `${flow.state}.${flow.verifier}.${flow.nonce}`, {
      httpOnly: true,
      sameSite: 'Lax',
      path: '/api/auth/oidc',
      secure: isSecureRequest(c),
      maxAge: 600,
    });
    return c.redirect(flow.url, 302);
  });
  app.openapi(callbackRoute, async (c) => {
    const settings = enabledSettings();
    const [state, verifier, nonce] = (getCookie(c, FLOW_COOKIE) ?? '').split('.');
    deleteCookie(c, FLOW_COOKIE, { path: '/api/auth/oidc' });
    if (!state || !verifier || !nonce) {
      throw new AppError(
        'UNAUTHENTICATED',
        'The sign-in flow expired or was started elsewhere; start again.',
      );
    }
    const result = await finishOidc({
      store: c.get('store'),
      settings,
      query: new URL(c.req.url).search,
      flow: { state, verifier, nonce },
      previousSessionToken: getCookie(c, SESSION_COOKIE),
    });
    setCookie(c, SESSION_COOKIE, result.sessionToken, {
      httpOnly: true,
      sameSite: 'Lax',
      path: '/',
      secure: isSecureRequest(c),
      maxAge: Math.floor(sessionPolicy().absoluteMs / 1000),
    });
    return c.redirect('/', 302);
  });
}
