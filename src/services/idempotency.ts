import { AppError } from '../domain/errors.js';
import { canonicalHash } from '../lib/sha256.js';
import type { Executor } from '../store/database.js';
import { claimIdempotencyKey, completeIdempotencyKey } from '../store/repositories/idempotency.js';
import type { ServiceCtx } from './context.js';

export type Idempotent<T> = { readonly result: T; readonly replayed: boolean };

/**
 * Runs a creating operation at most once per (principal, Idempotency-Key), inside the
 * operation's own transaction: the same key with the same request replays the stored
 * result; the same key with a different request is refused.
 */
export async function onceForKey<T>(
  tx: Executor,
  ctx: ServiceCtx,
  key: string | undefined,
  request: { readonly operation: string; readonly body: unknown },
  fn: () => Promise<T>,
): Promise<Idempotent<T>> {
  if (key === undefined) return { result: await fn(), replayed: false };
  const claim = await claimIdempotencyKey(tx, ctx.principal.userId, key, canonicalHash(request));
  if (claim.status === 'mismatch') {
    throw new AppError(
      'IDEMPOTENCY_KEY_REUSED',
      'This Idempotency-Key was already used for a different request; send a new key for a new request.',
      { idempotencyKey: key },
    );
  }
  if (claim.status === 'replay') return { result: claim.response as T, replayed: true };
  const result = await fn();
  await completeIdempotencyKey(tx, ctx.principal.userId, key, result);
  return { result, replayed: false };
}
