import type { Context } from 'hono';
import type { AppEnv } from '../http/env.js';

/**
 * Whether the session cookie gets the Secure flag. COOKIE_SECURE=always|never forces it; the
 * default (auto) sets it when the request arrived over TLS: an https URL, or a TLS-terminating
 * proxy saying so in X-Forwarded-Proto.
 */
export function isSecureRequest(c: Context<AppEnv>): boolean {
  const mode = process.env['COOKIE_SECURE'] ?? 'auto';
  if (mode === 'always') return true;
  if (mode === 'never') return false;
  const forwarded = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
  return forwarded === 'https' || new URL(c.req.url).protocol === 'https:';
}

/**
 * The client's address for sign-in throttling. X-Forwarded-For is trusted only when
 * TRUST_PROXY=1 (otherwise any client could pick its own address); else the socket's address.
 */
export function clientAddress(c: Context<AppEnv>): string | undefined {
  if (process.env['TRUST_PROXY'] === '1') {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded.slice(0, 64);
  }
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress;
}
