import { AppError } from '../domain/errors.js';
import { canonicalHash } from '../lib/sha256.js';
import type { Executor, Store } from '../store/database.js';
import {
  claimIdempotencyKey,
  completeIdempotencyKey,
  purgeIdempotencyKeys,
} from '../store/repositories/idempotency.js';
import { nowOf, type ServiceCtx } from './context.js';

export type Idempotent<T> = { readonly result: T; readonly replayed: boolean };

/**
 * How long an Idempotency-Key is remembered: long enough for any client's retries (a day,
 * as is usual for HTTP APIs), short enough that the table stays small. After it, the key is
 * new again, and the purge job (src/jobs/maintenance/purge-idempotency.job.ts) deletes it.
 */
export const IDEMPOTENCY_KEY_LIFETIME_MS = 24 * 60 * 60_000;

/** Keys stamped before this instant have expired at `now`. */
export function idempotencyExpiry(now: Date): Date {
  return new Date(now.getTime() - IDEMPOTENCY_KEY_LIFETIME_MS);
}

/**
 * Runs a creating operation at most once per (principal, Idempotency-Key) within the key's
 * lifetime, inside the operation's own transaction: the same key with the same request
 * replays the stored result; the same key with a different request is refused; a key older
 * than IDEMPOTENCY_KEY_LIFETIME_MS is treated as never used.
 */
export async function onceForKey<T>(
  tx: Executor,
  ctx: ServiceCtx,
  key: string | undefined,
  request: { readonly operation: string; readonly body: unknown },
  fn: () => Promise<T>,
): Promise<Idempotent<T>> {
  if (key === undefined) return { result: await fn(), replayed: false };
  const at = nowOf(ctx);
  const claim = await claimIdempotencyKey(tx, {
    principalId: ctx.principal.userId,
    key,
    requestHash: canonicalHash(request),
    at,
    expiredBefore: idempotencyExpiry(at),
  });
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

/** Deletes the keys that have expired at `now` (the periodic purge job); returns how many. */
export async function purgeExpiredIdempotencyKeys(store: Store, now: Date): Promise<number> {
  return store.transaction((tx) => purgeIdempotencyKeys(tx, idempotencyExpiry(now)));
}
