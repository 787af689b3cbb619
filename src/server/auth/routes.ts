import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { TOKEN_SCOPES } from '../../domain/permissions.js';
import { listApiTokens, revokeApiToken } from '../../services/auth/api-tokens.js';
import { signOut } from '../../services/auth/authenticate.js';
import { createApiToken } from '../../services/auth/create-api-token.js';
import { toUserDto } from '../../services/auth/principal.js';
import { signOutEverywhere } from '../../services/auth/revoke-sessions.js';
import { sessionPolicy } from '../../services/auth/session-policy.js';
import { signIn } from '../../services/auth/sign-in.js';
import type { AppEnv } from '../http/env.js';
import { errorResponses, writeErrorResponses } from '../http/schemas.js';
import { SESSION_COOKIE } from './authenticate.js';
import { clientAddress, isSecureRequest } from './cookie-options.js';

const UserSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: z.string(),
    organisation: z.object({ id: z.string(), kind: z.string() }),
  })
  .openapi('User');

const signInRoute = createRoute({
  method: 'post',
  path: '/api/auth/sign-in',
  tags: ['auth'],
  summary: 'Sign in with email and password; sets the session cookie',
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.strictObject({
            email: z.string().min(3).max(320),
            password: z.string().min(1).max(1024),
          }),
        },
      },
    },
  },
  responses: {
    200: {
      description: 'Signed in; send csrfToken as X-CSRF-Token with cookie-authenticated writes',
      content: { 'application/json': { schema: z.object({ user: UserSchema, csrfToken: z.string() }) } },
    },
    ...errorResponses,
  },
});

const signOutRoute = createRoute({
  method: 'post',
  path: '/api/auth/sign-out',
  tags: ['auth'],
  summary: 'End this session',
  responses: { 204: { description: 'Signed out' }, ...errorResponses },
});

const meRoute = createRoute({
  method: 'get',
  path: '/api/auth/me',
  tags: ['auth'],
  summary: 'Who am I',
  responses: {
    200: {
      description: 'The signed-in user',
      content: { 'application/json': { schema: z.object({ user: UserSchema }) } },
    },
    ...errorResponses,
  },
});

const createTokenRoute = createRoute({
  method: 'post',
  path: '/api/auth/tokens',
  tags: ['auth'],
  summary: 'Create an API token for the CLI (shown once)',
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.strictObject({
            name: z.string().min(1).max(100),
            expiresInDays: z.number().int().min(1).max(366).optional(),
            scope: z.enum(TOKEN_SCOPES).optional(),
          }),
        },
      },
    },
  },
  responses: {
    201: {
      description: 'The token; store it now, it is not shown again',
      content: {
        'application/json': {
          schema: z.object({
            id: z.string(),
            name: z.string(),
            token: z.string(),
            expiresAt: z.string().nullable(),
            scope: z.enum(TOKEN_SCOPES),
          }),
        },
      },
    },
    ...writeErrorResponses,
  },
});

const signOutEverywhereRoute = createRoute({
  method: 'post',
  path: '/api/auth/sign-out-everywhere',
  tags: ['auth'],
  summary: 'End every session of the signed-in user, in every browser',
  responses: {
    200: {
      description: 'How many sessions ended',
      content: { 'application/json': { schema: z.object({ sessions: z.number().int() }) } },
    },
    ...writeErrorResponses,
  },
});

const TokenSummarySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    scope: z.string(),
    createdAt: z.string(),
    expiresAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .openapi('ApiTokenSummary');

const listTokensRoute = createRoute({
  method: 'get',
  path: '/api/auth/tokens',
  tags: ['auth'],
  summary: 'Your API tokens (never their secrets)',
  responses: {
    200: {
      description: 'Newest first',
      content: { 'application/json': { schema: z.object({ items: z.array(TokenSummarySchema) }) } },
    },
    ...errorResponses,
  },
});

const revokeTokenRoute = createRoute({
  method: 'delete',
  path: '/api/auth/tokens/{tokenId}',
  tags: ['auth'],
  summary: 'Revoke one of your API tokens at once',
  request: { params: z.object({ tokenId: z.string().min(1).max(100) }) },
  responses: { 204: { description: 'Revoked' }, ...writeErrorResponses },
});

export function registerAuthRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(signInRoute, async (c) => {
    const result = await signIn({
      store: c.get('store'),
      input: c.req.valid('json'),
      address: clientAddress(c),
      previousSessionToken: getCookie(c, SESSION_COOKIE),
    });
    setCookie(c, SESSION_COOKIE, result.sessionToken, {
      httpOnly: true,
      sameSite: 'Lax',
      path: '/',
      secure: isSecureRequest(c),
      maxAge: Math.floor(sessionPolicy().absoluteMs / 1000),
    });
    return c.json({ user: toUserDto(result.principal), csrfToken: result.csrfToken }, 200);
  });
  app.openapi(signOutRoute, async (c) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (token !== undefined) await signOut(c.get('store'), token);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.body(null, 204);
  });
  app.openapi(meRoute, (c) => c.json({ user: toUserDto(c.get('principal')) }, 200));
  app.openapi(createTokenRoute, async (c) => {
    const token = await createApiToken({ ctx: c.get('ctx'), input: c.req.valid('json') });
    return c.json(token, 201);
  });
  app.openapi(signOutEverywhereRoute, async (c) => {
    const result = await signOutEverywhere({ ctx: c.get('ctx') });
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.json(result, 200);
  });
  app.openapi(listTokensRoute, async (c) =>
    c.json({ items: await listApiTokens({ ctx: c.get('ctx') }) }, 200),
  );
  app.openapi(revokeTokenRoute, async (c) => {
    await revokeApiToken({ ctx: c.get('ctx'), input: { tokenId: c.req.valid('param').tokenId } });
    return c.body(null, 204);
  });
}
