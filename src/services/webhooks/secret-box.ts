import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Webhook secrets at rest. We sign with the secret, so a one-way hash cannot do: it is kept
 * encrypted with AES-256-GCM under `CLEARFRAME_SECRET_KEY` (32 bytes, hex or base64; the same
 * on every server). A database dump alone then gives no way to forge deliveries. Without the
 * variable (embedded development use) a fixed development key is used and the server says so;
 * production (NODE_ENV=production) refuses to create webhooks without it.
 */
const DEV_KEY = createHash('sha256').update('clearframe-development-webhook-key').digest();

export function secretKeyFromEnv(
  env: Readonly<Record<string, string | undefined>> = process.env,
): Buffer | undefined {
  const raw = env['CLEARFRAME_SECRET_KEY']?.trim();
  if (!raw) return undefined;
  const key = /^[0-9a-f]{64}$/i.test(raw) ? Buffer.from(raw, 'hex') : Buffer.from(raw, 'base64');
  if (key.length !== 32) {
    throw new Error('CLEARFRAME_SECRET_KEY must be 32 bytes, as 64 hex characters or base64');
  }
  return key;
}

export function isProductionWithoutKey(
  env: Readonly<Record<string, string | undefined>> = process.env,
): boolean {
  return env['NODE_ENV'] === 'production' && secretKeyFromEnv(env) === undefined;
}

function keyOf(env?: Readonly<Record<string, string | undefined>>): Buffer {
  return secretKeyFromEnv(env) ?? DEV_KEY;
}

/** `v1.<iv>.<tag>.<ciphertext>`, base64url parts. */
export function sealSecret(secret: string, env?: Readonly<Record<string, string | undefined>>): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(env), iv);
  const data = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return ['v1', iv, cipher.getAuthTag(), data]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.');
}

export function openSecret(sealed: string, env?: Readonly<Record<string, string | undefined>>): string {
  const [version, iv, tag, data] = sealed.split('.');
  if (version !== 'v1' || !iv || !tag || data === undefined)
    throw new Error('webhook secret is not in v1 form');
  const decipher = createDecipheriv('aes-256-gcm', keyOf(env), Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
}

export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}
