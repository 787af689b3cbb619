import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { AppError } from '../../domain/errors.js';
import { authenticateApiToken, authenticateSession } from '../../services/auth/authenticate.js';
import type { Principal } from '../../services/context.js';
import type { AppEnv } from '../http/env.js';

export const SESSION_COOKIE = 'cf_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Resolves the principal from `Authorization: Bearer <api token>` or the session cookie and
 * puts the service context on the request. Cookie-authenticated writes must echo the
 * session's CSRF token in X-CSRF-Token (a bearer token cannot be sent by another site).
 */
export function authenticate(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const store = c.get('store');
    const authorization = c.req.header('authorization');
    let principal: Principal | undefined;
    if (authorization !== undefined) {
      const token = /^Bearer\s+(\S{1,512})$/i.exec(authorization)?.[1];
      principal = token === undefined ? undefined : await authenticateApiToken(store, token);
      if (principal === undefined) {
        throw new AppError(
          'UNAUTHENTICATED',
          'The API token is missing, malformed, expired or revoked; create a new one.',
        );
      }
      // Fail closed for read-only tokens even on a route whose verb forgot its permission check.
      if (principal.scope === 'read' && !SAFE_METHODS.has(c.req.method)) {
        throw new AppError('FORBIDDEN', 'This API token is read-only; create a read_write token to write.', {
          scope: 'read',
        });
      }
    } else {
      const sessionToken = getCookie(c, SESSION_COOKIE);
      const session = sessionToken === undefined ? undefined : await authenticateSession(store, sessionToken);
      if (session === undefined) {
        throw new AppError(
          'UNAUTHENTICATED',
          'Sign in first (POST /api/auth/sign-in) or send an API token as Bearer.',
        );
      }
      if (!SAFE_METHODS.has(c.req.method)) {
        const sent = c.req.header('x-csrf-token');
        if (sent === undefined || !sameSecret(sent, session.csrfToken)) {
          throw new AppError(
            'CSRF_FAILED',
            'Send the csrfToken from sign-in in the X-CSRF-Token header with every write.',
          );
        }
      }
      principal = session.principal;
    }
    c.set('principal', principal);
    c.set('ctx', { store, principal, requestId: c.get('requestId') });
    await next();
  };
}
