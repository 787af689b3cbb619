import type { MiddlewareHandler } from 'hono';
import { isSecureRequest } from '../auth/cookie-options.js';
import type { AppEnv } from '../http/env.js';

/**
 * The CSP suited to the web app in web/dist: every script and style comes from our own origin
 * (Vite emits files, no inline scripts), the API is same-origin, images may be data:/blob:
 * (previews), nothing may frame us. A route that needs another policy (the API docs page) sets
 * its own Content-Security-Policy and keeps it.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const FIXED_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=()',
};

export function securityHeaders(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    for (const [name, value] of Object.entries(FIXED_HEADERS)) {
      if (!c.res.headers.has(name)) c.res.headers.set(name, value);
    }
    if (!c.res.headers.has('Content-Security-Policy')) {
      c.res.headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    }
    if (isSecureRequest(c))
      c.res.headers.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
  };
}
