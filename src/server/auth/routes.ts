import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { signOut } from '../../services/auth/authenticate.js';
import { createApiToken } from '../../services/auth/create-api-token.js';
import { toUserDto } from '../../services/auth/principal.js';
import { SESSION_TTL_MS, signIn } from '../../services/auth/sign-in.js';
import type { AppEnv } from '../http/env.js';
import { errorResponses, writeErrorResponses } from '../http/schemas.js';
import { SESSION_COOKIE } from './authenticate.js';

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
          }),
        },
      },
    },
    ...writeErrorResponses,
  },
});

export function registerAuthRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(signInRoute, async (c) => {
    const result = await signIn({ store: c.get('store'), input: c.req.valid('json') });
    setCookie(c, SESSION_COOKIE, result.sessionToken, {
      httpOnly: true,
      sameSite: 'Lax',
      path: '/',
      secure: new URL(c.req.url).protocol === 'https:',
      maxAge: Math.floor(SESSION_TTL_MS / 1000),
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
}
