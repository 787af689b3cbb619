import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Webhook signatures (docs/webhooks.md): HMAC-SHA256 with the webhook's secret over
 * `<timestamp>.<raw body>`, sent as `Clearframe-Signature: t=<unix seconds>,v1=<hex>`.
 * Signing the timestamp with the body lets a receiver refuse replays: a captured delivery
 * cannot be re-sent with a fresh timestamp without the secret.
 */
export const SIGNATURE_HEADER = 'Clearframe-Signature';
export const REPLAY_TOLERANCE_SECONDS = 300;

export function signPayload(secret: string, timestampSeconds: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestampSeconds}.${body}`).digest('hex');
}

export function signatureHeader(secret: string, timestampSeconds: number, body: string): string {
  return `t=${timestampSeconds},v1=${signPayload(secret, timestampSeconds, body)}`;
}

export type VerifyResult = { ok: true } | { ok: false; reason: string };

/** What a receiver does: parse the header, refuse old or future timestamps, compare in constant time. */
export function verifySignature(
  secret: string,
  header: string | null | undefined,
  body: string,
  nowSeconds: number,
  toleranceSeconds = REPLAY_TOLERANCE_SECONDS,
): VerifyResult {
  if (!header) return { ok: false, reason: `missing ${SIGNATURE_HEADER} header` };
  const parts = new Map<string, string[]>();
  for (const piece of header.split(',')) {
    const [k, v] = piece.trim().split('=', 2);
    if (k && v) parts.set(k, [...(parts.get(k) ?? []), v]);
  }
  const t = Number(parts.get('t')?.[0]);
  if (!Number.isInteger(t)) return { ok: false, reason: 'signature header has no t=<unix seconds>' };
  if (Math.abs(nowSeconds - t) > toleranceSeconds) {
    return {
      ok: false,
      reason: `timestamp ${t} is more than ${toleranceSeconds} s from now: possible replay`,
    };
  }
  const expected = Buffer.from(signPayload(secret, t, body), 'hex');
  const matches = (parts.get('v1') ?? []).some((candidate) => {
    const given = Buffer.from(candidate, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  return matches ? { ok: true } : { ok: false, reason: 'no v1 signature matches the body' };
}
